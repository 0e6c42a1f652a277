"""Events as plain JSON-ready dicts, with their evidence text filled in."""

from __future__ import annotations

from dataclasses import asdict

from .model import Document, Event


def event_to_dict(doc: Document, event: Event) -> dict:
    data = asdict(event)
    data["sentence_text"] = doc.span(event.sentence.start, event.sentence.end)
    data["trigger_text"] = doc.span(event.trigger_start, event.trigger_end)
    data["document_id"] = doc.id
    return data

