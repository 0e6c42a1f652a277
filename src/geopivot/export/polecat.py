"""The POLECAT layout: the 40 columns of POLECAT's weekly files, in their order.

POLECAT is coded in PLOVER, as geopivot is, so types, modes and contexts pass through
unchanged. Like POLECAT, a row is one event: several actors share one row, their names
joined by ';'. Intensity and quad code come from the PLOVER manual's own tables.
"""

from __future__ import annotations

import json

from .layout import Column, Layout, empty
from .lookups import Lookups, Side
from .reference import SECTOR_NAMES, is_state, plover_quad_class, plover_score

_STORY = "the flat event row does not carry the document's other mentions"


def _side_columns(role: str, side: str) -> tuple[Column, ...]:
    return (
        Column(f"{role} Name", "str", f"the resolved {side}s' names without a person's office, ';'-joined"),
        Column(f"{role} Country", "str", f"the {side}s' state codes (ISO 3166 alpha-3), ';'-joined"),
        empty(f"{role} COW", "str", "geopivot does not carry Correlates of War codes"),
        Column(f"Primary {role} Sector", "str", f"CAMEO's name of the first {side}'s sector (Government, Military)"),
        Column(f"{role} Sectors", "str", f"CAMEO's names of the {side}s' sectors, ';'-joined"),
        Column(f"{role} Title", "str", f"the office a person {side} was resolved through (president), ';'-joined"),
        Column(f"{role} Name Raw", "str", f"the {side}s as written in the sentence, ';'-joined"),
        empty(f"Wikipedia {role} ID", "str", "geopivot's actor index is not linked to Wikipedia"),
    )


COLUMNS = (
    Column("Event ID", "str", "id (the geopivot event id)"),
    Column("Event Date", "str", "date, YYYY-MM-DD (for month or year precision the period's first day)"),
    Column("Event Type", "str", "type (PLOVER)"),
    Column("Event Mode", "str", "mode (PLOVER)"),
    Column("Event Intensity", "float", "the PLOVER manual 2.0 score of the type, or of its mode when the mode has "
           "its own (geopivot/data/plover.json)"),
    Column("Quad Code", "int", "the PLOVER manual's quad class of the type, 1 verbal cooperation ... 4 material "
           "conflict (the CAMEO-root quad_class is in the geopivot and GDELT layouts)"),
    Column("Contexts", "str", "contexts, ';'-joined"),
    *_side_columns("Actor", "actor"),
    *_side_columns("Recipient", "recipient"),
    Column("Placename", "str", "the gazetteer's name of the place (else the place as written)"),
    Column("City", "str", "the place's name when it is a city"),
    empty("District", "str", "geopivot does not resolve districts"),
    Column("Province", "str", "the place's name when it is a region within one state (usually a province)"),
    Column("Country", "str", "the place's state code (ISO 3166 alpha-3)"),
    Column("Latitude", "float", "place_lat"),
    Column("Longitude", "float", "place_lon"),
    Column("GeoNames ID", "int", "place_geonames_id (POLECAT geolocates with GeoNames too)"),
    Column("Raw Placename", "str", "place_name, as written"),
    empty("Feature Type", "str", "geopivot keeps a precision (city, region, country: place_precision), "
          "not GeoNames feature codes"),
    Column("Source", "str", "source (the outlet)"),
    Column("Publication Date", "str", "the date part of published"),
    empty("Story People", "str", _STORY),
    empty("Story Organizations", "str", _STORY),
    empty("Story Locations", "str", _STORY),
    empty("Language", "str", "the flat event row does not carry the document's language (geopivot codes English)"),
    Column("Version", "str", "method: the geopivot coder rule (and its version) that produced the event"),
)


def _joined(values) -> str | None:
    kept = list(dict.fromkeys(v for v in values if v))
    return ";".join(kept) if kept else None


def _side_values(role: str, sides: tuple[Side, ...]) -> dict:
    resolved = [s for s in sides if s.resolved]
    sectors = [SECTOR_NAMES.get(s.sector or "") for s in resolved]
    return {
        f"{role} Name": _joined(s.plain_name for s in resolved),
        f"{role} Country": _joined(s.code for s in resolved if is_state(s.code)),
        f"Primary {role} Sector": sectors[0] if sectors else None,
        f"{role} Sectors": _joined(sectors),
        f"{role} Title": _joined(s.title for s in resolved),
        f"{role} Name Raw": _joined(s.text for s in sides),
    }


def convert(event: dict, lookups: Lookups) -> list[dict]:
    sides = lookups.sides(event)
    precision = event.get("place_precision")
    place = event.get("place_geo_name") or event.get("place_name")
    return [{
        "Event ID": event["id"],
        "Event Date": (event.get("date") or "")[:10] or None,
        "Event Type": event.get("type"),
        "Event Mode": event.get("mode"),
        "Event Intensity": plover_score(event.get("type"), event.get("mode")),
        "Quad Code": plover_quad_class(event.get("type")),
        "Contexts": _joined(json.loads(event.get("contexts") or "[]")),
        **_side_values("Actor", sides.actors),
        **_side_values("Recipient", sides.recipients),
        "Placename": place,
        "City": place if precision == "city" else None,
        "Province": place if precision == "region" else None,
        "Country": event.get("place_geo_country") or event.get("place_country"),
        "Latitude": event.get("place_lat"),
        "Longitude": event.get("place_lon"),
        "GeoNames ID": event.get("place_geonames_id"),
        "Raw Placename": event.get("place_name"),
        "Source": event.get("source"),
        "Publication Date": (event.get("published") or "")[:10] or None,
        "Version": event.get("method"),
    }]


POLECAT = Layout(
    name="polecat",
    title="POLECAT (PLOVER-coded global event data, Harvard Dataverse, doi:10.7910/DVN/AJGVIT)",
    grain="one row per event mention; several actors or recipients share the row, ';'-joined",
    columns=COLUMNS,
    convert=convert,
    sources=(("the header of POLECAT's weekly tab-separated files (Event ID ... Version, 40 columns; some releases "
              "call Event Intensity \"Intensity\", and some carry stray extra header names such as Headline)"),),
)
