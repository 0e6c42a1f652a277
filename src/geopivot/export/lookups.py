"""What the store's flat event rows do not carry but layouts need: each side's participants
(names, sectors, the words as written) and the document's URL.

Looked up per row, and only when a layout asks: the geopivot layout reads nothing more.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..store import SQLiteStore
from .reference import ORGANISATION_CODES, country_name, is_state

# People resolve to "Name (office)" (geopivot.people, the title rule of the mention stage).
_NAME_WITH_TITLE = re.compile(r"^(?P<name>.+?) \((?P<title>[^()]+)\)$")


@dataclass(frozen=True)
class Side:
    """One actor or recipient of an event, as the store resolved it."""

    code: str | None
    sector: str | None
    name: str | None
    text: str  # as written in the sentence

    @property
    def resolved(self) -> bool:
        return self.code is not None

    @property
    def plain_name(self) -> str | None:
        """The name without the office a person was resolved through ("Mohamed Bazoum (president)");
        a state resolved without a name is named by its code."""
        found = _NAME_WITH_TITLE.match(self.name or "")
        name = found["name"] if found else self.name
        return name or (country_name(self.code) if is_state(self.code) else None)

    @property
    def title(self) -> str | None:
        found = _NAME_WITH_TITLE.match(self.name or "")
        return found["title"] if found else None

    @property
    def key(self) -> str:
        """A node id for networks: states by code, organisations by code and name (as fusion does),
        so the African Union and ECOWAS are two nodes, not one "IGO"."""
        if self.code in ORGANISATION_CODES:
            return f"{self.code}:{self.name or self.text}"
        return self.code or ""

    @property
    def label(self) -> str:
        """The name to show: the state's name for a state, else the resolved name, else the text."""
        if self.code and self.code not in ORGANISATION_CODES and country_name(self.code):
            return country_name(self.code)
        return self.name or self.text


@dataclass(frozen=True)
class Sides:
    actors: tuple[Side, ...]
    recipients: tuple[Side, ...]

    def dyads(self) -> list[tuple[Side | None, Side | None]]:
        """Every resolved actor with every resolved recipient: the one-dyad-per-row datasets (GDELT,
        ICEWS) split "France and Chad sanctioned Mali" into two rows. A side with nothing resolved
        gives one empty slot, so an event is never dropped."""
        actors = [s for s in self.actors if s.resolved] or [None]
        recipients = [s for s in self.recipients if s.resolved] or [None]
        return [(a, r) for a in actors for r in recipients]


class Lookups:
    def __init__(self, store: SQLiteStore):
        self.store = store
        self._url = lru_cache(maxsize=4096)(self._read_url)

    def sides(self, event: dict) -> Sides:
        found = {"actor": [], "recipient": []}
        for p in self.store.event_participants(event["id"]):
            found[p["role"]].append(Side(p["code"], p["sector"], p["name"], p["text"]))
        return Sides(tuple(found["actor"]), tuple(found["recipient"]))

    def url(self, doc_id: str) -> str | None:
        return self._url(doc_id)

    def _read_url(self, doc_id: str) -> str | None:
        # The flat row has the outlet but not the document's identifiers: one read by primary key.
        row = self.store.conn.execute("SELECT identifiers FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return next((i["value"] for i in json.loads(row[0]) if i["scheme"] == "url"), None) if row else None
