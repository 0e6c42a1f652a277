"""Throughput and peak memory of ingest + pipeline + store, against bare spaCy on the same text.

    python benchmarks/bench_pipeline.py [--n 10000] [--out benchmarks/results/pipeline.json]

Takes an evenly spaced slice of ``n`` sentences from the WCEP stream in
../shared/corpora/wcep, and runs, each in its own process so peak memory is
its own:

* baseline: ``spacy.load(model)`` and ``nlp.pipe`` over the texts, nothing else;
* geopivot: ``geopivot.ingest`` of the same rows as a JSONL file into a new
  SQLite store (reading, fingerprinting, near-duplicate check, parse with the
  actor EntityRuler, mentions, coding, transactional writes).

Reports documents/s, sentences/s and words/s for both, the time ratio, and
peak RSS. Timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WCEP = ROOT.parent / "shared" / "corpora" / "wcep" / "events_2002_2025.jsonl.gz"


def load_slice(n: int) -> list[dict]:
    with gzip.open(WCEP, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    step = max(1, len(rows) // n)
    return rows[::step][:n]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_baseline(jsonl: Path, model: str, batch_size: int) -> dict:
    import spacy

    texts = [json.loads(line)["text"] for line in jsonl.open(encoding="utf-8")]
    start = time.perf_counter()
    nlp = spacy.load(model)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    sentences = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        sentences += sum(1 for _ in doc.sents)
    words = sum(len(t.split()) for t in texts)  # the same measure as the geopivot run
    return {"seconds": time.perf_counter() - start, "load_seconds": load_s, "documents": len(texts),
            "sentences": sentences, "words": words, "peak_rss_mb": peak_rss_mb()}


def run_geopivot(jsonl: Path, db: Path, batch_size: int) -> dict:
    import geopivot

    settings = geopivot.Settings(db_path=str(db), nlp_batch_size=batch_size)
    start = time.perf_counter()
    pipeline = geopivot.build_pipeline(settings)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    report = geopivot.ingest([jsonl], db, settings=settings, pipeline=pipeline)
    seconds = time.perf_counter() - start
    with geopivot.open_store(db) as store:
        words = sum(len(t.split()) for (t,) in store.conn.execute("SELECT text FROM documents"))
    return {"seconds": seconds, "load_seconds": load_s, "documents": report.read, "stored": report.stored,
            "near_duplicates": report.near_duplicates, "skipped": report.failed, "sentences": report.sentences,
            "events": report.events, "words": words, "peak_rss_mb": peak_rss_mb(),
            "db_mb": db.stat().st_size / 1e6}


def child(part: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--part", part, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{part} run failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "pipeline.json")
    parser.add_argument("--part", choices=["baseline", "geopivot"], help=argparse.SUPPRESS)
    parser.add_argument("--jsonl", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.part == "baseline":
        from geopivot.settings import Settings

        print(json.dumps(run_baseline(args.jsonl, Settings().spacy_model, args.batch_size)))
        return
    if args.part == "geopivot":
        print(json.dumps(run_geopivot(args.jsonl, args.db, args.batch_size)))
        return

    if not WCEP.exists():
        raise SystemExit(f"{WCEP} is absent; this benchmark needs the shared WCEP stream beside the project.")
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "slice.jsonl"
        rows = load_slice(args.n)
        jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        base = child("baseline", "--jsonl", str(jsonl), "--batch-size", str(args.batch_size))
        ours = child("geopivot", "--jsonl", str(jsonl), "--db", str(Path(tmp) / "bench.db"),
                     "--batch-size", str(args.batch_size))
    result = {
        "n_rows": len(rows), "python": platform.python_version(), "machine": platform.machine(),
        "baseline_bare_nlp_pipe": base, "geopivot_ingest": ours,
        "time_ratio_geopivot_over_baseline": ours["seconds"] / base["seconds"],
        "memory_ratio_geopivot_over_baseline": ours["peak_rss_mb"] / base["peak_rss_mb"],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"{len(rows)} WCEP rows, {base['words']:,} words")
    for name, r in (("bare nlp.pipe", base), ("geopivot ingest", ours)):
        print(f"  {name:16s} {r['seconds']:7.1f} s  {r['documents'] / r['seconds']:7.1f} docs/s  "
              f"{r['sentences'] / r['seconds']:7.1f} sentences/s  {r['words'] / r['seconds']:7.0f} words/s  "
              f"peak {r['peak_rss_mb']:.0f} MB  (model load {r['load_seconds']:.1f} s)")
    print(f"  time ratio geopivot/baseline: {result['time_ratio_geopivot_over_baseline']:.2f}x; "
          f"memory ratio {result['memory_ratio_geopivot_over_baseline']:.2f}x; events {ours['events']:,}")
    print(f"  written to {args.out}")


if __name__ == "__main__":
    main()
