"""The embedded store: one SQLite file in WAL mode.

Writes go through :meth:`SQLiteStore.write_batch`, one transaction per batch:
a document is stored with all its sentences, mentions and events or not at
all, and a document already stored (same fingerprint) is never written twice.
Readers (the CLI, analysis, a web server) may read while a writer writes.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from .. import dedup
from ..errors import SchemaVersionError, StoreError
from ..model import (
    Document, Event, EventDate, Geo, Identifier, Mention, Metadata, Participant, Place, Relation, Resolution,
    Sentence,
)
from .. import fusion
from ..pipeline import Failure
from .event_query import EVENT_COLUMNS_SQL, EventFilter, event_sql
from .migrations import DYAD_PERIODS_SELECT_TEMPLATE, EVENT_PAIRS_SELECT_TEMPLATE, MIGRATIONS

BUSY_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class NearDuplicate:
    """A document whose text is close enough to a stored one to be linked instead of stored."""

    doc_id: str
    canonical_id: str
    similarity: float
    meta: Metadata


@dataclass
class WriteBatch:
    documents: list[tuple[Document, bytes]] = field(default_factory=list)  # with MinHash blob
    duplicates: list[NearDuplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    succeeded_origins: list[str] = field(default_factory=list)
    pipeline: str = ""


class SQLiteStore:
    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"cannot open {self.path} as a geopivot database ({err}). "
                "Check the path, or move the file aside to start a new database."
            ) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        applied = {r[0] for r in self.conn.execute("SELECT name FROM schema_migrations")}
        known = {name for name, _ in MIGRATIONS}
        if applied - known:
            raise SchemaVersionError(
                f"{self.path} has migrations this geopivot does not know ({sorted(applied - known)}); "
                "it was written by a newer version. Upgrade geopivot to read it."
            )
        for name, sql in MIGRATIONS:
            if name in applied:
                continue
            with self._transaction(counted=False):
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, _now()))

    @contextmanager
    def _transaction(self, counted: bool = True):
        """One all-or-nothing write: committed at the end, rolled back on any error (even ^C); each
        committed write raises the store's generation."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            if counted:
                self.conn.execute("UPDATE store_generation SET value = value + 1")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def generation(self) -> int:
        """How many writes the store has committed: equal values, same contents."""
        return self.conn.execute("SELECT value FROM store_generation").fetchone()[0]

    @property
    def schema_version(self) -> int:
        return self.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]

    @property
    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]

    # -- writing --------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored, as documents or as near-duplicates of one."""
        ids = list(set(ids))
        found: set[str] = set()
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for table in ("documents", "near_duplicates"):
                column = "id" if table == "documents" else "doc_id"
                found.update(r[0] for r in self.conn.execute(
                    f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", chunk))
        return found

    def nearest_duplicate(self, sig, keys: list[int] | None = None) -> tuple[str, float] | None:
        """The stored document most similar to signature ``sig`` among LSH candidates."""
        keys = keys if keys is not None else dedup.band_keys(sig)
        clause = " OR ".join("(band = ? AND key = ?)" for _ in keys)
        params = [v for band, key in enumerate(keys) for v in (band, key)]
        candidates = [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT doc_id FROM minhash_bands WHERE {clause}", params)]
        best = None
        for doc_id in candidates:
            row = self.conn.execute("SELECT minhash FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None or row[0] is None:
                continue
            score = dedup.similarity(sig, dedup.from_blob(row[0]))
            if best is None or score > best[1]:
                best = (doc_id, score)
        return best

    def write_batch(self, batch: WriteBatch) -> None:
        """Write a whole batch in one transaction; anything already stored is left as it is."""
        now = _now()
        with self._transaction():
            for doc, blob in batch.documents:
                self._insert_document(doc, blob, batch.pipeline, now)
            for dup in batch.duplicates:
                self._insert_duplicate(dup, now)
            for failure in batch.failures:
                self.conn.execute(
                    "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(origin) DO UPDATE SET "
                    "reason = excluded.reason, message = excluded.message, stage = excluded.stage, "
                    "document_id = excluded.document_id, last_seen = excluded.last_seen",
                    (failure.origin, failure.reason, failure.message, failure.stage, failure.document_id, now, now),
                )
            self.conn.executemany(
                "DELETE FROM failures WHERE origin = ?", [(o,) for o in batch.succeeded_origins]
            )

    def _insert_document(self, doc: Document, blob: bytes, pipeline: str, now: str) -> None:
        m = doc.meta
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc.text, m.title, m.published, m.published_utc, m.published_precision, m.source,
             _json(m.authors), _json([asdict(i) for i in m.identifiers]), m.kind, m.language,
             _json(m.summary), m.origin, _json(m.extra), blob, pipeline, now),
        )
        if cursor.rowcount == 0:
            return
        self.conn.executemany(
            "INSERT OR IGNORE INTO document_identifiers VALUES (?, ?, ?)",
            [(i.scheme, i.value, doc.id) for i in m.identifiers],
        )
        if blob:
            self.conn.executemany(
                "INSERT OR IGNORE INTO minhash_bands VALUES (?, ?, ?)",
                [(band, key, doc.id) for band, key in enumerate(dedup.band_keys(dedup.from_blob(blob)))],
            )
        self._insert_annotations(doc)

    def _insert_annotations(self, doc: Document) -> None:
        self.conn.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?)",
            [(doc.id, i, s.start, s.end) for i, s in enumerate(doc.sentences or ())],
        )
        self.conn.executemany(
            f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}) VALUES ({', '.join('?' * len(MENTION_COLUMNS))})",
            [(x.id, doc.id, x.kind, x.start, x.end, x.text, x.label, x.resolution.code, x.resolution.sector,
              x.resolution.name, x.resolution.country, x.resolution.reason, *_geo_values(x.geo))
             for x in doc.mentions or ()],
        )
        for event in doc.events or ():
            self._insert_event(doc.id, event)
        for relation in doc.relations or ():
            self._insert_relation(doc.id, relation)

    def _insert_relation(self, doc_id: str, r: Relation) -> None:
        d, p = r.date, r.place
        self.conn.execute(
            "INSERT OR IGNORE INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (r.id, doc_id, r.kind, r.detail, r.count, r.status, d.value if d else None, d.end if d else None,
             d.precision if d else None, d.expression if d else None, p.name if p else None,
             p.country if p else None, p.start if p else None, p.end if p else None, r.source, r.method,
             r.sentence.start, r.sentence.end, r.trigger_start, r.trigger_end),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO relation_participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, role, i, x.text, x.start, x.end, x.code, x.sector, x.name, x.reason, x.mention_id)
             for role, side in (("subject", r.subjects), ("object", r.objects)) for i, x in enumerate(side)],
        )

    def replace_annotations(self, documents: Iterable[Document], pipeline: str) -> int:
        """Swap stored sentences, mentions and events for newly coded ones, in one transaction."""
        count = 0
        with self._transaction():
            for doc in documents:
                self.conn.execute(
                    "DELETE FROM event_participants WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)",
                    (doc.id,))
                self.conn.execute(
                    "DELETE FROM event_pairs WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)", (doc.id,))
                self.conn.execute(
                    "DELETE FROM relation_participants WHERE relation_id IN "
                    "(SELECT id FROM relations WHERE doc_id = ?)", (doc.id,))
                for table in ("relations", "events", "mentions", "sentences"):
                    self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc.id,))
                self._insert_annotations(doc)
                self.conn.execute("UPDATE documents SET pipeline = ? WHERE id = ?", (pipeline, doc.id))
                count += 1
        return count

    def documents_coded_by_other(self, pipeline: str) -> list[str]:
        """Ids of stored documents whose annotations another pipeline version produced."""
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM documents WHERE pipeline IS NOT ? ORDER BY published, id", (pipeline,))]

    def _insert_event(self, doc_id: str, e: Event) -> None:
        place = e.place
        geo = place.geo if place else None
        self.conn.execute(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})",
            (e.id, doc_id, e.type, e.mode, _json(e.contexts), e.modality, e.confidence, e.method,
             e.date.value, e.date.end, e.date.precision, e.date.expression,
             place.name if place else None, place.country if place else None,
             place.start if place else None, place.end if place else None,
             e.sentence.start, e.sentence.end, e.trigger_start, e.trigger_end,
             e.cameo, e.goldstein, e.quad_class,
             geo.precision if geo else None, geo.lat if geo else None, geo.lon if geo else None,
             geo.geonames_id if geo else None, geo.name if geo else None, geo.country if geo else None,
             e.agreed_type, e.agreed_mode, int(e.ends_tie)),
        )
        rows = [
            (e.id, role, i, p.text, p.start, p.end, p.code, p.sector, p.name, p.reason, p.mention_id,
             e.date.value or "")
            for role, people in (("actor", e.actors), ("recipient", e.recipients))
            for i, p in enumerate(people)
        ]
        self.conn.executemany("INSERT INTO event_participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.conn.execute("INSERT OR IGNORE INTO event_pairs "
                          + EVENT_PAIRS_SELECT_TEMPLATE.format(where="AND a.event_id = ?"), (e.id,))

    def _insert_duplicate(self, dup: NearDuplicate, now: str) -> None:
        m = dup.meta
        self.conn.execute(
            "INSERT OR IGNORE INTO near_duplicates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (dup.doc_id, dup.canonical_id, dup.similarity, m.title, m.published, m.source,
             _json([asdict(i) for i in m.identifiers]), m.origin, now),
        )

    # -- reading --------------------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in _COUNTABLE:
            raise StoreError(f"unknown table {table!r}; one of {sorted(_COUNTABLE)}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY published, id")]

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        sentences = tuple(Sentence(r["start_char"], r["end_char"]) for r in self.conn.execute(
            "SELECT start_char, end_char FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,)))
        mentions = tuple(
            Mention(r["id"], r["kind"], r["start_char"], r["end_char"], r["text"], r["label"],
                    Resolution(r["code"], r["sector"], r["name"], r["country"], r["reason"]),
                    _geo(r["geo_country"], r["geo_precision"], r["lat"], r["lon"], r["geonames_id"], r["geo_name"]))
            for r in self.conn.execute("SELECT * FROM mentions WHERE doc_id = ? ORDER BY start_char, end_char, kind", (doc_id,))
        )
        events = tuple(self._event(r) for r in self.conn.execute(
            "SELECT * FROM events WHERE doc_id = ? ORDER BY sentence_start, trigger_start, id", (doc_id,)))
        relations = tuple(self._relation(r) for r in self.conn.execute(
            "SELECT * FROM relations WHERE doc_id = ? ORDER BY sentence_start, trigger_start, id", (doc_id,)))
        return Document(id=row["id"], text=row["text"], meta=_metadata(row),
                        sentences=sentences, mentions=mentions, events=events, relations=relations)

    def _relation(self, r: sqlite3.Row) -> Relation:
        sides = {"subject": [], "object": []}
        for p in self.conn.execute(
                "SELECT * FROM relation_participants WHERE relation_id = ? ORDER BY role, idx", (r["id"],)):
            sides[p["role"]].append(Participant(p["text"], p["start_char"], p["end_char"], p["code"], p["sector"],
                                                p["name"], p["reason"], p["mention_id"]))
        date = EventDate(r["date"], r["date_precision"], r["date_expression"], r["date_end"]) \
            if r["date_precision"] else None
        place = Place(r["place_name"], r["place_start"], r["place_end"], r["place_country"]) \
            if r["place_name"] is not None else None
        return Relation(
            id=r["id"], kind=r["kind"], subjects=tuple(sides["subject"]), objects=tuple(sides["object"]),
            sentence=Sentence(r["sentence_start"], r["sentence_end"]), trigger_start=r["trigger_start"],
            trigger_end=r["trigger_end"], detail=r["detail"], count=r["count"], status=r["status"], date=date,
            place=place, source=r["source"], method=r["method"],
        )

    def _event(self, r: sqlite3.Row) -> Event:
        parts = {"actor": [], "recipient": []}
        for p in self.conn.execute(
            "SELECT * FROM event_participants WHERE event_id = ? ORDER BY role, idx", (r["id"],)
        ):
            parts[p["role"]].append(Participant(p["text"], p["start_char"], p["end_char"], p["code"], p["sector"],
                                                p["name"], p["reason"], p["mention_id"]))
        place = None
        if r["place_name"] is not None:
            place = Place(r["place_name"], r["place_start"], r["place_end"], r["place_country"],
                          geo=_geo(r["place_geo_country"], r["place_precision"], r["place_lat"], r["place_lon"],
                                   r["place_geonames_id"], r["place_geo_name"]))
        return Event(
            id=r["id"], type=r["type"], mode=r["mode"], contexts=tuple(json.loads(r["contexts"])),
            actors=tuple(parts["actor"]), recipients=tuple(parts["recipient"]),
            date=EventDate(r["date"], r["date_precision"], r["date_expression"], r["date_end"]),
            modality=r["modality"], confidence=r["confidence"],
            sentence=Sentence(r["sentence_start"], r["sentence_end"]),
            trigger_start=r["trigger_start"], trigger_end=r["trigger_end"], method=r["method"],
            cameo=r["cameo"], goldstein=r["goldstein"], quad_class=r["quad_class"], place=place,
            agreed_type=r["agreed_type"], agreed_mode=r["agreed_mode"], ends_tie=bool(r["ends_tie"]),
        )

    def events(self, where: EventFilter = EventFilter()) -> Iterator[dict]:
        """Stored events as flat rows, each with its evidence sentence and source."""
        sql, params = event_sql(where)
        for row in self.conn.execute(sql, params):
            yield dict(row)

    def event(self, event_id: str) -> dict | None:
        """One stored event as a flat row (as :meth:`events` gives), or None."""
        row = self.conn.execute(EVENT_COLUMNS_SQL + " WHERE e.id = ?", (event_id,)).fetchone()
        return dict(row) if row else None

    def event_participants(self, event_id: str) -> list[dict]:
        return [dict(r) for r in self.conn.execute(
            "SELECT role, idx, text, start_char, end_char, code, sector, name, reason FROM event_participants "
            "WHERE event_id = ? ORDER BY role, idx", (event_id,))]

    def fused_id_of(self, event_id: str) -> str | None:
        row = self.conn.execute("SELECT fused_id FROM fused_members WHERE event_id = ?", (event_id,)).fetchone()
        return row[0] if row else None

    def documents_page(self, after: str | None, limit: int) -> list[dict]:
        """Documents in id order after ``after``, each with its event count (no text)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT d.id, d.title, d.source, d.published, d.origin, "
            "(SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events "
            "FROM documents d WHERE d.id > ? ORDER BY d.id LIMIT ?", (after or "", limit))]

    def document_row(self, doc_id: str) -> dict | None:
        row = self.conn.execute("SELECT id, title, source, published, origin, text FROM documents WHERE id = ?",
                                (doc_id,)).fetchone()
        return dict(row) if row else None

    def pole_counts_by_state(self, pole: str, modality: str = "asserted") -> list[dict]:
        """Monthly cooperative / conflictual / relation counts of every state with ``pole``, both
        directions summed: what the alignment map colours."""
        return [dict(r) for r in self.conn.execute(
            "SELECT state, month, sum(cooperative) cooperative, sum(conflictual) conflictual, "
            "sum(relations) relations FROM ("
            " SELECT recipient AS state, month, cooperative, conflictual, relations FROM dyad_months "
            "  WHERE actor = ? AND modality = ? AND recipient != ?"
            " UNION ALL"
            " SELECT actor AS state, month, cooperative, conflictual, relations FROM dyad_months "
            "  WHERE recipient = ? AND modality = ? AND actor != ?"
            ") GROUP BY state, month ORDER BY state, month", (pole, modality, pole, pole, modality, pole))]

    def partner_counts(self, state: str, since: str | None = None, limit: int = 40) -> list[dict]:
        """The states ``state`` deals with most, with cooperative and conflictual counts: its network."""
        return [dict(r) for r in self.conn.execute(
            "SELECT partner, sum(events) events, sum(cooperative) cooperative, sum(conflictual) conflictual, "
            "sum(relations) relations FROM ("
            " SELECT recipient AS partner, * FROM dyad_months WHERE actor = ? AND month >= ? AND modality = 'asserted'"
            " UNION ALL"
            " SELECT actor AS partner, * FROM dyad_months WHERE recipient = ? AND month >= ? AND modality = 'asserted'"
            ") GROUP BY partner ORDER BY events + relations DESC, partner LIMIT ?",
            (state, since or "", state, since or "", limit))]

    def actor_counts(self, prefix: str | None, limit: int) -> list[dict]:
        """Codes with stored events, most frequent first; ``prefix`` narrows by code."""
        return [dict(r) for r in self.conn.execute(
            "SELECT code, count(DISTINCT event_id) AS events FROM event_participants "
            "WHERE code IS NOT NULL AND code LIKE ? ESCAPE '\\' GROUP BY code ORDER BY events DESC, code LIMIT ?",
            ((prefix or "").upper().replace("%", "\\%").replace("_", "\\_") + "%", limit))]

    def count_events_of(self, code: str) -> int:
        return self.conn.execute("SELECT count(DISTINCT event_id) FROM event_participants WHERE code = ?",
                                 (code,)).fetchone()[0]

    def event_span(self) -> tuple[str | None, str | None]:
        row = self.conn.execute("SELECT min(date), max(date) FROM events WHERE date IS NOT NULL").fetchone()
        return row[0], row[1]

    # -- fusion -----------------------------------------------------------------------------

    def fusion_records(self, types: Iterable[str] | None = None) -> list[fusion.EventRecord]:
        """Stored event mentions as fusion reads them; those with no resolved actor are left out."""
        sql = (
            "SELECT e.id, e.doc_id, e.type, e.mode, e.date, e.date_end, e.date_precision, e.modality, "
            "e.place_country, e.place_precision, e.place_geo_name, d.published, d.source, e.quad_class, e.goldstein, "
            f"(SELECT group_concat({_ACTOR_KEY}, ';') FROM event_participants WHERE event_id = e.id "
            " AND role = 'actor' AND code IS NOT NULL) AS actors, "
            f"(SELECT group_concat({_ACTOR_KEY}, ';') FROM event_participants WHERE event_id = e.id "
            " AND role = 'recipient' AND code IS NOT NULL) AS recipients, "
            f"EXISTS (SELECT 1 FROM event_participants WHERE event_id = e.id AND role = 'actor' "
            f" AND code IS NOT NULL AND {_NAMED}) AND EXISTS (SELECT 1 FROM event_participants "
            f" WHERE event_id = e.id AND role = 'recipient' AND code IS NOT NULL AND {_NAMED}) AS named, "
            "substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence, "
            "(SELECT group_concat(m.text, '\x1f') FROM mentions m WHERE m.doc_id = e.doc_id "
            " AND m.start_char >= e.sentence_start AND m.end_char <= e.sentence_end "
            " AND (m.label = 'PERSON' OR m.geo_precision = 'city')) AS names "
            "FROM events e JOIN documents d ON d.id = e.doc_id"
        )
        params: list = []
        if types is not None:
            types = sorted(set(types))
            sql += f" WHERE e.type IN ({', '.join('?' * len(types))})"
            params = types
        records = (
            fusion.record(r["id"], r["doc_id"], r["type"], r["mode"], (r["actors"] or "").split(";"),
                          (r["recipients"] or "").split(";"), r["date"], r["date_end"], r["date_precision"],
                          r["modality"], r["place_precision"], r["place_geo_name"], r["place_country"],
                          r["published"], r["source"], r["quad_class"], r["goldstein"], bool(r["named"]),
                          fusion.particulars(r["sentence"], (r["names"] or "").split("\x1f")))
            for r in self.conn.execute(sql, params)
        )
        return [r for r in records if r is not None]

    def replace_fusion(self, types: Iterable[str], fused: Iterable[fusion.FusedEvent]) -> None:
        """Swap the fused events of ``types`` for a new fusion of them, in one transaction."""
        types = sorted(set(types))
        marks = ", ".join("?" * len(types))
        with self._transaction():
            for table in ("fused_members", "fused_participants"):
                self.conn.execute(
                    f"DELETE FROM {table} WHERE fused_id IN (SELECT id FROM fused_events WHERE type IN ({marks}))",
                    types)
            self.conn.execute(f"DELETE FROM fused_events WHERE type IN ({marks})", types)
            for f in fused:
                self.conn.execute(
                    "INSERT INTO fused_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (f.id, f.type, f.mode, _codes(f.actors), _codes(f.recipients), f.start.isoformat(),
                     f.end.isoformat(), f.precision, f.modality, len(f.members), len(f.documents),
                     len(f.sources) or len(f.documents), f.first_reported, f.quad_class, f.goldstein, f.month,
                     int(f.named)))
                self.conn.executemany("INSERT OR REPLACE INTO fused_members VALUES (?, ?)",
                                      [(event_id, f.id) for event_id in f.members])
                self.conn.executemany("INSERT OR IGNORE INTO fused_participants VALUES (?, ?, ?)",
                                      [(f.id, role, code.split(":")[0]) for role, codes in
                                       (("actor", f.actors), ("recipient", f.recipients)) for code in codes])
            self._recount_dyad_periods(types)

    def _recount_dyad_periods(self, types: list[str] | None = None) -> None:
        """Recount dyad_periods from the fused events of ``types`` (all when None), in the caller's transaction."""
        chosen = "" if types is None else f"type IN ({', '.join('?' * len(types))})"
        params = types or []
        self.conn.execute("DELETE FROM dyad_periods" + (f" WHERE {chosen}" if chosen else ""), params)
        self.conn.execute("INSERT INTO dyad_periods "
                          + DYAD_PERIODS_SELECT_TEMPLATE.format(where=f"AND f.{chosen}" if chosen else ""), params)

    def rebuild_event_pairs(self) -> int:
        """Re-index every stored event under its pairs of codes (for stores filled by other means than
        `write_batch`, such as the benchmarks' synthetic ones)."""
        with self._transaction():
            self.conn.execute("DELETE FROM event_pairs")
            self.conn.execute("INSERT OR IGNORE INTO event_pairs " + EVENT_PAIRS_SELECT_TEMPLATE.format(where=""))
        return self.conn.execute("SELECT count(*) FROM event_pairs").fetchone()[0]

    def rebuild_dyad_periods(self) -> int:
        """Recount the dyad_periods aggregate from every fused event (for stores filled by other means
        than `replace_fusion`, such as the benchmarks' synthetic ones)."""
        with self._transaction():
            self._recount_dyad_periods()
        return self.count("dyad_periods")

    def fused_events(self, min_documents: int = 1, limit: int | None = None) -> list[dict]:
        """Fused events, most reported first, each with its member mentions' evidence."""
        sql = ("SELECT * FROM fused_events WHERE n_documents >= ? ORDER BY n_documents DESC, n_mentions DESC, "
               "start, id")
        params: list = [min_documents]
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        rows = [dict(r) for r in self.conn.execute(sql, params)]
        for row in rows:
            row["sources"] = self.fused_sources(row["id"])
        return rows

    def fused_sources(self, fused_id: str, limit: int | None = None) -> list[dict]:
        """The reports of a fused event, earliest first: document, outlet, date and sentence."""
        sql = ("SELECT e.id AS event_id, e.doc_id, d.source, d.published, d.title, e.date, e.date_precision, "
               "substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
               "FROM fused_members m JOIN events e ON e.id = m.event_id JOIN documents d ON d.id = e.doc_id "
               "WHERE m.fused_id = ? ORDER BY d.published, e.sentence_start")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(m) for m in self.conn.execute(sql, (fused_id,))]

    def coverage(self, lookback_years: int = 5) -> tuple[date, date] | None:
        """From the earliest dated event (at most ``lookback_years`` before the first publication: a
        story's background, not "in 1911") to the last publication: the window the reports speak about."""
        # two statements: SQLite reads min() or max() alone from the index end, both together by a scan
        first = self.conn.execute("SELECT min(published) FROM documents").fetchone()[0]
        last = self.conn.execute("SELECT max(published) FROM documents").fetchone()[0]
        if not first:
            return None
        floor = f"{int(first[:4]) - lookback_years:04d}{first[4:10]}"
        earliest = self.conn.execute(
            "SELECT min(start) FROM fused_events WHERE start >= ? AND precision != 'reported'", (floor,)).fetchone()[0]
        first = min(first[:10], earliest) if earliest else first[:10]
        return date.fromisoformat(first[:10]), date.fromisoformat(last[:10])

    def dyad_counts(self, actor: str, recipient: str, period: str = "month", directed: bool = True,
                    modality: str | None = "asserted") -> list[tuple]:
        """Distinct fused events from ``actor`` to ``recipient`` (either way unless ``directed``) counted
        per period (of each event's midpoint), PLOVER type and QuadClass, with mentions, sources and
        summed Goldstein (``analysis.dyads.DyadCount`` tuples): aggregated here so a 20-year series never
        leaves SQLite as single events.
        Months and years read the kept aggregate ``dyad_periods``; days and weeks the events."""
        actor, recipient = actor.upper(), recipient.upper()
        if period in ("month", "year") and actor != recipient:
            return self._dyad_period_counts(actor, recipient, period, directed, modality)
        return self._dyad_event_counts(actor, recipient, period, directed, modality)

    def _dyad_period_counts(self, actor: str, recipient: str, period: str, directed: bool,
                            modality: str | None) -> list[tuple]:
        lo, hi = sorted((actor, recipient))
        ways = ("forward", "backward", "both") if not directed else (
            ("forward", "both") if actor == lo else ("backward", "both"))
        key = "month" if period == "month" else "substr(month, 1, 4)"
        sql = (f"SELECT {key} AS period, type, quad_class, sum(events) AS events, sum(mentions) AS mentions, "
               "sum(sources) AS sources, sum(goldstein_sum) AS goldstein_sum FROM dyad_periods "
               f"WHERE lo = ? AND hi = ? AND way IN ({', '.join('?' * len(ways))})")
        params: list = [lo, hi, *ways]
        if modality:
            sql += " AND modality = ?"
            params.append(modality)
        sql += " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        return self._tuples(sql, params)

    def _dyad_event_counts(self, actor: str, recipient: str, period: str, directed: bool,
                           modality: str | None) -> list[tuple]:
        key = _PERIOD_KEYS[period]
        pair = ("SELECT pa.fused_id FROM fused_participants pa CROSS JOIN fused_participants pr "
                "WHERE pa.code = ? AND pa.role = 'actor' AND pr.fused_id = pa.fused_id "
                "AND pr.role = 'recipient' AND pr.code = ?")
        params: list = [actor, recipient]
        if not directed:
            pair += f" UNION {pair}"
            params += [recipient, actor]
        # CROSS JOIN fixes the order: the pair is matched in the participants index before any fused
        # event row is read (40x faster on a million events than reading the actor's rows first)
        sql = (
            f"SELECT {key} AS period, f.type, f.quad_class, count(*) AS events, sum(f.n_mentions) AS mentions, "
            "sum(f.n_documents) AS sources, sum(coalesce(f.goldstein, 0)) AS goldstein_sum "
            f"FROM ({pair}) ids CROSS JOIN fused_events f WHERE f.id = ids.fused_id AND f.start != '0001-01-01'"
        )
        if modality:
            sql += " AND f.modality = ?"
            params.append(modality)
        sql += " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        return self._tuples(sql, params)

    def _tuples(self, sql: str, params: list) -> list[tuple]:
        """Rows as plain tuples (a Row made into a dict costs more than the query on a long series)."""
        cursor = self.conn.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, params).fetchall()

    # -- analysis aggregates ----------------------------------------------------------------

    def refresh_dyad_months(self, valence: Iterable[tuple] = ()) -> int:
        """Rebuild the monthly dyad aggregate from fused events and rapprochement relations.

        ``valence`` rows (type, mode or '', value[, ends]) say which events count as cooperative
        (> 0) and conflictual (< 0). A row with ends = 1 is the valence of that act when it ends a tie
        (``events.ends_tie``: forces withdrawn, an accord revoked); the same act told otherwise takes
        the type's default row. A fused event ends a tie when one of its reports says so; a promise to
        end one ("agrees to withdraw") is valued as the act promised, and each counts in ``ruptures``."""
        rows = [(t, m, v, int(rest[0]) if rest else 0) for t, m, v, *rest in valence]
        with self._transaction():
            self.conn.execute("DELETE FROM dyad_months")
            self.conn.execute("DROP TABLE IF EXISTS temp.valence")
            self.conn.execute("CREATE TEMP TABLE valence (type TEXT, mode TEXT, value REAL, ends INTEGER)")
            self.conn.executemany("INSERT INTO temp.valence VALUES (?, ?, ?, ?)", rows)
            self.conn.execute("DROP TABLE IF EXISTS temp.fused_endings")
            self.conn.execute(
                "CREATE TEMP TABLE fused_endings AS SELECT m.fused_id, min(e.agreed_type) agreed_type, "
                "min(e.agreed_mode) agreed_mode FROM events e JOIN fused_members m ON m.event_id = e.id "
                "WHERE e.ends_tie = 1 GROUP BY m.fused_id")
            self.conn.execute("CREATE UNIQUE INDEX temp.fused_endings_id ON fused_endings(fused_id)")

            def valued(type_: str, mode: str, endings: bool) -> str:
                exact = "" if endings else " AND v.ends = 0"
                return (f"coalesce((SELECT value FROM temp.valence v WHERE v.type = {type_} "
                        f"AND v.mode = coalesce({mode}, ''){exact}), "
                        f"(SELECT value FROM temp.valence v WHERE v.type = {type_} AND v.mode = ''), 0)")

            value = (f"(CASE WHEN x.fused_id IS NULL THEN {valued('f.type', 'f.mode', False)} "
                     f"ELSE {valued('coalesce(x.agreed_type, f.type)', 'coalesce(x.agreed_mode, f.mode)', True)} END)")
            self.conn.execute(
                "INSERT INTO dyad_months (actor, recipient, month, modality, events, cooperative, conflictual, "
                "goldstein_sum, relations, ruptures) "
                "SELECT a.code, r.code, f.month, f.modality, count(*), "
                f"sum({value} > 0), sum({value} < 0), coalesce(sum(f.goldstein), 0), 0, count(x.fused_id) "
                "FROM fused_events f "
                "JOIN fused_participants a ON a.fused_id = f.id AND a.role = 'actor' "
                "JOIN fused_participants r ON r.fused_id = f.id AND r.role = 'recipient' "
                "LEFT JOIN temp.fused_endings x ON x.fused_id = f.id "
                "WHERE a.code != r.code AND f.month != '' AND f.named GROUP BY 1, 2, 3, 4")
            self.conn.execute(
                "INSERT INTO dyad_months (actor, recipient, month, modality, events, cooperative, conflictual, "
                "goldstein_sum, relations) "
                "SELECT s.code, o.code, substr(d.published, 1, 7), 'asserted', 0, 0, 0, 0, count(DISTINCT r.id) "
                "FROM relations r JOIN documents d ON d.id = r.doc_id "
                "JOIN relation_participants s ON s.relation_id = r.id AND s.role = 'subject' "
                "JOIN relation_participants o ON o.relation_id = r.id AND o.role = 'object' "
                "WHERE r.kind = 'rapprochement' AND s.code IS NOT NULL AND o.code IS NOT NULL "
                "AND s.code != o.code AND d.published IS NOT NULL GROUP BY 1, 2, 3 "
                "ON CONFLICT(actor, recipient, month, modality) DO UPDATE SET relations = excluded.relations")
        return self.count("dyad_months")

    def pole_months(self, state: str, poles: Iterable[str], modality: str = "asserted") -> list[dict]:
        """Monthly (cooperative, conflictual, relations) counts between ``state`` and each pole, both
        directions summed."""
        poles = sorted(set(poles))
        marks = ", ".join("?" * len(poles))
        sql = (
            "SELECT pole, month, sum(events) events, sum(cooperative) cooperative, sum(conflictual) conflictual, "
            "sum(goldstein_sum) goldstein_sum, sum(relations) relations, sum(ruptures) ruptures FROM ("
            f" SELECT recipient AS pole, * FROM dyad_months WHERE actor = ? AND recipient IN ({marks}) AND modality = ?"
            " UNION ALL"
            f" SELECT actor AS pole, * FROM dyad_months WHERE recipient = ? AND actor IN ({marks}) AND modality = ?"
            ") GROUP BY pole, month ORDER BY pole, month"
        )
        return [dict(r) for r in self.conn.execute(sql, [state, *poles, modality, state, *poles, modality])]

    def stated_turns(self, poles: Iterable[str], states: Iterable[str] | None = None) -> list[tuple[str, str, list[str]]]:
        """(state, pole, months) of every rapprochement the text states between a state and a pole."""
        poles = sorted(set(poles))
        marks = ", ".join("?" * len(poles))
        sql = (
            "SELECT s.code AS state, o.code AS pole, group_concat(DISTINCT substr(d.published, 1, 7)) AS months "
            "FROM relations r JOIN documents d ON d.id = r.doc_id "
            "JOIN relation_participants s ON s.relation_id = r.id AND s.role = 'subject' "
            "JOIN relation_participants o ON o.relation_id = r.id AND o.role = 'object' "
            f"WHERE r.kind = 'rapprochement' AND o.code IN ({marks}) AND s.code IS NOT NULL AND s.code != o.code "
            "AND d.published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
        )
        wanted = set(states) if states else None
        return [(r["state"], r["pole"], r["months"].split(",")) for r in self.conn.execute(sql, poles)
                if (wanted is None or r["state"] in wanted) and r["state"] not in poles]

    def active_states(self, poles: Iterable[str], min_events: int) -> list[str]:
        """States with at least ``min_events`` events with the poles: the ones worth a realignment check."""
        poles = sorted(set(poles))
        marks = ", ".join("?" * len(poles))
        sql = (
            "SELECT state, sum(n) FROM ("
            f" SELECT actor AS state, events + relations AS n FROM dyad_months WHERE recipient IN ({marks})"
            " UNION ALL"
            f" SELECT recipient AS state, events + relations AS n FROM dyad_months WHERE actor IN ({marks})"
            ") WHERE length(state) = 3 AND state NOT IN ('IGO', 'NGO', 'IMG', 'MNC', 'UNO', 'EUR') "
            "GROUP BY state HAVING sum(n) >= ? ORDER BY state"
        )
        return [r[0] for r in self.conn.execute(sql, [*poles, *poles, min_events])]

    def fused_between(self, state: str, partners: Iterable[str], since: str, until: str, limit: int) -> list[dict]:
        """The weightiest fused events between ``state`` and ``partners`` in a window, with one sentence
        each: those the alignment counts (both sides named, not guessed from the place)."""
        partners = sorted(set(partners))
        marks = ", ".join("?" * len(partners))
        sql = (
            "SELECT DISTINCT f.id, f.type, f.mode, f.actor_codes, f.recipient_codes, f.start, f.end, f.precision, "
            "f.goldstein, f.quad_class, f.n_documents, f.month FROM fused_events f "
            "JOIN fused_participants a ON a.fused_id = f.id JOIN fused_participants b ON b.fused_id = f.id "
            f"WHERE a.code = ? AND b.code IN ({marks}) AND a.role != b.role AND f.modality = 'asserted' AND f.named "
            "AND f.month BETWEEN ? AND ? ORDER BY abs(coalesce(f.goldstein, 0)) DESC, f.n_documents DESC, f.start "
            "LIMIT ?"
        )
        rows = [dict(r) for r in self.conn.execute(sql, [state, *partners, since, until, limit])]
        for row in rows:
            row.update(next(iter(self.fused_sources(row["id"], 1)), {}))
        return rows

    def state_events(self, state: str, since: str | None = None, asserted: bool = True, limit: int = 500) -> list[dict]:
        """Fused events with ``state`` on either side and another state or organisation on the other,
        weightiest first, each with up to three source sentences."""
        sql = (
            "SELECT DISTINCT f.* FROM fused_events f JOIN fused_participants p ON p.fused_id = f.id AND p.code = ? "
            "JOIN fused_participants o ON o.fused_id = f.id AND o.role != p.role AND o.code != ? "
            "WHERE f.start != '0001-01-01' AND " + ("f.modality = 'asserted'" if asserted else "f.modality != 'asserted'")
        )
        params: list = [state, state]
        if since:
            sql += " AND f.end >= ?"
            params.append(since)
        sql += " ORDER BY abs(coalesce(f.goldstein, 0)) * f.n_documents DESC, f.start LIMIT ?"
        params.append(limit)
        rows = [dict(r) for r in self.conn.execute(sql, params)]
        for row in rows:
            row["sources"] = self.fused_sources(row["id"], 3)
        return rows

    def replace_realignments(self, rows: list[dict]) -> None:
        with self._transaction():
            self.conn.execute("DELETE FROM realignments")
            self.conn.executemany(
                "INSERT INTO realignments VALUES (:id, :state, :toward, :away, :start, :end, :magnitude, "
                ":confidence, :score, :shifts, :drivers, :precedents, :method)", rows)

    def realignments(self, country: str | None = None, since: str | None = None, top: int | None = 20) -> list[dict]:
        clauses, params = [], []
        if country:
            clauses.append("state = ?")
            params.append(country.upper())
        if since:
            clauses.append("end >= ?")
            params.append(since)
        sql = "SELECT * FROM realignments"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY score DESC, start, id"
        if top:
            sql += " LIMIT ?"
            params.append(top)
        rows = [dict(r) for r in self.conn.execute(sql, params)]
        for row in rows:
            for key in ("shifts", "drivers", "precedents"):
                row[key] = json.loads(row[key])
        return rows

    def fused_types(self) -> list[tuple[str, int]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT type, count(*) n FROM fused_events GROUP BY type ORDER BY n DESC, type")]

    def relations(self, country: str | None = None, kind: str | None = None, limit: int | None = None) -> list[dict]:
        """Stored relations (agreements, presences, rapprochements, precedents, claims) with evidence."""
        clauses, params = [], []
        if country:
            clauses.append("r.id IN (SELECT relation_id FROM relation_participants WHERE code = ?)")
            params.append(country.upper())
        if kind:
            clauses.append("r.kind = ?")
            params.append(kind)
        sql = (
            "SELECT r.*, d.title, d.source AS outlet, d.published, "
            "substr(d.text, r.sentence_start + 1, r.sentence_end - r.sentence_start) AS sentence, "
            "(SELECT group_concat(coalesce(code, '?'), ';') FROM (SELECT code FROM relation_participants "
            "  WHERE relation_id = r.id AND role = 'subject' ORDER BY idx)) AS subject_codes, "
            "(SELECT group_concat(coalesce(code, '?'), ';') FROM (SELECT code FROM relation_participants "
            "  WHERE relation_id = r.id AND role = 'object' ORDER BY idx)) AS object_codes "
            "FROM relations r JOIN documents d ON d.id = r.doc_id"
        )
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY d.published, r.doc_id, r.sentence_start, r.trigger_start, r.id"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return [dict(row) for row in self.conn.execute(sql, params)]

    def events_by_type(self) -> list[tuple[str, int]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT type, count(*) n FROM events GROUP BY type ORDER BY n DESC, type")]

    def top_dyads(self, limit: int = 10) -> list[tuple[str, str, int]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT a.code, r.code, count(DISTINCT a.event_id) n FROM event_participants a "
            "JOIN event_participants r ON r.event_id = a.event_id AND r.role = 'recipient' "
            "WHERE a.role = 'actor' AND a.code IS NOT NULL AND r.code IS NOT NULL AND a.code != r.code "
            "GROUP BY a.code, r.code ORDER BY n DESC, a.code, r.code LIMIT ?", (limit,))]

    def unresolved_mentions(self, limit: int = 50) -> list[dict]:
        """Actor and place names the actor index could not resolve, most frequent first."""
        return [dict(r) for r in self.conn.execute(
            "SELECT text, kind, label, count(*) AS mentions, count(DISTINCT doc_id) AS documents, "
            "min(reason) AS reason FROM mentions WHERE code IS NULL AND kind IN ('actor', 'place') "
            "GROUP BY text, kind, label ORDER BY mentions DESC, text LIMIT ?", (limit,))]

    def failures(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM failures ORDER BY last_seen, origin")]


_COUNTABLE = frozenset(
    {"documents", "sentences", "mentions", "events", "event_participants", "near_duplicates", "failures",
     "fused_events", "fused_members", "fused_participants", "relations", "relation_participants",
     "dyad_months", "dyad_periods", "realignments"}
)


# Organisations are told apart by name for fusion ("IGO:United Nations"), states by code.
_ACTOR_KEY = ("CASE WHEN code IN ('IGO', 'NGO', 'IMG', 'MNC', 'UNO', 'EUR') "
              "THEN code || ':' || coalesce(name, text) ELSE code END")


# A side counts as named unless it was guessed from where the event happened or assumed to be the
# actor's own state; the story's own state and the last event's sides are read from the document.
_NAMED = ("(reason IS NULL OR (reason NOT LIKE '%inferred from the place%' "
          "AND reason NOT LIKE '%assumed to be the actor%' AND reason NOT LIKE '%at home%'))")


# The period of a fused event's midpoint (start + half its span, rounded down to a day, as
# analysis/dyads.period_key reads a date); weeks start on Monday.
_MIDPOINT = "date(julianday(f.start) + (julianday(f.end) - julianday(f.start)) / 2)"
_PERIOD_KEYS = {"day": _MIDPOINT, "week": f"date({_MIDPOINT}, '-6 days', 'weekday 1')",
                "month": f"substr({_MIDPOINT}, 1, 7)", "year": f"substr({_MIDPOINT}, 1, 4)"}


def _codes(keys) -> str:
    return ";".join(dict.fromkeys(k.split(":")[0] for k in keys))


MENTION_COLUMNS = ("id", "doc_id", "kind", "start_char", "end_char", "text", "label", "code", "sector", "name",
                   "country", "reason", "geo_country", "geo_precision", "lat", "lon", "geonames_id", "geo_name")
EVENT_COLUMNS = ("id", "doc_id", "type", "mode", "contexts", "modality", "confidence", "method", "date", "date_end",
                 "date_precision", "date_expression", "place_name", "place_country", "place_start", "place_end",
                 "sentence_start", "sentence_end", "trigger_start", "trigger_end", "cameo", "goldstein", "quad_class",
                 "place_precision", "place_lat", "place_lon", "place_geonames_id", "place_geo_name",
                 "place_geo_country", "agreed_type", "agreed_mode", "ends_tie")


def _geo_values(geo: Geo | None) -> tuple:
    if geo is None:
        return (None,) * 6
    return geo.country, geo.precision, geo.lat, geo.lon, geo.geonames_id, geo.name


def _geo(country, precision, lat, lon, geonames_id, name) -> Geo | None:
    return None if precision is None else Geo(country, precision, lat, lon, geonames_id, name)


def _metadata(row: sqlite3.Row) -> Metadata:
    return Metadata(
        title=row["title"], published=row["published"], published_utc=row["published_utc"],
        published_precision=row["published_precision"], source=row["source"],
        authors=tuple(json.loads(row["authors"])),
        identifiers=tuple(Identifier(**i) for i in json.loads(row["identifiers"])),
        kind=row["kind"], language=row["language"], summary=tuple(json.loads(row["summary"])),
        origin=row["origin"], extra=tuple(tuple(x) for x in json.loads(row["extra"])),
    )


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def _json(value) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
