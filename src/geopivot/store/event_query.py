"""Which stored events a reader asks for: filters, an allow-listed sort, and keyset cursors.

The CLI's `events` and `export`, the library API and the HTTP API all describe
their question as one :class:`EventFilter`; :func:`event_sql` turns it into a
parameterised query. No caller's text ever becomes SQL: filter values are
bound parameters and sort names are looked up in :data:`SORT_COLUMNS`.

Pages are cut by a keyset cursor (the last row's sort value and id), not by
OFFSET, so page 1,000 costs what page 1 costs and rows inserted meanwhile do
not shift the pages.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, replace

from ..errors import QueryError

# Public sort name -> SQL expression. Nullable columns are coalesced so that the keyset
# comparison (expr, id) > (value, id) is total. date and goldstein pages read an index (migration
# 0006); the others sort the matching rows, which costs a scan on a big store.
SORT_COLUMNS = {
    "date": "coalesce(e.date, '')",
    "type": "e.type",
    "goldstein": "e.goldstein",
    "quad_class": "e.quad_class",
    "confidence": "e.confidence",
    "published": "coalesce(d.published, '')",
}
MAX_QUERY_WORDS = 8


@dataclass(frozen=True)
class EventFilter:
    """A question about stored events. Every field is optional; None means "any"."""

    country: str | None = None  # on either side
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date or prefix ("2024-03"), inclusive
    type: str | None = None  # PLOVER type, or several joined by commas
    modality: str | None = None
    limit: int | None = None
    actor: str | None = None
    recipient: str | None = None
    dyad: tuple[str, str] | None = None  # either direction
    quad_class: int | None = None
    q: str | None = None  # words that must all appear in the sentence
    sort: str | None = None  # a SORT_COLUMNS name, "-" prefix for descending; None: document order
    cursor: str | None = None  # from encode_cursor, for the page after it
    doc_id: str | None = None

    @property
    def types(self) -> list[str]:
        return [t.strip().upper() for t in (self.type or "").split(",") if t.strip()]

    @property
    def words(self) -> list[str]:
        words = (self.q or "").split()
        if len(words) > MAX_QUERY_WORDS:
            raise QueryError(f"text search has {len(words)} words; use at most {MAX_QUERY_WORDS}")
        return words


def sort_key(sort: str | None) -> tuple[str, bool]:
    """(SQL expression, descending) of a public sort name; raises on a name not allowed."""
    name = (sort or "date").strip()
    descending = name.startswith("-")
    name = name.lstrip("-")
    if name not in SORT_COLUMNS:
        raise QueryError(f"unknown sort column {name!r}; use one of: {', '.join(SORT_COLUMNS)} "
                         "(prefix '-' to sort descending)")
    return SORT_COLUMNS[name], descending


def encode_cursor(sort: str | None, row: dict) -> str:
    """The opaque cursor that continues after ``row`` in ``sort`` order."""
    name = (sort or "date").lstrip("-")
    value = row.get(name)
    if name in ("date", "published"):
        value = value or ""
    raw = json.dumps([name, value, row["id"]], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str | None) -> tuple[object, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, value, last_id = json.loads(raw)
    except (ValueError, TypeError):
        raise QueryError("the cursor is not one this server gave out; start again without it") from None
    if name != (sort or "date").lstrip("-") or not isinstance(last_id, str):
        raise QueryError("the cursor belongs to a different sort order; start again without it")
    return value, last_id


def where_clauses(where: EventFilter) -> tuple[list[str], list]:
    clauses: list[str] = []
    params: list = []

    def side(code: str, role: str | None) -> None:
        role_sql = "" if role is None else " AND p.role = ?"
        clauses.append(f"EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.code = ?{role_sql})")
        params.extend([code.upper()] if role is None else [code.upper(), role])

    if where.country:
        side(where.country, None)
    if where.actor:
        side(where.actor, "actor")
    if where.recipient:
        side(where.recipient, "recipient")
    if where.dyad:
        a, b = (c.upper() for c in where.dyad)
        pair = ("EXISTS (SELECT 1 FROM event_participants p JOIN event_participants q ON q.event_id = p.event_id "
                "AND q.role = 'recipient' WHERE p.event_id = e.id AND p.role = 'actor' AND p.code = ? AND q.code = ?)")
        clauses.append(f"({pair} OR {pair})")
        params += [a, b, b, a]
    if where.doc_id:
        clauses.append("e.doc_id = ?")
        params.append(where.doc_id)
    # Both bounds are written on coalesce(e.date, '') so that a date-sorted page reads a range of the
    # events_sort_date index. "until 2024-03" takes every date whose first characters are at most
    # 2024-03: any ISO date below "2024-03~" ('~' sorts after digits and '-').
    if where.since:
        clauses.append("coalesce(e.date, '') >= ?")
        params.append(where.since)
    if where.until:
        clauses.append("e.date IS NOT NULL AND coalesce(e.date, '') < ?")
        params.append(where.until + "~")
    if types := where.types:
        clauses.append(f"e.type IN ({', '.join('?' * len(types))})")
        params += types
    if where.modality:
        clauses.append("e.modality = ?")
        params.append(where.modality)
    if where.quad_class is not None:
        clauses.append("e.quad_class = ?")
        params.append(int(where.quad_class))
    for word in where.words:
        clauses.append("instr(lower(substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)), ?) > 0")
        params.append(word.lower())
    return clauses, params


EVENT_SELECT_SQL = (
    "SELECT e.*, d.title, d.source, d.published, d.origin, "
    "substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence, "
    "substr(d.text, e.trigger_start + 1, e.trigger_end - e.trigger_start) AS trigger, "
    "(SELECT group_concat(coalesce(code, '?'), ';') FROM (SELECT code FROM event_participants "
    "  WHERE event_id = e.id AND role = 'actor' ORDER BY idx)) AS actor_codes, "
    "(SELECT group_concat(coalesce(code, '?'), ';') FROM (SELECT code FROM event_participants "
    "  WHERE event_id = e.id AND role = 'recipient' ORDER BY idx)) AS recipient_codes "
)
EVENT_COLUMNS_SQL = EVENT_SELECT_SQL + "FROM events e JOIN documents d ON d.id = e.doc_id"
# Reading one code's events in date order from the participants' (code, date_key, event_id) index;
# the NOT EXISTS keeps one row per event when the code fills two places in it (a domestic event);
# its "+p2.code" keeps SQLite on the primary key (event_id first) instead of the code index.
BY_CODE_SQL = (
    EVENT_SELECT_SQL + "FROM event_participants p JOIN events e ON e.id = p.event_id "
    "JOIN documents d ON d.id = e.doc_id WHERE p.code = ?{role} AND NOT EXISTS (SELECT 1 FROM event_participants p2 "
    "WHERE p2.event_id = p.event_id AND +p2.code = p.code{role2} AND (p2.role < p.role OR (p2.role = p.role "
    "AND p2.idx < p.idx)))"
)


def _code_driver(where: EventFilter) -> tuple[EventFilter, str, str | None] | None:
    """The filter left after taking one code to drive a date-ordered read, that code and its role."""
    if (where.sort or "date").lstrip("-") != "date":
        return None
    if where.actor:
        return replace(where, actor=None), where.actor, "actor"
    if where.recipient:
        return replace(where, recipient=None), where.recipient, "recipient"
    if where.country:
        return replace(where, country=None), where.country, None
    return None


# A dyad's events in date order from the event_pairs index (lo < hi: each event once per pair).
BY_PAIR_SQL = (
    EVENT_SELECT_SQL + "FROM event_pairs p JOIN events e ON e.id = p.event_id "
    "JOIN documents d ON d.id = e.doc_id WHERE p.lo = ? AND p.hi = ?"
)


def event_sql(where: EventFilter) -> tuple[str, list]:
    """The parameterised SELECT for ``where``: document order when no sort is asked for,
    else the sort column with the event id as tie-breaker, continuing after the cursor."""
    if where.sort is None and where.cursor is None:
        clauses, params = where_clauses(where)
        return _finish(EVENT_COLUMNS_SQL, clauses, params, "e.date, e.doc_id, e.sentence_start, e.trigger_start",
                       where.limit)
    dated = (where.sort or "date").lstrip("-") == "date"
    driver = _code_driver(where)
    has_where = dated and (where.dyad is not None or driver is not None)
    if dated and where.dyad:
        clauses, params = where_clauses(replace(where, dyad=None))
        sql, params = BY_PAIR_SQL, [*sorted(c.upper() for c in where.dyad), *params]
        expr, id_expr = "p.date_key", "p.event_id"
    elif driver is not None:
        rest, code, role = driver
        clauses, params = where_clauses(rest)
        sql = BY_CODE_SQL.format(role="" if role is None else " AND p.role = ?",
                                 role2="" if role is None else " AND p2.role = p.role")
        params = [code.upper(), *([role] if role else []), *params]
        expr, id_expr = "p.date_key", "p.event_id"
    else:
        clauses, params = where_clauses(where)
        sql, (expr, _), id_expr = EVENT_COLUMNS_SQL, sort_key(where.sort), "e.id"
    descending = (where.sort or "date").startswith("-")
    op, direction = ("<", "DESC") if descending else (">", "ASC")
    if where.cursor:
        value, last_id = decode_cursor(where.cursor, where.sort)
        clauses.append(f"({expr} {op} ? OR ({expr} = ? AND {id_expr} {op} ?))")
        params += [value, value, last_id]
    return _finish(sql, clauses, params, f"{expr} {direction}, {id_expr} {direction}", where.limit, has_where)


def _finish(sql: str, clauses: list[str], params: list, order: str, limit: int | None,
            has_where: bool = False) -> tuple[str, list]:
    if clauses:
        sql += (" AND " if has_where else " WHERE ") + " AND ".join(clauses)
    sql += f" ORDER BY {order}"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return sql, params
