"""Where reported content ends, and quotes in text whose layout was lost (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tests.analyse.quote_helpers import quotes

pytestmark = pytest.mark.slow


def texts(text: str) -> list[tuple[str, str]]:
    return [(k, t) for k, t, _ in quotes(text)]


@pytest.mark.parametrize("tail", [
    " ; les travaux ont pris du retard.",
    ", et la mairie a lancé un appel d'offres.",
    ", ce qui a surpris les habitants.",
    " alors que les travaux n'ont pas commencé.",
    ", provoquant la colère des riverains.",
])
def test_content_ends_where_the_journalist_goes_on(tail):
    found = texts("La maire de Tulle a affirmé que la piscine rouvrira en mars" + tail)
    assert found == [("indirect", "la piscine rouvrira en mars")]


def test_infinitive_content_ends_before_a_new_clause_or_what_the_speaker_did_next():
    found = texts("Le maire a promis de rouvrir la piscine en mars, et les habitants attendent.")
    assert found == [("indirect", "rouvrir la piscine en mars")]
    found = texts("La ministre a estimé que le budget était suffisant, avant de quitter la salle sous les huées.")
    assert found == [("indirect", "le budget était suffisant")]


def test_coordinated_content_stays_whole():
    found = texts("Le maire a affirmé que la piscine rouvrira en mars, et que les tarifs baisseront.")
    assert found == [("indirect", "la piscine rouvrira en mars, et que les tarifs baisseront")]


def test_a_title_is_a_source_after_selon():
    found = quotes("Selon le président du club, l'équipe jouera dimanche à domicile.")
    assert found == [("indirect", "l'équipe jouera dimanche à domicile", "le président du club")]
    found = quotes("« Nous ne fermerons pas le consulat », selon l'ambassadeur de Suisse.")
    assert found == [("direct", "Nous ne fermerons pas le consulat", "l'ambassadeur de Suisse")]


def test_glued_sentences_are_read_apart():
    found = quotes("Le conseil municipal a voté le budget jeudi.\"Nous sommes satisfaits\", a déclaré le maire."
                   "La séance a été levée.")
    assert found == [("direct", "Nous sommes satisfaits", "le maire")]


def test_opening_quotation_is_the_person_the_title_names():
    found = quotes("Tramway : Rolland promet la gratuité\n\n« Le tramway sera gratuit pour tous dès janvier. » La maire"
                   " de Nantes, Johanna Rolland, a présenté mardi son budget au conseil municipal.")
    assert [(k, s) for k, _, s in found] == [("direct", "Johanna Rolland")]


def test_opening_quotation_without_a_person_in_the_title_is_not_credited():
    found = quotes("Tramway : la gratuité pour tous\n\n« Le tramway sera gratuit pour tous dès janvier. » La maire"
                   " de Nantes, Johanna Rolland, a présenté mardi son budget au conseil municipal.")
    assert found == []


def test_incise_verb_the_tagger_misreads_before_an_addressee():
    found = quotes("« Les fidèles sont tellement heureux ! », raconte à la radio locale le curé Paul Martin.")
    assert found == [("direct", "Les fidèles sont tellement heureux !", "Paul Martin")]


def test_adverbial_between_auxiliary_and_verb_is_not_the_speaker():
    found = quotes("La ministre du Budget, Claire Morel, a pour sa part prévenu que le déficit allait se creuser.")
    assert found == [("indirect", "le déficit allait se creuser", "Claire Morel")]


def test_adverb_inside_the_cue_after_a_quotation():
    found = quotes("La directrice Anne Roux a répondu aux syndicats. « Il n'y aura pas de fermeture cet été », a-t-elle"
                   " ainsi déclaré.")
    assert ("direct", "Il n'y aura pas de fermeture cet été", "Anne Roux") in found


def test_inverted_speaker_after_an_adjunct():
    found = quotes("« La digue a tenu toute la nuit », précise dans un communiqué Louise Marchal, maire du village.")
    assert found == [("direct", "La digue a tenu toute la nuit", "Louise Marchal")]


def test_content_ends_before_the_journalist_names_it():
    found = texts("Le syndicat affirme que 40 % des agents étaient en grève, un chiffre que conteste la direction.")
    assert found == [("indirect", "40 % des agents étaient en grève")]
    found = texts("Le syndicat affirme que la grève touche la Poste, un employeur qui refuse de négocier.")
    assert found == [("indirect", "la grève touche la Poste, un employeur qui refuse de négocier")]



def test_descriptions_of_the_source_after_selon_are_not_content():
    found = quotes("D'après Guy Moreau, le porte-parole du collectif des riverains, l'un des organisateurs, « la mairie"
                   " n'a rien écouté » et le projet doit être revu.")
    assert found == [("mixed", "« la mairie n'a rien écouté » et le projet doit être revu", "Guy Moreau")]
    found = texts("Selon le ministre, les écoles, fermées depuis mars, rouvriront lundi.")
    assert found == [("indirect", "les écoles, fermées depuis mars, rouvriront lundi")]


def test_cest_ce_que_names_who_said_the_quotation_before():
    found = quotes("« Nous ne reculerons pas. » C'est ce qu'a affirmé la ministre Claire Morel dimanche.")
    assert found == [("direct", "Nous ne reculerons pas.", "Claire Morel")]
    assert quotes("« Nous ne reculerons pas. » C'est ce que la ministre a proposé.") == []


@pytest.mark.parametrize("text, kind, content", [
    ("Comme l'a rappelé la ministre, les écoles resteront ouvertes.", "indirect", "les écoles resteront ouvertes"),
    ("Les écoles resteront ouvertes, comme l'a rappelé la ministre.", "indirect", "Les écoles resteront ouvertes"),
    ("Comme le dit si bien la ministre, « l'école avance ».", "direct", "l'école avance"),
])
def test_comme_le_dit_x(text, kind, content):
    assert quotes(text) == [(kind, content, "la ministre")]


def test_comme_le_dit_x_between_coordinated_clauses():
    found = texts("La ministre arrive à Rome pour parler du budget et, comme l'écrit toute la presse, pour apaiser"
                  " ses partenaires.")
    assert found == [("indirect", "pour apaiser ses partenaires")]
