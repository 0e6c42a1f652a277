"""The evaluation gate: the coder must keep its measured quality on pinned gold sets.

Floors (and the spurious-event ceiling) live in ``eval_floors.json`` with the
SHA-256 of each gold file, so a changed gold set cannot pass silently, and a
history of every floor ever pinned: a floor may only go down with a history
entry whose reason starts with "lowered:" (trafilatura's eval_gate style).
To raise floors after improving the coder: `python tests/test_eval_gate.py --pin`.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = Path(__file__).with_name("eval_floors.json")
HIGHER_IS_BETTER = ("type_accuracy", "event_f1", "actor_f1", "recipient_f1", "place_accuracy", "place_recall",
                    "fusion_precision", "fusion_recall")
LOWER_IS_BETTER = ("spurious_per_sentence",)


def load_floors() -> dict:
    return json.loads(FLOORS.read_text())


def corpus_path(spec: dict) -> Path:
    return (ROOT / spec["path"]).resolve()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CORPORA = sorted(load_floors()["corpora"])


def _measure(spec: dict, path: Path, pipeline) -> dict:
    """The metrics of one gold set: the coder's, or fusion's for a set of reports of events."""
    if spec.get("kind") == "fusion":
        from geopivot.fusion_eval import evaluate_fusion, load_fusion_gold

        return evaluate_fusion(load_fusion_gold(path), pipeline)
    from geopivot.evaluation import evaluate, load_gold

    return evaluate(load_gold(path), pipeline).as_dict()


@pytest.fixture(scope="module")
def measured(real_pipeline):
    cache = {}

    def measure(name: str) -> dict:
        if name not in cache:
            path = corpus_path(load_floors()["corpora"][name])
            if not path.exists():
                pytest.skip(f"{path} is absent (third-party gold lives beside the project)")
            cache[name] = _measure(load_floors()["corpora"][name], path, real_pipeline)
        return cache[name]

    return measure


@pytest.mark.parametrize("name", CORPORA)
def test_gold_file_is_the_pinned_one(name):
    spec = load_floors()["corpora"][name]
    path = corpus_path(spec)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    assert sha256(path) == spec["sha256"], f"{path} changed: re-measure and re-pin its floors deliberately"


@pytest.mark.parametrize("name", CORPORA)
def test_coder_meets_the_floors(name, measured):
    spec, got = load_floors()["corpora"][name], measured(name)
    below = {m: (got[m], f) for m, f in spec["floors"].items() if m in HIGHER_IS_BETTER and got[m] < f}
    above = {m: (got[m], f) for m, f in spec["floors"].items() if m in LOWER_IS_BETTER and got[m] > f}
    assert not below and not above, f"{name}: (measured, pinned) {below or above}"


def test_no_floor_is_lowered_silently():
    data = load_floors()
    previous: dict[tuple, float] = {}
    for entry in data["history"]:
        key = (entry["corpus"], entry["metric"])
        if key in previous:
            worse = entry["value"] < previous[key] if entry["metric"] in HIGHER_IS_BETTER else entry["value"] > previous[key]
            if worse:
                assert entry.get("reason", "").startswith("lowered:"), f"{key} lowered without a reason: {entry}"
        previous[key] = entry["value"]
    for name, spec in data["corpora"].items():
        for metric, value in spec["floors"].items():
            assert previous.get((name, metric)) == value, f"{name}.{metric} changed without a history entry"


def pin(reason: str = "measured") -> None:
    """Re-measure every corpus and raise floors to the new measurement (rounded down)."""
    from geopivot import build_pipeline

    data = load_floors()
    pipeline = build_pipeline()
    for name, spec in data["corpora"].items():
        path = corpus_path(spec)
        if not path.exists():
            continue
        got = _measure(spec, path, pipeline)
        spec["sha256"] = sha256(path)
        for metric in (*HIGHER_IS_BETTER, *LOWER_IS_BETTER):
            if got.get(metric) is None:  # not measured on this gold (no places labelled)
                continue
            value = _round_down(got[metric]) if metric in HIGHER_IS_BETTER else _round_up(got[metric])
            if spec["floors"].get(metric) != value:
                spec["floors"][metric] = value
                data["history"].append({"corpus": name, "metric": metric, "value": value,
                                        "date": date.today().isoformat(), "reason": reason})
        print(name, {m: got.get(m) for m in (*HIGHER_IS_BETTER, *LOWER_IS_BETTER)})
    FLOORS.write_text(json.dumps(data, indent=2) + "\n")


def _round_down(x: float) -> float:
    return math.floor(x * 100 + 1e-9) / 100


def _round_up(x: float) -> float:
    return math.ceil(x * 100 - 1e-9) / 100


if __name__ == "__main__":
    if "--pin" in sys.argv:
        pin(sys.argv[sys.argv.index("--pin") + 1] if len(sys.argv) > sys.argv.index("--pin") + 1 else "measured")
