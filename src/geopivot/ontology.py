"""PLOVER as data: event types, modes, contexts, and their CAMEO/Goldstein/QuadClass.

Everything lives in ``geopivot/data/plover.json``; code asks this module and
never spells the ontology out itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from .errors import ConfigurationError


@dataclass(frozen=True)
class CameoCoding:
    cameo: str
    goldstein: float
    quad_class: int


class Ontology:
    def __init__(self, spec: dict):
        self.spec = spec

    @cached_property
    def types(self) -> tuple[str, ...]:
        return tuple(self.spec["types"])

    @cached_property
    def contexts(self) -> tuple[str, ...]:
        return tuple(self.spec["contexts"])

    def modes(self, event_type: str) -> tuple[str, ...]:
        return tuple(self._type(event_type).get("modes", {}))

    def _type(self, event_type: str) -> dict:
        try:
            return self.spec["types"][event_type]
        except KeyError:
            raise ConfigurationError(
                f"{event_type!r} is not a PLOVER event type; use one of {', '.join(self.types)}"
            ) from None

    def validate(self, event_type: str, mode: str | None) -> None:
        if mode is not None and mode not in self.modes(event_type):
            raise ConfigurationError(
                f"{mode!r} is not a mode of {event_type}; modes are {', '.join(self.modes(event_type))}"
            )

    def cameo(self, event_type: str, mode: str | None = None) -> CameoCoding:
        spec = self._type(event_type)
        chosen = spec.get("modes", {}).get(mode) if mode else None
        code = (chosen or spec)["cameo"]
        goldstein = (chosen or spec).get("goldstein", self.spec["cameo_goldstein"].get(code, 0.0))
        return CameoCoding(cameo=str(code), goldstein=float(goldstein), quad_class=quad_class_of(str(code)))


def quad_class_of(cameo: str) -> int:
    """QuadClass from the CAMEO root: 01-05 verbal cooperation ... 14-20 material conflict."""
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def load_ontology() -> Ontology:
    with resources.files("geopivot.data").joinpath("plover.json").open(encoding="utf-8") as handle:
        return Ontology(json.load(handle))
