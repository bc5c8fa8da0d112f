"""Quote detection rules: layouts, objects, cues after the quote, scare quotes (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tests.analyse.quote_helpers import BACKGROUND, quotes

pytestmark = pytest.mark.slow



def texts(text: str) -> list[tuple[str, str]]:
    return [(k, t) for k, t, _ in quotes(text)]


def test_que_after_a_date_between_commas():
    found = texts(BACKGROUND + "M. Diop a déclaré, mardi, que le Mali ne considère pas la Russie selon une logique de blocs.")
    assert found == [("indirect", "le Mali ne considère pas la Russie selon une logique de blocs")]


def test_short_quotation_in_the_object_is_not_a_quote():
    found = texts(BACKGROUND + "« Nous tiendrons », a-t-il dit, appelant les « jeunes soldats » à « garder confiance ».")
    assert ("direct", "garder confiance") in found
    assert all(t != "jeunes soldats" for _, t in found)


def test_quotation_after_an_addressee_and_a():
    found = quotes(BACKGROUND + "À Dakar, M. Diop a appelé les deux pays à « garder le dialogue ouvert ».")
    assert [(k, t) for k, t, _ in found] == [("direct", "garder le dialogue ouvert")]


def test_named_with_a_passive_participle_is_not_a_quote():
    found = texts(BACKGROUND + "Il a dit que la milice est forte. Ses membres, appelés « Gardiens », sont nombreux.")
    assert found == [("indirect", "la milice est forte")]


def test_speaker_named_in_the_next_sentence():
    found = quotes(BACKGROUND + "« Pourquoi parle-t-il de guerre ? » M. Diop a demandé lors d'un entretien télévisé.")
    assert found == [("direct", "Pourquoi parle-t-il de guerre ?", "Abdoulaye Diop")]


def test_next_sentence_with_its_own_content_is_not_the_cue():
    found = texts("« Pourquoi parle-t-il de guerre ? » M. Diop a demandé que la séance soit suspendue.")
    assert ("direct", "Pourquoi parle-t-il de guerre ?") not in found


def test_floating_quotation_followed_by_a_new_sentence():
    found = quotes(
        BACKGROUND + "La crise touche à sa fin, a affirmé M. Diop. « Nous sommes à un tournant. La décennie sera"
        " décisive. » Le Mali n'a plus les mêmes alliés."
    )
    assert ("direct", "Nous sommes à un tournant. La décennie sera décisive.", "Abdoulaye Diop") in found


def test_attribute_of_the_object_of_a_verb_of_judging():
    found = texts("Malgré le refus de l'opposition, qui juge ce nouveau mandat « illégal », le scrutin aura lieu.")
    assert found == [("direct", "illégal")]
    found = texts(BACKGROUND + "Un diplomate a jugé les échanges « francs et utiles ».")
    assert found == [("direct", "francs et utiles")]


def test_attribute_after_an_object_pronoun():
    found = texts("La réforme est rejetée par les syndicats, qui la jugent contraire au code du travail.")
    assert found == [("indirect", "contraire au code du travail")]


def test_possessive_and_a_quotation_after_a_verb_without_np_frame_is_not_a_quote():
    found = texts("La Russie ne s'arrêtera pas là et poursuivra sa « longue marche vers l'Ouest ».")
    assert all(t != "longue marche vers l'Ouest" for _, t in found)


def test_reflexive_verb_with_etre_is_not_passive():
    found = texts("Plusieurs électeurs se sont plaints de ne pas avoir reçu leur carte.")
    assert found == [("indirect", "ne pas avoir reçu leur carte")]


def test_preposition_and_quotation_then_an_adjunct_is_direct():
    found = texts(BACKGROUND + "M. Diop a appelé au « dialogue entre les deux pays », lors d'une conférence de presse.")
    assert found == [("direct", "dialogue entre les deux pays")]
    found = texts(BACKGROUND + "M. Diop a évoqué une opération « efficace et réussie ».")
    assert found == [("mixed", "une opération « efficace et réussie »")]


def test_clause_before_a_cue_then_a_colon_and_a_quotation():
    found = quotes(
        "Les prix ont augmenté. Si les étals sont vides, c'est parce que les acheteurs font des réserves, dit Paul"
        " Girard, patron de l'enseigne : « Il n'y a pas de pénurie », a-t-il déclaré à la radio."
    )
    assert [(k, t) for k, t, _ in found] == [
        ("indirect", "Si les étals sont vides, c'est parce que les acheteurs font des réserves"),
        ("direct", "Il n'y a pas de pénurie"),
    ]
    assert {s for _, _, s in found} == {"Paul Girard"}


def test_clause_before_a_cue_followed_by_il_y_a():
    found = texts("Les prix ont augmenté. On va tenir jusqu'à l'été, disait Paul Girard, il y a un mois.")
    assert found == [("indirect", "On va tenir jusqu'à l'été")]


def test_quotation_after_a_colon_then_a_cue():
    found = texts("Il dit avoir passé un an en prison :« Nous sommes heureux de rentrer », a-t-il déclaré.")
    assert found == [("indirect", "avoir passé un an en prison"), ("direct", "Nous sommes heureux de rentrer")]


def test_incise_outside_the_marks_then_mais_and_a_quotation():
    found = texts(
        BACKGROUND + "Il ne suffit pas d'aider nos voisins, a-t-il fait valoir, mais « nous devons agir nous-mêmes »."
    )
    assert found == [("indirect", "Il ne suffit pas d'aider nos voisins"), ("direct", "nous devons agir nous-mêmes")]


def test_bare_past_participle_is_not_a_cue():
    assert texts("L'homme a été arrêté à Lyon, soupçonné de préparer un attentat.") == []


def test_present_participle_takes_no_inverted_subject():
    assert texts("Le cortège quittera le château à dix heures, poursuivant lentement le voyage vers la capitale.") == []


def test_verb_that_the_tagger_reads_as_a_participle():
    found = texts("Le régulateur reproche à la chaîne d'avoir diffusé des propos « de nature à inquiéter ».")
    assert found == [("mixed", "avoir diffusé des propos « de nature à inquiéter »")]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("M. Diop a affirmé que le Mali utiliserait tous les moyens, dans ce qui a été compris comme une menace.",
         "le Mali utiliserait tous les moyens"),
        ("M. Diop a affirmé que Paris pourrait utiliser une arme, c'est-à-dire un engin radioactif.",
         "Paris pourrait utiliser une arme"),
        ("M. Diop a affirmé que la France prendra des mesures contre Bamako, reprenant ainsi la ligne de Paris.",
         "la France prendra des mesures contre Bamako"),
        ("M. Diop a affirmé que le monde devrait être fondé sur le droit - ceci de la part d'un homme en guerre.",
         "le monde devrait être fondé sur le droit"),
    ],
)
def test_content_stops_before_the_journalist_comment(sentence, content):
    assert texts(BACKGROUND + sentence) == [("indirect", content)]


def test_dashes_in_pairs_stay_inside_the_content():
    found = texts(BACKGROUND + "M. Diop a affirmé que l'invasion – pays voisin de la Pologne – porte les marques du nazisme.")
    assert found == [("indirect", "l'invasion – pays voisin de la Pologne – porte les marques du nazisme")]


def test_ce_que_l_on_appelle_stays_inside_the_content():
    found = texts("Le Ghana affirme que les passeurs pourraient utiliser ce que l'on appelle une route fantôme.")
    assert found == [("indirect", "les passeurs pourraient utiliser ce que l'on appelle une route fantôme")]


def test_content_of_a_relative_clause_ends_with_it():
    found = texts("Le maire sortant, qui a appelé à une participation « record », a salué les bénévoles.")
    assert found == [("mixed", "une participation « record »")]


def test_name_after_a_preposition_is_not_in_apposition_to_the_next_subject():
    found = quotes(
        "Alors que le projet est critiqué par les syndicats qui le jugent contraire au droit du travail, le chef"
        " du gouvernement estime faire « un choix courageux »."
    )
    assert [(k, t) for k, t, _ in found] == [
        ("indirect", "contraire au droit du travail"),
        ("mixed", "faire « un choix courageux »"),
    ]


def test_participle_sharing_an_auxiliary_is_not_a_final_cue():
    assert texts("Nous avons renoncé sur tous les fronts, laissé à d'autres le soin de nos affaires.") == []


def test_two_quotations_before_a_final_cue():
    found = texts(
        "L'armée a mené une opération. « Des pierres ont été lancées sur les soldats » israéliens à Naplouse"
        " « par des émeutiers armés », a ajouté l'armée."
    )
    assert found == [("direct", "Des pierres ont été lancées sur les soldats"), ("direct", "par des émeutiers armés")]


def test_quotation_and_its_translation_before_a_final_cue():
    found = texts("Des pancartes étaient brandies. « Hands off our schools » (Ne touchez pas à nos écoles), pouvait-on lire.")
    assert found == [("direct", "Hands off our schools")]


def test_noun_of_saying_with_a_que_clause():
    found = quotes("Le sénateur Oleg Morozov a lancé un avertissement sévère à Varsovie qu'elle sera la prochaine cible.")
    assert found == [("indirect", "elle sera la prochaine cible", "Oleg Morozov")]
    found = texts("La justification du Kremlin a été l'allégation que la population était menacée.")
    assert found == [("indirect", "la population était menacée")]


def test_relative_que_after_a_noun_of_saying_is_not_a_quote():
    assert texts("L'annonce qu'il a faite hier a surpris.") == []
    assert texts("La promesse que le ministre a tenue hier a rassuré.") == []


def test_quotations_in_a_list_share_the_cue():
    found = quotes(BACKGROUND + "M. Diop a répété : « La paix est possible », « le dialogue est la clé » et « nous vaincrons ».")
    assert [(k, t) for k, t, _ in found] == [
        ("direct", "La paix est possible"),
        ("direct", "le dialogue est la clé"),
        ("direct", "nous vaincrons"),
    ]
    assert {s for _, _, s in found} == {"Abdoulaye Diop"}


def test_quotation_opening_the_paragraph_after_a_colon():
    found = texts(BACKGROUND + "M. Diop a ajouté :\n« Nous resterons partenaires. »")
    assert found == [("direct", "Nous resterons partenaires.")]


def test_scare_quotes_in_a_list_without_a_cue_are_not_quotes():
    assert texts("Le marché propose des « paniers », des « lots » et des « offres » chaque semaine.") == []


def test_plural_noun_of_saying_heads_a_relative():
    assert texts("Les déclarations ahurissantes que l'on entend dans les médias inquiètent.") == []


def test_object_after_a_final_verb_is_not_an_inverted_speaker():
    found = texts("Le monde devrait être fondé sur le droit, selon lui - ceci de la part d'un homme qui, il y a un an,"
                  " a lancé une invasion.")
    assert all(not t.startswith("ceci") for _, t in found)


def test_ce_que_is_a_relative_not_reported_content():
    assert texts("On se souvient de ce que les soldats ont fait à la population.") == []


def test_comme_en_temoignent_is_evidence_not_attribution():
    assert texts("L'hostilité n'a plus de limite, comme en témoignent les déclarations des ministres.") == []


def test_quotation_as_the_object_of_a_relative_cue():
    found = quotes("Le plus révélateur, ce sont les « pertes » que le président Vladimir Poutine a admis avoir subies.")
    assert found == [("direct", "pertes", "Vladimir Poutine")]


def test_relative_cue_on_a_noun_has_no_content():
    assert texts("Le bilan officiel omet les pertes que l'armée a admis avoir subies.") == []


def test_relative_accusation_keeps_its_content():
    found = texts("Le parti a appelé à la fermeté face aux opposants qu'il accuse de défier l'autorité de l'État.")
    assert ("indirect", "défier l'autorité de l'État") in found


def test_selon_lesquelles_after_a_quoted_noun():
    found = texts("Des « informations divulguées » selon lesquelles le Pentagone aurait envoyé des armes ont circulé.")
    assert found == [("indirect", "le Pentagone aurait envoyé des armes")]


def test_passive_cue_with_an_agent_that_speaks():
    found = quotes("M. Koné avait été averti par des courriers anonymes au début du mois de mai qu'il serait muté.")
    assert found == [("indirect", "il serait muté", "des courriers anonymes")]


def test_a_cue_whose_subject_cannot_speak_does_not_cut_the_content():
    found = texts(BACKGROUND + "M. Diop a précisé qu'aucun calendrier n'était fixé et que les discussions se poursuivraient.")
    assert found == [("indirect", "aucun calendrier n'était fixé et que les discussions se poursuivraient")]


def test_a_bare_participle_does_not_cut_the_content():
    found = texts(BACKGROUND + "M. Diop a indiqué que des soldats participent aux opérations, appuyés par des avions.")
    assert found == [("indirect", "des soldats participent aux opérations, appuyés par des avions")]


def test_gerund_takes_its_content_after_it():
    found = quotes(
        "En affirmant haut et fort sa volonté d'ignorer les syndicats « jusqu'au bout », alors que la grève dure,"
        " le ministre Paul Girard a surpris."
    )
    assert [(k, t) for k, t, _ in found] == [
        ("mixed", "haut et fort sa volonté d'ignorer les syndicats « jusqu'au bout »")
    ]


def test_noun_phrase_content_ends_at_the_comma_after_its_quotation():
    found = texts(BACKGROUND + "M. Diop a évoqué une opération « efficace », lors d'une conférence de presse à Bamako.")
    assert found == [("mixed", "une opération « efficace »")]
    found = texts(BACKGROUND + "M. Diop a évoqué sa « volonté » de rentrer au pays, « au moment opportun ».")
    assert found == [("mixed", "sa « volonté » de rentrer au pays, « au moment opportun »")]


def test_pour_qui_content_runs_to_the_end_of_the_clause():
    found = texts("La crue a détruit 40 maisons, a annoncé le préfet, Moussa Diallo, pour qui il s'agit de la plus"
                  " forte crue de la rivière en vingt ans.")
    assert ("indirect", "il s'agit de la plus forte crue de la rivière en vingt ans") in found


def test_quotation_object_of_a_relative_naming_verb():
    found = texts("Il a dénoncé ce qu'il a appelé son « jeu dangereux et sale » consistant à nier les frontières.")
    assert ("direct", "jeu dangereux et sale") in found


def test_words_after_an_inverted_speaker_are_not_an_object():
    found = texts("« La situation est grave », déplore Jean Lenoir, président de l'association « Salam » à Calais.")
    assert found == [("direct", "La situation est grave")]


def test_au_and_a_quotation_after_a_request_verb():
    found = texts("À Dakar, un syndicat de journalistes a appelé au « dialogue entre les régulateurs et les rédactions ».")
    assert found == [("direct", "dialogue entre les régulateurs et les rédactions")]


def test_au_cours_de_is_not_a_complement():
    found = texts("Le président a appelé samedi, au cours d'« états généraux » à Rome, à un plan de relance.")
    assert all(not t.startswith("cours") for _, t in found)
