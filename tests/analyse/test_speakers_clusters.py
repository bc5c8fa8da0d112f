"""The article's people and organisations as one model per article (issue 8, items 1 and 2):
names the recogniser missed, descriptions that stand for a named person or body, names cut short."""

from __future__ import annotations

import pytest

from sourcier import analyze

from tests.analyse.quoted import speakers


@pytest.mark.slow
def test_a_name_the_recogniser_missed_after_an_inverted_title_is_the_speaker():
    text = (
        "« Nous serons prêts », a rappelé la ministre de la Santé Amélie Vernier jeudi 6 août, "
        "alors que l'été commence.\n\n"
        "« Rien ne sera laissé au hasard », a-t-elle ajouté. « Les familles seront prévenues », a assuré la ministre."
    )
    assert [s for _, s in speakers(text)] == ["Amélie Vernier"] * 3


@pytest.mark.slow
def test_a_trade_noun_passes_over_a_speaker_of_another_trade_to_the_person_it_fits():
    text = (
        "L'actrice, révélée par une série policière, a parlé de son tournage avec l'ancienne ministre de la "
        "Culture Aurélie Fontaine. « Le tournage a été difficile », a déclaré Camille Berthier. « Vous avez été "
        "courageuse », a répondu Aurélie Fontaine.\n\n"
        "L'actrice a expliqué qu'elle voulait faire une pause. Elle a ajouté que sa fille passait son bac."
    )
    assert [s for _, s in speakers(text)] == ["Camille Berthier", "Aurélie Fontaine", "Camille Berthier",
                                              "Camille Berthier"]


@pytest.mark.slow
def test_a_trade_noun_keeps_the_latest_speaker_whose_role_it_fits():
    text = (
        "« Le tournage a été difficile », a déclaré l'actrice Camille Berthier. « Vous avez été courageuse », "
        "a répondu la productrice Aurélie Fontaine.\n\n"
        "L'actrice a expliqué qu'elle voulait faire une pause."
    )
    assert [s for _, s in speakers(text)][-1] == "Camille Berthier"


@pytest.mark.slow
def test_a_name_after_a_noun_of_trade_is_a_person_whatever_the_recogniser_made_of_it():
    text = (
        "Selon la styliste Diana Kalnyte, tous sont gagnants. « Je suis heureuse que les gens voient mes robes », "
        "témoigne-t-elle."
    )
    analysis = analyze(text)
    assert {e.name: e.roles for e in analysis.entities if e.type == "PERSON"} == {"Diana Kalnyte": ["styliste"]}
    assert [q.speaker.name for q in analysis.quotes] == ["Diana Kalnyte"]


@pytest.mark.slow
def test_nouns_of_trade_mined_from_incises_can_speak():
    text = "« Le bus n'est jamais venu », a raconté une passagère. « On a attendu deux heures », a ajouté l'automobiliste."
    assert [s for _, s in speakers(text)] == ["une passagère", "l'automobiliste"]


@pytest.mark.slow
def test_an_outlet_named_as_a_word_keeps_its_article_and_an_acronym_does_not():
    text = (
        "Selon le Guardian, le chanteur avait quitté Londres en mai. Le groupe se reformera en juin, selon l'AFP."
    )
    assert [s for _, s in speakers(text)] == ["le Guardian", "AFP"]


@pytest.mark.slow
def test_a_party_is_not_cut_to_a_country_and_its_acronym_spells_its_article():
    text = (
        "La France insoumise a déposé une motion mardi. « Le gouvernement doit répondre », insiste la France "
        "insoumise.\n\n"
        "« Nous irons jusqu'au bout », indique LFI dans un communiqué."
    )
    assert [s for _, s in speakers(text)] == ["la France insoumise", "la France insoumise"]


@pytest.mark.slow
def test_an_acronym_without_the_article_letter_is_not_read_with_it():
    text = (
        "La Fédération internationale a publié son rapport. « Les clubs doivent payer », écrit la FI dans un "
        "communiqué."
    )
    assert [s for _, s in speakers(text)] == ["la Fédération internationale"]


@pytest.mark.slow
def test_an_outlet_named_in_quotation_marks_is_the_speaker():
    text = (
        'Selon plusieurs témoins, la chanteuse était à Nice. Le "Courrier du Var" révèle que deux gardes '
        'l\'accompagnaient. Le magazine "Vogue" ajoute que sa fille était du voyage.'
    )
    assert [s for _, s in speakers(text)][1:] == ["le Courrier du Var", "Vogue"]


@pytest.mark.slow
def test_a_bare_ministry_takes_up_the_seat_of_a_ministry_that_spoke():
    text = (
        "Le barème des aides changera en 2025, « pour les foyers modestes d'abord », indique Bercy. Les montants "
        "« seront relevés chaque année », précise le ministère."
    )
    assert [s for _, s in speakers(text)] == ["Bercy", "Bercy"]


@pytest.mark.slow
def test_a_body_noun_prefers_the_organisation_that_was_a_subject_to_one_named_in_a_complement():
    text = (
        "La Haute Autorité de santé appelle à une meilleure coordination avec la Fédération des hôpitaux de "
        "France. L'institution propose de confier le dossier aux régions."
    )
    assert [s for _, s in speakers(text)][-1] == "la Haute Autorité de santé"


def test_of_two_parsed_subjects_before_the_verb_the_nearer_is_the_speaker():
    """A parse that hangs the agent of a fronted participle on the main verb as a second subject
    ("Critiquée par l'association Rail-Avenir, la SNCF a annoncé …")."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sourcier.analyse.quotes.cues import Cue, _parsed_subject

    words = ["Critiquée", "par", "Rail-Avenir", ",", "Transdev", "a", "annoncé", "que", "tout", "va", "bien"]
    heads = [6, 2, 6, 6, 6, 6, 6, 9, 9, 6, 9]
    deps = ["advcl", "case", "nsubj", "punct", "nsubj", "aux:tense", "ROOT", "mark", "nsubj", "ccomp", "advmod"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    verb = doc[6]
    cue = Cue(kind="verb", start=5, end=7, frames=frozenset({"que"}), verb=verb)
    assert _parsed_subject(cue, verb).text == "Transdev"
    lone = Doc(Vocab(), words=["Transdev", "a", "annoncé"], heads=[2, 2, 2], deps=["nsubj", "aux:tense", "ROOT"])
    assert _parsed_subject(Cue(kind="verb", start=1, end=3, frames=frozenset(), verb=lone[2]), lone[2]).text == "Transdev"


@pytest.mark.slow
def test_a_description_is_not_a_person_the_article_names_only_much_later():
    filler = "Le concert avait réuni trois mille personnes sous une pluie battante et la salle était comble. " * 8
    text = (
        "Marc Vidal avait donné une interview au site Musique Plus en mars. Le chanteur a déclaré que la salle "
        "était mal gardée.\n\n" + filler + "\n\nLe festival a annulé les dates de Paul Durand, chanteur du groupe Nuit Rouge."
    )
    assert [s for _, s in speakers(text)][0] == "Marc Vidal"
