"""Keeping spreadsheet formulas out of CSV and TSV exports.

A cell that starts with = + - @ (or a tab or carriage return) runs as a formula when the
file is opened in Excel or LibreOffice, and evidence sentences are text from the web. As
OWASP recommends, such cells get a leading apostrophe, which spreadsheets show as text.
Only text columns are guarded: a Goldstein score of -7.0 is a number and stays one.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text
