"""Reading geopivot's tab-separated tables: the shipped ones in ``geopivot/data`` and users' own.

Every table has a header row; lines starting with ``#`` are comments (most tables explain
themselves at the top). Fields are taken literally: no quoting.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from importlib import resources
from pathlib import Path


def parse_tsv(lines: Iterable[str]) -> list[dict[str, str]]:
    return list(csv.DictReader((line for line in lines if not line.startswith("#")),
                               delimiter="\t", quoting=csv.QUOTE_NONE))


def data_table(name: str) -> list[dict[str, str]]:
    """A table shipped in ``geopivot/data`` ([] if the package does not carry it)."""
    source = resources.files("geopivot.data").joinpath(name)
    if not source.is_file():
        return []
    with source.open(encoding="utf-8") as handle:
        return parse_tsv(handle)


def file_table(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        return parse_tsv(handle)
