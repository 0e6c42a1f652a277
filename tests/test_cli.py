"""The CLI end to end through its real entry point, in a subprocess like a user runs it."""

import csv
import io
import json
import subprocess
import sys

import pytest

STORY = "Gondor crisis\nAugust 3, 2023\n\nFrance expelled the Malian ambassador on Tuesday.\n\nSource: Anduin Wire\n"


def geopivot(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "geopivot.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    (folder / "a.txt").write_text(STORY)
    (folder / "b.bin").write_bytes(b"\x00\x01")
    db = tmp_path_factory.mktemp("db") / "cli.db"
    result = geopivot("ingest", folder, "--db", db)
    return folder, db, result


def test_ingest_reports_stored_and_skipped(stored):
    folder, db, result = stored
    assert result.returncode == 0, result.stderr
    assert "stored 1 documents" in result.stdout and "skipped 1: unsupported format" in result.stdout
    assert "b.bin" in result.stderr and str(db) in result.stdout


def test_events_as_json_csv_and_table(stored):
    _, db, _ = stored
    rows = json.loads(geopivot("events", "--db", db, "--format", "json").stdout)
    [row] = [r for r in rows if r["type"] == "SANCTION"]
    assert (row["actor_codes"], row["recipient_codes"], row["mode"]) == ("FRA", "MLI", "expel")
    assert row["sentence"] == "France expelled the Malian ambassador on Tuesday." and row["source"] == "Anduin Wire"
    assert row["date"] == "2023-08-01" and row["date_precision"] == "day"
    table = list(csv.DictReader(io.StringIO(geopivot("events", "--db", db, "--format", "csv").stdout)))
    assert any(r["type"] == "SANCTION" for r in table)
    assert "SANCTION" in geopivot("events", "--db", db, "--country", "mli").stdout


def test_events_filters_can_empty_the_result_and_say_so(stored):
    _, db, _ = stored
    result = geopivot("events", "--db", db, "--since", "2030", "--format", "json")
    assert json.loads(result.stdout) == [] and "no events match" in result.stderr


def test_missing_database_is_a_clear_error(tmp_path):
    result = geopivot("events", "--db", tmp_path / "nope.db")
    assert result.returncode == 1 and "no database at" in result.stderr and "geopivot ingest" in result.stderr


def test_bad_format_is_rejected(stored):
    _, db, _ = stored
    result = geopivot("events", "--db", db, "--format", "xml")
    assert result.returncode != 0 and "table, json or csv" in result.stderr


def test_code_prints_events_as_json_without_a_database(tmp_path):
    result = geopivot("code", "Russia signed a defence agreement with Niger.", "--date", "2024-01-16", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    [event] = json.loads(result.stdout)
    assert event["type"] == "AGREE" and event["trigger_text"] == "signed"
    assert list(tmp_path.iterdir()) == []  # no database created


def test_summary_and_settings(stored):
    _, db, _ = stored
    summary = geopivot("summary", "--db", db).stdout
    assert "1 documents" in summary and "SANCTION 1" in summary and "FRA→MLI 1" in summary
    assert "near_duplicate_jaccard" in geopivot("settings").stdout


def test_every_command_has_help_with_an_example():
    for command in ("ingest", "code", "events", "evaluate", "summary", "demo", "settings", "recode"):
        result = geopivot(command, "--help")
        assert result.returncode == 0 and "Example:" in result.stdout and "geopivot" in result.stdout, command


def test_evaluate_prints_the_gate_metrics_as_json(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "g1", "text": "Gondor expelled the French ambassador.", "events": [{"type": "SANCTION", '
        '"actors": [{"code": "GON"}], "recipients": [{"code": "FRA"}]}]}\n'
        '{"id": "g2", "text": "The weather in Paris was mild.", "events": []}\n'
    )
    result = geopivot("evaluate", gold, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"type_accuracy", "event_f1", "actor_f1", "recipient_f1", "spurious_per_sentence", "n_sentences"} <= set(data)
    assert data["n_sentences"] == 2 and data["type_accuracy"] == 1.0
    assert data["recipient_f1"] == 1.0 and data["actor_f1"] == 0.0  # Gondor is not a real state


def test_evaluate_names_a_broken_gold_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "g1", "events": []}\n')
    result = geopivot("evaluate", gold)
    assert result.returncode == 1 and "gold.jsonl:1" in result.stderr and '"text"' in result.stderr


def test_actors_show_resolves_a_person_on_a_date():
    data = json.loads(geopivot("actors", "show", "Mohamed Bazoum", "--date", "2022-05-01").stdout)
    assert (data["query"], data["code"], data["sector"], data["reason"]) == ("Mohamed Bazoum", "NER", "GOV", None)
    data = json.loads(geopivot("actors", "show", "the Kremlin").stdout)
    assert (data["code"], data["sector"]) == ("RUS", "GOV")


def test_actors_unresolved_lists_names_to_add(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Story\nAugust 3, 2023\n\nFrance condemned the Zorblatt Front for its raid.\n")
    db = tmp_path / "u.db"
    geopivot("ingest", folder, "--db", db)
    result = geopivot("actors", "unresolved", "--db", db)
    assert result.returncode == 0 and "Zorblatt Front" in result.stdout


def test_actors_add_makes_a_new_name_resolve(tmp_path):
    assert geopivot("actors", "add", "Zorblatt Front", "--code", "img", "--label", "ORG", cwd=tmp_path).returncode == 0
    assert "Zorblatt Front\tIMG" in (tmp_path / "geopivot-actors.tsv").read_text()
    [event] = json.loads(geopivot("code", "France condemned the Zorblatt Front for its raid.", cwd=tmp_path).stdout)
    assert [r["code"] for r in event["recipients"]] == ["IMG"]
    assert "Zorblatt Front" in geopivot("actors", "list", "--search", "zorblatt", cwd=tmp_path).stdout


def test_actors_add_refuses_a_bad_code_and_a_broken_file_is_named(tmp_path):
    result = geopivot("actors", "add", "Somewhere", "--code", "12", cwd=tmp_path)
    assert result.returncode == 1 and "not three letters" in result.stderr
    (tmp_path / "geopivot-actors.tsv").write_text("text\tcode\tsector\tlabel\nNameless\t\t\tORG\n")
    result = geopivot("code", "France condemned Nameless.", cwd=tmp_path)
    assert result.returncode == 1 and "geopivot-actors.tsv" in result.stderr and "lack text or code" in result.stderr


@pytest.fixture(scope="module")
def pivot_db(tmp_path_factory):
    """The synthetic Gondor pivot of test_analysis, stored, with poles set to the fictional powers."""
    from test_analysis import pivot_story, store_stories

    db = tmp_path_factory.mktemp("pivot-cli") / "pivot.db"
    store_stories(db, pivot_story())
    return db


def test_dyad_alignment_realignments_and_brief_commands(pivot_db, tmp_path):
    rows = json.loads(geopivot("dyad", "GON", "ARN", "--db", pivot_db, "--period", "year", "--format", "json").stdout)
    assert [r["period"] for r in rows][:2] == ["2020", "2021"] and rows[0]["COOPERATE"] > 0
    found = json.loads(geopivot("realignments", "--db", pivot_db, "--format", "json").stdout)
    assert found and found[0]["state"] == "GON" and found[0]["toward"] == "MOR"
    page = tmp_path / "gon.html"
    result = geopivot("brief", "GON", "--db", pivot_db, "--format", "html", "--out", page)
    assert result.returncode == 0, result.stderr
    assert "<h2>Bottom Line</h2>" in page.read_text()


def test_a_pdf_brief_without_a_file_is_refused_with_what_to_do(pivot_db):
    result = geopivot("brief", "GON", "--db", pivot_db, "--format", "pdf")
    assert result.returncode != 0 and "--out" in result.stderr


def test_an_unknown_period_is_refused_with_the_choices(pivot_db):
    result = geopivot("dyad", "GON", "ARN", "--db", pivot_db, "--period", "fortnight")
    assert result.returncode != 0 and "month" in result.stderr


def test_serve_with_two_workers_answers_from_each(stored):
    """`geopivot serve --workers 2` starts two processes on one port, each reading the same store."""
    import socket
    import time
    import urllib.request

    _, db, _ = stored
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "geopivot.cli", "serve", "--db", str(db), "--port", str(port),
                               "--workers", "2"], stderr=subprocess.PIPE, text=True)
    try:
        deadline, summaries = time.monotonic() + 60, []
        while time.monotonic() < deadline and len(summaries) < 20:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/summary", timeout=5) as response:
                    summaries.append(json.loads(response.read()))
            except OSError:
                time.sleep(0.2)
        assert len(summaries) == 20, "the server did not answer"
        assert all(s["documents"] == 1 and s == summaries[0] for s in summaries)
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert log.count("Started server process") == 2, log
