"""Sourcier: who said what, to whom, reported by whom, in French-language news.

    >>> import sourcier
    >>> analysis = sourcier.analyze("Le ministre a déclaré que « tout va bien ».")
    >>> analysis.to_dict()["schema"]
    'sourcier.analysis/1'
"""

import logging

from sourcier.api import analyze, analyze_many
from sourcier.model import (
    SCHEMA_ID,
    Analysis,
    ArticleMeta,
    Document,
    Entity,
    Outlet,
    Paragraph,
    Quote,
    Source,
    Speaker,
    TextSpan,
    Via,
)

__all__ = [
    "Analysis",
    "ArticleMeta",
    "Document",
    "Entity",
    "Outlet",
    "Paragraph",
    "Quote",
    "SCHEMA_ID",
    "Source",
    "Speaker",
    "TextSpan",
    "Via",
    "analyze",
    "analyze_many",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
