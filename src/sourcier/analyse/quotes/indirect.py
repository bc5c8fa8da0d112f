"""Indirect and mixed quotes: the content a cue introduces without (only) quotation marks.

A verb cue's content is its complement clause: "que/qu'" + clause, "de/à" +
infinitive, or a bare infinitive ("affirme avoir passé …"), as its lexicon entry
allows; a noun phrase counts only when it holds a quotation (then the quote is
mixed: "a évoqué une opération « efficace et réussie »"). A cue after a comma at
the end of a sentence ("…, affirment les analystes") introduces what precedes it.
An attribution cue governs the rest of its sentence ("Selon X, …"), or what
precedes it ("…, selon X"), or both sides of it ("A, selon X, B").

Content runs to the end of its sentence, without the final full stop, and stops
before a later cue's comma (", a-t-il ajouté", ", selon X"). It is mixed when it
holds a quotation and direct when it is nothing but one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sourcier.analyse.quotes.candidates import Candidate
from sourcier.analyse.quotes.context import DocContext, char_span, trim_span
from sourcier.analyse.quotes.cues import Cue

_WINDOW = 8  # tokens between the cue and its "que"/"de" (an indirect object, an adverbial)
_BRIDGE = {"ne", "n'", "pas", "plus", "jamais", "se", "s'", "le", "la", "les", "l'", "lui", "leur", "y", "en", "me",
           "m'", "nous", "vous", "rien", "point"}
_CONF = {"que": 0.8, "inf": 0.7, "de": 0.7, "a": 0.65, "np": 0.6, "before": 0.65, "clause": 0.75}


def indirect_candidates(ctx: DocContext, cues: list[Cue], source_ok) -> tuple[list[Candidate], set[int]]:
    """Indirect/mixed candidates of all cues, and the quotations they take in (as mixed or direct)."""
    out: list[Candidate] = []
    cuts = _cut_points(ctx, cues)
    for cue in cues:
        if _in_quotation(ctx, cue):
            continue
        if cue.kind == "verb":
            spans = _verb_content(ctx, cue, cuts)
        elif source_ok(cue):
            spans = _attribution_content(ctx, cue, cuts)
        else:
            spans = []
        for (start, end), how in spans:
            cand = _typed(ctx, start, end, cue, _CONF[how])
            if cand is not None:
                out.append(cand)
    used = {c.quotation for c in out if c.quotation is not None}
    for cand in out:
        used.update(_quotations_in(ctx, cand.start, cand.end))
    return out, used


# -- verb cues ------------------------------------------------------------------------


def _verb_content(ctx: DocContext, cue: Cue, cuts: set[int]) -> list[tuple[tuple[int, int], str]]:
    doc = ctx.doc
    s_start, s_end = ctx.sentence_of(cue.verb.i)
    end = _content_end(ctx, cue.end, s_end, cuts)
    frames = cue.frames
    i = cue.end
    if cue.inverted and cue.subject and cue.subject[0] >= cue.end:
        i = cue.subject[1]
    for j in range(i, min(end, i + _WINDOW)):
        t = doc[j]
        low = t.lower_
        if t.text in ("«", "“", '"', ":", ".", ";") or (t.pos_ == "VERB" and "Fin" in t.morph.get("VerbForm")):
            break
        if low in ("que", "qu'") and "que" in frames:
            return [((j + 1, end), "que")]
        if low in ("de", "d'") and "de" in frames:
            k = _infinitive_after(doc, j + 1, end)
            if k is not None or cue.verb and _lexeme_cue(cue) == "accusation":
                return [((j + 1 if k is None else k, end), "de")]
        if low == "à" and "a" in frames:
            k = _infinitive_after(doc, j + 1, end)
            if k is not None:
                return [((k, end), "a")]
            if _quotations_in(ctx, *char_span(doc, j + 1, end)) and end > j + 1:
                return [((j + 1, end), "a")]
    if "inf" in frames:
        k = _infinitive_after(doc, i, end)
        if k is not None and k - i <= 3:
            return [((k, end), "inf")]
    if "np" in frames and end > i and _quotations_in(ctx, *char_span(doc, i, end)):
        if doc[i].text != ":":
            return [((i, end), "np")]
    before = _content_before(ctx, cue, s_start)
    return [(before, "before")] if before else []


def _lexeme_cue(cue: Cue) -> str:
    from sourcier.analyse.quotes.lexicon import verbs

    verb = verbs().simple.get(cue.verb.lemma_.lower()) if cue.verb is not None else None
    return verb.cue if verb else ""


def _infinitive_after(doc: Doc, i: int, end: int) -> int | None:
    """The start of an infinitive clause at ``i`` ("ne pas avoir reçu", "se considérer")."""
    j = i
    while j < end and doc[j].lower_ in _BRIDGE:
        j += 1
    if j < end and "Inf" in doc[j].morph.get("VerbForm"):
        return i
    return None


def _content_before(ctx: DocContext, cue: Cue, s_start: int) -> tuple[int, int] | None:
    """"…, affirment les analystes": the clause before a sentence-final inverted cue."""
    doc = ctx.doc
    if not cue.inverted or cue.start == 0 or doc[cue.start - 1].text != ",":
        return None
    after = cue.subject[1] if cue.subject and cue.subject[0] >= cue.end else cue.end
    if after < len(doc) and doc[after].text not in (".", "!", "?", "\n") and not doc[after].is_space:
        if doc[after].text != ",":
            return None
    start = s_start
    while start < cue.start and (doc[start].is_space or doc[start].lower_ in ("mais", "et", "or")):
        start += 1
    if cue.start - 1 - start < 3:
        return None
    return start, cue.start - 1


# -- attribution cues -----------------------------------------------------------------


def _attribution_content(ctx: DocContext, cue: Cue, cuts: set[int]) -> list[tuple[tuple[int, int], str]]:
    doc = ctx.doc
    s_start, s_end = ctx.sentence_of(cue.start)
    entry = cue.attribution
    if entry.relative:
        return [((cue.end, _content_end(ctx, cue.end, s_end, cuts)), "clause")]
    np_end = cue.subject[1] if cue.subject and cue.subject[0] >= cue.end else cue.end
    spans = []
    lead = s_start
    while lead < cue.start and (doc[lead].is_space or doc[lead].is_punct or doc[lead].lower_ in ("mais", "et", "or")):
        lead += 1
    if lead == cue.start:  # "Selon X, …"
        if np_end < s_end and doc[np_end].text == ",":
            spans.append(((np_end + 1, _content_end(ctx, np_end + 1, s_end, cuts)), "clause"))
        return spans
    if cue.start > 0 and doc[cue.start - 1].text == ",":
        spans.append(((lead, cue.start - 1), "clause"))
        if np_end < s_end - 1 and doc[np_end].text == ",":
            spans.append(((np_end + 1, _content_end(ctx, np_end + 1, s_end, cuts)), "clause"))
    return spans


# -- shared ---------------------------------------------------------------------------


def _content_end(ctx: DocContext, start: int, s_end: int, cuts: set[int]) -> int:
    """Where content that starts at ``start`` ends: the sentence end, or a later cue's comma."""
    for j in range(start + 1, s_end):
        if j in cuts:
            return j
    return s_end


def _cut_points(ctx: DocContext, cues: list[Cue]) -> set[int]:
    """Commas that open a cue of their own (", a-t-il ajouté", ", selon X", ", ajoutant que")."""
    doc, cuts = ctx.doc, set()
    for cue in cues:
        if cue.start > 0 and doc[cue.start - 1].text == ",":
            cuts.add(cue.start - 1)
    return cuts


def _typed(ctx: DocContext, start: int, end: int, cue: Cue, confidence: float) -> Candidate | None:
    doc = ctx.doc
    start, end = trim_span(doc, start, end)
    if end - start < 2 and not (end > start and doc[start].is_alpha and len(doc[start]) > 3):
        return None
    c_start, c_end = char_span(doc, start, end)
    inside = _quotations_in(ctx, c_start, c_end)
    for k in inside:
        q = ctx.quotations[k]
        a, b = q.outer
        if a <= c_start and c_end <= b:
            # nothing but a quotation: a direct quote
            return Candidate("direct", q.start, q.end, cue, min(0.9, confidence + 0.1), quotation=k)
    kind = "mixed" if inside else "indirect"
    return Candidate(kind, c_start, c_end, cue, confidence)


def _quotations_in(ctx: DocContext, start: int, end: int) -> list[int]:
    return [k for k, q in enumerate(ctx.quotations) if start <= q.outer[0] and q.outer[1] <= end + 1 and q.end > q.start]


def _in_quotation(ctx: DocContext, cue: Cue) -> bool:
    return ctx.inside_quotation(ctx.doc[cue.start].idx) is not None
