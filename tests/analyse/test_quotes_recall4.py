"""Frames mined from OrangeSum, senses that report nothing, attribution phrases and span ends (issue 8,
items 3 and 5; sentences written for these tests)."""

from __future__ import annotations

import pytest

from tests.analyse.quote_helpers import BACKGROUND, quotes

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare infinitive after a verb of saying (mined: indiquer, raconter, préciser, confier, …)
        ("La chanteuse a confié avoir un « profond respect » pour les infirmières.",
         [("mixed", "avoir un « profond respect » pour les infirmières", "la chanteuse")]),
        ("Le directeur a raconté avoir entendu des cris dans la nuit.",
         [("indirect", "avoir entendu des cris dans la nuit", "le directeur")]),
        # ... also after an adjunct, and before a "de" further on
        ("Les riverains ont affirmé à plusieurs reprises ne pas avoir vu le camion.",
         [("indirect", "ne pas avoir vu le camion", "les riverains")]),
        ("La commission a estimé ne pas avoir eu le temps d'étudier le dossier.",
         [("indirect", "ne pas avoir eu le temps d'étudier le dossier", "la commission")]),
        # de + infinitive after verbs of feeling said aloud
        ("La maire se réjouit d'avoir trouvé un accord avec les syndicats.",
         [("indirect", "avoir trouvé un accord avec les syndicats", "la maire")]),
        # de + a noun phrase that holds a quotation
        ("La préfète s'est félicitée devant les élus de la réaction « exemplaire » des secouristes.",
         [("mixed", "la réaction « exemplaire » des secouristes", "la préfète")]),
        ("Le maire a parlé d'un « drame épouvantable » pour la commune.",
         [("mixed", "un « drame épouvantable » pour la commune", "le maire")]),
        # voir dans X un Y: what X is judged to be
        ("La députée Claire Morin voit dans la réforme un « recul historique ».",
         [("direct", "recul historique", "Claire Morin")]),
        # verb phrases: faire signe; a dative clitic belongs to the cue
        ("Le directeur lui a fait signe qu'il ne voulait pas parler de la grève.",
         [("indirect", "il ne voulait pas parler de la grève", "le directeur")]),
        ("« Une pensée pour sa famille », s'est confié le présentateur Marc Dubois.",
         [("direct", "Une pensée pour sa famille", "Marc Dubois")]),
        ("« Vous êtes un menteur », a d'abord lancé le député Marc Dubois.",
         [("direct", "Vous êtes un menteur", "Marc Dubois")]),
        ("Les autorités multiplient les appels enjoignant la population de rester chez elle.",
         [("indirect", "rester chez elle", "les autorités")]),
    ],
)
def test_frames_mined_from_news(text, expected):
    assert quotes(BACKGROUND + text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Il faut dire que la route est très dangereuse en hiver.",  # the journalist's aside
        "À noter que les « jeunes stagiaires » seront payés.",
        "Il est à noter que la mairie a refusé.",
        "Rappelons que le maire avait démissionné en mars.",
        "Il convient de préciser que la mairie a refusé.",
        # a comparison, not a que-clause
        "Elle souhaitait s'engager davantage pour une cause qu'une autre, on sent bien qu'elle hésite.",
        # a plan, not a thought
        "Les élèves pensaient sûrement passer une semaine tranquille à la montagne.",
        # titles before a verb whose object follows it, not an incise
        "L'actrice, récompensée pour ses rôles dans « La Mer » et « Le Vent », a raconté l'incident.",
        # "de" of a noun, not of the verb
        "La bourgeoisie parle un langage de charretier et « brise les codes ».",
        # "pour" + something that cannot speak
        "Pour la première fois depuis sa défaite, Marc Dubois s'exprime à la télévision.",
    ],
)
def test_senses_that_report_nothing(text):
    assert quotes(BACKGROUND + text) == []


def test_belief_with_an_infinitive_of_state_is_reported():
    assert quotes(BACKGROUND + "Le maire pense avoir trouvé la solution.") == [
        ("indirect", "avoir trouvé la solution", "le maire")]


def test_an_incise_after_a_full_clause_still_introduces_it():
    found = quotes(BACKGROUND + "L'association a porté plainte contre le maire, révèle le quotidien régional.")
    assert found == [("indirect", "L'association a porté plainte contre le maire", "le quotidien régional")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline: a quotation, "pour" and a bare surname
        ("Le maire a interdit les pesticides.\n\n« Le comble du cynisme », pour Morin\n\nLe texte entre en vigueur.",
         [("direct", "Le comble du cynisme", "Morin")]),
        ("« Une honte », pour la députée Claire Morin.", [("direct", "Une honte", "Claire Morin")]),
        # an attribution after a sentence adverb opens its sentence
        ("Toujours selon les médias locaux, les enfants du prince seraient eux aussi du voyage.",
         [("indirect", "les enfants du prince seraient eux aussi du voyage", "les médias locaux")]),
        # the source's apposition is no content, nor a two-word clause before "selon"
        ("« Une honte », selon Marc Dubois, élu en 2017 et qui siège depuis au conseil.",
         [("direct", "Une honte", "Marc Dubois")]),
        ("C'est, selon l'équipe du maire, « la faute du préfet ».",
         [("direct", "la faute du préfet", "l'équipe du maire")]),
        # no cue inside an attribution span: the verb that reports has the content
        ("Selon un rapport publié lundi, la commission a estimé que le dossier était incomplet.",
         [("indirect", "le dossier était incomplet", "la commission")]),
    ],
)
def test_attribution_phrases(text, expected):
    assert quotes(BACKGROUND + text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La ministre a annoncé que le budget augmenterait de 5 %, soit 2 milliards d'euros de plus.",
         [("indirect", "le budget augmenterait de 5 %", "la ministre")]),
        ("La piscine rouvrira en juin, a affirmé le maire, qui a ajouté que les tarifs baisseront.",
         [("indirect", "La piscine rouvrira en juin", "le maire"),
          ("indirect", "les tarifs baisseront", "le maire")]),
        ("La ministre a estimé que le budget était suffisant mais a reconnu que les hôpitaux souffraient.",
         [("indirect", "le budget était suffisant", "la ministre"),
          ("indirect", "les hôpitaux souffraient", "la ministre")]),
        ("Le maire a déclaré lors du conseil que la piscine rouvrirait, une promesse déjà faite en 2022.",
         [("indirect", "la piscine rouvrirait", "le maire")]),
        ("La France insoumise a réitéré samedi son appel « à tous les élus ».",
         [("mixed", "son appel « à tous les élus »", None)]),
    ],
)
def test_span_ends(text, expected):
    found = quotes(BACKGROUND + text)
    if expected[0][2] is None:  # (the speaker is another step's)
        found = [(t, s, None) for t, s, _ in found]
    assert found == expected
