"""What our spaCy components write on the shared ``Doc``, before offsets are mapped back.

Components attach these records to ``Doc`` extensions (``doc._.sourcier_entities``,
``doc._.sourcier_quotes``, ``doc._.sourcier_sources``, ``doc._.sourcier_relations``); offsets are character offsets
into ``doc.text`` (the model's normalised copy). :mod:`sourcier.analyse.assemble`
maps them to the reported text and builds the public :class:`~sourcier.model.Analysis`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


@dataclass(slots=True)
class RelationRecord:
    """A relation between two actors (see :mod:`sourcier.analyse.components.relations`)."""

    type: str  # a PLOVER event type
    mode: str | None
    context: list[str]
    cameo: str
    actor: Any  # a sourcier.analyse.relations.actors.Mention
    target: Any
    negated: bool
    evidence: CharSpan
    time: CharSpan | None = None
    quote: int | None = None  # index in doc._.sourcier_quotes of the quote that claims it
    claimed_by: str | None = None  # that quote's speaker name
    claimed_by_entity: str | None = None
    confidence: float = 0.5

    @property
    def key(self) -> tuple:
        """What makes two records one relation; symmetric types ignore the order of the two sides."""
        from sourcier.analyse.relations.lexicon import SYMMETRIC

        sides = (self.actor.key, self.target.key)
        if self.type in SYMMETRIC:
            sides = tuple(sorted(sides))
        return (sides[0], self.type, sides[1], self.negated)


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per ``Doc``: spaCy joins every token again on each access."""
    text = doc.user_data.get("sourcier_text")
    if text is None:
        text = doc.user_data["sourcier_text"] = doc.text
    return text


def register_extensions() -> None:
    """Declare the ``Doc`` extensions our components write (idempotent)."""
    for name in ("sourcier_entities", "sourcier_quotes", "sourcier_sources", "sourcier_relations"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("sourcier_meta"):
        # The ArticleMeta of the document being analysed (URL, photo credits, …).
        Doc.set_extension("sourcier_meta", default=None)
