"""The first-version coder's rules, on the fictional world of Arnor, Gondor, Rohan and Mordor."""

import pytest

from geopivot.api import code_text


def coded(pipeline, text, date="2023-08-10"):
    doc = code_text(text, date, pipeline=pipeline)
    return [
        (e.type, e.mode, tuple(a.code for a in e.actors), tuple(r.code for r in e.recipients), e.modality)
        for e in doc.events
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gondor expelled the Arnorian ambassador.", ("SANCTION", "expel", ("GON",), ("ARN",), "asserted")),
        ("Arnor was attacked by Mordor.", ("ASSAULT", None, ("MOR",), ("ARN",), "asserted")),
        ("Rohan asked Gondor for help.", ("REQUEST", None, ("ROH",), ("GON",), "asserted")),
        ("The Gondorian army withdrew from Arnor.", ("RETREAT", "withdraw", ("GON",), ("ARN",), "asserted")),
        ("Gondor will expel the Arnorian ambassador.", ("THREATEN", "expel", ("GON",), ("ARN",), "asserted")),
        ("Gondor plans to expel the Arnorian ambassador.", ("THREATEN", "expel", ("GON",), ("ARN",), "asserted")),
        ("Gondor seeks to expel the Arnorian ambassador.", ("SANCTION", "expel", ("GON",), ("ARN",), "intended")),
        ("Gondor will release the Arnorian prisoners.", ("AGREE", None, ("GON",), ("ARN",), "asserted")),
        ("Rohan threatened to cut ties with Mordor.", ("THREATEN", "relations", ("ROH",), ("MOR",), "asserted")),
        ("Gondor will withdraw its army from Arnor unless Arnor pays.", ("THREATEN", None, ("GON",), ("ARN",), "asserted")),
        ("Gondor refused to withdraw its army from Arnor.", ("REJECT", None, ("GON",), ("ARN",), "asserted")),
        ("Rohan demanded that Gondor withdraw from Arnor.", ("REQUEST", None, ("ROH",), ("GON",), "asserted")),
        ("Gondor could expel the Arnorian ambassador.", ("SANCTION", "expel", ("GON",), ("ARN",), "hypothetical")),
        ("Gondor did not expel the Arnorian ambassador.", ("SANCTION", "expel", ("GON",), ("ARN",), "negated")),
        ("Gondor cut ties with Mordor.", ("SANCTION", "discontinue", ("GON",), ("MOR",), "asserted")),
    ],
)
def test_verb_and_arguments_give_type_dyad_and_modality(fictional_pipeline, text, expected):
    assert expected in coded(fictional_pipeline, text)


def test_compound_actors_are_listed(fictional_pipeline):
    [(type_, _, actors, recipients, _)] = coded(fictional_pipeline, "Arnor and Rohan condemned Mordor.")
    assert type_ == "ACCUSE" and set(actors) == {"ARN", "ROH"} and recipients == ("MOR",)


def test_pronoun_in_reported_clause_is_the_announcer(fictional_pipeline):
    events = coded(fictional_pipeline, "Gondor announced that it has expelled the Arnorian ambassador.")
    assert ("SANCTION", "expel", ("GON",), ("ARN",), "asserted") in events


def test_a_visit_to_a_capital_has_the_host_state_as_recipient(fictional_pipeline):
    doc = code_text("A Gondorian delegation arrived in Edoras on Monday.", "2023-08-10", pipeline=fictional_pipeline)
    [event] = doc.events
    assert (event.type, event.mode, event.recipients[0].code) == ("CONSULT", "visit", "ROH")
    assert event.place.name == "Edoras" and event.place.country == "ROH"
    assert (event.date.value, event.date.precision, event.date.expression) == ("2023-08-07", "day", "on Monday")


def test_no_event_without_a_known_actor(fictional_pipeline):
    assert coded(fictional_pipeline, "The farmers expelled the crows from the field.") == []


def test_sentences_without_political_verbs_give_nothing(fictional_pipeline):
    assert coded(fictional_pipeline, "Gondor is a large kingdom with many rivers.") == []


def test_evidence_points_at_the_sentence_and_trigger(fictional_pipeline):
    text = "Rain fell in Osgiliath. Gondor expelled the Arnorian ambassador on Tuesday."
    doc = code_text(text, "2023-08-10", pipeline=fictional_pipeline)
    [event] = doc.events
    assert doc.span(event.sentence.start, event.sentence.end) == "Gondor expelled the Arnorian ambassador on Tuesday."
    assert doc.span(event.trigger_start, event.trigger_end) == "expelled"
    assert (event.cameo, event.quad_class) == ("166", 4) and event.goldstein < 0
    actor = event.actors[0]
    assert doc.span(actor.start, actor.end) == "Gondor" and actor.mention_id is not None


def test_sector_comes_from_the_head_noun(fictional_pipeline):
    doc = code_text("The Gondorian government condemned Mordor.", "2023-08-10", pipeline=fictional_pipeline)
    [event] = doc.events
    assert (event.actors[0].code, event.actors[0].sector) == ("GON", "GOV")


def test_unresolved_actor_is_none_with_a_reason(fictional_pipeline):
    doc = code_text("The junta expelled the Arnorian ambassador.", "2023-08-10", pipeline=fictional_pipeline)
    [event] = doc.events
    [actor] = event.actors
    assert actor.code is None and "junta" in actor.reason and actor.sector == "GOV"


def test_a_year_inside_a_noun_phrase_is_not_the_event_date(fictional_pipeline):
    doc = code_text("Gondor revoked the 2012 agreement with Arnor.", "2023-08-10", pipeline=fictional_pipeline)
    [event] = doc.events
    assert (event.date.value, event.date.precision) == ("2023-08-10", "reported")


def test_a_date_split_oddly_by_the_parser_still_dates_the_event(fictional_pipeline):
    doc = code_text("On Saturday 16 September, Arnor and Rohan signed a charter in Edoras.", "2023-09-19",
                    pipeline=fictional_pipeline)
    assert [(e.date.value, e.date.precision) for e in doc.events] == [("2023-09-16", "day")]


def test_refused_act_is_not_also_coded_as_happening(fictional_pipeline):
    types = [e[0] for e in coded(fictional_pipeline, "Gondor refused to withdraw its army from Arnor.")]
    assert "RETREAT" not in types


def test_a_people_named_with_where_they_live_is_coded_by_where_they_live(fictional_pipeline):
    [event] = code_text("The Gondorians of Arnor condemned Mordor.", "2023-08-10", pipeline=fictional_pipeline).events
    assert [a.code for a in event.actors] == ["ARN"]


def test_an_unnamed_attacker_is_placed_in_the_state_where_it_happened(fictional_pipeline):
    doc = code_text("Three Gondorian soldiers were killed near Edoras on Monday.", "2023-08-10", pipeline=fictional_pipeline)
    [event] = doc.events
    assert event.type == "ASSAULT" and [r.code for r in event.recipients] == ["GON"]
    [actor] = event.actors
    assert actor.code == "ROH" and "inferred from the place" in actor.reason


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gondorian protesters blocked roads into Osgiliath.", ("PROTEST", "obstruct")),
        ("Gondor blocked the roads into Arnor.", ("COERCE", "restrict")),
        ("Gondor held a joint exercise with the Arnorian army.", ("COOPERATE", None)),
        ("Gondor seeks to forge stronger ties with Arnor.", ("COOPERATE", None)),
        ("The Gondorian army demolished Arnorian homes near Edoras.", ("COERCE", None)),
    ],
)
def test_who_acts_decides_the_type(fictional_pipeline, text, expected):
    assert expected in [(e[0], e[1]) for e in coded(fictional_pipeline, text)]


def test_seeking_to_act_is_that_act_intended(fictional_pipeline):
    [event] = coded(fictional_pipeline, "Gondor seeks to forge stronger ties with Arnor.")
    assert event == ("COOPERATE", None, ("GON",), ("ARN",), "intended")


def test_what_is_demanded_has_not_happened(fictional_pipeline):
    events = coded(fictional_pipeline, "Rohan demanded that Gondor withdraw its army from Arnor.")
    assert [e[0] for e in events] == ["REQUEST"]


def test_anti_protests_are_against_the_named_state(fictional_pipeline):
    doc = code_text("Arnor expelled the envoy after anti-Gondorian protests in Annuminas.", "2023-08-10",
                    pipeline=fictional_pipeline)
    protests = [e for e in doc.events if e.type == "PROTEST"]
    assert protests and [r.code for r in protests[0].recipients] == ["GON"]


def test_withdrawal_of_forces_is_by_those_forces(fictional_pipeline):
    doc = code_text("In December, Arnor prompted the withdrawal of Gondorian forces from Arnor.", "2024-03-25",
                    pipeline=fictional_pipeline)
    [event] = [e for e in doc.events if e.type == "RETREAT"]
    assert [a.code for a in event.actors] == ["GON"] and [r.code for r in event.recipients] == ["ARN"]
    assert (event.date.value, event.date.precision) == ("2023-12-01", "month")


def test_hedged_intervention_is_a_hypothetical_threat_never_an_assault(fictional_pipeline):
    doc = code_text("Rohan rejected discussions of a Gondorian military intervention in Arnor.", "2023-08-10",
                    pipeline=fictional_pipeline)
    assert not [e for e in doc.events if e.type == "ASSAULT"]
    threats = [e for e in doc.events if e.type == "THREATEN"]
    assert threats and threats[0].modality == "hypothetical"


def test_the_guest_of_a_hosted_visit_is_the_actor(fictional_pipeline):
    events = coded(fictional_pipeline, "Gondor hosted the Arnorian king in Osgiliath for talks.")
    assert ("CONSULT", None, ("ARN",), ("GON",), "asserted") in events


def test_an_event_noun_takes_the_light_verbs_subject_past_its_adjectives(fictional_pipeline):
    doc = code_text("Gondor's army began a week-long exercise with Arnorian warships.", "2023-08-10",
                    pipeline=fictional_pipeline)
    [event] = doc.events
    assert event.type == "COOPERATE" and [a.code for a in event.actors] == ["GON"]


def test_contexts_come_from_the_clause(fictional_pipeline):
    doc = code_text("Gondor expelled the Arnorian ambassador and imposed trade sanctions on Arnor.", "2023-08-10",
                    pipeline=fictional_pipeline)
    by_type = {e.type: e.contexts for e in doc.events}
    assert "diplomatic" in by_type["SANCTION"] or "economic" in by_type["SANCTION"]
    assert all(len(c) <= 3 for c in by_type.values())


@pytest.mark.parametrize(
    "date, code, reason",
    [("2018-06-01", "ARN", None), ("2020-01-01", "GON", None), ("2019-04-01", "ARN", "held no listed office"),
     (None, "GON", "no document date")],
)
def test_a_person_acts_for_the_state_of_the_office_held_that_day(fictional_pipeline, date, code, reason):
    doc = code_text("Aragorn expelled the Mordorian envoy.", date, pipeline=fictional_pipeline)
    [event] = doc.events
    [actor] = event.actors
    assert actor.code == code
    mention = next(m for m in doc.mentions if m.id == actor.mention_id)
    assert (reason is None and mention.resolution.reason is None) or reason in mention.resolution.reason


def test_a_future_refusal_to_cooperate_is_a_rejection(fictional_pipeline):
    assert ("REJECT", None, ("GON",), ("ARN",), "asserted") in coded(
        fictional_pipeline, "Gondor said it would not release the Arnorian prisoners.")
    assert ("RETREAT", "release", ("GON",), ("ARN",), "negated") in coded(
        fictional_pipeline, "Gondor did not release the Arnorian prisoners.")


def test_what_a_speaker_says_another_must_do_is_the_speakers_request(fictional_pipeline):
    assert ("REQUEST", None, ("ROH",), ("GON",), "asserted") in coded(
        fictional_pipeline, "Rohan said Gondor must release the Arnorian prisoners.")


def test_participles_inside_noun_phrases_are_background(fictional_pipeline):
    events = coded(fictional_pipeline, "Rohan welcomed the treaty signed in Edoras by Gondor and Arnor.")
    assert [e[0] for e in events] == ["SUPPORT"]


def test_an_order_to_leave_is_the_orders_event_not_a_departure(fictional_pipeline):
    types = [e[0] for e in coded(fictional_pipeline, "Arnor ordered Gondorian troops to leave the country.")]
    assert "RETREAT" not in types and types


def test_reporting_to_reporters_does_not_hide_the_report(fictional_pipeline):
    events = coded(fictional_pipeline, "The minister told reporters that Gondor had expelled the Arnorian envoy.")
    assert ("SANCTION", "expel", ("GON",), ("ARN",), "asserted") in events


def test_the_target_named_by_against_is_the_recipient(fictional_pipeline):
    events = coded(fictional_pipeline, "Gondor mobilized army reservists for a possible war against Mordor.")
    assert ("MOBILIZE", "troops", ("GON",), ("MOR",), "asserted") in events


def test_a_curfew_with_no_target_is_imposed_at_home(fictional_pipeline):
    doc = code_text("Gondor imposed a curfew on Monday.", "2023-08-10", pipeline=fictional_pipeline)
    [event] = doc.events
    [recipient] = event.recipients
    assert event.type == "COERCE" and recipient.code == "GON" and "no target named" in recipient.reason


def test_a_name_inside_the_target_phrase_is_not_the_unnamed_attacker(fictional_pipeline):
    """Regression: 'an attack on the Niger–Benin pipeline' made Benin the attacker (WCEP, 2024)."""
    doc = code_text("Six Gondorian soldiers were killed in an attack on the Arnor–Gondor road near Edoras.",
                    "2023-08-10", pipeline=fictional_pipeline)
    actors = [a.code for e in doc.events for a in e.actors]
    assert "ARN" not in actors


def test_coordinated_verbs_share_their_recipient(fictional_pipeline):
    events = coded(fictional_pipeline, "Gondorian doctors donated and delivered medicine to Arnor.")
    assert ("AID", None, ("GON",), ("ARN",), "asserted") in events


def test_an_event_noun_can_modify_a_generic_head(fictional_pipeline):
    events = coded(fictional_pipeline, "Rohan launched a mediation effort between Gondor and Arnor.")
    assert [e[0] for e in events] == ["CONSULT"] and set(events[0][3]) == {"GON", "ARN"}


def test_a_speakers_must_through_a_copula_is_still_a_request(fictional_pipeline):
    events = coded(fictional_pipeline, "Rohan said Gondor must be ready to release the Arnorian prisoners.")
    assert ("REQUEST", None, ("ROH",), ("GON",), "asserted") in events


def test_a_disaster_is_not_an_assault(fictional_pipeline):
    assert coded(fictional_pipeline, "A fire killed four Gondorian soldiers in Osgiliath.") == []


def test_the_junta_refers_back_to_the_state_the_document_is_about(fictional_pipeline):
    text = "Gondor's army seized power in Osgiliath. The junta later expelled the Arnorian ambassador."
    doc = code_text(text, "2023-08-10", pipeline=fictional_pipeline)
    [expel] = [e for e in doc.events if e.type == "SANCTION"]
    [actor] = expel.actors
    assert actor.code == "GON" and "the state the document is about" in actor.reason


def test_whoever_has_the_desire_develops_the_ties(fictional_pipeline):
    events = coded(fictional_pipeline, "Gondor expressed a desire to develop ties with Rohan.")
    assert ("COOPERATE", None, ("GON",), ("ROH",), "intended") in events


def test_an_event_noun_without_actor_continues_the_previous_sentences_actor(fictional_pipeline):
    text = ("Rohan condemned the coup in Gondor. Despite discussions of a military intervention, "
            "the crisis ended peacefully.")
    doc = code_text(text, "2023-08-10", pipeline=fictional_pipeline)
    [threat] = [e for e in doc.events if e.type == "THREATEN"]
    assert [a.code for a in threat.actors] == ["ROH"] and "previous sentence" in threat.actors[0].reason
    assert threat.modality == "hypothetical"


def test_an_announced_boycott_is_a_threat_to_restrict(fictional_pipeline):
    events = coded(fictional_pipeline, "Arnorian leaders said they would boycott all contact with Gondor.")
    assert ("THREATEN", "restrict", ("ARN",), ("GON",), "asserted") in events
    assert not [e for e in events if e[0] == "PROTEST"]


def test_preparing_an_attack_is_mobilization_not_the_attack(fictional_pipeline):
    events = coded(fictional_pipeline, "The Mordorian army prepared to resume shelling Gondorian positions.")
    assert [e[0] for e in events] == ["MOBILIZE"]


def test_mobilizing_lobby_groups_is_not_military_mobilization(fictional_pipeline):
    events = coded(fictional_pipeline, "Gondor has mobilized pressure groups in Rohan to support Arnor.")
    assert not [e for e in events if e[0] == "MOBILIZE"]
    assert [e for e in coded(fictional_pipeline, "Gondor mobilized its reservists.") if e[0] == "MOBILIZE"]


def test_a_protest_is_aimed_at_the_state_named_in_its_purpose(fictional_pipeline):
    events = coded(fictional_pipeline,
                   "Protesters in Osgiliath blocked a road to show their anger at Mordor's policies.")
    assert ("PROTEST", "obstruct", ("GON",), ("MOR",), "asserted") in events


def test_a_conditional_threat_is_aimed_at_who_must_act(fictional_pipeline):
    events = coded(fictional_pipeline, "Rohan threatened to hold a general strike unless Gondor withdrew its army.")
    assert [e[:4] for e in events if e[4] == "asserted"] == [("THREATEN", None, ("ROH",), ("GON",))]
    assert all(e[4] == "hypothetical" for e in events if e[0] != "THREATEN")  # the condition has not happened


def test_a_demand_restated_names_who_is_asked_and_not_their_concession(fictional_pipeline):
    events = coded(fictional_pipeline, "The White Council reiterated its demand today that Gondor ease the blockade.")
    assert [e[:4] for e in events] == [("REQUEST", None, ("IGO",), ("GON",))]


def test_their_forces_in_reported_speech_are_the_speakers(fictional_pipeline):
    events = coded(fictional_pipeline, "Arnor said on Tuesday that their forces had completed their withdrawal from Rohan.")
    assert any(e[0] == "RETREAT" and e[2] == ("ARN",) for e in events)


def test_a_call_naming_no_addressee_is_addressed_to_the_state_the_story_is_about(fictional_pipeline):
    text = ("Gondor's army seized power in Osgiliath last year. The White Council condemned the coup. "
            "White Council officials called for the restoration of constitutional rule.")
    assert ("REQUEST", None, ("IGO",), ("GON",), "asserted") in coded(fictional_pipeline, text)


def test_a_paragraphs_time_dates_its_next_sentences_but_not_the_next_paragraph(fictional_pipeline):
    text = ("Last year, Mordor's army seized power in Lugburz. Rohan condemned the coup.\n\n"
            "Gondor expelled the Mordorian ambassador.")
    doc = code_text(text, "2024-03-25", pipeline=fictional_pipeline)
    dates = {e.type: (e.date.value, e.date.precision) for e in doc.events}
    assert dates["ACCUSE"] == ("2023-01-01", "year")
    assert dates["SANCTION"] == ("2024-03-25", "reported")


def test_a_carried_day_becomes_a_range_to_publication(fictional_pipeline):
    text = "On March 12, a Gondorian delegation arrived in Edoras. Rohan then expelled the Gondorian ambassador."
    doc = code_text(text, "2024-04-05", pipeline=fictional_pipeline)
    expel = next(e for e in doc.events if e.type == "SANCTION")
    assert (expel.date.value, expel.date.precision, expel.date.end) == ("2024-03-12", "range", "2024-04-05")


def test_what_an_act_followed_happened_before_it(fictional_pipeline):
    text = "In December, following anti-Gondorian protests, Rohan expelled the Gondorian ambassador."
    doc = code_text(text, "2024-03-25", pipeline=fictional_pipeline)
    protest = next(e for e in doc.events if e.type == "PROTEST")
    assert (protest.date.value, protest.date.precision, protest.date.end) == ("2023-01-01", "range", "2023-11-30")


def test_the_number_in_a_name_does_not_date_the_paragraph(fictional_pipeline):
    text = "The 2012 accord let Gondor keep troops in Rohan. Rohan expelled the Gondorian ambassador."
    doc = code_text(text, "2024-03-25", pipeline=fictional_pipeline)
    expel = next(e for e in doc.events if e.type == "SANCTION")
    assert expel.date.precision == "reported"


def test_an_event_is_placed_where_it_happened_with_coordinates(fictional_pipeline):
    doc = code_text("Gondor deployed troops to Fornost.", "2024-03-25", pipeline=fictional_pipeline)
    event = next(e for e in doc.events if e.type == "MOBILIZE")
    # Fornost is in Arnor and in Rohan; the story names neither, so the larger one
    assert (event.place.name, event.place.country, event.place.geo.precision) == ("Fornost", "ARN", "city")
    assert event.place.geo.lat is not None


def test_a_namesake_goes_to_the_state_the_document_names(fictional_pipeline):
    doc = code_text("Rohan said Gondorian soldiers attacked a market in Fornost.", "2024-03-25",
                    pipeline=fictional_pipeline)
    event = next(e for e in doc.events if e.type == "ASSAULT")
    assert event.place.country == "ROH"


def test_the_place_named_for_a_background_act_is_not_the_events(fictional_pipeline):
    doc = code_text("Gondor suspended aid to Rohan following the coup in Edoras.", "2024-03-25",
                    pipeline=fictional_pipeline)
    assert [e.place for e in doc.events if e.type == "SANCTION"] == [None]


def test_the_capital_is_the_capital_of_the_state_the_story_is_about(fictional_pipeline):
    text = "Gondor's army seized power last week. Anti-Arnorian protests broke out in the capital."
    doc = code_text(text, "2024-03-25", pipeline=fictional_pipeline)
    protest = next(e for e in doc.events if e.type == "PROTEST")
    assert (protest.place.country, protest.place.geo.name) == ("GON", "Osgiliath")


def test_an_unknown_place_name_leaves_the_others_resolved(fictional_pipeline):
    doc = code_text("Gondor sent troops to Bree and to Zzyzxgard.", "2024-03-25", pipeline=fictional_pipeline)
    geocoded = {m.text: m.geo for m in doc.mentions if m.kind != "time"}
    assert geocoded["Bree"].country == "ARN"


def test_an_event_noun_that_caused_something_happened_between_the_storys_sides(fictional_pipeline):
    text = ("On March 12, Rohan called the Gondorian presence illegal. It is unclear what was said. "
            "The apparent rejection of a 2012 accord has sent Osgiliath into a frenzy.")
    doc = code_text(text, "2024-04-05", pipeline=fictional_pipeline)
    reject = next(e for e in doc.events if e.type == "REJECT")
    assert ([a.code for a in reject.actors], [r.code for r in reject.recipients]) == (["ROH"], ["GON"])
    # the accord's year is not the date of its rejection
    assert (reject.date.value, reject.date.precision) == ("2024-03-12", "range")


def test_a_person_unknown_to_the_base_is_placed_by_the_title_before_the_name(fictional_pipeline):
    doc = code_text("Gondorian Foreign Minister Beregond Halls met Rohan's king.", "2024-03-25",
                    pipeline=fictional_pipeline)
    person = next(m for m in doc.mentions if m.text == "Beregond Halls")
    assert (person.resolution.code, person.resolution.sector) == ("GON", "GOV")
    assert "title" in person.resolution.reason


def test_forces_sent_under_an_agreement_are_cooperation_not_a_visit(fictional_pipeline):
    events = coded(fictional_pipeline,
                   "Dozens of Mordorian military instructors arrived in Rohan as part of an agreement with its king.")
    assert ("COOPERATE", None, ("MOR",), ("ROH",), "asserted") in events
    assert [e[0] for e in coded(fictional_pipeline, "The Gondorian envoy arrived in Edoras for talks.")] == ["CONSULT"]


def test_an_agreement_to_withdraw_keeps_the_act_agreed(fictional_pipeline):
    doc = code_text("Gondor agreed to withdraw its army from Arnor.", "2024-04-19", pipeline=fictional_pipeline)
    [event] = [e for e in doc.events if e.type == "AGREE"]
    assert (event.agreed_type, event.agreed_mode) == ("RETREAT", "withdraw")
    assert [r.code for r in event.recipients] == ["ARN"]
    plain = code_text("Gondor signed an accord with Arnor.", "2024-04-19", pipeline=fictional_pipeline)
    assert all(e.agreed_type is None for e in plain.events)


@pytest.mark.parametrize("text, expected", [
    ("Gondor hired Arnorian mercenaries.", ("COOPERATE", None, ("GON",), ("ARN",), "asserted")),
    ("Gondor recruited Arnorian soldiers.", ("COOPERATE", None, ("GON",), ("ARN",), "asserted")),
])
def test_hiring_another_states_forces_is_military_cooperation(fictional_pipeline, text, expected):
    assert expected in coded(fictional_pipeline, text)


def test_hiring_at_home_is_not_cooperation_between_states(fictional_pipeline):
    assert not [e for e in coded(fictional_pipeline, "Gondor hired Gondorian engineers.") if e[0] == "COOPERATE"]
    assert [e[0] for e in coded(fictional_pipeline, "Rohan recruited fighters in Edoras.")] == ["MOBILIZE"]


@pytest.mark.parametrize("text, ends", [
    ("Gondor revoked the defence accord with Arnor.", True),
    ("Gondor expelled the Arnorian ambassador.", True),
    ("The Gondorian army withdrew from Arnor.", True),
    ("Gondor agreed to withdraw its army from Arnor.", True),
    ("Gondor imposed sanctions on Arnor.", False),
    ("The Gondorian army retreated from Arnor.", False),
    ("Gondor agreed to send troops to Arnor.", False),
])
def test_an_act_ends_a_tie_by_the_words_that_tell_it(fictional_pipeline, text, ends):
    doc = code_text(text, "2024-04-19", pipeline=fictional_pipeline)
    main = [e for e in doc.events if e.type in ("SANCTION", "RETREAT", "AGREE")]
    assert main and main[0].ends_tie is ends, [(e.type, e.mode, e.ends_tie) for e in doc.events]
