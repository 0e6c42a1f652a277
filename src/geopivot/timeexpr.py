"""Resolving a time expression against the document's publication date.

News reports the past: an expression without a year ("In December",
"on March 12", "on Wednesday") resolves to the latest such date on or before
publication. Anything not understood falls back to the publication date with
the precision ``reported`` and keeps the expression, so nothing is invented.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .model import EventDate

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_WORD = re.compile(r"[a-z]+")


_SINCE = re.compile(r"^\s*(?:ever\s+)?since\s+(.+)$", re.I)
_SPAN = re.compile(r"^\s*(?:from|between)\s+(.+?)\s+(?:to|until|till|through|and)\s+(.+)$", re.I)


def resolve(expression: str | None, published: str | None) -> EventDate:
    """An :class:`EventDate` for ``expression`` as written in a text published on ``published``.

    Ranges: "since July 2023" runs from July 2023 to publication; "from March to May 2024" and
    "between 2019 and 2021" from the start of the first to the end of the second (the second's
    year completes the first when only it gives one).
    """
    anchor = date.fromisoformat(published[:10]) if published else None
    if not expression:
        return _reported(anchor, None)
    if (since := _SINCE.match(expression)) and anchor is not None:
        start = resolve(since.group(1), published)
        if start.value and start.precision != "reported":
            return EventDate(start.value, "range", expression, anchor.isoformat())
    if span := _SPAN.match(expression):
        first, second = span.group(1), span.group(2)
        if not _YEAR.search(first) and (year := _YEAR.search(second)):
            first = f"{first} {year.group(1)}"
        start, end = resolve(first, published), resolve(second, published)
        if start.precision not in ("reported", "range") and end.precision not in ("reported", "range") \
                and start.value <= end.value:
            return EventDate(start.value, "range", expression, _last_day(end))
    return _point(expression, anchor)


def _point(expression: str, anchor: date | None) -> EventDate:
    text = expression.lower()
    words = _WORD.findall(text)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    day = _day(text, year_match) if month else None

    if year and month and day:
        return _safe(expression, lambda: EventDate(date(year, month, day).isoformat(), "day", expression))
    if year and month:
        return EventDate(f"{year:04d}-{month:02d}-01", "month", expression)
    if year and not month and not ("last" in words or "next" in words):
        return EventDate(f"{year:04d}-01-01", "year", expression)
    if anchor is None:
        return _reported(None, expression)
    if month and day:
        return _safe(expression, lambda: EventDate(_latest(anchor, month, day).isoformat(), "day", expression))
    if month:
        y = anchor.year if month <= anchor.month else anchor.year - 1
        return EventDate(f"{y:04d}-{month:02d}-01", "month", expression)
    return _relative(words, anchor, expression)


def _last_day(point: EventDate) -> str:
    """The last day a point date covers: "May 2024" ends on 31 May, "2021" on 31 December."""
    start = date.fromisoformat(point.value)
    if point.precision == "year":
        return date(start.year, 12, 31).isoformat()
    if point.precision == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return (following - timedelta(days=1)).isoformat()
    if point.precision == "week":
        return (start + timedelta(days=6)).isoformat()
    return point.value


def _day(text: str, year_match) -> int | None:
    for match in _DAY.finditer(text):
        if year_match and match.start() == year_match.start():
            continue
        value = int(match.group(1))
        if 1 <= value <= 31:
            return value
    return None


def _latest(anchor: date, month: int, day: int) -> date:
    candidate = date(anchor.year, month, day)
    return candidate if candidate <= anchor else date(anchor.year - 1, month, day)


def _relative(words: list[str], anchor: date, expression: str) -> EventDate:
    if "yesterday" in words:
        return EventDate((anchor - timedelta(days=1)).isoformat(), "day", expression)
    if "today" in words or "tonight" in words:
        return EventDate(anchor.isoformat(), "day", expression)
    weekday = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        # "on Sunday" in a Sunday story is that day; "last Sunday" in it is the week before
        back = (anchor.weekday() - weekday) % 7 or (7 if "last" in words else 0)
        return EventDate((anchor - timedelta(days=back)).isoformat(), "day", expression)
    if "last" in words or "past" in words or "previous" in words:
        if "week" in words:
            monday = anchor - timedelta(days=anchor.weekday() + 7)
            return EventDate(monday.isoformat(), "week", expression)
        if "month" in words:
            first = anchor.replace(day=1) - timedelta(days=1)
            return EventDate(first.replace(day=1).isoformat(), "month", expression)
        if "year" in words:
            return EventDate(f"{anchor.year - 1:04d}-01-01", "year", expression)
    if "this" in words and "year" in words:
        return EventDate(f"{anchor.year:04d}-01-01", "year", expression)
    if "this" in words and "month" in words:
        return EventDate(anchor.replace(day=1).isoformat(), "month", expression)
    if "this" in words and "week" in words:
        return EventDate((anchor - timedelta(days=anchor.weekday())).isoformat(), "week", expression)
    return _reported(anchor, expression)


def _reported(anchor: date | None, expression: str | None) -> EventDate:
    return EventDate(anchor.isoformat() if anchor else None, "reported", expression)


def _safe(expression: str, build) -> EventDate:
    try:
        return build()
    except ValueError:  # "February 30": keep the words, do not invent a day
        return EventDate(None, "reported", expression)
