"""``sourcier_paragraph_breaks``: sentence boundaries the parser must keep.

The model's copy separates paragraphs with newlines (see ``textprep``). The
French parser happily runs a sentence over a blank line, so this component,
placed before the parser, marks the first token after a newline as a sentence
start; the parser keeps preset boundaries.

It also forbids a boundary inside a hyphenated word. The tokenizer splits the
compounds missing from its exception list ("état-major", "Royaume-Uni",
"chef-lieu") into word, "-", word, and the parser then often starts a new
sentence at the bare hyphen, which cuts "…, a affirmé le chef d'état-major"
away from the content it reports.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "sourcier_paragraph_breaks",
    assigns=["token.is_sent_start"],
    requires=[],
)
def make_paragraph_breaks(nlp: Language, name: str) -> "ParagraphBreaks":
    return ParagraphBreaks()


class ParagraphBreaks:
    def __call__(self, doc: Doc) -> Doc:
        starts = [
            prev.i + 1
            for prev in doc[:-1]
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        ]
        inside = [i for token in doc[1:-1] if _joins_a_word(token) for i in (token.i, token.i + 1)]
        if starts or inside:
            # Set in one array: each ``token.is_sent_start = True`` scans the whole doc (spaCy
            # checks for a parse first), which made long texts quadratic.
            values = doc.to_array([SENT_START])
            values.view("int64")[inside] = -1  # "never a start", stored unsigned as spaCy does
            values[starts] = 1
            doc.from_array([SENT_START], values)
        return doc


def _joins_a_word(token) -> bool:
    """A bare hyphen glued to a letter on each side: the inside of one hyphenated word."""
    before, after = token.nbor(-1), token.nbor(1)
    return (
        token.text == "-"
        and not before.whitespace_
        and not token.whitespace_
        and before.text[-1:].isalpha()
        and after.text[:1].isalpha()
    )
