"""Encoded answers to aggregate queries, kept until the store changes.

An alignment map or a 24-year dyad series is the same answer for every
request until something is written: the store's generation (raised by each
committed write, `SQLiteStore.generation`) says when. Answers are kept as
the JSON bytes sent, least recently used first out. Event pages are not
kept: they are cheap index reads, and a reader paging through them should
see what is stored now.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class AnswerCache:
    def __init__(self, entries: int):
        self.entries = entries
        self._answers: OrderedDict[Hashable, tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def answer(self, key: Hashable, generation: int, compute: Callable[[], bytes]) -> bytes:
        """The answer for ``key`` at ``generation``: kept, or computed now (outside the lock, so a slow
        query never holds up the others; two threads may compute the same answer once each)."""
        if self.entries <= 0:
            return compute()
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None and kept[0] == generation:
                self._answers.move_to_end(key)
                self.hits += 1
                return kept[1]
            self.misses += 1
        body = compute()
        with self._lock:
            self._answers[key] = (generation, body)
            self._answers.move_to_end(key)
            while len(self._answers) > self.entries:
                self._answers.popitem(last=False)
        return body
