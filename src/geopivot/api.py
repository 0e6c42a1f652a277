"""The library API: the operations the CLI offers, as functions to script against."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .ids import document_id
from .jobs import FusionReport, IngestReport, ProgressCallback, analyse_stored, fuse_stored
from .jobs import ingest as _ingest
from .model import Document, Metadata
from .pipeline import Pipeline
from .resources import build_pipeline
from .settings import Settings
from .store import EventFilter, open_store
from .summary import Summary, summarize


def code_text(text: str, date: str | None = None, *, pipeline: Pipeline | None = None) -> Document:
    """Code one text without a database: the debugging loop behind `geopivot code`."""
    pipeline = pipeline or build_pipeline()
    meta = Metadata(published=date, published_precision="day" if date else None, origin="<text>")
    return pipeline(Document(id=document_id(text), text=text, meta=meta))


def ingest(
    paths: Iterable[str | Path],
    db: str | Path | None = None,
    *,
    settings: Settings | None = None,
    pipeline: Pipeline | Callable[[], Pipeline] | None = None,
    on_item: ProgressCallback | None = None,
) -> IngestReport:
    """Read files or folders, code them and store them in ``db`` (idempotent; the model is
    loaded only if something new needs coding)."""
    settings = settings or Settings.from_env()
    with open_store(db or settings.db_path) as store:
        return _ingest(paths, store, pipeline or (lambda: build_pipeline(settings)), settings, on_item)


def recode(db: str | Path | None = None, *, everything: bool = False, settings: Settings | None = None,
           pipeline: Pipeline | None = None, on_item: ProgressCallback | None = None):
    """Re-code stored documents after the coder or the actor files changed (idempotent)."""
    from .jobs import recode as run

    settings = settings or Settings.from_env()
    with open_store(db or settings.db_path) as store:
        return run(store, pipeline or build_pipeline(settings), settings, everything, on_item)


def events(
    db: str | Path | None = None,
    *,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field is called type
    modality: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Stored events matching the filters, each with its evidence sentence."""
    where = EventFilter(country, since, until, type, modality, limit)
    with open_store(db or Settings.from_env().db_path) as store:
        return list(store.events(where))


def fused_events(db: str | Path | None = None, *, min_documents: int = 1, limit: int | None = None) -> list[dict]:
    """Fused events (one real event, all its reports), most reported first, each with its sources."""
    with open_store(db or Settings.from_env().db_path) as store:
        return store.fused_events(min_documents, limit)


def relations(db: str | Path | None = None, *, country: str | None = None, kind: str | None = None,
              limit: int | None = None) -> list[dict]:
    """Stored relations that are not events (agreements, presences, rapprochements, precedents, claims)."""
    with open_store(db or Settings.from_env().db_path) as store:
        return store.relations(country, kind, limit)


def dyad(actor: str, recipient: str, db: str | Path | None = None, *, period: str = "month",
         directed: bool = True, modality: str | None = "asserted") -> list[dict]:
    """The dyad series of ``actor`` → ``recipient`` (or both ways), zero-filled inside coverage."""
    from .queries import dyad as series

    with open_store(db or Settings.from_env().db_path) as store:
        return series(store, actor, recipient, period, directed, modality)


def alignment(state: str, db: str | Path | None = None, *, poles=None, period: str = "year") -> list[dict]:
    """Alignment of ``state`` toward each pole per period, with its 90% credible interval."""
    from .analysis.alignment import DEFAULT_POLES
    from .queries import state_alignment

    poles = tuple(p.upper() for p in (poles or Settings.from_env().pole_codes or DEFAULT_POLES))
    with open_store(db or Settings.from_env().db_path) as store:
        return state_alignment(store, state, poles, period)


def realignments(db: str | Path | None = None, *, country: str | None = None, since: str | None = None,
                 top: int | None = 20, refresh: bool = False) -> list[dict]:
    """Stored realignments, strongest first (``refresh`` re-runs the detection on the store first)."""
    settings = Settings.from_env()
    with open_store(db or settings.db_path) as store:
        if refresh:
            analyse_stored(store, settings.pole_codes)
        return store.realignments(country, since, top)


def brief(state: str, db: str | Path | None = None, *, since: str | None = None, fmt: str = "md",
          out: str | Path | None = None) -> str:
    """An analyst brief on ``state`` as Markdown or HTML text; with ``fmt="pdf"`` it is written to
    ``out`` and the path is returned."""
    from .actors import load_actor_index
    from .analysis import brief as briefs

    names = load_actor_index().state_names()
    with open_store(db or Settings.from_env().db_path) as store:
        built = briefs.build_brief(store, state, names, since)
    if fmt == "md":
        return briefs.to_markdown(built)
    if fmt == "html":
        return briefs.to_html(built)
    if fmt == "pdf":
        if out is None:
            raise ValueError("a PDF brief needs a file to write: pass out=PATH (CLI: --out FILE.pdf)")
        briefs.to_pdf(built, out)
        return str(out)
    raise ValueError(f"format {fmt!r} is not one of md, html, pdf")


def fuse(db: str | Path | None = None) -> FusionReport:
    """Re-fuse every stored event mention (ingest and recode already do this for what they touch)."""
    with open_store(db or Settings.from_env().db_path) as store:
        return fuse_stored(store)


def evaluate_fusion(gold_path: str | Path, *, pipeline: Pipeline | None = None) -> dict:
    """Score fusion on reports of real events labelled by event (see geopivot.fusion_eval)."""
    from .fusion_eval import evaluate_fusion as run, load_fusion_gold

    return run(load_fusion_gold(gold_path), pipeline or build_pipeline())


def unresolved_actors(db: str | Path | None = None, limit: int = 50) -> list[dict]:
    """Names in stored documents that resolved to no actor or place, with counts and reasons."""
    with open_store(db or Settings.from_env().db_path) as store:
        return store.unresolved_mentions(limit)


def resolve_actor(name: str, date: str | None = None) -> dict:
    """What a name resolves to on a date: a state, organisation or office holder, or why not."""
    from dataclasses import asdict

    from .actors import load_actor_index
    from .people import load_people_index

    found = load_people_index().resolve(name, date) or load_actor_index().resolve(name, date)
    return {"query": name, "date": date, **asdict(found)}


def export(
    db: str | Path | None = None,
    *,
    fmt: str,
    out,
    layout: str = "geopivot",
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,  # noqa: A002 - the PLOVER field is called type
    modality: str | None = None,
    limit: int | None = None,
):
    """Write the stored events matching the filters to ``out`` (a path or an open stream) in format
    ``fmt`` (csv, tsv, jsonl, parquet, dta, graphml, gexf) and column layout ``layout`` (geopivot,
    gdelt, icews, polecat); returns an :class:`~geopivot.export.ExportReport`."""
    from .export import export_events

    where = EventFilter(country=country, since=since, until=until, type=type, modality=modality, limit=limit)
    with open_store(db or Settings.from_env().db_path) as store:
        return export_events(store, where, fmt, layout, out)


def cite(db: str | Path | None = None):
    """How to cite what a store holds: the software, its documents and their span, the licences."""
    from .export import citation

    with open_store(db or Settings.from_env().db_path) as store:
        return citation(store)


def summary(db: str | Path | None = None) -> Summary:
    with open_store(db or Settings.from_env().db_path) as store:
        return summarize(store)


def evaluate(gold_path: str | Path, *, pipeline: Pipeline | None = None) -> dict:
    """Score the coder on a gold JSONL file; the metrics of `geopivot evaluate --json`."""
    from .evaluation import evaluate as run, load_gold

    gold = load_gold(gold_path)
    return run(gold, pipeline or build_pipeline()).as_dict()


def demo_corpus_path() -> Path:
    """The folder of demo articles and briefs shipped inside the package."""
    from importlib import resources

    return Path(str(resources.files("geopivot").joinpath("demo_corpus")))
