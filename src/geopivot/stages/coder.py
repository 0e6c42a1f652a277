"""The event coder stage: triggers, their arguments, modality and salience, to PLOVER events.

For each sentence: find triggers (verbs and nominal triggers from the lexicons,
unknown verbs by their nearest lexicon verb), read their actors and recipients
from the parse, resolve them through the mentions, judge modality, score
salience, and keep the candidates that name a political actor and score high
enough. The same event read twice in one sentence ("imposed sanctions": the
verb row and the noun row) is kept once.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from dataclasses import dataclass

from ..actors import NON_STATE_CODES, ActorIndex
from ..coding import attachments, commitment, salience
from ..coding.arguments import WEAK_PREPOSITIONS, Arguments, subject_of, noun_arguments, phrase_bounds, verb_arguments
from ..coding.contexts import ContextCues
from ..coding.focus import focus_state
from ..gazetteer import Gazetteer
from ..coding.lexicon import DEFERRING_VERBS, Trigger, TriggerLexicon, load_tie_endings, object_heads
from ..coding.modality import modality, refused
from .mentions import LOCATIVE_PREPOSITIONS
from ..ids import event_id
from ..model import Document, Event, EventDate, Mention, Participant, Place, Sentence
from ..ontology import Ontology
from ..timeexpr import resolve

METHOD = "rules-v2"
# Verbs whose complement is the act they aim at ("seeks to forge ties"); bare, they are events
# of their own ("seeks clarification" is a REQUEST).
INTENT_CARRIERS = frozenset({"seek", "try", "want", "aim", "attempt", "hope", "wish", "push", "move", "strive",
                             "prepare", "plan", "intend", "expect"})
NO_EVENT = "NONE"
NATURAL_CAUSES = frozenset({
    "fire", "blaze", "wildfire", "earthquake", "quake", "flood", "flooding", "storm", "cyclone", "hurricane",
    "typhoon", "tornado", "landslide", "avalanche", "heatwave", "drought", "disease", "virus", "outbreak",
    "epidemic", "pandemic", "crash", "accident", "collapse", "stampede", "tsunami", "eruption", "lightning",
})
THREAT_VERBS = frozenset({"threaten", "warn"})
HOSTING_VERBS = frozenset({"host", "receive", "welcome"})  # a lexicon row that blocks a reading: "released a statement" is not a release


class EventCoder:
    name = "coder"
    requires = frozenset({"parse", "sentences", "mentions"})
    assigns = frozenset({"events"})

    def __init__(self, lexicon: TriggerLexicon, ontology: Ontology, actor_index: ActorIndex,
                 contexts: ContextCues | None = None, gazetteer: Gazetteer | None = None,
                 tie_endings: frozenset[tuple[str, str, str]] | None = None):
        self.lexicon = lexicon
        self.tie_endings = load_tie_endings() if tie_endings is None else tie_endings
        self.ontology = ontology
        self.actor_index = actor_index
        self.contexts = contexts
        self.gazetteer = gazetteer

    def __call__(self, doc: Document) -> Document:
        actor_mentions = [m for m in doc.mentions if m.kind == "actor"]
        events: list[Event] = []
        time_mentions = [m for m in doc.mentions if m.kind == "time"]
        context, previous_end = Context(), 0
        for sent in doc.parse.sents:
            # what came before: "the junta" refers back to the state the document is about, and
            # "Last year, ... ECOWAS officials called for ..." dates the paragraph's next sentences
            same_paragraph = "\n" not in doc.text[previous_end:sent.start_char]
            own_time = next((m for m in time_mentions if sent.start_char <= m.start < sent.end_char
                             and _adverbial(doc.parse, m)), None)
            time = (own_time.text if own_time else context.time if same_paragraph else None)
            context = Context(focus_state(actor_mentions, sent.start_char),
                              context.topic if same_paragraph else (),
                              context.time if same_paragraph and own_time is None else None,
                              context.counterpart if same_paragraph else ())
            sentence = Sentence(sent.start_char, sent.end_char)
            candidates = [
                event
                for token in sent
                if (trigger := self._trigger(token)) is not None
                and (event := self._event(doc, sentence, token, trigger, actor_mentions, context)) is not None
            ]
            kept = _one_per_reading(candidates)
            events.extend(kept)
            main = max(kept, key=lambda e: e.confidence, default=None)
            if main is not None:  # a sentence that tells no event keeps the story's last one
                context = Context(context.focus, tuple(a for a in main.actors if a.code), time,
                                  tuple(r for r in main.recipients if r.code))
            else:
                context = dataclasses.replace(context, time=time)
            previous_end = len(doc.text[:sent.end_char].rstrip())  # a newline left in the sentence ends the paragraph
        return doc.assign(events=tuple(events))

    def _trigger(self, token) -> Trigger | None:
        trigger = self._lookup(token)
        return None if trigger is None or trigger.type == NO_EVENT else trigger

    def _lookup(self, token) -> Trigger | None:
        if token.pos_ == "VERB":
            if token.dep_ == "amod" or (token.dep_ == "acl" and token.tag_ == "VBN"):
                return None  # "deported migrants", "the agreement signed in Pretoria": background, not asserted here
            if refused(token):
                return None  # the refusal carries it: "refused to withdraw" is REJECT, not a withdrawal
            if _threat_content(token):
                return None  # "threatened to hold a general strike": the threat is the event
            if token.lemma_.lower() in INTENT_CARRIERS and any(c.dep_ == "xcomp" for c in token.children):
                return None  # "seeking to forge ties": the complement is the act, marked intended
            if token.lemma_.lower() in DEFERRING_VERBS and any(
                self.lexicon.match_noun(o) for o in object_heads(token) if o.pos_ == "NOUN"
            ):
                return None  # the object noun carries the event: "approved a bailout" is AID
            trigger = self.lexicon.match_verb(token) or self.lexicon.nearest_verb(token)
            if trigger is not None and trigger.type == "MOBILIZE" and _mobilizes_no_force(token):
                return None  # "mobilized pressure groups", "deployed its diplomatic weight": not forces
            return trigger
        if token.pos_ == "ADJ":
            complements = [c for c in token.children if c.dep_ == "xcomp"]
            # "ready to contribute troops" is an offer, unless what is offered is itself an event
            if complements and not any(self._lookup(c) for c in complements):
                return self.lexicon.match_verb(token)
            return None
        if token.pos_ in ("NOUN", "PROPN"):
            return None if _threat_content(token) else self.lexicon.match_noun(token)
        return None

    def _event(self, doc, sentence, token, trigger: Trigger, mentions, context: Context) -> Event | None:
        args = noun_arguments(token, trigger.type) if trigger.nominal else verb_arguments(token)
        if trigger.type == "CONSULT" and token.lemma_.lower() in HOSTING_VERBS:
            args = Arguments(args.recipients, args.actors)  # PLOVER's visit: the guest acts, the host receives
        if args.actors and args.actors[0].lemma_.lower() in NATURAL_CAUSES:
            return None  # "a fire kills four people", "floods killed dozens": no actor, no political event
        place = attachments.place(token, doc, trigger.type, args.actors) or self._capital(token, context)
        actors, recipients = self._sides(doc, token, trigger, args, place, mentions, context)
        if not _political(actors, recipients):
            return None
        if token.lemma_.lower() in HIRING_VERBS and trigger.type == "COOPERATE" and not _foreign(actors, recipients):
            return None  # hiring is news between states only when one hires the other's forces
        weight = salience.score(token, trigger, _resolved(actors), _resolved(recipients))
        if weight < salience.MIN_EVENT_SCORE:
            return None
        event_type, mode, event_modality = commitment.reframe(token, trigger.type, trigger.mode, modality(token))
        if event_type == "THREATEN" and mode is None:
            mode = self._threatened_mode(token)
        demander = _demander(token)
        if demander is not None:
            # "Britain said Libya must hand over the suspects": Britain's demand to Libya
            demanding = self._participants((demander,), mentions)
            if _resolved(demanding):
                actors, recipients = demanding, actors
                event_type, mode, event_modality = "REQUEST", None, "asserted"
        if event_type in ("CONSULT", "MOBILIZE") and _forces_by_agreement(token, args.actors):
            # "Russian military instructors arrive in Niger as part of an agreement with the junta":
            # forces sent at the host's request are military cooperation, not a visit or a threat
            event_type, mode = "COOPERATE", None
        if event_type == "MOBILIZE" and _joint(token, recipients):
            event_type, mode = "COOPERATE", None  # joint exercises and patrols are military cooperation
        if event_type in ("COERCE", "PROTEST") and token.lemma_.lower() in OBSTRUCTION_VERBS:
            # workers or rebels blocking roads protest; a state blocking them restricts
            event_type, mode = ("COERCE", "restrict") if _state_actor(actors, args.actors) else ("PROTEST", "obstruct")
        coding = self.ontology.cameo(event_type, mode)
        start, end = token.idx, token.idx + len(token.text)
        agreed = self._agreed_act(token, trigger) if event_type == "AGREE" else None
        act = agreed or (event_type, mode, token.lemma_.lower())
        return Event(
            id=event_id(doc.id, event_type, start, end, [a.code or "" for a in actors],
                        [r.code or "" for r in recipients]),
            type=event_type,
            mode=mode,
            contexts=self.contexts.contexts(token) if self.contexts else (),
            actors=actors,
            recipients=recipients,
            date=self._date(token, doc, context),
            modality=event_modality,
            confidence=weight,
            sentence=sentence,
            trigger_start=start,
            trigger_end=end,
            method=f"{METHOD}:{'vector' if trigger.by_vector else 'noun' if trigger.nominal else 'verb'}",
            cameo=coding.cameo,
            goldstein=coding.goldstein,
            quad_class=coding.quad_class,
            agreed_type=agreed[0] if agreed else None,
            agreed_mode=agreed[1] if agreed else None,
            ends_tie=(act[0], act[1] or "", act[2]) in self.tie_endings,
            place=place,
        )

    def _agreed_act(self, token, trigger: Trigger) -> tuple[str, str | None, str] | None:
        """(type, mode, lemma) of the act an AGREE commits to, kept beside the promise so that alignment
        can read "agrees to withdraw its troops" as the end of a presence; None for a bare accord."""
        if trigger.type != "AGREE":
            return trigger.type, trigger.mode, token.lemma_.lower()  # "will withdraw", reframed as a promise
        acts = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        acts += [o for o in object_heads(token) if o.pos_ == "NOUN"]  # "agreed to the withdrawal"
        for act in acts:
            found = self._lookup(act)
            if found is not None and found.type not in (NO_EVENT, "AGREE"):
                return found.type, found.mode, act.lemma_.lower()
        return None

    def _sides(self, doc, token, trigger: Trigger, args: Arguments, place, mentions, context: Context):
        """Actors and recipients as the parse names them, then what can be inferred where it names none."""
        actors = self._participants(args.actors, mentions, context.focus)
        recipients = self._participants(args.recipients, mentions, context.focus)
        if trigger.nominal and not args.actors and trigger.type == "PROTEST" and (place or context.focus):
            # "anti-French protests in the capital": unnamed protesters are civilians of the place
            code = place.country if place is not None and place.country else context.focus
            actors = (Participant("", token.idx, token.idx, code, "CVL",
                                  reason="protesters not named; civilians of the place of the protest"),)
        elif trigger.nominal and not args.actors and context.topic:
            # "ECOWAS officials called for ... Despite discussions of military intervention, ...":
            # an event noun with no actor of its own continues the previous sentence's actor
            actors = tuple(dataclasses.replace(a, reason="carried over from the previous sentence's main event")
                           for a in context.topic)
            counterpart = tuple(r for r in context.counterpart if r.code not in {a.code for a in actors})
            if not _resolved(recipients) and counterpart:
                # "... calling the American presence illegal. The apparent rejection of the 2012
                # agreement ...": the same two sides as the event just told
                recipients = tuple(dataclasses.replace(r, reason="carried over from the previous sentence's main event")
                                   for r in counterpart)
            if not recipients and context.focus and context.focus not in {a.code for a in actors}:
                recipients = (Participant("", token.idx, token.idx, context.focus,
                                          reason="no target named; the state the document is about"),)
        # a state acting on itself needs two distinct sectors; otherwise one side was read twice
        recipients = tuple(r for r in recipients if (r.code, r.sector) not in {(a.code, a.sector) for a in actors})
        if trigger.mode == "visit" and place is not None and place.country and not _resolved(recipients):
            # "arrived in Niamey": the host of a visit is the state visited
            recipients = (Participant(place.name, place.start, place.end, place.country),)
        if not _resolved(actors):
            actors = _actor_from_place(token.sent, doc, place, actors, recipients)
        if recipients and not _resolved(recipients):
            recipients = _recipient_from_place(doc, place, recipients, args.recipients, token)
        if not _resolved(recipients) and trigger.type == "THREATEN":
            # "threatened a strike unless Israel rescinded the annexation": who must act to avert it
            recipients = self._participants(_condition_subjects(token), mentions) or recipients
        if not _resolved(recipients) and trigger.type == "REQUEST" and context.focus \
                and context.focus not in {a.code for a in actors} and _resolved(actors):
            # "ECOWAS officials called for the restoration of constitutional governance" in an
            # article about Niger: a call that names no addressee is addressed to that state
            recipients = (Participant("", token.idx, token.idx, context.focus,
                                      reason="no addressee named; the state the document is about"),)
        if not _resolved(recipients) and trigger.type in TARGETED_TYPES:
            recipients = self._participants(_against(token), mentions) or recipients
        if recipients and not _resolved(recipients) and _resolved(actors):
            recipients = _domestic_recipient(args.recipients, recipients, actors)
        if not _resolved(recipients) and (trigger.type == "PROTEST" or token.lemma_.lower() in OBSTRUCTION_VERBS):
            # "to show their disapproval of the United States' policies": whom the protest is aimed at
            recipients = self._participants(_protest_targets(token, actors, mentions), mentions) or recipients
        if not _resolved(recipients) and _resolved(actors) and trigger.type in DOMESTIC_BY_DEFAULT:
            # a curfew, a ban, a protest with no target named: within the actor's own state
            code = next(a.code for a in actors if a.code)
            if code not in NON_STATE_CODES:
                recipients = (Participant("", token.idx, token.idx, code,
                                          reason="no target named; a coercive act or protest at home"),)
        return actors, recipients

    def _capital(self, token, context: Context) -> Place | None:
        """'anti-French protests in the capital', in a story about Niger: in Niamey."""
        phrase = _bare_capital(token)
        if phrase is None or self.gazetteer is None or not context.focus:
            return None
        geo = self.gazetteer.capital(context.focus)
        if geo is None:
            return None
        start, end = phrase_bounds(phrase)
        return Place(token.doc.text[start:end], start, end, context.focus, geo=geo,
                     reason=f"'the capital' read as {geo.name}, capital of {context.focus}, the state the story is about")

    @staticmethod
    def _date(token, doc: Document, context: Context) -> EventDate:
        own = attachments.time_expression(token, doc)
        if own is None and (before := _preceded_act(token)) is not None:
            later = resolve(attachments.time_expression(before, doc), doc.meta.published)
            if later.value and later.precision in ("day", "week", "month"):
                # "In December, following anti-French protests, ...": the protests came before
                # December, in the months the story covers (from the start of that year)
                start = date.fromisoformat(later.value)
                first = date(start.year - (start.month == 1), 1, 1)
                return EventDate(first.isoformat(), "range", later.expression,
                                 (start - timedelta(days=1)).isoformat())
        if own or not context.time:
            return resolve(own, doc.meta.published)
        carried = resolve(context.time, doc.meta.published)
        if carried.precision in ("minute", "day", "week") and carried.value and doc.meta.published:
            # "On March 12, a delegation arrived ... ended with the CNSP releasing a statement":
            # a later sentence of the story happened on or after that day, not on it
            return EventDate(carried.value, "range", context.time, doc.meta.published[:10])
        return carried

    def _threatened_mode(self, token) -> str | None:
        """'threatened to cut ties': the mode is the act threatened, coded as if it were done."""
        for act in (c for c in token.children if c.dep_ == "xcomp"):
            for candidate in (act, *(o for o in act.children if o.dep_ == "dobj")):
                found = (self.lexicon.match_verb(candidate) if candidate.pos_ == "VERB"
                         else self.lexicon.match_noun(candidate))
                if found is not None and found.type != NO_EVENT:
                    return commitment.threat_mode(found.type, found.mode)
        return None

    def _participants(self, heads, mentions: list[Mention], focus: str | None = None) -> tuple[Participant, ...]:
        found: list[Participant] = []
        for head in heads:
            start, end = phrase_bounds(head, shallow=head.dep_ == "pobj" and head.head.lower_ in WEAK_PREPOSITIONS)
            sector = self.actor_index.sector_for(head.lemma_) or _modifier_sector(head, self.actor_index)
            resolved = _drop_ethnic_head(head, [m for m in mentions if start <= m.start and m.end <= end and m.resolution.code])
            for m in resolved:
                found.append(Participant(
                    text=m.text, start=m.start, end=m.end, code=m.resolution.code,
                    sector=self._mention_sector(head, m) or sector or m.resolution.sector,
                    name=m.resolution.name, mention_id=m.id,
                ))
            if not resolved:
                text = head.doc.text[start:end]
                if focus and _refers_back(head):
                    found.append(Participant(text=text, start=start, end=end, code=focus, sector=sector,
                                             reason=f"{text!r} read as {focus}, the state the document is about so far"))
                    continue
                found.append(Participant(text=text, start=start, end=end, code=None, sector=sector,
                                         reason=f"no known actor is named in {text!r}"))
        if _resolved(found):  # a side that names a known actor drops the unresolved phrases beside it
            found = [p for p in found if p.code]
        else:
            found = found[:1]
        return tuple(_unique_participants(found))


    def _mention_sector(self, head, mention: Mention) -> str | None:
        """'Serbian authorities' inside 'autonomy from Serbian authorities': the noun the name modifies."""
        span = head.doc.char_span(mention.start, mention.end)
        if span is None or span.root.i == head.i:
            return None
        governor = span.root.head
        if span.root.dep_ in ("amod", "compound", "poss", "nmod") and governor.i != head.i:
            return self.actor_index.sector_for(governor.lemma_)
        return None


OBSTRUCTION_VERBS = frozenset({"block", "blockade", "barricade", "occupy", "obstruct", "disrupt"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


def _state_actor(actors, heads) -> bool:
    if any(a.sector in STATE_SECTORS for a in actors):
        return True
    # "Gondor blocked the pass": a state named bare acts as a state
    return any(h.ent_type_ in ("GPE", "ORG") for h in heads[:1])


OBLIGATION_AUX = frozenset({"must", "should"})
TARGETED_TYPES = frozenset({"MOBILIZE", "THREATEN", "ASSAULT", "ACCUSE", "PROTEST", "SANCTION", "COERCE", "REJECT"})
DOMESTIC_BY_DEFAULT = frozenset({"COERCE", "PROTEST"})
CLAUSE_BOUNDARIES = frozenset({"relcl", "ccomp", "advcl", "parataxis", "acl"})


def _against(token) -> list:
    """'mobilized reservists for a possible war against Iraq': the target, however deep in the clause."""
    found, stack = [], [c for c in token.children if c.dep_ not in CLAUSE_BOUNDARIES]
    while stack:
        t = stack.pop()
        if t.dep_ == "prep" and t.lower_ == "against":
            found.extend(g for g in t.children if g.dep_ == "pobj")
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_BOUNDARIES)
    return found


# What a state mobilizes when it mobilizes: forces and their weapons. Calibrated by reading the
# objects of "mobilize/deploy/send" in the written gold and the WCEP Sahel slice.
MOBILIZED_FORCES = frozenset({
    "troop", "soldier", "force", "army", "military", "police", "policeman", "officer", "gendarme", "militia",
    "reservist", "reserve", "unit", "battalion", "brigade", "division", "regiment", "contingent", "personnel",
    "guard", "marine", "paratrooper", "commando", "mercenary", "fighter", "peacekeeper", "navy", "fleet",
    "tank", "warship", "ship", "vessel", "submarine", "carrier", "jet", "aircraft", "warplane", "bomber",
    "helicopter", "drone", "missile", "weapon", "artillery", "armor", "armour", "equipment", "system",
    "man", "people", "volunteer", "recruit", "conscript", "instructor", "adviser", "advisor",
})
# Names of forces that are not common nouns ("deployed the Wagner Group") pass through entity types.
FORCE_ENTITY_TYPES = frozenset({"ORG", "NORP", "GPE", "CARDINAL", "QUANTITY"})


def _mobilizes_no_force(verb) -> bool:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects:
        return False
    # "an aircraft carrier strike group": the force may be named by the object's modifiers
    words = [w for o in objects for w in (o, *(c for c in o.children if c.dep_ in ("compound", "amod")))]
    return not any(w.lemma_.lower() in MOBILIZED_FORCES or w.ent_type_ in FORCE_ENTITY_TYPES for w in words)


def _bare_capital(token):
    """'in the capital' modifying the trigger, with nothing saying whose ('the Malian capital' is a name)."""
    scene = [token]
    if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass"):
        scene.append(token.head)  # "protests broke out in the capital"
    for prep in (c for t in scene for c in t.children):
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPOSITIONS:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() == "capital" and all(
                    c.dep_ in ("det", "punct") for c in noun.children):
                return noun
    return None


PRECEDING_PREPOSITIONS = frozenset({"following", "after"})


def _preceded_act(token):
    """The verb an event noun came before: 'prompted the withdrawal following protests' -> prompted."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj":
        return None
    prep = token.head
    if prep.lower_ not in PRECEDING_PREPOSITIONS or prep.head.i == prep.i:
        return None
    return prep.head if prep.head.pos_ in ("VERB", "AUX") else None


def _adverbial(spacy_doc, m: Mention) -> bool:
    """'Last year, ...', 'In December, ...': a time that dates a clause, not 'the 2012 agreement'."""
    span = spacy_doc.char_span(m.start, m.end)
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("npadvmod", "tmod", "advmod"):
        return True
    return root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ in ("VERB", "AUX")


def _threat_content(token) -> bool:
    """The act threatened, verb or light-verb noun ("threatened to hold a general strike")."""
    if token.dep_ == "dobj" and token.head.pos_ == "VERB":
        token = token.head
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in THREAT_VERBS


def _condition_subjects(token) -> list:
    verbs = [token, *(c for c in token.children if c.dep_ == "xcomp")]
    return [s for v in verbs for c in v.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def _protest_targets(token, actors, mentions: list[Mention]) -> list:
    """A state named in the protest's own clause or its purpose ("to show their disapproval of
    the United States' policies", "demanding independence from Indonesian rule"), not where it was."""
    own = {a.code for a in actors}
    spacy_doc = token.doc
    heads = []
    for t in token.subtree:
        if t.dep_ in ("relcl", "ccomp") or t.i == token.i:
            continue
        m = next((m for m in mentions if m.start <= t.idx < m.end and m.resolution.code), None)
        if m is None or m.resolution.code in own or m.resolution.code in NON_STATE_CODES:
            continue
        if m.kind == "place" or _locative(spacy_doc, m):
            continue
        heads.append(t)
        break
    return heads


def _demander(token):
    """The speaker when the trigger says what someone must or should do, in what the speaker said
    ("the US must be ready to mediate": through the adjective and copula to the reported clause)."""
    while token.dep_ in ("xcomp", "acomp") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in token.children):
        return None
    head = token.head
    if head.lemma_.lower() not in salience.REPORTING_VERBS | {"reiterate", "demand", "insist"}:
        return None
    subject, passive = subject_of(head)
    return None if passive else subject


AGREED_TERMS = frozenset({"agreement", "accord", "deal", "pact", "treaty", "invitation", "request", "arrangement"})


def _forces_by_agreement(token, actor_heads) -> bool:
    """Forces (the subject, or what is sent) arriving or deployed 'as part of / under an agreement',
    'at the invitation / request of' the host."""
    movers = [*actor_heads, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
    if not any(t.lemma_.lower() in MOBILIZED_FORCES for m in movers for t in m.subtree):  # "dozens of instructors"
        return False
    return any(t.lemma_.lower() in AGREED_TERMS and t.dep_ == "pobj" for t in token.subtree)


def _joint(token, recipients) -> bool:
    nouns = [token, *object_heads(token)] if token.pos_ == "VERB" else [token]
    return any(c.lemma_.lower() in ("joint", "combined", "bilateral") for n in nouns for c in n.children) or (
        _resolved(recipients) and any(c.dep_ == "prep" and c.lower_ == "with" for n in nouns for c in n.children)
    )


@dataclass(frozen=True)
class Context:
    """What earlier sentences of the document say: the state it is about and the last main actor."""

    focus: str | None = None
    topic: tuple[Participant, ...] = ()
    time: str | None = None  # the paragraph's last time expression, for a sentence that gives none
    counterpart: tuple[Participant, ...] = ()  # the last main event's recipients


# "the junta", "the leadership", "the country": in news prose these point back to the state the
# article is about. Only a bare definite noun counts ("the junta", not "a junta" or "Mali's junta").
REFERRING_NOUNS = frozenset({"junta", "leadership", "government", "regime", "country", "authorities",
                             "military", "army", "administration", "cabinet", "presidency", "state"})


def _refers_back(head) -> bool:
    if head.lemma_.lower() not in REFERRING_NOUNS:
        return False
    modifiers = [c for c in head.children if c.dep_ not in ("det", "amod", "punct")]
    return not modifiers and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _drop_ethnic_head(head, resolved: list[Mention]) -> list[Mention]:
    """'Bosnian Serbs', 'the Albanians of southern Serbia': a people named with where they live
    is coded by where they live."""
    if len(resolved) < 2:
        return resolved
    own = [m for m in resolved if m.start <= head.idx < m.end and m.label == "NORP"]
    return [m for m in resolved if m not in own] if own else resolved


def _actor_from_place(sent, doc: Document, place, actors, recipients):
    """No named actor ("a journalist was killed in Beirut"): the state where it happened, marked as inferred."""
    taken = {r.code for r in recipients}
    countries = set()
    if place is not None and place.country:
        countries.add(place.country)
    else:
        for m in doc.mentions:
            if sent.start_char <= m.start < sent.end_char and m.resolution.code and _locative(sent.doc, m):
                countries.add(m.resolution.country or m.resolution.code)
    countries -= taken
    if len(countries) != 1:
        return actors
    code = countries.pop()
    first = actors[0] if actors else None
    return (Participant(
        text=first.text if first else "", start=first.start if first else sent.start_char,
        end=first.end if first else sent.start_char, code=code, sector=first.sector if first else None,
        reason="actor not named; inferred from the place of the event"),)


def _directly_on(trigger_token, place) -> bool:
    span = trigger_token.doc.char_span(place.start, place.end)
    if span is None:
        return False
    token = span.root
    while token.dep_ in ("compound", "amod", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.head.i == trigger_token.i


def _recipient_from_place(doc: Document, place, recipients, heads, trigger_token):
    """'killed 23 people in Tel Aviv', 'a curfew in Algiers', 'troops to a force in Liberia':
    the target is in the state where it happened."""
    first = recipients[0]
    phrases = [phrase_bounds(h) for h in heads] or [(r.start, r.end) for r in recipients]
    inside = [m for m in doc.mentions if m.kind == "place" and m.resolution.code
              and any(start <= m.start and m.end <= end for start, end in phrases)]
    # "eased measures in Montenegro": a place on the act itself; "at a summit in Abuja" is where
    # the actor was, and says nothing about whom the act was for
    at_place = place.country if place is not None and _directly_on(trigger_token, place) else None
    code = (inside[0].resolution.country or inside[0].resolution.code) if inside else at_place
    if not code:
        return recipients
    return (Participant(first.text, first.start, first.end, code, first.sector,
                        reason="target not named; inferred from the place of the event"),)


def _domestic_recipient(heads, recipients, actors):
    """'released Prime Minister Chaudhry', 'arrested opposition leaders': a person or institution
    with no state named is taken to be of the actor's state, and marked as assumed."""
    head = next((t for h in heads for t in _phrase_tokens(h) if t.ent_type_ == "PERSON" or _institution(t)), None)
    if head is None:
        return recipients
    first, code = recipients[0], next(a.code for a in actors if a.code)
    if code in NON_STATE_CODES:
        return recipients  # an organisation has no home state to assume
    return (Participant(first.text, first.start, first.end, code, first.sector,
                        reason="state not named; assumed to be the actor's own"),)


def _phrase_tokens(head):
    start, end = phrase_bounds(head)
    return [t for t in head.subtree if start <= t.idx < end]


def _institution(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in DOMESTIC_NOUNS


DOMESTIC_NOUNS = frozenset({
    "opposition", "leader", "activist", "journalist", "protester", "demonstrator", "rebel", "party",
    "minister", "president", "government", "official", "prisoner", "detainee", "dissident", "critic",
    "student", "worker", "union", "newspaper", "police", "army", "court", "parliament", "lawmaker",
    "militant", "insurgent", "separatist", "supporter", "member", "politician", "candidate", "judge",
})


def _locative(spacy_doc, m: Mention) -> bool:
    """'in Kidal', 'in the Iraqi city of Basra', not 'an attack on the Niger–Benin pipeline in Dosso'."""
    span = spacy_doc.char_span(m.start, m.end)
    if span is None:
        return False
    token = span.root
    for _ in range(3):
        if token.dep_ == "pobj":
            prep = token.head
            if prep.lower_ == "of" and prep.head.dep_ == "pobj":  # "the city of Basra"
                token = prep.head
                continue
            return prep.lower_ in LOCATIVE_PREPOSITIONS - {"into"}  # into: moving, not being
        if token.dep_ not in ("amod", "appos") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _modifier_sector(head, actor_index: ActorIndex) -> str | None:
    """'Defence Minister Pierre Joxe', 'army chief X': a sector noun among the name's modifiers."""
    for child in head.children:
        if child.dep_ in ("compound", "appos", "amod") and (sector := actor_index.sector_for(child.lemma_)):
            return sector
    return None


# "Mali recruits Russia's Wagner Group": a state hiring another state's forces or contractors is
# military cooperation (CAMEO 062); recruiting one's own fighters is MOBILIZE (verbs.tsv).
HIRING_VERBS = frozenset({"recruit", "hire"})


def _foreign(actors, recipients) -> bool:
    """Some recipient is a state other than every actor's."""
    own = {a.code for a in actors if a.code}
    return bool(own) and any(r.code and r.code not in NON_STATE_CODES and r.code not in own for r in recipients)


def _political(actors, recipients) -> bool:
    """An event needs a side the actor index knows: a church travelling or a weather service issuing a
    warning names no state or organisation, and unresolved names are kept as mentions to add later."""
    return _resolved(actors) or _resolved(recipients)


def _resolved(participants) -> bool:
    return any(p.code for p in participants)


def _one_per_reading(candidates: list[Event]) -> list[Event]:
    """One event per (type, actors, recipients) in a sentence: the most salient reading."""
    best: dict[tuple, Event] = {}
    for event in candidates:
        key = (event.type, frozenset(a.code for a in event.actors if a.code),
               frozenset(r.code for r in event.recipients if r.code))
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    kept = set(id(e) for e in best.values())
    return [e for e in candidates if id(e) in kept]


def _unique_participants(participants: list[Participant]) -> list[Participant]:
    seen: dict[tuple, Participant] = {}
    for p in participants:
        seen.setdefault((p.code,) if p.code else (None, p.start), p)
    return list(seen.values())
