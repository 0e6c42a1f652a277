"""Mentions of actors, places and times, resolved against the actor index.

A named entity is a *place* when it is the object of a locative preposition
("in Niamey") or a LOC/FAC entity, a *time* when it is a DATE/TIME, and an
*actor* otherwise. Actors that the index does not know keep ``code=None``
and a reason, so a user can list and add them. Places (and place names used
as actors) are geocoded through the gazetteer when one is given.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..actors import ActorIndex
from ..gazetteer import Gazetteer
from ..ids import mention_id
from ..model import Document, Mention, Resolution
from ..people import PeopleIndex
from ..tables import data_table

ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
PLACE_LABELS = frozenset({"LOC", "FAC"})
GEO_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around", "into"}
)


class MentionStage:
    name = "mentions"
    requires = frozenset({"parse"})
    assigns = frozenset({"mentions"})

    def __init__(self, actor_index: ActorIndex, people: PeopleIndex | None = None,
                 gazetteer: Gazetteer | None = None, titles: tuple[Title, ...] = ()):
        self.actor_index = actor_index
        self.people = people
        self.gazetteer = gazetteer
        self.titles = tuple(sorted(titles, key=lambda t: -len(t.title)))  # longest first

    def __call__(self, doc: Document) -> Document:
        found = [(m, ent) for ent in doc.parse.ents if (m := self._mention(doc.id, ent, doc.meta.published))]
        found = [(self._by_title(m, ent, found), ent) for m, ent in found]
        if self.gazetteer is not None:
            # namesakes ("Gao" in Mali and in Burkina Faso) go to a state the document names
            named = {m.resolution.country or m.resolution.code for m, _ in found if m.resolution.code}
            found = [(self._geocode(m, ent, named), ent) for m, ent in found]
        return doc.assign(mentions=tuple(m for m, _ in found))

    def _by_title(self, m: Mention, ent, found) -> Mention:
        """'Assistant Secretary of State for African Affairs Molly Phee', 'AFRICOM Commander General
        Michael Langley': a person the people index does not hold, placed by the title before the name."""
        if m.label != "PERSON" or m.resolution.code is not None:
            return m
        window = _title_window(ent)
        if not window:
            return m
        text = window.text
        title = next((t for t in self.titles if t.title.lower() in text.lower()), None)
        if title is not None:
            return dataclasses.replace(m, resolution=Resolution(
                title.code, title.sector, f"{m.text} ({title.title})", title.code,
                reason=f"affiliation read from the title {title.title!r}"))
        named = [other for other, e in found if other.resolution.code and other.kind == "actor"
                 and window.start_char <= other.start and other.end <= window.end_char]
        if named:
            state = named[-1].resolution
            sector = next((s for t in window if (s := self.actor_index.sector_for(t.lemma_))), None) or state.sector
            return dataclasses.replace(m, resolution=Resolution(
                state.code, sector, f"{m.text} ({window.text.strip()})", state.country or state.code,
                reason=f"affiliation read from the title {window.text.strip()!r}"))
        return m

    def _geocode(self, m: Mention, ent, named: set) -> Mention:
        # a rare town name the model tags ORG or PERSON ("sent troops to Fornost") is still a place
        place_like = m.label in GEO_LABELS or (m.resolution.code is None and _after_place_preposition(ent))
        if m.kind == "time" or not place_like:
            return m
        geo = self.gazetteer.lookup(m.text, prefer=named)
        if geo is None:
            return m
        resolution = m.resolution
        if resolution.code is None and geo.country:
            # "in Agadez", "Kidal residents": a place the actor index does not hold, in a known state
            resolution = Resolution(code=geo.country, country=geo.country, name=geo.name,
                                    sector=None if m.kind == "place" else resolution.sector)
        elif resolution.code is not None and resolution.code != geo.country and m.kind == "actor":
            return m  # "Washington" the government, not a town elsewhere: the actor index decides
        return dataclasses.replace(m, resolution=resolution, geo=geo)

    def _mention(self, doc_id: str, ent, date: str | None) -> Mention | None:
        label = ent.label_
        if label in TIME_LABELS:
            kind, resolution = "time", Resolution(code=None, reason="time expressions are resolved per event")
        elif label in PLACE_LABELS or (label == "GPE" and _is_locative(ent)):
            kind, resolution = "place", self._resolve(ent, date)
        elif label == "PERSON" and self.people is not None:
            kind, resolution = "actor", self.people.resolve(ent.text, date) or self._resolve(ent, date)
        elif label in ACTOR_LABELS:
            kind, resolution = "actor", self._resolve(ent, date)
        else:
            return None
        return Mention(
            id=mention_id(doc_id, kind, ent.start_char, ent.end_char),
            kind=kind,
            start=ent.start_char,
            end=ent.end_char,
            text=ent.text,
            label=label,
            resolution=resolution,
        )

    def _resolve(self, ent, date: str | None = None) -> Resolution:
        resolution = self.actor_index.resolve(ent.text, date)
        if resolution.code is None and ent.ent_id_:
            return Resolution(code=ent.ent_id_)
        if resolution.code is None and ent.label_ in ("ORG", "LOC", "FAC", "GPE", "NORP"):
            return self._state_inside(ent, date) or resolution
        return resolution

    def _state_inside(self, ent, date: str | None) -> Resolution | None:
        """'the French Foreign Ministry', 'the Syrian Golan Heights': an organisation or place the
        index does not hold, named after a state it does, belongs to that state (sector from its head)."""
        tokens = [t for t in ent if not t.is_punct]
        for size in (3, 2, 1):
            for i in range(len(tokens) - size + 1):
                text = " ".join(t.text for t in tokens[i:i + size])
                found = self.actor_index.resolve(text, date)
                if found.code and found.country == found.code:
                    sector = self.actor_index.sector_for(ent.root.lemma_)
                    return Resolution(code=found.code, sector=sector, name=ent.text, country=found.code,
                                      reason=f"an organisation of {found.name or found.code}, named after it")
        return None


TITLE_STOPS = frozenset({",", ";", ":", "(", ")", "and", "or", "said", "says", "told", "met", "with", "by", "—", "–"})


def _title_window(ent):
    """The words before a name back to the last comma, conjunction or verb: its title, if any."""
    start = ent.start
    while start > ent.sent.start:
        token = ent.doc[start - 1]
        if token.lower_ in TITLE_STOPS or token.pos_ in ("VERB", "AUX") or token.ent_type_ == "PERSON":
            break
        start -= 1
        if ent.start - start >= 12:
            break
    return ent.doc[start:ent.start] if start < ent.start else None


@dataclass(frozen=True)
class Title:
    title: str
    code: str
    sector: str | None


def load_titles() -> tuple[Title, ...]:
    return tuple(Title(r["title"], r["code"], r["sector"] or None) for r in data_table("titles.tsv"))


PLACE_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"to", "toward", "towards", "from"}


def _after_place_preposition(ent) -> bool:
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS


def _is_locative(ent) -> bool:
    """'in Niamey', 'in Montenegro province', 'in the Iraqi city of Basra': the object of a locative
    preposition, reached through the noun the name modifies."""
    token = ent.root
    for _ in range(3):
        if token.dep_ == "pobj":
            return token.head.lower_ in LOCATIVE_PREPOSITIONS
        if token.dep_ not in ("compound", "amod", "appos", "nmod") or token.head.i == token.i:
            return False
        token = token.head
    return False
