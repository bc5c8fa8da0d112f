"""Quotes that the page layout marks, not quotation marks or a verb in the same sentence.

* **Embedded posts**: a paragraph signed "— Name (@handle) July 23, 2022" (or "23 juillet
  2022") closes a post; the paragraph before the signature is the post, and so are the short
  paragraphs right before it (at most three in all, none ending with a colon, none signed
  itself). Each paragraph is a direct quote of Name.
* **Block quotations**: a paragraph that ends with a verb of saying and a colon ("Le
  quotidien écrit :") introduces the next paragraph, quoted without marks: a direct quote.
* **Headlines signed with a dash**: a paragraph "Le monde est à un tournant - Poutine" (a
  clause, a dash, a capitalised name, nothing after) is an indirect quote of the name, or a
  direct one when the clause is a quotation.

* **A title that names one person** ("Hôpital : Macron promet un plan"): an opening quotation
  of the article that nobody before it can be credited with is that person's (:func:`title_cue`).

A quotation with its cue found in the same words wins over a post or a block quotation (0.82);
a dash-signed headline (0.6–0.7) gives way to any other quote.
"""

from __future__ import annotations

import re

from sourcier.analyse.quotes.candidates import Candidate
from sourcier.analyse.quotes.context import DocContext
from sourcier.analyse.quotes.cues import Cue
from sourcier.analyse.records import text_of

_SIGNATURE = re.compile(
    r"^[—–-]\s*(?P<name>[^()\n]{1,80}?)\s*\(@\w{1,30}\)\s*"
    r"(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2}(?:er)? [a-zéû]+\.? \d{4})\s*$"
)
_POST_PARAGRAPHS = 3
_SHORT_PARAGRAPH = 100  # characters: earlier paragraphs of a post are short
_DASHES = ("-", "–", "—")
_MIN_HEADLINE_WORDS = 5
_LAYOUT_CONF = 0.82  # above an indirect quote found inside a post, below a quotation with its cue


def layout_candidates(ctx: DocContext, cues: list[Cue]) -> list[Candidate]:
    """Embedded posts, block quotations and dash-signed headlines (see the module docstring)."""
    out: list[Candidate] = []
    if not _worth_reading(ctx):
        return out
    text = text_of(ctx.doc)
    signed = [bool(_SIGNATURE.match(text[a:b].strip())) for a, b in ctx.paragraphs]
    for n, (a, b) in enumerate(ctx.paragraphs):
        if signed[n]:
            out.extend(_post(ctx, text, n, signed))
    out.extend(_block_quotations(ctx, text, cues, signed))
    out.extend(_dash_headlines(ctx, text))
    return out


def _worth_reading(ctx: DocContext) -> bool:
    """A paragraph starts with a dash, ends with a colon, or has a dash among its last words."""
    doc, lower = ctx.doc, ctx.lower
    for a, b in ctx.paragraphs:
        first, last = ctx.token_at(a), ctx.token_at(b - 1)
        while last > first and doc[last].is_space:
            last -= 1
        if lower[first] in _DASHES or lower[last] == ":" \
                or any(lower[i] in _DASHES for i in range(max(first, last - 5), last)):
            return True
    return False


def _post(ctx: DocContext, text: str, n: int, signed: list[bool]) -> list[Candidate]:
    a, b = ctx.paragraphs[n]
    line = text[a:b]
    m = _SIGNATURE.match(line.strip())
    offset = a + (len(line) - len(line.lstrip()))
    name_start = offset + m.start("name")
    name_end = offset + m.end("name")
    cue = Cue("colon", ctx.token_at(a), ctx.token_at(a) + 1, frozenset({"quote"}))
    cue.subject = (ctx.token_at(name_start), ctx.token_at(name_end - 1) + 1)
    found: list[Candidate] = []
    k = n - 1
    while k >= 0 and len(found) < _POST_PARAGRAPHS and not signed[k]:
        p_start, p_end = _trimmed(text, *ctx.paragraphs[k])
        if p_end <= p_start or (found and (p_end - p_start > _SHORT_PARAGRAPH or text[p_end - 1] == ":")):
            break
        found.append(Candidate("direct", p_start, p_end, cue, _LAYOUT_CONF))
        k -= 1
    return found[::-1]


def _block_quotations(ctx: DocContext, text: str, cues: list[Cue], signed: list[bool]) -> list[Candidate]:
    """"Libération écrit :" at the end of a paragraph, then the quoted paragraph, without marks."""
    out = []
    for n, (a, b) in enumerate(ctx.paragraphs[:-1]):
        p_start, p_end = _trimmed(text, a, b)
        if p_end <= p_start or text[p_end - 1] != ":" or signed[n + 1]:
            continue
        colon = ctx.token_at(p_end - 1)
        s_start, _ = ctx.sentence_of(colon)
        cue = next((c for c in reversed(cues) if c.kind == "verb" and s_start <= c.start and c.end <= colon
                    and colon - c.end <= 3 and "quote" in c.frames and not c.passive), None)
        if cue is None:
            continue
        q_start, q_end = _trimmed(text, *ctx.paragraphs[n + 1])
        if q_end - q_start < 20 or text[q_start] in "«“\"‹":
            continue  # a quotation in marks is a direct quote already
        out.append(Candidate("direct", q_start, q_end, cue, _LAYOUT_CONF))
    return out


def _dash_headlines(ctx: DocContext, text: str) -> list[Candidate]:
    doc, out = ctx.doc, []
    for a, b in ctx.paragraphs:
        p_start, p_end = _trimmed(text, a, b)
        if p_end - p_start > 250 or text[p_end - 1] in ".:;!?":
            continue
        first, last = ctx.token_at(p_start), ctx.token_at(p_end - 1)
        dash = next((i for i in range(last - 1, max(first, last - 5), -1) if doc[i].text in _DASHES), None)
        if dash is None or doc[dash - 1].is_punct and doc[dash - 1].text not in "»”\"":
            continue
        name = doc[dash + 1 : last + 1]
        if not all(t.is_title or t.text in ("'", "-") or t.lower_ in ("de", "du", "d'") for t in name):
            continue
        if not _person_name(ctx, dash + 1, last + 1):
            continue
        words = sum(1 for t in doc[first:dash] if t.is_alpha)
        if words < _MIN_HEADLINE_WORDS or any(t.pos_ in ("VERB", "AUX") for t in doc[first:dash]) is False:
            continue
        cue = Cue("colon", dash, dash + 1, frozenset({"clause"}))
        cue.subject = (dash + 1, last + 1)
        start, end = doc[first].idx, doc[dash - 1].idx + len(doc[dash - 1])
        q = ctx.inside_quotation(start)
        if q is not None and q.outer[0] == start and q.outer[1] >= end:
            out.append(Candidate("direct", q.start, q.end, cue, 0.7))
        else:
            out.append(Candidate("indirect", start, end, cue, 0.6))
    return out


_TITLE_LENGTH = 200  # characters: a title, not a paragraph of the article
_OPENING_PARAGRAPHS = 3  # the title, a standfirst, the first paragraph of the body


def title_cue(ctx: DocContext) -> Cue | None:
    """The person named in the article's title, when it names exactly one: a cue for a floating
    quotation that opens the article (see :func:`opens_article`)."""
    if len(ctx.paragraphs) < 2:
        return None
    a, b = ctx.paragraphs[0]
    if b - a > _TITLE_LENGTH:
        return None
    persons = [hit for hit in ctx.entities_in(ctx.token_at(a), ctx.token_at(b - 1) + 1)
               if hit[0].label == "PERSON" or _person_name(ctx, hit[1], hit[2])]
    if len({hit[0].key for hit in persons}) != 1:
        return None
    cue = Cue("colon", persons[0][1], persons[0][1] + 1, frozenset({"quote"}))
    cue.subject = (persons[0][1], persons[0][2])
    return cue


def opens_article(ctx: DocContext, at: int) -> bool:
    """Character ``at`` is in one of the first paragraphs after the title."""
    return 0 < ctx.paragraph_of(at) <= _OPENING_PARAGRAPHS


def _person_name(ctx: DocContext, start: int, end: int) -> bool:
    """Tokens [start, end) name a person: a person entity there, or the last word of a person's name
    that the article gives elsewhere (a headline is often left unrecognised)."""
    if any(i in ctx.entity_at and ctx.entity_at[i][0].label == "PERSON" for i in range(start, end)):
        return True
    last = ctx.doc[end - 1].text
    return any(c.label == "PERSON" and c.name.split()[-1:] == [last] for c in ctx.clusters)


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
