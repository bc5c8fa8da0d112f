"""Quote detection on unseen news, fifth pass (issue 8, items 3 and 5; sentences written for these
tests)."""

from __future__ import annotations

import pytest

from tests.analyse.quote_helpers import BACKGROUND, quotes

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La ministre Claire Morin a répondu en assurant que « la réforme sera votée avant l'été » et "
         "« qu'aucun recul n'est prévu ».",
         [("direct", "la réforme sera votée avant l'été", "Claire Morin"),
          ("direct", "qu'aucun recul n'est prévu", "Claire Morin")]),
        ("Le maire Paul Durand a insisté en soulignant que \"la route sera rouverte lundi\" et "
         "qu'\"aucun accident n'a été signalé depuis\".",
         [("direct", "la route sera rouverte lundi", "Paul Durand"),
          ("direct", "aucun accident n'a été signalé depuis", "Paul Durand")]),
    ],
)
def test_pieces_of_one_quotation_are_direct_quotes(text, expected):
    assert quotes(BACKGROUND + text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words of the reported clause between the pieces: one mixed quote
        ("La ministre Claire Morin a assuré que « la réforme » serait votée « avant l'été ».",
         [("mixed", "« la réforme » serait votée « avant l'été »", "Claire Morin")]),
    ],
)
def test_pieces_with_reported_words_between_stay_mixed(text, expected):
    assert quotes(BACKGROUND + text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun phrase that holds a quotation after a claim or a plea (mined: plaider pour, revendiquer)
        ("La syndicaliste Anne Leroy a revendiqué la « victoire des grévistes » pour toute la profession.",
         [("mixed", "la « victoire des grévistes » pour toute la profession", "Anne Leroy")]),
        ("Le président Paul Durand a plaidé pour une école « plus juste », avec davantage de moyens.",
         [("mixed", "une école « plus juste »", "Paul Durand")]),
    ],
)
def test_noun_phrase_with_a_quotation_after_a_claim(text, expected):
    assert quotes(BACKGROUND + text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "La syndicaliste Anne Leroy a revendiqué la victoire des grévistes.",  # no quotation: no quote
        "Le maire Paul Durand a défendu son bilan « équilibré » devant les élus.",  # a stance, not words
    ],
)
def test_noun_phrase_that_reports_nothing(text):
    assert quotes(BACKGROUND + text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "selon X" / "d'après X" opening a relative clause: the rest of that clause
        ("Le maire Paul Durand a dénoncé ces retards, qui selon lui devraient coûter cher à la ville.",
         [("indirect", "devraient coûter cher à la ville", "Paul Durand")]),
        ("Les riverains ont manifesté contre un projet qui, d'après eux, menace la forêt.",
         [("indirect", "menace la forêt", "les riverains")]),
        ("L'écrivain Paul Durand décrit un voisin qui, selon lui, restait toujours « très discret ».",
         [("mixed", "restait toujours « très discret »", "Paul Durand")]),
    ],
)
def test_attribution_inside_a_relative_clause(text, expected):
    assert quotes(BACKGROUND + text) == expected
