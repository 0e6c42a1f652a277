"""``export_events``: stored events, filtered as `geopivot events` filters them, written in one
format and layout. Text formats stream row by row; Stata and the networks need every row first.

A file is written under a temporary name and renamed when complete, so a failed export
never leaves a half-written file where a finished one is expected.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO

from ..errors import ExportError
from ..store import EventFilter, SQLiteStore
from . import network, parquet, stata, text
from .layout import Column, Layout, inferred_column
from .layouts import LAYOUTS
from .lookups import Lookups

TEXT_FORMATS = ("csv", "tsv", "jsonl")
TABLE_FILE_FORMATS = ("parquet", "dta")
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = TEXT_FORMATS + TABLE_FILE_FORMATS + NETWORK_FORMATS
BINARY_FORMATS = TABLE_FILE_FORMATS + NETWORK_FORMATS

Destination = str | os.PathLike | IO


@dataclass(frozen=True)
class ExportReport:
    format: str
    layout: str
    rows: int  # rows written; for a network, its edges
    events: int  # stored event mentions read
    path: str | None  # None when written to a stream
    nodes: int | None = None  # networks only


def export_events(store: SQLiteStore, where: EventFilter, fmt: str, layout: str, out: Destination) -> ExportReport:
    """Write the events ``where`` selects to ``out`` (a path, or an open stream: text for csv, tsv
    and jsonl, binary for the others) in format ``fmt`` and column layout ``layout``."""
    chosen = check_request(fmt, layout, out)
    lookups = Lookups(store)
    events = _Counted(store.events(where))
    path = None if _is_stream(out) else str(out)
    if fmt in NETWORK_FORMATS:
        graph = network.build_network(events, lookups)
        with _destination(out, binary=True) as sink:
            if fmt == "graphml":
                network.write_graphml(graph, sink)
            else:
                network.write_gexf(graph, sink, description=f"geopivot actor network of {graph.events} events")
        return ExportReport(fmt, layout, len(graph.edges), events.count, path, nodes=len(graph.nodes))
    columns, rows = _columns_and_rows(chosen, events, lookups)
    with _destination(out, binary=fmt in BINARY_FORMATS) as sink:
        if fmt == "jsonl":
            written = text.write_jsonl(rows, columns, sink)
        elif fmt in ("csv", "tsv"):
            written = text.write_delimited(rows, columns, sink, "," if fmt == "csv" else "\t")
        elif fmt == "parquet":
            written = parquet.write_parquet(rows, columns, sink, {"geopivot.layout": layout})
        else:
            written = stata.write_stata(rows, columns, sink, data_label=f"geopivot events, {layout} layout")
    return ExportReport(fmt, layout, written, events.count, path)


def check_request(fmt: str, layout: str, out: Destination | None) -> Layout:
    """The layout asked for, once the format, layout and destination are known to fit together."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if layout not in LAYOUTS:
        raise ExportError(f"unknown layout {layout!r}; use one of: {', '.join(LAYOUTS)}")
    if fmt in NETWORK_FORMATS and layout != "geopivot":
        raise ExportError(f"{fmt} writes an actor network, which has no column layout: drop the {layout} layout, "
                          f"or pick a table format ({', '.join(TEXT_FORMATS + TABLE_FILE_FORMATS)})")
    if out is None:
        kind = "a file path or a text stream" if fmt in TEXT_FORMATS else "a file path (or a binary stream)"
        raise ExportError(f"{fmt} export needs somewhere to go: give {kind}")
    if fmt in BINARY_FORMATS and isinstance(out, io.TextIOBase):
        raise ExportError(f"{fmt} is a binary format and cannot go to a text stream: give a file path "
                          "(or a binary stream such as sys.stdout.buffer)")
    return LAYOUTS[layout]


def _columns_and_rows(layout: Layout, events, lookups: Lookups) -> tuple[list[Column], Iterator[dict]]:
    """The layout's columns, plus any the store's rows carry that the layout does not know yet
    (the geopivot layout passes the store's row through, and the store may have grown)."""
    rows = layout.rows(events, lookups)
    first = next(rows, None)
    if first is None:
        return list(layout.columns), iter(())
    known = set(layout.names)
    extra = [inferred_column(name, value) for name, value in first.items() if name not in known]
    return list(layout.columns) + extra, chain([first], rows)


class _Counted:
    """An iterator that counts what passes through it (the stored events read)."""

    def __init__(self, items):
        self._items = iter(items)
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self._items)
        self.count += 1
        return item


def _is_stream(out: Destination) -> bool:
    return hasattr(out, "write")


@contextmanager
def _destination(out: Destination, binary: bool):
    """What a writer writes to: the stream itself, or a temporary file renamed into place at the end."""
    if _is_stream(out):
        if not binary and not isinstance(out, io.TextIOBase):
            wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # a binary stream given for text
            yield wrapper
            wrapper.flush()
            wrapper.detach()
        else:
            yield out
        return
    target = Path(out)
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: the folder {target.parent} does not exist; create it first")
    partial = target.with_name(f".{target.name}.partial")
    try:
        if binary:
            yield str(partial)
        else:
            with open(partial, "w", encoding="utf-8", newline="") as handle:
                yield handle
        os.replace(partial, target)
    except OSError as problem:
        raise ExportError(f"cannot write {target}: {problem.strerror or problem}; "
                          "check the path, its permissions and the free space") from None
    finally:
        partial.unlink(missing_ok=True)
