"""Every exception geopivot raises on purpose.

Unknown is data, broken is an exception: an actor we cannot resolve is a
``None`` code with a reason, but input we cannot read, a model that is not
installed or a store we cannot write raise one of these. Every message names
the thing at fault and says what to do about it.

    GeopivotError
    ├── ConfigurationError          bad setting value or unknown setting name
    ├── ModelNotInstalledError      the spaCy English pipeline is missing
    ├── PipelineError               stages in an order that cannot work
    ├── StageError                  a stage failed on one document
    ├── QueryError                  a filter, sort or cursor that cannot be used
    │   └── NotFoundError           no stored item has the id asked for
    ├── ExportError                 events cannot be exported as asked (format, layout, destination)
    ├── StoreError                  the database cannot be opened or written
    │   └── SchemaVersionError      the file was written by a newer geopivot
    └── InputError                  one input (file, row) cannot be ingested
        ├── UnsupportedFormatError  unknown extension
        ├── EmptyInputError         nothing but whitespace
        ├── BinaryInputError        looks like a binary file
        ├── EncodingError           not valid UTF-8
        ├── TooLargeError           longer than ``max_document_chars``
        ├── MalformedRecordError    broken JSONL row / CSV row / missing text column
        ├── NoTextError             HTML or PDF with no extractable text
        └── EncryptedPdfError       PDF we cannot decrypt
"""

from __future__ import annotations


class GeopivotError(Exception):
    """Base of all geopivot errors."""


class ConfigurationError(GeopivotError):
    """A setting has a value geopivot cannot use."""


class ModelNotInstalledError(GeopivotError):
    """The spaCy English pipeline cannot be loaded from the local environment."""


class PipelineError(GeopivotError):
    """Stages were assembled in an order where a stage lacks what it requires."""


class StageError(GeopivotError):
    """A pipeline stage failed on one document."""

    def __init__(self, stage: str, document_id: str, cause: BaseException):
        self.stage = stage
        self.document_id = document_id
        self.cause = cause
        super().__init__(
            f"stage {stage!r} failed on document {document_id}: "
            f"{type(cause).__name__}: {cause}. The document was skipped; "
            "report it with `geopivot code` on its text if it looks like a bug."
        )


class QueryError(GeopivotError):
    """A question about stored data names a filter value, sort column or cursor geopivot cannot use."""


class NotFoundError(QueryError):
    """No stored document, event or state has the id asked for."""


class ExportError(GeopivotError):
    """Events cannot be exported in the format, layout or destination asked for."""


class StoreError(GeopivotError):
    """The database cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The database was written by a newer geopivot than this one."""


class InputError(GeopivotError):
    """One input cannot be ingested. ``origin`` names it; ``reason`` is a short key for summaries."""

    reason = "unreadable"

    def __init__(self, origin: str, message: str):
        self.origin = origin
        self.detail = message
        super().__init__(f"{origin}: {message}")


class UnsupportedFormatError(InputError):
    reason = "unsupported format"


class EmptyInputError(InputError):
    reason = "empty"


class BinaryInputError(InputError):
    reason = "binary"


class EncodingError(InputError):
    reason = "invalid encoding"


class TooLargeError(InputError):
    reason = "too large"


class MalformedRecordError(InputError):
    reason = "malformed record"


class NoTextError(InputError):
    reason = "no text"


class EncryptedPdfError(InputError):
    reason = "encrypted pdf"
