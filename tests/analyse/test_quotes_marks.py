"""Quotation-mark pairing (no model needed)."""

from __future__ import annotations

import pytest

from sourcier.analyse.quotes.marks import find_quotations, paragraphs_of


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text, paragraphs_of(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a dit « nous partirons » hier.", ["nous partirons"]),
        ("Elle a dit “non” puis ‹ oui ›.", ["non", "oui"]),
        ('La BBC cite "une reine au grand cœur" et " des larmes ".', ["une reine au grand cœur", "des larmes"]),
        ("« Le mot “paix” revient », note-t-il.", ["Le mot “paix” revient"]),  # nested: one quotation
        ("« Nous avons dit « assez » et « jamais » », a-t-il dit.", ["Nous avons dit « assez » et « jamais »"]),
        ('Un écran de 12" et rien d\'autre.', []),  # inches, not a quotation
    ],
)
def test_marks_pairs_quotation_marks(text, expected):
    assert quoted(text) == expected


def test_marks_quotation_running_over_paragraphs():
    text = "« Nous partirons demain.\n« Et nous reviendrons », a-t-il dit."
    found = find_quotations(text, paragraphs_of(text))
    assert [text[q.start : q.end] for q in found] == ["Nous partirons demain.", "Et nous reviendrons"]
    assert found[0].runs_on and not found[1].runs_on


def test_marks_stray_opening_mark_around_balanced_quotes_is_ignored():
    text = "« Il a répondu « oui » puis « non » à la question."
    assert quoted(text) == ["oui", "non"]


def test_marks_closing_mark_without_opening_closes_at_paragraph_start():
    text = "Nous partirons demain », a-t-il ajouté."
    assert quoted(text) == ["Nous partirons demain"]


def test_opening_mark_typed_for_the_closing_one():
    from sourcier.analyse.quotes.marks import find_quotations, paragraphs_of

    text = "Le mur des interdits : « La mer est bleue« . Et ça continue : « Il pleut », « il vente »."
    assert [text[q.start : q.end] for q in find_quotations(text, paragraphs_of(text))] == [
        "La mer est bleue",
        "Il pleut",
        "il vente",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation the writer never closed: the next mark glued to a word opens a new one
        ('Il vient pour "faire des allers-retours. "Souvent il partait le jeudi", révèle une source. '
         'Il déclarait : "Tout doit être prouvé."', ["Souvent il partait le jeudi", "Tout doit être prouvé."]),
        # a closing mark with no opening one (a text cut at its start) closes at the paragraph start
        ('Pour moi, c\'est le plus grand". Dans ce clip, il chante. "Tu as rendu la vie belle", ironise-t-il.',
         ["Pour moi, c'est le plus grand", "Tu as rendu la vie belle"]),
        # a stray closing mark later in the paragraph is dropped, not paired with the next opening one
        ('"Nous verrons", a dit le maire". "On avance", ajoute-t-il.', ["Nous verrons", "On avance"]),
        # a quotation closed with the wrong mark does not turn the rest inside out
        ('Le mouvement "En Marche !\' et le gouvernement : "Face aux Français, rien", assène-t-il.',
         ["Face aux Français, rien"]),
        # two closing marks ahead: a straight quotation nested in another
        ('Il a dit "Il a répondu "non" hier" et il est parti. "Oui", dit-elle.', ['Il a répondu "non" hier', "Oui"]),
        ("Le slogan d'\"évolutions substantielles\" reste.", ["évolutions substantielles"]),
        ('Il a dit "oui"."Je pars", dit-il.', ["oui", "Je pars"]),  # glued marks say nothing: they toggle
    ],
)
def test_marks_straight_quotes_read_by_their_shape(text, expected):
    assert quoted(text) == expected
