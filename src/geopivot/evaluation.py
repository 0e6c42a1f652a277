"""Scoring the coder against hand-coded gold sentences.

Gold is JSONL, one sentence per line, in the format of PLOVER's gold
standard records: ``{"id", "text", "date", "events": [{"type", "mode",
"actors": [{"code"}], "recipients": [{"code"}], "modality"?}]}``.

Metrics (all micro-averaged over sentences):

* ``type_accuracy``: on sentences with exactly one gold event, the type of the
  coder's most confident event equals the gold type (no event counts as wrong).
* ``event_precision/recall/f1``: an event matches a gold event of the same
  type whose actor codes and recipient codes each share a code with it (or
  are both empty); each gold event matches at most once.
* ``actor_f1`` / ``recipient_f1``: the set of actor (recipient) codes of a
  sentence's events against the gold set.
* ``spurious_per_sentence``: events beyond the number of gold events of the
  same type, per sentence: events that should not exist at all.
* ``modality_accuracy``: on matched events whose gold gives a modality.
* ``place_accuracy``: on matched events whose gold has a ``place`` key, the
  coder's place of the event agrees: the same country (or, for a sea or area
  of no country, the same name), or no place where the gold has none.
  ``place_recall``: of the gold places that are named, how many the coder found.
  Both are None when the gold labels no places.

Codes are compared after mapping old CAMEO country codes to ISO 3166.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MalformedRecordError
from .ids import document_id
from .model import Document, Event, Metadata
from .pipeline import Pipeline

# CAMEO's country codes that differ from ISO 3166-1 alpha-3 (CAMEO manual, actor codebook).
OLD_CAMEO_TO_ISO = {
    "JAP": "JPN", "ROM": "ROU", "VTN": "VNM", "ZAR": "COD", "TMP": "TLS", "SER": "SRB",
    "GZS": "PSE", "WSB": "PSE", "PAL": "PSE", "KOS": "XKX", "BUR": "MMR", "YUG": "SRB",
}
NONE = "NONE"


def normalise_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()[:3]
    return OLD_CAMEO_TO_ISO.get(code, code)


@dataclass(frozen=True)
class CodedEvent:
    type: str
    actors: frozenset[str]
    recipients: frozenset[str]
    modality: str | None = None
    confidence: float = 1.0
    place: tuple[str | None, str] | None = None  # (country code, folded name) of where it happened
    place_labelled: bool = False  # the gold says where it happened, or that the sentence does not


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    date: str | None
    events: tuple[CodedEvent, ...]


@dataclass
class EvaluationReport:
    n_sentences: int = 0
    n_single_event: int = 0
    type_correct: int = 0
    tp: int = 0
    n_predicted: int = 0
    n_gold: int = 0
    spurious: int = 0
    actor_counts: Counter = field(default_factory=Counter)
    recipient_counts: Counter = field(default_factory=Counter)
    modality_counts: Counter = field(default_factory=Counter)
    place_counts: Counter = field(default_factory=Counter)
    per_type: dict = field(default_factory=lambda: defaultdict(Counter))
    confusion: dict = field(default_factory=lambda: defaultdict(Counter))
    errors: list = field(default_factory=list)

    def as_dict(self) -> dict:
        precision = _ratio(self.tp, self.n_predicted)
        recall = _ratio(self.tp, self.n_gold)
        return {
            "n_sentences": self.n_sentences,
            "type_accuracy": _ratio(self.type_correct, self.n_single_event),
            "event_precision": precision,
            "event_recall": recall,
            "event_f1": _f1(precision, recall),
            "actor_f1": _counts_f1(self.actor_counts),
            "recipient_f1": _counts_f1(self.recipient_counts),
            "spurious_per_sentence": _ratio(self.spurious, self.n_sentences),
            # None, not 0, when the gold gives no modality: nothing was measured
            "modality_accuracy": (_ratio(self.modality_counts["correct"], self.modality_counts["total"])
                                  if self.modality_counts["total"] else None),
            "place_accuracy": (_ratio(self.place_counts["correct"], self.place_counts["total"])
                               if self.place_counts["total"] else None),
            "place_recall": (_ratio(self.place_counts["found"], self.place_counts["named"])
                             if self.place_counts["named"] else None),
            "per_type": {
                t: {
                    "n_gold": c["gold"],
                    "type_accuracy": _ratio(c["type_correct"], c["single"]),
                    "event_precision": _ratio(c["tp"], c["predicted"]),
                    "event_recall": _ratio(c["tp"], c["gold"]),
                    "event_f1": _f1(_ratio(c["tp"], c["predicted"]), _ratio(c["tp"], c["gold"])),
                }
                for t, c in sorted(self.per_type.items())
            },
            "confusion": {g: dict(sorted(p.items())) for g, p in sorted(self.confusion.items())},
        }


def load_gold(path: str | Path) -> list[GoldSentence]:
    sentences = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                obj = json.loads(line)
                sentences.append(GoldSentence(
                    id=str(obj.get("id", number)), text=obj["text"], date=obj.get("date"),
                    events=tuple(_gold_event(e) for e in obj.get("events", [])),
                ))
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
                raise MalformedRecordError(
                    where, f"is not a gold sentence ({type(err).__name__}: {err}). Each line needs "
                    '"text" and an "events" list of {"type", "actors": [{"code"}], "recipients": [...]}.'
                ) from None
    return sentences


def _gold_event(e: dict) -> CodedEvent:
    return CodedEvent(
        type=e["type"].upper(),
        actors=_codes(a.get("code") for a in e.get("actors", [])),
        recipients=_codes(r.get("code") for r in e.get("recipients", [])),
        modality=e.get("modality"),
        place=_gold_place(e.get("place")),
        place_labelled="place" in e,
    )


def _gold_place(place: dict | None) -> tuple[str | None, str] | None:
    if not place:
        return None
    return normalise_code(place.get("code")), str(place.get("text", "")).casefold().removeprefix("the ")


def _codes(codes: Iterable[str | None]) -> frozenset[str]:
    return frozenset(c for c in map(normalise_code, codes) if c)


def coded_events(doc: Document) -> list[CodedEvent]:
    return [_coded(e) for e in doc.events or ()]


# geopivot's own codes that gold in the PLOVER/CAMEO convention writes otherwise: the EU is EUR
# here (so that it can be a pole of its own) and IGO there.
GEOPIVOT_TO_GOLD = {"EUR": "IGO"}


def _coded(e: Event) -> CodedEvent:
    place = (normalise_code(e.place.country), e.place.name.casefold().removeprefix("the ")) if e.place else None
    def gold_codes(participants):
        return _codes(GEOPIVOT_TO_GOLD.get(p.code, p.code) for p in participants)

    return CodedEvent(e.type, gold_codes(e.actors), gold_codes(e.recipients), e.modality, e.confidence, place)


def evaluate(gold: Sequence[GoldSentence], pipeline: Pipeline) -> EvaluationReport:
    report = EvaluationReport()
    for sentence in gold:
        doc = pipeline(Document(
            id=document_id(sentence.text), text=sentence.text,
            meta=Metadata(published=sentence.date, origin=sentence.id),
        ))
        score_sentence(report, sentence, coded_events(doc))
    return report


def score_sentence(report: EvaluationReport, sentence: GoldSentence, predicted: list[CodedEvent]) -> None:
    gold = list(sentence.events)
    report.n_sentences += 1
    report.n_predicted += len(predicted)
    report.n_gold += len(gold)
    main = max(predicted, key=lambda e: e.confidence, default=None)
    main_type = main.type if main else NONE
    if len(gold) == 1:
        report.n_single_event += 1
        report.per_type[gold[0].type]["single"] += 1
        if main_type == gold[0].type:
            report.type_correct += 1
            report.per_type[gold[0].type]["type_correct"] += 1
    report.confusion[gold[0].type if len(gold) == 1 else (NONE if not gold else "MULTI")][main_type] += 1

    unmatched = list(gold)
    for event in sorted(predicted, key=lambda e: -e.confidence):
        report.per_type[event.type]["predicted"] += 1
        match = next((g for g in unmatched if _matches(event, g)), None)
        if match is None:
            continue
        unmatched.remove(match)
        report.tp += 1
        report.per_type[event.type]["tp"] += 1
        if match.modality:
            report.modality_counts["total"] += 1
            report.modality_counts["correct"] += event.modality == match.modality
        if match.place_labelled:
            _count_place(report.place_counts, event.place, match.place)
    for g in gold:
        report.per_type[g.type]["gold"] += 1
    gold_types, predicted_types = Counter(g.type for g in gold), Counter(e.type for e in predicted)
    report.spurious += sum(max(0, n - gold_types[t]) for t, n in predicted_types.items())
    _count_sets(report.actor_counts, _union(e.actors for e in predicted), _union(g.actors for g in gold))
    _count_sets(report.recipient_counts, _union(e.recipients for e in predicted), _union(g.recipients for g in gold))
    if (len(gold) == 1 and main_type != gold[0].type) or (not gold and predicted):
        report.errors.append({"id": sentence.id, "gold": [g.type for g in gold], "predicted": main_type})


def _count_place(counts: Counter, predicted, gold) -> None:
    counts["total"] += 1
    if gold is None:
        counts["correct"] += predicted is None
        return
    counts["named"] += 1
    same = predicted is not None and (
        (gold[0] is not None and predicted[0] == gold[0]) or (gold[0] is None and predicted[1] == gold[1]))
    counts["correct"] += same
    counts["found"] += same


def _matches(event: CodedEvent, gold: CodedEvent) -> bool:
    return (
        event.type == gold.type
        and _overlap(event.actors, gold.actors)
        and _overlap(event.recipients, gold.recipients)
    )


def _overlap(a: frozenset, b: frozenset) -> bool:
    return bool(a & b) or (not a and not b)


def _union(sets) -> set:
    return set().union(*sets)


def _count_sets(counts: Counter, predicted: set, gold: set) -> None:
    counts["tp"] += len(predicted & gold)
    counts["fp"] += len(predicted - gold)
    counts["fn"] += len(gold - predicted)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _counts_f1(c: Counter) -> float:
    return _f1(_ratio(c["tp"], c["tp"] + c["fp"]), _ratio(c["tp"], c["tp"] + c["fn"]))


def format_report(data: dict) -> str:
    lines = [
        f"{data['n_sentences']} sentences",
        f"type accuracy (single-event sentences) {data['type_accuracy']:.3f}",
        f"events  P {data['event_precision']:.3f}  R {data['event_recall']:.3f}  F1 {data['event_f1']:.3f}",
        f"actor code F1 {data['actor_f1']:.3f}   recipient code F1 {data['recipient_f1']:.3f}",
        f"spurious events per sentence {data['spurious_per_sentence']:.3f}   "
        "modality accuracy " + (f"{data['modality_accuracy']:.3f}" if data["modality_accuracy"] is not None
                                else "n/a (the gold gives no modality)"),
        "place accuracy " + (f"{data['place_accuracy']:.3f}   place recall {data['place_recall'] or 0:.3f}"
                             if data["place_accuracy"] is not None else "n/a (the gold gives no places)"),
        "",
        f"{'type':10s} {'gold':>5s} {'type acc':>9s} {'P':>6s} {'R':>6s} {'F1':>6s}",
    ]
    for t, m in data["per_type"].items():
        lines.append(f"{t:10s} {m['n_gold']:5d} {m['type_accuracy']:9.3f} {m['event_precision']:6.3f} "
                     f"{m['event_recall']:6.3f} {m['event_f1']:6.3f}")
    lines += ["", "confusion (gold type → coder's main type: count)"]
    for g, row in data["confusion"].items():
        lines.append(f"  {g:10s} " + ", ".join(f"{p} {n}" for p, n in sorted(row.items(), key=lambda x: -x[1])))
    return "\n".join(lines)
