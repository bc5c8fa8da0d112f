"""Speakers whose subject the parse gets wrong: appositions, inversions after adverbials,
dative clitics; and the document-level names they resolve to (first names the recogniser
dropped, acronyms spelt out, a common noun before a name)."""

from __future__ import annotations

import pytest

from tests.analyse.quoted import speakers

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, speaker, content", [
    ("La ministre belge des Affaires étrangères, Hadja Lahbib, a accusé mardi Moscou de mentir sur ses intentions.",
     "Hadja Lahbib", "mentir sur ses intentions"),
    ("Le président sénégalais, Macky Sall, a appelé lundi l'opposition à « revenir à la table du dialogue ».",
     "Macky Sall", "revenir à la table du dialogue"),
])
def test_speakers_apposition_before_the_verb_is_the_subject_not_the_content(text, speaker, content):
    assert speakers(text) == [(content, speaker)]


@pytest.mark.parametrize("text, speaker", [
    ("« Nous ne céderons pas », a déclaré mercredi en conseil des ministres Emmanuel Macron.", "Emmanuel Macron"),
    ("« Les élections auront lieu en février », a annoncé lundi devant la presse le ministre de l'Intérieur, "
     "Félix Abdoulaye Sidibé.", "Félix Abdoulaye Sidibé"),
])
def test_speakers_inverted_subject_after_adverbial_phrases(text, speaker):
    assert [s for _, s in speakers(text)] == [speaker]


def test_speakers_adverbial_phrase_alone_is_no_subject():
    text = "Omar Ba était à Thiès. « Nous reviendrons », a-t-il promis. « Rien n'est fini », a écrit lundi sur Facebook."
    assert all(s != "Facebook" for _, s in speakers(text))


@pytest.mark.parametrize("text, speaker", [
    ("Awa Traoré tient une boutique à Bamako. « Les prix ont doublé », m'explique Awa.", "Awa Traoré"),
    ("Moussa Konaté est pêcheur à Mopti. « Le fleuve est vide », m'a-t-il expliqué.", "Moussa Konaté"),
    ("Fatou Sarr vend des légumes. « Nous n'avons plus de clients », nous confie-t-elle.", "Fatou Sarr"),
])
def test_speakers_dative_clitic_is_the_addressee(text, speaker):
    assert [s for _, s in speakers(text)] == [speaker]


def test_speakers_first_name_the_recogniser_dropped():
    text = "Marine Le Pen a tenu un meeting à Perpignan. Elle a affirmé que l'immigration était hors de contrôle."
    assert [s for _, s in speakers(text)] == ["Marine Le Pen"]


def test_speakers_acronym_without_parentheses_is_spelt_out():
    text = "La Cour pénale internationale a ouvert une enquête. Selon la CPI, des crimes de guerre ont été commis."
    assert [s for _, s in speakers(text)] == ["la Cour pénale internationale"]


def test_speakers_description_with_an_acronym_fits_the_role_in_full():
    text = ("La candidate du Rassemblement national, Marine Le Pen, était à Lyon. "
            "« Nous gagnerons », a lancé la candidate du RN.")
    assert [s for _, s in speakers(text)] == ["Marine Le Pen"]


@pytest.mark.parametrize("text, speaker", [
    ("« L'armée a tiré sur la foule », a rapporté le diffuseur public MRTV.", "MRTV"),
    ("« Nos hommes sont partis », a indiqué le groupe paramilitaire Wagner.", "Wagner"),
])
def test_speakers_common_noun_before_a_name_is_the_name(text, speaker):
    assert [s for _, s in speakers(text)] == [speaker]


def test_speakers_title_before_a_party_name_is_no_party():
    text = ("« Nous devons changer », a expliqué Delphine Batho. « Les scénarios sont intenables », "
            "souligne l'ex-ministre PS de l'Écologie.")
    assert speakers(text)[-1][1] != "PS"


def test_speakers_verbless_apposition_the_parse_left_without_subject():
    text = "Le chef de file des députés écologistes, Cyrielle Chatelain, dénonce « un budget de renoncement »."
    assert speakers(text) == [("un budget de renoncement", "Cyrielle Chatelain")]


def test_speakers_name_the_recogniser_took_for_a_body_in_apposition_with_a_title():
    text = ("L'Organisation mondiale de la santé (OMS) a lancé une alerte. Le directeur général de l'OMS, "
            "Tedros Adhanom Ghebreyesus, a déclaré que « le risque est élevé ».")
    assert [s for _, s in speakers(text)] == ["Tedros Adhanom Ghebreyesus"]


def test_speakers_how_witnesses_were_reached_is_not_their_name():
    text = "Selon des témoins joints par téléphone, les tirs ont duré deux heures."
    assert [s for _, s in speakers(text)] == ["des témoins"]


@pytest.mark.parametrize("text, speaker", [
    ("La police nigériane a arrêté dix suspects. « L'enquête se poursuit », a déclaré la police.",
     "la police nigériane"),
    ("L'armée malienne a repris la ville. Selon l'armée, vingt terroristes ont été neutralisés.", "l'armée malienne"),
])
def test_speakers_bare_body_is_its_fuller_earlier_mention(text, speaker):
    assert [s for _, s in speakers(text)] == [speaker]


def test_speakers_bare_body_not_named_more_fully_stays_as_written():
    text = "« Nous avons arrêté dix suspects », a déclaré la police."
    assert [s for _, s in speakers(text)] == ["la police"]


@pytest.mark.parametrize("text, speaker", [
    ("Le ministre de la Santé, Jean Dupont, a affirmé que le virus reculait, avant d'ajouter que la vigilance "
     "restait de mise.", "Jean Dupont"),
    ("Marie Curie a salué la décision, estimant qu'elle « ouvre une nouvelle ère ».", "Marie Curie"),
    ("Le syndicat des enseignants a dénoncé la réforme et a assuré qu'il ne signerait pas l'accord.",
     "le syndicat des enseignants"),
])
def test_speakers_participles_and_coordinated_cues_share_the_subject(text, speaker):
    assert {s for _, s in speakers(text)} == {speaker}


@pytest.mark.parametrize("text, speaker", [
    ("Le ministre de l'Économie, Bruno Le Maire, a expliqué à Radio-Canada que l'inflation allait baisser.",
     "Bruno Le Maire"),
    ("« Nous sommes inquiets », a confié à France 24 le président ivoirien, Alassane Ouattara.", "Alassane Ouattara"),
])
def test_speakers_medium_as_indirect_object_is_the_venue(text, speaker):
    assert [s for _, s in speakers(text)] == [speaker]
