"""Near-duplicate documents: MinHash signatures with locality-sensitive hashing.

Exact duplicates share a document id (a fingerprint of the normalised text).
Near-duplicates, the same wire story with another byline or a corrected
figure, are found by estimating the Jaccard similarity of word 4-gram
shingles from a 64-value MinHash signature; LSH with 16 bands of 4 rows
makes documents above about 0.5 similarity meet as candidates, and the
estimate then decides against ``near_duplicate_jaccard``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

from .ids import normalise_text

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 4
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX = np.uint64((1 << 32) - 1)
_WORD = re.compile(r"\w+")
# Fixed seed: signatures must be identical across runs and machines, or stored ones stop matching.
_RNG = np.random.default_rng(20240325)
_A = _RNG.integers(1, (1 << 32) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _RNG.integers(0, (1 << 32) - 1, size=NUM_PERM, dtype=np.uint64)


def shingles(text: str) -> set[int]:
    words = _WORD.findall(normalise_text(text).lower())
    if len(words) < SHINGLE_WORDS:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little") for g in grams}


def signature(text: str) -> np.ndarray:
    values = np.fromiter(shingles(text), dtype=np.uint64)
    if values.size == 0:
        return np.full(NUM_PERM, _MAX, dtype=np.uint64)
    hashed = (np.outer(values, _A) + _B) % _MERSENNE & _MAX
    return hashed.min(axis=0)


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per band (fits a SQLite INTEGER)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS].tobytes()
        keys.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little") >> 1)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)


class PendingIndex:
    """Near-duplicate lookup among documents of the batch not yet written to the store."""

    def __init__(self):
        self._buckets: dict[tuple[int, int], list[str]] = {}
        self._signatures: dict[str, np.ndarray] = {}

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, sig: np.ndarray, keys: list[int]) -> None:
        self._signatures[doc_id] = sig
        for band, key in enumerate(keys):
            self._buckets.setdefault((band, key), []).append(doc_id)

    def best(self, sig: np.ndarray, keys: list[int]) -> tuple[str, float] | None:
        candidates: Iterable[str] = {
            doc for band, key in enumerate(keys) for doc in self._buckets.get((band, key), ())
        }
        scored = [(doc, similarity(sig, self._signatures[doc])) for doc in candidates]
        return max(scored, key=lambda pair: pair[1], default=None)

    def clear(self) -> None:
        self._buckets.clear()
        self._signatures.clear()
