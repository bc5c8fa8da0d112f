"""Speaker resolution: names, pronouns, titles and descriptions, floating quotes."""

from __future__ import annotations

import pytest

from sourcier import analyze

from tests.analyse.quoted import speakers

pytestmark = pytest.mark.slow


def test_speakers_inverted_subject_resolved_through_the_role_lexicon():
    text = (
        "Le ministre des Affaires étrangères du Mali, Abdoulaye Diop, était à Moscou.\n\n"
        "« La coopération est ancienne », a déclaré le chef de la diplomatie malienne.\n\n"
        "« Elle continuera », a affirmé le ministre malien des Affaires étrangères."
    )
    assert {s for _, s in speakers(text)} == {"Abdoulaye Diop"}


def test_speakers_honorific_and_surname_give_the_full_name():
    text = "Aminata Touré, ancienne Première ministre, est candidate.\n\n« Je gagnerai », a déclaré Mme Touré."
    assert speakers(text) == [("Je gagnerai", "Aminata Touré")]


@pytest.mark.parametrize("cue", ["a-t-il ajouté", "estime-t-il", "dit-il"])
def test_speakers_inverted_clitic_is_the_latest_speaker(cue):
    text = (
        "Le président Macky Sall a reçu les syndicats lundi.\n\n"
        "« Le dialogue est ouvert », a déclaré Macky Sall.\n\n"
        f"« Nous trouverons un accord », {cue}."
    )
    assert speakers(text)[-1] == ("Nous trouverons un accord", "Macky Sall")


def test_speakers_pronoun_agrees_in_gender():
    text = (
        "Le ministre Ousmane Diagne et la députée Awa Ndiaye ont débattu mardi.\n\n"
        "« Le budget est insuffisant », a déclaré Awa Ndiaye.\n\n"
        "« Le budget est suffisant », a répondu Ousmane Diagne.\n\n"
        "« Nous verrons », a-t-elle conclu."
    )
    assert speakers(text)[-1] == ("Nous verrons", "Awa Ndiaye")


def test_speakers_pour_lui_and_a_l_en_croire():
    text = (
        "Le ministre des Affaires étrangères du Mali, Abdoulaye Diop, a parlé à la presse.\n\n"
        "Pour lui, la Russie est un partenaire solide.\n\n"
        "À l'en croire, la coopération remonte à 1960."
    )
    assert [s for _, s in speakers(text)] == ["Abdoulaye Diop", "Abdoulaye Diop"]


def test_speakers_relative_pronoun_is_its_antecedent():
    text = "Le directeur de la Santé, Babacar Dramé, qui a affirmé que l'épidémie reculait, était à Touba."
    assert speakers(text) == [("l'épidémie reculait", "Babacar Dramé")]


def test_speakers_floating_quote_continues_the_previous_speaker():
    text = (
        "« Nous avons enregistré cent décès », a déclaré le directeur Babacar Dramé.\n\n"
        "« La situation est désormais sous contrôle dans toutes les régions. »"
    )
    assert speakers(text) == [
        ("Nous avons enregistré cent décès", "Babacar Dramé"),
        ("La situation est désormais sous contrôle dans toutes les régions.", "Babacar Dramé"),
    ]


def test_speakers_floating_quote_without_a_previous_speaker_is_not_reported():
    assert speakers("« La situation est désormais sous contrôle dans toutes les régions. »") == []


def test_speakers_anonymous_source_kept_as_written():
    text = "« Quatre bombes ont explosé », a indiqué une source sécuritaire."
    assert speakers(text) == [("Quatre bombes ont explosé", "une source sécuritaire")]


def test_speakers_organisation_keeps_its_article():
    text = "L'armée malienne a affirmé que la situation était sous contrôle."
    assert speakers(text) == [("la situation était sous contrôle", "l'armée malienne")]


def test_speakers_description_refers_back_to_a_fuller_one():
    text = (
        "L'armée malienne a affirmé que la situation était sous contrôle.\n\n"
        "« Les assaillants ont fui », a ajouté l'armée."
    )
    assert [s for _, s in speakers(text)] == ["l'armée malienne", "l'armée malienne"]


def test_speakers_named_in_a_headline():
    assert speakers("Assimi Goïta : « Le Mali ne reculera pas »") == [("Le Mali ne reculera pas", "Assimi Goïta")]


@pytest.mark.parametrize("kin", ["soeur", "sœur"])
def test_a_person_named_after_a_kin_word_spelt_either_way_is_not_the_speaker(kin):
    analysis = analyze(f"Paul Martin est mort samedi. La {kin} de Paul Martin a dénoncé « une erreur grave ».")
    (quote,) = analysis.quotes
    assert quote.speaker.entity is None and quote.speaker.name == f"la {kin} de Paul Martin"
