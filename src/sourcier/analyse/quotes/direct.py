"""Direct quotes: quotations attached to a cue, and floating quotations that continue a speaker.

A quotation is a direct quote when a cue attaches to it:

* after it: "« … », a-t-il ajouté", "« … » indique le quotidien", "« … », selon X";
* before it: "X a déclaré : « … »", "X : « … »" (a headline), "a dénoncé un « crime »",
  "Pour lui, « … »";
* inside it, as an incise: "« A, a-t-il dit, B »" gives two quotes, A and B.

A quotation with no cue is a *floating* quote when it is a sentence on its own
(or the rest of a quotation that runs over paragraphs) and a speaker was quoted
just before: it continues that speaker. Anything else in quotation marks (a
title, a nickname, a scare-quoted word) is not a quote.
"""

from __future__ import annotations

import bisect

from sourcier.analyse.quotes.candidates import Candidate
from sourcier.analyse.quotes.context import DocContext, char_span, subtree_span
from sourcier.analyse.quotes.cues import Cue, past_participle
from sourcier.analyse.quotes.indirect import object_relative
from sourcier.analyse.quotes.marks import Quotation

_GAP = {",", "»", "”", '"', ")", "(", "—", "–", "-"}
_DETS = {"un", "une", "des", "le", "la", "les", "l'", "de", "d'", "du", "son", "sa", "ses", "leur", "leurs", "ce",
         "cette", "ces", "à", "au", "aux", "comme", "en", "sur"}
_MIN_FLOATING_WORDS = 4


def direct_candidates(ctx: DocContext, cues: list[Cue], used: set[int], source_ok,
                      taken: dict[int, Cue] | None = None) -> list[Candidate]:
    """Direct quotes from the quotations not already part of an indirect or mixed quote; ``taken``
    holds those a cue's complement took whole ("proposant d'« agir », « … » et « … »": the
    quotations listed after one share its cue)."""
    taken = taken or {}
    by_start = {c.start: c for c in cues}
    out: list[Candidate] = []
    chains = quotation_chains(ctx)
    listed: tuple[int, Cue] | None = None  # the last quotation with a cue before it: (its end token, the cue)
    for k, q in enumerate(ctx.quotations):
        chain_id = chains[k]
        a, b = ctx.quotation_tokens(q)
        if k in used:
            listed = (b, taken[k]) if k in taken else None
            continue
        cue = _cue_after(ctx, b, by_start, source_ok) or _cue_before(ctx, a, cues, source_ok) \
            or _listed(ctx, a, listed)
        listed = (b, cue) if cue is not None and (cue.end <= a or cue.kind == "colon") else None
        parts = _split_incise(ctx, q, a, b, cues)
        if parts:
            for (start, end), incise in parts:
                out.append(Candidate("direct", start, end, incise or cue, 0.85, quotation=k, chain=chain_id))
            continue
        if cue is not None:
            out.append(Candidate("direct", q.start, q.end, cue, 0.9, quotation=k, chain=chain_id))
        elif _floating(ctx, q, k, a, b):
            out.append(Candidate("direct", q.start, q.end, None, 0.5, quotation=k, chain=chain_id))
    return out


def _listed(ctx: DocContext, a: int, listed: tuple[int, Cue] | None) -> Cue | None:
    """"X a cité : « A », « B » et « C »": a quotation in a list after a quoted one shares its cue."""
    if listed is None:
        return None
    doc = ctx.doc
    gap = [t for t in doc[listed[0] : a] if not t.is_space]
    if gap and all(t.text == "," or t.lower_ in ("et", "ou") for t in gap) and len(gap) <= 2:
        return listed[1]
    return None


def quotation_chains(ctx: DocContext) -> list[int]:
    """A chain id per quotation: a quotation that runs over paragraphs shares its id with the next."""
    ids, chain = [], 0
    for k, q in enumerate(ctx.quotations):
        if not (q.open is None or (k > 0 and ctx.quotations[k - 1].runs_on and _opens_paragraph(ctx, q))):
            chain += 1
        ids.append(chain)
    return ids


def _opens_paragraph(ctx: DocContext, q: Quotation) -> bool:
    p_start, _ = ctx.paragraphs[q.paragraph]
    return q.outer[0] - p_start <= 1


def _cue_after(ctx: DocContext, b: int, by_start: dict[int, Cue], source_ok) -> Cue | None:
    doc = ctx.doc
    j = b
    while j < len(doc) and j - b < 3 and (doc[j].text in _GAP or doc[j].is_space and "\n" not in doc[j].text):
        j += 1
    cue = by_start.get(j)
    if cue is None and j == b and b < len(doc) and doc[b].lower_ in ("que", "qu'", "qu’"):
        return _relative_cue_after(ctx, b, by_start)
    if cue is None and j == b:
        return _subject_cue_after(ctx, b, by_start) or _cest_ce_que_cue(ctx, b, by_start)
    if cue is None or (j == b and cue.kind == "attribution"):
        return None
    if cue.kind == "attribution" and not source_ok(cue):
        return None
    if cue.kind == "verb" and not (cue.inverted or cue.subject is None or cue.subject[0] >= cue.end):
        return None
    if cue.kind == "verb" and _naming(ctx, cue):
        return None  # "« Bonsoir Paris », annoncée le 19 mai, …": a participle on the title, not an incise
    return cue


_TERMINAL = (".", "!", "?", "…")


def _closes_sentence(ctx: DocContext, b: int) -> bool:
    """The quotation that ends before token ``b`` ends a sentence inside its marks ("… ?»")."""
    doc = ctx.doc
    k = b - 1
    while k >= 0 and (doc[k].text in _GAP or doc[k].is_space):
        k -= 1
    return k >= 0 and doc[k].text.endswith(_TERMINAL)


def _relative_cue_after(ctx: DocContext, que: int, by_start: dict[int, Cue]) -> Cue | None:
    """"les « pertes » que le président a admis avoir subies": the quotation is the object of the cue."""
    for k in range(que + 1, min(len(ctx.doc), que + 8)):
        cue = by_start.get(k)
        if cue is not None:
            return cue if cue.kind == "verb" and object_relative(ctx.doc, cue) else None
    return None


def _subject_cue_after(ctx: DocContext, b: int, by_start: dict[int, Cue]) -> Cue | None:
    """"« … ? » M. Biden a demandé lors d'un entretien.": the next sentence names who spoke, with
    a verb of saying and nothing reported after it."""
    doc = ctx.doc
    if b >= len(doc) or not _closes_sentence(ctx, b) or not (doc[b].is_title or doc[b].pos_ == "PRON"):
        return None
    for k in range(b + 1, min(len(doc), b + 8)):
        cue = by_start.get(k)
        if cue is None:
            if doc[k].is_punct or doc[k].is_space:
                return None
            continue
        if cue.kind != "verb" or cue.passive or not cue.subject or cue.subject[0] != b or cue.subject[1] < k - 1:
            return None
        if not any(_speaker_like(ctx, t) for t in doc[cue.subject[0] : cue.subject[1]]):
            return None
        for t in doc[cue.end : cue.end + 10]:
            if t.text in (".", "!", "?", ";") or t.is_space:
                break
            if t.lower_ in ("que", "qu'", ":") or t.text in ("«", "“", '"'):
                return None
        return cue
    return None


_CEST_CE_QUE = ("c'", "est", "ce")


def _cest_ce_que_cue(ctx: DocContext, b: int, by_start: dict[int, Cue]) -> Cue | None:
    """"« … » C'est ce qu'a affirmé la ministre dimanche.": the next sentence says who said it."""
    doc = ctx.doc
    if not _closes_sentence(ctx, b) or b + 4 >= len(doc) or tuple(ctx.lower[b : b + 3]) != _CEST_CE_QUE \
            or ctx.lower[b + 3] not in ("que", "qu'", "qu’"):
        return None
    for k in range(b + 4, min(len(doc), b + 7)):
        cue = by_start.get(k)
        if cue is not None:
            return cue if cue.kind == "verb" and not cue.passive and "quote" in cue.frames else None
    return None


def _cue_before(ctx: DocContext, a: int, cues: list[Cue], source_ok) -> Cue | None:
    doc = ctx.doc
    j = a - 1
    while j >= 0 and doc[j].is_space and "\n" not in doc[j].text:
        j -= 1
    if j > 0 and "\n" in doc[j].text and doc[j - 1].text == ":":
        j -= 1  # "Et ça continue :" ending the paragraph before
    if j < 0 or "\n" in doc[j].text:
        return None
    s_start, _ = ctx.sentence_of(j)
    if doc[j].text == ":":
        earlier = [c for c in cues if s_start <= c.start and c.end <= j and (c.kind == "verb" or source_ok(c))]
        verbs_ = [c for c in earlier if c.kind == "verb"]
        if verbs_ or earlier:
            return (verbs_ or earlier)[-1]
        return _colon_cue(ctx, s_start, j)
    if doc[j].lower_ in ("mais", "et", "puis") and j > 0 and doc[j - 1].text == ",":
        j -= 1  # "A, a-t-il ajouté, mais « B »"
        for c in cues:
            if c.kind == "verb" and c.inverted and c.subject and (c.subject[1] if c.subject[0] >= c.end else c.end) == j:
                return c
        return None
    if doc[j].text == ",":
        for c in cues:
            if c.kind == "attribution" and c.subject and c.subject[1] == j and source_ok(c):
                return c
        return _incise_before(ctx, j, cues)
    gap = 0
    first = j
    while j >= 0 and doc[j].lower_ in _DETS and gap < 3:
        j -= 1
        gap += 1
    wanted = {"quote", "np"} if gap == 0 else {"np"}  # "a dénoncé un « crime »", not "poursuit sa « marche »"
    for c in cues:
        if c.kind != "verb" or c.end != j + 1 or _naming(ctx, c):
            continue
        if wanted & c.frames or "quote" in c.frames and object_relative(doc, c):
            return c  # (and "ce qu'il a appelé son « jeu dangereux »")
    return _attribute_cue(ctx, first, a, cues)


def _incise_before(ctx: DocContext, comma: int, cues: list[Cue]) -> Cue | None:
    """"« A », se réjouit-elle auprès de l'AFP, « B »": the incise between two quotations, with
    nothing but its speaker and adjuncts before the comma, is the cue of both."""
    doc = ctx.doc
    for c in cues:
        if c.kind != "verb" or not c.inverted or not (c.end <= comma <= c.end + 8):
            continue
        if c.start < 2 or doc[c.start - 1].text != "," or doc[c.start - 2].text not in _CLOSING_MARKS:
            continue
        if all(t.pos_ not in ("VERB", "AUX", "SCONJ") and t.text not in (":", ",", *_CLOSING_MARKS)
               for t in doc[c.end : comma]):
            return c
    return None


_CLOSING_MARKS = ("»", "”", '"', "›")
_ATTR_OBJECT = {"DET", "NOUN", "PROPN", "ADJ", "NUM"}


def _attribute_cue(ctx: DocContext, j: int, a: int, cues: list[Cue]) -> Cue | None:
    """"juge un troisième mandat « anticonstitutionnel »": a short quotation, the attribute of the
    object of a verb of judging."""
    doc = ctx.doc
    q = ctx.inside_quotation(doc[a].idx)
    if q is None or sum(1 for t in doc[ctx.token_at(q.start) : ctx.token_at(q.end - 1) + 1] if t.is_alpha) > 4:
        return None
    for c in cues:
        if c.kind != "verb" or "attr" not in c.frames or not (j - 6 < c.end <= j) or _naming(ctx, c):
            continue
        if doc[c.end].pos_ == "DET" and all(t.pos_ in _ATTR_OBJECT for t in doc[c.end : j + 1]):
            return c
    return None


def _naming(ctx: DocContext, cue: Cue) -> bool:
    """"ses membres, appelés « … »": a passive or a bare past participle names, it does not quote."""
    if cue.passive:
        return True
    verb = cue.verb
    return cue.start == verb.i and past_participle(verb)


def _colon_cue(ctx: DocContext, s_start: int, colon: int) -> Cue | None:
    """"X : « … »" and "Le rapport apporte la même conclusion : « … »": the clause before the colon."""
    doc = ctx.doc
    lead = [t for t in doc[s_start:colon] if not t.is_space]
    if not lead or len(lead) > 25:
        return None
    root = next((t for t in lead if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and t.i not in ctx.entity_at), None)
    if root is not None:
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < root.i), None)
        if subj is None or not _speaker_like(ctx, subj):
            return None
        span = subtree_span(subj, frozenset({"acl:relcl", "punct"}))
        end = max(t.i for t in root.subtree if t.i < colon) + 1
        cue = Cue("verb", root.i, end, frozenset({"quote"}), verb=root)
        cue.subject = (span.start, min(span.end, root.i))
        return cue
    if len(lead) > 8 or not any(t.pos_ in ("PROPN", "NOUN") for t in lead):
        return None
    cue = Cue("colon", colon, colon + 1, frozenset({"quote"}))
    cue.subject = (lead[0].i, lead[-1].i + 1)
    return cue


def context_cue(ctx: DocContext, start: int) -> Cue | None:
    """The subject of the sentence just before a floating quotation (at character ``start``),
    when it can speak: who the paragraph lets speak ("Le maire a répondu aux critiques. « … »").
    The sentence is in the quotation's paragraph, or ends the paragraph before when the
    quotation opens its own; a sentence inside a quotation says nothing of who speaks."""
    doc = ctx.doc
    a = ctx.token_at(start)
    s_start, _ = ctx.sentence_of(a)
    j = s_start - 1
    while j >= 0 and (doc[j].is_space or doc[j].is_punct):
        j -= 1
    if j < 0 or ctx.paragraph_of(start) - ctx.paragraph_of(doc[j].idx) > 1:
        return None
    if ctx.inside_quotation(doc[j].idx) is not None:
        return None
    b_start, b_end = ctx.sentence_of(j)
    while b_start > 0 and (doc[b_start].is_punct or doc[b_start].is_lower) and "\n" not in doc[b_start - 1].text:
        b_start = ctx.sentence_of(b_start - 1)[0]  # the parser cut the sentence ("Awa Sow | , 45 ans, vend …")
    root = next((t for t in doc[b_start:b_end] if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < root.i), None) \
        if root is not None else None
    if subj is None or not _speaker_like(ctx, subj) or ctx.inside_quotation(subj.idx) is not None:
        return None
    span = subtree_span(subj, frozenset({"acl:relcl", "acl", "punct"}))
    cue = Cue("colon", root.i, root.i + 1, frozenset({"quote"}), verb=root)
    cue.subject = (span.start, min(span.end, root.i))
    return cue


def _speaker_like(ctx: DocContext, token) -> bool:
    """A subject that can utter words: a pronoun, a named entity, a person, an outlet, a document."""
    from sourcier.analyse.lexicon import fold
    from sourcier.analyse.quotes.lexicon import role_lexicon, title_heads

    if token.pos_ == "PRON" or token.i in ctx.entity_at:
        return True
    lex = role_lexicon()
    word = fold(token.lemma_)
    return word in lex.human_nouns or word in lex.media_nouns or word in lex.document_nouns or word in title_heads()


def _split_incise(ctx: DocContext, q: Quotation, a: int, b: int, cues: list[Cue]):
    """« A, a-t-il dit, B »: the two parts around an inverted cue inside the marks."""
    doc = ctx.doc
    for c in cues[bisect.bisect_right(cues, a, key=lambda c: c.start) :]:  # cues are in text order
        if c.start >= b - 1:
            break  # the cues after start after the quotation: a scan of all made long texts quadratic
        if c.kind != "verb" or not (a < c.start and c.end < b - 1) or not c.inverted:
            continue
        end = _after_adjuncts(ctx, c.subject[1] if c.subject and c.subject[0] >= c.end else c.end, b)
        if doc[c.start - 1].text != "," or end >= b or doc[end].text not in (",", "."):
            continue
        first = char_span(doc, a + 1, c.start - 1)
        second = char_span(doc, end + 1, b - 1 if q.close is not None else b)
        parts = [((first[0], first[1]), c), ((second[0], second[1]), c)]
        return [p for p in parts if p[0][1] > p[0][0]]
    return None


_ADJUNCT_WORDS = 8


def _after_adjuncts(ctx: DocContext, i: int, b: int) -> int:
    """« A, a expliqué une passagère sur France 2. B »: the incise runs over the adjuncts after its
    speaker (a venue, a date) to the comma or full stop; no verb, no new clause among them."""
    doc = ctx.doc
    for k in range(i, min(b, i + _ADJUNCT_WORDS)):
        t = doc[k]
        if t.text in (",", "."):
            return k
        if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or ctx.lower[k] in ("que", "qu'", "et", "mais"):
            return i
    return i


def _floating(ctx: DocContext, q: Quotation, k: int, a: int, b: int) -> bool:
    """A quotation that is a sentence of its own: the rest of its sentence is punctuation."""
    doc = ctx.doc
    words = sum(1 for t in doc[a:b] if t.is_alpha)
    if words < _MIN_FLOATING_WORDS:
        return False
    if q.open is None or (k > 0 and ctx.quotations[k - 1].runs_on and _opens_paragraph(ctx, q)):
        return True
    s_start, s_end = ctx.sentence_of(a)
    for k in range(a - 1, s_start - 1, -1):  # a sentence end the parser missed ("… mardi. « … »")
        if doc[k].text in _TERMINAL and not doc[k].is_space:
            s_start = k + 1
            break
    outside = [t for t in doc[s_start:a] if not (t.is_punct or t.is_space)]
    if not (b < s_end and _closes_sentence(ctx, b) and doc[b].is_title):  # "« … . » Le reste …": a new sentence
        outside += [t for t in doc[b:s_end] if not (t.is_punct or t.is_space or _tag(doc, t))]
    return not outside


def _tag(doc, t) -> bool:
    """A hashtag or a handle after a post's quotation ("« … ? » #DirectAN")."""
    return t.text[:1] in "#@" or (t.i > 0 and doc[t.i - 1].text in ("#", "@") and doc[t.i - 1].whitespace_ == "")
