"""Quote extraction: direct, indirect and mixed quotes, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.analyse.quote_helpers import BACKGROUND, quotes

pytestmark = pytest.mark.slow



def only(text: str) -> tuple[str, str, str | None]:
    found = quotes(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("« Nous resterons partenaires », a déclaré M. Diop.", "Nous resterons partenaires"),
        ("“Nous resterons partenaires”, a déclaré M. Diop.", "Nous resterons partenaires"),
        ('"Nous resterons partenaires", a déclaré M. Diop.', "Nous resterons partenaires"),
        ("‹ Nous resterons partenaires ›, a déclaré M. Diop.", "Nous resterons partenaires"),
        ("M. Diop a déclaré : « Nous resterons partenaires. »", "Nous resterons partenaires."),
        ("« Nous resterons partenaires », a-t-il ajouté.", "Nous resterons partenaires"),
        ("« Le mot “paix” revient souvent », souligne M. Diop.", "Le mot “paix” revient souvent"),
    ],
)
def test_quotes_direct_with_a_cue(sentence, content):
    kind, text, speaker = only(BACKGROUND + sentence)
    assert (kind, text, speaker) == ("direct", content, "Abdoulaye Diop")


def test_quotes_incise_makes_two_quotes():
    found = quotes(BACKGROUND + "« Nous resterons partenaires, a-t-il dit, et nous le resterons longtemps. »")
    assert [(k, t) for k, t, _ in found] == [
        ("direct", "Nous resterons partenaires"),
        ("direct", "et nous le resterons longtemps."),
    ]
    assert {s for _, _, s in found} == {"Abdoulaye Diop"}


def test_quotes_running_over_paragraphs():
    text = BACKGROUND + "« La coopération est ancienne.\n\n« Elle date de l'indépendance », a poursuivi M. Diop."
    found = quotes(text)
    assert [(k, t, s) for k, t, s in found] == [
        ("direct", "La coopération est ancienne.", "Abdoulaye Diop"),
        ("direct", "Elle date de l'indépendance", "Abdoulaye Diop"),
    ]


def test_quotes_in_a_headline():
    kind, text, speaker = only("Abdoulaye Diop : « Le Mali ne cédera pas »\n\nLe ministre était à Moscou.")
    assert (kind, text, speaker) == ("direct", "Le Mali ne cédera pas", "Abdoulaye Diop")


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("M. Diop a déclaré que le Mali restait souverain.", "le Mali restait souverain"),
        ("M. Diop affirme que le Mali restera souverain.", "le Mali restera souverain"),
        ("M. Diop avait assuré que le Mali resterait souverain.", "le Mali resterait souverain"),
        ("M. Diop a indiqué lundi à la presse que le Mali restait souverain.", "le Mali restait souverain"),
        ("M. Diop estime que la coopération est solide.", "la coopération est solide"),
        ("M. Diop a expliqué que la coopération était ancienne.", "la coopération était ancienne"),
        ("M. Diop a souligné que la coopération était ancienne.", "la coopération était ancienne"),
        ("M. Diop a annoncé que les livraisons reprendraient.", "les livraisons reprendraient"),
        ("M. Diop a reconnu que les livraisons avaient pris du retard.", "les livraisons avaient pris du retard"),
        ("M. Diop a démenti que des mercenaires soient présents.", "des mercenaires soient présents"),
        ("M. Diop a précisé que les livraisons reprendraient.", "les livraisons reprendraient"),
        ("M. Diop a fait savoir que les livraisons reprendraient.", "les livraisons reprendraient"),
        ("M. Diop a laissé entendre que les livraisons reprendraient.", "les livraisons reprendraient"),
        ("M. Diop a affirmé avoir reçu des garanties.", "avoir reçu des garanties"),
        ("M. Diop a promis de défendre le pays.", "défendre le pays"),
        ("M. Diop a appelé les Maliens à soutenir l'armée.", "soutenir l'armée"),
        ("M. Diop a accusé la France de vouloir diviser le pays.", "vouloir diviser le pays"),
        ("La coopération ne date pas d'aujourd'hui, estime-t-il.", "La coopération ne date pas d'aujourd'hui"),
        ("La coopération ne date pas d'aujourd'hui, a-t-il ajouté.", "La coopération ne date pas d'aujourd'hui"),
        ("La coopération est ancienne, a affirmé le ministre.", "La coopération est ancienne"),
    ],
)
def test_quotes_indirect_reporting_verbs(sentence, content):
    kind, text, speaker = only(BACKGROUND + sentence)
    assert (kind, text, speaker) == ("indirect", content, "Abdoulaye Diop")


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Selon M. Diop, la coopération est ancienne.", "la coopération est ancienne"),
        ("La coopération est ancienne, selon M. Diop.", "La coopération est ancienne"),
        ("D'après M. Diop, la coopération est ancienne.", "la coopération est ancienne"),
        ("Pour M. Diop, la coopération est ancienne.", "la coopération est ancienne"),
        ("À en croire M. Diop, la coopération est ancienne.", "la coopération est ancienne"),
        ("Aux yeux de M. Diop, la coopération est ancienne.", "la coopération est ancienne"),
        ("De l'avis de M. Diop, la coopération est ancienne.", "la coopération est ancienne"),
        ("Pour lui, la coopération est ancienne.", "la coopération est ancienne"),
        ("À l'en croire, la coopération est ancienne.", "la coopération est ancienne"),
    ],
)
def test_quotes_attribution_phrases(sentence, content):
    kind, text, speaker = only(BACKGROUND + sentence)
    assert (kind, text, speaker) == ("indirect", content, "Abdoulaye Diop")


def test_quotes_selon_on_both_sides_makes_two_quotes():
    found = quotes("Le convoi est arrivé, selon la police, avec trois heures de retard.")
    assert [(k, t, s) for k, t, s in found] == [
        ("indirect", "Le convoi est arrivé", "la police"),
        ("indirect", "avec trois heures de retard", "la police"),
    ]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        (
            "Il a fait savoir que l'objectif est d'« assurer la sécurité du pays ».",
            "l'objectif est d'« assurer la sécurité du pays »",
        ),
        (
            "M. Diop a affirmé que la Russie était un partenaire « solide et fiable ».",
            "la Russie était un partenaire « solide et fiable »",
        ),
        ("M. Diop a évoqué une coopération « exemplaire ».", "une coopération « exemplaire »"),
    ],
)
def test_quotes_mixed(sentence, content):
    kind, text, speaker = only(BACKGROUND + sentence)
    assert (kind, text, speaker) == ("mixed", content, "Abdoulaye Diop")


def test_quotes_whole_complement_in_marks_is_direct():
    kind, text, _ = only(BACKGROUND + "M. Diop a dénoncé un « acte de sabotage ».")
    assert (kind, text) == ("direct", "acte de sabotage")


@pytest.mark.parametrize(
    "text",
    [
        "Les « conseillers militaires » russes sont arrivés à Bamako.",  # scare quotes
        "Le film « La grande parade » sort en salles mercredi.",  # a title
        "Amadou, surnommé « le Lion », a gagné la course.",  # a nickname
        "Le gouvernement malien se dit satisfait de sa coopération avec la Russie.",  # stance, no content
        "M. Diop a évoqué la coopération militaire entre les deux pays.",  # a bare noun phrase
        "Les rebelles ont été invités à rejoindre les pourparlers.",  # passive request: no speaker
    ],
)
def test_quotes_not_quotes(text):
    assert quotes(text) == []
