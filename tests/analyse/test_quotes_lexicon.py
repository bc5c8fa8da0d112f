"""The mined lexicons: verbs of saying news uses, and the senses of those verbs that report nothing
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier.analyse.quotes.lexicon import reporting_nouns, source_nouns, verbs
from tests.analyse.quote_helpers import quotes

pytestmark = pytest.mark.slow


def texts(text: str) -> list[tuple[str, str]]:
    return [(k, t) for k, t, _ in quotes(text)]


@pytest.mark.parametrize("cue", [
    "s'est exprimé", "a justifié", "soupire", "a remarqué", "a décrit", "a réagi", "a réitéré", "a tonné",
    "tranche", "ironise",
])
def test_verbs_of_saying_after_a_quotation(cue):
    found = quotes(f"« La ligne 4 ouvrira en juin », {cue} le directeur des transports.")
    assert found == [("direct", "La ligne 4 ouvrira en juin", "le directeur des transports")]


def test_verbs_with_a_que_clause():
    assert texts("La préfète a réitéré que la route resterait fermée.") == [("indirect", "la route resterait fermée")]
    assert texts("Le médecin a remarqué que les patients arrivaient plus tôt.") == [
        ("indirect", "les patients arrivaient plus tôt")]


@pytest.mark.parametrize("text", [
    "Le vieux pont menace de s'effondrer depuis des années.",  # a risk
    "La journée promet d'être chaude sur tout le littoral.",
    "Le dispositif dit « bouclier tarifaire » sera prolongé.",  # so-called
    "Ce retard s'explique par les intempéries de l'hiver.",
    "Le sénateur pourrait clamer son innocence devant les juges.",  # hypothetical
    "La convention prévoit que les salariés sont prévenus un mois avant.",
])
def test_senses_that_report_nothing(text):
    assert texts(text) == []


def test_the_speech_senses_still_fire():
    assert texts("Le maire menace de démissionner si le budget est rejeté.") == [
        ("indirect", "démissionner si le budget est rejeté")]
    assert texts("Le ministre dit « non à une réforme injuste ».") == [("direct", "non à une réforme injuste")]


def test_lexicon_data_holds_mined_entries():
    lex = verbs()
    assert {"réagir", "justifier", "remarquer", "réitérer"} <= set(lex.simple)
    assert "exprimer" in lex.reflexive
    assert lex.simple["menacer"].speaker_subject and not lex.simple["dire"].speaker_subject
    assert {"president", "ambassadeur", "prefecture"} <= source_nouns()
    assert reporting_nouns()["promesse"] == {"que", "de"} and reporting_nouns()["message"] == {"est que"}


@pytest.mark.parametrize("text, content, speaker", [
    ("Le sénateur a confirmé son intention de briguer un second mandat.", "briguer un second mandat", "le sénateur"),
    ("La présidente a tenu sa promesse de réduire les frais d'inscription.", "réduire les frais d'inscription",
     "la présidente"),
    ("Le message de la directrice est que personne ne sera licencié.", "personne ne sera licencié", "directrice"),
])
def test_nouns_of_saying(text, content, speaker):
    found = quotes(text)
    assert [(k, t) for k, t, _ in found] == [("indirect", content)]
    assert speaker in (found[0][2] or "").lower()


@pytest.mark.parametrize("text", [
    "Dans l'intention de nuire, un inconnu a rayé les voitures.",  # nobody's intention
    "L'intention de la loi est de protéger les locataires.",
])
def test_nouns_of_saying_without_someone_who_speaks(text):
    assert texts(text) == []


def test_a_verb_of_saying_keeps_the_noun_phrase_with_a_quotation():
    found = texts("En affirmant sa volonté de « tout changer », le candidat a surpris.")
    assert found == [("mixed", "sa volonté de « tout changer »")]


def test_reflexive_verb_with_an_inverted_subject():
    assert texts("« Pourquoi attendre encore ? », s'est-il interrogé devant les élus.") == [
        ("direct", "Pourquoi attendre encore ?")]


def test_dit_after_someone_who_speaks_is_speech():
    assert texts("Le député dit vouloir « aller jusqu'au bout » de sa démarche.") == [
        ("mixed", "vouloir « aller jusqu'au bout » de sa démarche")]
