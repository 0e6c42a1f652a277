"""The ICEWS layout: the 20 columns of the ICEWS coded event data files, in their order.

ICEWS, like GDELT, has one source and one target per row, so an event with two resolved
actors gives two rows. Countries are names ("Niger"), as in ICEWS; sectors are CAMEO's
sector names, coarser than ICEWS's own sector list.
"""

from __future__ import annotations

from .layout import Column, Layout, empty
from .lookups import Lookups, Side
from .reference import SECTOR_NAMES, cameo_name, country_name, is_state, numeric_id


def _side_columns(role: str, side: str) -> tuple[Column, ...]:
    return (
        Column(f"{role} Name", "str", f"the {side}'s resolved name, without a person's office (France, Mohamed Bazoum)"),
        Column(f"{role} Sectors", "str", f"CAMEO's name of the {side}'s sector (Military, Government); ICEWS's own "
               "sector names are finer, so map them if your scripts expect those"),
        Column(f"{role} Country", "str", f"the name of the {side}'s state; empty for organisations"),
    )


COLUMNS = (
    Column("Event ID", "int", "a stable 53-bit integer hashed from the geopivot event id (and the dyad's position "
           "when an event gives several rows)"),
    Column("Event Date", "str", "date, YYYY-MM-DD (for month or year precision the period's first day)"),
    *_side_columns("Source", "actor"),
    Column("Event Text", "str", "CAMEO's name of the event code (Expel or withdraw)"),
    Column("CAMEO Code", "str", "cameo, with its leading zero"),
    Column("Intensity", "float", "goldstein (ICEWS's intensity is the same CAMEO/Goldstein scale, -10 to 10)"),
    *_side_columns("Target", "recipient"),
    Column("Story ID", "int", "a stable 53-bit integer hashed from the geopivot document id"),
    empty("Sentence Number", "int", "the flat event row carries the sentence's character offsets, not its index"),
    Column("Publisher", "str", "source (the outlet)"),
    Column("City", "str", "the place's gazetteer name when it is a city"),
    empty("District", "str", "geopivot does not resolve districts"),
    Column("Province", "str", "the place's name when it is a region within one state (usually a province)"),
    Column("Country", "str", "the name of the place's state"),
    Column("Latitude", "float", "place_lat"),
    Column("Longitude", "float", "place_lon"),
)


def _side_values(role: str, side: Side | None) -> dict:
    if side is None:
        return {}
    country = side.code if is_state(side.code) else None
    return {
        f"{role} Name": side.plain_name,
        f"{role} Sectors": SECTOR_NAMES.get(side.sector or ""),
        f"{role} Country": country_name(country),
    }


def _place_values(event: dict) -> dict:
    precision = event.get("place_precision")
    name = event.get("place_geo_name") or event.get("place_name")
    return {
        "City": name if precision == "city" else None,
        "Province": name if precision == "region" else None,
        "Country": country_name(event.get("place_geo_country") or event.get("place_country")),
        "Latitude": event.get("place_lat"),
        "Longitude": event.get("place_lon"),
    }


def convert(event: dict, lookups: Lookups) -> list[dict]:
    shared = {
        "Event Date": (event.get("date") or "")[:10] or None,
        "Event Text": cameo_name(event.get("cameo")),
        "CAMEO Code": event.get("cameo") or None,
        "Intensity": event.get("goldstein"),
        "Story ID": numeric_id(event["doc_id"]),
        "Publisher": event.get("source"),
        **_place_values(event),
    }
    rows = []
    for position, (actor, recipient) in enumerate(lookups.sides(event).dyads()):
        key = event["id"] if position == 0 else f"{event['id']}#{position}"
        rows.append({"Event ID": numeric_id(key), **shared, **_side_values("Source", actor),
                     **_side_values("Target", recipient)})
    return rows


ICEWS = Layout(
    name="icews",
    title="ICEWS Coded Event Data (Harvard Dataverse, doi:10.7910/DVN/28075)",
    grain="one row per source-target pair of each event mention (ICEWS's dyadic rows)",
    columns=COLUMNS,
    convert=convert,
    sources=("the tab-separated event files' header (the column list the `icews` R package reads)",),
)
