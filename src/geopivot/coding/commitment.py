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

COMMITMENT_HEADS = frozenset({
    "plan", "prepare", "ready", "willing", "prepared", "vow", "pledge", "promise", "threaten", "warn",
    "intend", "decide", "offer", "swear", "agree", "determined", "resolve", "set", "poised",
})
# Announced deployments (MOBILIZE) and planned strikes (PROTEST) are news of their own kind, not threats.
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
}


def reframe(trigger_token, event_type: str, mode: str | None, modality: str) -> tuple[str, str | None, str]:
    """(type, mode, modality) after reading commitments and conditional threats."""
    if modality == "negated" and event_type in COOPERATIVE | {"CONSULT"} and _future(trigger_token):
        return "REJECT", None, "asserted"  # "will not meet their demands" is a refusal stated now
    committed = modality == "intended" and _commitment(trigger_token)
    # "will withdraw unless ..." is a threat; "could strike if ..." is someone's speculation
    conditional = modality in ("intended", "asserted") and _conditional(trigger_token)
    if event_type in CONFLICTUAL and (committed or conditional):
        return "THREATEN", _threat_mode(event_type, mode), "asserted"
    if event_type in CONFLICTUAL and modality == "hypothetical" and trigger_token.pos_ == "NOUN":
        # "discussions of military intervention": a threat that was floated, never an attack
        return "THREATEN", _threat_mode(event_type, mode), "hypothetical"
    if event_type in COOPERATIVE and event_type != "AGREE" and committed and not conditional:
        return "AGREE", None, "asserted"
    if event_type == "RETREAT" and conditional and modality == "intended":
        return "THREATEN", None, "asserted"
    return event_type, mode, modality


def _future(token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo", "'ll") for c in token.children)


def _commitment(token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in token.children):
        return True
    head = token.head
    return token.dep_ in ("xcomp", "acl") and head.lemma_.lower() in COMMITMENT_HEADS


def _conditional(token) -> bool:
    for child in token.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in child.children):
            return True
    return False


def _threat_mode(event_type: str, mode: str | None) -> str | None:
    return THREAT_MODES.get((event_type, mode)) or THREAT_MODES.get((event_type, None))
