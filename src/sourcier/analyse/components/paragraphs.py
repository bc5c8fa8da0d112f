"""``sourcier_paragraph_breaks``: no sentence crosses a paragraph.

The model's copy separates paragraphs with newlines (see ``textprep``). The
French parser happily runs a sentence over a blank line, so this component,
placed before the parser, marks the first token after a newline as a sentence
start; the parser keeps preset boundaries.
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
        if starts:
            # Set in one array: each ``token.is_sent_start = True`` scans the whole doc (spaCy
            # checks for a parse first), which made long texts quadratic.
            values = doc.to_array([SENT_START])
            values[starts] = 1
            doc.from_array([SENT_START], values)
        return doc
