"""Stata .dta (format 118, Stata 14 and later) through pandas.

Stata names are at most 32 characters of letters, digits and underscores, so "Event ID"
becomes event_id; every variable keeps its original column name as its label. Text longer
than Stata's 2,045-byte str limit is written as strL rather than cut.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from typing import BinaryIO

from .layout import Column

STATA_VERSION = 118
STR_LIMIT = 2045  # bytes, the longest fixed-width str# in format 117 and later
LONG_LIMIT = 2_147_483_620  # the largest Stata long; bigger integers go in a double (exact to 2**53)
_VALID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,31}$")
_RESERVED = frozenset({
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_N", "_pi",
    "_pred", "_rc", "_skip", "strL", "using", "with",
})


def stata_names(names: Iterable[str]) -> dict[str, str]:
    """Original column name -> a valid, unique Stata variable name."""
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = name
        if not _VALID.match(name):  # "Event ID" -> event_id; GDELT's names are valid and stay as they are
            base = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_").lower()
        if not base or base[0].isdigit() or base in _RESERVED:
            base = f"v_{base}"
        candidate, n = base[:32], 1
        while candidate in taken:
            n += 1
            candidate = f"{base[:32 - len(str(n)) - 1]}_{n}"
        chosen[name] = candidate
        taken.add(candidate)
    return chosen


def write_stata(rows: Iterable[dict], columns: list[Column], sink: str | BinaryIO, data_label: str) -> int:
    import pandas as pd

    names = stata_names(c.name for c in columns)
    data = {names[c.name]: [] for c in columns}
    for row in rows:
        for c in columns:
            data[names[c.name]].append(row.get(c.name))
    frame = pd.DataFrame({names[c.name]: _series(data[names[c.name]], c) for c in columns})
    long_text = [names[c.name] for c in columns if c.kind == "str" and _longest_bytes(data[names[c.name]]) > STR_LIMIT]
    with warnings.catch_warnings():
        # Labels and names are chosen above; pandas' notes about them would only repeat it.
        warnings.simplefilter("ignore", category=UserWarning)
        frame.to_stata(sink, write_index=False, version=STATA_VERSION, data_label=data_label[:80],
                       variable_labels={names[c.name]: c.name[:80] for c in columns},
                       convert_strl=long_text)
    return len(frame)


def _series(values: list, column: Column):
    import pandas as pd

    if column.kind == "float":
        return pd.Series(values, dtype="float64")
    if column.kind == "int":
        if any(v is not None and abs(v) > LONG_LIMIT for v in values):
            return pd.Series(values, dtype="float64")
        return pd.Series(values, dtype="Int64")
    # Stata's missing string is "", and pandas refuses a text column that is all None.
    return pd.Series(["" if v is None else v for v in values], dtype="object")


def _longest_bytes(values: list) -> int:
    return max((len(v.encode("utf-8")) for v in values if isinstance(v, str)), default=0)
