"""via that follows the speaker, and outlets found in more spellings (issue 8, item 4).

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from sourcier import analyze
from tests.analyse.test_sources_venues import _sources

pytestmark = pytest.mark.slow


def _via(text: str, start: str) -> set[str]:
    analysis = analyze(text)
    found = [q for q in analysis.quotes if q.text.startswith(start)]
    assert found, f"no quote starting {start!r} among {[q.text for q in analysis.quotes]}"
    return {v.name for v in found[0].via}


def test_unknown_outlet_after_a_contracted_article_and_a_media_noun():
    # "du site d'informations suisse Watson": the model calls the name a person
    found = _sources("Le chanteur a répondu aux questions du site d'informations suisse Watson sur sa tournée.")
    assert found == {("Watson", "interview")}


def test_unknown_outlet_named_again_is_the_same_outlet():
    text = (
        "Le maire de Riom, Paul Vidal, a longtemps soutenu le projet, selon le site d'informations Riomactu. "
        "« Le pont sera fini en mai », a expliqué à Riomactu Jeanne Roux, l'adjointe aux travaux."
    )
    assert _sources(text) == {("Riomactu", "relay"), ("Riomactu", "interview")}
    assert _via(text, "Le pont sera fini") == {"Riomactu"}


def test_relative_clause_between_the_speaker_and_the_outlet():
    text = "« Tout a brûlé en une heure », raconte Lise Marin, qui tient la boulangerie depuis dix ans, au quotidien Le Devoir."
    assert _via(text, "Tout a brûlé") == {"Le Devoir"}


def test_outlets_listed_after_several_media_are_relays():
    text = (
        "Le chef d'orchestre est mort dimanche, a annoncé sa famille, citée par plusieurs médias "
        "autrichiens, notamment le quotidien Der Standard et la radio publique ORF."
    )
    assert {role for name, role in _sources(text) if name in ("Der Standard", "ORF")} == {"relay"}
    assert ("ORF", "relay") in _sources(text)


def test_words_relayed_make_the_subject_s_venue():
    text = (
        "Dans des propos repris par Le Parisien, la gérante du café, Sophie Lenoir, réclame une aide. "
        "« Nous ne tiendrons pas l'hiver », dit-elle."
    )
    assert _via(text, "Nous ne tiendrons pas") == {"Le Parisien"}


def test_subject_pronoun_gave_the_interview_not_the_person_it_talks_about():
    text = (
        "Le député Marc Vidal a longtemps soutenu le projet. Invité de France 2 dimanche, il a critiqué "
        "le ministre Paul Girard. « Il n'écoute personne », a-t-il lancé."
    )
    assert _via(text, "Il n'écoute personne") == {"France 2"}


def test_a_title_in_quotation_marks_gave_no_interview():
    text = (
        "L'ancien ministre Paul Girard revient sur son passé. Dans le documentaire « Jean Moulin, l'ombre », "
        "il a raconté mardi sur France 5 ses années au pouvoir. « J'ai souvent douté », confie-t-il."
    )
    assert _via(text, "J'ai souvent douté") == {"France 5"}


def test_known_outlet_in_quotation_marks_and_run_together():
    assert _sources('Le "Dailymail" révèle que la reine a annulé sa visite.') == {("Daily Mail", "relay")}


def test_a_spaced_title_keeps_the_spelling_the_text_gives():
    assert _sources("Le maire a défendu son bilan sur BFM TV jeudi soir.") == {("BFM TV", "interview")}


def test_title_that_is_a_common_word_after_a_cue():
    text = "Le homard était coincé. Comme le rappelle Slate, « la pollution des côtes atteint des records »."
    assert _sources(text) == {("Slate", "relay")}
    assert _via(text, "la pollution des côtes") == {"Slate"}


def test_title_that_is_a_common_word_is_not_an_outlet_without_a_cue_or_as_a_place():
    text = (
        "Selon Marianne Dupont, la réforme échouera. Le Dauphiné est une région. "
        "Dans le Sud-Ouest, « les pluies vont durer », prévient un prévisionniste."
    )
    assert _sources(text) == set()


def test_conditional_words_came_through_the_relay_before_them():
    text = (
        "Le torchon brûle au gouvernement, révèle Le Monde. En déplacement à Lyon, la ministre Claire Noël "
        "aurait déclaré : « Je ne resterai pas »."
    )
    assert _via(text, "Je ne resterai pas") == {"Le Monde"}


def test_indicative_words_after_a_story_relay_came_through_none():
    text = (
        "Le torchon brûle au gouvernement, révèle Le Monde. En déplacement à Lyon, la ministre Claire Noël "
        "a déclaré : « Je ne resterai pas »."
    )
    assert _via(text, "Je ne resterai pas") == set()


def test_regional_edition_after_a_preposition_keeps_its_name():
    text = "Selon France 3 Côte d'Azur, les plages de Nice resteront fermées. Les digues ont cédé, a indiqué à France Bleu Provence le préfet Jean Morel."
    assert _sources(text) == {("France 3 Côte d'Azur", "relay"), ("France Bleu Provence", "interview")}


def test_name_after_a_venue_preposition_is_the_speaker_not_the_title():
    found = _sources("« Les routes sont coupées », a expliqué à l'AFP Thipaine Soukhon, 26 ans.")
    assert found == {("AFP", "interview")}


def test_a_relayed_document_keeps_its_relay_for_what_it_says_later():
    text = (
        "Selon un rapport de l'inspection du travail révélé par Mediapart, les contrôles ont chuté. "
        "« Les effectifs ne suivent plus », note le rapport. Le ministère a démenti. "
        "« Les chiffres sont faux », a déclaré un porte-parole."
    )
    assert _via(text, "Les effectifs ne suivent plus") == {"Mediapart"}
    assert _via(text, "Les chiffres sont faux") == set()


def test_the_person_a_relay_cites_keeps_the_relay():
    cited = (
        "Le suspect a été interpellé samedi, rapporte Le Parisien, qui cite le procureur de Lyon, Jean Morel. "
        "« Il a reconnu les faits », a ensuite précisé Jean Morel."
    )
    assert _via(cited, "Il a reconnu les faits") == {"Le Parisien"}
    story = "Le suspect a été interpellé samedi, rapporte Le Parisien. « Il a reconnu les faits », a ensuite précisé le procureur Jean Morel."
    assert _via(story, "Il a reconnu les faits") == set()
