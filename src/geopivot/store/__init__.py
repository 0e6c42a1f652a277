"""The store, behind one module so another backend (Postgres) can be added beside SQLite."""

from __future__ import annotations

from pathlib import Path

from .migrations import MIGRATIONS, SCHEMA_VERSION
from .sqlite import EventFilter, NearDuplicate, SQLiteStore, WriteBatch

Store = SQLiteStore


def open_store(path: str | Path) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``path``."""
    return SQLiteStore(path)


__all__ = [
    "MIGRATIONS", "SCHEMA_VERSION", "EventFilter", "NearDuplicate", "SQLiteStore", "Store", "WriteBatch", "open_store",
]
