"""The HTTP API on a small fictional store: reads, pages, evidence, errors, the token gate, ingest."""

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings as hsettings, strategies as st

from geopivot.queries import State
from geopivot.web.app import create_app
from test_analysis import pivot_story, store_stories

WORLD = {"ARN": State("ARN", "Arnor", "901"), "GON": State("GON", "Gondor", "902"),
         "MOR": State("MOR", "Mordor", "903"), "ROH": State("ROH", "Rohan", "904")}
TOKEN = "a-long-enough-test-token-0123456789"


@pytest.fixture(scope="module")
def pivot_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "pivot.db"
    store_stories(path, pivot_story())
    return path


@pytest.fixture(scope="module")
def client(pivot_db):
    with TestClient(create_app(pivot_db, states=WORLD)) as c:
        yield c


def all_pages(client, **params):
    rows, cursor = [], None
    while True:
        page = client.get("/api/v1/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        rows += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return rows


@hsettings(max_examples=15, deadline=None)
@given(limit=st.integers(1, 40), sort=st.sampled_from(["date", "-date", "type", "-goldstein", "quad_class"]))
def test_cursor_pages_cover_every_event_once_in_order(client, limit, sort):
    everything = client.get("/api/v1/events", params={"limit": 500, "sort": sort}).json()["items"]
    paged = all_pages(client, limit=limit, sort=sort)
    assert [r["id"] for r in paged] == [r["id"] for r in everything]
    assert len({r["id"] for r in paged}) == len(paged) > 100


def test_filters_narrow_the_events(client):
    every = all_pages(client, limit=500)
    sanctions = all_pages(client, type="SANCTION", limit=500)
    assert sanctions and all(r["type"] == "SANCTION" for r in sanctions) and len(sanctions) < len(every)
    dyad = all_pages(client, dyad="MOR-GON", limit=500)
    assert dyad and all({r["actor_codes"], r["recipient_codes"]} == {"GON", "MOR"} for r in dyad)
    directed = all_pages(client, actor="MOR", recipient="GON", limit=500)
    assert 0 < len(directed) < len(dyad) and all(r["actor_codes"] == "MOR" for r in directed)
    quad = all_pages(client, quad_class=4, limit=500)
    assert quad and all(r["quad_class"] == 4 for r in quad)
    window = all_pages(client, since="2022-01-01", until="2022-06", limit=500)
    assert window and all("2022-01-01" <= r["date"] < "2022-07" for r in window)
    words = all_pages(client, q="DID sanction", limit=500)
    assert {r["id"] for r in words} == {r["id"] for r in sanctions}


def test_event_evidence_points_into_its_sentence(client):
    row = client.get("/api/v1/events", params={"type": "SANCTION", "limit": 1}).json()["items"][0]
    body = client.get(f"/api/v1/events/{row['id']}").json()
    text = body["sentence"]["text"]
    spans = {s["role"]: s for s in body["spans"]}
    assert text[spans["actor"]["start"]:spans["actor"]["end"]] == "GON"
    assert text[spans["recipient"]["start"]:spans["recipient"]["end"]] == "ARN"
    assert text[spans["trigger"]["start"]:spans["trigger"]["end"]] == spans["trigger"]["text"]
    assert body["sources"] and body["sources"][0]["sentence"] == text


def test_errors_are_typed_json_with_what_to_do(client):
    bad_sort = client.get("/api/v1/events", params={"sort": "sentence; DROP TABLE events"})
    assert bad_sort.status_code == 400 and bad_sort.json()["error"]["type"] == "bad_request"
    assert "use one of" in bad_sort.json()["error"]["message"]
    assert client.get("/api/v1/events", params={"cursor": "garbage"}).status_code == 400
    assert client.get("/api/v1/events", params={"limit": 501}).status_code == 400
    missing = client.get("/api/v1/events/nope")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "not_found"
    assert client.get("/api/v1/countries/XXX").status_code == 404
    assert client.get("/api/v1/alignment-map", params={"period": "decade"}).status_code == 400
    assert client.get("/api/v1/events", params={"quad_class": 9}).json()["error"]["type"] == "validation_error"


def test_analysis_endpoints_read_the_pivot(client):
    realigned = client.get("/api/v1/realignments", params={"country": "GON"}).json()["items"]
    assert realigned and realigned[0]["away"] == "ARN" and realigned[0]["toward"] == "MOR"
    world = client.get("/api/v1/alignment-map", params={"pole": "ARN", "period": "year"}).json()
    gondor = world["states"]["GON"]
    assert gondor["numeric"] == "902" and gondor["scores"]["2020"]["score"] > 0 > gondor["scores"]["2023"]["score"]
    country = client.get("/api/v1/countries/GON").json()
    assert country["name"] == "Gondor" and country["latest_events"] and country["realignments"]
    net = client.get("/api/v1/network/GON").json()
    assert {n["id"] for n in net["nodes"]} >= {"GON", "ARN", "MOR"}
    series = client.get("/api/v1/dyads/GON/ARN", params={"period": "year"}).json()["series"]
    assert sum(p["events"] for p in series) > 0
    brief = client.get("/api/v1/briefs/GON")
    assert brief.status_code == 200 and "sandbox" in brief.headers["content-security-policy"]


def test_openapi_schema_lists_every_endpoint(client):
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for path in ("/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/dyads/{actor}/{recipient}",
                 "/api/v1/alignment-map", "/api/v1/realignments", "/api/v1/briefs/{iso3}", "/api/v1/documents"):
        assert path in paths
    params = {p["name"] for p in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert {"country", "dyad", "type", "quad_class", "since", "until", "modality", "q", "sort", "cursor"} <= params


def test_server_sends_no_cors_headers_by_default(client):
    response = client.get("/api/v1/summary", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"


def test_ingest_is_forbidden_without_a_configured_token(client):
    response = client.post("/api/v1/documents", json={"text": "Gondor expelled the ambassador of Arnor."})
    assert response.status_code == 403 and "token" in response.json()["error"]["message"]


def test_ingest_with_the_token_codes_and_stores_once(tmp_path, fictional_pipeline):
    app = create_app(tmp_path / "w.db", token=TOKEN, states=WORLD, pipeline_factory=lambda: fictional_pipeline)
    docs = {"documents": [
        {"text": "Gondor expelled the ambassador of Arnor on Monday.", "published": "2024-03-04", "source": "Minas"},
        {"text": "   "},
    ]}
    with TestClient(app) as c:
        assert c.post("/api/v1/documents/batch", json=docs).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert c.post("/api/v1/documents/batch", json=docs, headers=wrong).status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        first = c.post("/api/v1/documents/batch", json=docs, headers=auth).json()
        assert first["stored"] == 1 and first["events"] >= 1
        assert first["failures"] and first["failures"][0]["origin"] == "api:batch[1]"
        again = c.post("/api/v1/documents/batch", json=docs, headers=auth).json()
        assert again["stored"] == 0 and again["already_stored"] == 1
        stored = c.get("/api/v1/events", params={"country": "GON"}).json()["items"]
        assert len(stored) == 1 and stored[0]["actor_codes"] == "GON" and stored[0]["recipient_codes"] == "ARN"
        too_many = {"documents": [{"text": "x"}] * 201}
        assert c.post("/api/v1/documents/batch", json=too_many, headers=auth).status_code == 422


def test_cite_and_states_describe_the_store(client):
    cite = client.get("/api/v1/cite").json()
    assert cite["documents"] > 100 and "geopivot" in cite["text"] and cite["bibtex"].startswith("@software")
    states = {s["code"]: s for s in client.get("/api/v1/states").json()["items"]}
    assert states["GON"] == {"code": "GON", "name": "Gondor", "numeric": "902"}
    summary = client.get("/api/v1/summary").json()
    assert summary["pole_names"]["USA"] == "USA" and summary["documents"] == cite["documents"]


def test_kept_answers_follow_writes_to_the_store(tmp_path, fictional_pipeline):
    app = create_app(tmp_path / "k.db", token=TOKEN, states=WORLD, pipeline_factory=lambda: fictional_pipeline)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as c:
        c.post("/api/v1/documents", headers=auth,
               json={"text": "Gondor expelled the ambassador of Arnor.", "published": "2024-03-04"})
        before = c.get("/api/v1/dyads/GON/ARN", params={"directed": "false"}).json()["series"]
        assert c.get("/api/v1/dyads/GON/ARN", params={"directed": "false"}).json()["series"] == before
        assert app.state.resources.answers.hits == 1
        c.post("/api/v1/documents", headers=auth,
               json={"text": "Arnor condemned Gondor over the expulsion.", "published": "2024-05-06"})
        after = c.get("/api/v1/dyads/GON/ARN", params={"directed": "false"}).json()["series"]
    assert sum(p["events"] for p in after) == sum(p["events"] for p in before) + 1


def test_the_answer_cache_keeps_the_newest_and_checks_the_generation():
    from geopivot.web.answers import AnswerCache

    cache, calls = AnswerCache(2), []

    def compute(value):
        return lambda: calls.append(value) or value

    assert cache.answer("a", 1, compute(b"a1")) == b"a1"
    assert cache.answer("a", 1, compute(b"other")) == b"a1"
    assert cache.answer("a", 2, compute(b"a2")) == b"a2"  # the store changed
    cache.answer("b", 2, compute(b"b2"))
    cache.answer("c", 2, compute(b"c2"))  # "a" is the least recently used and goes
    assert cache.answer("a", 2, compute(b"a2 again")) == b"a2 again"
    assert calls == [b"a1", b"a2", b"b2", b"c2", b"a2 again"]
    assert AnswerCache(0).answer("a", 1, compute(b"x")) == b"x" and calls[-1] == b"x"


def test_a_dyad_read_from_the_pair_index_finds_what_the_plain_filter_finds(tmp_path):
    """The date-sorted dyad page reads the event_pairs index; an event that names one state on both
    sides and the other state as actor only must still be found, and found once."""
    from dataclasses import replace as changed
    from datetime import date

    from geopivot.model import Participant
    from geopivot.store import EventFilter, open_store
    from test_analysis import story

    odd = story(date(2023, 5, 2), "GON", "GON", "ACCUSE")
    event = odd.events[0]
    mor = Participant("MOR", event.actors[0].start, event.actors[0].end, "MOR")
    odd = changed(odd, events=(changed(event, actors=(event.actors[0], mor)),))
    docs = [*pivot_story()[:40], odd, story(date(2023, 6, 1), "MOR", "GON", "ACCUSE", mutual=True)]
    store_stories(tmp_path / "pairs.db", docs)
    with open_store(tmp_path / "pairs.db") as store:
        for a, b in (("GON", "MOR"), ("MOR", "GON"), ("GON", "ARN"), ("ROH", "GON")):
            plain = {r["id"] for r in store.events(EventFilter(dyad=(a, b)))}
            driven = [r["id"] for r in store.events(EventFilter(dyad=(a, b), sort="date"))]
            assert set(driven) == plain and len(driven) == len(plain), (a, b)
        assert odd.events[0].id in {r["id"] for r in store.events(EventFilter(dyad=("GON", "MOR"), sort="date"))}
