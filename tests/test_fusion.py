"""Fusing reports of one event, and keeping look-alike events apart."""

from datetime import date

from hypothesis import given, settings as hsettings, strategies as st

from geopivot.fusion import EventRecord, ReadingPair, fuse, interval, load_equivalent_readings
from geopivot.jobs import fuse_stored
from geopivot.store import open_store

PAIRS = load_equivalent_readings()


def report(event_id, type_="CONSULT", actors=("GON",), recipients=("ARN",), when=("2024-03-12", None, "day"),
           published="2024-03-25", doc=None, mode=None, place=None, country=None, modality="asserted"):
    start, end = interval(when[0], when[1], when[2], published)
    return EventRecord(event_id, doc or f"d-{event_id}", type_, mode, frozenset(actors), frozenset(recipients),
                       start, end, when[2], modality, place, country, published, "Wire")


def groups(fused):
    return sorted(sorted(f.members) for f in fused)


def test_one_event_told_by_two_outlets_with_different_dates_is_fused():
    fused = fuse([report("a", when=("2024-03-18", None, "week")),
                  report("b", when=("2024-03-12", "2024-04-05", "range"), published="2024-04-05")])
    assert groups(fused) == [["a", "b"]] and fused[0].documents == ("d-a", "d-b")


def test_two_visits_on_different_days_of_one_month_stay_two():
    fused = fuse([report("a", when=("2024-03-03", None, "day")), report("b", when=("2024-03-20", None, "day"))])
    assert groups(fused) == [["a"], ["b"]]


def test_a_month_report_that_could_be_either_visit_stands_alone():
    fused = fuse([report("a", when=("2024-03-03", None, "day")), report("b", when=("2024-03-20", None, "day")),
                  report("c", when=("2024-03-01", None, "month"))])
    assert groups(fused) == [["a"], ["b"], ["c"]]


def test_two_attacks_in_two_towns_on_one_day_stay_two():
    from dataclasses import replace

    fused = fuse([replace(report("a", "ASSAULT", place="Fornost", country="ARN"), particulars=frozenset({"fornost"})),
                  replace(report("b", "ASSAULT", place="Bree", country="ARN"), particulars=frozenset({"bree"})),
                  replace(report("c", "ASSAULT", place="Bree", country="ARN"), particulars=frozenset({"bree"}))])
    assert groups(fused) == [["a"], ["b", "c"]]


def test_two_states_doing_the_same_thing_the_same_day_are_two_events():
    fused = fuse([report("a", "SANCTION", actors=("GON",)), report("b", "SANCTION", actors=("ROH",))])
    assert len(fused) == 2


def test_ending_and_rejecting_an_agreement_are_one_act_but_a_visit_is_not():
    fused = fuse([report("a", "SANCTION", mode="discontinue"), report("b", "REJECT"), report("c", "CONSULT")],
                 PAIRS)
    assert groups(fused) == [["a", "b"], ["c"]]
    assert fuse([report("a", "SANCTION", mode="discontinue"), report("b", "REJECT")]) and \
        len(fuse([report("a", "SANCTION", mode="discontinue"), report("b", "REJECT")])) == 2  # without the table


def test_an_intended_act_is_not_fused_with_the_act_done():
    assert len(fuse([report("a"), report("b", modality="intended")])) == 2


def test_an_undated_report_covers_its_day_and_the_day_before():
    assert interval(None, None, "reported", "2024-03-25") == (date(2024, 3, 24), date(2024, 3, 25))
    assert groups(fuse([report("a", when=(None, None, "reported")), report("b", when=("2024-03-24", None, "day"))])) \
        == [["a", "b"]]
    # reported five days apart, with no date of their own: two reports, two events
    assert len(fuse([report("a", when=(None, None, "reported"), published="2024-03-20"),
                     report("b", when=(None, None, "reported"), published="2024-03-25")])) == 2


def test_undated_attacks_in_one_country_are_not_assumed_to_be_one():
    assert len(fuse([report("a", "ASSAULT", when=(None, None, "reported")),
                     report("b", "ASSAULT", when=(None, None, "reported"), published="2024-03-24")])) == 2
    assert len(fuse([report("a", "ASSAULT"), report("b", "ASSAULT")])) == 2  # even on one day: which strike?
    from dataclasses import replace

    same_town = [replace(report(x, "ASSAULT"), particulars=frozenset({"kalat"})) for x in "ab"]
    assert len(fuse(same_town)) == 1


def test_two_organisations_are_not_one_actor():
    assert len(fuse([report("a", actors=("IGO:United Nations",)), report("b", actors=("IGO:Commonwealth",))])) == 2


records = st.builds(
    lambda i, t, a, r, day, width: report(
        f"e{i}", t, (a,), (r,) if r else (), (f"2024-03-{day:02d}", f"2024-03-{min(28, day + width):02d}", "range")),
    st.integers(0, 10_000), st.sampled_from(["CONSULT", "SANCTION", "REJECT", "ASSAULT"]),
    st.sampled_from(["ARN", "GON"]), st.sampled_from(["ROH", "MOR", None]), st.integers(1, 28), st.integers(0, 6),
)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(records, max_size=25, unique_by=lambda r: r.event_id))
def test_every_mention_lands_in_exactly_one_event_and_fusion_is_deterministic(rs):
    fused = fuse(rs, PAIRS)
    members = [m for f in fused for m in f.members]
    assert sorted(members) == sorted(r.event_id for r in rs)
    assert [(f.id, f.members) for f in fuse(list(reversed(rs)), PAIRS)] == [(f.id, f.members) for f in fused] or \
        groups(fuse(list(reversed(rs)), PAIRS)) == groups(fused)
    for f in fused:  # a fused event's members all share its common date window
        assert f.start <= f.end


def test_equivalent_readings_table_names_real_types():
    from geopivot.ontology import load_ontology

    types = set(load_ontology().types)
    assert PAIRS and all(p.type_a in types and p.type_b in types for p in PAIRS)
    assert isinstance(PAIRS[0], ReadingPair)


def test_store_keeps_fusion_idempotent_and_every_mention_in_one_event(fictional_pipeline, settings, tmp_path):
    from geopivot.jobs import ingest

    import json

    rows = [{"text": "Gondor expelled the Arnorian ambassador on Monday.", "date": "2024-03-25"},
            {"text": "Gondor has expelled Arnor's ambassador, officials in Osgiliath said.", "date": "2024-03-26"},
            {"text": "Rohan will expel the Gondorian ambassador, officials said.", "date": "2024-03-27"}]
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with open_store(settings.db_path) as store:
        ingest([tmp_path], store, fictional_pipeline, settings)
        first = store.fused_events()
        fuse_stored(store)
        assert store.fused_events() == first
        assert store.count("fused_members") == store.count("events")
        assert any(f["n_documents"] == 2 for f in first)


def test_reports_that_share_no_particular_are_two_events():
    from dataclasses import replace

    a = replace(report("a", "SANCTION", mode="expel"), particulars=frozenset({"40"}))
    b = replace(report("b", "SANCTION", mode="expel"), particulars=frozenset({"35"}))
    c = replace(report("c", "SANCTION", mode="expel"), particulars=frozenset({"40", "bucha"}))
    assert groups(fuse([a, b, c])) == [["a", "c"], ["b"]]


def test_a_report_naming_no_recipient_is_not_matched():
    assert len(fuse([report("a", recipients=()), report("b", recipients=())])) == 2


def test_a_year_wide_date_or_a_domestic_act_never_fuses_across_documents():
    assert len(fuse([report("a", when=("2016-01-01", None, "year")), report("b")])) == 2
    assert len(fuse([report("a", recipients=("GON",)), report("b", recipients=("GON",))])) == 2


def test_a_headline_and_its_dated_lede_are_one_event():
    headline = report("a", when=(None, None, "reported"), doc="d1")
    lede = report("b", when=("2024-03-18", None, "week"), doc="d1")
    assert groups(fuse([headline, lede])) == [["a", "b"]]
