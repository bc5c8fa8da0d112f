"""``sourcier_gazetteer``: known names typed by us, over the model's entities.

Two sources of names:

* ``data/entity_patterns.jsonl``: corrections of the model's usual errors (the
  Kremlin is an organisation, URSS a state, …);
* every outlet alias of the knowledge base, as MEDIA, with the outlet id as the
  span id (``ent.ent_id_``).

Names are matched with two phrase matchers: exact case, and — for aliases that
contain a media word ("l'agence de presse africaine") — any case; a phrase
matcher is an order of magnitude faster than token patterns for ~2,000 names.
A match replaces the model's entities it overlaps; the longest match wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sourcier.analyse.components.hyphens import make_words
from sourcier.analyse.lexicon import fold
from sourcier.analyse.records import text_of

# An alias with one of these words names a medium whatever its case: "l'agence de presse
# africaine" is written in lower case, while "le pays" must not match the newspaper Le Pays.
_LEADING_ARTICLE = re.compile(r"^(?:Le |La |Les |L'|L’)")
_ARTICLES = frozenset({"le", "la", "les", "l'", "l’"})
MEDIA_WORDS = frozenset(
    "agence presse radio télévision télé tv journal quotidien hebdomadaire magazine news média médias".split()
)


@Language.factory("sourcier_gazetteer", assigns=["doc.ents"], requires=["doc.ents"])
def make_gazetteer(nlp: Language, name: str) -> "Gazetteer":
    gazetteer = Gazetteer(nlp)
    gazetteer.add(correction_patterns())
    gazetteer.add(media_patterns())
    return gazetteer


class Gazetteer:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[str, tuple[str, str]] = {}  # match key → (label, span id)

    def add(self, entries: Iterable[tuple[str, str, str]]) -> None:
        """Add ``(label, name, span id)`` entries."""
        for label, name, span_id in entries:
            doc = make_words(self.nlp, name)
            key = f"{label}|{span_id}"
            self._entries[key] = (label, span_id)
            self.exact.add(key, [doc])
            if _any_case(doc):
                self.any_case.add(key, [make_words(self.nlp, name.lower())])

    def __call__(self, doc: Doc) -> Doc:
        matches = self.exact(doc) + self.any_case(doc)
        if not matches:
            return doc
        found = []
        for match_id, start, end in matches:
            label, span_id = self._entries[self.nlp.vocab.strings[match_id]]
            found.append(Span(doc, start, end, label=label, span_id=span_id))
        found = [s for s in _whole_words(doc, filter_spans(found)) if not _part_of_a_longer_name(doc, s)]
        taken = {i for span in found for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(kept + found, key=lambda s: s.start)
        return doc


def _whole_words(doc: Doc, spans: list[Span]) -> list[Span]:
    """Drop names that are only a piece of a hyphenated word: "RT" in "test RT-PCR".

    Two names joined by a hyphen ("RMC-BFMTV") are both kept.
    """
    text = text_of(doc)
    starts = {s.start_char for s in spans}
    ends = {s.end_char for s in spans}

    def glued_after(s: Span) -> bool:
        end = s.end_char
        return text[end : end + 1] in "-‐" and text[end + 1 : end + 2].isalnum() and end + 1 not in starts

    def glued_before(s: Span) -> bool:
        start = s.start_char
        return start > 1 and text[start - 1] in "-‐" and text[start - 2].isalnum() and start - 1 not in ends

    return [s for s in spans if not (glued_after(s) or glued_before(s))]


def _part_of_a_longer_name(doc: Doc, span: Span) -> bool:
    """'le Pays basque', 'le Quotidien du médecin', 'la Tribune de Lyon': a title written with a
    lower-case article ("le Pays") that the next words carry on into another name."""
    if not span[0].text[:1].islower() or span[0].lower_ not in _ARTICLES or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if nxt.text[:1].isupper() or (nxt.pos_ == "ADJ" and nxt.text[:1].islower()):
        return True
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return nxt.lower_ in ("de", "du", "d'", "des") and after is not None and (after.text[:1].isupper() or after.pos_ == "NOUN")


def _any_case(name: Doc) -> bool:
    """Whether a name can match in any case: it has a media word and a word of its own
    ("agence de presse africaine"), so "le quotidien" never matches the paper Le Quotidien."""
    words = [t.lower_ for t in name if not t.is_punct]
    own = [w for w in words if w not in MEDIA_WORDS and not name.vocab[w].is_stop]
    return len(words) > 1 and any(w in MEDIA_WORDS for w in words) and bool(own)


def correction_patterns() -> Iterable[tuple[str, str, str]]:
    text = resources.files("sourcier.analyse").joinpath("data/entity_patterns.jsonl").read_text("utf-8")
    for line in text.splitlines():
        if line.strip():
            row = json.loads(line)
            yield row["label"], row["pattern"], ""


def media_patterns() -> Iterable[tuple[str, str, str]]:
    """Every outlet alias, and its running-text form with a lower-case article
    ("Le Parisien" → "le Parisien", "L'Obs" → "l'Obs")."""
    from sourcier.knowledge.outlets import capitalised_article_aliases, load_outlets

    keep_capital = capitalised_article_aliases()
    for alias, record in load_outlets().aliases():
        yield "MEDIA", alias, record.id
        lowered = _lower_article(alias)
        if lowered and fold(alias) not in keep_capital:
            yield "MEDIA", lowered, record.id


def _lower_article(alias: str) -> str | None:
    match = _LEADING_ARTICLE.match(alias)
    if match is None or not alias[match.end() : match.end() + 1].isupper():
        return None
    return alias[: match.end()].lower() + alias[match.end() :]
