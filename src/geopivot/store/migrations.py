"""Named schema migrations, applied in order and recorded in ``schema_migrations``.

Never edit a migration that has shipped: add a new one. The schema version is
the number of migrations applied.
"""

from __future__ import annotations

# Every fused event with a side on each end of a pair, grouped as the dyad_periods table keeps them
# (also what SQLiteStore.replace_fusion re-runs for the types it replaces; {where} narrows it).
DYAD_PERIODS_SELECT_TEMPLATE = """
    SELECT lo, hi, CASE WHEN fw AND bw THEN 'both' WHEN fw THEN 'forward' ELSE 'backward' END, month, modality,
           type, coalesce(quad_class, 0), count(*), sum(n_mentions), sum(n_documents), sum(coalesce(goldstein, 0))
    FROM (SELECT f.id, min(a.code, r.code) lo, max(a.code, r.code) hi, max(a.code < r.code) fw,
                 max(a.code > r.code) bw, f.month, f.modality, f.type, f.quad_class, f.n_mentions, f.n_documents,
                 f.goldstein
          FROM fused_events f
          JOIN fused_participants a ON a.fused_id = f.id AND a.role = 'actor'
          JOIN fused_participants r ON r.fused_id = f.id AND r.role = 'recipient'
          WHERE a.code != r.code AND f.start != '0001-01-01' {where}
          GROUP BY f.id, lo, hi)
    GROUP BY lo, hi, 3, month, modality, type, 7
"""
DYAD_PERIODS_SELECT = DYAD_PERIODS_SELECT_TEMPLATE.format(where="")
# Every (unordered pair, date, event) an actor and a recipient of an event make (table event_pairs);
# also what SQLiteStore writes for each new event ({where} narrows it).
EVENT_PAIRS_SELECT_TEMPLATE = """
    SELECT min(a.code, r.code), max(a.code, r.code), a.date_key, a.event_id
    FROM event_participants a JOIN event_participants r ON r.event_id = a.event_id AND r.role = 'recipient'
    WHERE a.role = 'actor' AND a.code IS NOT NULL AND r.code IS NOT NULL AND a.code != r.code {where}
"""
EVENT_PAIRS_SELECT = EVENT_PAIRS_SELECT_TEMPLATE.format(where="")


MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_initial",
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            title TEXT,
            published TEXT,
            published_utc TEXT,
            published_precision TEXT,
            source TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            identifiers TEXT NOT NULL DEFAULT '[]',
            kind TEXT,
            language TEXT,
            summary TEXT NOT NULL DEFAULT '[]',
            origin TEXT,
            extra TEXT NOT NULL DEFAULT '[]',
            minhash BLOB,
            pipeline TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE TABLE document_identifiers (
            scheme TEXT NOT NULL,
            value TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            PRIMARY KEY (scheme, value, doc_id)
        ) WITHOUT ROWID;
        CREATE TABLE sentences (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            PRIMARY KEY (doc_id, idx)
        ) WITHOUT ROWID;
        CREATE TABLE mentions (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            kind TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT,
            code TEXT,
            sector TEXT,
            name TEXT,
            country TEXT,
            reason TEXT
        );
        CREATE INDEX mentions_doc ON mentions(doc_id);
        CREATE INDEX mentions_code ON mentions(kind, code);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            type TEXT NOT NULL,
            mode TEXT,
            contexts TEXT NOT NULL DEFAULT '[]',
            modality TEXT NOT NULL,
            confidence REAL NOT NULL,
            method TEXT NOT NULL,
            date TEXT,
            date_end TEXT,
            date_precision TEXT NOT NULL,
            date_expression TEXT,
            place_name TEXT,
            place_country TEXT,
            place_start INTEGER,
            place_end INTEGER,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            cameo TEXT NOT NULL,
            goldstein REAL NOT NULL,
            quad_class INTEGER NOT NULL
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_type ON events(type, date);
        CREATE TABLE event_participants (
            event_id TEXT NOT NULL REFERENCES events(id),
            role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            code TEXT,
            sector TEXT,
            name TEXT,
            reason TEXT,
            mention_id TEXT,
            PRIMARY KEY (event_id, role, idx)
        ) WITHOUT ROWID;
        CREATE INDEX participants_code ON event_participants(code, role, event_id);
        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            key INTEGER NOT NULL,
            doc_id TEXT NOT NULL,
            PRIMARY KEY (band, key, doc_id)
        ) WITHOUT ROWID;
        CREATE TABLE near_duplicates (
            doc_id TEXT PRIMARY KEY,
            canonical_id TEXT NOT NULL REFERENCES documents(id),
            similarity REAL NOT NULL,
            title TEXT,
            published TEXT,
            source TEXT,
            identifiers TEXT NOT NULL DEFAULT '[]',
            origin TEXT,
            seen_at TEXT NOT NULL
        );
        CREATE INDEX near_duplicates_canonical ON near_duplicates(canonical_id);
        CREATE TABLE failures (
            origin TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            message TEXT NOT NULL,
            stage TEXT,
            document_id TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_geocoding",
        """
        ALTER TABLE mentions ADD COLUMN geo_country TEXT;
        ALTER TABLE mentions ADD COLUMN geo_precision TEXT;
        ALTER TABLE mentions ADD COLUMN lat REAL;
        ALTER TABLE mentions ADD COLUMN lon REAL;
        ALTER TABLE mentions ADD COLUMN geonames_id INTEGER;
        ALTER TABLE mentions ADD COLUMN geo_name TEXT;
        ALTER TABLE events ADD COLUMN place_precision TEXT;
        ALTER TABLE events ADD COLUMN place_lat REAL;
        ALTER TABLE events ADD COLUMN place_lon REAL;
        ALTER TABLE events ADD COLUMN place_geonames_id INTEGER;
        ALTER TABLE events ADD COLUMN place_geo_name TEXT;
        ALTER TABLE events ADD COLUMN place_geo_country TEXT;
        CREATE INDEX events_place ON events(place_country, date);
        """,
    ),
    (
        "0003_fusion",
        """
        CREATE TABLE fused_events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            mode TEXT,
            actor_codes TEXT NOT NULL,
            recipient_codes TEXT NOT NULL,
            start TEXT NOT NULL,
            end TEXT NOT NULL,
            precision TEXT NOT NULL,
            modality TEXT NOT NULL,
            n_mentions INTEGER NOT NULL,
            n_documents INTEGER NOT NULL,
            n_sources INTEGER NOT NULL,
            first_reported TEXT,
            quad_class INTEGER,
            goldstein REAL,
            month TEXT NOT NULL,
            named INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX fused_type ON fused_events(type, start);
        CREATE TABLE fused_participants (
            fused_id TEXT NOT NULL REFERENCES fused_events(id),
            role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
            code TEXT NOT NULL,
            PRIMARY KEY (fused_id, role, code)
        ) WITHOUT ROWID;
        CREATE INDEX fused_participants_code ON fused_participants(code, role);
        CREATE INDEX fused_start ON fused_events(start);
        CREATE TABLE fused_members (
            event_id TEXT PRIMARY KEY,
            fused_id TEXT NOT NULL REFERENCES fused_events(id)
        ) WITHOUT ROWID;
        CREATE INDEX fused_members_fused ON fused_members(fused_id);
        """,
    ),
    (
        "0004_relations",
        """
        CREATE TABLE relations (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            kind TEXT NOT NULL,
            detail TEXT,
            count INTEGER,
            status TEXT,
            date TEXT,
            date_end TEXT,
            date_precision TEXT,
            date_expression TEXT,
            place_name TEXT,
            place_country TEXT,
            place_start INTEGER,
            place_end INTEGER,
            source TEXT,
            method TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL
        );
        CREATE INDEX relations_doc ON relations(doc_id);
        CREATE INDEX relations_kind ON relations(kind);
        CREATE TABLE relation_participants (
            relation_id TEXT NOT NULL REFERENCES relations(id),
            role TEXT NOT NULL CHECK (role IN ('subject', 'object')),
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            code TEXT,
            sector TEXT,
            name TEXT,
            reason TEXT,
            mention_id TEXT,
            PRIMARY KEY (relation_id, role, idx)
        ) WITHOUT ROWID;
        CREATE INDEX relation_participants_code ON relation_participants(code, role, relation_id);
        """,
    ),
    (
        "0005_analysis",
        """
        CREATE TABLE dyad_months (
            actor TEXT NOT NULL,
            recipient TEXT NOT NULL,
            month TEXT NOT NULL,
            modality TEXT NOT NULL,
            events INTEGER NOT NULL,
            cooperative INTEGER NOT NULL,
            conflictual INTEGER NOT NULL,
            goldstein_sum REAL NOT NULL,
            relations INTEGER NOT NULL,
            PRIMARY KEY (actor, recipient, month, modality)
        ) WITHOUT ROWID;
        CREATE INDEX dyad_months_recipient ON dyad_months(recipient, actor, month);
        CREATE TABLE realignments (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            toward TEXT NOT NULL,
            away TEXT NOT NULL,
            start TEXT NOT NULL,
            end TEXT NOT NULL,
            magnitude REAL NOT NULL,
            confidence REAL NOT NULL,
            score REAL NOT NULL,
            shifts TEXT NOT NULL,
            drivers TEXT NOT NULL,
            precedents TEXT NOT NULL,
            method TEXT NOT NULL
        );
        CREATE INDEX realignments_state ON realignments(state, end);
        CREATE INDEX realignments_score ON realignments(score);
        """,
    ),
    (
        "0006_event_pages",
        # Keyset pages of events in date order (the API's default sort) read these indexes instead of
        # sorting the table: all events, events of one type, all events by Goldstein score, and the events of one actor code (each
        # participant row carries its event's date for that); see store/event_query.py.
        """
        CREATE INDEX events_sort_date ON events(coalesce(date, ''), id);
        CREATE INDEX events_type_sort_date ON events(type, coalesce(date, ''), id);
        CREATE INDEX events_sort_goldstein ON events(goldstein, id);
        ALTER TABLE event_participants ADD COLUMN date_key TEXT NOT NULL DEFAULT '';
        UPDATE event_participants SET date_key = coalesce((SELECT date FROM events WHERE id = event_id), '');
        CREATE INDEX participants_code_date ON event_participants(code, date_key, event_id);
        """,
    ),
    (
        "0007_dyad_ruptures",
        # Acts that end a tie which existed before them, per dyad and month (analysis/realignment.py).
        """
        ALTER TABLE dyad_months ADD COLUMN ruptures INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        "0008_agreed_acts",
        # The act an AGREE commits to ("agrees to withdraw its troops": RETREAT withdraw), and whether an
        # event ends a tie (model.Event.ends_tie), read by the alignment aggregate; events coded before
        # this have neither until `geopivot recode`.
        """
        ALTER TABLE events ADD COLUMN agreed_type TEXT;
        ALTER TABLE events ADD COLUMN agreed_mode TEXT;
        ALTER TABLE events ADD COLUMN ends_tie INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX events_ends_tie ON events(id) WHERE ends_tie = 1;
        """,
    ),
    (
        "0009_store_generation",
        # One counter, raised by every committed write: a reader that cached an answer knows, with one
        # row read, whether the store has changed since (the HTTP API's aggregate cache, web/stores.py).
        """
        CREATE TABLE store_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
        INSERT INTO store_generation VALUES (1, 0);
        """,
    ),
    (
        "0010_dyad_periods",
        # Fused events per unordered pair of codes (lo < hi), month, modality, type and QuadClass, so a
        # dyad's monthly or yearly series is an index range, not a join over every event of the pair.
        # ``way``: 'forward' (lo -> hi only), 'backward' (hi -> lo only) or 'both', so that each event
        # counts once in either reading. Kept in step with fused_events by SQLiteStore.replace_fusion.
        """
        CREATE TABLE dyad_periods (
            lo TEXT NOT NULL,
            hi TEXT NOT NULL,
            way TEXT NOT NULL CHECK (way IN ('forward', 'backward', 'both')),
            month TEXT NOT NULL,
            modality TEXT NOT NULL,
            type TEXT NOT NULL,
            quad_class INTEGER NOT NULL,
            events INTEGER NOT NULL,
            mentions INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            goldstein_sum REAL NOT NULL,
            PRIMARY KEY (lo, hi, modality, month, way, type, quad_class)
        ) WITHOUT ROWID;
        """ + "INSERT INTO dyad_periods " + DYAD_PERIODS_SELECT + ";",
    ),
    (
        "0011_event_pairs",
        # Each event under the unordered pair of codes it runs between (an actor on one side, a
        # recipient on the other), in date order: a dyad's page of events is an index range instead of
        # a walk through every event of its first state (store/event_query.py).
        """
        CREATE TABLE event_pairs (
            lo TEXT NOT NULL,
            hi TEXT NOT NULL,
            date_key TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(id),
            PRIMARY KEY (lo, hi, date_key, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_pairs_event ON event_pairs(event_id);
        """ + "INSERT OR IGNORE INTO event_pairs " + EVENT_PAIRS_SELECT + ";",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
