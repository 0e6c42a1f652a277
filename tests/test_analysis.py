"""Dyad series, alignment, realignment detection and briefs, on a synthetic fictional store."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from geopivot.analysis import realignment
from geopivot.analysis.alignment import alignment
from geopivot.analysis.brief import build_brief, to_html, to_markdown, to_pdf
from geopivot.analysis.dyads import PERIODS, dyad_series, dyad_table, period_range
from geopivot.ids import document_id
from geopivot.jobs import analyse_stored, fuse_stored
from geopivot.model import Document, Event, EventDate, Metadata, Participant, Sentence
from geopivot.store import WriteBatch, open_store

QUAD = {"AGREE": (1, 4.0), "COOPERATE": (2, 6.0), "CONSULT": (1, 1.0), "ACCUSE": (3, -2.0),
        "SANCTION": (4, -5.0), "REQUEST": (1, 3.0), "RETREAT": (2, 5.0)}
POLES = ("ARN", "MOR", "ROH")
ENDINGS = {("RETREAT", "withdraw"), ("SANCTION", "discontinue"), ("SANCTION", "expel")}


def story(day: date, actor: str, recipient: str, type_: str, mode: str | None = None,
          modality: str = "asserted", agreed: tuple[str, str | None] = (None, None), end: date | None = None,
          mutual: bool = False, ends: bool | None = None) -> Document:
    """One report of one event; ``mutual``: each side acts on the other ("Gondor and Arnor accused each
    other"); ``ends``: the act ends a tie (by default a withdrawal, a cut-off or an expulsion does)."""
    if ends is None:
        ends = (agreed if agreed[0] else (type_, mode)) in ENDINGS
    text = f"On {day.isoformat()}, {actor} did {type_.lower()} to {recipient}. A second sentence."
    doc_id = document_id(text)
    quad, goldstein = QUAD[type_]
    a, r, t = text.index(actor), text.index(f"to {recipient}") + 3, text.index("did")
    event = Event(
        id=f"e-{doc_id}", type=type_, mode=mode, contexts=(),
        actors=(Participant(actor, a, a + 3, actor),) + ((Participant(recipient, r, r + 3, recipient),) if mutual else ()),
        recipients=(Participant(recipient, r, r + 3, recipient),) + ((Participant(actor, a, a + 3, actor),) if mutual else ()),
        date=EventDate(day.isoformat(), "day", "On", end.isoformat() if end else None),
        modality=modality, confidence=0.9, sentence=Sentence(0, text.index(".") + 1), trigger_start=t,
        trigger_end=t + 3, method="test", cameo="010", goldstein=goldstein, quad_class=quad,
        agreed_type=agreed[0], agreed_mode=agreed[1], ends_tie=ends)
    return Document(doc_id, text, Metadata(published=day.isoformat(), source="Minas Wire"), sentences=(),
                    mentions=(), events=(event,), relations=())


def pivot_story() -> list[Document]:
    """Gondor cooperates with Arnor for three years, then turns: Arnor sanctioned, Mordor courted."""
    docs, start = [], date(2020, 1, 5)
    for month in range(36):
        day = start + timedelta(days=30 * month)
        docs += [story(day, "GON", "ARN", "COOPERATE"), story(day + timedelta(days=3), "ARN", "GON", "AGREE")]
        if month % 6 == 0:
            docs.append(story(day + timedelta(days=9), "GON", "MOR", "ACCUSE"))
    for month in range(36, 54):
        day = start + timedelta(days=30 * month)
        docs += [story(day, "GON", "ARN", "SANCTION", "expel"), story(day + timedelta(days=4), "GON", "MOR", "COOPERATE"),
                 story(day + timedelta(days=8), "MOR", "GON", "AGREE")]
    docs.append(story(date(2024, 2, 1), "GON", "MOR", "AGREE", modality="intended"))
    return docs


def store_stories(path, docs) -> None:
    """Store coded documents, then fuse and analyse them as ingest does, with the fictional poles."""
    with open_store(path) as store:
        store.write_batch(WriteBatch(documents=[(d, b"") for d in docs]))
        fuse_stored(store)
        analyse_stored(store, POLES)


@pytest.fixture(scope="module")
def pivot_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("pivot") / "pivot.db"
    store_stories(path, pivot_story())
    return path


def test_dyad_series_is_zero_filled_inside_the_coverage_only():
    rows = [{"day": date(2024, 3, 5), "type": "AGREE", "quad_class": 1, "goldstein": 4.0, "n_mentions": 2,
             "n_documents": 2}]
    series = dyad_series(rows, (date(2024, 1, 10), date(2024, 4, 2)), "month")
    assert [r["period"] for r in series] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert [r["events"] for r in series] == [0, 0, 1, 0] and series[2]["verbal_cooperation"] == 1
    assert series[2]["mentions"] == 2 and series[2]["AGREE"] == 1
    assert dyad_series(rows, None, "year") == [dict(series[2], period="2024")]


def test_period_range_covers_every_week_of_a_window():
    weeks = period_range(date(2024, 1, 1), date(2024, 2, 1), "week")
    assert weeks[0] == "2024-01-01" and weeks[-1] == "2024-01-29" and len(weeks) == 5


def test_alignment_is_a_posterior_with_a_wide_interval_when_events_are_few():
    few, many = alignment("GON", "ARN", "2024", 2, 0), alignment("GON", "ARN", "2024", 40, 0)
    assert few.score == 0.5 and many.score == pytest.approx(40 / 42, abs=1e-3)
    assert (few.high - few.low) > 2 * (many.high - many.low)
    none = alignment("GON", "ARN", "2024", 0, 0)
    assert none.score == 0 and none.low < -0.8 and none.high > 0.8


def test_a_pivot_is_found_with_its_dates_poles_and_drivers(pivot_store):
    with open_store(pivot_store) as store:
        found = store.realignments("GON")
    assert found, "Gondor's turn from Arnor to Mordor is not found"
    top = found[0]
    assert (top["toward"], top["away"]) == ("MOR", "ARN")
    assert "2022-09" <= top["start"] <= top["end"] <= "2023-03"
    assert top["confidence"] >= 0.9 and top["drivers"] and all(d["sentence"] for d in top["drivers"])


def test_a_steady_relationship_is_not_a_realignment(tmp_path):
    docs = [story(date(2020, 1, 5) + timedelta(days=30 * m), "GON", "ARN", "COOPERATE") for m in range(40)]
    docs += [story(date(2020, 2, 9) + timedelta(days=60 * m), "GON", "MOR", "ACCUSE") for m in range(20)]
    store_stories(tmp_path / "steady.db", docs)
    with open_store(tmp_path / "steady.db") as store:
        assert store.realignments() == []


def test_precedents_are_earlier_turns_toward_the_same_pole_by_neighbours():
    shift = realignment.Shift("MOR", "2023-01", 0, 1, 0.99, 1, 9)
    earlier = realignment.Realignment("ROH", "MOR", ("ARN",), "2021-01", "2021-06", 2.0, 0.95, (shift,))
    later = realignment.Realignment("GON", "MOR", ("ARN",), "2023-01", "2023-03", 2.0, 0.95, (shift,))
    found = realignment.precedents(later, [earlier, later], {"GON": {"ROH"}}, set())
    assert found == [{"state": "ROH", "start": "2021-01", "end": "2021-06", "away": ["ARN"], "why": "neighbour"}]
    assert realignment.precedents(earlier, [earlier, later], {"ROH": {"GON"}}, set()) == []


def test_the_brief_cites_every_statement_and_keeps_intentions_out_of_the_bottom_line(pivot_store, tmp_path):
    names = {"GON": "Gondor", "ARN": "Arnor", "MOR": "Mordor"}
    with open_store(pivot_store) as store:
        brief = build_brief(store, "GON", names, poles=POLES)
    assert brief.title == "Gondor's pivot to Mordor"
    assert 3 <= len(brief.bottom_line) <= 5
    assert all(cites for _, _, cites in brief.timeline)
    assert all(1 <= n <= len(brief.sources) for _, _, cites in brief.timeline for n in cites)
    assert brief.open_questions and "intends" in brief.open_questions[0][0]
    assert not any("intends" in text for text, _ in brief.bottom_line[:-1])
    markdown, page = to_markdown(brief), to_html(brief)
    assert "## Bottom Line" in markdown and "[1]" in markdown
    assert "<svg" in page and 'id="s1"' in page and "<script" not in page
    to_pdf(brief, tmp_path / "brief.pdf")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "brief.pdf").pages)
    assert "Bottom Line" in text and "Sources" in text


def first_contact_turn(partner_conflict: bool = False) -> list[Document]:
    """Gondor, seldom in the news before, breaks with Arnor (envoys expelled, forces withdrawn, an accord
    cut) and then deals with Mordor, with which it had no dealings at all: the Niger pattern."""
    docs = [story(date(2021, 1, 4), "ROH", "MOR", "CONSULT"), story(date(2024, 12, 20), "ROH", "MOR", "CONSULT")]
    docs += [story(date(2023, 3, 2), "GON", "ARN", "SANCTION", "expel"),
             story(date(2023, 5, 9), "ARN", "GON", "RETREAT", "withdraw"),
             story(date(2023, 8, 14), "GON", "ARN", "ACCUSE"),
             story(date(2023, 10, 3), "GON", "ARN", "SANCTION", "discontinue"),
             story(date(2024, 1, 15), "MOR", "GON", "COOPERATE"),
             story(date(2024, 3, 11), "GON", "MOR", "AGREE")]
    if partner_conflict:
        docs += [story(date(2024, 4, 2), "MOR", "GON", "ACCUSE"), story(date(2024, 5, 6), "GON", "MOR", "SANCTION")]
    return docs


def test_a_turn_to_a_new_partner_is_found_by_posterior_rank(tmp_path):
    store_stories(tmp_path / "turn.db", first_contact_turn())
    with open_store(tmp_path / "turn.db") as store:
        found = store.realignments("GON")
        months = {r["month"]: r for r in store.pole_months("GON", POLES)}
    assert months["2023-05"]["ruptures"] == 1  # the withdrawal is read as ending a tie
    turn = [r for r in found if r["method"] == realignment.RANKED_METHOD]
    assert turn and turn[0]["away"] == "ARN" and turn[0]["toward"] == "MOR"
    assert turn[0]["start"] <= "2023-10" and turn[0]["end"] >= "2024-01"


def test_no_turn_toward_a_partner_that_is_fought_with_too(tmp_path):
    store_stories(tmp_path / "no-turn.db", first_contact_turn(partner_conflict=True))
    with open_store(tmp_path / "no-turn.db") as store:
        assert not [r for r in store.realignments("GON") if r["toward"] == "MOR"]


def breakup(agreed: tuple[str, str | None]) -> list[Document]:
    """Gondor and Arnor, in the news only as they part: envoys expelled, an accord revoked, Arnor's
    promise to withdraw its forces, the withdrawal (Niger and the United States, 2023-24)."""
    return [story(date(2023, 8, 3), "GON", "ARN", "SANCTION", "expel"),
            story(date(2024, 3, 16), "GON", "ARN", "SANCTION", "discontinue"),
            story(date(2024, 4, 19), "ARN", "GON", "AGREE", agreed=agreed),
            story(date(2024, 7, 5), "ARN", "GON", "RETREAT", "withdraw"),
            story(date(2021, 1, 4), "ROH", "MOR", "CONSULT"), story(date(2025, 6, 20), "ROH", "MOR", "CONSULT")]


def test_a_promise_to_withdraw_counts_as_ending_the_tie(tmp_path):
    for name, agreed in (("promise", ("RETREAT", "withdraw")), ("accord", (None, None))):
        store_stories(tmp_path / f"{name}.db", breakup(agreed))
    with open_store(tmp_path / "promise.db") as store:
        april = {r["month"]: r for r in store.pole_months("GON", POLES)}["2024-04"]
    assert (april["cooperative"], april["conflictual"], april["ruptures"]) == (0, 1, 1)
    with open_store(tmp_path / "accord.db") as store:
        april = {r["month"]: r for r in store.pole_months("GON", POLES)}["2024-04"]
    assert (april["cooperative"], april["conflictual"], april["ruptures"]) == (1, 0, 0)


def test_a_break_is_dated_by_its_first_report_not_when_the_trailing_window_turns(tmp_path):
    store_stories(tmp_path / "breakup.db", breakup(("RETREAT", "withdraw")))
    with open_store(tmp_path / "breakup.db") as store:
        rows = store.pole_months("GON", POLES)
    months = period_range(date(2022, 8, 1), date(2025, 6, 1), "month")
    [shift] = realignment.pole_shifts([r for r in rows if r["pole"] == "ARN"], months, "ARN")
    assert (shift.direction, shift.month) == ("away", "2023-08") and shift.confidence > 0.9


def test_ties_inferred_from_later_breaks_never_make_a_turn_toward():
    """Only ruptures are reported (a war: every month envoys are expelled and accords cut): the tie
    they imply lifts the series a year earlier, which must not read as a turn toward the pole."""
    months = period_range(date(2019, 1, 1), date(2024, 12, 1), "month")
    rows = [{"pole": "ARN", "month": m, "cooperative": 0, "conflictual": 2, "relations": 0, "ruptures": 2}
            for m in months if "2022-02" <= m <= "2022-12"]
    shifts = realignment.pole_shifts(rows, months, "ARN")
    assert shifts and not [s for s in shifts if s.direction == "toward"]


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports=st.lists(st.tuples(st.dates(date(2019, 1, 1), date(2024, 12, 31)), st.integers(0, 45),
                                  st.sampled_from(["forward", "backward", "mutual"]),
                                  st.sampled_from(["AGREE", "COOPERATE", "ACCUSE", "SANCTION"])), min_size=1, max_size=10),
       period=st.sampled_from(PERIODS), directed=st.booleans())
def test_dyad_counts_aggregated_in_the_store_match_the_series_of_single_events(tmp_path_factory, reports, period,
                                                                               directed):
    docs = [story(day, *(("ARN", "GON") if way == "backward" else ("GON", "ARN")), type_,
                  end=day + timedelta(days=span), mutual=way == "mutual")
            for day, span, way, type_ in reports]
    path = tmp_path_factory.mktemp("dyad") / "dyad.db"
    store_stories(path, docs)
    with open_store(path) as store:
        coverage = store.coverage()
        fused = [dict(r) for r in store.conn.execute(
            "SELECT type, quad_class, goldstein, n_mentions, n_documents, start, end, actor_codes, recipient_codes "
            "FROM fused_events WHERE modality = 'asserted'")]
        table = dyad_table(store.dyad_counts("GON", "ARN", period, directed), coverage, period)
    for r in fused:
        start, end = date.fromisoformat(r["start"]), date.fromisoformat(r["end"])
        r["day"] = start + (end - start) / 2
    def runs(r, a, b):
        return a in r["actor_codes"].split(";") and b in r["recipient_codes"].split(";")

    wanted = [r for r in fused if runs(r, "GON", "ARN") or (not directed and runs(r, "ARN", "GON"))]
    assert table == dyad_series(wanted, coverage, period)


def test_no_turn_between_a_bloc_and_its_member_nor_by_a_member_toward_its_bloc(pivot_store):
    from geopivot.analysis.blocs import Blocs, load_blocs

    toward = realignment.Shift("MOR", "2023-01", -0.2, 0.6, 0.99, 10, 10)
    away = realignment.Shift("ARN", "2023-02", 0.6, -0.4, 0.99, 10, 10)
    assert realignment.pair_shifts("GON", [toward, away])
    assert realignment.pair_shifts("GON", [toward, away], Blocs({("ARN", "MOR"): [("1950-01", "")]})) == []
    with open_store(pivot_store) as store:
        assert any(r.toward == "MOR" for r in realignment.detect(store, POLES, ["GON"], Blocs()))
        member = Blocs({("MOR", "GON"): [("2020-01", "")]})  # Gondor inside the Mordor bloc: no turn toward it
        assert not any(r.toward == "MOR" for r in realignment.detect(store, POLES, ["GON"], member))
        left = Blocs({("MOR", "GON"): [("2001-01", "2010-12")]})  # a past membership changes nothing
        assert any(r.toward == "MOR" for r in realignment.detect(store, POLES, ["GON"], left))
    eu = load_blocs()
    assert eu.member("GBR", "EUR", "2019-12") and not eu.member("GBR", "EUR", "2020-02")
    assert eu.related("FRA", "EUR") and not eu.related("RUS", "EUR")


def test_sanctions_and_retreats_from_a_front_do_not_end_a_tie(tmp_path):
    docs = [story(date(2023, 3, 2), "GON", "ARN", "SANCTION", "discontinue", ends=False),
            story(date(2023, 3, 9), "ARN", "GON", "RETREAT", "withdraw", ends=False),
            story(date(2023, 4, 5), "GON", "ARN", "SANCTION", "discontinue", ends=True)]
    store_stories(tmp_path / "ties.db", docs)
    with open_store(tmp_path / "ties.db") as store:
        months = {r["month"]: r for r in store.pole_months("GON", POLES)}
    march, april = months["2023-03"], months["2023-04"]
    assert (march["cooperative"], march["conflictual"], march["ruptures"]) == (1, 1, 0)  # the retreat eases
    assert (april["conflictual"], april["ruptures"]) == (1, 1)


def test_a_friendly_relationship_that_wobbles_is_not_a_turn_away():
    """Thousands of events at a steady three-to-one share of cooperation: chance wobbles pass a Bayes
    factor on so many events, but the relationship never leaves the cooperative side."""
    import random

    rng = random.Random(7)
    months = period_range(date(2005, 1, 1), date(2024, 12, 1), "month")
    for pole in POLES:
        rows = []
        for m in months:
            events = rng.randrange(10, 60)
            coop = sum(rng.random() < 0.75 for _ in range(events))
            rows.append({"pole": pole, "month": m, "cooperative": coop, "conflictual": events - coop,
                         "relations": 0, "ruptures": 0})
        assert not [s for s in realignment.pole_shifts(rows, months, pole) if s.direction == "away"]
