"""Exports: every format and layout read back by the tool it is for, on a small fictional store."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from geopivot import __version__
from geopivot.cli import app
from geopivot.errors import ExportError
from geopivot.export import FORMATS, citation, export_events, layouts_markdown
from geopivot.export.stata import stata_names
from geopivot.jobs import ingest
from geopivot.settings import Settings
from geopivot.store import EventFilter, open_store

HYPERLINK = '=HYPERLINK("http://evil.example/x","Gondor") expelled the Mordorian ambassador on 5 March 2024.'
STORIES = [
    {"text": "Gondor and Rohan imposed sanctions on Mordor on 3 March 2024.", "date": "2024-03-08",
     "source": "Minas Wire", "url": "https://minas.example/sanctions", "title": "Sanctions on Mordor"},
    {"text": HYPERLINK, "date": "2024-03-08", "source": "@Anduin Post", "title": "+Expulsion"},
    {"text": "The Arnorian government signed a trade agreement with Gondor in Osgiliath on 4 March 2024.",
     "date": "2024-03-08", "source": "Minas Wire"},
    {"text": "Arnor praised the White Council on Monday.", "date": "2024-03-08", "source": "Bree Herald"},
]

# The GDELT 2.0 Event table, written out here from the codebook rather than read from the layout.
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
                 + [f"Actor1{f}" for f in _ACTOR] + [f"Actor2{f}" for f in _ACTOR]
                 + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                    "NumMentions", "NumSources", "NumArticles", "AvgTone"]
                 + [f"{who}_{f}" for who in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in _GEO]
                 + ["DATEADDED", "SOURCEURL"])
ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]


@pytest.fixture(scope="module")
def db(tmp_path_factory, fictional_pipeline) -> Path:
    folder = tmp_path_factory.mktemp("export-in")
    (folder / "wire.jsonl").write_text("".join(json.dumps(s) + "\n" for s in STORIES))
    path = tmp_path_factory.mktemp("export-db") / "export.db"
    settings = Settings(db_path=str(path), batch_size=4)
    with open_store(path) as store:
        ingest([folder], store, fictional_pipeline, settings)
    return path


@pytest.fixture(scope="module")
def stored(db) -> list[dict]:
    """The store's own rows and each event's participants: what every export is checked against."""
    with open_store(db) as store:
        rows = list(store.events(EventFilter()))
        for row in rows:
            row["_sides"] = store.event_participants(row["id"])
    assert len(rows) >= 4, "the fictional stories should give an event each"
    return rows


def export(db, fmt, layout, out, where=None):
    with open_store(db) as store:
        return export_events(store, where or EventFilter(), fmt, layout, out)


def resolved(row, role):
    return [p for p in row["_sides"] if p["role"] == role and p["code"]]


def dyad_count(row) -> int:
    return max(len(resolved(row, "actor")), 1) * max(len(resolved(row, "recipient")), 1)


def test_parquet_loads_in_pandas_with_every_row_and_typed_columns(db, stored, tmp_path):
    report = export(db, "parquet", "geopivot", tmp_path / "events.parquet")
    frame = pd.read_parquet(tmp_path / "events.parquet")
    assert report.rows == report.events == len(stored) == len(frame)
    assert frame["goldstein"].dtype == "float64" and frame["quad_class"].dtype == "int64"
    assert frame["sentence_start"].dtype == "int64" and frame["sentence"].dtype == object
    assert list(frame["sentence"]) == [r["sentence"] for r in stored]


def test_an_empty_export_still_has_the_layouts_typed_columns(db, tmp_path):
    report = export(db, "parquet", "gdelt", tmp_path / "none.parquet", EventFilter(since="2999"))
    frame = pd.read_parquet(tmp_path / "none.parquet")
    assert report.rows == 0 and len(frame) == 0
    assert list(frame.columns) == GDELT_COLUMNS and frame["SQLDATE"].dtype == "int64"


def test_gdelt_layout_has_gdelt_columns_codes_and_one_row_per_dyad(db, stored, tmp_path):
    export(db, "parquet", "gdelt", tmp_path / "gdelt.parquet")
    frame = pd.read_parquet(tmp_path / "gdelt.parquet")
    assert list(frame.columns) == GDELT_COLUMNS
    assert len(frame) == sum(dyad_count(r) for r in stored)
    assert frame["SQLDATE"].dtype == "int64" and frame["GLOBALEVENTID"].is_unique
    assert set(frame["SQLDATE"]) == {int(r["date"].replace("-", "")) for r in stored}
    assert set(frame["EventCode"]) == {r["cameo"] for r in stored}
    assert any(code.startswith("0") for code in frame["EventCode"]), "a CAMEO code below 10 keeps its zero"
    assert (frame["EventRootCode"] == frame["EventCode"].str[:2]).all()
    [two_actors] = [r for r in stored if len(resolved(r, "actor")) == 2]
    rows = frame[frame["EventCode"] == two_actors["cameo"]]
    assert sorted(rows["Actor1CountryCode"]) == sorted(p["code"] for p in resolved(two_actors, "actor"))
    assert set(rows["SOURCEURL"]) == {STORIES[0]["url"]}
    [placed] = [r for r in stored if r["place_lat"] is not None]
    row = frame[frame["EventCode"] == placed["cameo"]].iloc[0]
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_Type"]) == (
        placed["place_lat"], placed["place_lon"], 4.0)  # a city outside the US; NaN-able ints read as floats
    assert row["AvgTone"] is None or pd.isna(row["AvgTone"])  # geopivot has no tone: left empty, not zero


def test_csv_neutralises_formulas_but_negative_scores_stay_numbers(db, stored, tmp_path):
    export(db, "csv", "geopivot", tmp_path / "events.csv")
    with open(tmp_path / "events.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    [stored_row] = [r for r in stored if r["sentence"].startswith("=HYPERLINK(")]
    [row] = [r for r in rows if r["id"] == stored_row["id"]]
    assert row["sentence"] == "'" + stored_row["sentence"]
    assert row["source"] == "'@Anduin Post" and row["title"] == "'+Expulsion"
    assert float(row["goldstein"]) == stored_row["goldstein"] < 0 and row["goldstein"].startswith("-")
    frame = pd.read_csv(tmp_path / "events.csv")
    assert frame["goldstein"].dtype == "float64"
    export(db, "tsv", "icews", tmp_path / "events.tsv")
    with open(tmp_path / "events.tsv", newline="", encoding="utf-8") as handle:
        tsv = list(csv.DictReader(handle, delimiter="\t"))
    assert list(tsv[0]) == ICEWS_COLUMNS
    assert "'@Anduin Post" in {r["Publisher"] for r in tsv} and "@Anduin Post" not in {r["Publisher"] for r in tsv}
    assert all(float(r["Intensity"]) == float(r["Intensity"].lstrip("'")) for r in tsv)


def test_dta_reads_back_in_pandas_with_valid_names_and_original_labels(db, stored, tmp_path):
    report = export(db, "dta", "icews", tmp_path / "events.dta")
    frame = pd.read_stata(tmp_path / "events.dta")
    assert len(frame) == report.rows == sum(dyad_count(r) for r in stored)
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", c) for c in frame.columns)
    with pd.io.stata.StataReader(tmp_path / "events.dta") as reader:
        assert list(reader.variable_labels().values()) == ICEWS_COLUMNS
    assert set(frame["cameo_code"]) == {r["cameo"] for r in stored}
    assert set(frame["Publisher"]) == {r["source"] for r in stored}  # a valid Stata name stays as it is


def test_stata_names_are_valid_unique_and_short():
    names = stata_names(["Event ID", "event_id", "GLOBALEVENTID", "2nd column", "if", "x" * 40, "x" * 41])
    assert names["Event ID"] == "event_id" and names["event_id"] != "event_id"
    assert names["GLOBALEVENTID"] == "GLOBALEVENTID"
    assert len(set(names.values())) == len(names)
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", n) for n in names.values())


def expected_network(stored):
    def key(p):
        return f"{p['code']}:{p['name'] or p['text']}" if p["code"] in ("IGO", "NGO", "IMG", "MNC") else p["code"]

    nodes = {key(p) for r in stored for p in r["_sides"] if p["code"]}
    edges = Counter((key(a), key(b)) for r in stored for a in resolved(r, "actor") for b in resolved(r, "recipient"))
    return nodes, edges


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networks_parse_with_networkx_with_the_stores_dyads(db, stored, tmp_path, fmt, read):
    report = export(db, fmt, "geopivot", tmp_path / f"actors.{fmt}")
    graph = read(tmp_path / f"actors.{fmt}")
    nodes, edges = expected_network(stored)
    assert graph.is_directed() and set(graph.nodes) == nodes and report.nodes == len(nodes)
    assert {(a, b): d["weight"] for a, b, d in graph.edges(data=True)} == edges
    organisations = [n for n in nodes if n.startswith("IGO:")]
    assert organisations and all(graph.nodes[n]["label"] == n.split(":", 1)[1] for n in organisations)
    for a, b, data in graph.edges(data=True):
        quads = sum(data[q] for q in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                      "material_conflict"))
        assert quads == data["weight"] and data["first_date"] <= data["last_date"]


def test_jsonl_round_trips_the_stores_rows(db, stored):
    stream = io.StringIO()
    report = export(db, "jsonl", "geopivot", stream)
    lines = stream.getvalue().splitlines()
    assert report.path is None and len(lines) == report.rows == len(stored)
    for line, row in zip(lines, stored):
        assert json.loads(line) == {k: v for k, v in row.items() if k != "_sides"}


def test_polecat_keeps_several_actors_in_one_row(db, stored, tmp_path):
    export(db, "jsonl", "polecat", tmp_path / "polecat.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "polecat.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(stored) and [r["Event ID"] for r in rows] == [r["id"] for r in stored]
    [two_actors] = [r for r in stored if len(resolved(r, "actor")) == 2]
    [row] = [r for r in rows if r["Event ID"] == two_actors["id"]]
    assert row["Actor Country"] == ";".join(p["code"] for p in resolved(two_actors, "actor"))
    assert row["Event Type"] == two_actors["type"] and row["Actor COW"] is None


def test_unknown_formats_and_contradictions_are_refused_with_the_choices(db, tmp_path):
    with pytest.raises(ExportError, match="csv, tsv, jsonl, parquet, dta, graphml, gexf"):
        export(db, "xlsx", "geopivot", tmp_path / "x.xlsx")
    with pytest.raises(ExportError, match="geopivot, gdelt, icews, polecat"):
        export(db, "csv", "acled", tmp_path / "x.csv")
    with pytest.raises(ExportError, match="network"):
        export(db, "gexf", "gdelt", tmp_path / "x.gexf")
    with pytest.raises(ExportError, match="binary"):
        export(db, "parquet", "geopivot", io.StringIO())
    assert not list(tmp_path.iterdir())  # nothing half-written is left behind


def runner_output(result) -> str:
    return result.output + (str(result.exception) if result.exception else "")


def test_cli_export_filters_and_refuses_with_what_to_do(db, stored, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", str(db), "--layout", "gdelt", "--country", "MOR"])
    assert result.exit_code == 0, runner_output(result)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = [r for r in stored if any(p["code"] == "MOR" for p in r["_sides"])]
    assert rows and len(rows) == sum(dyad_count(r) for r in expected)
    assert all("MOR" in (r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in rows)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--type", "SANCTION",
                                 "--out", str(tmp_path / "s.parquet")])
    assert result.exit_code == 0 and len(pd.read_parquet(tmp_path / "s.parquet")) == sum(
        r["type"] == "SANCTION" for r in stored)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "dta"])
    assert result.exit_code != 0 and "--out" in runner_output(result)
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "xml"])
    assert result.exit_code != 0 and all(f in runner_output(result) for f in FORMATS)
    for command in ("export", "cite"):
        assert "Example: geopivot " + command in runner.invoke(app, [command, "--help"]).stdout


def test_cite_gives_the_version_the_stores_documents_and_the_licences(db, stored):
    with open_store(db) as store:
        found = citation(store)
        documents = store.count("documents")
    assert (found.version, found.documents, found.events) == (__version__, documents, len(stored))
    assert found.first_published <= found.last_published
    text = found.text()
    assert f"version {__version__}" in text and f"{documents} documents" in text
    assert "source" in text and "CC BY-SA" in text and "@software{geopivot" in text
    result = CliRunner().invoke(app, ["cite", "--db", str(db), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["documents"] == documents


def test_docs_list_every_column_of_every_layout():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "exports.md").read_text(encoding="utf-8")
    marker = "<!-- generated: everything below this line -->\n\n"
    assert docs.split(marker, 1)[1] == layouts_markdown(), (
        "regenerate the tables of docs/exports.md (see the command above its marker)")
