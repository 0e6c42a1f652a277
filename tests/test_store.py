"""The store: round-trip, idempotent ingest, all-or-nothing batches, migrations."""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings as hsettings
from hypothesis import strategies as st

from geopivot.errors import SchemaVersionError, StoreError
from geopivot.ids import document_id
from geopivot.jobs import ingest
from geopivot.model import (
    Document, Event, EventDate, Geo, Identifier, Mention, Metadata, Participant, Place, Relation, Resolution,
    Sentence,
)
from geopivot.store import SCHEMA_VERSION, WriteBatch, open_store

codes = st.one_of(st.none(), st.sampled_from(["ARN", "GON", "ROH", "IGO"]))
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)
geos = st.one_of(st.none(), st.builds(
    Geo, st.one_of(st.none(), st.just("ROH")), st.sampled_from(["city", "region", "country"]),
    st.one_of(st.none(), st.floats(-90, 90)), st.one_of(st.none(), st.floats(-180, 180)),
    st.one_of(st.none(), st.integers(1, 10**7)), st.one_of(st.none(), words)))


@st.composite
def documents(draw):
    text = draw(st.text(min_size=1, max_size=300))
    n = len(text)
    span = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)

    def participant():
        s, e = draw(span)
        return Participant(text[s:e], s, e, draw(codes), draw(st.one_of(st.none(), st.just("GOV"))),
                           draw(st.one_of(st.none(), words)), draw(st.one_of(st.none(), words)))

    mentions = []
    for i in range(draw(st.integers(0, 4))):
        s, e = draw(span)
        mentions.append(Mention(f"m{i}", draw(st.sampled_from(["actor", "place", "time"])), s, e, text[s:e],
                                "GPE", Resolution(draw(codes), None, None, None, draw(st.one_of(st.none(), words))),
                                draw(geos)))
    events = []
    for i in range(draw(st.integers(0, 3))):
        s, e = draw(span)
        t0, t1 = draw(span)
        place = draw(st.one_of(st.none(), geos.map(lambda g: Place("Edoras", s, e, "ROH", geo=g))))
        events.append(Event(
            id=f"e{i}", type=draw(st.sampled_from(["AGREE", "SANCTION", "ASSAULT"])), mode=draw(st.one_of(st.none(), words)),
            contexts=tuple(draw(st.lists(words, max_size=2))),
            actors=tuple(participant() for _ in range(draw(st.integers(0, 2)))),
            recipients=tuple(participant() for _ in range(draw(st.integers(0, 2)))),
            date=EventDate(draw(st.one_of(st.none(), st.dates().map(str))), "day", draw(st.one_of(st.none(), words))),
            modality=draw(st.sampled_from(["asserted", "intended", "negated"])),
            confidence=draw(st.floats(0, 1)), sentence=Sentence(s, e), trigger_start=t0, trigger_end=t1,
            method="test", cameo=draw(st.sampled_from(["030", "0874", "1823"])),
            goldstein=draw(st.floats(-10, 10)), quad_class=draw(st.integers(1, 4)), place=place,
            agreed_type=draw(st.one_of(st.none(), st.sampled_from(["RETREAT", "AID"]))),
            agreed_mode=draw(st.one_of(st.none(), words)),
        ))
    meta = Metadata(
        title=draw(st.one_of(st.none(), words)), published=draw(st.one_of(st.none(), st.dates().map(str))),
        source=draw(st.one_of(st.none(), words)), authors=tuple(draw(st.lists(words, max_size=3))),
        identifiers=tuple(Identifier("doi", v) for v in draw(st.lists(words, max_size=2, unique=True))),
        kind=draw(st.sampled_from(["article", "policy brief"])), language="en",
        summary=tuple(draw(st.lists(words, max_size=2))), origin=draw(words),
        extra=tuple((k, v) for k, v in draw(st.lists(st.tuples(words, words), max_size=2))),
    )
    relations = []
    for i in range(draw(st.integers(0, 3))):
        s, e = draw(span)
        relations.append(Relation(
            id=f"r{i}", kind=draw(st.sampled_from(["agreement", "presence", "rapprochement", "precedent", "claim"])),
            subjects=tuple(participant() for _ in range(draw(st.integers(1, 2)))),
            objects=tuple(participant() for _ in range(draw(st.integers(0, 2)))),
            sentence=Sentence(s, e), trigger_start=s, trigger_end=e, detail=draw(st.one_of(st.none(), words)),
            count=draw(st.one_of(st.none(), st.integers(1, 10**6))),
            status=draw(st.one_of(st.none(), st.sampled_from(["ended", "signed"]))),
            date=draw(st.one_of(st.none(), st.dates().map(lambda d: EventDate(str(d), "year", str(d.year))))),
            place=draw(st.one_of(st.none(), st.just(Place("Edoras", s, e, "ROH")))),
            source=draw(st.one_of(st.none(), words)),
        ))
    sentences = tuple(Sentence(*draw(span)) for _ in range(draw(st.integers(0, 3))))
    return Document(id=document_id(text), text=text, meta=meta, sentences=sentences,
                    mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end, m.kind))),
                    events=tuple(sorted(events, key=lambda e: (e.sentence.start, e.trigger_start, e.id))),
                    relations=tuple(sorted(relations, key=lambda r: (r.sentence.start, r.trigger_start, r.id))))


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_a_document_survives_the_store_round_trip(tmp_path_factory, doc):
    with open_store(tmp_path_factory.mktemp("rt") / "rt.db") as store:
        store.write_batch(WriteBatch(documents=[(doc, b"")]))
        assert store.get_document(doc.id) == doc


def test_new_store_records_its_migrations(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.applied_migrations[0] == "0001_initial"


def test_store_written_by_a_newer_geopivot_is_refused(tmp_path):
    open_store(tmp_path / "a.db").close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'x')")
    with pytest.raises(SchemaVersionError, match="Upgrade geopivot"):
        open_store(tmp_path / "a.db")


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path):
    (tmp_path / "notes.db").write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="move the file aside"):
        open_store(tmp_path / "notes.db")


STORIES = [
    "Gondor expelled the Arnorian ambassador on Tuesday after a border dispute.",
    "Arnor and Gondor signed a grain agreement in Osgiliath.",
    "Mordor attacked Rohan near Edoras, the Rohirric army said.",
    "The White Council condemned Mordor for the raid on Rohan.",
    "Rohan asked Gondor for help against Mordor.",
]


def write_stories(folder, stories=STORIES):
    folder.mkdir(exist_ok=True)
    for i, story in enumerate(stories):
        (folder / f"{i:02d}.txt").write_text(f"Story {i}\nAugust {i + 1}, 2023\n\n{story}\n")
    return folder


def test_ingesting_the_same_corpus_twice_adds_nothing(tmp_path, fictional_pipeline, settings):
    corpus = write_stories(tmp_path / "corpus")
    with open_store(settings.db_path) as store:
        first = ingest([corpus], store, fictional_pipeline, settings)
        counts = {t: store.count(t) for t in ("documents", "sentences", "mentions", "events")}
        second = ingest([corpus], store, fictional_pipeline, settings)
        assert first.stored == 5 and counts["events"] > 0
        assert second.stored == 0 and second.already_stored == 5
        assert {t: store.count(t) for t in counts} == counts


def test_a_crash_mid_batch_leaves_no_half_written_document(tmp_path, fictional_pipeline, settings, monkeypatch):
    corpus = write_stories(tmp_path / "corpus")
    with open_store(settings.db_path) as store:
        real_insert = store._insert_event
        calls = {"n": 0}

        def crash_on_third_event(doc_id, event):
            calls["n"] += 1
            if calls["n"] == 3:
                raise KeyboardInterrupt("power cut")
            real_insert(doc_id, event)

        monkeypatch.setattr(store, "_insert_event", crash_on_third_event)
        with pytest.raises(KeyboardInterrupt):
            ingest([corpus], store, fictional_pipeline, settings)
        for table in ("documents", "sentences", "mentions", "events", "event_participants"):
            assert store.count(table) == 0, table
        monkeypatch.undo()
        report = ingest([corpus], store, fictional_pipeline, settings)
        assert report.stored == 5 and store.count("documents") == 5


def test_near_duplicate_is_linked_not_stored_twice(tmp_path, fictional_pipeline, settings):
    story = ("Gondor expelled the Arnorian ambassador on Tuesday after months of quarrels over the northern "
             "border, the foreign ministry in Osgiliath said in a statement read on state radio. The envoy "
             "was given three days to leave the country. Arnor called the decision hostile and said it "
             "would answer in kind, while Rohan urged both capitals to return to talks before the winter "
             "trade season closes the passes.")
    copy = story.replace("three days", "seventy-two hours")  # the wire copy rewritten by a second desk
    distinct = "Rohan and Gondor held talks in Edoras about the northern border and trade in horses and grain."
    corpus = write_stories(tmp_path / "c", [story, copy, distinct])
    with open_store(settings.db_path) as store:
        report = ingest([corpus], store, fictional_pipeline, settings)
        assert (report.stored, report.near_duplicates) == (2, 1)
        [link] = store.conn.execute("SELECT canonical_id, similarity, origin FROM near_duplicates").fetchall()
        assert link[0] == document_id(f"Story 0\n\n{story}") and link[1] >= settings.near_duplicate_jaccard
        assert link[2].endswith("01.txt")


def test_failed_inputs_are_recorded_and_cleared_when_fixed(tmp_path, fictional_pipeline, settings):
    corpus = write_stories(tmp_path / "c", STORIES[:2])
    (corpus / "bad.txt").write_bytes(b"\xff\xfe broken")
    with open_store(settings.db_path) as store:
        report = ingest([corpus], store, fictional_pipeline, settings)
        assert report.stored == 2 and report.skipped == {"invalid encoding": 1}
        assert [f["reason"] for f in store.failures()] == ["invalid encoding"]
        (corpus / "bad.txt").write_text("Fixed\nAugust 9, 2023\n\nArnor praised Rohan for its help.\n")
        report = ingest([corpus], store, fictional_pipeline, settings)
        assert report.stored == 1 and store.failures() == []


def test_non_english_document_is_skipped_with_its_language(tmp_path, fictional_pipeline, settings):
    corpus = write_stories(tmp_path / "c", STORIES[:1])
    (corpus / "fr.txt").write_text("Le Gondor et l'Arnor\n3 août 2023\n\nLe gouvernement du Gondor a annoncé la fin "
                                   "de la coopération avec l'Arnor, selon un communiqué lu à la télévision par le "
                                   "porte-parole, qui a dit que les troupes sont rentrées.\n")
    with open_store(settings.db_path) as store:
        report = ingest([corpus], store, fictional_pipeline, settings)
        assert report.stored == 1 and report.skipped == {"not English": 1}
        assert "'fr'" in report.failures[0].message and "fr.txt" in report.failures[0].message


def test_a_rerun_on_stored_input_does_not_load_the_model(tmp_path, fictional_pipeline, settings):
    corpus = write_stories(tmp_path / "c", STORIES[:2])
    calls = []

    def factory():
        calls.append(1)
        return fictional_pipeline

    with open_store(settings.db_path) as store:
        ingest([corpus], store, factory, settings)
        ingest([corpus], store, factory, settings)
    assert calls == [1]


def test_recode_replaces_annotations_of_stale_documents_only(tmp_path, fictional_pipeline, settings):
    from geopivot.jobs import recode
    from geopivot.pipeline import Pipeline

    corpus = write_stories(tmp_path / "c", STORIES[:3])
    with open_store(settings.db_path) as store:
        ingest([corpus], store, fictional_pipeline, settings)
        events_before = store.count("events")
        store.conn.execute("UPDATE documents SET pipeline = 'old coder' WHERE rowid = 1")
        newer = Pipeline(fictional_pipeline.stages, version=fictional_pipeline.version)
        report = recode(store, newer, settings)
        assert (report.recoded, report.up_to_date) == (1, 2)
        assert store.count("events") == events_before  # same coder: same events, none doubled
        again = recode(store, newer, settings)
        assert again.recoded == 0
        pairs_before = store.conn.execute("SELECT count(*) FROM event_pairs").fetchone()[0]
        assert recode(store, newer, settings, everything=True).recoded == 3
        assert store.count("events") == events_before
        # the pair index follows the events: none left behind, none doubled
        assert store.conn.execute("SELECT count(*) FROM event_pairs").fetchone()[0] == pairs_before > 0
        assert store.conn.execute("SELECT count(*) FROM event_pairs p LEFT JOIN events e ON e.id = p.event_id "
                                  "WHERE e.id IS NULL").fetchone()[0] == 0


def test_the_generation_rises_with_each_committed_write_only(tmp_path):
    with open_store(tmp_path / "g.db") as store:
        start = store.generation()
        store.count("events")
        assert store.generation() == start
        store.refresh_dyad_months()
        assert store.generation() == start + 1
        with pytest.raises(RuntimeError), store._transaction():
            raise RuntimeError("rolled back")
        assert store.generation() == start + 1
