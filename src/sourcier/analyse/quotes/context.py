"""Lookups over one parsed ``Doc`` that every quote step shares: built once per document."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

from sourcier.analyse.quotes.marks import Quotation, find_quotations, paragraphs_of
from sourcier.analyse.records import EntityCluster, text_of


@dataclass
class DocContext:
    """The document, its paragraphs, quotations, sentences and entity mentions, indexed."""

    doc: Doc
    paragraphs: list[tuple[int, int]]
    quotations: list[Quotation]
    sentences: list[tuple[int, int]]  # token ranges; a quotation never crosses one
    clusters: list[EntityCluster]
    entity_at: dict[int, tuple[EntityCluster, int, int]] = field(default_factory=dict)  # token → (cluster, tok start, tok end)
    # Token attributes read once: creating spaCy Token objects is the costly part of a scan.
    lower: list[str] = field(default_factory=list)
    lemma: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc) -> DocContext:
        text = text_of(doc)
        paragraphs = paragraphs_of(text)
        quotations = find_quotations(text, paragraphs)
        ctx = cls(doc, paragraphs, quotations, [], list(doc._.sourcier_entities or []))
        # Token attributes read in bulk (one array) rather than token by token.
        strings = doc.vocab.strings
        rows = doc.to_array([IDX, LOWER, LEMMA, POS]).tolist() if len(doc) else []
        ctx._starts_cache = [r[0] for r in rows]
        ctx.lower = [strings[r[1]] for r in rows]
        ctx.lemma = [strings[r[2]] for r in rows]
        ctx.pos = [strings[r[3]] for r in rows]
        ctx.sentences = ctx._sentences()
        ctx._index_entities()
        return ctx

    # -- positions ------------------------------------------------------------------

    def token_at(self, char: int) -> int:
        """The index of the token that contains, or first follows, character ``char``."""
        starts = self._starts
        i = bisect.bisect_right(starts, char) - 1
        if i < 0:
            return 0
        tok = self.doc[i]
        return i if char < tok.idx + len(tok) else min(i + 1, len(self.doc) - 1)

    @property
    def _starts(self) -> list[int]:
        if not hasattr(self, "_starts_cache"):
            self._starts_cache = [t.idx for t in self.doc]
        return self._starts_cache

    def paragraph_of(self, char: int) -> int:
        if not hasattr(self, "_para_starts"):
            self._para_starts = [s for s, _ in self.paragraphs]
        return max(0, bisect.bisect_right(self._para_starts, char) - 1)

    def sentence_of(self, i: int) -> tuple[int, int]:
        if not hasattr(self, "_sent_starts"):
            self._sent_starts = [s for s, _ in self.sentences]
        k = bisect.bisect_right(self._sent_starts, i) - 1
        return self.sentences[max(k, 0)]

    def quotation_tokens(self, q: Quotation) -> tuple[int, int]:
        """Token range [start, end) of a quotation, marks included."""
        start, end = q.outer
        return self.token_at(start), self.token_at(end - 1) + 1

    # -- sentences ------------------------------------------------------------------

    def _sentences(self) -> list[tuple[int, int]]:
        """The parser's sentences, mended: none starts inside a quotation or right after one
        with a comma or a lower-case word ("« … », a-t-il dit"); each paragraph starts one."""
        doc = self.doc
        starts = {s.start for s in doc.sents}
        for q in self.quotations:
            a, b = self.quotation_tokens(q)
            if a + 1 in starts:
                starts.add(a)
            starts.difference_update(range(a + 1, b))
        for k in sorted(starts):
            if k > 0 and doc[k - 1].text in _CLOSING and (doc[k].text in ",;)" or doc[k].is_lower):
                starts.discard(k)
        starts.update(self.token_at(p_start) for p_start, _ in self.paragraphs)
        starts.add(0)
        ordered = sorted(starts)
        spans = zip(ordered, ordered[1:] + [len(doc)])
        return [(s, e) for s, e in spans if any(not t.is_space for t in doc[s:e])]

    # -- entities -------------------------------------------------------------------

    def _index_entities(self) -> None:
        for cluster in self.clusters:
            for start, end in cluster.mentions:
                a, b = self.token_at(start), self.token_at(end - 1) + 1
                for i in range(a, b):
                    self.entity_at[i] = (cluster, a, b)

    def entities_in(self, start: int, end: int) -> list[tuple[EntityCluster, int, int]]:
        """Entity mentions that overlap tokens [start, end), in order, each once."""
        seen, out = set(), []
        for i in range(start, end):
            hit = self.entity_at.get(i)
            if hit and (hit[1], hit[2]) not in seen:
                seen.add((hit[1], hit[2]))
                out.append(hit)
        return out

    def inside_quotation(self, char: int) -> Quotation | None:
        # Called for most tokens: a binary search, since the quotations are outermost ones,
        # in text order, and never overlap (a scan per call made long texts quadratic).
        starts = self.outer_starts
        k = bisect.bisect_right(starts, char) - 1
        if k >= 0 and char < self._outer_ends[k]:
            return self.quotations[k]
        return None

    @property
    def outer_starts(self) -> list[int]:
        """Where each quotation of ``quotations`` starts, its opening mark included (sorted)."""
        if not hasattr(self, "_outer_starts"):
            outers = [q.outer for q in self.quotations]
            self._outer_starts = [a for a, _ in outers]
            self._outer_ends = [b for _, b in outers]
        return self._outer_starts


_CLOSING = {"»", "”", '"', "›"}


def span_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def trim_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a token range (quote marks and "%" kept at the end)."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and doc[start].text not in "«“\"‹([")):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in "»”\"›)]?!…%‰")):
        end -= 1
    return start, end


def char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens [start, end)."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def is_pronoun(token: Token) -> bool:
    return token.lower_.lstrip("-") in PRONOUNS


PRONOUNS = {
    "il", "elle", "ils", "elles", "lui", "eux", "l'", "le", "la", "les", "son", "sa", "ses", "leur", "leurs",
    "qui", "celui-ci", "celle-ci", "ceux-ci", "celles-ci", "celui", "celle", "ceux", "on", "nous", "je", "j'",
}


def subtree_span(token: Token, stop_deps: frozenset[str] = frozenset()) -> Span:
    """The contiguous stretch of ``token``'s subtree around it, leaving out children in ``stop_deps``."""
    doc = token.doc
    keep = {token.i}
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in stop_deps or c.i in keep:
                continue
            keep.add(c.i)
            stack.append(c)
    start = end = token.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return doc[start : end + 1]
