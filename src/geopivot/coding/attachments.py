"""When and where: the time expression and place that modify a trigger itself."""

from __future__ import annotations

from ..model import Document, Mention, Place
from .salience import SPEECH_VERBS

LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"})

ADVERBIAL_PATH = frozenset({"pobj", "prep", "npadvmod", "advmod", "tmod", "pcomp", "compound", "nummod",
                            "appos", "quantmod"})
LEADING_WORDS = frozenset({"in", "on", "since", "until", "by", "last", "from", "early", "late", "during"})


def time_expression(trigger, doc: Document) -> str | None:
    """The DATE/TIME that modifies the trigger, not one inside a noun phrase ("the 2012 accord").

    A nominal trigger or a reported clause without its own date takes the date of the verb that
    governs it: "In December ... prompted the withdrawal", "announced last week that it had ended".
    """
    found = _own_time_expression(trigger, doc)
    head = trigger.head
    if found is None and head.i != trigger.i and (
        trigger.pos_ == "NOUN" or (trigger.dep_ == "ccomp" and head.lemma_.lower() in SPEECH_VERBS)
    ):
        found = _own_time_expression(head, doc)
    return found


def _own_time_expression(trigger, doc: Document) -> str | None:
    m = _first_modifier(trigger, doc, "time")
    return _with_preposition(doc.text, m) if m is not None else None


# Acts of moving people or things: their destination or origin is where they took place
# ("travelled to Seoul", "sent weapons to Ukraine", "recalled its ambassador from Mexico"),
# unlike "suspended aid to Sudan" or "imposed sanctions on Russia".
MOTION_VERBS = frozenset({
    "send", "deploy", "dispatch", "travel", "fly", "arrive", "visit", "go", "come", "return", "move", "transfer",
    "deliver", "ship", "airlift", "withdraw", "pull", "recall", "evacuate", "extradite", "deport", "expel",
    "repatriate", "march", "advance", "drive", "enter", "cross", "invade", "retreat", "leave", "redeploy",
    "station", "mass", "dispatch", "supply", "donate", "rush", "airdrop", "infiltrate", "launch", "fire",
})
DIRECTIONAL_PREPOSITIONS = frozenset({"to", "toward", "towards", "into", "from", "inside", "off", "outside"})
# A place reached through these is where something else happened ("following the takeover in Khartoum").
OTHER_SCENE_PREPOSITIONS = frozenset({"following", "after", "before", "amid", "despite", "over", "since", "than"})
PLACE_PATH = ADVERBIAL_PATH | {"dobj", "nsubjpass", "dative"}


def place(trigger, doc: Document, event_type: str | None = None, actor_heads=()) -> Place | None:
    """Where the event happened: a place on the act or its object ("bombed positions in northern
    Iraq"); for physical acts a state it went to or from; else where the actor was ("authorities
    in Bangladesh imposed a curfew")."""
    m = _first_place(trigger, doc, trigger.lemma_.lower() in MOTION_VERBS or event_type == "CONSULT")
    if m is None and trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass"):
        m = _first_place(trigger.head, doc, False)  # "protests broke out in Niamey"
    if m is None:
        for head in actor_heads:
            m = _first_place(head, doc, False)
            if m is not None:
                break
    if m is None:
        return None
    country = m.resolution.country or m.resolution.code or (m.geo.country if m.geo else None)
    return Place(name=m.text, start=m.start, end=m.end, country=country, reason=m.resolution.reason, geo=m.geo)


def _first_place(trigger, doc: Document, directional: bool) -> Mention | None:
    for m in doc.mentions:
        state = m.resolution.code is not None and m.resolution.code == m.resolution.country
        if m.kind == "time" or not (m.kind == "place" or m.geo is not None or state):
            continue
        span = trigger.doc.char_span(m.start, m.end)
        if span is None:
            continue
        root = span.root
        if any(t.i == trigger.i for t in span) or not _on_path(root, trigger):
            continue
        preposition = _governing_preposition(root)
        if m.kind == "place" or (preposition in LOCATIVE or (directional and preposition in DIRECTIONAL_PREPOSITIONS)):
            return m
    return None


def _on_path(token, trigger) -> bool:
    return _reaches(token, trigger, PLACE_PATH, OTHER_SCENE_PREPOSITIONS)


def _governing_preposition(token) -> str | None:
    """'in the southern Gaza city of Rafah' -> in; 'to eastern Congo' -> to."""
    for _ in range(4):
        if token.dep_ == "pobj":
            prep = token.head
            if prep.lower_ == "of" and prep.head.dep_ == "pobj":
                token = prep.head
                continue
            return prep.lower_
        if token.dep_ not in ("compound", "amod", "appos", "nmod", "poss") or token.head.i == token.i:
            return None
        token = token.head
    return None


def _first_modifier(trigger, doc: Document, kind: str) -> Mention | None:
    """The first mention of ``kind`` that modifies the trigger through adverbial links."""
    for m in doc.mentions:
        if m.kind != kind:
            continue
        span = trigger.doc.char_span(m.start, m.end)
        if span is not None and any(_modifies(token, trigger) for token in span):
            return m
    return None


def _modifies(token, trigger) -> bool:
    # "the rejection of a 2012 agreement": the agreement's date, not the rejection's
    return _reaches(token, trigger, ADVERBIAL_PATH, frozenset({"of"}))


def _reaches(token, trigger, links: frozenset, stop_prepositions: frozenset) -> bool:
    """Whether ``token`` hangs off ``trigger`` through ``links`` only, never through one of the
    ``stop_prepositions`` (which lead into another scene or another thing's description)."""
    while token.i != trigger.i:
        if token.dep_ not in links or token.head.i == token.i:
            return False
        if token.dep_ == "prep" and token.lower_ in stop_prepositions:
            return False
        token = token.head
    return True


def _with_preposition(text: str, m: Mention) -> str:
    before = text[max(0, m.start - 8):m.start].split()
    word = before[-1] if before else ""
    return f"{word} {m.text}" if word.lower() in LEADING_WORDS else m.text
