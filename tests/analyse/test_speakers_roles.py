"""Matching descriptions to roles through the role lexicon (no model needed)."""

from __future__ import annotations

import pytest

from sourcier.analyse.quotes.roles import fits


@pytest.mark.parametrize(
    ("description", "role"),
    [
        ("le chef de la diplomatie malienne", "ministre des Affaires étrangères du Mali"),
        ("le patron de la diplomatie malienne", "ministre des Affaires étrangères du Mali"),
        ("le ministre malien des Affaires étrangères", "ministre des Affaires étrangères du Mali"),
        ("le locataire de l'Élysée", "président de la France"),
        ("le chef de l'État ivoirien", "président de la Côte d'Ivoire"),
        ("le Premier ministre sénégalais", "Premier ministre du Sénégal"),
        ("la porte-parole du gouvernement", "porte-parole du gouvernement burkinabè"),
        ("le ministre", "ministre de l'Économie"),
        ("le ministre", "chef de la diplomatie togolaise"),
        ("le diplomate", "ambassadeur de Chine au Niger"),
        ("le diplomate chinois", "ambassadeur de Chine au Niger"),
    ],
)
def test_speakers_description_fits_role(description, role):
    assert fits(description, role)


@pytest.mark.parametrize(
    ("description", "role"),
    [
        ("le chef de la diplomatie sénégalaise", "ministre des Affaires étrangères du Mali"),
        ("le Premier ministre malien", "ministre des Affaires étrangères du Mali"),
        ("le ministre de la Défense", "ministre des Affaires étrangères du Mali"),
        ("le diplomate français", "ambassadeur de Chine au Niger"),
        ("le chef de la diplomatie", "ambassadeur de Chine au Niger"),
    ],
)
def test_speakers_description_does_not_fit_other_role(description, role):
    assert not fits(description, role)


def test_roles_head_of_state_is_no_party_leader_nor_chief_of_staff():
    from sourcier.analyse.quotes.roles import signature

    assert not fits("le chef de l'État", "chef de file des socialistes")
    assert signature("le chef de l'État").offices == {"president"}
    assert fits("le chef de l'État ivoirien", "président de la Côte d'Ivoire")


def test_speakers_head_of_state_is_never_the_party_leader_named_before():
    text = ("Le chef de file des socialistes, Olivier Faure, critique le gouvernement. "
            "Le chef de l'État a répondu que « le débat est ouvert ».")
    from sourcier import analyze

    assert [q.speaker.name for q in analyze(text).quotes] != ["Olivier Faure"]


@pytest.mark.parametrize("text, speaker", [
    ("Ibrahima Cissé est le ministre de la Santé du Sénégal. « Le virus recule », a déclaré le ministre "
     "sénégalais de la Santé.", "Ibrahima Cissé"),
    ("Awa Coulibaly, l'actuelle ministre de la Santé, était à Kayes. « Les stocks sont suffisants », a déclaré "
     "la ministre de la Santé.", "Awa Coulibaly"),
    ("Moussa Mara, ancien Premier ministre du Mali, était à Dakar. « La transition doit finir », a déclaré "
     "l'ancien Premier ministre.", "Moussa Mara"),
])
def test_speakers_roles_given_by_a_copula_or_a_qualified_apposition(text, speaker):
    from sourcier import analyze

    assert [q.speaker.name for q in analyze(text).quotes] == [speaker]


def test_speakers_roles_no_office_in_being_the_first_to_speak():
    from sourcier import analyze

    text = ("Aïcha Ba est la première à dénoncer la réforme. Le Premier ministre Amadou Ba a répondu. "
            "« La réforme est juste », a déclaré le Premier ministre.")
    assert [q.speaker.name for q in analyze(text).quotes] == ["Amadou Ba"]
