"""The data model every stage speaks: ingest → analyse → link → store → serve.

Records are plain, typed dataclasses. ``to_dict()`` gives the JSON shape of the
``sourcier.analysis/1`` schema (``src/sourcier/schema/analysis-1.schema.json``).

Offsets are code-point offsets into ``Analysis.text`` (for a ``.txt`` input, the
decoded file unchanged): for every span, ``text[start:end] == span.text``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any, Literal

SCHEMA_ID = "sourcier.analysis/1"


def plain(value: Any) -> Any:
    """A dataclass record as plain dicts and lists, as :func:`dataclasses.asdict` gives it.

    ``asdict`` deep-copies every leaf and checks every value's type the slow way: it was
    most of the time of serving one article's analysis. Records hold immutable leaves
    (strings, numbers, ``None``), so new containers are all a copy needs.
    """
    cls = type(value)
    if cls in _LEAVES:  # most values: answered before any other test
        return value
    names = _FIELDS.get(cls)
    if names is None and hasattr(cls, "__dataclass_fields__"):
        names = _FIELDS[cls] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}  # field names of each record type met by plain()
_LEAVES = frozenset({str, int, float, bool, type(None)})

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "MEDIA", "MISC"]
QuoteType = Literal["direct", "indirect", "mixed"]
SourceRole = Literal["interview", "relay", "photo", "byline", "mention"]


@dataclass(slots=True, frozen=True)
class TextSpan:
    """A stretch of the reported text: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass(slots=True)
class ArticleMeta:
    """What is known about an article besides its text."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given by the source
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    photo_credits: list[str] = field(default_factory=list)
    external_id: str | None = None  # the caller's own id (JSONL ``id``), kept verbatim


@dataclass(slots=True)
class Document:
    """An ingested article, ready for analysis.

    ``text`` is the text every offset will refer to; ``paragraphs`` partitions it
    into blocks (no sentence, entity or quote crosses one). ``origin`` says where
    it came from (a path, ``path#line``, a WARC record URI, ``<stdin>``) for error
    reports; ``warnings`` carries what ingest noticed (e.g. an encoding fallback).
    """

    text: str
    paragraphs: list[Paragraph]
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    origin: str = "<string>"
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    roles: list[str] = field(default_factory=list)
    mentions: list[TextSpan] = field(default_factory=list)


@dataclass(slots=True)
class Speaker:
    entity: str | None = None  # an Entity id of the same analysis
    name: str | None = None  # the fullest name the article gives, or the description as written
    mention: TextSpan | None = None  # the mention the cue attaches to


@dataclass(slots=True)
class Via:
    name: str
    source: str  # a Source id of the same analysis


@dataclass(slots=True)
class Quote:
    id: str
    type: QuoteType
    start: int
    end: int
    text: str
    speaker: Speaker = field(default_factory=Speaker)
    cue: TextSpan | None = None
    via: list[Via] = field(default_factory=list)
    confidence: float = 0.0


@dataclass(slots=True)
class Outlet:
    """Facts about a media outlet from the knowledge base (see ``sourcier.knowledge``)."""

    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    kind: str | None = None
    ownership: str | None = None
    state_affiliated: bool | None = None
    state: str | None = None  # ISO 3166-1 alpha-2 of the affiliated state, when any
    citation: str | None = None


@dataclass(slots=True)
class Source:
    id: str
    name: str
    role: SourceRole
    outlet: Outlet | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    channel: str | None = None  # a social channel ("Telegram", "Facebook", …) when that is the venue


@dataclass(slots=True)
class Analysis:
    """The analysis of one article; ``to_dict()`` is the ``sourcier.analysis/1`` object."""

    id: str
    article: ArticleMeta
    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema: str = SCHEMA_ID

    def to_dict(self) -> dict[str, Any]:
        data = plain(self)
        article = data["article"]
        if article.get("external_id") is None:
            article.pop("external_id", None)
        ordered = {"schema": data.pop("schema"), "id": data.pop("id")}
        ordered.update(data)
        return ordered

    def to_json(self, *, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an analysis from its JSON object (e.g. as stored in a database)."""

        def span(d: dict | None) -> TextSpan | None:
            return TextSpan(**d) if d else None

        def outlet(d: dict | None) -> Outlet | None:
            return Outlet(**d) if d else None

        return cls(
            schema=data.get("schema", SCHEMA_ID),
            id=data["id"],
            article=ArticleMeta(**data["article"]),
            text=data["text"],
            paragraphs=[Paragraph(**p) for p in data.get("paragraphs", [])],
            entities=[
                Entity(**{**e, "mentions": [TextSpan(**m) for m in e.get("mentions", [])]})
                for e in data.get("entities", [])
            ],
            quotes=[
                Quote(
                    **{
                        **q,
                        "speaker": Speaker(
                            entity=q["speaker"].get("entity"),
                            name=q["speaker"].get("name"),
                            mention=span(q["speaker"].get("mention")),
                        ),
                        "cue": span(q.get("cue")),
                        "via": [Via(**v) for v in q.get("via", [])],
                    }
                )
                for q in data.get("quotes", [])
            ],
            sources=[
                Source(
                    **{
                        **s,
                        "outlet": outlet(s.get("outlet")),
                        "mentions": [TextSpan(**m) for m in s.get("mentions", [])],
                    }
                )
                for s in data.get("sources", [])
            ],
            relations=list(data.get("relations", [])),
            warnings=list(data.get("warnings", [])),
        )


def text_id(text: str) -> str:
    """A stable article id: the first 16 hex digits of the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
