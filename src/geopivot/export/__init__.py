"""Stored events out to pandas, R, Stata, Gephi, and scripts written for GDELT, ICEWS or POLECAT.

>>> from geopivot.export import export_events
>>> from geopivot.store import EventFilter, open_store
>>> with open_store("geopivot-demo.db") as store:                       # doctest: +SKIP
...     export_events(store, EventFilter(country="NER"), "parquet", "gdelt", "niger.parquet")

Formats: csv, tsv, jsonl (streamed), parquet, dta (Stata 14+), graphml and gexf (an actor
network). Layouts: geopivot (the store's own row), gdelt, icews, polecat; every column of
every layout, and what fills it, is listed in ``docs/exports.md``.
"""

from .citation import Citation, citation
from .exporter import (
    BINARY_FORMATS,
    FORMATS,
    NETWORK_FORMATS,
    TEXT_FORMATS,
    ExportReport,
    check_request,
    export_events,
)
from .layouts import LAYOUTS, layouts_markdown

__all__ = [
    "BINARY_FORMATS", "FORMATS", "LAYOUTS", "NETWORK_FORMATS", "TEXT_FORMATS", "Citation", "ExportReport",
    "check_request", "citation", "export_events", "layouts_markdown",
]
