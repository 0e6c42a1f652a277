"""Documents and events as plain JSON-ready dicts, with evidence text filled in."""

from __future__ import annotations

from dataclasses import asdict

from .model import Document, Event


def event_to_dict(doc: Document, event: Event) -> dict:
    data = asdict(event)
    data["sentence_text"] = doc.span(event.sentence.start, event.sentence.end)
    data["trigger_text"] = doc.span(event.trigger_start, event.trigger_end)
    data["document_id"] = doc.id
    return data


def document_to_dict(doc: Document) -> dict:
    return {
        "id": doc.id,
        "meta": asdict(doc.meta),
        "sentences": len(doc.sentences or ()),
        "mentions": [asdict(m) for m in doc.mentions or ()],
        "events": [event_to_dict(doc, e) for e in doc.events or ()],
    }
