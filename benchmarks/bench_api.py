"""Requests/s and latency of the HTTP API on a store of 1 million events.

Builds (once; reused if present) a SQLite store of N synthetic events (default 1,000,000) in
N/10 documents between real ISO3 states, 2002-2025, each event fused alone, with the monthly
dyad aggregates; starts `geopivot serve` on 127.0.0.1 in its own process(es) (``--workers``,
default 2: one per core); then loads it from a local client over keep-alive connections:

* baseline: ``GET /`` (the dashboard's index.html from disk: the HTTP stack's floor),
* ``GET /api/v1/events?limit=50`` with a varied filter per request (country, type, dyad,
  quad class, a date window, sort, and deeper pages by ``next_cursor``),
* ``GET /api/v1/dyads/A/B?period=month&directed=false`` for varied pairs (1,000 distinct): with
  answers kept per store generation (the default), first while each worker meets each pair for
  the first time and then again once it has; and with the cache off
  (``GEOPIVOT_API_CACHE_ENTRIES=0``, every series computed afresh),
* ``GET /api/v1/alignment-map?pole=RUS`` (kept answers).

The client is wrk (Debian package ``wrk``; one thread, ``--concurrency`` connections, a bounded
``--duration`` per scenario, the paths cycled from a list generated here with a fixed seed); where
wrk is missing, a Python client of ``--concurrency`` threads sends ``--requests`` requests. Either
way the client shares the machine's cores with the server. Each scenario reports requests/s,
p50/p99 latency, errors (non-200 answers and socket errors) and its ratio to the baseline's
requests/s. Results go to benchmarks/results/api.json.

    .venv/bin/python benchmarks/bench_api.py [--n 1000000] [--workers 2] [--client wrk|python]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from geopivot.analysis.alignment import DEFAULT_POLES, load_valence
from geopivot.store import open_store
from geopivot.tables import data_table
from report import save_results

TYPES = [("COOPERATE", "061", 2, 6.0), ("AGREE", "057", 1, 4.0), ("CONSULT", "040", 1, 1.0),
         ("ACCUSE", "112", 3, -2.0), ("SANCTION", "163", 4, -5.0), ("ASSAULT", "190", 4, -10.0)]
START, DAYS = date(2002, 1, 1), 24 * 365
EVENTS_PER_DOC = 10


def states() -> list[str]:
    return [row["iso3"] for row in data_table("countries.tsv")][:200]


def build(db: Path, n: int, seed: int = 1) -> float:
    rng = random.Random(seed)
    codes, poles = states(), list(DEFAULT_POLES)
    t0 = time.perf_counter()
    with open_store(db) as store:
        conn = store.conn
        conn.execute("BEGIN")
        for first in range(0, n, 50_000):
            docs, events, parts, fused, fparts, members = [], [], [], [], [], []
            for d in range(first // EVENTS_PER_DOC, min(n, first + 50_000) // EVENTS_PER_DOC):
                day = START + timedelta(days=rng.randrange(DAYS))
                sentences, offset = [], 0
                for k in range(EVENTS_PER_DOC):
                    a, r = rng.choice(codes), rng.choice(poles) if rng.random() < 0.5 else rng.choice(codes)
                    if a == r:
                        r = "USA" if a != "USA" else "RUS"
                    type_, cameo, quad, goldstein = rng.choice(TYPES)
                    text = f"Officials of {a} and {r} met over a {type_.lower()} matter number {k}."
                    eid, fid = f"e{d:07d}{k}", f"f{d:07d}{k}"
                    trig = offset + text.index(type_.lower())
                    events.append((eid, f"d{d:07d}", type_, day.isoformat(), offset, offset + len(text), trig,
                                   trig + len(type_), cameo, goldstein, quad))
                    parts += [(eid, "actor", 0, a, offset + 13, offset + 16, a),
                              (eid, "recipient", 0, r, offset + 21, offset + 24, r)]
                    fused.append((fid, type_, a, r, day.isoformat(), day.isoformat(), quad, goldstein,
                                  day.isoformat()[:7]))
                    fparts += [(fid, "actor", a), (fid, "recipient", r)]
                    members.append((eid, fid))
                    sentences.append(text)
                    offset += len(text) + 1
                docs.append((f"d{d:07d}", " ".join(sentences), f"Synthetic report {d}", day.isoformat(), "Bench Wire"))
            conn.executemany("INSERT INTO documents (id, text, title, published, source, ingested_at) "
                             "VALUES (?, ?, ?, ?, ?, '')", docs)
            conn.executemany(
                "INSERT INTO events (id, doc_id, type, modality, confidence, method, date, date_precision, "
                "sentence_start, sentence_end, trigger_start, trigger_end, cameo, goldstein, quad_class) "
                "VALUES (?, ?, ?, 'asserted', 0.9, 'bench', ?, 'day', ?, ?, ?, ?, ?, ?, ?)", events)
            conn.executemany("INSERT INTO event_participants (event_id, role, idx, text, start_char, end_char, code) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", parts)
            conn.executemany(
                "INSERT INTO fused_events VALUES (?, ?, NULL, ?, ?, ?, ?, 'day', 'asserted', 1, 1, 1, ?, ?, ?, ?, 1)",
                [(f, t, a, r, s, e, s, q, g, m) for f, t, a, r, s, e, q, g, m in fused])
            conn.executemany("INSERT INTO fused_participants VALUES (?, ?, ?)", fparts)
            conn.executemany("INSERT INTO fused_members VALUES (?, ?)", members)
        conn.execute("COMMIT")
        store.refresh_dyad_months(load_valence())
        store.rebuild_dyad_periods()
        store.rebuild_event_pairs()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int, cache: bool = True) -> subprocess.Popen:
    env = dict(os.environ, GEOPIVOT_API_CACHE_ENTRIES="256" if cache else "0")
    proc = subprocess.Popen([sys.executable, "-m", "geopivot.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", str(workers)], env=env, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                time.sleep(1.0 if workers > 1 else 0)  # the other workers finish starting
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %%d, "seconds": %%.3f, "p50_us": %%d, "p99_us": %%d, '
    .. '"errors": %%d}\\n', summary.requests, summary.duration / 1e6, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def run_wrk(port: int, paths: list[str], duration: int, concurrency: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    try:
        out = subprocess.run(["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(duration))}s", "--timeout", "10s", "-s",
                              script.name, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True)
    finally:
        os.unlink(script.name)
    line = next(x for x in out.stdout.splitlines() if x.startswith("WRK "))
    r = json.loads(line[4:])
    return {"requests": r["requests"], "seconds": round(r["seconds"], 2), "rps": round(r["requests"] / r["seconds"], 1),
            "p50_ms": round(r["p50_us"] / 1000, 1), "p99_ms": round(r["p99_us"] / 1000, 1), "errors": r["errors"]}


def run(port: int, paths, total: int, concurrency: int) -> dict:
    """``total`` requests over ``concurrency`` keep-alive connections; ``paths(i)`` gives request i."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total))

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t = time.perf_counter()
            conn.request("GET", paths(i))
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t)
            if response.status != 200:
                with lock:
                    errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    return {"requests": len(latencies), "seconds": round(elapsed, 2), "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1), "errors": errors[0]}


def event_paths(port: int, count: int, seed: int = 2) -> list[str]:
    rng = random.Random(seed)
    codes = states()
    cursors: list[str] = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for sort in ("date", "-date", "goldstein"):  # real cursors for deeper pages
        conn.request("GET", "/api/v1/events?" + urlencode({"limit": 50, "sort": sort}))
        cursors.append((sort, json.loads(conn.getresponse().read())["next_cursor"]))
    conn.close()

    def path(i: int) -> str:
        kind = i % 6
        params: dict = {"limit": 50}
        if kind == 0:
            params["country"] = rng.choice(codes)
        elif kind == 1:
            params.update(type=rng.choice(TYPES)[0], sort="-date")
        elif kind == 2:
            params["dyad"] = f"{rng.choice(codes)}-{rng.choice(DEFAULT_POLES)}"
        elif kind == 3:
            year = rng.randrange(2002, 2026)
            params.update(since=f"{year}-01-01", until=f"{year}-03", quad_class=rng.randrange(1, 5))
        elif kind == 4:
            sort, cursor = rng.choice(cursors)
            params.update(sort=sort, cursor=cursor)
        return "/api/v1/events?" + urlencode(params)

    return [path(i) for i in range(count)]


def dyad_paths(count: int, seed: int = 3) -> list[str]:
    rng, codes = random.Random(seed), states()
    return [f"/api/v1/dyads/{rng.choice(codes)}/{rng.choice(DEFAULT_POLES)}?period=month&directed=false"
            for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/geopivot-bench-api.db"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario (wrk)")
    parser.add_argument("--requests", type=int, default=3000, help="requests per scenario (python client)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--paths", type=int, default=6000, help="distinct request paths generated per scenario")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    built_s = None
    if args.rebuild or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        built_s = round(build(args.db, args.n), 1)
    with open_store(args.db) as store:
        stored = store.count("events")

    def load(port: int, paths: list[str], concurrency: int = args.concurrency) -> dict:
        if args.client == "wrk":
            return run_wrk(port, paths, args.duration, concurrency)
        return run(port, lambda i: paths[i % len(paths)], args.requests, concurrency)

    results: dict = {"events": stored, "build_s": built_s, "client": args.client, "workers": args.workers,
                     "concurrency": args.concurrency, "cores": os.cpu_count()}
    port = free_port()
    server = start_server(args.db, port, args.workers)
    try:
        run(port, lambda i: "/api/v1/summary", 200, 4)  # warm the page cache and every worker
        results["baseline_static_index"] = load(port, ["/"])
        results["events_endpoint"] = load(port, event_paths(port, args.paths))
        dyads = dyad_paths(args.paths)
        results["dyad_endpoint_first_asked"] = load(port, dyads)  # each worker computes and keeps each pair once
        results["dyad_endpoint_kept_answers"] = load(port, dyads)
        results["alignment_map_kept_answers"] = load(port, ["/api/v1/alignment-map?pole=RUS&period=year"], 2)
    finally:
        stop_server(server)
    port = free_port()
    server = start_server(args.db, port, args.workers, cache=False)
    try:
        run(port, lambda i: "/api/v1/summary", 200, 4)
        results["dyad_endpoint_cache_off"] = load(port, dyad_paths(args.paths, seed=4))
    finally:
        stop_server(server)
    base = results["baseline_static_index"]["rps"]
    for key in ("events_endpoint", "dyad_endpoint_first_asked", "dyad_endpoint_kept_answers",
                "dyad_endpoint_cache_off", "alignment_map_kept_answers"):
        results[key]["vs_baseline_rps"] = round(results[key]["rps"] / base, 3)
    save_results("api", results)


if __name__ == "__main__":
    main()
