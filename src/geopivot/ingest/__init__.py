"""Reading inputs into records: text plus metadata, or a clear error per input."""

from .records import Record
from .readers import SUPPORTED_EXTENSIONS, iter_objects, iter_records

__all__ = ["Record", "SUPPORTED_EXTENSIONS", "iter_objects", "iter_records"]
