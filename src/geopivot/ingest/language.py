"""A cheap English check, so non-English text is reported instead of coded into nonsense."""

from __future__ import annotations

import re

ENGLISH_STOPWORDS = frozenset(
    "the of and to a in is that for on with as by was at from it its has have be are were said "
    "an this which after not but or will their they he his she her been who would also had".split()
)
_WORD = re.compile(r"[a-z']+")


def english_ratio(text: str, sample_chars: int = 20_000) -> float:
    words = _WORD.findall(text[:sample_chars].lower())
    if not words:
        return 0.0
    return sum(w in ENGLISH_STOPWORDS for w in words) / len(words)


def guess_language(text: str, min_ratio: float, default: str = "en") -> str | None:
    """``default`` when the text reads as English, else None (unknown)."""
    return default if english_ratio(text) >= min_ratio else None
