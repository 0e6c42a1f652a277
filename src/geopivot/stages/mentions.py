"""Mentions of actors, places and times, resolved against the actor index.

A named entity is a *place* when it is the object of a locative preposition
("in Niamey") or a LOC/FAC entity, a *time* when it is a DATE/TIME, and an
*actor* otherwise. Actors that the index does not know keep ``code=None``
and a reason, so a user can list and add them.
"""

from __future__ import annotations

from ..actors import ActorIndex
from ..ids import mention_id
from ..model import Document, Mention, Resolution
from ..people import PeopleIndex

ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
PLACE_LABELS = frozenset({"LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around", "into"}
)


class MentionStage:
    name = "mentions"
    requires = frozenset({"parse"})
    assigns = frozenset({"mentions"})

    def __init__(self, actor_index: ActorIndex, people: PeopleIndex | None = None):
        self.actor_index = actor_index
        self.people = people

    def __call__(self, doc: Document) -> Document:
        mentions = tuple(
            m for m in (self._mention(doc.id, ent, doc.meta.published) for ent in doc.parse.ents) if m is not None
        )
        return doc.assign(mentions=mentions)

    def _mention(self, doc_id: str, ent, date: str | None) -> Mention | None:
        label = ent.label_
        if label in TIME_LABELS:
            kind, resolution = "time", Resolution(code=None, reason="time expressions are resolved per event")
        elif label in PLACE_LABELS or (label == "GPE" and _is_locative(ent)):
            kind, resolution = "place", self._resolve(ent)
        elif label == "PERSON" and self.people is not None:
            kind, resolution = "actor", self.people.resolve(ent.text, date) or self._resolve(ent)
        elif label in ACTOR_LABELS:
            kind, resolution = "actor", self._resolve(ent)
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

    def _resolve(self, ent) -> Resolution:
        resolution = self.actor_index.resolve(ent.text)
        if resolution.code is None and ent.ent_id_:
            return Resolution(code=ent.ent_id_)
        return resolution


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
