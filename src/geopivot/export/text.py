"""CSV, TSV and JSON Lines: written row by row, so an export of any size runs in constant memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from .layout import Column
from .safety import neutralise


def _cell(value: object) -> object:
    # Real numbers pass as numbers; any text (even in a numeric column) goes through the formula guard.
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    return value


def write_delimited(rows: Iterable[dict], columns: list[Column], stream: TextIO, delimiter: str) -> int:
    """A header, then one line per row; fields with the delimiter, quotes or newlines are quoted."""
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
    writer.writerow([neutralise(c.name) for c in columns])
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(c.name)) for c in columns])
        count += 1
    return count


def write_jsonl(rows: Iterable[dict], columns: list[Column], stream: TextIO) -> int:
    """One JSON object per line, every column present (null when empty), in the layout's order."""
    count = 0
    for row in rows:
        stream.write(json.dumps({c.name: row.get(c.name) for c in columns}, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count
