"""Did it happen? Asserted, intended, hypothetical, negated or a reported claim.

Only asserted events count in aggregates by default. The cues:

* negated: a ``not``/``never`` on the trigger or on a verb governing it ("did not sign",
  "has not agreed to withdraw");
* hypothetical: modal auxiliaries (could, would, might, may, should, must), ``if``
  clauses, and nominal hedges governing the trigger ("a possible", "discussions of");
* intended: ``will``/``shall``, or a complement of a verb or noun of intention
  ("plans to", "seeks to", "a desire to", "is ready to");
* reported: the trigger sits in what someone claims or alleges.

"refused to X" is not a negated X: the refusal is the event (REJECT); see the coder.
"""

from __future__ import annotations

from .salience import SPEECH_VERBS

HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "'d"})
INTENT_AUX = frozenset({"will", "shall", "'ll", "wo"})
INTENT_WORDS = frozenset({
    "plan", "seek", "intend", "want", "aim", "hope", "try", "prepare", "pledge", "promise", "desire",
    "expect", "wish", "propose", "decide", "vow", "offer", "ready", "willing", "prepared", "eager",
    "determined", "intention", "plan", "bid", "attempt", "effort", "push", "threaten", "move", "set",
    "agree", "commit", "consent", "undertake", "resolve", "swear",
})
HEDGE_WORDS = frozenset({"possible", "potential", "possibility", "prospect", "discussion", "talk", "idea",
                         "proposal", "option", "risk", "threat", "consider", "mull", "weigh", "debate"})
CLAIM_WORDS = frozenset({"claim", "allege", "rumor", "rumour", "speculate", "allegedly", "reportedly"})
# "rejected US suggestions that Niger had agreed to ...": the content of a claim is not asserted.
CLAIM_NOUNS = frozenset({"suggestion", "claim", "allegation", "report", "rumor", "rumour", "accusation",
                         "speculation", "assertion", "charge"})
REFUSAL_WORDS = frozenset({"refuse", "decline", "reject", "rebuff", "fail"})
# What is asked for has not happened; the REQUEST carries it ("demanded that Israel ease restrictions").
REQUEST_WORDS = frozenset({"demand", "urge", "ask", "call", "press", "appeal", "insist", "request", "beg", "implore"})
# Ordering someone to act ("ordered troops to leave") but not reporting to someone ("told reporters that ...").
ORDER_WORDS = frozenset({"order", "tell", "instruct", "direct"})



def modality(trigger) -> str:
    chain = list(_governors(trigger))
    if _negated(trigger) or any(_negated(g) for g in chain[:1] if trigger.dep_ in ("xcomp", "conj")):
        return "negated"
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    for g in chain[:2]:
        aux |= {c.lower_ for c in g.children if c.dep_ == "aux"} if trigger.dep_ in ("xcomp", "conj") else set()
    if "would" in aux and reported_clause(trigger):
        aux = (aux - {"would"}) | {"will"}  # "they said they would boycott": the future seen from the past
    if aux & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in trigger.children):
        return "hypothetical"
    if trigger.pos_ == "NOUN" and any(c.lemma_.lower() in HEDGE_WORDS for c in trigger.children if c.dep_ == "amod"):
        return "hypothetical"
    for g in chain[:2]:
        if g.lemma_.lower() in HEDGE_WORDS and trigger.dep_ in ("pobj", "acl", "xcomp", "compound"):
            return "hypothetical"
    if aux & INTENT_AUX:
        return "intended"
    for g in chain[:2]:
        if g.lemma_.lower() in INTENT_WORDS and trigger.dep_ in ("xcomp", "acl", "pobj", "ccomp"):
            return "intended"
    if any(g.lemma_.lower() in CLAIM_WORDS or (g.pos_ == "NOUN" and g.lemma_.lower() in CLAIM_NOUNS) for g in chain[:3]) or any(
        c.lower_ in CLAIM_WORDS for c in trigger.children if c.dep_ == "advmod"
    ):
        return "reported"
    return "asserted"


def refused(trigger) -> bool:
    """True when the trigger is what a refusal refuses or a request asks for ("refused to withdraw",
    "ruled out ceding", "urged Israel to ease", "demanded that Israel ease"): the governing REJECT
    or REQUEST is the event, and this act has not happened."""
    head = trigger.head
    if head.i == trigger.i:
        return False
    lemma = head.lemma_.lower()
    if trigger.dep_ in ("xcomp", "dobj", "pcomp"):
        if lemma in REFUSAL_WORDS or (lemma == "rule" and any(c.lower_ == "out" for c in head.children)):
            return True
    if trigger.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.lemma_.lower() in REQUEST_WORDS for c in head.children):
        return True  # "reiterated its demand today that Israel ease restrictions"
    return (trigger.dep_ in ("xcomp", "ccomp") and lemma in REQUEST_WORDS) or (
        trigger.dep_ == "xcomp" and lemma in ORDER_WORDS)


def reported_clause(token) -> bool:
    """The trigger is (a conjunct of) what a speech verb reports."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_VERBS


def _negated(token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in token.children)


def _governors(token):
    """Heads above the token up to the clause root, through complement and prepositional links."""
    while token.head.i != token.i and token.dep_ in ("xcomp", "acl", "pobj", "prep", "ccomp", "conj", "compound", "dobj", "advcl"):
        token = token.head
        yield token
