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
