"""What a layout is: named, typed columns, and how a stored event row becomes rows of them.

A layout declares every column with its type and where its value comes from; the
writers type Parquet and Stata columns from it, keep numbers out of the CSV formula
guard by it, and ``docs/exports.md`` is generated from it, so the documentation and
the code cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .lookups import Lookups

Kind = Literal["str", "int", "float"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    source: str  # where the value comes from, or "empty: why" (shown in docs/exports.md)

    @property
    def numeric(self) -> bool:
        return self.kind != "str"


def empty(name: str, kind: Kind, why: str) -> Column:
    """A column the layout's users expect but geopivot has nothing honest to put in."""
    return Column(name, kind, f"empty: {why}")


@dataclass(frozen=True)
class Layout:
    name: str
    title: str  # the dataset whose column names it uses
    grain: str  # what one output row is
    columns: tuple[Column, ...]
    convert: Callable[[dict, Lookups], Iterable[dict]]  # one stored event row -> output rows
    sources: tuple[str, ...] = ()  # where the column list was taken from (docs)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def rows(self, events: Iterable[dict], lookups: Lookups) -> Iterator[dict]:
        for event in events:
            yield from self.convert(event, lookups)


def inferred_column(name: str, value: object) -> Column:
    """A column the store's rows carry but the layout does not declare yet (the store grew)."""
    kind: Kind = "int" if isinstance(value, int) and not isinstance(value, bool) else (
        "float" if isinstance(value, float) else "str")
    return Column(name, kind, "a column the store added after this layout was written")
