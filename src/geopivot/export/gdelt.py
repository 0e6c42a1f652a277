"""The GDELT layout: the 61 columns of the GDELT 2.0 Event table, in GDELT's order and conventions.

GDELT records one dyad per row, so an event with two resolved actors gives two rows. Codes
follow GDELT: CAMEO event codes are strings with their leading zero ("010"), SQLDATE is
the integer YYYYMMDD, actor codes are CAMEO-style (country code then type code: "FRAMIL"),
geography uses FIPS 10-4 country codes. What geopivot does not know stays empty.
"""

from __future__ import annotations

import calendar
from datetime import date

from .layout import Column, Layout, empty
from .lookups import Lookups, Side
from .reference import (
    ORGANISATION_CODES,
    country_name,
    fips_code,
    is_state,
    numeric_id,
    parse_day,
)

_NOT_CODED = "geopivot does not code ethnicity, religion or known-group affiliation"
_ACTOR_GEO = "geopivot geocodes where the event happened, not where each actor is"


def _actor_columns(n: int, side: str) -> tuple[Column, ...]:
    return (
        Column(f"Actor{n}Code", "str", f"the {side}'s CAMEO-style code: its state code then its organisation "
               "kind and sector (FRA + MIL = FRAMIL; IGO for an international organisation)"),
        Column(f"Actor{n}Name", "str", f"the {side}'s resolved name in capitals, without a person's office "
               "(FRANCE, MOHAMED BAZOUM)"),
        Column(f"Actor{n}CountryCode", "str", f"the {side}'s state code (ISO 3166 alpha-3; CAMEO's country codes "
               "are these for almost every state); empty for organisations"),
        empty(f"Actor{n}KnownGroupCode", "str", _NOT_CODED),
        empty(f"Actor{n}EthnicCode", "str", _NOT_CODED),
        empty(f"Actor{n}Religion1Code", "str", _NOT_CODED),
        empty(f"Actor{n}Religion2Code", "str", _NOT_CODED),
        Column(f"Actor{n}Type1Code", "str", "IGO/NGO/IMG/MNC for an organisation, else the sector (GOV, MIL, REB, ...)"),
        Column(f"Actor{n}Type2Code", "str", "the sector of an organisation's member (IGO + GOV), else empty"),
        empty(f"Actor{n}Type3Code", "str", "geopivot codes at most an organisation kind and one sector"),
    )


def _geo_columns(prefix: str, why: str | None) -> tuple[Column, ...]:
    if why:
        return tuple(empty(f"{prefix}_{name}", kind, why) for name, kind in (
            ("Type", "int"), ("FullName", "str"), ("CountryCode", "str"), ("ADM1Code", "str"),
            ("ADM2Code", "str"), ("Lat", "float"), ("Long", "float"), ("FeatureID", "str")))
    return (
        Column(f"{prefix}_Type", "int", "from place_precision: 1 country, 4 world city (3 in the US), 5 province "
               "or region within one state (2 in the US); empty for areas, seas and continents"),
        Column(f"{prefix}_FullName", "str", "the gazetteer's name of the place, then its state's name (Agadez, Niger)"),
        Column(f"{prefix}_CountryCode", "str", "FIPS 10-4 code of the place's state, from GeoNames' country table"),
        Column(f"{prefix}_ADM1Code", "str", "for a country-level place its FIPS code (GDELT's convention); else "
               "empty: geopivot does not resolve provinces to ADM1 codes"),
        empty(f"{prefix}_ADM2Code", "str", "geopivot does not resolve districts"),
        Column(f"{prefix}_Lat", "float", "place_lat"),
        Column(f"{prefix}_Long", "float", "place_lon"),
        Column(f"{prefix}_FeatureID", "str", "for a country-level place its FIPS code (GDELT's convention); else "
               "empty: GDELT uses GNS/GNIS feature ids, geopivot GeoNames ids (place_geonames_id)"),
    )


COLUMNS = (
    Column("GLOBALEVENTID", "int", "a stable 53-bit integer hashed from the geopivot event id (and the dyad's "
           "position when an event gives several rows); the geopivot layout's id is the real key"),
    Column("SQLDATE", "int", "the event date as YYYYMMDD (for month or year precision, the period's first day, "
           "as geopivot stores it: see date_precision in the geopivot layout)"),
    Column("MonthYear", "int", "YYYYMM of the event date"),
    Column("Year", "int", "YYYY of the event date"),
    Column("FractionDate", "float", "year + the fraction of the year elapsed before the event day, 4 decimals"),
    *_actor_columns(1, "actor"),
    *_actor_columns(2, "recipient"),
    empty("IsRootEvent", "int", "geopivot does not record which paragraph a sentence is in"),
    Column("EventCode", "str", "cameo, with its leading zero"),
    Column("EventBaseCode", "str", "the first three digits of cameo"),
    Column("EventRootCode", "str", "the first two digits of cameo"),
    Column("QuadClass", "int", "quad_class (from the CAMEO root, as GDELT does)"),
    Column("GoldsteinScale", "float", "goldstein"),
    Column("NumMentions", "int", "1: a row is one mention in one article (fused counts: `geopivot fused`)"),
    Column("NumSources", "int", "1, as NumMentions"),
    Column("NumArticles", "int", "1, as NumMentions"),
    empty("AvgTone", "float", "geopivot does not score tone"),
    *_geo_columns("Actor1Geo", _ACTOR_GEO),
    *_geo_columns("Actor2Geo", _ACTOR_GEO),
    *_geo_columns("ActionGeo", None),
    empty("DATEADDED", "int", "the flat event row carries no ingestion time (published is in the geopivot layout)"),
    Column("SOURCEURL", "str", "the document's URL when it has one, else its outlet's name (GDELT's "
           "\"URL or citation\")"),
)


def _actor_values(n: int, side: Side | None) -> dict:
    if side is None:
        return {}
    kinds = [side.code] if side.code in ORGANISATION_CODES else []
    types = kinds + ([side.sector] if side.sector else [])
    country = side.code if is_state(side.code) else None
    name = side.plain_name
    return {
        f"Actor{n}Code": (country or "") + "".join(types) or None,
        f"Actor{n}Name": name.upper() if name else None,
        f"Actor{n}CountryCode": country,
        f"Actor{n}Type1Code": types[0] if types else None,
        f"Actor{n}Type2Code": types[1] if len(types) > 1 else None,
    }


_GEO_TYPES = {"country": 1, "city": 4, "region": 5}
_US_GEO_TYPES = {"country": 1, "city": 3, "region": 2}


def _action_geo(event: dict) -> dict:
    precision = event.get("place_precision")
    country = event.get("place_geo_country") or event.get("place_country")
    name = event.get("place_geo_name") or event.get("place_name")
    if precision is None and name is None:
        return {}
    geo_type = (_US_GEO_TYPES if country == "USA" else _GEO_TYPES).get(precision)
    state = country_name(country)
    full_name = f"{name}, {state}" if name and state and name != state else (name or state)
    fips = fips_code(country)
    return {
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": full_name,
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": fips if precision == "country" else None,
        "ActionGeo_Lat": event.get("place_lat"),
        "ActionGeo_Long": event.get("place_lon"),
        "ActionGeo_FeatureID": fips if precision == "country" else None,
    }


def _date_values(day: date | None) -> dict:
    if day is None:
        return {}
    days_in_year = 366 if calendar.isleap(day.year) else 365
    return {
        "SQLDATE": day.year * 10000 + day.month * 100 + day.day,
        "MonthYear": day.year * 100 + day.month,
        "Year": day.year,
        "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / days_in_year, 4),
    }


def convert(event: dict, lookups: Lookups) -> list[dict]:
    cameo = event.get("cameo") or None
    shared = {
        **_date_values(parse_day(event.get("date"))),
        "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None,
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": event.get("quad_class"),
        "GoldsteinScale": event.get("goldstein"),
        "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
        **_action_geo(event),
        "SOURCEURL": lookups.url(event["doc_id"]) or event.get("source"),
    }
    rows = []
    for position, (actor, recipient) in enumerate(lookups.sides(event).dyads()):
        key = event["id"] if position == 0 else f"{event['id']}#{position}"
        rows.append({"GLOBALEVENTID": numeric_id(key), **shared, **_actor_values(1, actor),
                     **_actor_values(2, recipient)})
    return rows


GDELT = Layout(
    name="gdelt",
    title="GDELT 2.0 Event table",
    grain="one row per actor-recipient pair of each event mention (GDELT's dyadic rows)",
    columns=COLUMNS,
    convert=convert,
    sources=(("GDELT Event Codebook V2.0 (data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf): "
              "61 tab-separated columns, GLOBALEVENTID to SOURCEURL"),),
)
