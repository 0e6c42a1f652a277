"""First-version event coder: a verb lexicon over the dependency parse.

For every verb whose lemma (with its particle and object) is in the lexicon,
the subject's phrase gives the actors and the object and prepositional
phrases give the recipients; passives swap them. An event needs at least one
participant the actor index can resolve, which keeps spurious events rare.
Modality comes from auxiliaries, negation and governing verbs.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from ..actors import ActorIndex
from ..ids import event_id
from ..model import Document, Event, Mention, Modality, Participant, Place, Sentence
from ..ontology import Ontology
from ..timeexpr import resolve

METHOD = "rules-v0"
# Confidence is not calibrated yet (the evaluated coder replaces this one): a
# lexicon match starts at BASE, and each resolved side of the dyad adds SIDE.
BASE_CONFIDENCE = 0.4
RESOLVED_SIDE_BONUS = 0.2

RECIPIENT_PREPOSITIONS = frozenset(
    {"with", "to", "against", "on", "upon", "from", "toward", "towards", "for", "into", "over"}
)
NESTED_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis"})
INTENT_VERBS = frozenset(
    {"plan", "seek", "intend", "want", "aim", "hope", "try", "prepare", "pledge", "promise",
     "desire", "expect", "wish", "propose", "agree", "decide", "vow", "offer"}
)
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can"})
INTENT_AUX = frozenset({"will", "shall", "'ll"})
CLAIM_VERBS = frozenset({"claim", "allege", "rumor", "rumour", "speculate"})


@dataclass(frozen=True)
class LexiconEntry:
    verb: str
    prep: str | None
    object: str | None
    type: str
    mode: str | None

    @property
    def specificity(self) -> int:
        return (self.prep is not None) + 2 * (self.object is not None)


class VerbLexicon:
    def __init__(self, entries: Iterable[LexiconEntry]):
        self._by_verb: dict[str, list[LexiconEntry]] = {}
        for entry in entries:
            self._by_verb.setdefault(entry.verb, []).append(entry)
        for rows in self._by_verb.values():
            rows.sort(key=lambda e: -e.specificity)

    def match(self, verb) -> LexiconEntry | None:
        candidates = self._by_verb.get(verb.lemma_.lower())
        if not candidates:
            return None
        preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt", "agent")}
        objects = {c.lemma_.lower() for c in _object_heads(verb)}
        for entry in candidates:
            if entry.prep is not None and entry.prep not in preps:
                continue
            if entry.object is not None and entry.object not in objects:
                continue
            return entry
        return None


def load_verb_lexicon() -> VerbLexicon:
    source = resources.files("geopivot.data").joinpath("verbs.tsv")
    with source.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return VerbLexicon(
            LexiconEntry(
                r["verb"], _dash(r["prep"]), _dash(r["object"]), r["type"], _dash(r["mode"])
            )
            for r in rows
        )


def _dash(value: str) -> str | None:
    return None if value in ("-", "") else value


def _object_heads(verb):
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "dative"):
            yield child
        elif child.dep_ in ("prep", "prt"):
            yield from (g for g in child.children if g.dep_ == "pobj")


class RuleCoder:
    name = "coder"
    requires = frozenset({"parse", "sentences", "mentions"})
    assigns = frozenset({"events"})

    def __init__(self, lexicon: VerbLexicon, ontology: Ontology, actor_index: ActorIndex):
        self.lexicon = lexicon
        self.ontology = ontology
        self.actor_index = actor_index

    def __call__(self, doc: Document) -> Document:
        mentions = [m for m in doc.mentions if m.kind == "actor"]
        events: list[Event] = []
        for sent in doc.parse.sents:
            sentence = Sentence(sent.start_char, sent.end_char)
            for token in sent:
                if token.pos_ != "VERB":
                    continue
                entry = self.lexicon.match(token)
                if entry is not None:
                    event = self._event(doc, sentence, token, entry, mentions)
                    if event is not None:
                        events.append(event)
        return doc.assign(events=tuple(_unique(events)))

    def _event(self, doc, sentence, verb, entry, mentions) -> Event | None:
        subject, passive = _subject(verb)
        agent = _agent(verb)
        actor_heads = [agent] if passive and agent is not None else ([subject] if subject is not None and not passive else [])
        recipient_heads = [subject] if passive and subject is not None else []
        recipient_heads += [h for h in _recipient_heads(verb) if agent is None or h.i != agent.i]
        actors = self._participants(actor_heads, mentions)
        recipients = self._participants(recipient_heads, mentions)
        place = _place(verb, doc.mentions)
        if entry.mode == "visit" and place is not None and place.country and not _resolved(recipients):
            # "arrived in Niamey": the host of a visit is the state visited
            recipients = (Participant(place.name, place.start, place.end, place.country, None, None),)
        # "Niger's junta ... with Niger" names one side twice; a state acting on itself needs distinct sectors
        recipients = tuple(r for r in recipients if (r.code, r.sector) not in {(a.code, a.sector) for a in actors})
        if not any(p.code for p in (*actors, *recipients)):
            return None
        coding = self.ontology.cameo(entry.type, entry.mode)
        resolved_sides = bool(any(a.code for a in actors)) + bool(any(r.code for r in recipients))
        return Event(
            id=event_id(doc.id, entry.type, verb.idx, verb.idx + len(verb.text),
                        [a.code or "" for a in actors], [r.code or "" for r in recipients]),
            type=entry.type,
            mode=entry.mode,
            contexts=(),
            actors=actors,
            recipients=recipients,
            date=resolve(_time_expression(verb, doc), doc.meta.published),
            modality=modality(verb),
            confidence=round(BASE_CONFIDENCE + RESOLVED_SIDE_BONUS * resolved_sides, 2),
            sentence=sentence,
            trigger_start=verb.idx,
            trigger_end=verb.idx + len(verb.text),
            method=METHOD,
            cameo=coding.cameo,
            goldstein=coding.goldstein,
            quad_class=coding.quad_class,
            place=place,
        )

    def _participants(self, heads, mentions: list[Mention]) -> tuple[Participant, ...]:
        found: list[Participant] = []
        for head in heads:
            start, end = _phrase_bounds(head)
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            sector = self.actor_index.sector_for(head.lemma_)
            resolved = [m for m in inside if m.resolution.code]
            if resolved:
                for m in resolved:
                    found.append(Participant(
                        text=m.text, start=m.start, end=m.end, code=m.resolution.code,
                        sector=sector or m.resolution.sector, name=m.resolution.name, mention_id=m.id,
                    ))
            else:
                text = head.doc.text[start:end]
                found.append(Participant(
                    text=text, start=start, end=end, code=None, sector=sector,
                    reason=f"no known actor is named in {text!r}",
                ))
        if _resolved(found):  # a side that names a known actor drops the unresolved phrases beside it
            found = [p for p in found if p.code]
        return tuple(_unique_participants(found[:1] if not _resolved(found) else found))


def _resolved(participants) -> bool:
    return any(p.code for p in participants)


PRONOUN_SUBJECTS = frozenset({"it", "they", "its"})


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in PRONOUN_SUBJECTS and verb.dep_ == "ccomp":
                # "Niger announced that it has ended ...": the pronoun is the announcer
                governor, _ = _subject(verb.head)
                return (governor if governor is not None else child), False
            return child, False
        if child.dep_ == "nsubjpass":
            return child, True
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        subject, _ = _subject(verb.head)
        return subject, False
    if verb.dep_ in ("relcl", "acl"):
        return verb.head, False
    return None, False


def _agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _recipient_heads(verb):
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            yield child
        elif child.dep_ in ("prep", "prt") and child.lower_ in RECIPIENT_PREPOSITIONS:
            yield from (g for g in child.children if g.dep_ == "pobj")


def _phrase_bounds(head) -> tuple[int, int]:
    """Character span of ``head``'s phrase, leaving out clauses nested inside it."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in NESTED_CLAUSES or c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in NESTED_CLAUSES - {"conj"})
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def modality(verb) -> Modality:
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    governor = verb.head if verb.dep_ in ("xcomp", "ccomp") else None
    if governor is not None and any(c.dep_ == "neg" for c in governor.children):
        return "negated"
    if aux & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ == "if" for c in children):
        return "hypothetical"
    if aux & INTENT_AUX or (governor is not None and governor.lemma_ in INTENT_VERBS and verb.dep_ == "xcomp"):
        return "intended"
    if governor is not None and governor.lemma_ in CLAIM_VERBS:
        return "reported"
    return "asserted"


ADVERBIAL_PATH = frozenset({"pobj", "prep", "npadvmod", "advmod", "tmod", "pcomp", "compound", "nummod", "appos", "quantmod"})


def _time_expression(verb, doc: Document) -> str | None:
    """The DATE/TIME that modifies the verb itself, not one inside a noun phrase ("the 2012 accord")."""
    by_start = {m.start: m for m in doc.mentions if m.kind == "time"}
    for m in by_start.values():
        span = verb.doc.char_span(m.start, m.end)
        if span is not None and any(_modifies(token, verb) for token in span):
            return _with_preposition(doc.text, m)
    return None


def _modifies(token, verb) -> bool:
    while token.i != verb.i:
        if token.dep_ not in ADVERBIAL_PATH or token.head.i == token.i:
            return False
        token = token.head
    return True


def _with_preposition(text: str, m: Mention) -> str:
    before = text[max(0, m.start - 8):m.start].split()
    word = before[-1] if before else ""
    return f"{word} {m.text}" if word.lower() in {"in", "on", "since", "until", "by", "last", "from"} else m.text


def _clause_bounds(verb) -> tuple[int, int]:
    tokens = [verb]
    stack = [c for c in verb.children if c.dep_ not in ("ccomp", "relcl", "conj", "advcl", "parataxis")]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(token.children)
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _place(verb, mentions) -> Place | None:
    lo, hi = _clause_bounds(verb)
    for m in mentions:
        if m.kind == "place" and lo <= m.start and m.end <= hi:
            return Place(name=m.text, start=m.start, end=m.end, country=m.resolution.country or m.resolution.code,
                         reason=m.resolution.reason)
    return None


def _unique(events: list[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for e in events:
        seen.setdefault(e.id, e)
    return list(seen.values())


def _unique_participants(participants: list[Participant]) -> list[Participant]:
    seen: dict[tuple, Participant] = {}
    for p in participants:
        seen.setdefault((p.code, p.start) if p.code is None else (p.code,), p)
    return list(seen.values())
