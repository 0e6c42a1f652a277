import geopivot
from geopivot.settings import settings_markdown
from pathlib import Path


def test_public_api_is_sorted_and_importable():
    assert geopivot.__all__ == sorted(geopivot.__all__)
    for name in geopivot.__all__:
        assert getattr(geopivot, name) is not None, name


def test_settings_docs_are_generated_from_the_settings_table():
    docs = Path(__file__).resolve().parents[1] / "docs" / "settings.md"
    assert docs.read_text() == settings_markdown(), "run: geopivot settings --markdown > docs/settings.md"


def test_settings_from_environment_and_bad_values(monkeypatch):
    import pytest

    from geopivot.errors import ConfigurationError

    assert geopivot.Settings.from_env({"GEOPIVOT_BATCH_SIZE": "7"}).batch_size == 7
    with pytest.raises(ConfigurationError, match="GEOPIVOT_BATCH_SIZE='seven' is not a valid int"):
        geopivot.Settings.from_env({"GEOPIVOT_BATCH_SIZE": "seven"})
    with pytest.raises(ConfigurationError, match="unknown setting"):
        geopivot.Settings.from_env({}, batch_sise=3)


def test_missing_model_names_the_package_to_install():
    import pytest

    from geopivot.errors import ModelNotInstalledError
    from geopivot.nlp import load_nlp

    with pytest.raises(ModelNotInstalledError, match="pip install no_such_pipeline"):
        load_nlp("no_such_pipeline")


def test_library_round_trip_on_the_demo_corpus_folder():
    folder = geopivot.demo_corpus_path()
    assert len(list(folder.glob("*.txt"))) >= 20
