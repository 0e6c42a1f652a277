"""The same event told twice: fusing event mentions into real-world events.

GDELT counted one abduction hundreds of times because every article about it
was a new event. geopivot keeps every coded mention (document, sentence,
trigger) and fuses the mentions that tell one event into a :class:`FusedEvent`
with all its sources, its best date, and a count of sources.

Two mentions tell the same event when all of these hold:

* the same PLOVER type, or two readings of one act listed in
  ``data/equivalent_readings.tsv`` (Niger "ended" the agreement / its
  "rejection" of the agreement);
* they share an actor and a recipient (an organisation counts by its name: the
  UN and the Commonwealth are both IGO, not one actor); a report that names no
  recipient is too vague to match;
* across documents, they share a particular of the story when both give some:
  a name, a town or a number beyond the two sides ("40 diplomats" and "35
  diplomats" are two expulsions; attacks, raids and protests must share one),
  each dates the event within a month, and neither is a domestic act;
* the same modality (an intended act is not the act done);
* their dates can be the same: each date is an interval (a day, a week, a
  month, a range; an undated report is the ``REPORTED_LOOKBACK_DAYS`` before
  publication) and a cluster keeps the intersection of its members'
  intervals, which a new member must meet; two different days never fuse, so
  two visits in one month stay two events;
* for attacks, raids, protests and deployments, the same town or region, or
  the same explicit day (two attacks in two towns stay two; for talks and
  statements a place is too often what they were about to count).

A mention joins a cluster only when exactly one cluster fits: "in March"
beside two visits on March 3 and March 20 could be either, so it stays its
own event. Precise mentions are placed first, so clusters grow from them.

Fusion is deterministic and recomputed per event type after each ingest, so
re-running gives the same fused ids (the hash of the earliest member).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .ids import fused_id
from .tables import data_table

# An event reported with no date of its own happened on the day of the report or the day before.
# Five hand-checks of 30 multi-document fused WCEP events each drove it down from 14 days: a daily
# digest reports a new strike, release or accusation far more often than it repeats an old one. Measured on the WCEP stream (daily one-line reports): with a 14-day
# window, 27 of 30 hand-checked fused events joined distinct attacks, meetings or threats reported
# days apart; news repeats an old event less often than it reports a new one of the same kind.
REPORTED_LOOKBACK_DAYS = 1


@dataclass(frozen=True)
class EventRecord:
    """What fusion reads of one stored event mention."""

    event_id: str
    doc_id: str
    type: str
    mode: str | None
    actors: frozenset[str]
    recipients: frozenset[str]
    start: date
    end: date
    precision: str
    modality: str
    place: str | None = None  # a town or region, by its gazetteer name; None for a whole state or none
    place_country: str | None = None
    published: str | None = None
    source: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    named: bool = True  # both sides named in the text, not inferred from a place or the story
    particulars: frozenset[str] = frozenset()  # names and numbers of the sentence beyond the two sides


@dataclass(frozen=True)
class FusedEvent:
    id: str
    type: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    start: date
    end: date
    precision: str  # of the most precise member
    modality: str
    members: tuple[str, ...]  # event ids, earliest first
    documents: tuple[str, ...]
    sources: tuple[str, ...]  # outlets, where known
    first_reported: str | None
    quad_class: int | None = None  # of the most precise member, like the type
    goldstein: float | None = None
    named: bool = True  # some report names both sides (not inferred): what alignment counts

    @property
    def month(self) -> str:
        """The month the event most likely fell in: the middle of its date window."""
        if self.start == date.min:
            return ""
        middle = self.start + (self.end - self.start) / 2
        return middle.isoformat()[:7]


@dataclass(frozen=True)
class ReadingPair:
    type_a: str
    mode_a: str | None
    type_b: str
    mode_b: str | None


def load_equivalent_readings() -> tuple[ReadingPair, ...]:
    return tuple(ReadingPair(r["type_a"], r["mode_a"] or None, r["type_b"], r["mode_b"] or None)
                 for r in data_table("equivalent_readings.tsv"))


COARSE_PLACES = frozenset({None, "country", "continent", "area", "sea"})


def record(event_id: str, doc_id: str, type_: str, mode: str | None, actors: Iterable[str | None],
           recipients: Iterable[str | None], date_value: str | None, date_end: str | None, precision: str,
           modality: str, place_precision: str | None, place_name: str | None, place_country: str | None,
           published: str | None, source: str | None, quad_class: int | None = None,
           goldstein: float | None = None, named: bool = True,
           particulars: frozenset[str] = frozenset()) -> EventRecord | None:
    """The fusion view of an event mention; None when it has no resolved actor (it names no one to
    fuse on). A mention with no date at all stands alone (see :func:`fuse`). Organisations come as
    "IGO:United Nations" so that two IGOs are not one actor."""
    actor_codes = frozenset(a for a in actors if a)
    if not actor_codes:
        return None
    span = interval(date_value, date_end, precision, published) or (date.min, date.max)
    return EventRecord(
        event_id, doc_id, type_, mode, actor_codes, frozenset(r for r in recipients if r), span[0], span[1],
        precision, modality, None if place_precision in COARSE_PLACES else place_name, place_country, published,
        source, quad_class, goldstein, named, particulars,
    )


_NUMBER = re.compile(r"\b\d[\d,.]*\d\b")


def particulars(sentence: str, names=()) -> frozenset[str]:
    """What tells one event from another of the same kind: the people and towns a sentence names
    (``names``, from its mentions) and the numbers it gives, lower-cased. Two reports of one event
    share some of them; states and organisations are the sides, not particulars."""
    found = {n.lower() for n in names if n}
    found |= {m.group(0).replace(",", "") for m in _NUMBER.finditer(sentence or "")}
    return frozenset(found)


def interval(value: str | None, end: str | None, precision: str, published: str | None) -> tuple[date, date] | None:
    """The days an event date can stand for."""
    if precision == "reported" or value is None:
        if not published:
            return None
        day = date.fromisoformat(published[:10])
        return day - timedelta(days=REPORTED_LOOKBACK_DAYS), day
    start = date.fromisoformat(value[:10])
    if precision in ("day", "minute"):
        return start, start
    if precision == "week":
        return start, start + timedelta(days=6)
    if precision == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - timedelta(days=1)
    if precision == "year":
        return start, date(start.year, 12, 31)
    if precision == "range" and end:
        return start, date.fromisoformat(end[:10])
    return start, start


@dataclass(eq=False)
class _Cluster:
    members: list[EventRecord] = field(default_factory=list)
    start: date = date.min
    end: date = date.max

    def admits(self, r: EventRecord, pairs: Sequence[ReadingPair]) -> bool:
        first = self.members[0]
        return (
            _same_act(first, r, pairs)
            and r.modality == first.modality
            and bool(r.actors & first.actors)
            # a report with no recipient names too little to be matched with another
            and bool(r.recipients & first.recipients)
            and all(_particulars_agree(m, r) for m in self.members)
            # within one document the same act between the same sides is one story (a headline has
            # no date of its own); across documents the dates must meet
            and (all(m.doc_id == r.doc_id for m in self.members) or (r.start <= self.end and self.start <= r.end))
            and all(_places_agree(m, r) for m in self.members)
            and all(m.doc_id != r.doc_id or m.event_id != r.event_id for m in self.members)
        )

    def add(self, r: EventRecord) -> None:
        self.members.append(r)
        start, end = max(self.start, r.start), min(self.end, r.end)
        if start <= end:  # a same-document mention with a looser date does not narrow the window away
            self.start, self.end = start, end


def _same_act(a: EventRecord, b: EventRecord, pairs: Sequence[ReadingPair]) -> bool:
    return a.type == b.type or any(_pair_matches(p, a, b) or _pair_matches(p, b, a) for p in pairs)


def _pair_matches(p: ReadingPair, a: EventRecord, b: EventRecord) -> bool:
    return (a.type == p.type_a and (p.mode_a is None or a.mode == p.mode_a)
            and b.type == p.type_b and (p.mode_b is None or b.mode == p.mode_b))


# Reports in different documents fuse only if each dates the event within this many days: a month
# still tells two events apart; "in 2016" or "since 1982" does not. Set after three hand-checks of 30
# fused WCEP events each, where year-wide windows and domestic acts made most of the false merges.
MAX_CROSS_DOCUMENT_DAYS = 31
# Acts done at many places at once (attacks, raids, protests, deployments): two towns are two events.
# For talks and statements a named place is often what they were about ("talks on Gaza"), not a scene.
SCENE_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})


def _particulars_agree(a: EventRecord, b: EventRecord) -> bool:
    """Across documents, two reports of one event share a particular (a name, a town, a number)
    unless one gives none, are dated within a month, and are between two different states: a year
    ("the 2016 elections") or a domestic act fits too many events to pick one."""
    if a.doc_id == b.doc_id:
        return True
    for r in (a, b):
        if (r.end - r.start).days > MAX_CROSS_DOCUMENT_DAYS or r.actors & r.recipients:
            return False
    if a.type in SCENE_TYPES or b.type in SCENE_TYPES:
        # strikes, raids and protests recur daily between the same sides: only a shared town,
        # person or figure says two reports tell one of them
        return bool(a.particulars & b.particulars)
    return not a.particulars or not b.particulars or bool(a.particulars & b.particulars)


def _places_agree(a: EventRecord, b: EventRecord) -> bool:
    """Different states, or two different towns or regions, are two scenes. Attacks, raids and
    protests recur daily in a conflict: without the same town, or the same explicit day, two of
    them cannot be told to be one."""
    if a.type not in SCENE_TYPES or b.type not in SCENE_TYPES:
        return True
    if a.place and b.place:
        return a.place == b.place
    return a.precision == b.precision == "day" and a.start == b.start and not (
        a.place_country and b.place_country and a.place_country != b.place_country)


def type_groups(pairs: Sequence[ReadingPair]) -> dict[str, str]:
    """Each type's group: types joined by an equivalent reading fuse together (SANCTION with REJECT)."""
    parent: dict[str, str] = {}

    def root(t: str) -> str:
        while parent.get(t, t) != t:
            t = parent[t]
        return t

    for p in pairs:
        a, b = root(p.type_a), root(p.type_b)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {t: root(t) for t in {*parent, *(p.type_a for p in pairs), *(p.type_b for p in pairs)}}


def fuse(records: Iterable[EventRecord], pairs: Sequence[ReadingPair] = ()) -> list[FusedEvent]:
    """Cluster event mentions into fused events (every mention lands in exactly one)."""
    ordered = sorted(records, key=lambda r: ((r.end - r.start).days, r.start, r.event_id))
    groups = type_groups(pairs)
    clusters: list[_Cluster] = []
    # only clusters that share the type group and an actor can take a mention: look those up
    by_key: dict[tuple[str, str], dict[int, _Cluster]] = {}
    for r in ordered:
        group = groups.get(r.type, r.type)
        seen: set[int] = set()
        fitting = []
        for code in sorted(r.actors):
            for c in by_key.get((group, code), {}).values():
                if id(c) not in seen and c.start <= r.end and r.start <= c.end and c.admits(r, pairs):
                    seen.add(id(c))
                    fitting.append(c)
        if len(fitting) == 1 and r.start != date.min:  # an undated mention cannot be placed: alone
            fitting[0].add(r)
            cluster = fitting[0]
        else:  # none fits, or several: which of them it tells is unknown, so it stands alone
            cluster = _Cluster()
            cluster.add(r)
            clusters.append(cluster)
        for code in r.actors:
            by_key.setdefault((group, code), {})[id(cluster)] = cluster
    return [_fused(c) for c in clusters]


PRECISION_ORDER = ("minute", "day", "week", "month", "range", "year", "reported")


def _fused(c: _Cluster) -> FusedEvent:
    members = sorted(c.members, key=lambda r: (r.published or "", r.start, r.event_id))
    best = min(members, key=lambda r: (PRECISION_ORDER.index(r.precision) if r.precision in PRECISION_ORDER
                                       else len(PRECISION_ORDER), (r.end - r.start).days))
    documents = tuple(dict.fromkeys(r.doc_id for r in members))
    sources = tuple(dict.fromkeys(r.source for r in members if r.source))
    actors = frozenset().union(*(r.actors for r in members))
    recipients = frozenset().union(*(r.recipients for r in members))
    return FusedEvent(
        id=fused_id(min(r.event_id for r in members)),
        type=best.type, mode=best.mode, actors=tuple(sorted(actors)), recipients=tuple(sorted(recipients)),
        # the best date is the most precise report's own, not the (over-precise) common window
        start=best.start, end=best.end, precision=best.precision, modality=best.modality,
        members=tuple(r.event_id for r in members), documents=documents, sources=sources,
        first_reported=min((r.published for r in members if r.published), default=None),
        quad_class=best.quad_class, goldstein=best.goldstein, named=any(r.named for r in members),
    )
