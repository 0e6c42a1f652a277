"""The ingest job: read inputs, skip what is stored, link near-duplicates, code, write.

This is the one place where reading, the pipeline and the store meet. It is
idempotent: a document already stored (same text fingerprint) is neither
processed nor written again, and each batch is written in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import dedup, fusion
from .errors import InputError
from .ids import document_id
from .ingest import Record, iter_records
from .ingest.language import guess_language
from .model import Document
from .pipeline import BatchResult, Failure, Pipeline, process_batch
from .settings import Settings
from .store import NearDuplicate, SQLiteStore, WriteBatch

ProgressCallback = Callable[[str], None]


@dataclass
class IngestReport:
    """What an ingest run did. ``skipped`` counts inputs not stored, by reason."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    sentences: int = 0
    events: int = 0
    fused: int = 0  # fused events of the event types this run touched, after it
    realignments: int = 0  # realignments found in the whole store after it
    skipped: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(self.skipped.values())


def ingest(
    paths: Iterable[str | Path],
    store: SQLiteStore,
    pipeline: Pipeline | Callable[[], Pipeline],
    settings: Settings,
    on_item: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest ``paths`` into ``store``. ``pipeline`` may be a factory, called only when there is
    something new to code, so re-running on stored input does not even load the model."""
    return ingest_records(iter_records(paths, settings.max_document_chars), store, pipeline, settings, on_item)


def ingest_records(
    items: Iterable[Record | InputError],
    store: SQLiteStore,
    pipeline: Pipeline | Callable[[], Pipeline],
    settings: Settings,
    on_item: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest records already read (or the errors reading them raised), as :func:`ingest` does."""
    job = _IngestJob(store, pipeline, settings, on_item or (lambda origin: None))
    for item in items:
        job.take(item)
    job.flush()
    if job.types_coded:
        job.report.fused = fuse_stored(store, job.types_coded).fused
        job.report.realignments = analyse_stored(store, settings.pole_codes)
    return job.report


def analyse_stored(store: SQLiteStore, poles: Iterable[str] | None = None) -> int:
    """Rebuild the monthly dyad aggregate and the realignments from what is stored."""
    from .analysis import realignment
    from .analysis.alignment import DEFAULT_POLES, load_valence

    store.refresh_dyad_months(load_valence())
    found = realignment.detect(store, tuple(poles or DEFAULT_POLES))
    store.replace_realignments(realignment.to_rows(store, found))
    return len(found)


@dataclass
class FusionReport:
    mentions: int = 0
    fused: int = 0
    multi_source: int = 0


def fuse_stored(store: SQLiteStore, types: Iterable[str] | None = None) -> FusionReport:
    """Re-fuse the stored events of ``types`` (and of the types they fuse with), or all of them."""
    pairs = fusion.load_equivalent_readings()
    groups = fusion.type_groups(pairs)
    if types is None:
        types = [t for t, _ in store.events_by_type()] + [t for t, _ in store.fused_types()]
    wanted = {groups.get(t, t) for t in types}
    types = {t for t in {*types, *groups} if groups.get(t, t) in wanted}
    records = store.fusion_records(types)
    fused = fusion.fuse(records, pairs)
    store.replace_fusion(types, fused)
    return FusionReport(len(records), len(fused), sum(1 for f in fused if len(f.documents) > 1))


class _IngestJob:
    def __init__(self, store, pipeline, settings, on_item):
        self.store, self.settings, self.on_item = store, settings, on_item
        self._pipeline = pipeline
        self.report = IngestReport()
        self.pending = dedup.PendingIndex()
        self.batch: list[tuple[Document, bytes]] = []
        self.duplicates: list[NearDuplicate] = []
        self.failures: list[Failure] = []
        self.types_coded: set[str] = set()

    def take(self, item: Record | InputError) -> None:
        self.report.read += 1
        origin = item.origin if isinstance(item, InputError) else item.meta.origin
        self.on_item(origin or "")
        if isinstance(item, InputError):
            self._fail(Failure(item.origin, item.reason, str(item)))
            return
        self._take_record(item)
        if len(self.batch) >= self.settings.batch_size:
            self.flush()

    def _take_record(self, record: Record) -> None:
        doc_id = document_id(record.text)
        if doc_id in self.pending or self.store.known_ids([doc_id]):
            self.report.already_stored += 1
            return
        language = record.meta.language or guess_language(record.text, self.settings.default_language)
        if not language.lower().startswith("en"):
            self._fail(Failure(
                record.meta.origin or doc_id, "not English",
                f"{record.meta.origin}: the text reads as language {language!r}; geopivot codes "
                "English text only. Translate it first, or set its language column to en if this is wrong.",
                document_id=doc_id,
            ))
            return
        sig = dedup.signature(record.text)
        keys = dedup.band_keys(sig)  # once per document: both indexes look them up
        near = self._nearest(sig, keys)
        if near is not None and near[1] >= self.settings.near_duplicate_jaccard:
            self.duplicates.append(NearDuplicate(doc_id, near[0], near[1], record.meta))
            self.report.near_duplicates += 1
            return
        self.pending.add(doc_id, sig, keys)
        meta = replace(record.meta, language=language)
        self.batch.append((Document(id=doc_id, text=record.text, meta=meta), dedup.to_blob(sig)))

    def _nearest(self, sig, keys) -> tuple[str, float] | None:
        found = [x for x in (self.pending.best(sig, keys), self.store.nearest_duplicate(sig, keys)) if x is not None]
        return max(found, key=lambda pair: pair[1], default=None)

    def _fail(self, failure: Failure) -> None:
        self.failures.append(failure)
        self.report.skipped[failure.reason] += 1
        self.report.failures.append(failure)

    @property
    def pipeline(self) -> Pipeline:
        if not isinstance(self._pipeline, Pipeline):
            self._pipeline = self._pipeline()
        return self._pipeline

    def flush(self) -> None:
        if not (self.batch or self.duplicates or self.failures):
            return
        blobs = {doc.id: blob for doc, blob in self.batch}
        result = process_batch(self.pipeline, (doc for doc, _ in self.batch)) if self.batch else BatchResult()
        for failure in result.failures:
            self._fail(failure)
        stored = {doc.id for doc in result.documents}
        duplicates = []
        for dup in self.duplicates:
            if dup.canonical_id in stored or dup.canonical_id not in blobs:
                duplicates.append(dup)
            else:  # its canonical failed in this batch: nothing to link to
                self.report.near_duplicates -= 1
                self._fail(Failure(dup.meta.origin or dup.doc_id, "stage failed",
                                   f"{dup.meta.origin}: near-duplicate of a document that failed to process",
                                   document_id=dup.doc_id))
        self.store.write_batch(WriteBatch(
            documents=[(doc, blobs[doc.id]) for doc in result.documents],
            duplicates=duplicates,
            failures=self.failures,
            succeeded_origins=[d.meta.origin for d in result.documents if d.meta.origin]
            + [d.meta.origin for d in duplicates if d.meta.origin],
            pipeline=self.pipeline.version if self.batch else "",
        ))
        self.report.stored += len(result.documents)
        self.report.sentences += sum(len(d.sentences or ()) for d in result.documents)
        self.report.events += sum(len(d.events or ()) for d in result.documents)
        self.types_coded |= {e.type for d in result.documents for e in d.events or ()}
        self.batch, self.duplicates, self.failures = [], [], []
        self.pending.clear()


@dataclass
class RecodeReport:
    recoded: int = 0
    up_to_date: int = 0
    failures: list[Failure] = field(default_factory=list)


def recode(store: SQLiteStore, pipeline: Pipeline, settings: Settings, everything: bool = False,
           on_item: ProgressCallback | None = None) -> RecodeReport:
    """Re-run the pipeline on stored documents coded by another pipeline version (or all of them),
    replacing their sentences, mentions and events batch by batch; texts and metadata stay."""
    on_item = on_item or (lambda origin: None)
    stale = store.document_ids() if everything else store.documents_coded_by_other(pipeline.version)
    report = RecodeReport(up_to_date=store.count("documents") - len(stale))
    for start in range(0, len(stale), settings.batch_size):
        batch = [store.get_document(doc_id) for doc_id in stale[start:start + settings.batch_size]]
        fresh = [Document(id=d.id, text=d.text, meta=d.meta) for d in batch]
        result = process_batch(pipeline, fresh)
        report.recoded += store.replace_annotations(result.documents, pipeline.version)
        report.failures.extend(result.failures)
        for doc in fresh:
            on_item(doc.meta.origin or doc.id)
    if stale:
        fuse_stored(store)
        analyse_stored(store, settings.pole_codes)
    return report
