"""The HTTP API and the dashboard, served by one FastAPI app (see docs/api.md).

Endpoints are thin: each parses its parameters and calls one library
function in :mod:`geopivot.queries`, :mod:`geopivot.analysis` or the ingest
job. Errors are JSON of one shape, ``{"error": {"type", "message", "status"}}``.
"""

from __future__ import annotations

import hmac
from contextlib import asynccontextmanager
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import queries
from ..errors import GeopivotError, InputError, NotFoundError, QueryError, StoreError
from ..ingest import iter_objects
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import EventFilter, SQLiteStore
from .answers import AnswerCache
from .errors import ApiError, error_response
from .responses import FastJSON, SecurityHeaders
from .stores import StoreOwner

# FastAPI records OpenTelemetry spans and metrics unless told not to; geopivot sends nothing anywhere.
NO_TELEMETRY = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False,
                "auto_configure": False}
STATIC_DIR = Path(__file__).parent / "static"
MAX_BATCH_DOCUMENTS = 200
# A brief is our own HTML around article sentences: it may style itself and draw inline SVG, nothing else.
BRIEF_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


class DocumentIn(BaseModel):
    text: str = Field(description="The document's text (plain text; HTML is not parsed here).")
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or date-time of publication.")
    source: str | None = Field(None, description="Outlet name.")
    url: str | None = Field(None, description="Recorded only: ingest never fetches it.")


class BatchIn(BaseModel):
    documents: list[DocumentIn] = Field(max_length=MAX_BATCH_DOCUMENTS)


class Resources:
    """What the endpoints share: the store owner, the settings and the lazily loaded name tables."""

    def __init__(self, owner: StoreOwner, settings: Settings, token: str | None,
                 states: dict[str, queries.State] | None):
        self.owner, self.settings, self.token = owner, settings, token
        self.answers = AnswerCache(settings.api_cache_entries)
        if states is not None:  # a small world given by the caller (tests): its names serve the briefs too
            self.states = states
            self.state_names = {code: state.name for code, state in states.items()}

    @cached_property
    def states(self) -> dict[str, queries.State]:
        return queries.load_states()

    @cached_property
    def state_names(self) -> dict[str, str]:
        from ..actors import load_actor_index

        return load_actor_index().state_names()


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    pipeline_factory: Callable[[], Pipeline] | None = None,
    states: dict[str, queries.State] | None = None,
) -> FastAPI:
    """The app serving ``db_path``. Ingest endpoints answer only when a token is set (``token``, else
    the ``api_token`` setting); CORS headers are sent only for the ``cors_origins`` setting."""
    from ..resources import build_pipeline

    settings = settings or Settings.from_env()
    token = token or settings.api_token or None
    cors_origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    owner = StoreOwner(str(db_path), settings, pipeline_factory or (lambda: build_pipeline(settings)))
    res = Resources(owner, settings, token, states)
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        owner.close()

    app = FastAPI(title="geopivot", version=_version(), lifespan=lifespan, telemetry=NO_TELEMETRY,
                  default_response_class=FastJSON,
                  description="Sourced, time-resolved political events and realignments. See docs/api.md.")
    app.state.resources = res
    _install_error_handlers(app)
    _install_headers(app)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.include_router(_read_routes(res), prefix="/api/v1")
    app.include_router(_write_routes(res), prefix="/api/v1")
    if STATIC_DIR.is_dir():
        app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="dashboard")
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geopivot")
    except PackageNotFoundError:
        return "0+unknown"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GeopivotError)
    async def geopivot_error(request: Request, exc: GeopivotError):
        if isinstance(exc, NotFoundError):
            return error_response(404, "not_found", str(exc))
        if isinstance(exc, (QueryError, InputError)):
            return error_response(400, "bad_request", str(exc))
        if isinstance(exc, StoreError):
            return error_response(503, "store_error", str(exc))
        return error_response(500, "internal_error", str(exc))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.kind, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return error_response(422, "validation_error", f"the request does not fit the schema ({problems}); "
                              "see /openapi.json")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, kind, str(exc.detail))


def _install_headers(app: FastAPI) -> None:
    app.add_middleware(SecurityHeaders)


def _read_routes(res: Resources):
    from fastapi import APIRouter

    from ..analysis import brief as briefs

    router = APIRouter(tags=["read"])
    poles = res.settings.pole_codes

    def store():
        return res.owner.reader()

    # Reads that take a few milliseconds (an index range, a kept or small aggregate) run on the event
    # loop: a hop to the thread pool and back costs as much as the query. Heavier ones (alignment
    # maps, briefs, country pages on a cold store) stay in the pool so they hold up no one.

    def kept(key: tuple, compute: Callable[[SQLiteStore], object]) -> Response:
        """An aggregate answer, computed once per store generation (web/answers.py)."""
        reader = store()
        body = res.answers.answer(key, reader.generation(), lambda: FastJSON(compute(reader)).body)
        return Response(body, media_type="application/json")

    @router.get("/summary")
    def summary():
        return kept(("summary",), lambda s: queries.summary(s, poles) | {
            "pole_names": {p: res.states[p].name if p in res.states else p for p in poles}})

    @router.get("/states")
    async def states():
        return FastJSON({"items": [{"code": s.code, "name": s.name, "numeric": s.numeric}
                                   for s in sorted(res.states.values(), key=lambda s: s.code)]})

    @router.get("/documents")
    async def documents(limit: int | None = None, cursor: str | None = None):
        return FastJSON(queries.documents_page(store(), cursor, limit))

    @router.get("/documents/{doc_id}")
    async def document(doc_id: str):
        return FastJSON(queries.document(store(), doc_id))

    @router.get("/events")
    async def events(
        country: str | None = None, actor: str | None = None, recipient: str | None = None,
        dyad: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}-[A-Za-z]{3}$", description="AAA-BBB")] = None,
        type: Annotated[list[str] | None, Query(description="PLOVER type(s)")] = None,  # noqa: A002
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        since: str | None = None, until: str | None = None, modality: str | None = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        sort: str = "date", limit: int | None = None, cursor: str | None = None,
    ):
        where = EventFilter(country=country, actor=actor, recipient=recipient,
                            dyad=tuple(dyad.split("-")) if dyad else None,
                            type=",".join(type) if type else None, quad_class=quad_class, since=since,
                            until=until, modality=modality, q=q, sort=sort, limit=limit, cursor=cursor)
        return FastJSON(queries.events_page(store(), where))

    @router.get("/events/{event_id}")
    async def event(event_id: str):
        return FastJSON(queries.event_evidence(store(), event_id))

    @router.get("/dyads/{actor}/{recipient}")
    async def dyad(actor: str, recipient: str, period: str = "month", directed: bool = True,
             modality: str | None = "asserted"):
        a, r = actor.upper(), recipient.upper()
        return kept(("dyad", a, r, period, directed, modality or None), lambda s: {
            "actor": a, "recipient": r, "period": period,
            "series": queries.dyad(s, a, r, period, directed, modality or None)})

    @router.get("/alignment/{state}")
    def alignment(state: str, period: str = "year", poles_: Annotated[str | None, Query(alias="poles")] = None):
        chosen = tuple(p.strip().upper() for p in poles_.split(",")) if poles_ else poles
        return kept(("alignment", state.upper(), period, chosen), lambda s: {
            "state": state.upper(), "period": period, "items": queries.state_alignment(s, state, chosen, period)})

    @router.get("/alignment-map")
    def alignment_map(pole: str = "RUS", period: str = "year"):
        return kept(("alignment-map", pole, period), lambda s: queries.alignment_map(s, pole, period, res.states))

    @router.get("/realignments")
    def realignments(country: str | None = None, since: str | None = None,
                     top: Annotated[int, Query(ge=1, le=500)] = 20):
        return kept(("realignments", country, since, top), lambda s: {"items": s.realignments(country, since, top)})

    @router.get("/actors")
    def actors(q: Annotated[str | None, Query(max_length=40)] = None, limit: int = 50):
        return FastJSON(queries.actors(store(), res.states, q, limit))

    @router.get("/countries/{iso3}")
    def country(iso3: str):
        return kept(("country", iso3.upper()), lambda s: queries.country_profile(s, iso3, res.states, poles))

    @router.get("/network/{iso3}")
    def network(iso3: str, since: str | None = None):
        return kept(("network", iso3.upper(), since), lambda s: queries.network(s, iso3, res.states, since))

    @router.get("/briefs/{iso3}", response_class=HTMLResponse,
                responses={200: {"content": {"text/html": {}, "text/markdown": {}}}})
    def brief(iso3: str, since: str | None = None, format: str = "html"):  # noqa: A002
        if format not in ("html", "md"):
            raise ApiError(400, "bad_request", f"format {format!r} is not one of html, md (PDF: `geopivot brief`)")
        built = briefs.build_brief(store(), iso3.upper(), res.state_names, since)
        if format == "md":
            return PlainTextResponse(briefs.to_markdown(built), media_type="text/markdown; charset=utf-8")
        return HTMLResponse(briefs.to_html(built), headers={"Content-Security-Policy": BRIEF_POLICY})

    @router.get("/cite")
    def cite():
        from ..export import citation

        return FastJSON(citation(store()).as_dict())

    return router


def _write_routes(res: Resources):
    from fastapi import APIRouter

    router = APIRouter(tags=["write"])

    def authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        if res.token is None:
            raise ApiError(403, "forbidden", "writes are switched off on this server; start it with a token "
                           "(GEOPIVOT_API_TOKEN, or `geopivot serve --token-file FILE`) to allow ingest")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), res.token.encode()):
            raise ApiError(401, "unauthorized", "send the server's token as 'Authorization: Bearer <token>'")

    def ingest(objects: list[dict], origin: str) -> dict:
        report = res.owner.ingest(iter_objects(objects, origin, res.settings.max_document_chars))
        return {"read": report.read, "stored": report.stored, "already_stored": report.already_stored,
                "near_duplicates": report.near_duplicates, "events": report.events, "fused": report.fused,
                "skipped": dict(report.skipped),
                "failures": [{"origin": f.origin, "reason": f.reason, "message": f.message}
                             for f in report.failures]}

    @router.post("/documents", dependencies=[Depends(authorised)])
    def post_document(doc: DocumentIn):
        return ingest([_as_record(doc)], "api:document")

    @router.post("/documents/batch", dependencies=[Depends(authorised)])
    def post_batch(batch: BatchIn):
        return ingest([_as_record(d) for d in batch.documents], "api:batch")

    return router


def _as_record(doc: DocumentIn) -> dict:
    return {"text": doc.text, "title": doc.title, "published": doc.published, "source": doc.source, "url": doc.url}

