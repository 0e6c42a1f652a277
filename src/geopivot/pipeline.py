"""Stages, the pipeline that orders them, and the batch function engines call.

A stage is ``Document -> Document``. It declares the layers it ``requires``
and the layers it ``assigns``; :class:`Pipeline` refuses at build time an
order in which a stage would run before what it needs. A stage may also offer
``pipe(documents)`` to work on a batch at once (the spaCy parse does).

:func:`process_batch` is the single entry point for running the pipeline on
many documents: the CLI, the library and a distributed engine all call it, so
there is no second code path. A document that makes a stage fail is recorded
as a :class:`Failure` with its reason and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .errors import PipelineError, StageError
from .model import Document

ALWAYS_PRESENT = frozenset({"text", "meta"})


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class Failure:
    """A document that could not be processed or read, and why."""

    origin: str
    reason: str
    message: str
    document_id: str | None = None
    stage: str | None = None


@dataclass
class BatchResult:
    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


class Pipeline:
    """An ordered, checked sequence of stages."""

    def __init__(self, stages: Sequence[Stage], version: str = "custom"):
        self.stages = tuple(stages)
        self.version = version  # recorded with every stored document
        self._check_order()

    def _check_order(self) -> None:
        available = set(ALWAYS_PRESENT)
        for position, stage in enumerate(self.stages):
            missing = set(stage.requires) - available
            if missing:
                providers = sorted({s.name for s in self.stages if set(s.assigns) & missing})
                hint = (
                    f"place {', '.join(providers)} before it"
                    if providers
                    else "add a stage that assigns it"
                )
                raise PipelineError(
                    f"stage {stage.name!r} (position {position}) requires {sorted(missing)} "
                    f"but no earlier stage assigns it; {hint}"
                )
            available |= set(stage.assigns)
        self.assigns = frozenset(available - ALWAYS_PRESENT)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = _run_one(stage, doc)
        return doc.without_parse()

    def __repr__(self) -> str:
        return f"Pipeline({' -> '.join(self.names)})"


def _run_one(stage: Stage, doc: Document) -> Document:
    try:
        return stage(doc)
    except Exception as exc:  # a stage bug or bad text must not escape as a bare error
        raise StageError(stage.name, doc.id, exc) from exc


def process_batch(pipeline: Pipeline, documents: Iterable[Document]) -> BatchResult:
    """Run every stage over a batch; failed documents are set aside with their reason.

    Stages with a ``pipe`` method see the whole surviving batch at once. If a
    batched call fails, the stage is retried document by document so that one
    bad document costs only itself.
    """
    result = BatchResult()
    docs = list(documents)
    for stage in pipeline.stages:
        docs = _run_stage_on_batch(stage, docs, result.failures)
    result.documents = [d.without_parse() for d in docs]
    return result


def _run_stage_on_batch(stage: Stage, docs: list[Document], failures: list[Failure]) -> list[Document]:
    pipe = getattr(stage, "pipe", None)
    if pipe is not None and len(docs) > 1:
        try:
            return list(pipe(docs))
        except Exception:  # noqa: BLE001 - isolate the culprit below
            pass
    survivors = []
    for doc in docs:
        try:
            survivors.append(_run_one(stage, doc))
        except StageError as err:
            failures.append(
                Failure(
                    origin=doc.meta.origin or doc.id,
                    reason="stage failed",
                    message=str(err),
                    document_id=doc.id,
                    stage=stage.name,
                )
            )
    return survivors
