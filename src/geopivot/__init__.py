"""geopivot: sourced, time-resolved political events and realignments from news and briefs.

>>> import geopivot
>>> doc = geopivot.code_text("Niger expelled the French ambassador.", date="2023-08-26")
>>> [(e.type, e.mode) for e in doc.events]
[('SANCTION', 'expel')]
"""

from .api import (
    code_text, demo_corpus_path, evaluate, events, ingest, resolve_actor, summary, unresolved_actors,
)
from .errors import GeopivotError
from .jobs import IngestReport
from .model import Document, Event, EventDate, Identifier, Mention, Metadata, Participant, Place, Sentence
from .pipeline import Pipeline, process_batch
from .resources import build_pipeline
from .settings import Settings
from .store import open_store

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Event",
    "EventDate",
    "GeopivotError",
    "Identifier",
    "IngestReport",
    "Mention",
    "Metadata",
    "Participant",
    "Pipeline",
    "Place",
    "Sentence",
    "Settings",
    "build_pipeline",
    "code_text",
    "demo_corpus_path",
    "evaluate",
    "events",
    "ingest",
    "open_store",
    "process_batch",
    "resolve_actor",
    "summary",
    "unresolved_actors",
]
