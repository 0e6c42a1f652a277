"""The server owns the store: one read connection per worker thread and one serialised writer.

SQLite in WAL mode lets readers read while a writer writes, but a connection
may only be used by the thread that opened it, and two writers in one
process would only queue on SQLite's lock. So readers get a connection per
thread, and every ingest request goes through one lock and one writer
connection, with the pipeline loaded once, on the first ingest. A
`geopivot ingest` run from the command line at the same time is another
process: it waits on SQLite's lock (``BUSY_TIMEOUT_MS``) and neither run
loses or half-writes a document.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from ..errors import InputError
from ..ingest import Record
from ..jobs import IngestReport, ingest_records
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import SQLiteStore, open_store


class StoreOwner:
    def __init__(self, db_path: str, settings: Settings, pipeline_factory: Callable[[], Pipeline]):
        self.db_path = db_path
        self.settings = settings
        self._pipeline_factory = pipeline_factory
        self._pipeline: Pipeline | None = None
        self._local = threading.local()
        self._readers: list[SQLiteStore] = []
        self._readers_lock = threading.Lock()
        self._write_lock = threading.Lock()
        open_store(db_path).close()  # create and migrate once, before any request

    def reader(self) -> SQLiteStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.db_path)
            with self._readers_lock:
                self._readers.append(store)
        return store

    def ingest(self, items: Iterable[Record | InputError]) -> IngestReport:
        with self._write_lock:
            with open_store(self.db_path) as store:
                return ingest_records(items, store, self._pipeline_once, self.settings)

    def _pipeline_once(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self._pipeline_factory()
        return self._pipeline

    def close(self) -> None:
        with self._readers_lock:
            for store in self._readers:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - a connection of a finished thread may be gone already
                    pass
            self._readers.clear()
