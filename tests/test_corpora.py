"""End to end on real documents from ../shared (skipped where it is absent) and the demo corpus."""

import pytest

from geopivot import api
from geopivot.jobs import ingest
from geopivot.store import open_store

pytestmark = pytest.mark.slow


def test_seeds_are_stored_with_their_metadata_and_the_sofa_termination(shared, real_pipeline, settings):
    with open_store(settings.db_path) as store:
        report = ingest([shared / "seeds"], store, real_pipeline, settings)
        assert report.stored == 2 and report.failed == 0  # EXPECTED.md is not ingested as a document
        titles = {r["title"]: dict(r) for r in store.conn.execute("SELECT * FROM documents")}
        wire = titles["Niger cuts security ties with US, leans towards Russian alliance"]
        assert (wire["published_utc"], wire["source"]) == ("2024-03-25T14:44Z", "PAP")
        brief = titles["Niger's Pivot to Moscow: What's Next for US Engagement in Africa?"]
        assert brief["kind"] == "policy brief" and "b2rbv89" in brief["identifiers"]
        sofa = [e for e in store.events() if e["type"] == "SANCTION" and e["recipient_codes"] == "USA"]
        assert any(e["actor_codes"] == "NER" and "ended its security pact" in e["sentence"] for e in sofa)


def test_wcep_sahel_slice_stores_275_dated_documents_and_rerun_adds_none(shared, real_pipeline, settings):
    source = shared / "corpora" / "wcep" / "sahel_2022_2024.jsonl"
    with open_store(settings.db_path) as store:
        first = ingest([source], store, real_pipeline, settings)
        assert first.stored + first.near_duplicates == 275 and first.failed == 0
        dated = store.conn.execute(
            "SELECT count(*) FROM documents WHERE published BETWEEN '2022-01-01' AND '2024-12-31'").fetchone()[0]
        assert dated == first.stored
        assert store.count("events") > 100
        second = ingest([source], store, real_pipeline, settings)
        assert (second.stored, second.near_duplicates, second.already_stored) == (0, 0, 275)


def test_wikinews_csv_articles_ingest_whole(shared, real_pipeline, settings):
    source = shared / "corpora" / "wikinews" / "wikinews_2019.csv"
    with open_store(settings.db_path) as store:
        report = ingest([source], store, real_pipeline, settings)
        assert report.stored > 50 and report.skipped.get("malformed record", 0) == 0
        row = store.conn.execute("SELECT title, published, identifiers FROM documents LIMIT 1").fetchone()
        assert row[0] and row[1].startswith("20") and "wikinews" in row[2]


def test_demo_corpus_every_document_has_title_date_source_and_events(real_pipeline, settings):
    with open_store(settings.db_path) as store:
        report = ingest([api.demo_corpus_path()], store, real_pipeline, settings)
        assert report.stored >= 20 and report.failed == 0 and report.near_duplicates == 0
        missing = store.conn.execute(
            "SELECT origin FROM documents WHERE title IS NULL OR published IS NULL OR source IS NULL").fetchall()
        assert missing == []
        niger = [e for e in store.events() if "NER" in (e["actor_codes"] or "") + (e["recipient_codes"] or "")]
        assert len(niger) >= 10
