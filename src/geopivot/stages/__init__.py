"""Pipeline stages. Each is ``Document -> Document`` and declares ``requires``/``assigns``."""

from .coder import RuleCoder
from .mentions import MentionStage
from .parse import ParseStage

__all__ = ["MentionStage", "ParseStage", "RuleCoder"]
