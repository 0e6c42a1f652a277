"""Statements about the future, coded the way PLOVER codes them.

PLOVER codes what an actor commits to, not what has not happened yet: "Israel
will evacuate the settlements" or "rebels said they will release the prime
minister" is an AGREE (a promise); "Iran threatened to cut off electricity",
"Greece plans to impose restrictions" or "Nigeria will withdraw its force
unless ..." is a THREATEN whose mode comes from the act threatened. The
statement itself is asserted. Wishes and attempts ("seeks stronger ties") are
not commitments and keep their type with the modality ``intended``. A future refusal to cooperate
("will not meet their demands") is a REJECT; a past one ("did not sign") stays a negated event.
"""

from __future__ import annotations

from .modality import reported_clause

COMMITMENT_HEADS = frozenset({
    "plan", "prepare", "ready", "willing", "prepared", "vow", "pledge", "promise", "threaten", "warn",
    "intend", "decide", "offer", "swear", "agree", "determined", "resolve", "set", "poised",
})
# Announced deployments (MOBILIZE) and planned strikes (PROTEST) are news of their own kind, not threats;
# an announced boycott is (CAMEO 1312, threaten with sanctions or boycott).
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT"})
COOPERATIVE = frozenset({"SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"})
THREAT_MODES = {
    ("SANCTION", "expel"): "expel",
    ("SANCTION", "discontinue"): "relations",
    ("SANCTION", "withdraw"): "relations",
    ("SANCTION", None): "restrict",
    ("COERCE", "arrest"): "arrest",
    ("COERCE", "seize"): "territory",
    ("COERCE", None): "restrict",
    ("ASSAULT", None): "violence",
    ("MOBILIZE", None): "violence",
    ("PROTEST", "boycott"): "restrict",
}


# Readying an attack is MOBILIZE ("increase in military readiness"), not yet the attack, and not a
# spoken threat either: "the army prepared to resume shelling", "troops poised to storm the town".
PREPARATION_HEADS = frozenset({"prepare", "poised", "gear", "ready"})
# Verbs of phase that sit between the preparation and the act: "prepared to resume shelling".
PHASE_VERBS = frozenset({"resume", "begin", "start", "launch", "continue", "renew", "step"})


def reframe(trigger_token, event_type: str, mode: str | None, modality: str) -> tuple[str, str | None, str]:
    """(type, mode, modality) after reading commitments and conditional threats."""
    if event_type == "ASSAULT" and _prepared(trigger_token):
        return "MOBILIZE", "troops", "asserted"
    if modality == "negated" and event_type in COOPERATIVE | {"CONSULT"} and _future(trigger_token):
        return "REJECT", None, "asserted"  # "will not meet their demands" is a refusal stated now
    committed = modality == "intended" and _commitment(trigger_token)
    # an announced coercive act is a threat; an announced concession stays the concession, intended
    threatened = committed or (modality == "intended" and _announced(trigger_token))
    # "will withdraw unless ..." is a threat; "could strike if ..." is someone's speculation
    conditional = modality in ("intended", "asserted") and _conditional(trigger_token)
    if (event_type in CONFLICTUAL or (event_type, mode) == ("PROTEST", "boycott")) and (threatened or conditional):
        return "THREATEN", threat_mode(event_type, mode), "asserted"
    if event_type in CONFLICTUAL and modality == "hypothetical" and trigger_token.pos_ == "NOUN":
        # "discussions of military intervention": a threat that was floated, never an attack
        return "THREATEN", threat_mode(event_type, mode), "hypothetical"
    if event_type in COOPERATIVE and event_type != "AGREE" and committed and not conditional:
        return "AGREE", None, "asserted"
    if event_type == "RETREAT" and conditional and modality == "intended":
        return "THREATEN", None, "asserted"
    return event_type, mode, modality


def _prepared(token) -> bool:
    """True for the act of 'prepared to attack' / 'poised to resume shelling' done by the preparer,
    not in a spoken commitment ("said it was ready to strike" stays a threat)."""
    for _ in range(3):
        head = token.head
        if head.i == token.i or token.dep_ not in ("xcomp", "dobj", "pcomp", "pobj", "prep"):
            return False
        lemma = head.lemma_.lower()
        if lemma in PREPARATION_HEADS and token.dep_ == "xcomp":
            return not (head.dep_ == "ccomp" and head.head.pos_ == "VERB")
        if lemma not in PHASE_VERBS and head.pos_ != "ADP":
            return False
        token = head
    return False


def _future(token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo", "'ll") for c in token.children)


def _commitment(token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in token.children):
        return True
    return token.dep_ in ("xcomp", "acl") and token.head.lemma_.lower() in COMMITMENT_HEADS


def _announced(token) -> bool:
    """'they said they would boycott': the future seen from the past, an announced act."""
    return reported_clause(token) and any(c.dep_ == "aux" and c.lower_ == "would" for c in token.children)


def _conditional(token) -> bool:
    for child in token.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in child.children):
            return True
    return False


def threat_mode(event_type: str, mode: str | None) -> str | None:
    """The THREATEN mode for a threatened act of ``event_type``/``mode`` (None when PLOVER has none)."""
    return THREAT_MODES.get((event_type, mode)) or THREAT_MODES.get((event_type, None))
