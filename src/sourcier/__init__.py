"""Sourcier: who said what, to whom, reported by whom, in French-language news.

    >>> import sourcier
    >>> analysis = sourcier.analyze("Le ministre a déclaré que « tout va bien ».")
    >>> analysis.to_dict()["schema"]
    'sourcier.analysis/1'
"""

import logging

from sourcier.api import analyze, analyze_many
from sourcier.link.reprints import ReprintItem, find_reprints
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
    "ReprintItem",
    "SCHEMA_ID",
    "Source",
    "Speaker",
    "TextSpan",
    "Via",
    "analyze",
    "analyze_many",
    "find_reprints",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
