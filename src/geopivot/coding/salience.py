"""Ranking a sentence's candidate events: which one the sentence is about.

A news sentence usually asserts one main event; other triggers sit in relative
clauses, background or quotations. The score is a ranking weight, not a
calibrated probability: it orders events for "the main event" and filters
weak candidates. Weights were set by hand from the reading order of news
prose (main clause first, named actors matter more than pronouns) and checked
on the dev gold; they are not fitted to it line by line.
"""

from __future__ import annotations

SALIENCE_BASE = 0.3
MAIN_CHAIN_BONUS = 0.3  # the trigger is the root, coordinated with it, or what a reporting root reports
ACTOR_RESOLVED_BONUS = 0.2
RECIPIENT_RESOLVED_BONUS = 0.1
SPECIFIC_ROW_BONUS = 0.05  # per specific condition the lexicon row met (particle, object, light verb)
DEPTH_PENALTY = 0.03  # per dependency level between the trigger and the sentence root
NOMINAL_PENALTY = 0.1
VECTOR_PENALTY = 0.15
# Candidates scoring below this are dropped: a subordinate trigger with no resolved actor, or a
# vector-matched verb outside the main clause.
MIN_EVENT_SCORE = 0.5

# Verbs of speech: their complement is what was said, and its "would" is a future seen from the past.
SPEECH_VERBS = frozenset({"say", "announce", "report", "state", "tell", "add", "declare", "confirm", "insist"})
# Speech and cognition: their complement is what a sentence is about.
REPORTING_VERBS = SPEECH_VERBS | frozenset({
    "claim", "note",
    "explain", "write", "quote", "reveal", "disclose", "indicate", "believe", "think", "know", "show",
    "acknowledge", "admit", "stress", "emphasize", "emphasise", "assert", "argue", "suggest",
})


def in_main_chain(token) -> bool:
    while token.head.i != token.i:
        if token.dep_ in ("conj", "xcomp", "acomp") or (token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in REPORTING_VERBS):
            token = token.head
            continue
        if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj") and token.pos_ == "NOUN":
            token = token.head  # a nominal trigger is as central as its verb
            if token.dep_ == "prep":
                token = token.head
            continue
        return False
    return True


def depth(token) -> int:
    steps = 0
    while token.head.i != token.i and steps < 50:
        token = token.head
        steps += 1
    return steps


def score(trigger_token, trigger, actor_resolved: bool, recipient_resolved: bool) -> float:
    value = SALIENCE_BASE
    value += MAIN_CHAIN_BONUS if in_main_chain(trigger_token) else 0.0
    value += ACTOR_RESOLVED_BONUS if actor_resolved else 0.0
    value += RECIPIENT_RESOLVED_BONUS if recipient_resolved else 0.0
    value += SPECIFIC_ROW_BONUS * min(trigger.specificity, 2)
    value -= DEPTH_PENALTY * depth(trigger_token)
    value -= NOMINAL_PENALTY if trigger.nominal else 0.0
    value -= VECTOR_PENALTY if trigger.by_vector else 0.0
    return round(max(0.0, min(1.0, value)), 3)
