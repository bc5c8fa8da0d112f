"""Cited sources on news written unlike the development set: more verbs of saying before a venue,
polls commissioned by an outlet, a request left unanswered, names the parser breaks
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier import analyze
from sourcier.analyse.components.source_cues import load_cues


@pytest.fixture(scope="module")
def book():
    return load_cues()


def _roles(text: str) -> set[tuple[str, str]]:
    return {(s["name"], s["role"]) for s in analyze(text).to_dict()["sources"]}


@pytest.mark.parametrize(
    "left, role",
    [
        ("« Le pays tiendra », analyse sur ", "interview"),
        ("« Le pays tiendra », note la sénatrice Odile Brun sur ", "interview"),
        ("« Rien n'est joué », observe jeudi dans ", "interview"),
        ("« Il faut du temps », nuance le maire au ", "interview"),
        ("« C'est faux », rétorque le porte-parole sur ", "interview"),
        ("Un sondage Ifop pour ", "relay"),
        ("Selon le dernier baromètre Odoxa réalisé pour ", "relay"),
        ("Le barrage a cédé, note ", "relay"),
        ("Des voisins ont entendu des cris raconte ", "relay"),  # the incise without its comma
        ("La ministre a répondu lors d'une interview au JT de ", "interview"),
        ("Le chroniqueur parlait dans la matinale d'", "interview"),
        ("Il a défendu sa loi sur le plateau du Grand Jury ", "interview"),
        ("Selon une enquête Ipsos pour ", "relay"),
        ("Au moins douze cas, d'après un décompte tenu par l'", "relay"),
        ("Des messages repérés par ", "relay"),
        ("Dans une interview accordée au supplément week-end du journal ", "interview"),
        ("Dans un entretien publié lundi sur le site du ", "interview"),
        ("« Tout a brûlé », s'est indigné le maire sur ", "interview"),
        ("La chanteuse avait réaffirmé sur ", "interview"),
    ],
)
def test_sources_cues_of_unseen_copy(book, left, role):
    found = book.role_before(left, left)
    assert found is not None and found[0] == role, left


def test_sources_a_report_verb_before_a_venue_is_no_relay(book):
    # "note X sur Y": the words were said on Y (a venue), Y does not report them.
    found = book.role_before("« Tout est prêt », note le maire sur ", "")
    assert found is not None and found[0] == "interview"


def test_sources_unanswered_request_is_the_outlets_own_reporting():
    assert ("AFP", "relay") in _roles("La mairie a fermé la piscine. Sollicitée par l'AFP, la direction n'a pas réagi.")
    assert ("Reuters", "relay") in _roles("Contacté par Reuters, le ministère n'a pas souhaité commenter ces chiffres.")
    assert ("AFP", "interview") in _roles("Interrogé par l'AFP, le préfet a assuré que la route rouvrirait lundi.")


def test_sources_a_sentence_break_before_a_title_after_a_date_is_no_break():
    # The parser starts a sentence at "Le Journal du Dimanche"; the cue before it still counts.
    roles = _roles("Le budget de la ville sera revu, révèle dimanche 12 mars Le Journal du Dimanche.")
    assert {role for name, role in roles if "Journal du" in name} == {"relay"}


def test_sources_a_hyphenated_title_the_model_took_for_a_place():
    analysis = analyze("« Nous avons eu très peur », a raconté la voisine au Dauphiné-Libéré, qui salue les pompiers.").to_dict()
    assert ("Le Dauphiné libéré", "interview") in {(s["name"], s["role"]) for s in analysis["sources"]}
    assert analysis["quotes"] and analysis["quotes"][0]["via"]


def test_sources_a_known_name_inside_a_longer_title():
    roles = _roles("La course, primée par le magazine BBC Motor Weekly et Auto Bild Klassik, a lieu en juin.")
    assert roles == {("BBC Motor Weekly", "mention"), ("Auto Bild Klassik", "mention")}
    assert ("France Bleu Pays Catalan", "relay") in _roles("Le pont a cédé, précise France Bleu Pays Catalan.")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Le préfet s'est exprimé sur France Inter Mardi.", "France Inter"),  # a weekday
        ("« Nous restons », a dit à RFI Françoise Nyssen.", "RFI"),  # a person's name
    ],
)
def test_sources_a_known_name_stays_whole_before_other_capitals(text, name):
    assert name in {n for n, _ in _roles(text)}


def test_sources_an_outlet_after_que_can_be_the_subject():
    assert ("France Inter", "relay") in _roles("Ce sont des notes d'audience que France Inter a pu consulter.")


def test_sources_unanswered_with_ni():
    assert ("AFP", "relay") in _roles("Sollicités par l'AFP, ni la mairie ni la préfecture n'avaient réagi jeudi.")


def test_sources_a_speaker_after_a_venue_is_no_part_of_its_name():
    analysis = analyze("« Le car n'est pas venu », a expliqué à l'AFP Thipaine Soukhon, 26 ans.").to_dict()
    assert {s["name"] for s in analysis["sources"]} == {"AFP"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("D'après le Guardian, le chantier a pris deux ans de retard.", ("The Guardian", "relay")),
        ("« Nous avons perdu la récolte », a raconté un paysan au Telegraph.", ("The Telegraph", "interview")),
        ("Selon le Huffington Post, la ligne de métro rouvrira lundi.", ("Le Huffington Post", "relay")),
        ("Selon Le Monde, la ligne de métro rouvrira lundi.", ("Le Monde", "relay")),
    ],
)
def test_the_title_keeps_the_article_the_french_text_drops(text, expected):
    assert expected in _roles(text)


def test_the_article_is_never_added_to_a_title_without_one():
    assert ("Reuters", "relay") in _roles("Selon Reuters, la ligne de métro rouvrira lundi.")


def test_an_english_possessive_stays_in_the_outlet_name():
    text = "Dans un entretien au blog culinaire Hugo's Kitchen, la cheffe a dit vouloir « tout recommencer »."
    assert ("Hugo's Kitchen", "interview") in _roles(text)


def test_the_paper_after_an_inverted_subject_is_the_venue():
    text = "« Le budget ne passera pas », prévient la sénatrice de l'Orne Claire Dubois dans Le Monde."
    assert ("Le Monde", "interview") in _roles(text)


def test_a_show_named_after_a_pronoun_subject_is_no_venue():
    text = "« Quelle audace ! » écrit-elle en référence au titre chanté par Lina dans The Voice."
    assert not any(role == "interview" for _, role in _roles(text))
