"""A quote found but not yet attributed: what the extraction steps hand to speaker resolution."""

from __future__ import annotations

from dataclasses import dataclass

from sourcier.analyse.quotes.cues import Cue


@dataclass(slots=True)
class Candidate:
    """A quote's content (characters [start, end) of ``doc.text``), its type and its cue."""

    type: str  # direct | indirect | mixed
    start: int
    end: int
    cue: Cue | None  # None: a floating quote, attributed to the previous speaker
    confidence: float
    quotation: int | None = None  # index of the quotation it comes from (direct quotes)
    chain: int | None = None  # quotations running over paragraphs share a chain id
