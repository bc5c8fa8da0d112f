"""A venue or a relay carried to the quotes it covers, and the cues that name them on unseen news
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier import analyze
from tests.analyse.test_via_follows import via_of, vias

pytestmark = pytest.mark.slow


def roles(text: str) -> set[tuple[str, str]]:
    return {(s.name, s.role) for s in analyze(text).sources}


def test_via_an_outlet_written_with_one_capital_is_still_known():
    found = vias(
        "« La grève sera suivie », a prédit jeudi la syndicaliste Nadia Roux sur Cnews.\n\n"
        "Nadia Roux a ajouté que « les cheminots ne lâcheront rien »."
    )
    assert via_of(found, "La grève sera") == {"CNews"}
    assert via_of(found, "les cheminots") == {"CNews"}


def test_via_an_interview_after_a_long_apposition_holds_for_the_speakers_later_quotes():
    found = vias(
        "La banque fermera 40 agences cette année, a annoncé Jeanne Morel, la directrice générale adjointe "
        "chargée du réseau des agences régionales et des guichets de la banque dans Le Figaro.\n\n"
        "« Nos clients passent désormais par leur téléphone », estime Jeanne Morel."
    )
    assert via_of(found, "La banque fermera") == {"Le Figaro"}
    assert via_of(found, "Nos clients passent") == {"Le Figaro"}


def test_via_the_person_after_an_organisation_gave_the_interview():
    found = vias(
        "Le ministre Paul Garnier a parlé mardi. Le président du Mouvement écologiste Marc Olier a abondé sur "
        "France Inter en soulignant que « la mer n'appartient à personne ».\n\n"
        "« Nous bloquerons les ports s'il le faut », a-t-il prévenu."
    )
    assert via_of(found, "Nous bloquerons") == {"France Inter"}


def test_sources_details_of_an_outlet_and_a_participle_are_relays():
    assert ("RTL", "relay") in roles("Selon les précisions de RTL, le conducteur roulait à 180 km/h sur l'autoroute.")
    assert ("Le Parisien", "relay") in roles(
        "Le club a finalement renoncé à recruter l'attaquant, comme indiqué par Le Parisien, avançant des raisons financières."
    )


def test_via_the_story_relay_of_the_lead_carries_the_later_quotes():
    found = vias(
        "Le maire de Brest, Yann Kerbrat, a démissionné lundi, selon Le Télégramme. "
        "Il quitte ses fonctions après dix ans de mandat.\n\n"
        "« Je pars la tête haute », lance Yann Kerbrat devant le conseil municipal.\n\n"
        "Son adjoint Loïc Morvan avait assuré en mars que « la majorité tiendrait ».\n\n"
        "Selon le syndicat des commerçants, « le centre-ville est à l'abandon »."
    )
    assert via_of(found, "Je pars la tête") == {"Le Télégramme"}
    assert via_of(found, "la majorité tiendrait") == set()  # earlier words, not the story's
    assert via_of(found, "le centre-ville") == set()  # another source
    found = vias(
        "Le maire de Brest, Yann Kerbrat, a démissionné lundi, selon Le Télégramme.\n\n"
        "« Je pars la tête haute », a déclaré Yann Kerbrat à la sortie du conseil."
    )
    assert via_of(found, "Je pars la tête") == set()  # told in the past: the article's own reporting


def test_via_no_story_relay_when_the_article_cites_another_outlet_or_a_poll():
    found = vias(
        "Le maire de Brest, Yann Kerbrat, a démissionné lundi, selon Le Télégramme.\n\n"
        "« Je pars la tête haute », a déclaré Yann Kerbrat à France Bleu.\n\n"
        "« Nous continuerons son travail », a affirmé son adjoint Loïc Morvan."
    )
    assert via_of(found, "Nous continuerons") == set()
    found = vias(
        "Un sondage Ifop pour Le Figaro montre que 60 % des Brestois approuvent le maire.\n\n"
        "« Je pars la tête haute », a déclaré Yann Kerbrat."
    )
    assert via_of(found, "Je pars la tête") == set()


def test_sources_a_paper_named_by_its_nickname_is_reported_under_its_title():
    found = roles("Le ministre a démissionné dimanche, selon le JDD. L'AFP a confirmé l'information.")
    assert ("Le Journal du dimanche", "relay") in found
    assert not any(name == "Le JDD" for name, _ in found)


def test_sources_a_story_told_by_an_outlet_is_a_relay():
    assert ("Le Parisien", "relay") in roles(
        "L'incident rappelle une mésaventure survenue l'an dernier, contée par Le Parisien. Un passager avait bloqué un avion."
    )


def test_via_a_speaker_named_with_his_employer_is_the_same_person_later():
    found = vias(
        "« La pluie reviendra jeudi », a indiqué le prévisionniste Marc Delorme de Météo-France à l'AFP.\n\n"
        "Les orages toucheront d'abord l'ouest du pays, a précisé Marc Delorme."
    )
    assert via_of(found, "La pluie reviendra") == {"AFP"}
    assert via_of(found, "Les orages toucheront") == {"AFP"}
