"""Speakers that hold on news the rules were not tuned on: a surname the tagger reads as an
adverb, descriptions linked to the person the article names, and the collective behind a text."""

from __future__ import annotations

import pytest

from tests.analyse.quoted import speakers

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("surname", ["Plutôt", "Lentement"])
def test_speakers_civility_and_surname_tagged_as_an_adverb_is_the_named_person(surname):
    text = (f"Le maire Jean {surname} était à Lille mardi. Dans son discours précédant la séance, "
            f"M. {surname} avait estimé que « la réforme est juste ».")
    assert speakers(text) == [("la réforme est juste", f"Jean {surname}")]


def test_speakers_gerund_hung_on_a_noun_takes_the_main_clause_subject():
    text = ("Le ministre Paul Garnier était en visite. « Je sais, cette taxe pèse lourd », a-t-il lancé à Rouen "
            "lors d'un échange avec les doctorants de l'université Jean-Monnet, en reconnaissant que cette "
            "taxe « ne figurait pas dans mes promesses ».")
    assert [name for _, name in speakers(text)] == ["Paul Garnier", "Paul Garnier"]


@pytest.mark.parametrize("office", ["le chef de l'État", "le président"])
def test_speakers_bare_office_is_the_one_head_of_state_the_article_names(office):
    text = ("Les chefs d'entreprise attendaient depuis des mois une visite de Xi Jinping. « Nous ouvrirons nos "
            f"marchés aux entreprises étrangères », a assuré {office} devant eux à Pékin.")
    assert [name for _, name in speakers(text)] == ["Xi Jinping"]


@pytest.mark.parametrize("office", ["le chef de l'État", "le président"])
def test_speakers_bare_office_stays_as_written_when_two_heads_of_state_are_named(office):
    text = ("Les chefs d'entreprise attendaient depuis des mois une visite de Xi Jinping et de Joe Biden. « Nous "
            f"ouvrirons nos marchés aux entreprises étrangères », a assuré {office} devant eux à Pékin.")
    assert [name for _, name in speakers(text)] == [office]


def test_speakers_candidate_for_an_office_is_the_candidate_named_before():
    text = ("« Nous allons gagner », a lancé le candidat Paul Yao samedi à Abidjan. Au terme d'un long discours, "
            "le candidat à l'élection présidentielle a laissé éclater sa joie, en criant dans son micro. "
            "« Je tiendrai jusqu'au bout », a-t-il d'abord lâché.")
    assert [name for _, name in speakers(text)] == ["Paul Yao", "Paul Yao"]


def test_speakers_person_name_ends_before_the_body_they_work_for():
    text = ("« Il fera chaud lundi », a indiqué le prévisionniste Paul Lemoine de Météo-France à l'AFP. "
            "« Les orages arrivent », prévient Météo-France sur son site.")
    assert [name for _, name in speakers(text)] == ["Paul Lemoine", "Météo-France"]


def test_speakers_particle_after_a_first_name_stays_in_the_name():
    assert [name for _, name in speakers("« Il faut voter », a lancé Charles de Gaulle à Bayeux.")] \
        == ["Charles de Gaulle"]


def test_speakers_description_of_a_woman_prefers_the_subject_known_to_be_one():
    text = ("Sandrine Morel a repris sa tournée cet été. Sa collaboration avec Tiago Ramos a fait le buzz. "
            "La chanteuse a répondu aux questions lors d'une conférence de presse à Lyon. "
            "« Je suis heureuse de chanter », raconte-t-elle.")
    assert [name for _, name in speakers(text)] == ["Sandrine Morel"]


@pytest.mark.parametrize("programme", ["« Quotidien »", "« C à vous »"])
def test_speakers_description_keeps_the_quoted_name_its_de_takes(programme):
    text = f"« Nous serons au rendez-vous lundi », a promis l'équipe de {programme}. Le présentateur était ému."
    (name,) = [name for _, name in speakers(text)]
    assert name == "l'équipe de " + programme.strip("« »")


@pytest.mark.parametrize(("source", "giver"), [
    ("les précisions de France 3", "France 3"),
    ("les premiers éléments livrés par les gendarmes du canton", "les gendarmes du canton"),
    ("des informations de presse", "des informations de presse"),  # a kind of information: no one gave it
])
def test_speakers_noun_of_information_is_who_gave_it(source, giver):
    text = f"Le pont a cédé dans la nuit, selon {source}."
    assert [name for _, name in speakers(text)] == [giver]
