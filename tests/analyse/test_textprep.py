"""The model's copy of the text and the offset map back: no model needed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sourcier.analyse.textprep import prepare
from sourcier.model import Paragraph


def paragraphs_of(text: str) -> list[Paragraph]:
    return [Paragraph(m.start(), m.end()) for m in re.finditer(r"\S(?:.*\S)?", text)]


def test_textprep_normalises_apostrophes_and_spaces():
    text = "L’URSS a\u00a0dit\u202f: «Oui»."
    copy, offsets = prepare(text, paragraphs_of(text))
    assert copy == "L'URSS a dit : « Oui »."
    # "Oui" in the copy maps back to "Oui" in the original
    start = copy.index("Oui")
    s, e = offsets.span(start, start + 3)
    assert text[s:e] == "Oui"


def test_textprep_inserted_space_never_reported():
    text = "«Non»"
    copy, offsets = prepare(text, paragraphs_of(text))
    assert copy == "« Non »"
    assert offsets.span(0, len(copy)) == (0, len(text))
    assert offsets.span(1, 2) == (1, 1)  # the inserted space alone maps to nothing
    assert offsets.span(2, 5) == (1, 4)


def test_textprep_newlines_inside_and_between_paragraphs():
    text = "Première ligne\ncoupée.\n\nSecond paragraphe."
    paras = [Paragraph(0, 22), Paragraph(24, len(text))]
    copy, _ = prepare(text, paras)
    assert copy == "Première ligne coupée.\n\nSecond paragraphe."


def test_textprep_glued_sentences_get_their_paragraph_break_back():
    text = 'Le conseil a siégé lundi.Le maire Albert II.Surnommé "le bâtisseur".Il a promis.«Rien ne change», dit-il.'
    copy, offsets = prepare(text, paragraphs_of(text))
    assert copy == ('Le conseil a siégé lundi.\nLe maire Albert II.\nSurnommé "le bâtisseur".\nIl a promis.\n'
                    '« Rien ne change », dit-il.')
    start = copy.index("Rien")
    s, e = offsets.span(start, start + len("Rien ne change"))
    assert text[s:e] == "Rien ne change"


def test_textprep_glue_before_an_opening_straight_quote():
    text = 'La séance est levée."Nous reviendrons", a dit la maire.'
    copy, _ = prepare(text, paragraphs_of(text))
    assert copy == 'La séance est levée.\n"Nous reviendrons", a dit la maire.'


def test_textprep_glued_subheading_is_a_paragraph():
    text = "Le vote aura lieu jeudi.- Un scrutin serré -Les sondages donnent les deux listes à égalité."
    copy, _ = prepare(text, paragraphs_of(text))
    assert copy == "Le vote aura lieu jeudi.\n- Un scrutin serré -\nLes sondages donnent les deux listes à égalité."


def test_textprep_paragraph_glued_without_its_full_stop():
    text = "Les bus circuleront normalementLes prévisions pour lundiPour lundi, la régie attend McLaren et LeBron."
    copy, _ = prepare(text, paragraphs_of(text))
    assert copy == ("Les bus circuleront normalement\nLes prévisions pour lundi\nPour lundi, la régie attend McLaren"
                    " et LeBron.")


def test_textprep_quoted_subheading_glued_to_the_next_sentence():
    text = 'La réforme avance. Un plan "trop ambitieux"Le ministre a défendu son texte au siège d"Inovia".'
    copy, _ = prepare(text, paragraphs_of(text))
    assert copy == 'La réforme avance. Un plan "trop ambitieux"\nLe ministre a défendu son texte au siège d"Inovia".'


def test_textprep_euphonic_t_without_its_hyphen():
    text = "« Oui », a t-il ajouté, puis « non », estime t-elle. Une t-shirt."
    copy, _ = prepare(text, paragraphs_of(text))
    assert copy == "« Oui », a-t-il ajouté, puis « non », estime-t-elle. Une t-shirt."


def test_textprep_glue_inside_a_quotation_is_a_space():
    text = 'Elle a lancé : "Je pars.Tu restes". M.Durand et la S.N.C.F.Ont rien dit.'
    copy, _ = prepare(text, paragraphs_of(text))
    assert copy == 'Elle a lancé : "Je pars. Tu restes". M.Durand et la S.N.C.F.Ont rien dit.'


@given(st.text(alphabet='aB «»’"\u00a0\n.', max_size=60), st.data())
def test_textprep_offsets_round_trip(text, data):
    copy, offsets = prepare(text, paragraphs_of(text))
    assert len(copy) == len(text) + len(offsets.inserted)
    for i, ch in enumerate(text):
        j = offsets.to_copy(i)
        assert offsets.to_original(j) == i
        if ch.isspace():
            assert copy[j].isspace()  # a space, or a newline between paragraphs
        else:
            assert copy[j] == ch.translate({0x2019: "'"})
    a = data.draw(st.integers(0, len(copy)))
    b = data.draw(st.integers(a, len(copy)))
    s, e = offsets.span(a, b)
    assert 0 <= s <= e <= len(text)
    # every original character of the copy span is inside the mapped span
    kept = [offsets.to_original(j) for j in range(a, b) if j not in offsets.inserted]
    assert all(s <= k < e for k in kept)


def test_textprep_glue_after_a_stray_straight_quote_is_a_break():
    # the first mark is never closed; the marks are paired by their shape, as the quote extractor
    # pairs them, so the sentence glued after the quotation is outside it: a paragraph break
    text = 'Il parle d\'un "accord. Puis "tout va bien", dit-il.Le maire est parti.'
    copy, _ = prepare(text, paragraphs_of(text))
    assert copy == 'Il parle d\'un "accord. Puis "tout va bien", dit-il.\nLe maire est parti.'
