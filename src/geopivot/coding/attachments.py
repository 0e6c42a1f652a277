"""When and where: the time expression and place that modify a trigger itself."""

from __future__ import annotations

from ..model import Document, Mention, Place
from .salience import SPEECH_VERBS

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


def place(trigger, doc: Document) -> Place | None:
    m = _first_modifier(trigger, doc, "place")
    if m is None:
        return None
    return Place(name=m.text, start=m.start, end=m.end,
                 country=m.resolution.country or m.resolution.code, reason=m.resolution.reason)


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
    while token.i != trigger.i:
        if token.dep_ not in ADVERBIAL_PATH or token.head.i == token.i:
            return False
        token = token.head
    return True


def _with_preposition(text: str, m: Mention) -> str:
    before = text[max(0, m.start - 8):m.start].split()
    word = before[-1] if before else ""
    return f"{word} {m.text}" if word.lower() in LEADING_WORDS else m.text
