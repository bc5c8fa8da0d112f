"""Pronouns and their antecedents: gender learnt from a speech verb's clitic, a name apposed to
the subject, "ce dernier" / "ces derniers", an opening clitic, the persons a quotation names,
"peut-on lire sur leur site" (all sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def speaker_of(text: str, words: str) -> str | None:
    analysis = analyze(text)
    found = [q.speaker.name if q.speaker else None for q in analysis.quotes if words in q.text]
    assert found, [(q.text, q.speaker) for q in analysis.quotes]
    return found[0]


def test_a_clitic_il_makes_a_person_a_man_for_a_later_elle():
    text = (
        "Sacha Brenner tient la boulangerie de la place depuis dix ans.\n\n"
        "« Le prix de la farine a doublé », explique Sacha Brenner.\n\n"
        "« Nous tiendrons jusqu'à l'été », ajoute-t-il.\n\n"
        "« Les clients restent fidèles à la maison », témoigne-t-elle."
    )
    assert speaker_of(text, "Nous tiendrons") == "Sacha Brenner"
    assert speaker_of(text, "Les clients restent") != "Sacha Brenner"


def test_a_name_in_apposition_to_the_subject_is_the_subject():
    text = (
        "L'ancien candidat écologiste à la présidentielle Paul Arnaud a défendu dimanche sa venue au côté de "
        "Jacques Morel dans la marche contre la loi à Lille. « Je marche sans aucun regret », a lancé au départ "
        "du cortège, place du Théâtre, celui qui a quitté les Verts. « Je suis venu sans hésiter et je resterai "
        "jusqu'au bout », a-t-il ajouté."
    )
    assert speaker_of(text, "Je suis venu") == "Paul Arnaud"


def test_ce_dernier_is_the_person_named_last_outside_another_description():
    text = (
        "« Vous mentez depuis des mois », a lancé Marc Dubois à Luc Fabre, maire de Nantes et ami de longue date "
        "de Pierre Martin. Ce dernier lui a rétorqué : « Vous inventez tout pour exister. »"
    )
    assert speaker_of(text, "Vous inventez tout") == "Luc Fabre"


def test_ces_derniers_is_the_latest_group_even_one_given_to():
    text = (
        "Une cinquantaine d'élèves sont tombés malades pendant le séjour et ont été rendus à leurs parents lundi. "
        "Selon ces derniers, la direction du collège a tardé à prévenir les familles."
    )
    assert "parents" in (speaker_of(text, "la direction du collège a tardé") or "")


def test_an_opening_clitic_is_the_person_who_is_the_subject_of_the_next_sentence():
    text = (
        "« Je ne regrette rien de ces années », a-t-il affirmé samedi à Lyon. Devant ses partisans, Marc Dubois "
        "avait aussi annoncé sa candidature. Paul Morel, son rival, a répondu le lendemain. Paul Morel a déjà "
        "réuni ses soutiens, et Paul Morel compte bien l'emporter."
    )
    assert speaker_of(text, "Je ne regrette rien") == "Marc Dubois"


def test_the_person_a_quotation_names_is_not_its_incise_clitic():
    text = (
        "Marc Dubois a écouté le discours depuis le premier rang. Paul Morel a ensuite pris la parole.\n\n"
        "« Je crois que Paul Morel a raison sur ce point », a-t-il assuré."
    )
    assert speaker_of(text, "Je crois que Paul Morel") == "Marc Dubois"


def test_what_one_reads_on_their_site_is_theirs():
    text = (
        "Les militants de l'association Terre Vive ont publié une lettre ouverte lundi.\n\n"
        "« Nous refusons ce projet de rocade et nous le dirons au préfet », peut-on lire sur leur site."
    )
    assert "militants" in (speaker_of(text, "Nous refusons ce projet") or "")


def test_what_one_reads_in_a_statement_of_a_body_is_that_body_s():
    text = (
        "La crue a atteint la ville dans la nuit.\n\n"
        "« Les habitants des quais doivent partir avant midi », pouvait-on lire dans le communiqué de la "
        "préfecture du Var."
    )
    assert "préfecture" in (speaker_of(text, "Les habitants des quais") or "")


def test_a_role_s_complement_does_not_give_the_person_its_gender():
    text = (
        "« Le projet avance », a déclaré Tiago Ramos, député et soutien de la première heure de Léa Morin.\n\n"
        "« Nous signerons avant l'été », a-t-il ajouté."
    )
    assert speaker_of(text, "Nous signerons") == "Tiago Ramos"


def test_an_opening_clitic_is_the_only_person_of_its_gender_the_article_names():
    text = (
        "« J'ai appris à me taire pendant des années », raconte-t-elle dans son livre paru en mai. Son agent, "
        "Marc Dubois, dirigeait alors sa carrière d'une main de fer. Bien plus tard, la chanteuse Aline Perrin "
        "a quitté la maison de disques de Paul Morel."
    )
    assert speaker_of(text, "J'ai appris à me taire") == "Aline Perrin"


def test_poursuit_il_is_the_speaker_going_on_across_a_paragraph_about_someone_who_never_spoke():
    text = (
        "« Nous avons tenu nos promesses », a déclaré Paul Morel, maire de Lyon.\n\n"
        "Le conseil municipal a voté la mesure mardi soir. Jacques Martin, élu écologiste, a voté contre.\n\n"
        "« Les travaux commenceront dès le mois de juin », poursuit-il."
    )
    assert speaker_of(text, "Les travaux commenceront") == "Paul Morel"
