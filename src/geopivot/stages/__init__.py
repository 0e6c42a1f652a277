"""Pipeline stages. Each is ``Document -> Document`` and declares ``requires``/``assigns``."""

from .coder import EventCoder
from .mentions import MentionStage
from .parse import ParseStage
from .relations import RelationStage

__all__ = ["EventCoder", "MentionStage", "ParseStage", "RelationStage"]
