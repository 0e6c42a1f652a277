"""Where benchmark results go: benchmarks/results/NAME.json (not committed), and standard output."""

from __future__ import annotations

import json
from pathlib import Path


def save_results(name: str, results: dict) -> None:
    out = Path(__file__).with_name("results")
    out.mkdir(exist_ok=True)
    text = json.dumps(results, indent=2)
    (out / f"{name}.json").write_text(text + "\n")
    print(text)
