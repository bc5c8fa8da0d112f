"""``sourcier_quotes``: direct, indirect and mixed quotes, each with its cue and resolved speaker.

Reads the parse, the entities (``doc._.sourcier_entities``) and, when present,
the cited sources (``doc._.sourcier_sources``, which it only tolerates: ``via``
is filled by ``sourcier_via``, after it). Writes ``doc._.sourcier_quotes``, a
list of :class:`~sourcier.analyse.records.QuoteRecord` in text order. The steps
are described in :mod:`sourcier.analyse.quotes`.

Confidence says how the quote was found: a quotation with an explicit cue (0.9),
an incise (0.85), a que-clause (0.8), an attribution phrase (0.75), an
infinitive or noun-phrase complement (0.6–0.7), a floating quotation (0.5); it is
lowered by a fifth when no speaker could be named.
"""

from __future__ import annotations

import bisect
import logging
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc

from sourcier.analyse.quotes.candidates import Candidate
from sourcier.analyse.quotes.context import DocContext
from sourcier.analyse.quotes.cues import find_attribution_cues, find_noun_cues, find_verb_cues
from sourcier.analyse.quotes.direct import context_cue, direct_candidates, quotation_chains
from sourcier.analyse.quotes.indirect import indirect_candidates
from sourcier.analyse.quotes.layout import layout_candidates, opens_article, title_cue
from sourcier.analyse.quotes.lexicon import attribution_cues, verbs
from sourcier.analyse.quotes.speakers import Referent, SpeakerResolver, mention_chars, plausible_source
from sourcier.analyse.records import QuoteRecord, register_extensions, text_of

log = logging.getLogger(__name__)


@Language.factory(
    "sourcier_quotes",
    assigns=["doc._.sourcier_quotes"],
    requires=["doc._.sourcier_entities", "token.dep", "token.lemma", "token.morph", "token.pos"],
)
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    register_extensions()
    return QuoteExtractor()


class QuoteExtractor:
    """Finds the quotes of a ``Doc`` and attributes them (see the module docstring)."""

    def __init__(self) -> None:
        verbs()  # load the lexicons once, at pipeline build time
        self.attribution = attribution_cues()

    def __call__(self, doc: Doc) -> Doc:
        doc._.sourcier_quotes = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[QuoteRecord]:
        """The quotes of ``doc``, in text order.

        doc (Doc): a parsed document with ``doc._.sourcier_entities``.
        RETURNS (list[QuoteRecord]): content, type, cue, speaker and confidence of each quote.
        """
        ctx = DocContext.build(doc)
        cues = sorted(find_verb_cues(ctx) + find_noun_cues(ctx) + find_attribution_cues(ctx, self.attribution),
                      key=lambda c: c.start)
        source_ok = partial(plausible_source, ctx)
        indirect, used = indirect_candidates(ctx, cues, source_ok)
        taken = {c.quotation: c.cue for c in indirect if c.quotation is not None and c.cue is not None}
        direct = direct_candidates(ctx, cues, used, source_ok, taken)
        chains = quotation_chains(ctx)
        for cand in indirect:
            if cand.quotation is not None:
                cand.chain = chains[cand.quotation]
        candidates = _without_overlaps(direct + indirect + layout_candidates(ctx, cues))
        return _attribute(ctx, candidates)


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the more confident of two candidates that share most of their words."""
    kept: list[Candidate] = []
    by_start: list[tuple[int, int]] = []  # (start, index in kept), sorted: only neighbours can overlap
    longest = 0
    for cand in sorted(candidates, key=lambda c: -c.confidence):
        near = range(bisect.bisect_left(by_start, (cand.start - longest, -1)), bisect.bisect_left(by_start, (cand.end, -1)))
        if all(_overlap(cand, kept[by_start[n][1]]) < 0.5 for n in near):
            bisect.insort(by_start, (cand.start, len(kept)))
            kept.append(cand)
            longest = max(longest, cand.end - cand.start)
    return sorted(kept, key=lambda c: c.start)


def _overlap(a: Candidate, b: Candidate) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    return max(0, inter) / max(1, min(a.end - a.start, b.end - b.start))


def _attribute(ctx: DocContext, candidates: list[Candidate]) -> list[QuoteRecord]:
    resolver = SpeakerResolver(ctx)
    resolved: dict[int, Referent | None] = {}
    chains: dict[int, Referent] = {}
    for n, cand in enumerate(candidates):  # cued quotes first, in text order
        if cand.cue is None:
            continue
        try:
            ref = resolver.resolve(cand.cue.subject, cand.start, cand.cue)
        except Exception:  # a parse we did not foresee: skip the speaker, keep the quote
            log.warning("speaker resolution failed at %d", cand.start, exc_info=True)
            ref = None
        resolved[n] = ref
        if ref is not None and cand.chain is not None:
            chains.setdefault(cand.chain, ref)
    records = []
    title = title_cue(ctx)
    starts = [c.start for c in candidates]  # in text order
    for n, cand in enumerate(candidates):
        if cand.cue is None:
            ref = chains.get(cand.chain) if cand.chain is not None else None
            ref = ref or _next_speaker(ctx, candidates, resolved, n) or _context_speaker(ctx, resolver, candidates, starts, cand.start) \
                or resolver.previous(cand.start)
            if ref is None and title is not None and opens_article(ctx, cand.start):
                ref = resolver.resolve(title.subject, cand.start, title)  # "Macron promet …" then "« … »"
            if ref is None:
                continue  # a quotation nobody can be credited with: a title or a slogan, most likely
            resolver.remember(ref, cand.start)
        else:
            ref = resolved.get(n)
        records.append(_record(ctx, cand, ref))
    return records


def _next_speaker(ctx: DocContext, candidates: list[Candidate], resolved: dict[int, Referent | None],
                  n: int) -> Referent | None:
    """"« A. » « B », témoignent les agents": a floating quotation right before a quotation with
    its cue, nothing but punctuation between them, is the same speaker's."""
    if n + 1 >= len(candidates) or candidates[n + 1].type != "direct" or resolved.get(n + 1) is None:
        return None
    text = text_of(ctx.doc)
    a = ctx.inside_quotation(candidates[n].start)
    b = ctx.inside_quotation(candidates[n + 1].start)
    if a is None or b is None or a.paragraph != b.paragraph:
        return None
    between = text[a.outer[1] : b.outer[0]]
    return resolved[n + 1] if len(between) <= 3 and not any(ch.isalnum() for ch in between) else None


def _context_speaker(ctx: DocContext, resolver: SpeakerResolver, candidates: list[Candidate], starts: list[int],
                     start: int) -> Referent | None:
    """The subject of the sentence before a floating quotation (:func:`context_cue`), when the
    text names it after the latest speaker (the paragraph moved on to them), and not inside
    reported words ("À son avis, l'Ukraine a renoncé … « … »": the Ukraine is what was said)."""
    cue = context_cue(ctx, start)
    if cue is None:
        return None
    at = ctx.doc[cue.subject[0]].idx
    k = bisect.bisect_right(starts, at) - 1
    if k >= 0 and at < candidates[k].end:
        return None
    latest = max((ref.position for ref in resolver.history if ref.position < start), default=-1)
    if ctx.doc[cue.subject[0]].idx < latest:
        return None  # someone spoke since: the previous speaker, most likely, goes on
    return resolver.resolve(cue.subject, start, cue)


def _record(ctx: DocContext, cand: Candidate, ref: Referent | None) -> QuoteRecord:
    cue = cand.cue
    confidence = cand.confidence * (1.0 if ref is not None else 0.8)
    cue_span = None
    if cue is not None and cue.kind != "colon":
        doc = ctx.doc
        cue_span = (doc[cue.start].idx, doc[cue.end - 1].idx + len(doc[cue.end - 1]))
    return QuoteRecord(
        type=cand.type,
        content=(cand.start, cand.end),
        cue=cue_span,
        speaker_mention=mention_chars(ctx, cue.subject) if cue is not None else None,
        speaker_key=ref.key if ref else None,
        speaker_name=ref.name if ref else None,
        confidence=round(confidence, 3),
    )
