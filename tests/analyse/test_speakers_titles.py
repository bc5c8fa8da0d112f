"""Titles whose "à" complement is theirs ("le ministre délégué à la Santé"): the description
keeps it, the person who holds it is found, and an addressee stays outside."""

from __future__ import annotations

import pytest

from sourcier.analyse.quotes.roles import title_complement

from tests.analyse.quoted import speakers

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    ("Le ministre délégué à la Santé a parlé.", "à", True),
    ("Le secrétaire d'État aux Anciens combattants a parlé.", "aux", True),
    ("Elle a vu l'envoyé spécial au Sahel hier.", "au", True),
    ("« Rien ne change », a dit le ministre à la presse.", "à", False),
    ("« Rien ne change », a dit le chef de l'État à la foule.", "à", False),
])
def test_title_complement_tells_a_title_from_an_addressee(nlp, sentence, word, expected):
    doc = nlp(sentence)
    i = next(t.i for t in doc if t.lower_ == word)
    assert title_complement(doc, i) is expected


def test_inverted_description_keeps_the_title_complement_and_finds_its_holder():
    text = (
        "Le ministre délégué à la Santé, Paul Mercier, a visité l'hôpital de Lyon.\n\n"
        "La ministre de la Culture, Claire Dubois, était aussi présente.\n\n"
        "« Les urgences manquent de lits », a déclaré le ministre délégué à la Santé."
    )
    assert speakers(text) == [("Les urgences manquent de lits", "Paul Mercier")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("« Nous ne céderons pas », a affirmé le secrétaire d'État aux Anciens combattants lundi.",
     "le secrétaire d'État aux Anciens combattants"),
    ("Le ministre délégué aux Transports a déclaré que les trains rouleront dimanche.",
     "le ministre délégué aux Transports"),
    ("Selon la secrétaire d'État chargée de la Jeunesse, « rien n'est décidé ».",
     "la secrétaire d'État chargée de la Jeunesse"),
])
def test_a_description_with_its_title_complement_stays_whole(text, speaker):
    assert [s for _, s in speakers(text)] == [speaker]


def test_an_addressee_after_the_description_is_not_part_of_it():
    assert speakers("« Le dialogue reste ouvert », a dit l'ambassadeur à la presse.") == [
        ("Le dialogue reste ouvert", "l'ambassadeur")]


@pytest.mark.parametrize("sentence, name", [
    ("Le ministre ivoirien du Commerce et de l'Industrie, Paul Koffi, a assuré que les prix baisseraient.", "Paul Koffi"),
    ("La ministre des Sports et de la Jeunesse, Awa Sy, a promis que le stade serait prêt.", "Awa Sy"),
])
def test_a_title_with_two_complements_is_one_person_with_their_name(sentence, name):
    assert [s for _, s in speakers(sentence)] == [name]


def test_coordinated_subjects_stay_together():
    found = speakers("Le Ghana, le Togo et le Bénin ont affirmé que la frontière rouvrirait.")
    assert [s for _, s in found] == ["le Ghana, le Togo et le Bénin"]
