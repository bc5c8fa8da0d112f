"""Recall of quotes in real-news shapes: floating quotations attributed by context, broader cue
frames, incises with adjuncts, support verbs, and the senses that must not fire (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from tests.analyse.quote_helpers import BACKGROUND, quotes

pytestmark = pytest.mark.slow


def test_floating_quotation_takes_the_subject_of_the_sentence_before():
    found = quotes(BACKGROUND + "La directrice de l'école était émue. « Les enfants ont été formidables cette année. »")
    assert found == [("direct", "Les enfants ont été formidables cette année.", "la directrice de l'école")]


def test_floating_quotation_after_a_description_is_not_the_person_named_earlier():
    text = (BACKGROUND + "Le chef de l'opposition a pris la parole devant ses partisans. "
            "« Nous ne céderons jamais devant la peur. »")
    assert quotes(text) == [("direct", "Nous ne céderons jamais devant la peur.", "le chef de l'opposition")]


def test_floating_quotation_right_before_a_cued_one_is_the_same_speaker():
    text = ('"Nous avons dû appeler une grue pour le déloger". "Je me demande comment ils ont fait", '
            "témoignent les agents de la ville.")
    found = quotes(BACKGROUND + text)
    assert [s for _, _, s in found] == ["les agents de la ville", "les agents de la ville"]


def test_floating_quotation_after_reported_content_keeps_the_speaker():
    text = (BACKGROUND + "Selon M. Diop, le Mali a renoncé à tout accord. "
            "« Le Mali a donc le droit de choisir ses partenaires. »")
    found = quotes(text)
    assert found[-1] == ("direct", "Le Mali a donc le droit de choisir ses partenaires.", "Abdoulaye Diop")


def test_incise_with_a_venue_after_the_speaker_splits_the_quotation():
    text = BACKGROUND + '"Le tunnel n\'était pas éclairé, a expliqué une passagère sur France 2. Donc je suis tombée."'
    assert quotes(text) == [("direct", "Le tunnel n'était pas éclairé", "une passagère"),
                            ("direct", "Donc je suis tombée.", "une passagère")]


def test_a_participle_after_a_quoted_title_is_not_an_incise():
    assert quotes(BACKGROUND + 'La fin de "Bonsoir Paris", annoncée le 19 mai, surprend les fidèles.') == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"En 2018, on a noté huit cents ruptures de stock", commencent par rappeler les signataires.',
         ("direct", "En 2018, on a noté huit cents ruptures de stock", "les signataires")),
        ('"La confiance est au cœur du pacte républicain", a tweeté le Premier ministre.',
         ("direct", "La confiance est au cœur du pacte républicain", "le Premier ministre")),
        ("Un constat d'autant plus grave que les vaccins manquent, s'alarment les médecins.",
         ("indirect", "Un constat d'autant plus grave que les vaccins manquent", "les médecins")),
        ("Le ministre s'est dit convaincu que la croissance reviendrait en 2025.",
         ("indirect", "la croissance reviendrait en 2025", "Abdoulaye Diop")),
        ("Le président a appelé à ce que les responsables soient jugés rapidement.",
         ("indirect", "les responsables soient jugés rapidement", "le président")),
        ("Le gouverneur a plaidé pour que les déplacés puissent rentrer chez eux.",
         ("indirect", "les déplacés puissent rentrer chez eux", "le gouverneur")),
        ("Le président russe a réaffirmé sa détermination à poursuivre l'offensive.",
         ("indirect", "poursuivre l'offensive", "le président russe")),
        ("La présidente a été claire : aucune sanction ne sera levée avant les élections.",
         ("indirect", "aucune sanction ne sera levée avant les élections", "la présidente")),
        ("Le député a lancé que le parti ne devait pas se diviser.",
         ("indirect", "le parti ne devait pas se diviser", "le député")),
        ("Le président a estimé nécessaire de revoir la Constitution.",
         ("indirect", "revoir la Constitution", "le président")),
    ],
)
def test_broader_cue_frames(text, expected):
    assert quotes(BACKGROUND + text) == [expected]


def test_a_participle_coordinated_after_et_shares_the_first_cue_and_splits_the_content():
    found = quotes(BACKGROUND + "Le député a affirmé que la dette serait réduite et ajouté que les impôts resteraient stables.")
    assert found == [("indirect", "la dette serait réduite", "le député"),
                     ("indirect", "les impôts resteraient stables", "le député")]


def test_a_relative_que_after_a_comma_is_not_the_content():
    found = quotes(BACKGROUND + "Les grévistes réclament la démission du directeur, qu'ils accusent d'avoir menti.")
    assert found == [("indirect", "avoir menti", "les grévistes")]


def test_a_noun_phrase_after_que_is_not_the_speaker_of_the_incise():
    found = quotes(BACKGROUND + "Les routes n'ont jamais été aussi dangereuses que l'été dernier, a annoncé la gendarmerie.")
    assert found == [("indirect", "Les routes n'ont jamais été aussi dangereuses que l'été dernier", "la gendarmerie")]


@pytest.mark.parametrize(
    "text",
    [
        "Il est clair que la saison sera longue.",  # "être clair" is a cue only before a colon, with a speaker
        "Le dispositif dit « bouclier tarifaire » sera prolongé.",
        "Ce retard s'explique par la grève des transporteurs.",
        "Le ministre pourrait clamer son innocence devant les juges.",
    ],
)
def test_non_speech_senses_do_not_fire(text):
    assert quotes(BACKGROUND + text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le ministre a assuré que le budget serait tenu, tout en reconnaissant que les recettes baissaient.",
         [("indirect", "le budget serait tenu"), ("indirect", "les recettes baissaient")]),
        ("Estimant que la situation était grave, le préfet a décidé de fermer les écoles.",
         [("indirect", "la situation était grave")]),
        ("Selon le ministre, qui s'exprimait devant la presse, la situation est sous contrôle.",
         [("indirect", "la situation est sous contrôle")]),
        ("Les autorités ont annoncé mardi que le couvre-feu était levé, une décision saluée par les commerçants.",
         [("indirect", "le couvre-feu était levé")]),
    ],
)
def test_content_ends_where_the_reported_words_end(text, expected):
    assert [(k, t) for k, t, _ in quotes(BACKGROUND + text)] == expected


def test_alors_que_after_an_incise_is_the_journalist_s():
    text = 'Le projet est "prêt", a insisté le ministre, alors que les syndicats réclament un report.'
    assert [t for _, t, _ in quotes(BACKGROUND + text)] == ["prêt"]
