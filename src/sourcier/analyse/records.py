"""What our spaCy components write on the shared ``Doc``, before offsets are mapped back.

Components attach these records to ``Doc`` extensions (``doc._.sourcier_entities``,
``doc._.sourcier_quotes``, ``doc._.sourcier_sources``); offsets are character offsets
into ``doc.text`` (the model's normalised copy). :mod:`sourcier.analyse.assemble`
maps them to the reported text and builds the public :class:`~sourcier.model.Analysis`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

CharSpan = tuple[int, int]


@dataclass(slots=True)
class EntityCluster:
    """The mentions of one entity in one article."""

    key: str  # "e1", "e2", … in order of first mention
    label: str  # PERSON | ORG | GPE | LOC | MEDIA | MISC
    name: str  # canonical name: the fullest form the article gives
    mentions: list[CharSpan] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None  # "Masc" | "Fem" when the article says (title, pronoun, agreement)


@dataclass(slots=True)
class QuoteRecord:
    type: str  # direct | indirect | mixed
    content: CharSpan
    cue: CharSpan | None = None
    speaker_mention: CharSpan | None = None
    speaker_key: str | None = None  # an EntityCluster key
    speaker_name: str | None = None  # resolved name, or the description as written
    via: list[str] = field(default_factory=list)  # SourceRecord keys
    confidence: float = 0.5


@dataclass(slots=True)
class SourceRecord:
    key: str  # "s1", "s2", …
    name: str  # canonical outlet name, or the description as written
    role: str  # interview | relay | photo | byline | mention
    outlet_id: str | None = None  # knowledge-base id when the outlet is known
    mentions: list[CharSpan] = field(default_factory=list)
    channel: str | None = None
    # Where its words or facts apply: quote content spans this source was cited for.
    scope: list[CharSpan] = field(default_factory=list)


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per ``Doc``: spaCy joins every token again on each access."""
    text = doc.user_data.get("sourcier_text")
    if text is None:
        text = doc.user_data["sourcier_text"] = doc.text
    return text


def register_extensions() -> None:
    """Declare the ``Doc`` extensions our components write (idempotent)."""
    for name in ("sourcier_entities", "sourcier_quotes", "sourcier_sources"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("sourcier_meta"):
        # The ArticleMeta of the document being analysed (URL, photo credits, …).
        Doc.set_extension("sourcier_meta", default=None)
