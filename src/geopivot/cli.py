"""The `geopivot` command. Each command calls one library function and formats its result."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.padding import Padding

from . import api
from .errors import GeopivotError
from .jobs import IngestReport
from .serialize import event_to_dict
from .settings import Settings, settings_markdown

app = typer.Typer(
    help="geopivot: sourced, time-resolved political events and realignments from news and briefs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", help="SQLite database file (default: geopivot.db or $GEOPIVOT_DB_PATH).")
EVENT_COLUMNS = (
    "date", "date_precision", "type", "mode", "modality", "actor_codes", "recipient_codes",
    "cameo", "goldstein", "quad_class", "source", "sentence",
)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .txt .html .pdf .jsonl .csv"),
    db: Optional[Path] = DbOption,
    batch_size: Optional[int] = typer.Option(None, help="Documents per batch and transaction."),
) -> None:
    """Read, code and store documents. Running it again on the same input adds nothing.

    Example: geopivot ingest ../shared/seeds/ --db niger.db
    """
    settings = Settings.from_env(db_path=str(db) if db else None, batch_size=batch_size)
    report = _ingest_with_progress(paths, settings)
    _print_report(report, settings.db_path)


def _ingest_with_progress(paths, settings: Settings) -> IngestReport:
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} read"),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("reading", total=None)

        def load_pipeline():
            progress.update(task, description="loading the English model")
            return api.build_pipeline(settings)

        def on_item(origin: str) -> None:
            progress.update(task, advance=1, description=f"ingesting {Path(origin).name[:40]}")

        return api.ingest(paths, settings.db_path, settings=settings, pipeline=load_pipeline, on_item=on_item)


def _print_report(report: IngestReport, db: str | None) -> None:
    out.print(
        f"read {report.read} · stored {report.stored} documents ({report.sentences} sentences, "
        f"{report.events} events) · already stored {report.already_stored} · "
        f"near-duplicates linked {report.near_duplicates} · skipped {report.failed}"
    )
    if report.fused:
        out.print(f"fused: the event types this run touched now hold {report.fused} distinct events "
                  "(see `geopivot fused`)")
    for reason, count in sorted(report.skipped.items()):
        out.print(f"  skipped {count}: {reason}")
    for failure in report.failures[:20]:
        err.print(f"  [yellow]skipped[/] {failure.message}", highlight=False, markup=True)
    if len(report.failures) > 20:
        err.print(f"  ... and {len(report.failures) - 20} more (all are listed in the failures table)")
    if db:
        out.print(f"database: {db}")


@app.command()
def recode(
    db: Optional[Path] = DbOption,
    everything: bool = typer.Option(False, "--all", help="Re-code every document, not only stale ones."),
) -> None:
    """Re-code stored documents coded by an older coder or actor list (texts and metadata stay).

    Example: geopivot recode --db geopivot-demo.db
    """
    settings = Settings.from_env(db_path=str(db) if db else None)
    _require_db(settings.db_path)
    report = api.recode(settings.db_path, everything=everything, settings=settings)
    out.print(f"re-coded {report.recoded} documents · {report.up_to_date} already up to date · "
              f"{len(report.failures)} failed")
    for failure in report.failures[:20]:
        err.print(f"  [yellow]failed[/] {failure.message}", highlight=False)


@app.command()
def code(
    text: str = typer.Argument(..., help="The text to code (quote it)."),
    date: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD, for relative dates."),
) -> None:
    """Print the events found in one text as JSON, without a database.

    Example: geopivot code "Niger expelled the French ambassador." --date 2023-08-26
    """
    doc = api.code_text(text, date)
    typer.echo(json.dumps([event_to_dict(doc, e) for e in doc.events], indent=2, ensure_ascii=False))


@app.command()
def events(
    db: Optional[Path] = DbOption,
    country: Optional[str] = typer.Option(None, help="ISO 3166 alpha-3 code of an actor or recipient, e.g. NER."),
    since: Optional[str] = typer.Option(None, help="Earliest event date, YYYY[-MM[-DD]]."),
    until: Optional[str] = typer.Option(None, help="Latest event date, YYYY[-MM[-DD]] (inclusive)."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. SANCTION."),
    modality: Optional[str] = typer.Option(None, help="asserted, intended, hypothetical, negated or reported."),
    limit: Optional[int] = typer.Option(None, help="At most this many events."),
    format_: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """List stored events with their evidence sentence.

    Example: geopivot events --country NER --since 2023-07 --type SANCTION --format csv
    """
    if format_ not in ("table", "json", "csv"):
        raise typer.BadParameter(f"{format_!r}; use table, json or csv", param_hint="--format")
    db_path = _existing_db(db)
    rows = api.events(db_path, country=country, since=since, until=until, type=type_,
                      modality=modality, limit=limit)
    if format_ == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif format_ == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(EVENT_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    else:
        _events_table(rows)
    if not rows:
        err.print("no events match these filters (see `geopivot summary` for what the database holds)")


def _events_table(rows: list[dict]) -> None:
    """One block per event: a header line, then its evidence sentence indented beneath."""
    for r in rows:
        mode = f"/{r['mode']}" if r["mode"] else ""
        head = (f"[bold]{r['date'] or '?'}[/] [dim]({r['date_precision']})[/]  [bold]{r['type']}{mode}[/]  "
                f"{r['actor_codes'] or '?'} → {r['recipient_codes'] or '-'}  {r['modality']}  "
                f"[dim]{r['source'] or r['origin'] or ''}[/]")
        out.print(head, highlight=False)
        out.print(Padding(escape(r["sentence"].replace("\n", " ")), (0, 0, 1, 4)), highlight=False)


@app.command()
def fused(
    db: Optional[Path] = DbOption,
    min_sources: int = typer.Option(1, help="Only events told by at least this many documents."),
    limit: Optional[int] = typer.Option(20, help="At most this many events (0: all)."),
    format_: str = typer.Option("table", "--format", help="table or json."),
    refuse: bool = typer.Option(False, "--refuse", help="Re-fuse every stored event first."),
) -> None:
    """List events fused from several reports, with every source sentence.

    Example: geopivot fused --db geopivot-demo.db --min-sources 2
    """
    if format_ not in ("table", "json"):
        raise typer.BadParameter(f"{format_!r}; use table or json", param_hint="--format")
    db_path = _existing_db(db)
    if refuse:
        report = api.fuse(db_path)
        err.print(f"re-fused {report.mentions} event mentions into {report.fused} events "
                  f"({report.multi_source} told by more than one document)")
    rows = api.fused_events(db_path, min_documents=min_sources, limit=limit or None)
    if format_ == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        mode = f"/{r['mode']}" if r["mode"] else ""
        out.print(f"[bold]{r['start']}[/]..{r['end']} [dim]({r['precision']})[/]  [bold]{r['type']}{mode}[/]  "
                  f"{r['actor_codes']} → {r['recipient_codes'] or '-'}  {r['modality']}  "
                  f"[dim]{r['n_documents']} documents, {r['n_mentions']} mentions[/]", highlight=False)
        for src in r["sources"]:
            out.print(Padding(escape(f"{src['published'] or '?'} {src['source'] or ''}: "
                                     + src["sentence"].replace("\n", " ")), (0, 0, 0, 4)), highlight=False)
        out.print()
    if not rows:
        err.print("no fused events match (ingest documents first, or lower --min-sources)")


@app.command()
def dyad(
    actor: str = typer.Argument(..., help="ISO 3166 alpha-3 (or IGO/EUR...) code of the actor, e.g. NER."),
    recipient: str = typer.Argument(..., help="Code of the recipient, e.g. USA."),
    db: Optional[Path] = DbOption,
    period: str = typer.Option("month", help="day, week, month or year."),
    undirected: bool = typer.Option(False, "--undirected", help="Count both directions."),
    modality: str = typer.Option("asserted", help="Which events count: asserted (default), intended, ... or all."),
    format_: str = typer.Option("table", "--format", help="table, csv or json."),
) -> None:
    """How two actors dealt with each other, period by period (distinct fused events).

    Example: geopivot dyad NER USA --period month --db wcep.db
    """
    if format_ not in ("table", "csv", "json"):
        raise typer.BadParameter(f"{format_!r}; use table, csv or json", param_hint="--format")
    db_path = _existing_db(db)
    try:
        rows = api.dyad(actor, recipient, db_path, period=period, directed=not undirected,
                        modality=None if modality == "all" else modality)
    except ValueError as problem:
        raise typer.BadParameter(str(problem), param_hint="--period") from None
    if format_ == "json":
        typer.echo(json.dumps(rows, indent=2))
    elif format_ == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["period", "events"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        shown = [r for r in rows if r["events"]]
        for r in shown:
            types = ", ".join(f"{k} {v}" for k, v in r.items() if k.isupper() and v)
            out.print(f"{r['period']}  {r['events']:3d} events  Goldstein {r['goldstein_sum']:+7.1f}  "
                      f"coop {r['verbal_cooperation'] + r['material_cooperation']}  "
                      f"conflict {r['verbal_conflict'] + r['material_conflict']}  {types}", highlight=False)
        err.print(f"{len(rows)} periods in the coverage window, {len(shown)} with events "
                  "(--format csv lists every period, zeros included)")


@app.command()
def alignment(
    state: str = typer.Argument(..., help="ISO 3166 alpha-3 code, e.g. NER."),
    db: Optional[Path] = DbOption,
    poles: Optional[str] = typer.Option(None, help="Comma-separated pole codes (default USA,RUS,CHN,FRA,EUR)."),
    period: str = typer.Option("year", help="month or year."),
    format_: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Alignment of a state toward each pole per period: score in [-1, 1] with a 90% interval.

    Example: geopivot alignment NER --period year --db wcep.db
    """
    db_path = _existing_db(db)
    rows = api.alignment(state, db_path, poles=poles.split(",") if poles else None, period=period)
    if format_ == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        if r["cooperative"] + r["conflictual"]:
            out.print(f"{r['period']}  {r['pole']}  {r['score']:+.2f}  [{r['low']:+.2f}, {r['high']:+.2f}]  "
                      f"({r['cooperative']} cooperative, {r['conflictual']} conflictual)", highlight=False)


@app.command()
def realignments(
    db: Optional[Path] = DbOption,
    since: Optional[str] = typer.Option(None, help="Only realignments ending on or after this YYYY[-MM]."),
    country: Optional[str] = typer.Option(None, help="ISO 3166 alpha-3 code of the state, e.g. NER."),
    top: int = typer.Option(20, help="How many, strongest first."),
    refresh: bool = typer.Option(False, "--refresh", help="Re-run the detection over the store first."),
    format_: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """States moving away from one power and toward another, with the events that drive it.

    Example: geopivot realignments --since 2015 --top 20 --db wcep.db
    """
    db_path = _existing_db(db)
    rows = api.realignments(db_path, country=country, since=since, top=top, refresh=refresh)
    if format_ == "json":
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    for r in rows:
        out.print(f"[bold]{r['state']}[/]: away from {r['away'].replace(';', ', ')} → toward [bold]{r['toward']}[/]  "
                  f"{r['start']}..{r['end']}  magnitude {r['magnitude']:.2f}  confidence {r['confidence']:.2f}",
                  highlight=False)
        for d in r["drivers"][:3]:
            out.print(Padding(escape(f"{d['start']} {d['type']} {d['actor_codes']}→{d['recipient_codes']}: "
                                     f"{(d.get('sentence') or '').strip()[:160]}"), (0, 0, 0, 4)), highlight=False)
        for p in r["precedents"]:
            when = f" {p['start']}..{p['end']}" if p["start"] else ""
            out.print(f"    before it: {p['state']}{when} ({p['why']})", highlight=False)
    if not rows:
        err.print("no realignments found (they need months of events between a state and the poles)")


@app.command()
def brief(
    state: str = typer.Argument(..., help="ISO 3166 alpha-3 code, e.g. NER."),
    db: Optional[Path] = DbOption,
    since: Optional[str] = typer.Option(None, help="Only events ending on or after YYYY[-MM[-DD]]."),
    format_: str = typer.Option("md", "--format", help="md, html or pdf."),
    out_file: Optional[Path] = typer.Option(None, "--out", help="Write here (needed for pdf); else print."),
) -> None:
    """Write an analyst brief: Bottom Line, cited timeline, trends, the realignment, open questions.

    Example: geopivot brief NER --since 2023-01 --format html --out niger.html --db geopivot-demo.db
    """
    if format_ not in ("md", "html", "pdf"):
        raise typer.BadParameter(f"{format_!r}; use md, html or pdf", param_hint="--format")
    if format_ == "pdf" and out_file is None:
        raise typer.BadParameter("a PDF needs --out FILE.pdf", param_hint="--out")
    db_path = _existing_db(db)
    text = api.brief(state, db_path, since=since, fmt=format_, out=out_file)
    if format_ == "pdf":
        err.print(f"brief written to {text}")
    elif out_file is not None:
        out_file.write_text(text, encoding="utf-8")
        err.print(f"brief written to {out_file}")
    else:
        typer.echo(text)


RELATION_KINDS = ("agreement", "presence", "rapprochement", "precedent", "claim")


@app.command()
def relations(
    db: Optional[Path] = DbOption,
    country: Optional[str] = typer.Option(None, help="ISO 3166 alpha-3 code of a party, e.g. NER."),
    kind: Optional[str] = typer.Option(None, help="agreement, presence, rapprochement, precedent or claim."),
    limit: Optional[int] = typer.Option(None, help="At most this many relations."),
    format_: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List relations that are not events: agreements, bases and troops abroad, states drawn closer,
    paths followed, and who a claim is attributed to, each with its sentence.

    Example: geopivot relations --db geopivot-demo.db --country NER --kind presence
    """
    if format_ not in ("table", "json"):
        raise typer.BadParameter(f"{format_!r}; use table or json", param_hint="--format")
    if kind and kind not in RELATION_KINDS:
        raise typer.BadParameter(f"{kind!r}; use one of {', '.join(RELATION_KINDS)}", param_hint="--kind")
    db_path = _existing_db(db)
    rows = api.relations(db_path, country=country, kind=kind, limit=limit)
    if format_ == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    for r in rows if format_ == "table" else ():
        extra = " ".join(x for x in (
            r["detail"] if r["kind"] != "claim" else f"source: {r['source']}", r["status"] or "",
            f"count {r['count']}" if r["count"] else "", f"since {r['date']}" if r["date"] else "",
            f"at {r['place_name']}" if r["place_name"] else "") if x)
        out.print(f"[bold]{r['kind']}[/]  {r['subject_codes'] or '?'} → {r['object_codes'] or '-'}  {escape(extra)}  "
                  f"[dim]{r['outlet'] or ''} {r['published'] or ''}[/]", highlight=False)
        out.print(Padding(escape(r["sentence"].replace("\n", " ")), (0, 0, 1, 4)), highlight=False)
    if not rows:
        err.print("no relations match these filters")


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSONL: one sentence per line with its hand-coded events."),
    as_json: bool = typer.Option(False, "--json", help="Print one machine-readable JSON object."),
    fusion: bool = typer.Option(False, "--fusion", help="The file holds reports labelled by event: score fusion."),
) -> None:
    """Score the event coder against hand-coded gold sentences (or fusion, with --fusion).

    Example: geopivot evaluate ../shared/eval/plover-gsr-dev.jsonl --json
    Example: geopivot evaluate tests/gold/fusion-gold.jsonl --fusion
    """
    from .evaluation import format_report

    if not gold.exists():
        raise GeopivotError(f"no gold file at {gold}; give a JSONL file of hand-coded sentences")
    if fusion:
        data = api.evaluate_fusion(gold)
        typer.echo(json.dumps(data, indent=2) if as_json else (
            f"{data['n_documents']} documents, {data['n_coded_mentions']} of {data['n_gold_mentions']} labelled "
            f"reports coded, {data['n_gold_events']} events -> {data['n_fused_events']} fused\n"
            f"fusion precision {data['fusion_precision']:.3f}  recall {data['fusion_recall']:.3f}  "
            f"F1 {data['fusion_f1']:.3f}"))
        return
    data = api.evaluate(gold)
    typer.echo(json.dumps(data, indent=2) if as_json else format_report(data))


@app.command()
def summary(db: Optional[Path] = DbOption) -> None:
    """Documents, sentences, events by type and the top dyads in a database.

    Example: geopivot summary --db geopivot-demo.db
    """
    db_path = _existing_db(db)
    _print_summary(api.summary(db_path))


def _print_summary(s) -> None:
    out.print(f"[bold]{s.documents}[/] documents ({s.first_date} to {s.last_date}), {s.sentences} sentences, "
              f"[bold]{s.events}[/] events; {s.near_duplicates} near-duplicates linked, {s.failures} inputs skipped")
    if s.events_by_type:
        out.print("events by type: " + ", ".join(f"{t} {n}" for t, n in s.events_by_type))
    if s.top_dyads:
        out.print("top dyads (actor → recipient): " + ", ".join(f"{a}→{r} {n}" for a, r, n in s.top_dyads))
    if s.fused_events:
        told = "is" if s.multi_source_events == 1 else "are"
        out.print(f"fused: {s.events} event mentions tell {s.fused_events} distinct events; "
                  f"{s.multi_source_events} {told} told by more than one document")
    if s.relations_by_kind:
        out.print("relations (not events): " + ", ".join(f"{k} {n}" for k, n in s.relations_by_kind))
    out.print(f"database: {Path(s.path).resolve()}")


@app.command()
def demo(db: Path = typer.Option(Path("geopivot-demo.db"), "--db", help="Where to build the demo database.")) -> None:
    """Ingest the bundled Sahel demo corpus and summarise it (what `make demo` runs).

    Example: geopivot demo --db geopivot-demo.db
    """
    settings = Settings.from_env(db_path=str(db))
    report = _ingest_with_progress([api.demo_corpus_path()], settings)
    _print_report(report, None)
    out.rule("summary")
    _print_summary(api.summary(settings.db_path))
    out.print(f"\nLook next:  geopivot events --db {db} --country NER --since 2023-07", highlight=False)
    out.print(f"            geopivot events --db {db} --type SANCTION --format csv", highlight=False)
    out.print(f"            geopivot fused --db {db} --min-sources 2", highlight=False)
    out.print(f"            geopivot relations --db {db} --country NER", highlight=False)
    out.print(f"\nDashboard:  make serve   (or: geopivot serve --db {db}), then open http://127.0.0.1:8000/",
              highlight=False)


@app.command()
def serve(
    db: Optional[Path] = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to bind. Keep the loopback default unless you "
                             "put a reverse proxy with TLS in front."),
    port: int = typer.Option(8000, help="TCP port."),
    token_file: Optional[Path] = typer.Option(None, help="File holding the token that switches on the ingest "
                                              "endpoints (else $GEOPIVOT_API_TOKEN; none: read-only)."),
    workers: int = typer.Option(1, help="Server processes sharing the port (one per core serves the most)."),
    access_log: bool = typer.Option(False, help="Log every request on stderr (costs about a fifth of the "
                                    "requests/s a small machine serves)."),
) -> None:
    """Serve the HTTP API (/api/v1, schema at /docs) and the dashboard (/) for one database.

    Example: geopivot serve --db geopivot-demo.db --port 8000
    """
    from .web.server import read_token, serve as run

    db_path = _existing_db(db)
    token = read_token(token_file) if token_file else None
    err.print(f"serving {db_path} on http://{host}:{port}/ (API at /api/v1, schema at /docs); "
              f"ingest endpoints {'on' if token or Settings.from_env().api_token else 'off (read-only)'}",
              highlight=False)
    run(db_path, host=host, port=port, token=token, workers=workers, access_log=access_log)


actors_app = typer.Typer(help="What names resolve to, and which stored names did not resolve.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("show")
def actors_show(
    name: str = typer.Argument(..., help="A state, capital, demonym, organisation or person."),
    date: Optional[str] = typer.Option(None, help="Resolve a person's office on this date (YYYY-MM-DD)."),
) -> None:
    """Show what a name resolves to.

    Example: geopivot actors show "Mohamed Bazoum" --date 2023-08-01
    """
    typer.echo(json.dumps(api.resolve_actor(name, date), indent=2, ensure_ascii=False))


@actors_app.command("add")
def actors_add(
    text: str = typer.Argument(..., help="The name as it is written in text, e.g. \"Sindh\"."),
    code: str = typer.Option(..., help="ISO 3166 alpha-3 state code, or IGO, NGO, IMG, MNC."),
    sector: Optional[str] = typer.Option(None, help="GOV, MIL, REB, OPP, JUD, LEG, BUS, MED, CVL, COP."),
    label: str = typer.Option("ORG", help="Entity label: GPE (place/state), NORP, ORG or PERSON."),
) -> None:
    """Add a name to your own actor file (GEOPIVOT_ACTORS_FILE, default ./geopivot-actors.tsv).

    Example: geopivot actors add "Sindh" --code PAK --sector GOV --label GPE
    """
    from .actors import add_user_actor

    path = Settings.from_env().actors_file
    add_user_actor(path, text, code, sector, label)
    out.print(f"added {text!r} → {code.upper()} to {path}; run `geopivot recode --db FILE` to apply it "
              "to documents already stored", highlight=False)


@actors_app.command("list")
def actors_list(
    search: Optional[str] = typer.Option(None, help="Only names containing this text (any case)."),
    limit: int = typer.Option(50, help="At most this many names."),
) -> None:
    """List names the actor index knows (yours first), with their codes.

    Example: geopivot actors list --search sahel
    """
    from .actors import load_actor_index

    shown = 0
    for entry in load_actor_index(Settings.from_env().actors_file).entries():
        if search and search.casefold() not in entry.surface.casefold():
            continue
        out.print(f"{entry.surface}\t{entry.code}\t{entry.sector or ''}\t{entry.label}", highlight=False)
        shown += 1
        if shown >= limit:
            break


@actors_app.command("unresolved")
def actors_unresolved(
    db: Optional[Path] = DbOption,
    limit: int = typer.Option(50, help="At most this many names."),
) -> None:
    """List names in stored documents that resolved to no actor or place, most frequent first.

    Example: geopivot actors unresolved --db geopivot-demo.db --limit 20
    """
    db_path = _existing_db(db)
    for row in api.unresolved_actors(db_path, limit):
        out.print(f"{row['mentions']:5d}  {row['text']}  [dim]({row['kind']}, {row['label']}, "
                  f"{row['documents']} documents)[/]", highlight=False)


@app.command("settings")
def settings_cmd(markdown: bool = typer.Option(False, help="Print the Markdown table of docs/settings.md.")) -> None:
    """Show every setting with its current value (after GEOPIVOT_* variables).

    Example: GEOPIVOT_BATCH_SIZE=128 geopivot settings
    """
    if markdown:
        typer.echo(settings_markdown(), nl=False)
        return
    import dataclasses

    current = Settings.from_env()
    for f in dataclasses.fields(Settings):
        out.print(f"{f.name} = {getattr(current, f.name)!r}    [dim]{f.metadata['doc']}[/]")


def _existing_db(db: Path | None) -> str:
    """The database a read command uses (--db, else the setting), which must exist."""
    path = str(db) if db else Settings.from_env().db_path
    _require_db(path)
    return path


def _require_db(path: str) -> None:
    if not Path(path).exists():
        raise GeopivotError(
            f"no database at {path}. Create one with `geopivot ingest PATH --db {path}` "
            "(or `make demo` for the demo database)."
        )


@app.command("export")
def export_cmd(
    db: Optional[Path] = DbOption,
    format_: str = typer.Option("csv", "--format", help="csv, tsv, jsonl, parquet, dta (Stata), graphml or gexf (Gephi)."),
    layout: str = typer.Option("geopivot", help="Columns of a table format: geopivot, gdelt, icews or polecat."),
    out_file: Optional[Path] = typer.Option(None, "--out", help="File to write; csv, tsv and jsonl print without it."),
    country: Optional[str] = typer.Option(None, help="ISO 3166 alpha-3 code of an actor or recipient, e.g. NER."),
    since: Optional[str] = typer.Option(None, help="Earliest event date, YYYY[-MM[-DD]]."),
    until: Optional[str] = typer.Option(None, help="Latest event date, YYYY[-MM[-DD]] (inclusive)."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. SANCTION."),
    modality: Optional[str] = typer.Option(None, help="asserted, intended, hypothetical, negated or reported."),
    limit: Optional[int] = typer.Option(None, help="At most this many events."),
) -> None:
    """Export stored events for pandas, R, Stata, Gephi, or scripts written for GDELT, ICEWS or POLECAT.

    Every column of every layout is listed in docs/exports.md.

    Example: geopivot export --db geopivot-demo.db --format parquet --layout gdelt --out sahel.parquet
    """
    from .export import BINARY_FORMATS, FORMATS, LAYOUTS

    if format_ not in FORMATS:
        raise typer.BadParameter(f"{format_!r}; use one of {', '.join(FORMATS)}", param_hint="--format")
    if layout not in LAYOUTS:
        raise typer.BadParameter(f"{layout!r}; use one of {', '.join(LAYOUTS)}", param_hint="--layout")
    if format_ in BINARY_FORMATS and out_file is None:
        raise typer.BadParameter(f"{format_} is a binary format and is not printed: add --out FILE.{format_}",
                                 param_hint="--out")
    db_path = _existing_db(db)
    report = api.export(db_path, fmt=format_, layout=layout, out=out_file or sys.stdout, country=country,
                        since=since, until=until, type=type_, modality=modality, limit=limit)
    wrote = (f"{report.rows} dyads between {report.nodes} actors" if report.nodes is not None
             else f"{report.rows} rows ({report.layout} layout)")
    err.print(f"exported {wrote} from {report.events} events" + (f" to {report.path}" if report.path else ""),
              highlight=False)
    if not report.events:
        err.print("no events match these filters (see `geopivot summary` for what the database holds)")


@app.command()
def cite(
    db: Optional[Path] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print one machine-readable JSON object."),
) -> None:
    """How to cite geopivot output: the software, the store's documents and dates, the sources' licences.

    Example: geopivot cite --db geopivot-demo.db
    """
    found = api.cite(_existing_db(db))
    typer.echo(json.dumps(found.as_dict(), indent=2, ensure_ascii=False) if as_json else found.text())


def main() -> None:
    try:
        app()
    except GeopivotError as error:
        err.print(f"[red]error:[/] {error}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
