"""``sourcier_hyphenated_words``: a hyphenated word is one token.

The French tokenizer keeps the compounds of its exception list whole ("porte-parole",
"États-Unis") but splits the others into word, "-", word ("état-major", "Royaume-Uni",
"Air France-KLM"). The tagger and the parser then read a bare hyphen in mid-sentence,
often start a new sentence at it, and cut "…, a déclaré le chef d'état-major" away from
the words it reports. This component, first in the pipeline, merges each such run back
into the one token the text writes. Offsets do not move: a merged token covers exactly
the characters of its pieces.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

_HYPHENS = frozenset({"-", "‐"})
# "RTL-Le Figaro", "Europe 1-Les Echos": two titles joined, each its own name.
_TITLE_ARTICLES = frozenset({"Le", "La", "Les"})


@Language.factory("sourcier_hyphenated_words", assigns=["token.text"], requires=[])
def make_hyphenated_words(nlp: Language, name: str) -> "HyphenatedWords":
    return HyphenatedWords()


def make_words(nlp: Language, text: str) -> Doc:
    """``text`` tokenized as the pipeline tokenizes it, for matchers built from names."""
    return HyphenatedWords()(nlp.make_doc(text))


class HyphenatedWords:
    def __call__(self, doc: Doc) -> Doc:
        runs = _runs(doc)
        if runs:
            with doc.retokenize() as retokenizer:
                for start, end in runs:
                    retokenizer.merge(doc[start:end])
        return doc


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges word(-word)+ written without spaces: the pieces of one hyphenated word."""
    runs: list[tuple[int, int]] = []
    if len(doc) < 3:
        return runs
    # The words' hashes in bulk: a Token (three, in _joins) only where a hyphen stands.
    orths = doc.to_array(ORTH).tolist()
    hyphens = {doc.vocab.strings[h] for h in _HYPHENS}
    i = 1
    while i < len(doc) - 1:
        if orths[i] in hyphens and _joins(doc, i):
            start = runs.pop()[0] if runs and runs[-1][1] == i else i - 1
            runs.append((start, i + 2))
            i += 2
        else:
            i += 1
    return runs


def _joins(doc: Doc, i: int) -> bool:
    """Token ``i`` is a bare hyphen glued to a letter on each side."""
    before, hyphen, after = doc[i - 1], doc[i], doc[i + 1]
    return (
        hyphen.text in _HYPHENS
        and not before.whitespace_
        and not hyphen.whitespace_
        and before.text[-1:].isalpha()
        and after.text[:1].isalpha()
        and after.text not in _TITLE_ARTICLES
    )
