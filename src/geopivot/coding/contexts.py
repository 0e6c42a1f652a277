"""PLOVER contexts: what domain an event belongs to, from cue words in the trigger's clause."""

from __future__ import annotations

import csv
from importlib import resources

# At most this many contexts per event, most cues first: a sentence about a coup and a budget
# should not list every domain it touches.
MAX_CONTEXTS = 3


class ContextCues:
    def __init__(self, cues: dict[str, frozenset[str]]):
        self.cues = cues

    def contexts(self, trigger) -> tuple[str, ...]:
        lemmas = [t.lemma_.lower() for t in _clause(trigger)]
        scored = [(sum(lemma in cues for lemma in lemmas), context) for context, cues in self.cues.items()]
        ranked = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))
        return tuple(context for _, context in ranked[:MAX_CONTEXTS])


def _clause(trigger):
    root = trigger
    while root.dep_ in ("xcomp", "conj", "pobj", "prep", "dobj", "compound") and root.head.i != root.i:
        root = root.head
    return root.subtree


def load_context_cues() -> ContextCues:
    source = resources.files("geopivot.data").joinpath("contexts.tsv")
    with source.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return ContextCues({r["context"]: frozenset(r["cues"].split("|")) for r in rows})
