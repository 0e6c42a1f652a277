"""What a reader produces: one document's text and metadata, before any NLP."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Metadata


@dataclass(frozen=True)
class Record:
    text: str
    meta: Metadata
