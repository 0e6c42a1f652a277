"""Publication dates as written in datelines: "10:44 AM EDT, March 25, 2024", "5 Apr 2024"."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from dateutil import parser as dateparser
from dateutil.tz import tzoffset

_HOURS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "WAT": 1, "CEST": 2, "CAT": 2,
    "EET": 2, "SAST": 2, "EEST": 3, "EAT": 3, "MSK": 3, "GST": 4, "PKT": 5, "IST": 5.5,
    "ICT": 7, "CST_ASIA": 8, "HKT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "EDT": -4, "EST": -5, "CDT": -5, "CST": -6, "MDT": -6, "MST": -7, "PDT": -7, "PST": -8,
}
TZINFOS = {name: tzoffset(name, int(hours * 3600)) for name, hours in _HOURS.items()}
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
MAX_DATELINE_WORDS = 8


class Published:
    __slots__ = ("local", "utc", "precision")

    def __init__(self, local: str, utc: str | None, precision: str):
        self.local, self.utc, self.precision = local, utc, precision


def parse_published(text: str, *, strict: bool = True) -> Published | None:
    """Parse a publication date/time. ``strict`` demands a short line with a 4-digit year."""
    text = text.strip()
    if not text or (strict and (len(text.split()) > MAX_DATELINE_WORDS or not _YEAR.search(text))):
        return None
    try:
        value = dateparser.parse(text, tzinfos=TZINFOS, dayfirst=False, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if value.year < 1900:
        return None
    has_time = bool(_TIME.search(text)) or ("T" in text and _ISO.match(text) is not None)
    if not has_time:
        return Published(value.date().isoformat(), None, "day")
    local = value.isoformat(timespec="minutes")
    utc = None
    if value.tzinfo is not None:
        utc = value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
    return Published(local, utc, "minute")
