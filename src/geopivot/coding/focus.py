"""The state a document is about, so far: what "the junta" or "the country" points back to."""

from __future__ import annotations

from ..model import Mention


def focus_state(mentions: list[Mention], until: int) -> str | None:
    """The state named most often among ``mentions`` before ``until`` (earliest first on ties)."""
    counts: dict[str, int] = {}
    for m in mentions:
        code = m.resolution.country
        if m.start < until and code and m.resolution.code == code:
            counts[code] = counts.get(code, 0) + 1
    return max(counts, key=counts.get) if counts else None
