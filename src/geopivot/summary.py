"""A short account of what a store holds: the end of `make demo` and `geopivot summary`."""

from __future__ import annotations

from dataclasses import dataclass

from .store import SQLiteStore


@dataclass(frozen=True)
class Summary:
    path: str
    documents: int
    sentences: int
    events: int
    near_duplicates: int
    failures: int
    events_by_type: list[tuple[str, int]]
    top_dyads: list[tuple[str, str, int]]
    first_date: str | None
    last_date: str | None
    fused_events: int = 0
    multi_source_events: int = 0
    relations_by_kind: tuple[tuple[str, int], ...] = ()


def summarize(store: SQLiteStore, top: int = 10) -> Summary:
    span = store.conn.execute("SELECT min(published), max(published) FROM documents").fetchone()
    return Summary(
        path=store.path,
        documents=store.count("documents"),
        sentences=store.count("sentences"),
        events=store.count("events"),
        near_duplicates=store.count("near_duplicates"),
        failures=store.count("failures"),
        events_by_type=store.events_by_type(),
        top_dyads=store.top_dyads(top),
        first_date=span[0][:10] if span[0] else None,
        last_date=span[1][:10] if span[1] else None,
        fused_events=store.count("fused_events"),
        multi_source_events=store.conn.execute(
            "SELECT count(*) FROM fused_events WHERE n_documents > 1").fetchone()[0],
        relations_by_kind=tuple(tuple(r) for r in store.conn.execute(
            "SELECT kind, count(*) n FROM relations GROUP BY kind ORDER BY n DESC, kind")),
    )
