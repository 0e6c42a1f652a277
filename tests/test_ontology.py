import pytest

from geopivot.errors import ConfigurationError
from geopivot.ontology import load_ontology, quad_class_of
from geopivot.coding.lexicon import load_trigger_lexicon


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


def test_sixteen_plover_types(ontology):
    assert len(ontology.types) == 16 and {"AGREE", "ASSAULT", "SANCTION"} <= set(ontology.types)


def test_every_type_and_mode_maps_to_cameo_goldstein_and_quad_class(ontology):
    for event_type in ontology.types:
        for mode in (None, *ontology.modes(event_type)):
            coding = ontology.cameo(event_type, mode)
            assert isinstance(coding.cameo, str) and coding.cameo[:2].isdigit()
            assert -10 <= coding.goldstein <= 10 and coding.quad_class in (1, 2, 3, 4)


def test_cooperation_scores_above_conflict(ontology):
    assert ontology.cameo("AGREE").goldstein > 0 > ontology.cameo("ASSAULT").goldstein
    assert quad_class_of("0874") == 2 and quad_class_of("190") == 4


def test_every_lexicon_row_names_a_real_type_and_mode(ontology):
    for trigger in load_trigger_lexicon().triggers():
        if trigger.type != "NONE":  # NONE rows block a reading ("released a statement")
            ontology.validate(trigger.type, trigger.mode)


def test_unknown_type_or_mode_is_a_clear_error(ontology):
    with pytest.raises(ConfigurationError, match="not a PLOVER event type"):
        ontology.cameo("HUG")
    with pytest.raises(ConfigurationError, match="not a mode of SANCTION"):
        ontology.validate("SANCTION", "hug")


def test_context_cues_name_real_plover_contexts(ontology):
    from geopivot.coding.contexts import load_context_cues

    assert set(load_context_cues().cues) <= set(ontology.contexts)
