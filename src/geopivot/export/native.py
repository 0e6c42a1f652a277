"""The geopivot layout: the store's own flat event row, one row per event mention, unchanged."""

from __future__ import annotations

from .layout import Column, Layout

_COLUMNS = (
    Column("id", "str", "the event mention's id (stable: derived from the document and the trigger)"),
    Column("doc_id", "str", "the document's id (a fingerprint of its text)"),
    Column("type", "str", "PLOVER event type"),
    Column("mode", "str", "PLOVER mode of the type, when the text gives one"),
    Column("contexts", "str", "PLOVER contexts as a JSON list"),
    Column("modality", "str", "asserted, intended, hypothetical, negated or reported"),
    Column("confidence", "float", "the coder's confidence, 0-1"),
    Column("method", "str", "which coder rule produced the event"),
    Column("date", "str", "event date, ISO 8601 (the first day of the period when coarser than a day)"),
    Column("date_end", "str", "last day, for ranges"),
    Column("date_precision", "str", "minute, day, week, month, year, range or reported (publication date)"),
    Column("date_expression", "str", "the words the date was read from"),
    Column("place_name", "str", "the place as written"),
    Column("place_country", "str", "ISO 3166 alpha-3 of the place"),
    Column("place_start", "int", "character offset of the place in the document"),
    Column("place_end", "int", "character offset of the place's end"),
    Column("sentence_start", "int", "character offset of the evidence sentence"),
    Column("sentence_end", "int", "character offset of the sentence's end"),
    Column("trigger_start", "int", "character offset of the trigger word"),
    Column("trigger_end", "int", "character offset of the trigger's end"),
    Column("cameo", "str", "CAMEO event code, with its leading zero"),
    Column("goldstein", "float", "Goldstein score of the CAMEO code"),
    Column("quad_class", "int", "QuadClass from the CAMEO root: 1 verbal cooperation ... 4 material conflict"),
    Column("place_precision", "str", "city, region, area, sea, country or continent"),
    Column("place_lat", "float", "latitude of the geocoded place"),
    Column("place_lon", "float", "longitude of the geocoded place"),
    Column("place_geonames_id", "int", "GeoNames id of the place, when it has one"),
    Column("place_geo_name", "str", "the gazetteer's name of the place"),
    Column("place_geo_country", "str", "ISO 3166 alpha-3 the gazetteer puts the place in"),
    Column("title", "str", "the document's headline"),
    Column("source", "str", "the outlet that published it"),
    Column("published", "str", "publication date (and time, when known), as written"),
    Column("origin", "str", "the file (and row) it was read from"),
    Column("sentence", "str", "the evidence sentence"),
    Column("trigger", "str", "the trigger word(s)"),
    Column("actor_codes", "str", "actor codes, ';'-separated ('?' for an actor that did not resolve)"),
    Column("recipient_codes", "str", "recipient codes, ';'-separated"),
)


def _as_stored(row: dict, lookups) -> list[dict]:
    return [row]


GEOPIVOT = Layout(
    name="geopivot",
    title="geopivot's own event row",
    grain="one row per event mention (an event read in one sentence of one document)",
    columns=_COLUMNS,
    convert=_as_stored,
)
