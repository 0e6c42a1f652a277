"""Realignment queries on a store of 10 million synthetic events.

Writes N synthetic fused events (default 10,000,000) between 200 states and the five default
poles over 2002-2025, with one planted pivot (state Q42 turning from USA to RUS in 2023), into a
fresh SQLite store; builds the monthly dyad aggregate and the realignments the way ingest does;
then times what a user runs:

* ``realignments --top 20`` (the stored list),
* ``realignments --country Q42`` (one state),
* detection for one state from the aggregate (what ``--refresh`` costs per state),
* a dyad series (``geopivot dyad Q42 USA``) over the 10 million events.

Baseline in the same run: a bare ``SELECT count(*)`` over the fused events, so the ratios say
how each query compares with touching every row once. Results go to benchmarks/results/.

    .venv/bin/python benchmarks/bench_realignment.py [--n 10000000] [--db /tmp/bench-10m.db] [--reuse]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date, timedelta
from pathlib import Path

from geopivot.analysis import realignment
from geopivot.analysis.alignment import DEFAULT_POLES, load_valence
from geopivot.store import open_store
from report import save_results

TYPES = [("COOPERATE", 2, 6.0), ("AGREE", 1, 4.0), ("CONSULT", 1, 1.0), ("ACCUSE", 3, -2.0), ("SANCTION", 4, -5.0)]
STATES = [f"{letter}{i:02d}" for letter in "QZ" for i in range(100)]  # 200 three-letter codes, none real
START, DAYS = date(2002, 1, 1), 24 * 365


def synthetic(n: int, seed: int = 1):
    rng = random.Random(seed)
    for i in range(n):
        state, pole = rng.choice(STATES), rng.choice(DEFAULT_POLES)
        day = START + timedelta(days=rng.randrange(DAYS))
        weights = [3, 3, 3, 1, 1]
        if state == "Q42" and day.year >= 2023:  # the planted pivot
            weights = [0, 0, 1, 3, 3] if pole == "USA" else [5, 5, 3, 0, 0] if pole == "RUS" else weights
        type_, quad, goldstein = rng.choices(TYPES, weights)[0]
        actor, recipient = (state, pole) if rng.random() < 0.5 else (pole, state)
        yield f"f{i:09d}", type_, actor, recipient, day.isoformat(), quad, goldstein


def build(db: Path, n: int, reuse: bool = False) -> dict:
    t0 = time.perf_counter()
    with open_store(db) as store:
        if not reuse:
            load(store, n)
        loaded = time.perf_counter() - t0
        t1 = time.perf_counter()
        store.refresh_dyad_months(load_valence())
        store.rebuild_dyad_periods()
        aggregated = time.perf_counter() - t1
        t2 = time.perf_counter()
        found = realignment.detect(store)
        detected = time.perf_counter() - t2
        store.replace_realignments([_row(r) for r in found])
    return {"load_s": None if reuse else round(loaded, 1), "aggregate_s": round(aggregated, 1),
            "detect_all_s": round(detected, 1), "realignments": len(found),
            "top": [(r.state, r.away, r.toward, r.start, r.end) for r in found[:3]]}


def load(store, n: int) -> None:
    conn = store.conn
    conn.execute("BEGIN")
    rows = synthetic(n)
    while True:
        chunk = [next(rows, None) for _ in range(100_000)]
        chunk = [c for c in chunk if c]
        if not chunk:
            break
        conn.executemany(
            "INSERT INTO fused_events VALUES (?, ?, NULL, ?, ?, ?, ?, 'day', 'asserted', 1, 1, 1, ?, ?, ?, ?, 1)",
            [(i, t, a, r, d, d, d, q, g, d[:7]) for i, t, a, r, d, q, g in chunk])
        conn.executemany("INSERT INTO fused_participants VALUES (?, ?, ?)",
                         [x for i, _, a, r, *_ in chunk for x in ((i, "actor", a), (i, "recipient", r))])
    conn.execute("INSERT INTO documents (id, text, published, ingested_at) VALUES "
                 "('coverage-start', '-', '2002-01-01', ''), ('coverage-end', '-', '2025-12-31', '')")
    conn.execute("COMMIT")


def _row(r) -> dict:
    return {"id": r.id, "state": r.state, "toward": r.toward, "away": ";".join(r.away), "start": r.start, "end": r.end,
            "magnitude": r.magnitude, "confidence": r.confidence, "score": r.score, "shifts": "[]", "drivers": "[]",
            "precedents": "[]", "method": realignment.METHOD}


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return round(best, 4)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/geopivot-bench-realignment.db"))
    parser.add_argument("--reuse", action="store_true", help="keep the events of an earlier run's store at --db")
    args = parser.parse_args()
    reuse = args.reuse and args.db.exists()
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
    built = build(args.db, args.n, reuse)
    with open_store(args.db) as store:
        results = {
            "events": args.n, **built,
            "baseline_count_all_s": timed(lambda: store.conn.execute("SELECT count(*) FROM fused_events").fetchone(), 1),
            "query_top20_s": timed(lambda: store.realignments(top=20)),
            "query_country_s": timed(lambda: store.realignments("Q42")),
            "detect_one_state_s": timed(lambda: realignment.detect(store, states=["Q42"])),
            "dyad_series_s": timed(lambda: store.dyad_counts("Q42", "USA", directed=False), 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
    base = results["baseline_count_all_s"]
    for key in ("query_top20_s", "query_country_s", "detect_one_state_s", "dyad_series_s"):
        results[key[:-2] + "_vs_count_all"] = round(results[key] / base, 4) if base else None
    save_results("realignment", results)


if __name__ == "__main__":
    main()
