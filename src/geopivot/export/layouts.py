"""Every layout by name, and the column tables of ``docs/exports.md`` generated from them."""

from __future__ import annotations

from .gdelt import GDELT
from .icews import ICEWS
from .layout import Layout
from .native import GEOPIVOT
from .polecat import POLECAT

LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (GEOPIVOT, GDELT, ICEWS, POLECAT)}


def layout_markdown(layout: Layout) -> str:
    """One layout's section of docs/exports.md: what a row is, then column -> where it comes from."""
    lines = [f"### {layout.name}: {layout.title}", "", f"{layout.grain[0].upper()}{layout.grain[1:]}.", ""]
    if layout.sources:
        lines += [f"Column list: {source}." for source in layout.sources] + [""]
    lines += ["| column | type | value |", "|---|---|---|"]
    for column in layout.columns:
        lines.append(f"| `{column.name}` | {column.kind} | {column.source.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def layouts_markdown() -> str:
    """The column tables of every layout: the generated second half of docs/exports.md."""
    return "\n".join(layout_markdown(layout) for layout in LAYOUTS.values())

