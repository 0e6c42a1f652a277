"""Dyad series: how two actors dealt with each other, period by period.

Counts are of distinct fused events (one event told by ten articles counts
once), with the number of mentions and of source documents beside them.
Only asserted events count unless another modality is asked for. Periods are
zero-filled only inside the coverage window of the store (first to last
publication date), so a quiet month reads 0 and a month before the data
began reads nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

PERIODS = ("day", "week", "month", "year")
QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


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
    return list(_period_keys(first, last, period))


@lru_cache(maxsize=64)
def _period_keys(first: date, last: date, period: str) -> tuple[str, ...]:
    keys, day = [], first
    while day <= last:
        key = period_key(day, period)
        if not keys or keys[-1] != key:
            keys.append(key)
        day += timedelta(days=1 if period in ("day", "week") else 28 if period == "month" else 365)
    last_key = period_key(last, period)
    if keys[-1] != last_key:
        keys.append(last_key)
    return tuple(keys)


# One aggregate row of a dyad, as SQLiteStore.dyad_counts returns it:
# (period, type, quad_class, events, mentions, sources, goldstein_sum)
DyadCount = tuple[str, str, int, int, int, int, float]


def dyad_series(rows: list[dict], coverage: tuple[date, date] | None, period: str = "month") -> list[dict]:
    """Rows of fused events (``day``, ``type``, ``quad_class``, ``goldstein``, ``n_mentions``,
    ``n_documents``) as one record per period, zero-filled across ``coverage``."""
    if period not in PERIODS:
        raise ValueError(f"period {period!r} is not one of {', '.join(PERIODS)}")
    counts = [(period_key(r["day"], period), r["type"], r["quad_class"], 1, r["n_mentions"], r["n_documents"],
               r["goldstein"] or 0.0) for r in rows]
    return dyad_table(counts, coverage, period)


def dyad_table(counts: list[DyadCount], coverage: tuple[date, date] | None, period: str = "month") -> list[dict]:
    """Aggregate rows (``DyadCount``) as one record per period: events, mentions, sources, summed and
    mean Goldstein, then counts per QuadClass and per PLOVER type, zero-filled across ``coverage``."""
    if period not in PERIODS:
        raise ValueError(f"period {period!r} is not one of {', '.join(PERIODS)}")
    types = sorted({c[1] for c in counts})
    empty = {"period": "", "events": 0, "mentions": 0, "sources": 0, "goldstein_sum": 0.0, "goldstein_mean": None,
             **{name: 0 for name in QUAD_NAMES.values()}, **{t: 0 for t in types}}
    filled: dict[str, dict] = {}
    for key, type_, quad, events, mentions, sources, goldstein in counts:
        row = filled.get(key)
        if row is None:
            row = filled[key] = {**empty, "period": key}
        row["events"] += events
        row["mentions"] += mentions
        row["sources"] += sources
        row["goldstein_sum"] += goldstein or 0.0
        row[type_] += events
        if quad in QUAD_NAMES:
            row[QUAD_NAMES[quad]] += events
    for row in filled.values():
        row["goldstein_mean"] = round(row["goldstein_sum"] / row["events"], 3) if row["events"] else None
        row["goldstein_sum"] = round(row["goldstein_sum"], 2)
    keys = set(filled)
    if coverage is not None:
        keys.update(_period_keys(coverage[0], coverage[1], period))
    return [filled.get(k) or {**empty, "period": k} for k in sorted(keys)]
