"""Speakers on news the rules were not tuned on: words glued to a mention (a date, an outlet, a
clause), a speaker after the outlet the words were given to, a person's description as the
antecedent of an inverted clitic."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def speakers(text: str) -> list[str | None]:
    return [q.speaker.name for q in analyze(text).quotes]


@pytest.mark.parametrize("date", ["6 mai", "le 14 janvier 2021", "mercredi 6 mai"])
def test_speakers_date_between_the_verb_and_its_inverted_subject_is_no_part_of_it(date):
    text = f"« Il faut partager l'effort », a estimé {date} le secrétaire général du syndicat."
    assert speakers(text) == ["le secrétaire général du syndicat"]


def test_speakers_source_noun_phrase_ends_where_a_clause_begins():
    text = ("Paul Dubreuil ne renonce pas. Selon Le Figaro il tient en privé des propos confiants tels que : "
            "« Je reviendrai. »")
    (name,) = speakers(text)
    assert name is not None and "tient" not in name and "il" not in name.split()


def test_speakers_outlet_after_a_relative_is_no_place_of_the_speaker():
    text = "« Nous avons cherché partout », a témoigné son oncle au Courrier picard."
    assert speakers(text) == ["son oncle"]


def test_speakers_anonymous_source_keeps_its_place():
    text = "« Tout est calme ce soir », a confié une source policière à Kousséri."
    assert speakers(text) == ["une source policière à Kousséri"]


@pytest.mark.parametrize("text, speaker", [
    ("« Les chats mouraient les uns après les autres », a confié à La Gazette du Nord, l'habitante du quartier.",
     "l'habitante du quartier"),
    ("« Tout va bien », a assuré sur France Info, le directeur de l'hôpital, Marc Rey.", "Marc Rey"),
])
def test_speakers_speaker_after_the_outlet_and_a_comma(text, speaker):
    assert speakers(text) == [speaker]


def test_speakers_subject_inside_the_quotation_is_not_the_cue_s_speaker():
    text = ("Les chats du quartier sont morts. « Ils mouraient les uns après les autres », a confié au "
            "Courrier picard, l'habitante du quartier.")
    assert speakers(text) in ([], ["l'habitante du quartier"])  # found or not, never the cats


def test_speakers_inverted_clitic_is_the_described_person_subject_just_before():
    text = ("La Miss a été couronnée samedi devant sa famille. Sa mère, présente dans la salle, pleurait "
            "après le sacre. « Depuis toute petite, elle voulait ce titre », confesse-t-elle.")
    assert speakers(text) == ["sa mère"]


def test_speakers_inverted_clitic_after_a_definite_description_is_the_person_it_refers_to():
    text = ("Awa Ndiaye a porté plainte en 2021. La jeune femme refuse tout pardon. "
            "« Je ne pardonne pas », s'emporte-t-elle.")
    assert speakers(text) == ["Awa Ndiaye"]


@pytest.mark.parametrize("text, speaker", [
    ("« Le système tient », a déclaré le maire, Paul Arnaud. Le directeur de l'hôpital a reçu la presse mardi. "
     "« Nous manquons de lits », a-t-il reconnu.", "le directeur de l'hôpital"),
    ("Le ministre de la Santé, Ibrahima Cissé, était à Dakar. « Le système tient », a déclaré le maire, Paul Arnaud. "
     "Le ministre de la Santé a visité l'hôpital mardi. « Nous manquons de lits », a-t-il reconnu.", "Ibrahima Cissé"),
])
def test_speakers_inverted_clitic_is_the_person_the_sentence_before_is_about(text, speaker):
    assert speakers(text)[-1] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("« Tout ira bien », a promis le président du club. Quant au chef de la police municipale, Franck Dubos, "
     "il espère que « le calme revienne vite ».", "Franck Dubos"),
    ("« Tout ira bien », a promis le président du club. Sa voisine, elle, affirme que le bruit est insupportable.",
     "sa voisine"),
])
def test_speakers_subject_pronoun_takes_up_the_topic_its_sentence_opens_with(text, speaker):
    assert speakers(text)[-1] == speaker


def test_speakers_pronoun_with_no_one_before_is_the_person_the_article_names_most():
    text = ("« Je ressens un goût d'inachevé », a-t-il admis lors de son discours samedi. D'humeur mutine, "
            "Jean Morel a plaisanté avec la presse. Jean Morel pourrait revenir, selon Le Monde.")
    assert speakers(text)[0] == "Jean Morel"


def test_speakers_pronoun_with_no_one_before_and_two_people_as_named_is_nobody():
    text = ("« Je ressens un goût d'inachevé », a-t-il admis samedi. Jean Morel et Paul Dubois ont déjeuné. "
            "Jean Morel et Paul Dubois se reverront, selon Le Monde.")
    assert speakers(text)[0] is None


def test_speakers_bare_body_is_its_fuller_mention_in_a_complement_before():
    text = ("Trois décès ont été signalés, a annoncé Awa Sarr, porte-parole du ministère de la Santé. "
            "Selon le ministère, plus de mille tests ont été réalisés.")
    assert speakers(text) == ["Awa Sarr", "le ministère de la Santé"]


def test_speakers_plural_pronoun_is_not_the_group_spoken_to():
    text = "Les deux rappeurs ont comparu mardi. Face aux magistrats, ils ont promis de rester calmes."
    assert speakers(text) == ["les deux rappeurs"]


@pytest.mark.parametrize("text, speaker", [
    ("« J'ai entendu deux coups de feu », a témoigné auprès de l'AFP une employée d'une société voisine.",
     "une employée d'une société voisine"),
    ("« Adieu la liberté ! », commente pour sa part l'ancien chef de file des Républicains.",
     "l'ancien chef de file des Républicains"),
    ("« Votre mépris est sidérant », a répondu de son côté Caroline Dubois.", "Caroline Dubois"),
    ("« Il y avait un problème de confiance », martèle l'un d'eux.", "l'un d'eux"),
    ("« Ils nous disent qu'ils manquent d'argent », a confié à Amnesty l'un des travailleurs.",
     "l'un des travailleurs"),
    ("« Nous refusons ce projet », ont déclaré dans une lettre ouverte les maires de vingt communes.",
     "les maires de vingt communes"),
])
def test_speakers_inverted_subject_after_set_phrases_and_addressees(text, speaker):
    assert speakers(text) == [speaker]


def test_a_name_inside_quoted_words_after_a_participle_is_no_speaker():
    text = ("La syndicaliste Léa Roux a parlé mardi. \"Il y a trop de dette\", a-t-elle développé, proposant "
            "d'\"isoler cette charge dans un fonds commun\", \"la partager\" et \"l'étaler sur cinquante ans\".")
    found = [(q.text, q.speaker.name if q.speaker else None) for q in analyze(text).quotes]
    assert ("isoler cette charge dans un fonds commun", "Léa Roux") in found
    assert all(speaker == "Léa Roux" for _, speaker in found)


@pytest.mark.parametrize("text, name", [
    ("Joe Biden a appelé Xi Jinping mardi. Le président chinois a assuré que « la paix reste possible ».", "Xi Jinping"),
    ("Xi Jinping a appelé Joe Biden mardi. Le président américain a assuré que « la paix reste possible ».", "Joe Biden"),
    ("Volodymyr Zelensky est arrivé à Varsovie. « Nous tiendrons », a déclaré le chef de l'État ukrainien.",
     "Volodymyr Zelensky"),
])
def test_a_head_of_state_by_demonym_is_the_leader_of_that_state_the_article_names(text, name):
    assert [q.speaker.name for q in analyze(text).quotes] == [name]


def test_an_office_of_no_state_is_left_as_written():
    text = "Joe Biden a appelé Xi Jinping mardi. Le président du Sénat a assuré que « la paix reste possible »."
    assert [q.speaker.name for q in analyze(text).quotes] == ["le président du Sénat"]
