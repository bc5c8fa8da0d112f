"""Pronouns and their antecedents: gender learnt from a speech verb's clitic, a name apposed to
the subject, "ce dernier" / "ces derniers", an opening clitic, the persons a quotation names,
"peut-on lire sur leur site", "poursuit-il" (all sentences written for these tests)."""

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


# (text, words of the quote, the speaker, or a word of it after "~")
CASES = {
    "a name in apposition to the subject is the subject": (
        "L'ancien candidat écologiste à la présidentielle Paul Arnaud a défendu dimanche sa venue au côté de "
        "Jacques Morel dans la marche contre la loi à Lille. « Je marche sans aucun regret », a lancé au départ "
        "du cortège, place du Théâtre, celui qui a quitté les Verts. « Je suis venu sans hésiter et je resterai "
        "jusqu'au bout », a-t-il ajouté.",
        "Je suis venu", "Paul Arnaud"),
    "ce dernier is the person named last, not one inside another's description": (
        "« Vous mentez depuis des mois », a lancé Marc Dubois à Luc Fabre, maire de Nantes et ami de longue date "
        "de Pierre Martin. Ce dernier lui a rétorqué : « Vous inventez tout pour exister. »",
        "Vous inventez tout", "Luc Fabre"),
    "ces derniers is the latest group, even one given to": (
        "Une cinquantaine d'élèves sont tombés malades pendant le séjour et ont été rendus à leurs parents lundi. "
        "Selon ces derniers, la direction du collège a tardé à prévenir les familles.",
        "la direction du collège a tardé", "~parents"),
    "an opening clitic is the person who is the subject of the next sentence": (
        "« Je ne regrette rien de ces années », a-t-il affirmé samedi à Lyon. Devant ses partisans, Marc Dubois "
        "avait aussi annoncé sa candidature. Paul Morel, son rival, a répondu le lendemain. Paul Morel a déjà "
        "réuni ses soutiens, et Paul Morel compte bien l'emporter.",
        "Je ne regrette rien", "Marc Dubois"),
    "an opening clitic is the only person of its gender the article names": (
        "« J'ai appris à me taire pendant des années », raconte-t-elle dans son livre paru en mai. Son agent, "
        "Marc Dubois, dirigeait alors sa carrière d'une main de fer. Bien plus tard, la chanteuse Aline Perrin "
        "a quitté la maison de disques de Paul Morel.",
        "J'ai appris à me taire", "Aline Perrin"),
    "the person a quotation names is not its incise's clitic": (
        "Marc Dubois a écouté le discours depuis le premier rang. Paul Morel a ensuite pris la parole.\n\n"
        "« Je crois que Paul Morel a raison sur ce point », a-t-il assuré.",
        "Je crois que Paul Morel", "Marc Dubois"),
    "what one reads on their site is theirs": (
        "Les militants de l'association Terre Vive ont publié une lettre ouverte lundi.\n\n"
        "« Nous refusons ce projet de rocade et nous le dirons au préfet », peut-on lire sur leur site.",
        "Nous refusons ce projet", "~militants"),
    "what one reads in a body's statement is that body's": (
        "La crue a atteint la ville dans la nuit.\n\n"
        "« Les habitants des quais doivent partir avant midi », pouvait-on lire dans le communiqué de la "
        "préfecture du Var.",
        "Les habitants des quais", "~préfecture"),
    "a role's complement does not give the person its gender": (
        "« Le projet avance », a déclaré Tiago Ramos, député et soutien de la première heure de Léa Morin.\n\n"
        "« Nous signerons avant l'été », a-t-il ajouté.",
        "Nous signerons", "Tiago Ramos"),
    "poursuit-il is the speaker going on, not someone named since who never spoke": (
        "« Nous avons tenu nos promesses », a déclaré Paul Morel, maire de Lyon.\n\n"
        "Le conseil municipal a voté la mesure mardi soir. Jacques Martin, élu écologiste, a voté contre.\n\n"
        "« Les travaux commenceront dès le mois de juin », poursuit-il.",
        "Les travaux commenceront", "Paul Morel"),
}


@pytest.mark.parametrize(("text", "words", "expected"), CASES.values(), ids=list(CASES))
def test_pronoun_antecedent(text, words, expected):
    found = speaker_of(text, words)
    if expected.startswith("~"):
        assert expected[1:] in (found or "")
    else:
        assert found == expected
