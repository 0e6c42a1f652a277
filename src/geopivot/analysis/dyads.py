"""Dyad series: how two actors dealt with each other, period by period.

Counts are of distinct fused events (one event told by ten articles counts
once), with the number of mentions and of source documents beside them.
Only asserted events count unless another modality is asked for. Periods are
zero-filled only inside the coverage window of the store (first to last
publication date), so a quiet month reads 0 and a month before the data
began reads nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

PERIODS = ("day", "week", "month", "year")
QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


@dataclass
class DyadPeriod:
    period: str
    events: int = 0
    mentions: int = 0
    sources: int = 0
    goldstein_sum: float = 0.0
    by_type: Counter = field(default_factory=Counter)
    by_quad: Counter = field(default_factory=Counter)

    @property
    def goldstein_mean(self) -> float | None:
        return round(self.goldstein_sum / self.events, 3) if self.events else None

    def as_dict(self, types: list[str]) -> dict:
        row = {"period": self.period, "events": self.events, "mentions": self.mentions, "sources": self.sources,
               "goldstein_sum": round(self.goldstein_sum, 2), "goldstein_mean": self.goldstein_mean}
        row.update({QUAD_NAMES[q]: self.by_quad[q] for q in QUAD_NAMES})
        row.update({t: self.by_type[t] for t in types})
        return row


def period_key(day: date, period: str) -> str:
    if period == "day":
        return day.isoformat()
    if period == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    if period == "month":
        return day.isoformat()[:7]
    if period == "year":
        return day.isoformat()[:4]
    raise ValueError(f"period {period!r} is not one of {', '.join(PERIODS)}")


def period_range(first: date, last: date, period: str) -> list[str]:
    """Every period key from ``first`` to ``last``: the coverage window to zero-fill."""
    keys, day = [], first
    while day <= last:
        key = period_key(day, period)
        if not keys or keys[-1] != key:
            keys.append(key)
        day += timedelta(days=1 if period in ("day", "week") else 28 if period == "month" else 365)
    last_key = period_key(last, period)
    if keys[-1] != last_key:
        keys.append(last_key)
    return keys


def dyad_series(rows: list[dict], coverage: tuple[date, date] | None, period: str = "month") -> list[dict]:
    """Rows of fused events (``day``, ``type``, ``quad_class``, ``goldstein``, ``n_mentions``,
    ``n_documents``) as one record per period, zero-filled across ``coverage``."""
    if period not in PERIODS:
        raise ValueError(f"period {period!r} is not one of {', '.join(PERIODS)}")
    counts = [{"period": period_key(r["day"], period), "type": r["type"], "quad_class": r["quad_class"],
               "events": 1, "mentions": r["n_mentions"], "sources": r["n_documents"],
               "goldstein_sum": r["goldstein"] or 0.0} for r in rows]
    return dyad_table(counts, coverage, period)


def dyad_table(counts: list[dict], coverage: tuple[date, date] | None, period: str = "month") -> list[dict]:
    """Counts per (``period``, ``type``, ``quad_class``), as the store aggregates them
    (``SQLiteStore.dyad_counts``), as one record per period, zero-filled across ``coverage``."""
    if period not in PERIODS:
        raise ValueError(f"period {period!r} is not one of {', '.join(PERIODS)}")
    filled: dict[str, DyadPeriod] = {}
    for c in counts:
        p = filled.get(c["period"]) or filled.setdefault(c["period"], DyadPeriod(c["period"]))
        p.events += c["events"]
        p.mentions += c["mentions"]
        p.sources += c["sources"]
        p.goldstein_sum += c["goldstein_sum"] or 0.0
        p.by_type[c["type"]] += c["events"]
        if c["quad_class"]:
            p.by_quad[c["quad_class"]] += c["events"]
    types = sorted({c["type"] for c in counts})
    keys = set(filled)
    if coverage is not None:
        keys.update(period_range(coverage[0], coverage[1], period))
    empty = DyadPeriod("").as_dict(types)  # a quiet period: one template, copied
    return [filled[k].as_dict(types) if k in filled else {**empty, "period": k} for k in sorted(keys)]
