"""Provenance of reprints: who carried a text first, and the relay edges with their evidence.

Each edge between two articles of a reprint cluster (or a partial reuse) carries the
evidence found for it, and nothing more:

* ``aligned_text``: the two texts share these passages (offsets in both). It says *that*
  text was reused, not in which direction, nor that one copied the other directly (both
  may come from a third, unseen source).
* ``time_order``: the source was published before the target (both dates readable, and
  different at the precision both give). It orders the two; it does not show copying.
* ``attribution``: the target's text names the source's outlet in an attribution ("selon
  l'AFP", "(avec Sputnik)", "dans un entretien accordé à Sputnik"), at these offsets. It is
  the target's own statement of where the text comes from.

* ``same_title`` (an edge of kind ``version``): the same outlet published both under the same
  title a few days apart (:mod:`sourcier.link.versions`): versions of one story, or issues of
  one series. It says nothing about shared text.

An edge is *directed* when time order or attribution gives a direction (when they disagree,
the attribution wins and the edge says so); otherwise it is undirected. ``relays`` sums
the edges per pair of outlets ("who relays whom"): a publisher citing a medium in an
attribution, copying an earlier publication of it (a reprint), or reusing passages of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from sourcier.ingest.dates import moment
from sourcier.knowledge.outlets import OutletKB, OutletRecord
from sourcier.knowledge.publishers import resolve_publisher
from sourcier.link.reprints import ReprintItem, ReprintReport
from sourcier.link.reuse import Match
from sourcier.link.versions import Version

_NAME = r"([A-ZÀ-Ý][\w'’.&-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.&-]*|de|du|des|d'|d’)){0,4})"
_ARTICLE = r"(?:l'|l’|le\s+|la\s+|les\s+)?"
#: Phrases by which an article credits the medium it takes its text from.
_ATTRIBUTION = re.compile(
    r"(?i:\bselon\s+|\bd['’]après\s+|\bcité(?:e|s|es)?\s+par\s+|\brapporté(?:e|s|es)?\s+par\s+|"
    r"\b(?:a|ont)\s+(?:déclaré|indiqué|confié|affirmé|assuré|expliqué|annoncé|précisé)\s+à\s+|"
    r"\b(?:entretien|interview|entrevue)\s+(?:exclusi(?:f|ve)\s+)?accordée?\s+à\s+|\(\s*avec\s+|\bsource\s*:\s*)"
    + _ARTICLE + _NAME
)


@dataclass(frozen=True)
class Evidence:
    kind: str  # "aligned_text", "time_order" or "attribution"
    detail: str
    #: For an attribution: its offsets in the target's text.
    start: int | None = None
    end: int | None = None
    #: For aligned text: the shared passages, (source start, end, target start, end).
    spans: tuple[tuple[int, int, int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"kind": self.kind, "detail": self.detail}
        if self.start is not None:
            found.update(start=self.start, end=self.end)
        if self.spans:
            found["spans"] = [dict(zip(("source_start", "source_end", "target_start", "target_end"), s, strict=True))
                              for s in self.spans]
        return found


@dataclass(frozen=True)
class Edge:
    """``source`` → ``target`` when ``directed``; otherwise an unordered pair."""

    source: int
    target: int
    directed: bool
    evidence: tuple[Evidence, ...]
    #: "reprint", "partial" (shared passages) or "quote" (the same quote)
    kind: str = "reprint"

    def kinds(self) -> list[str]:
        return [e.kind for e in self.evidence]


@dataclass
class Attribution:
    outlet: OutletRecord
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Credit:
    """An attribution in a target's text to the outlet of an edge's source."""

    outlet: str
    start: int
    end: int
    text: str


def attributions(text: str, kb: OutletKB) -> list[Attribution]:
    """Media the text credits in an attribution, with the offsets of each credit."""
    found = []
    for m in _ATTRIBUTION.finditer(text):
        record, end = _longest_outlet(kb, m.group(1), m.start(1))
        if record is not None:
            found.append(Attribution(record, m.start(), end, text[m.start() : end]))
    return found


def stated_credits(text: str, name: str) -> list[tuple[int, int]]:
    """Offsets of the attributions in ``text`` to an outlet known only by the name its
    publications state ("(avec Bamako Tribune)" when the knowledge base lacks Bamako
    Tribune), case ignored, with or without its leading article."""
    names = {name.strip().casefold(), re.sub(r"^(?:l['’]|le\s+|la\s+|les\s+)", "", name.strip(), flags=re.I).casefold()}
    found = []
    for m in _ATTRIBUTION.finditer(text):
        for candidate in filter(None, names):
            end = m.start(1) + len(candidate)
            if text[m.start(1) : end].casefold() == candidate and not text[end : end + 1].isalnum():
                found.append((m.start(), end))
                break
    return found


def _longest_outlet(kb: OutletKB, name: str, start: int) -> tuple[OutletRecord | None, int]:
    """The outlet named by the longest prefix of ``name`` that the knowledge base knows."""
    words = list(re.finditer(r"\S+", name))
    for k in range(len(words), 0, -1):
        candidate = name[: words[k - 1].end()].rstrip(".,;:)")
        record = kb.find(candidate)
        if record is not None:
            return record, start + len(candidate)
    return None, start


def _time_order(a: ReprintItem, b: ReprintItem) -> int:
    """-1 when a was published first, 1 when b was, 0 when unknown or the same at the
    precision both dates give (two times when both state one, else two days)."""
    left, right = moment(a.published), moment(b.published)
    if left is None or right is None:
        return 0
    if not (isinstance(left, datetime) and isinstance(right, datetime)):
        left, right = _day(left), _day(right)
    return (left > right) - (left < right)


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _names(record: OutletRecord, kb: OutletKB) -> set[str]:
    family = {record.id}
    parent = kb.parent(record)
    while parent is not None and parent.id not in family:
        family.add(parent.id)
        parent = kb.parent(parent)
    return family


@dataclass
class Provenance:
    """Edges of a reprint report, and the outlets behind its items."""

    report: ReprintReport
    kb: OutletKB
    outlets: list[OutletRecord | None] = field(init=False)
    credits: list[list[Attribution]] = field(init=False)

    def __post_init__(self) -> None:
        self.outlets = [resolve_publisher(self.kb, url=i.url, outlet=i.outlet).record for i in self.report.items]
        self.credits = [attributions(i.text, self.kb) for i in self.report.items]

    def edge(self, match: Match) -> Edge:
        a, b = match.a, match.b
        order = _time_order(self.report.items[a], self.report.items[b])
        credit_b = self._credit(b, a)
        credit_a = self._credit(a, b)
        source, target = (a, b) if (credit_b or (order < 0 and not credit_a)) else (b, a)
        directed = bool(credit_a or credit_b or order)
        evidence = [self._aligned(match, source)]
        if order:
            evidence.append(self._time_evidence(a, b, order, agrees=(order < 0) == (source == a)))
        for credit in credit_b if source == a else credit_a:
            evidence.append(Evidence("attribution", f"the target credits {credit.outlet}: {credit.text!r}",
                                     credit.start, credit.end))
        return Edge(source, target, directed, tuple(evidence), match.kind)

    def _time_evidence(self, a: int, b: int, order: int, *, agrees: bool = True) -> Evidence:
        first, then = (self.report.items[i].published for i in ((a, b) if order < 0 else (b, a)))
        return Evidence("time_order", f"published {first} before {then}"
                        + ("" if agrees else " (the attribution points the other way)"))

    def version_edge(self, version: Version) -> Edge:
        """Two versions of one story: the outlet's same title a few days apart (see
        :mod:`sourcier.link.versions`), directed by time order only; no shared text is claimed."""
        a, b = version.a, version.b
        order = _time_order(self.report.items[a], self.report.items[b])
        source, target = (b, a) if order > 0 else (a, b)
        what = (f"issues of a series (the outlet used this title on {version.title_days} days)"
                if version.recurring else "versions of one story")
        evidence = [Evidence("same_title", f"the same outlet published both under the title "
                             f"{self.report.items[a].title!r}, {version.days} day(s) apart: likely {what}; "
                             "no shared text is claimed")]
        if order:
            evidence.append(self._time_evidence(a, b, order))
        return Edge(source, target, bool(order), tuple(evidence), "version")

    def _credit(self, target: int, source: int) -> list[Credit]:
        """Attributions in ``target`` to the outlet of ``source`` (or to its parent); for an
        outlet the knowledge base does not know, to the name its publication states."""
        outlet = self.outlets[source]
        if outlet is None:
            stated = self.report.items[source].outlet
            text = self.report.items[target].text
            return [Credit(stated, s, e, text[s:e]) for s, e in stated_credits(text, stated)] if stated else []
        family = _names(outlet, self.kb)
        return [Credit(c.outlet.name, c.start, c.end, c.text) for c in self.credits[target] if c.outlet.id in family]

    @staticmethod
    def _aligned(match: Match, source: int) -> Evidence:
        flip = source != match.a
        spans = tuple((s.b_start, s.b_end, s.a_start, s.a_end) if flip else (s.a_start, s.a_end, s.b_start, s.b_end)
                      for s in match.spans)
        words = sum(s.words for s in match.spans)
        return Evidence("aligned_text", f"{words} words aligned in {len(spans)} passage(s); "
                        f"coverage {match.coverage_a:.2f} / {match.coverage_b:.2f}", spans=spans)

    def edges(self) -> Iterator[Edge]:
        """An edge per match, then one per pair of versions that shares no text found."""
        for match in self.report.matches:
            yield self.edge(match)
        for version in self.unmatched_versions():
            yield self.version_edge(version)

    def unmatched_versions(self) -> list[Version]:
        matched = {(m.a, m.b) for m in self.report.matches} | {(m.b, m.a) for m in self.report.matches}
        return [v for v in self.report.versions() if (v.a, v.b) not in matched]

    def relays(self) -> list[RelayRow]:
        """Who relays whom: publisher → cited medium (attributions) and publisher → copied
        publisher (directed reprint edges), with weights and first and last dates."""
        rows: dict[tuple[str, str, str], RelayRow] = {}
        for i, item in enumerate(self.report.items):
            publisher = self.outlets[i]
            for credit in self.credits[i]:
                if publisher is None or credit.outlet.id not in _names(publisher, self.kb):
                    _count(rows, self.publisher_name(i), credit.outlet.name, "cites", item.published)
        for edge in self.edges():
            if edge.directed and self.publisher_name(edge.source) != self.publisher_name(edge.target):
                kind = "copies" if edge.kind == "reprint" else "reuses passages of"
                _count(rows, self.publisher_name(edge.target), self.publisher_name(edge.source), kind,
                       self.report.items[edge.target].published)
        return sorted(rows.values(), key=lambda r: (-r.weight, r.publisher, r.medium, r.kind))

    def publisher_name(self, item: int) -> str:
        """The outlet that published an item, as the knowledge base names it, else as stated."""
        outlet = self.outlets[item]
        it = self.report.items[item]
        return outlet.name if outlet else (it.outlet or resolve_publisher(self.kb, url=it.url).name or "(unknown)")


@dataclass
class RelayRow:
    publisher: str
    medium: str
    kind: str  # "cites", "copies" or "reuses passages of"
    weight: int = 0
    first: str | None = None
    last: str | None = None


def _count(rows: dict[tuple[str, str, str], RelayRow], publisher: str, medium: str, kind: str, when: str | None) -> None:
    row = rows.setdefault((publisher, medium, kind), RelayRow(publisher, medium, kind))
    row.weight += 1
    if when:
        row.first = min(filter(None, (row.first, when)))
        row.last = max(filter(None, (row.last, when)))


def graphml(rows: Iterable[RelayRow]) -> str:
    """The relay edge list as GraphML (for Gephi): outlets as nodes, weighted edges."""
    rows = list(rows)
    nodes = sorted({r.publisher for r in rows} | {r.medium for r in rows})
    ids = {name: f"n{k}" for k, name in enumerate(nodes)}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '<key id="label" for="node" attr.name="label" attr.type="string"/>',
        '<key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
        '<key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
        '<key id="first" for="edge" attr.name="first" attr.type="string"/>',
        '<key id="last" for="edge" attr.name="last" attr.type="string"/>',
        '<graph edgedefault="directed">',
    ]
    lines += [f'<node id="{ids[n]}"><data key="label">{escape(n)}</data></node>' for n in nodes]
    for r in rows:
        data = "".join(f'<data key="{k}">{escape(str(v))}</data>'
                       for k, v in (("weight", r.weight), ("kind", r.kind), ("first", r.first), ("last", r.last)) if v)
        lines.append(f"<edge source={quoteattr(ids[r.publisher])} target={quoteattr(ids[r.medium])}>{data}</edge>")
    lines += ["</graph>", "</graphml>"]
    return "\n".join(lines) + "\n"
