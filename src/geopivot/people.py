"""Who a named person acts for, and when: a time-aware index of office holders.

``data/people.tsv`` lists people with their roles and the dates they held them
(Mohamed Bazoum: Niger's president until 2023-07-26). A mention resolves to
the role held on the document's date; with no date, to the person's latest
role, and the resolution says so in its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .actors import NON_STATE_CODES
from .model import Resolution
from .tables import data_table

TITLE_WORDS = frozenset(
    "president prime minister foreign defence defense secretary general gen. lt. col. colonel captain "
    "king queen prince crown emir sheikh chancellor premier vice deputy former ousted late mr mrs ms dr "
    "interim acting leader chairman chief commander of state the junta military envoy ambassador "
    "lieutenant major sultan ayatollah supreme".split()
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Office:
    name: str
    code: str
    sector: str | None
    role: str
    start: str | None
    end: str | None

    def held_on(self, date: str) -> bool:
        return (self.start is None or self.start[: len(date)] <= date[: len(self.start)]) and (
            self.end is None or date[: len(self.end)] <= self.end
        )


class PeopleIndex:
    def __init__(self, offices: Iterable[tuple[Iterable[str], Office]]):
        self._by_surface: dict[str, list[Office]] = {}
        self._surfaces: set[str] = set()
        for surfaces, office in offices:
            for surface in surfaces:
                self._surfaces.add(surface.strip())
                self._by_surface.setdefault(_key(surface), []).append(office)

    def __len__(self) -> int:
        return len(self._by_surface)

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler patterns: every listed name is a PERSON entity."""
        return [{"label": "PERSON", "pattern": surface} for surface in self._surfaces]

    def resolve(self, text: str, date: str | None) -> Resolution | None:
        """The office ``text`` names on ``date``, or None when the name is unknown."""
        offices = self._by_surface.get(_key(_strip_titles(text))) or self._by_surface.get(_key(text))
        if not offices:
            return None
        if date:
            current = [o for o in offices if o.held_on(date[:10])]
            if current:
                return _resolution(current[-1], None)
            before = [o for o in offices if o.end and o.end <= date[:10]]
            if before:
                latest = max(before, key=lambda o: o.end)
                return _resolution(latest, f"{latest.name} held no listed office on {date[:10]}; "
                                           f"coded by the last one ({latest.role}, until {latest.end})")
            return Resolution(code=None, reason=f"{offices[0].name} held no listed office on {date[:10]}")
        latest = max(offices, key=lambda o: o.start or "")
        return _resolution(latest, "no document date; coded by the person's latest listed office")


def _resolution(office: Office, reason: str | None) -> Resolution:
    return Resolution(code=office.code, sector=office.sector, name=f"{office.name} ({office.role})",
                      country=None if office.code in NON_STATE_CODES else office.code,
                      reason=reason)


def _strip_titles(text: str) -> str:
    words = text.replace("’", "'").split()
    while words and words[0].lower().strip(".,") in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _key(text: str) -> str:
    return _SPACE.sub(" ", text.casefold().replace("’", "'").removesuffix("'s")).strip()


def load_people_index() -> PeopleIndex:
    rows = data_table("people.tsv")
    return PeopleIndex(
        ([r["name"], *(a for a in (r.get("aliases") or "").split("|") if a.strip())],
         Office(r["name"], r["code"], r["sector"] or None, r["role"], r["start"] or None, r["end"] or None))
        for r in rows
    )
