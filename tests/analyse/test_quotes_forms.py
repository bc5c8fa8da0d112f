"""Reporting verbs read from their surface form in an incise, where the tagger or the lemmatizer
gets them wrong (sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier.analyse.quotes.inflection import forms_of
from sourcier.analyse.quotes.lexicon import verb_forms
from tests.analyse.quote_helpers import BACKGROUND, quotes

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lemma, forms", [
    ("inquiéter", {"inquiète", "inquiètent", "inquiétait", "inquiéta", "inquiété"}),
    ("appeler", {"appelle", "appellent", "appelait", "appelé"}),
    ("marteler", {"martèle", "martèlent", "martelé"}),
    ("lever", {"lève", "lèvent", "levé"}),
    ("appuyer", {"appuie", "appuient", "appuyé"}),
    ("lancer", {"lance", "lançait", "lança", "lancé"}),
    ("écrire", {"écrit", "écrivent", "écrivit"}),
    ("reconnaître", {"reconnaît", "reconnaissent", "reconnut", "reconnu"}),
    ("avertir", {"avertit", "avertissent", "averti"}),
    ("maintenir", {"maintient", "maintiennent", "maintenu"}),
])
def test_third_person_and_participle_forms(lemma, forms):
    assert forms <= forms_of(lemma)


def test_form_table_maps_forms_of_the_lexicon_to_their_lemma():
    table = verb_forms()
    assert table["inquiète"] == "inquiéter" and table["martèle"] == "marteler" and table["rappelle"] == "rappeler"
    assert table["écrivent"] == "écrire" and "inquiet" not in table


@pytest.mark.parametrize("incise", [
    "s'inquiète Odile Marchand",  # tagged as the adjective "inquiet"
    "s'indigne Odile Marchand",  # tagged as the adjective "indigne"
    "scande Odile Marchand",  # tagged as a name
    "martèle Odile Marchand",
    "dément Odile Marchand",
])
def test_incise_verb_read_from_its_form(incise):
    found = quotes(BACKGROUND + f"« Nos rues ne sont plus sûres la nuit », {incise}.")
    assert found == [("direct", "Nos rues ne sont plus sûres la nuit", "Odile Marchand")]


@pytest.mark.parametrize("incise", ["lance-t-elle", "suggère-t-elle", "relève-t-elle", "s'inquiète-t-elle",
                                    "balance-t-elle", "a -t-elle insisté"])
def test_incise_verb_before_an_inverted_clitic(incise):
    text = BACKGROUND + "Odile Marchand habite le quartier depuis vingt ans. " \
        + f"« Nos rues ne sont plus sûres la nuit », {incise}."
    assert quotes(text) == [("direct", "Nos rues ne sont plus sûres la nuit", "Odile Marchand")]


def test_form_outside_an_incise_stays_what_the_tagger_says():
    assert quotes(BACKGROUND + "Odile Marchand, inquiète, a quitté la réunion avant la fin.") == []


@pytest.mark.parametrize("sentence, content", [
    ("La maire a estimé qu'« il faut fermer la route avant l'hiver ».", "il faut fermer la route avant l'hiver"),
    ('La maire a estimé qu\'"il faut fermer la route avant l\'hiver".', "il faut fermer la route avant l'hiver"),
    ("La maire a promis d'« agir vite pour les riverains ».", "agir vite pour les riverains"),
    ('La maire a promis d\'"agir vite pour les riverains".', "agir vite pour les riverains"),
])
def test_elision_glued_to_a_quotation_mark(sentence, content):
    assert quotes(BACKGROUND + sentence) == [("direct", content, "la maire")]


def test_quotations_listed_after_one_a_complement_took_whole():
    found = quotes(BACKGROUND + "La maire a promis d'« agir vite », « sans attendre l'État » et « avec tous ».")
    assert found == [("direct", "agir vite", "la maire"), ("direct", "sans attendre l'État", "la maire"),
                     ("direct", "avec tous", "la maire")]


def test_passive_request_tagged_as_an_adjective_reports_nothing():
    # "encouragés" is tagged ADJ: still a passive after "être", its subject is not the speaker
    assert quotes(BACKGROUND + "Les riverains sont encouragés à fermer leurs volets la nuit.") == []


@pytest.mark.parametrize("date", ["mercredi 6 mai", "le 12 octobre 2021", "1er juin"])
def test_inverted_subject_after_a_date(date):
    found = quotes(BACKGROUND + f"« Nous ne céderons pas », a déclaré {date} la présidente du club.")
    assert found == [("direct", "Nous ne céderons pas", "la présidente du club")]


def test_verb_before_an_inverted_clitic_is_no_bare_participle():
    # "décrit" is tagged as a participle on the noun before; "-il" makes it a finite incise
    text = (BACKGROUND + "Odile Marchand connaît bien le maire. « Il était l'ami de tous les notables », "
            "décrit-elle en dressant le portrait d'un homme qui, selon elle, était surtout chanceux.")
    found = quotes(text)
    assert ("direct", "Il était l'ami de tous les notables", "Odile Marchand") in found


def test_quotation_glued_to_the_paragraph_before_opens_a_new_one():
    text = (BACKGROUND + "La maire appelle les riverains à garder leur calme\"Nous avons tout prévu pour "
            "cet hiver, les routes seront dégagées\", a-t-elle ajouté. Le film\"Titanic\" passe ce soir.")
    found = [(t, q) for t, q, _ in quotes(text)]
    assert found == [("indirect", "garder leur calme"),
                     ("direct", "Nous avons tout prévu pour cet hiver, les routes seront dégagées")]


def test_relative_attribution_ends_where_the_main_verb_resumes():
    found = quotes(BACKGROUND + "L'information selon laquelle le maire va démissionner circule depuis lundi.")
    assert [(t, q) for t, q, _ in found] == [("indirect", "le maire va démissionner")]


@pytest.mark.parametrize("lead", ["Après avoir rappelé que", "Reconnaissant que"])
def test_fronted_clause_content_ends_before_the_main_clause_whose_subject_speaks(lead):
    text = BACKGROUND + f"{lead} la crue était historique, les pompiers du canton ont dégagé les routes en une nuit."
    assert quotes(text) == [("indirect", "la crue était historique", "les pompiers du canton")]


@pytest.mark.parametrize("incise", ["tempère", "relativise", "rectifie", "s'amuse", "tacle", "murmure"])
def test_incise_verbs_added_to_the_lexicon(incise):
    found = quotes(BACKGROUND + f"« Nos rues ne sont plus sûres la nuit », {incise} Odile Marchand.")
    assert found == [("direct", "Nos rues ne sont plus sûres la nuit", "Odile Marchand")]


def test_quotation_after_a_colon_and_a_verb_that_takes_only_a_quotation():
    text = BACKGROUND + "La maire félicite les pompiers pour leur courage : « Vous avez sauvé des vies cette nuit. »"
    assert quotes(text) == [("direct", "Vous avez sauvé des vies cette nuit.", "la maire")]
    assert quotes(BACKGROUND + "Le club conteste la décision de l'arbitre devant la ligue.") == []
