"""Measuring fusion against hand-labelled reports of real events.

Gold is JSONL, one short document per line: ``{"id", "published", "source",
"text", "events": [{"sentence", "event"}]}``, where ``event`` labels the
real-world event a sentence reports (two sentences with one label tell the
same event). Each document is coded; the coder's most confident event in a
labelled sentence stands for that sentence; the events are fused; and pairs
of labelled events are scored: a pair fused together is right when the two
carry one label. Precision: of the fused pairs, how many are one event;
recall: of the pairs that are one event, how many were fused.
"""

from __future__ import annotations

import json
import tempfile
from itertools import combinations
from pathlib import Path

from . import fusion
from .errors import MalformedRecordError
from .ids import document_id
from .model import Document, Event, Metadata
from .pipeline import Pipeline
from .store import WriteBatch, open_store


def load_fusion_gold(path: str | Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                assert isinstance(item["text"], str) and all(e["sentence"] in item["text"] for e in item["events"])
            except (json.JSONDecodeError, KeyError, TypeError, AssertionError):
                raise MalformedRecordError(
                    f"{path}:{number}", 'is not a fusion gold document: it needs "text" and "events": '
                    '[{"sentence": <a sentence of text>, "event": <label>}]') from None
            items.append(item)
    return items


def evaluate_fusion(gold: list[dict], pipeline: Pipeline) -> dict:
    """Code the gold documents, store them in a scratch store and fuse them as ingest does."""
    labelled: dict[str, str] = {}  # coded event id -> gold label
    documents, missed = [], []
    for item in gold:
        doc = pipeline(Document(id=document_id(item["text"]), text=item["text"], meta=Metadata(
            published=item.get("published"), published_precision="day" if item.get("published") else None,
            source=item.get("source"), origin=item.get("id"))))
        for mention in item["events"]:
            event = _event_in(doc, mention["sentence"])
            if event is None:
                missed.append(mention["sentence"])
            else:
                labelled[event.id] = mention["event"]
        documents.append(doc)
    with tempfile.TemporaryDirectory() as scratch, open_store(Path(scratch) / "fusion.db") as store:
        store.write_batch(WriteBatch(documents=[(doc, b"") for doc in documents]))
        fused = fusion.fuse(store.fusion_records(), fusion.load_equivalent_readings())
    cluster_of = {member: f.id for f in fused for member in f.members}
    tp = fp = fn = 0
    for a, b in combinations(sorted(e for e in labelled if e in cluster_of), 2):
        same_event, same_cluster = labelled[a] == labelled[b], cluster_of[a] == cluster_of[b]
        tp += same_event and same_cluster
        fp += same_cluster and not same_event
        fn += same_event and not same_cluster
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "n_documents": len(gold), "n_gold_mentions": sum(len(i["events"]) for i in gold),
        "n_coded_mentions": len(labelled), "n_gold_events": len(set(labelled.values())),
        "n_fused_events": len({cluster_of[e] for e in labelled if e in cluster_of}),
        "fusion_precision": round(precision, 4), "fusion_recall": round(recall, 4),
        "fusion_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "missed_sentences": missed,
    }


def _event_in(doc: Document, sentence: str) -> Event | None:
    start = doc.text.find(sentence)
    end = start + len(sentence)
    inside = [e for e in doc.events or () if start <= e.trigger_start < end and e.modality == "asserted"]
    inside = inside or [e for e in doc.events or () if start <= e.trigger_start < end]
    return max(inside, key=lambda e: e.confidence, default=None)
