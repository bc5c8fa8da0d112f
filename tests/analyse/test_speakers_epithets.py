"""Descriptions that stand for the person the article is about (an epithet): a word for people
("la Tahitienne", "la Miss", "l'ancien animateur"), a leader of a party, an office given in
other words, a description whose adjective gives the gender, a person alone in the sentence."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def speakers(text: str) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in analyze(text).quotes]


def test_a_word_for_people_of_a_region_is_the_person_the_article_is_about():
    text = (
        "Hinano Teriitahi a remporté dimanche le concours de surf de Biarritz. "
        "Elle a devancé trois concurrentes australiennes.\n\n"
        "« Les vagues étaient énormes ce matin », raconte la Tahitienne, encore émue."
    )
    assert speakers(text) == ["Hinano Teriitahi"]


def test_a_human_noun_the_recogniser_read_as_a_body_is_a_description():
    text = (
        "Léa Marchetti a été élue Miss Corse samedi soir à Ajaccio. "
        "Léa Marchetti prépare maintenant le concours national.\n\n"
        "« Je n'y crois toujours pas », confie la Miss."
    )
    assert speakers(text) == ["Léa Marchetti"]


def test_a_former_occupation_is_the_latest_speaker():
    text = (
        "Bruno Castelli quitte la direction du musée. « Je pars sans regret », a-t-il dit.\n\n"
        "L'ancien animateur radio affirme n'avoir « jamais été consulté » sur le budget."
    )
    assert speakers(text)[-1] == "Bruno Castelli"


def test_the_leader_of_a_party_is_the_latest_speaker():
    text = (
        "Marc Tessier a tenu meeting samedi à Lille. « Nous serons au second tour », a-t-il lancé.\n\n"
        "« Personne ne nous arrêtera », a assuré le chef de file des Verts du Nord."
    )
    assert speakers(text) == ["Marc Tessier", "Marc Tessier"]


def test_an_office_given_in_other_words_is_its_one_holder():
    text = (
        "Le réseau de bus sera gratuit en août, a annoncé Sophie Garnier, la présidente de la région Bretagne.\n\n"
        "« Nous voulons aider les familles », a expliqué la présidente du conseil régional lors d'une visite à Rennes."
    )
    assert speakers(text)[-1] == "Sophie Garnier"


def test_an_office_of_another_body_is_not_its_holder():
    text = (
        "Le réseau de bus sera gratuit en août, a annoncé Sophie Garnier, la présidente de la région Bretagne.\n\n"
        "« Nous voulons aider les familles », a expliqué la présidente du Sénat lors d'une visite à Rennes."
    )
    assert speakers(text)[-1] == "la présidente du Sénat"


def test_the_one_person_named_in_the_sentence_is_the_description():
    text = (
        "Un sondage donne l'avantage à la maire sortante. "
        "Une candidature aussitôt écartée par Julie Ravel : « Je ne me présenterai pas cette fois », "
        "a expliqué l'ancienne députée de la Drôme."
    )
    assert speakers(text) == ["Julie Ravel"]


def test_two_people_named_in_the_sentence_leave_the_description_as_written():
    text = (
        "Une candidature aussitôt écartée par Julie Ravel et Anne Morel : « Nous ne nous présenterons pas », "
        "a expliqué l'ancienne députée de la Drôme."
    )
    assert speakers(text) == ["l'ancienne députée de la Drôme"]


def test_a_body_named_by_its_kind_is_not_one_of_a_list():
    text = (
        "La Banque Vernier a publié jeudi ses résultats. Ses concurrents sont la Banque Rollin, "
        "la Caisse Morvan ou encore la Banque Dufresne.\n\n"
        "« Notre bénéfice a doublé en un an », a indiqué le groupe dans un communiqué."
    )
    assert speakers(text) == ["la Banque Vernier"]


def test_a_demonstrative_body_is_the_organisation_of_the_sentence_before():
    text = (
        "Ils ont rejoint Solidarité Marins. Ce collectif, formé de quarante pêcheurs, "
        "a demandé lundi à la mairie de fermer le quai aux voitures."
    )
    assert speakers(text) == ["Solidarité Marins"]


def test_a_demonstrative_body_far_from_any_organisation_stays_as_written():
    text = (
        "Ils ont rejoint Solidarité Marins en mars. La pêche a repris au printemps. Les prix ont baissé en juin. "
        "Ce collectif a demandé lundi à la mairie de fermer le quai aux voitures."
    )
    assert speakers(text) == ["ce collectif"]
