"""Stable identifiers at three levels: document, mention, event.

A document's id is a fingerprint of its normalised text, so the same text
ingested twice, from any file, gets the same id. Mention and event ids are
derived from the document id and the offsets they cover, so re-running the
pipeline on the same text reproduces them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC, whitespace runs collapsed, ends stripped: the text a fingerprint sees."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _digest(*parts: object, size: int = 16) -> str:
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(str(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def document_id(text: str) -> str:
    return "d" + _digest(normalise_text(text), size=10)


def mention_id(doc_id: str, kind: str, start: int, end: int) -> str:
    return "m" + _digest(doc_id, kind, start, end, size=8)


def event_id(doc_id: str, type_: str, trigger_start: int, trigger_end: int, actors, recipients) -> str:
    return "e" + _digest(doc_id, type_, trigger_start, trigger_end, ",".join(actors), ",".join(recipients), size=10)


def fused_id(earliest_member: str) -> str:
    """A fused event is named after its earliest mention, so re-fusing gives the same id."""
    return "f" + _digest("fused", earliest_member, size=10)


def relation_id(doc_id: str, kind: str, trigger_start: int, trigger_end: int, subjects, objects) -> str:
    return "r" + _digest(doc_id, kind, trigger_start, trigger_end, ",".join(subjects), ",".join(objects), size=10)
