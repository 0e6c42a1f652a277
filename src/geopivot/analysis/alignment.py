"""Alignment of a state toward the powers ("poles"), with its uncertainty.

For a state S, a pole P and a period, let c be the number of distinct fused
cooperative events between S and P in either direction and k the number of
conflictual ones, by the valence of their PLOVER type and mode in
``data/alignment_valence.tsv`` (QuadClass alone would count "called on US
units to pull out" and "France withdrew its forces" as cooperation). Group relations read from text count as cooperation:
each "rapprochement" relation (a state drawn closer to, or turning toward, a
pole) adds one to c in the month its document was published. A "presence"
(forces or bases hosted) does not: it is reported as background as often as
news, and as often when it ends as when it begins.

The share of cooperation θ gets a uniform prior, so θ ~ Beta(1 + c, 1 + k),
and the alignment score is 2θ − 1 in [−1, 1]: its posterior mean is
(c − k) / (c + k + 2), and the 90% credible interval is the 5th and 95th
percentiles of 2θ − 1. With no events the score is 0 and the interval is
nearly [−0.9, 0.9]: few events give a wide interval, not a confident number.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy.stats import beta

from ..tables import data_table

# The powers a state's alignment is read against, unless the caller names others. "EUR" is
# geopivot's code for the European Union (CAMEO's code for Europe).
DEFAULT_POLES = ("USA", "RUS", "CHN", "FRA", "EUR")
# Credible interval: the central 90% of the posterior.
CREDIBLE_MASS = 0.90


def load_valence() -> list[tuple[str, str, float, int]]:
    """(type, mode or '', valence, ends an earlier tie) rows of ``data/alignment_valence.tsv``."""
    return [(r["type"], r["mode"] or "", float(r["valence"]), int(r["ends"]))
            for r in data_table("alignment_valence.tsv")]


@dataclass(frozen=True)
class Alignment:
    state: str
    pole: str
    period: str
    cooperative: int
    conflictual: int
    score: float
    low: float
    high: float

    @property
    def events(self) -> int:
        return self.cooperative + self.conflictual


def alignment(state: str, pole: str, period: str, cooperative: int, conflictual: int) -> Alignment:
    a, b = 1 + cooperative, 1 + conflictual
    tail = (1 - CREDIBLE_MASS) / 2
    low, high = beta.ppf([tail, 1 - tail], a, b)
    return Alignment(state, pole, period, cooperative, conflictual,
                     score=round((cooperative - conflictual) / (cooperative + conflictual + 2), 4),
                     low=round(2 * float(low) - 1, 4), high=round(2 * float(high) - 1, 4))


def alignment_rows(keys: list[tuple[str, str, str]], counts: list[tuple[int, int]]) -> list[Alignment]:
    """:func:`alignment` for many (state, pole, period) keys at once: one vectorised quantile call
    instead of one per key (the world map asks for thousands)."""
    if not keys:
        return []
    import numpy as np

    c = np.array([x[0] for x in counts], dtype=float)
    k = np.array([x[1] for x in counts], dtype=float)
    tail = (1 - CREDIBLE_MASS) / 2
    low, high = beta.ppf(tail, 1 + c, 1 + k), beta.ppf(1 - tail, 1 + c, 1 + k)
    return [Alignment(state, pole, period, int(ci), int(ki), score=round(float((ci - ki) / (ci + ki + 2)), 4),
                      low=round(2 * float(lo) - 1, 4), high=round(2 * float(hi) - 1, 4))
            for (state, pole, period), ci, ki, lo, hi in zip(keys, c, k, low, high)]


def alignments(counts: dict[tuple[str, str], tuple[int, int]], state: str, poles=DEFAULT_POLES) -> list[Alignment]:
    """One :class:`Alignment` per (pole, period) from ``counts[(pole, period)] = (c, k)``; every
    pole appears in every period that has counts for any pole."""
    periods = sorted({period for (_, period) in counts})
    return [alignment(state, pole, period, *counts.get((pole, period), (0, 0)))
            for period in periods for pole in poles if pole != state]
