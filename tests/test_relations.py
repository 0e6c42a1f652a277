"""Relations that are not events, read on the fictional world and on the seeds."""

from geopivot.api import code_text
from geopivot.jobs import ingest
from geopivot.store import open_store


def relations(pipeline, text, date="2024-03-25"):
    doc = code_text(text, date, pipeline=pipeline)
    return [(r.kind, tuple(s.code for s in r.subjects), tuple(o.code for o in r.objects), r.count, r.status,
             r.date.value if r.date else None, r.place.name if r.place else None) for r in doc.relations]


def test_a_group_statement_is_one_relation_per_state(fictional_pipeline):
    found = relations(fictional_pipeline, "Mordor has succeeded in drawing states such as Rohan, Arnor and "
                                          "Gondor closer to its sphere of influence.")
    assert sorted(r[:3] for r in found) == [("rapprochement", ("MOR",), (c,)) for c in ("ARN", "GON", "ROH")]


def test_an_agreement_keeps_its_parties_year_and_status(fictional_pipeline):
    found = relations(fictional_pipeline, "Gondor has terminated its 2012 security agreement with Arnor.")
    assert ("agreement", ("GON",), ("ARN",), None, "ended", "2012-01-01", None) in found


def test_a_presence_abroad_keeps_its_count_and_place(fictional_pipeline):
    found = relations(fictional_pipeline, "About one thousand Gondorian soldiers are stationed in Edoras.")
    assert ("presence", ("GON",), ("ROH",), 1000, None, None, "Edoras") in found


def test_a_base_with_no_place_named_is_in_the_state_the_story_is_about(fictional_pipeline):
    text = "Rohan expelled the Gondorian ambassador. Rohan hosts a Gondorian air base built in 2018."
    found = relations(fictional_pipeline, text)
    assert any(r[0] == "presence" and r[1:3] == (("GON",), ("ROH",)) and r[5] == "2018-01-01" for r in found)


def test_following_a_path_names_who_went_first(fictional_pipeline):
    found = relations(fictional_pipeline, "Rohan is pivoting toward Mordor, following the path of Arnor.")
    assert ("rapprochement", ("ROH",), ("MOR",)) in [r[:3] for r in found]
    assert ("precedent", ("ROH",), ("ARN",)) in [r[:3] for r in found]


def test_a_claim_keeps_who_made_it(fictional_pipeline):
    doc = code_text("According to the White Council, Mordor believes its alliance will last.", "2024-03-25",
                    pipeline=fictional_pipeline)
    claims = [r for r in doc.relations if r.kind == "claim"]
    assert claims and claims[0].source == "White Council" and claims[0].subjects[0].code == "MOR"


def test_no_relation_without_two_known_sides(fictional_pipeline):
    assert relations(fictional_pipeline, "The agreement was signed in a hurry.") == []


def test_seed_facts_of_expected_md_are_kept(shared, real_pipeline, settings):
    """EXPECTED.md, facts and relations: eight RUS relations, the 2012 agreement, ~1,000 US personnel,
    the drone base of 2018, the air base at Agadez, Mali and Burkina Faso before Niger, ISW's claim."""
    with open_store(settings.db_path) as store:
        ingest([shared / "seeds"], store, real_pipeline, settings)
        rows = store.relations()
    drawn = {r["object_codes"] for r in rows if r["kind"] == "rapprochement" and r["subject_codes"] == "RUS"}
    assert drawn >= {"TGO", "BFA", "TCD", "LBY", "MLI", "MOZ", "CAF", "SDN"}
    assert any(r["kind"] == "agreement" and {r["subject_codes"], r["object_codes"]} == {"NER", "USA"}
               and r["date"] == "2012-01-01" for r in rows)
    presence = [r for r in rows if r["kind"] == "presence" and r["subject_codes"] == "USA" and r["object_codes"] == "NER"]
    assert any(r["count"] == 1000 for r in presence)
    assert any(r["place_name"] == "Agadez" and r["place_country"] == "NER" for r in presence)
    assert any(r["date"] == "2018-01-01" for r in presence)
    assert {r["object_codes"] for r in rows if r["kind"] == "precedent" and r["subject_codes"] == "NER"} >= {"MLI", "BFA"}
    assert any(r["kind"] == "claim" and "Institute for the Study of War" in (r["source"] or "") for r in rows)
