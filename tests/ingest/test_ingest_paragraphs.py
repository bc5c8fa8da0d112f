"""split_paragraphs: offsets are sacred on every shape of text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcier.ingest import split_paragraphs


def check_partition(text: str) -> list[str]:
    """The invariant: ordered, non-overlapping, non-empty, stripped spans of text."""
    paragraphs = split_paragraphs(text)
    previous_end = 0
    for p in paragraphs:
        assert previous_end <= p.start < p.end <= len(text)
        chunk = text[p.start : p.end]
        assert chunk and chunk == chunk.strip()
        assert text[previous_end : p.start].strip() == ""  # only whitespace between paragraphs
        previous_end = p.end
    assert text[previous_end:].strip() == ""
    return [text[p.start : p.end] for p in paragraphs]


SHAPES = {
    "blank lines": (
        "Le président est arrivé à Dakar.\n\nIl a rencontré son homologue.\n",
        ["Le président est arrivé à Dakar.", "Il a rencontré son homologue."],
    ),
    "crlf": (
        "Premier paragraphe.\r\n\r\nDeuxième paragraphe.\r\n",
        ["Premier paragraphe.", "Deuxième paragraphe."],
    ),
    "trailing spaces and whitespace-only lines": (
        "  Premier paragraphe.   \n \t \n\tDeuxième.  \n\n\n",
        ["Premier paragraphe.", "Deuxième."],
    ),
    "single line": ("Une seule ligne sans retour", ["Une seule ligne sans retour"]),
    "one line per paragraph": (
        "Mali\nCrédit Photo : Sputnik Afrique\nLe ministre a parlé.\nIl a ajouté un mot.",
        ["Mali", "Crédit Photo : Sputnik Afrique", "Le ministre a parlé.", "Il a ajouté un mot."],
    ),
    "soft wrap joined when there is no blank line": (
        "Le ministre a déclaré que la coopération\nmilitaire allait se renforcer.\nUne autre phrase.",
        ["Le ministre a déclaré que la coopération\nmilitaire allait se renforcer.", "Une autre phrase."],
    ),
    "single newlines inside a blank-line block stay in it": (
        "Titre\n\nUne phrase\ncoupée en deux.\nEt une autre.\n\nFin.",
        ["Titre", "Une phrase\ncoupée en deux.\nEt une autre.", "Fin."],
    ),
    "old mac line breaks": ("Un.\r\rDeux.", ["Un.", "Deux."]),
    "leading blank lines": ("\n\n  \nTexte.", ["Texte."]),
    "no-break spaces count as whitespace": ("\u00a0Texte\u00a0\n\u00a0\nSuite", ["Texte", "Suite"]),
}


@pytest.mark.parametrize("name", SHAPES)
def test_shapes(name):
    text, expected = SHAPES[name]
    assert check_partition(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n", "\t \u00a0 \n"])
def test_blank_texts_have_no_paragraph(text):
    assert split_paragraphs(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é«»’.\n\r\t\u00a0")), max_size=200))
def test_partition_invariant_on_any_text(text):
    check_partition(text)
