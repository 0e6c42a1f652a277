"""Relations that are not events: agreements, presences, rapprochements, precedents, claims.

A news story about a pivot carries standing facts beside its events: "the
2012 status of forces agreement" between Niger and the United States, "a US
air base in Agadez", "about one thousand American soldiers" in Niger, Russia
"drawing Togo, Burkina Faso, Chad ... closer" (one relation per state),
Niger "following the path of its neighbours Mali and Burkina Faso", and
claims "as per reports from" an institute. Each becomes a
:class:`~geopivot.model.Relation` with its sentence and trigger, read from
the parse and the resolved mentions like events are.
"""

from __future__ import annotations

import re

from ..coding import attachments
from ..coding.focus import focus_state
from ..ids import relation_id
from ..model import Document, EventDate, Mention, Participant, Place, Relation, Sentence
from ..timeexpr import resolve

AGREEMENT_NOUNS = frozenset({"agreement", "accord", "pact", "treaty", "deal", "memorandum", "charter", "sofa"})
AGREEMENT_STATUS = {
    "ended": {"end", "terminate", "revoke", "cancel", "scrap", "suspend", "abrogate", "denounce", "tear", "quit",
              "termination", "cessation", "end", "revocation", "cancellation", "suspension", "withdraw"},
    "rejected": {"reject", "rejection", "repudiate", "repudiation"},
    "signed": {"sign", "conclude", "ink", "reach", "seal", "ratify", "signing", "ratification"},
}
PRESENCE_NOUNS = frozenset({"base", "troop", "soldier", "personnel", "force", "contingent", "presence",
                            "installation", "garrison", "instructor", "mercenary", "drone", "outpost"})
DRAW_VERBS = frozenset({"draw", "bring", "pull", "lure", "woo", "court", "move"})
PIVOT_VERBS = frozenset({"pivot", "turn", "shift", "lean", "tilt", "gravitate", "realign"})
TOWARD = frozenset({"toward", "towards", "to"})
PATH_NOUNS = frozenset({"path", "footstep", "footsteps", "example", "lead", "route"})
CLAIM_MARKERS = (("according", "to"), ("as", "per"), ("citing",))
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "a": 1, "dozen": 12, "dozens": 24, "hundred": 100, "hundreds": 200,
                "thousand": 1000, "thousands": 2000, "million": 1_000_000}


class RelationStage:
    name = "relations"
    requires = frozenset({"parse", "sentences", "mentions", "events"})
    assigns = frozenset({"relations"})

    def __call__(self, doc: Document) -> Document:
        states = [m for m in doc.mentions if m.resolution.code and m.kind != "time"]
        found: list[Relation] = []
        focus, previous_start = None, 0
        for sent in doc.parse.sents:
            # the state the story is about, if this sentence or the one before names it
            nearby = {m.resolution.code for m in states if previous_start <= m.start < sent.end_char}
            focus = focus_state(states, sent.start_char)
            focus = focus if focus in nearby else None
            previous_start = sent.start_char
            sentence = Sentence(sent.start_char, sent.end_char)
            events = [e for e in doc.events or () if sent.start_char <= e.trigger_start < sent.end_char]
            for token in sent:
                found += _read(doc, token, sentence, states, events, focus)
        unique = {r.id: r for r in found}
        return doc.assign(relations=tuple(unique.values()))


CLAIM_FIRST_WORDS = frozenset(m[0] for m in CLAIM_MARKERS)
TRIGGER_LEMMAS = AGREEMENT_NOUNS | PRESENCE_NOUNS | DRAW_VERBS | PIVOT_VERBS | PATH_NOUNS


def _read(doc, token, sentence, states, events, focus) -> list[Relation]:
    lemma = token.lemma_.lower()
    if lemma not in TRIGGER_LEMMAS and token.lower_ not in CLAIM_FIRST_WORDS:
        return []  # most tokens: nothing to read
    if token.pos_ in ("NOUN", "PROPN") and lemma in AGREEMENT_NOUNS:
        return _agreement(doc, token, sentence, states, events)
    if token.pos_ == "NOUN" and lemma in PRESENCE_NOUNS:
        return _presence(doc, token, sentence, states, focus)
    if token.pos_ == "VERB" and lemma in DRAW_VERBS | PIVOT_VERBS:
        return _rapprochement(doc, token, sentence, states)
    if token.pos_ == "NOUN" and lemma in PATH_NOUNS:
        return _precedent(doc, token, sentence, states)
    if _claim_marker(token):
        return _claim(doc, token, sentence, states, events)
    return []


# -- agreements ---------------------------------------------------------------------------------

def _agreement(doc, noun, sentence, states, events) -> list[Relation]:
    parties = _codes_in(_party_tokens(noun), states)
    if len(parties) < 2:  # "the apparent rejection of a 2012 agreement": the sides of the act done to it
        governors, token = set(), _phrase_head(noun)
        while token.dep_ in ("dobj", "pobj", "prep", "nsubjpass") and token.head.i != token.i:
            token = token.head  # "revoked its agreement", "the rejection of the agreement"
            governors.add(token.idx)
        for e in events:
            sides = [p for p in (*e.actors, *e.recipients) if p.code]
            if len({p.code for p in sides}) >= 2 and e.trigger_start in governors:
                parties = parties + sides
                break
    parties = list({p.code: p for p in reversed(parties)}.values())[::-1]  # one per state, first kept
    if len(parties) < 2:
        return []
    status = _status(noun)
    return [_relation(doc, "agreement", parties[:1], parties[1:], sentence, noun,
                      detail=_phrase(noun), status=status, date=_year(noun, doc))]


def _party_tokens(noun) -> list:
    tokens = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
            tokens += list(child.subtree)
        if child.dep_ == "prep" and child.lower_ in ("between", "with", "among"):
            tokens += list(child.subtree)
    # "the agreement formerly in place between Niger and the USA": a "between" anywhere in the phrase
    tokens += [t for d in noun.subtree if d.dep_ == "prep" and d.lower_ == "between" and d.i != noun.i
               for t in d.subtree]
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children):
        # "Niger has terminated its security agreements with the United States"
        tokens += [t for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
        tokens += [t for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for t in c.subtree]
    if noun.dep_ == "nsubj" and head.lemma_ in ("be", "remain"):
        tokens += [t for c in head.children if c.dep_ in ("prep", "advmod", "acomp") for t in c.subtree
                   if any(a.lower_ == "between" for a in t.ancestors)]
    return tokens


def _status(noun) -> str | None:
    noun = _phrase_head(noun)
    governors = [noun.head] if noun.head.i != noun.i else []
    if noun.dep_ == "pobj" and noun.head.head.i != noun.head.i:
        governors.append(noun.head.head)  # "the rejection of a 2012 agreement"
    for g in governors:
        for status, words in AGREEMENT_STATUS.items():
            if g.lemma_.lower() in words:
                return status
    if any(c.lower_ in ("formerly", "previously") for t in noun.subtree for c in t.children):
        return "ended"
    return None


# -- presence ---------------------------------------------------------------------------------

def _presence(doc, noun, sentence, states, focus) -> list[Relation]:
    owners = _codes_in([t for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                        for t in c.subtree], states)
    owners = [p for p in owners if p.code and len(p.code) == 3]
    if not owners:
        return []
    place = attachments.place(noun, doc, None, ()) or _place_of_clause(noun, doc)
    host = place.country if place else None
    reason = None
    if host is None and focus:
        # "a US troop presence in the country", "an American drone base established in 2018":
        # in a story about Niger, in Niger
        host, reason = focus, "no place named; the state the story is about"
    if host is None or host in {o.code for o in owners}:
        return []
    host_participant = Participant(place.name if place else "", place.start if place else noun.idx,
                                   place.end if place else noun.idx, host, reason=reason)
    return [_relation(doc, "presence", owners[:1], (host_participant,), sentence, noun, detail=_phrase(noun),
                      count=_count(noun), place=place, date=_dated(_presence_time(noun, doc), doc))]


def _presence_time(noun, doc) -> str | None:
    """'an American drone base established ... in 2018': the date of the clause that sets it up."""
    found = attachments.time_expression(noun, doc)
    for clause in (c for c in noun.children if c.dep_ in ("acl", "relcl")):
        found = found or attachments.time_expression(clause, doc)
    return found


def _place_of_clause(noun, doc) -> Place | None:
    """'Niger ... is host to a strategic US air base in Agadez': the place may hang off the verb."""
    head = noun.head
    while head.dep_ in ("pobj", "prep", "attr", "dobj") and head.head.i != head.i:
        head = head.head
    return attachments.place(head, doc, None, ()) if head.i != noun.i else None


def _count(noun) -> int | None:
    words = [t for c in noun.children if c.dep_ in ("nummod", "quantmod") for t in c.subtree]
    if not words:
        return None
    total, current = 0, 0
    for t in sorted(words, key=lambda t: t.i):
        text = t.lower_.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", text):
            current = float(text) if "." in text else int(text)
        elif text in NUMBER_WORDS:
            value = NUMBER_WORDS[text]
            if value >= 100:
                current = (current or 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            else:
                current += value
    number = int(total + current)
    return number or None


# -- rapprochement and precedent ----------------------------------------------------------------

def _rapprochement(doc, verb, sentence, states) -> list[Relation]:
    subject = _clause_subject(verb)
    if subject is None:
        return []
    movers = _codes_in(list(subject.subtree), states)
    lemma = verb.lemma_.lower()
    if lemma in DRAW_VERBS:
        if not any(t.lower_ == "closer" for t in verb.subtree):
            return []
        drawn = _codes_in([t for c in verb.children if c.dep_ == "dobj" for t in c.subtree], states)
        pairs = [(m, d) for m in movers[:1] for d in drawn if d.code != m.code]
        return [_relation(doc, "rapprochement", (m,), (d,), sentence, verb, detail="drew closer") for m, d in pairs]
    toward = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in TOWARD for t in c.subtree]
    toward += [t for c in verb.children if c.dep_ == "dobj" for g in c.children
               if g.dep_ == "prep" and g.lower_ in TOWARD for t in g.subtree]  # "shifting its allegiance towards"
    if not toward:
        return []
    targets = _codes_in(toward, states)
    return [_relation(doc, "rapprochement", (m,), (t,), sentence, verb, detail=f"{lemma} toward")
            for m in movers[:1] for t in targets if t.code != m.code]


def _precedent(doc, noun, sentence, states) -> list[Relation]:
    earlier = _codes_in([t for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "to") for t in c.subtree],
                        states)
    governor = noun.head
    while governor.dep_ in ("dobj", "pobj", "prep", "pcomp", "advcl", "acl") and governor.head.i != governor.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in governor.children):
        governor = governor.head
    subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    followers = _codes_in(list(subject.subtree), states) if subject is not None else []
    return [_relation(doc, "precedent", (f,), (e,), sentence, noun, detail="followed the path of")
            for f in followers[:1] for e in earlier if e.code != f.code]


def _clause_subject(verb):
    token = verb
    for _ in range(5):
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if token.dep_ not in ("pcomp", "pobj", "prep", "xcomp", "advcl", "conj", "ccomp") or token.head.i == token.i:
            return None
        token = token.head
    return None


# -- claims -------------------------------------------------------------------------------------

def _claim_marker(token) -> bool:
    words = (token.lower_, token.nbor(1).lower_ if token.i + 1 < len(token.doc) else "")
    return any(words[:len(m)] == m for m in CLAIM_MARKERS)


def _claim(doc, marker, sentence, states, events) -> list[Relation]:
    scope = [t for t in marker.doc[marker.i:marker.sent.end] if t.i - marker.i < 14]
    source = next((m for m in doc.mentions if m.kind != "time" and marker.idx <= m.start
                   and any(t.idx <= m.start < t.idx + len(t.text) for t in scope) and m.label in ("ORG", "PERSON")),
                  None)
    if source is None:
        return []
    about = [p for e in events for p in e.actors if p.code] or [
        Participant(m.text, m.start, m.end, m.resolution.code) for m in states
        if sentence.start <= m.start < sentence.end and m.start > source.end][:1]
    if not about:
        return []
    return [_relation(doc, "claim", tuple(about[:1]), (), sentence, marker, detail=doc.span(sentence.start, sentence.end),
                      source=source.text)]


# -- shared -------------------------------------------------------------------------------------

def _codes_in(tokens, states: list[Mention]) -> list[Participant]:
    found: dict[str, Participant] = {}
    starts = {t.idx for t in tokens}
    for m in states:
        if any(m.start <= s < m.end for s in starts) and m.resolution.code not in found:
            found[m.resolution.code] = Participant(m.text, m.start, m.end, m.resolution.code,
                                                   m.resolution.sector, m.resolution.name, mention_id=m.id)
    return sorted(found.values(), key=lambda p: p.start)


def _phrase_head(noun):
    """'status of forces agreement' is parsed as 'status' + 'of forces agreement': the whole name."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "status":
        return noun.head.head
    return noun


def _phrase(noun) -> str:
    head = _phrase_head(noun)
    left = [c for c in head.lefts if c.dep_ in ("compound", "amod") and c.ent_type_ == ""]
    left += [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.ent_type_ == ""]
    start = min([head.i, *(t.i for c in left for t in c.subtree)])
    return noun.doc[start:noun.i + 1].text


def _year(noun, doc) -> EventDate | None:
    """'a 2012 status of forces agreement', 'the 2015 accord': the year in the name."""
    for head in {noun.i: noun, _phrase_head(noun).i: _phrase_head(noun)}.values():
        for t in head.lefts:
            if t.ent_type_ == "DATE" and re.fullmatch(r"(19|20)\d\d", t.text):
                return resolve(t.text, doc.meta.published)
    return None


def _dated(expression: str | None, doc) -> EventDate | None:
    return resolve(expression, doc.meta.published) if expression else None


def _relation(doc, kind, subjects, objects, sentence, trigger, **fields) -> Relation:
    subjects, objects = tuple(subjects), tuple(objects)
    start, end = trigger.idx, trigger.idx + len(trigger.text)
    return Relation(
        id=relation_id(doc.id, kind, start, end, [s.code or "" for s in subjects], [o.code or "" for o in objects]),
        kind=kind, subjects=subjects, objects=objects, sentence=sentence, trigger_start=start, trigger_end=end,
        **fields,
    )
