"""``sourcier_paragraph_breaks``: no sentence crosses a paragraph.

The model's copy separates paragraphs with newlines (see ``textprep``). The
French parser happily runs a sentence over a blank line, so this component,
placed before the parser, marks the first token after a newline as a sentence
start; the parser keeps preset boundaries.
"""

from __future__ import annotations

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
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                token.is_sent_start = True
        return doc
