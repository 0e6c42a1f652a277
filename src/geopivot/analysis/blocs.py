"""Blocs among the poles, and who belongs to them when (``data/bloc_members.tsv``).

A realignment is a turn between rival powers. A member of a bloc is part of the pole it would turn
toward or away from (Italy and the European Union), and a bloc and its own member are not two
alternatives (away from the European Union toward France); the detector leaves both out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..tables import data_table


@dataclass(frozen=True)
class Blocs:
    # (bloc, member) -> [(first month, last month or "")]
    spells: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)

    def member(self, state: str, bloc: str, month: str) -> bool:
        """Whether ``state`` belonged to ``bloc`` in ``month`` (YYYY-MM)."""
        return any(joined <= month and (not left or month <= left)
                   for joined, left in self.spells.get((bloc, state), ()))

    def related(self, a: str, b: str) -> bool:
        """Whether one of two poles is, or was, a member of the other."""
        return (a, b) in self.spells or (b, a) in self.spells


def load_blocs() -> Blocs:
    spells: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in data_table("bloc_members.tsv"):
        spells.setdefault((row["bloc"], row["member"]), []).append((row["joined"], row["left"] or ""))
    return Blocs(spells)
