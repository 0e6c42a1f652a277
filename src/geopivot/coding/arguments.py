"""Who did it and to whom: actor and recipient phrases of a trigger in the dependency parse.

Rules, in the order a reader applies them:

* the subject is the actor; in a passive the ``by`` phrase is the actor and the
  subject the recipient ("was expelled by");
* a verb coordinated with or complementing another inherits its subject
  ("agreed to withdraw", "met and signed"); with verbs of asking or ordering
  the complement's subject is the governor's object ("urged Mali to leave",
  "called on US units to pull out");
* a pronoun subject of a reported clause is the reporter ("Niger announced
  that it had ended ...");
* a relative clause's subject is the noun it modifies;
* objects and prepositional objects (with, to, against, on, ...) are
  recipients;
* for a nominal trigger ("Israeli air strikes on Gaza") the possessor and
  modifiers are the actor, or the light verb's subject ("Israel launched an
  offensive"), and ``on/against/with/in`` phrases the recipient.
"""

from __future__ import annotations

from dataclasses import dataclass

RECIPIENT_PREPOSITIONS = frozenset(
    {"with", "to", "against", "on", "upon", "from", "toward", "towards", "for", "into", "over", "of", "at", "in"}
)
# Prepositions that name a recipient only for some triggers; "in" and "at" are usually places.
WEAK_PREPOSITIONS = frozenset({"of", "at", "in", "for", "over", "from"})
NESTED_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj"})
OBJECT_CONTROL_VERBS = frozenset({
    "urge", "ask", "call", "force", "order", "tell", "persuade", "invite", "allow", "request", "press",
    "pressure", "encourage", "compel", "instruct", "direct", "permit", "authorize", "authorise", "appeal",
})
PRONOUNS = frozenset({"it", "they", "he", "she", "its", "we"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our", "his", "her"})
ADDRESSEE_IN_CLAUSE = frozenset({
    "demand", "ask", "urge", "insist", "request", "call", "press", "appeal", "recommend", "propose", "warn",
    "threaten", "accuse", "allege", "charge", "claim",
})
# Event nouns whose "of" phrase names who acted, not who was acted on.
SUBJECTIVE_GENITIVE = frozenset({"RETREAT", "CONSULT", "PROTEST", "MOBILIZE", "AGREE", "THREATEN"})
INTENTION_NOUNS = frozenset({"desire", "plan", "intention", "bid", "effort", "attempt", "decision", "readiness",
                             "willingness", "commitment", "pledge", "promise", "offer", "wish", "determination"})
ACTOR_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
NOUN_ACTOR_DEPS = frozenset({"poss", "amod", "compound", "nmod"})


@dataclass(frozen=True)
class Arguments:
    actors: tuple  # head tokens of actor phrases
    recipients: tuple
    passive: bool = False


def verb_arguments(verb) -> Arguments:
    subject, passive = subject_of(verb)
    agent = _agent(verb)
    if passive:
        actors = (agent,) if agent is not None else ()
        recipients = (subject,) if subject is not None else ()
    else:
        actors = (subject,) if subject is not None else ()
        recipients = ()
    taken = {t.i for t in (*actors, *recipients)}
    recipients += tuple(h for h in _recipient_heads(verb) if h.i not in taken)
    if not recipients and _verb_conjuncts(verb):
        # "donated and delivered goods to Baghdad": coordinated verbs share their objects
        for sibling in _verb_conjuncts(verb):
            recipients += tuple(h for h in _recipient_heads(sibling) if h.i not in taken)
            if recipients:
                break
    asked = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ADDRESSEE_IN_CLAUSE]
    if asked:  # "reiterated its demand that Israel ease": the demand is not the one asked
        recipients = tuple(r for r in recipients if r.i not in {a.i for a in asked})
    if not recipients and (verb.lemma_.lower() in ADDRESSEE_IN_CLAUSE or asked):
        # "demanded that Hamas renounce ...": who is asked is the subject of what is asked
        recipients = tuple(s for c in verb.children if c.dep_ == "ccomp"
                           for s in c.children if s.dep_ in ("nsubj", "nsubjpass"))
    return Arguments(_expand_conjuncts(actors), _expand_conjuncts(recipients), passive)


def noun_arguments(noun, event_type: str | None = None) -> Arguments:
    # only modifiers that name someone: "Israeli strikes", "Russia's offensive", not "week-long exercise"
    named = [c for c in noun.children if c.dep_ in NOUN_ACTOR_DEPS and (c.dep_ == "poss" or c.ent_type_ in ACTOR_ENTITIES)]
    against = [c for c in named if _anti(c)]
    actors = [c for c in named if not _anti(c)]
    of_phrase = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    if not actors and event_type in SUBJECTIVE_GENITIVE:
        actors = of_phrase  # "the withdrawal of French forces": who withdrew
    head = noun.head
    if actors and all(a.lower_ in POSSESSIVE_PRONOUNS for a in actors) and noun.dep_ == "dobj" and head.pos_ == "VERB":
        actors = []  # "had completed their withdrawal": whose it is, the subject of the verb says
    if not actors and noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        subject, _ = subject_of(head)
        actors = [subject] if subject is not None else []
    recipients = [
        g for p in noun.children if p.dep_ == "prep" and p.lower_ in (RECIPIENT_PREPOSITIONS | {"between"}) - {"of"}
        for g in p.children if g.dep_ == "pobj"
    ]
    recipients = against + recipients  # "anti-French protests" are against France
    if event_type == "REQUEST":  # "its demand that Israel ease restrictions": who is asked
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
        if not clauses and noun.dep_ == "dobj":  # "reiterated its demand today that Israel ease"
            clauses = [c for c in head.children if c.dep_ == "ccomp"]
        recipients += [s for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    if event_type not in SUBJECTIVE_GENITIVE:
        recipients += of_phrase  # "the arrest of opposition leaders": who was arrested
    if head.pos_ in ("VERB", "AUX"):
        recipients += [g for p in head.children if p.dep_ == "prep" and p.lower_ in ("against", "on", "with")
                       for g in p.children if g.dep_ == "pobj"]
    return Arguments(_expand_conjuncts(tuple(actors)), _expand_conjuncts(tuple(recipients)))


def _anti(token) -> bool:
    """'anti-French': the name after 'anti-' is who the act is against."""
    doc = token.doc
    start = token.left_edge.i
    return any(t.lower_ in ("anti", "anti-") for t in doc[max(0, start - 2):token.i + 1])


def _pronoun_owned(noun) -> bool:
    """'their forces' in what the Bosnian Serbs said: a common noun owned by a pronoun."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in noun.children)


def subject_of(verb):
    """The subject token and whether the verb is passive, following control and coordination."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj", "expl"):
            if (child.lower_ in PRONOUNS or _pronoun_owned(child)) and verb.dep_ == "ccomp" and verb.head.i != verb.i:
                reporter, _ = subject_of(verb.head)
                return (reporter if reporter is not None else child), False
            return child, False
        if child.dep_ in ("nsubjpass", "csubjpass"):
            return child, True
    governor = verb.head
    if governor.i == verb.i:
        return None, False
    if verb.dep_ == "xcomp" and governor.lemma_.lower() in OBJECT_CONTROL_VERBS:
        controller = _governor_object(governor)
        if controller is not None:
            return controller, False
    if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") or (verb.dep_ == "ccomp" and governor.pos_ == "ADJ"):
        subject, passive = subject_of(governor)
        return subject, passive and verb.dep_ == "conj" and verb.tag_ == "VBN"
    if verb.dep_ == "acl" and governor.lemma_.lower() in INTENTION_NOUNS and governor.head.i != governor.i:
        # "expressed a desire to develop ties": whoever has the desire
        subject, passive = subject_of(governor.head)
        return subject, False
    if verb.dep_ in ("relcl", "acl"):
        return governor, verb.dep_ == "acl" and verb.tag_ == "VBN"
    return None, False


def _governor_object(governor):
    for child in governor.children:
        if child.dep_ in ("dobj", "dative"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


NOT_PARTICIPANTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _recipient_heads(verb):
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "attr"):
            yield child
        elif child.dep_ in ("prep", "prt") and child.lower_ in RECIPIENT_PREPOSITIONS - {"in"}:
            # "in" on a verb says where or when ("in July", "in Niamey"), not to whom
            yield from (g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in NOT_PARTICIPANTS)
    for child in verb.children:  # "refused to withdraw from Arnor": the complement's object, once
        if child.dep_ == "xcomp" and not any(c.dep_ in ("nsubj",) for c in child.children):
            yield from (g for g in child.children if g.dep_ == "dobj")
            yield from (g for p in child.children if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPOSITIONS - (WEAK_PREPOSITIONS - {"from"})
                        for g in p.children if g.dep_ == "pobj")


def _verb_conjuncts(verb):
    return [c for c in verb.conjuncts if c.pos_ == "VERB" and c.i != verb.i]


def _expand_conjuncts(heads: tuple) -> tuple:
    """'Hungarian and Romanian officials', 'Mali, Burkina Faso and Niger': every conjunct is a participant."""
    out = []
    for head in heads:
        if head is None:
            continue
        out.append(head)
        out.extend(c for c in head.conjuncts if c.pos_ in ("PROPN", "NOUN") and c.i > head.i)
    seen, unique = set(), []
    for token in out:
        if token.i not in seen:
            seen.add(token.i)
            unique.append(token)
    return tuple(unique)


SHALLOW_DEPS = frozenset({"compound", "amod", "poss", "det", "nmod", "nummod", "case", "flat"})


def phrase_bounds(head, shallow: bool = False) -> tuple[int, int]:
    """Character span of ``head``'s phrase, leaving out clauses and coordinated phrases nested in it.

    ``shallow`` keeps only the noun and its modifiers, for objects of weak prepositions ("over
    their ties with Israel" should not make Israel a recipient).
    """
    tokens = [head]
    allowed = (lambda c: c.dep_ in SHALLOW_DEPS) if shallow else (lambda c: True)
    stack = [c for c in head.children
             if c.dep_ not in NESTED_CLAUSES and c.dep_ not in ("cc", "punct") and allowed(c)]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in NESTED_CLAUSES - {"conj"})
    tokens = [t for t in tokens if not t.is_punct or t.i == head.i]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end
