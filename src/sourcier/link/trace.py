"""Trails: every publication of a text, or every appearance of a quote, earliest first, with
the relay graph between them (see :mod:`sourcier.link.provenance` for what edges mean)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sourcier.knowledge.outlets import OutletKB
from sourcier.ingest.dates import chronological_key
from sourcier.link.provenance import Edge, Provenance
from sourcier.link.reprints import ReprintReport
from sourcier.link.reuse import Match, ReuseSettings, Span, align_anchors, anchors, word_hashes, word_offsets, words_of

#: Share of a quote's words that an appearance must reproduce (trimmed or lightly edited).
MIN_QUOTE_COVERAGE = 0.6
_QUOTE_SETTINGS = ReuseSettings(min_chain_words=3, max_gap_words=4)


@dataclass
class Appearance:
    item: int
    start: int
    end: int  # offsets of the quote (or of the reused text's first passage) in the item's text
    coverage: float
    #: For a quote read from a store: the analysed quote's speaker and ``via`` (who relayed it).
    speaker: str | None = None
    via: list[str] | None = None
    #: Words of the quote this appearance reproduces (0 for a publication's trail).
    words: int = 0


@dataclass
class Trail:
    appearances: list[Appearance]  # earliest first
    edges: list[Edge]

    def to_json(self, provenance: Provenance) -> dict[str, Any]:
        items = provenance.report.items
        return {
            "appearances": [
                {**items[a.item].describe(), "publisher": provenance.publisher_name(a.item), "start": a.start, "end": a.end,
                 "text": items[a.item].text[a.start : a.end], "coverage": round(a.coverage, 3),
                 **({"speaker": a.speaker, "via": a.via} if a.speaker or a.via else {})}
                for a in self.appearances
            ],
            "edges": [
                {"source": items[e.source].id, "target": items[e.target].id, "directed": e.directed,
                 "evidence": [ev.to_dict() for ev in e.evidence]}
                for e in self.edges
            ],
        }

    def to_text(self, provenance: Provenance) -> str:
        items = provenance.report.items
        lines = [f"{len(self.appearances)} appearance(s), earliest first:"]
        for n, a in enumerate(self.appearances, start=1):
            it = items[a.item]
            said = f" · said by {a.speaker}" + (f" (via {', '.join(a.via)})" if a.via else "") if a.speaker else ""
            lines.append(f"  {n}. {it.published or 'undated'} · {provenance.publisher_name(a.item)} · {it.id}{said}")
        lines.append("relay graph:")
        for e in self.edges:
            arrow = "→" if e.directed else "—"
            lines.append(f"  {items[e.source].id} {arrow} {items[e.target].id}  [{', '.join(e.kinds())}]")
            lines += [f"      {ev.kind}: {ev.detail}" for ev in e.evidence]
        return "\n".join(lines)


def _earliest_first(report: ReprintReport, items: list[int]) -> list[int]:
    return sorted(items, key=lambda i: (chronological_key(report.items[i].published), i))


def publication_trail(provenance: Provenance, item_id: str) -> Trail | None:
    """The reprints (and partial reuses) of the item with this id; None when there is no such item."""
    report = provenance.report
    index = next((i for i, it in enumerate(report.items) if it.id == item_id), None)
    if index is None:
        return None
    members = next((set(g) for g in report.clusters() if index in g), {index})
    matches = [m for m in report.matches if m.a in members or m.b in members]
    versions = [v for v in provenance.unmatched_versions() if v.a in members or v.b in members]
    members |= {m.a for m in matches} | {m.b for m in matches} | {v.a for v in versions} | {v.b for v in versions}
    appearances = []
    for i in _earliest_first(report, list(members)):
        first_span = _first_span(matches, i)
        appearances.append(Appearance(i, *first_span) if first_span else Appearance(i, 0, len(report.items[i].text), 1.0))
    return Trail(appearances, [provenance.edge(m) for m in matches] + [provenance.version_edge(v) for v in versions])


def _first_span(matches: list[Match], item: int) -> tuple[int, int, float] | None:
    for m in matches:
        if m.spans and item in (m.a, m.b):
            s = m.spans[0]
            return (s.a_start, s.a_end, m.coverage_a) if item == m.a else (s.b_start, s.b_end, m.coverage_b)
    return None


def quote_runs(quote: str) -> list[str]:
    """The runs of consecutive words of ``quote`` of which every appearance that
    :func:`quote_trail` finds holds one at least: it aligns texts on anchors of that many
    words. A full-text index looks them up to find the texts worth comparing."""
    words, n = words_of(quote), _QUOTE_SETTINGS.align_words
    return list(dict.fromkeys(" ".join(words[i:i + n]) for i in range(len(words) - n + 1)))


def quote_trail(provenance: Provenance, quote: str, among: Iterable[int] | None = None) -> Trail:
    """Every item that reproduces ``quote`` (exactly, trimmed or lightly edited), earliest
    first, with an edge from the earliest appearance to each later one. ``among``: the
    indexes of the items that may hold it (those holding one of its :func:`quote_runs`);
    by default every item is compared."""
    report = provenance.report
    quote_words = word_hashes(words_of(quote))
    quote_anchors = anchors(quote_words, _QUOTE_SETTINGS.align_words)
    found: dict[int, Appearance] = {}
    for i in range(len(report.items)) if among is None else sorted(set(among)):
        words = words_of(report.items[i].text)
        spans = align_anchors(quote_anchors, anchors(word_hashes(words), _QUOTE_SETTINGS.align_words), _QUOTE_SETTINGS)
        covered = sum(s.a_end - s.a_start for s in spans) / max(len(quote_words), 1)
        if spans and covered >= MIN_QUOTE_COVERAGE:
            offsets = word_offsets(report.items[i].text)
            found[i] = Appearance(i, int(offsets[spans[0].b_start, 0]), int(offsets[spans[-1].b_end - 1, 1]),
                                  min(covered, 1.0), words=sum(s.words for s in spans))
    order = _earliest_first(report, list(found))
    appearances = [found[i] for i in order]
    edges = [provenance.edge(_quote_match(appearances[0], later)) for later in appearances[1:]]
    return Trail(appearances, edges)


def _quote_match(first: Appearance, later: Appearance) -> Match:
    """The shared quote between two appearances, as a match for the provenance edge."""
    span = Span(first.start, first.end, later.start, later.end, min(first.words, later.words))
    return Match(first.item, later.item, "quote", 1.0, first.coverage, later.coverage, (span,))


def attach_speakers(trail: Trail, report: ReprintReport, store: Any) -> None:
    """The speaker and ``via`` of the stored quote that each appearance overlaps (a store's
    item ids start with the article id)."""
    import sqlalchemy as sa

    from sourcier.store.schema import quotes

    with store.engine.connect() as connection:
        for a in trail.appearances:
            article_id = report.items[a.item].id.split("+", 1)[0]
            row = connection.execute(
                sa.select(quotes.c.speaker_name, quotes.c.via)
                .where(quotes.c.article_id == article_id, quotes.c.start < a.end, quotes.c.end > a.start)
                .order_by(quotes.c.start)
            ).first()
            if row is not None:
                a.speaker = row.speaker_name
                a.via = [v.get("name") for v in row.via or [] if isinstance(v, dict) and v.get("name")]


def provenance_for(report: ReprintReport, kb: OutletKB | None = None) -> Provenance:
    from sourcier.knowledge.outlets import load_outlets

    return Provenance(report, kb or load_outlets())
