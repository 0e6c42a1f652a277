"""The data model that flows through the pipeline.

A :class:`Document` holds its text once. Sentences, mentions and events point
into that text by character offsets (``start`` inclusive, ``end`` exclusive),
so every claim can be traced back to the words that support it. All records
are frozen: a stage returns a new Document (``Document.assign``) instead of
mutating one another stage is holding.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

MentionKind = Literal["actor", "place", "time"]
Modality = Literal["asserted", "intended", "hypothetical", "negated", "reported"]
DatePrecision = Literal["minute", "day", "week", "month", "year", "range", "reported"]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Resolution:
    """What a mention refers to. ``code`` is None when unresolved, and ``reason`` says why."""

    code: str | None
    sector: str | None = None
    name: str | None = None
    country: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Geo:
    """Where a place is: its state, how precise the location is, and coordinates when known."""

    country: str | None  # ISO 3166 alpha-3; None for seas and areas that span states
    precision: str  # city, region, area, sea or country
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    name: str | None = None


@dataclass(frozen=True)
class Mention:
    id: str
    kind: MentionKind
    start: int
    end: int
    text: str
    label: str
    resolution: Resolution
    geo: Geo | None = None


@dataclass(frozen=True)
class Participant:
    """An actor or recipient of an event, with the span it was read from."""

    text: str
    start: int
    end: int
    code: str | None
    sector: str | None = None
    name: str | None = None
    reason: str | None = None
    mention_id: str | None = None


@dataclass(frozen=True)
class EventDate:
    """When an event happened. ``value`` is ISO 8601; ``end`` is set for ranges."""

    value: str | None
    precision: DatePrecision
    expression: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Place:
    """Where an event happened: the name as written, its span, and where that is."""

    name: str
    start: int
    end: int
    country: str | None
    reason: str | None = None
    geo: Geo | None = None


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...]
    date: EventDate
    modality: Modality
    confidence: float
    sentence: Sentence
    trigger_start: int
    trigger_end: int
    method: str
    cameo: str
    goldstein: float
    quad_class: int
    place: Place | None = None
    # What an AGREE commits to, when the sentence names another act: "agrees to withdraw its troops"
    # is AGREE (PLOVER codes the promise) with agreed_type RETREAT, agreed_mode withdraw.
    agreed_type: str | None = None
    agreed_mode: str | None = None
    # The act ends a tie that existed before it (forces withdrawn, an accord revoked, envoys expelled,
    # or a promise to do so), by the words that tell it (data/tie_endings.tsv); sanctions do not.
    ends_tie: bool = False


RelationKind = Literal["agreement", "presence", "rapprochement", "precedent", "claim"]


@dataclass(frozen=True)
class Relation:
    """A standing relation or fact that is not an event, with its evidence.

    ``agreement``: parties to a treaty or accord ("the 2012 status of forces agreement");
    ``presence``: one state's forces or bases in another ("a US air base in Agadez", ~1,000 troops);
    ``rapprochement``: a state drawing another closer (one record per state named);
    ``precedent``: a state following the path another took before it;
    ``claim``: who a reported claim is attributed to ("as per reports from ISW, ...").
    """

    id: str
    kind: RelationKind
    subjects: tuple[Participant, ...]
    objects: tuple[Participant, ...]
    sentence: Sentence
    trigger_start: int
    trigger_end: int
    detail: str | None = None  # what: "status of forces agreement", "air base", "troops"
    count: int | None = None  # how many, when the text says ("approximately one thousand")
    status: str | None = None  # for agreements: signed, in force, ended, rejected
    date: EventDate | None = None
    place: Place | None = None
    source: str | None = None  # for claims: who made it, as written
    method: str = "relations-v1"


@dataclass(frozen=True)
class Identifier:
    scheme: str  # doi, handle, url, isbn, or a source-specific id such as "wcep"
    value: str


@dataclass(frozen=True)
class Metadata:
    """What is known about a document besides its text. Unknown fields stay None."""

    title: str | None = None
    published: str | None = None  # ISO 8601 as written, with offset when the source gave one
    published_utc: str | None = None  # the same instant in UTC, when a time of day is known
    published_precision: DatePrecision | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    kind: str = "article"
    language: str | None = None
    summary: tuple[str, ...] = ()  # e.g. a brief's "Bottom Line" bullets
    origin: str | None = None  # the file (and row) it was read from
    extra: tuple[tuple[str, str], ...] = ()

    def identifier(self, scheme: str) -> str | None:
        return next((i.value for i in self.identifiers if i.scheme == scheme), None)

    @property
    def published_date(self) -> str | None:
        return self.published[:10] if self.published else None


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    meta: Metadata = field(default_factory=Metadata)
    sentences: tuple[Sentence, ...] | None = None
    mentions: tuple[Mention, ...] | None = None
    events: tuple[Event, ...] | None = None
    relations: tuple[Relation, ...] | None = None
    # The parse is a transient, in-process layer (a spaCy Doc); it is never stored.
    parse: Any = field(default=None, compare=False, repr=False)

    def assign(self, **layers) -> Document:
        """A copy with the given layers replaced; the pipeline's only way to add annotations."""
        return dataclasses.replace(self, **layers)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def without_parse(self) -> Document:
        return dataclasses.replace(self, parse=None)
