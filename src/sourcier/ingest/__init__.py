"""Ingest: files, strings and streams to :class:`~sourcier.model.Document`\\ s.

``Document.text`` is the text every later offset refers to (for a ``.txt`` file,
the decoded file unchanged) and ``Document.paragraphs`` partitions it into real
paragraphs. Single-document readers raise :class:`~sourcier.errors.InputError`;
multi-document readers yield it, so that a batch never stops on one bad article.
"""

from sourcier.ingest.document import MAX_TEXT_CHARS
from sourcier.ingest.html import read_html
from sourcier.ingest.language import detect_language, ensure_french
from sourcier.ingest.paragraphs import split_paragraphs
from sourcier.ingest.readers import (
    iter_documents,
    read_feed,
    read_jsonl,
    read_path,
    read_text,
    read_warc,
)

__all__ = [
    "MAX_TEXT_CHARS",
    "detect_language",
    "ensure_french",
    "iter_documents",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_path",
    "read_text",
    "read_warc",
    "split_paragraphs",
]
