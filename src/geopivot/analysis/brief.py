"""Analyst briefs: a Bottom Line, a cited timeline, dyad trends, the realignment, open questions.

:func:`build_brief` reads the store and returns a :class:`Brief` (data only);
:func:`to_markdown`, :func:`to_html` and :func:`to_pdf` render it. Every
statement of fact carries citation numbers that point into the brief's list
of sources (outlet, date and the sentence itself), so a reader can check each
one; hedged, intended and reported events go to "Open questions", never into
the Bottom Line.
"""

from __future__ import annotations

import html
import io
from datetime import date
from dataclasses import dataclass, field

from .alignment import DEFAULT_POLES
from .dyads import period_range

TIMELINE_ITEMS = 12  # events in the timeline, the weightiest of the period, shown by date
OPEN_QUESTIONS = 6
VERBS = {
    ("AGREE", None): "reached an agreement with", ("CONSULT", None): "held talks with",
    ("CONSULT", "visit"): "sent a visit to", ("SUPPORT", None): "backed", ("CONCEDE", None): "made a concession to",
    ("COOPERATE", None): "cooperated with", ("AID", None): "gave aid to", ("RETREAT", None): "stood down toward",
    ("RETREAT", "withdraw"): "withdrew from", ("REQUEST", None): "called on", ("ACCUSE", None): "condemned",
    ("REJECT", None): "rejected", ("THREATEN", None): "threatened", ("PROTEST", None): "protested against",
    ("SANCTION", None): "took punitive measures against", ("SANCTION", "expel"): "expelled envoys or forces of",
    ("SANCTION", "discontinue"): "cut ties or agreements with", ("MOBILIZE", None): "mobilised forces near",
    ("COERCE", None): "coerced", ("COERCE", "seize"): "seized power from", ("ASSAULT", None): "used force against",
}


@dataclass
class Source:
    number: int
    outlet: str | None
    published: str | None
    sentence: str


@dataclass
class Brief:
    state: str
    state_name: str
    since: str | None
    title: str
    bottom_line: list[tuple[str, list[int]]] = field(default_factory=list)  # (statement, citations)
    timeline: list[tuple[str, str, list[int]]] = field(default_factory=list)  # (date, statement, citations)
    trends: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # pole -> [(month, net)]
    realignment: dict | None = None
    open_questions: list[tuple[str, list[int]]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def cite(self, outlet, published, sentence) -> int:
        sentence = " ".join((sentence or "").split())
        for s in self.sources:
            if s.sentence == sentence and s.published == published:
                return s.number
        self.sources.append(Source(len(self.sources) + 1, outlet, published, sentence))
        return len(self.sources)


def build_brief(store, state: str, names: dict[str, str], since: str | None = None,
                poles=DEFAULT_POLES) -> Brief:
    state = state.upper()
    name = names.get(state, state)
    brief = Brief(state, name, since, title="")
    realignment = next(iter(store.realignments(state, since, top=1)), None)
    rows = store.state_events(state, since)
    _timeline(brief, rows, names)
    _trends(brief, store, poles, since)
    if realignment:
        brief.realignment = realignment
        drivers = [brief.cite(d.get("source"), d.get("published"), d.get("sentence")) for d in realignment["drivers"][:4]]
        away = _names(realignment["away"].split(";"), names)
        brief.bottom_line.append((
            f"{name[:1].upper() + name[1:]} has moved away from {away} and toward "
            f"{names.get(realignment['toward'], realignment['toward'])} "
            f"between {realignment['start']} and {realignment['end']} (confidence {realignment['confidence']:.2f}).",
            drivers))
        brief.title = f"{name}'s pivot to {names.get(realignment['toward'], realignment['toward'])}"
        earlier = [names.get(p["state"], p["state"]) for p in realignment["precedents"]]
        if earlier:
            cites = [brief.cite(x["outlet"], x["published"], x["sentence"])
                     for x in store.relations(state, "precedent")[:2]]
            brief.bottom_line.append((f"{_names_list(earlier)} took the same turn earlier.", cites))
    brief.title = brief.title or f"{name}: relations with the powers" + (f" since {since}" if since else "")
    for date_, statement, cites in brief.timeline[:3]:  # the weightiest events, before the date sort
        brief.bottom_line.append((f"{statement} ({date_}).", cites))
    _open_questions(brief, store.state_events(state, since, asserted=False), names)
    if brief.open_questions:
        brief.bottom_line.append((f"{len(brief.open_questions)} reported plans, threats or claims remain unconfirmed "
                                  "(see Open questions).", []))
    brief.bottom_line = brief.bottom_line[:5]
    brief.timeline.sort(key=lambda t: t[0])
    return brief


def _statement(row, names) -> str:
    verb = VERBS.get((row["type"], row["mode"])) or VERBS.get((row["type"], None), "acted toward")
    actors = _names((row["actor_codes"] or "").split(";"), names)
    recipients = _names((row["recipient_codes"] or "").split(";"), names) or "others"
    text = f"{actors} {verb} {recipients}"
    return text[:1].upper() + text[1:]


def _names_list(shown: list[str]) -> str:
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _names(codes, names) -> str:
    shown = [names.get(c, c) for c in codes if c]
    return _names_list(shown) if shown else ""


# Reports of the same statement this close together are shown as one timeline item with all their
# sources: fusion keeps reports apart when it cannot be sure, a reader does not need them twice.
TIMELINE_MERGE_DAYS = 14


def _timeline(brief: Brief, rows: list[dict], names) -> None:
    weighty = sorted(rows, key=lambda r: (-abs(r["goldstein"] or 0) * r["n_documents"], r["start"]))
    items: list[tuple[dict, str, list[int]]] = []
    for r in weighty:
        statement = _statement(r, names)
        cites = [brief.cite(s["source"], s["published"], s["sentence"]) for s in r["sources"][:3]]
        near = next((i for i in items if i[1] == statement and abs(
            (date.fromisoformat(i[0]["start"]) - date.fromisoformat(r["start"])).days) <= TIMELINE_MERGE_DAYS), None)
        if near is not None:
            near[2].extend(c for c in cites if c not in near[2])
        elif len(items) < TIMELINE_ITEMS:
            items.append((r, statement, cites))
    brief.timeline += [(_when(r), statement, cites) for r, statement, cites in items]


def _when(row) -> str:
    """The date as precise as it is known: '2023-12-22', '2023-12', '2023', '2022-01-01..2024-08-06'."""
    precision, start, end = row["precision"], row["start"], row["end"]
    if precision == "month":
        return start[:7]
    if precision == "year":
        return start[:4]
    if precision in ("range", "week") and end != start:
        return f"{start}..{end}"
    return start


def _trends(brief: Brief, store, poles, since) -> None:
    """Net cooperation per month with each pole, every month of the window (zeros included)."""
    coverage = store.coverage()
    if coverage is None:
        return
    months = [m for m in period_range(coverage[0], coverage[1], "month") if not since or m >= since[:7]]
    nets: dict[str, dict[str, float]] = {}
    for row in store.pole_months(brief.state, [p for p in poles if p != brief.state]):
        nets.setdefault(row["pole"], {})[row["month"]] = row["cooperative"] + row["relations"] - row["conflictual"]
    for pole, by_month in nets.items():
        brief.trends[pole] = [(m, by_month.get(m, 0)) for m in months]


def _open_questions(brief: Brief, rows: list[dict], names) -> None:
    unconfirmed = [r for r in rows if r["modality"] in ("intended", "hypothetical", "reported")]
    for r in sorted(unconfirmed, key=lambda r: r["start"], reverse=True)[:OPEN_QUESTIONS]:
        word = {"intended": "intends or plans", "hypothetical": "might", "reported": "is reported to"}[r["modality"]]
        cites = [brief.cite(s["source"], s["published"], s["sentence"]) for s in r["sources"][:2]]
        brief.open_questions.append((f"Whether {_statement(r, names)} — the sources say only that it {word} ({r['start']}).",
                                     cites))


# -- rendering ----------------------------------------------------------------------------------

def _cites(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(numbers))


def to_markdown(brief: Brief) -> str:
    lines = [f"# {brief.title}", "", f"*geopivot brief on {brief.state_name}"
             + (f", events since {brief.since}" if brief.since else "") + "*", "", "## Bottom Line", ""]
    lines += [f"- {text} {_cites(c)}".rstrip() for text, c in brief.bottom_line]
    lines += ["", "## Timeline", ""]
    lines += [f"- **{d}** {text}. {_cites(c)}" for d, text, c in brief.timeline]
    lines += ["", "## Trends with the powers", "", "Net cooperation per month (cooperative minus conflictual events):", ""]
    for pole, points in sorted(brief.trends.items()):
        if any(v for _, v in points):
            lines.append(f"- {pole}: " + ", ".join(f"{m} {v:+g}" for m, v in points if v))
    if brief.realignment:
        r = brief.realignment
        lines += ["", "## The realignment", "",
                  f"{r['state']} away from {r['away'].replace(';', ', ')}, toward {r['toward']}, {r['start']} to "
                  f"{r['end']}; magnitude {r['magnitude']:.2f} net events per month, confidence {r['confidence']:.2f} "
                  f"({r['method']}).", ""]
        lines += [f"- {s['pole']}: {s['direction']} from {s['month']} (net {s['before']:+.2f} → {s['after']:+.2f} per "
                  f"month, confidence {s['confidence']:.2f})" for s in r["shifts"]]
    if brief.open_questions:
        lines += ["", "## Open questions", ""]
        lines += [f"- {text} {_cites(c)}" for text, c in brief.open_questions]
    lines += ["", "## Sources", ""]
    lines += [f"{s.number}. {s.outlet or 'unknown outlet'}, {(s.published or '')[:10]}: \"{s.sentence}\"" for s in brief.sources]
    return "\n".join(lines) + "\n"


def sparkline_svg(points: list[tuple[str, float]], width: int = 320, height: int = 60) -> str:
    """Monthly net cooperation as bars: above the line cooperation, below conflict."""
    if not points:
        return ""
    top = max(1.0, max(abs(v) for _, v in points))
    step = width / max(1, len(points))
    mid = height / 2
    bars = []
    for i, (month, value) in enumerate(points):
        h = abs(value) / top * (mid - 2)
        y = mid - h if value > 0 else mid
        colour = "#0072B2" if value > 0 else "#D55E00"  # Okabe-Ito blue and vermillion: colour-blind safe
        bars.append(f'<rect x="{i * step:.1f}" y="{y:.1f}" width="{max(step - 1, 1):.1f}" height="{h:.1f}" '
                    f'fill="{colour}"><title>{html.escape(month)}: {value:+g}</title></rect>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="net cooperation per month">' f'<line x1="0" y1="{mid}" x2="{width}" y2="{mid}" '
            f'stroke="#999" stroke-width="0.5"/>{"".join(bars)}</svg>')


def to_html(brief: Brief) -> str:
    e = html.escape
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>{e(brief.title)}</title>",
             "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45;color:#222}"
             "h1{font-size:1.6em}h2{font-size:1.15em;border-bottom:1px solid #ccc;margin-top:1.6em}"
             "sup a{text-decoration:none}.trend{display:flex;gap:1em;align-items:center}"
             ".sources li{font-size:.9em;margin-bottom:.4em}@media print{a{color:inherit}}</style>",
             f"<h1>{e(brief.title)}</h1><p><em>geopivot brief on {e(brief.state_name)}"
             + (f", events since {e(brief.since)}" if brief.since else "") + "</em></p>",
             "<h2>Bottom Line</h2><ul>"]
    sup = lambda c: "".join(f'<sup><a href="#s{n}">[{n}]</a></sup>' for n in dict.fromkeys(c))  # noqa: E731
    parts += [f"<li>{e(text)}{sup(c)}</li>" for text, c in brief.bottom_line]
    parts.append("</ul><h2>Timeline</h2><ul>")
    parts += [f"<li><strong>{e(d)}</strong> {e(text)}.{sup(c)}</li>" for d, text, c in brief.timeline]
    parts.append("</ul><h2>Trends with the powers</h2><p>Net cooperation per month: bars above the line are "
                 "cooperation, below it conflict.</p>")
    for pole, points in sorted(brief.trends.items()):
        parts.append(f'<div class=trend><strong>{e(pole)}</strong>{sparkline_svg(points)}</div>')
    if brief.realignment:
        r = brief.realignment
        parts.append(f"<h2>The realignment</h2><p>{e(r['state'])} away from {e(r['away'].replace(';', ', '))}, toward "
                     f"{e(r['toward'])}, {e(r['start'])} to {e(r['end'])}; magnitude {r['magnitude']:.2f}, confidence "
                     f"{r['confidence']:.2f}.</p><ul>")
        parts += [f"<li>{e(s['pole'])}: {e(s['direction'])} from {e(s['month'])} (net {s['before']:+.2f} → "
                  f"{s['after']:+.2f} per month, confidence {s['confidence']:.2f})</li>" for s in r["shifts"]]
        parts.append("</ul>")
    if brief.open_questions:
        parts.append("<h2>Open questions</h2><ul>")
        parts += [f"<li>{e(text)}{sup(c)}</li>" for text, c in brief.open_questions]
        parts.append("</ul>")
    parts.append("<h2>Sources</h2><ol class=sources>")
    parts += [f'<li id="s{s.number}">{e(s.outlet or "unknown outlet")}, {e((s.published or "")[:10])}: '
              f'“{e(s.sentence)}”</li>' for s in brief.sources]
    parts.append("</ol></html>")
    return "\n".join(parts)


def to_pdf(brief: Brief, path) -> None:
    """A printable PDF (fpdf2, core fonts: text outside Latin-1 is transliterated)."""
    from fpdf import FPDF

    def latin(text: str) -> str:
        text = text.replace("→", "->").replace("“", '"').replace("”", '"').replace("’", "'").replace("—", "-")
        return text.encode("latin-1", "replace").decode("latin-1")

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, latin(brief.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, latin(f"geopivot brief on {brief.state_name}" + (f", events since {brief.since}" if brief.since
                                                                          else "")), new_x="LMARGIN", new_y="NEXT")

    def section(title: str, items: list[str]) -> None:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, latin(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for item in items:
            pdf.multi_cell(0, 5, latin(f"- {item}"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)

    section("Bottom Line", [f"{t} {_cites(c)}" for t, c in brief.bottom_line])
    section("Timeline", [f"{d} {t}. {_cites(c)}" for d, t, c in brief.timeline])
    section("Trends with the powers (net cooperation per month: blue cooperation, vermillion conflict)", [])
    for pole, points in sorted(brief.trends.items()):
        if not any(v for _, v in points):
            continue
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(14, 12, pole)
        pdf.image(io.BytesIO(sparkline_svg(points).encode()), w=90, h=15)
        pdf.ln(1)
    if brief.realignment:
        r = brief.realignment
        section("The realignment", [f"{r['state']} away from {r['away'].replace(';', ', ')}, toward {r['toward']}, "
                                    f"{r['start']} to {r['end']}; confidence {r['confidence']:.2f}"]
                + [f"{s['pole']}: {s['direction']} from {s['month']}" for s in r["shifts"]])
    if brief.open_questions:
        section("Open questions", [f"{t} {_cites(c)}" for t, c in brief.open_questions])
    section("Sources", [f"[{s.number}] {s.outlet or 'unknown outlet'}, {(s.published or '')[:10]}: \"{s.sentence}\""
                        for s in brief.sources])
    pdf.output(str(path))
