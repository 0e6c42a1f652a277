"""PLOVER contexts: what domain an event belongs to, from cue words in the trigger's clause."""

from __future__ import annotations

from ..tables import data_table


# At most this many contexts per event, most cues first: a sentence about a coup and a budget
# should not list every domain it touches.
MAX_CONTEXTS = 3


class ContextCues:
    def __init__(self, cues: dict[str, frozenset[str]]):
        self.cues = cues
        self._by_lemma: dict[str, list[str]] = {}
        for context, words in cues.items():
            for word in words:
                self._by_lemma.setdefault(word, []).append(context)

    def contexts(self, trigger) -> tuple[str, ...]:
        counts: dict[str, int] = {}
        for token in _clause(trigger):
            for context in self._by_lemma.get(token.lemma_.lower(), ()):
                counts[context] = counts.get(context, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return tuple(context for context, _ in ranked[:MAX_CONTEXTS])


def _clause(trigger):
    root = trigger
    while root.dep_ in ("xcomp", "conj", "pobj", "prep", "dobj", "compound") and root.head.i != root.i:
        root = root.head
    return root.subtree


def load_context_cues() -> ContextCues:
    rows = data_table("contexts.tsv")
    return ContextCues({r["context"]: frozenset(r["cues"].split("|")) for r in rows})
