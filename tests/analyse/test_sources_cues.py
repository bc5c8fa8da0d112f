"""The cue book of sourcier_sources, without the model: which words before or after a name give which role."""

from __future__ import annotations

import pytest

from sourcier.analyse.components.source_cues import cue_book, load_cues


@pytest.fixture(scope="module")
def book():
    return load_cues()


@pytest.mark.parametrize(
    "left, role",
    [
        ("Dans un entretien accordé au ", "interview"),
        ("Dans un entretien exclusif accordé à ", "interview"),
        ("Dans une interview à ", "interview"),
        ("Le président a accordé une interview exclusive à ", "interview"),
        ("« Nous tiendrons », a déclaré le ministre à ", "interview"),
        ("« Nous tiendrons », a-t-il déclaré mercredi à ", "interview"),
        ("La ministre a confié à ", "interview"),
        ("Interrogé par l'", "interview"),
        ("Interrogée mardi par ", "interview"),
        ("Au micro de ", "interview"),
        ("Sur les antennes de la ", "interview"),
        ("Sur le plateau de ", "interview"),
        ("Le député a écrit dans une tribune publiée par le ", "interview"),
        ("A la question de l'", "interview"),
        ("« Il y en a », a-t-il déclaré sur ", "interview"),
        ("Le général a reconnu, dans une interview diffusée jeudi par la ", "interview"),
        ("Le romancier s'en explique dans un entretien publié dans ", "interview"),
        ("« Je pars », a glissé l'entraîneur à nos confrères de ", "interview"),
        ("« Je reste », a dit la ministre Awa Sarr au programme Matin Afrique de la ", "interview"),
        ("« Tout va bien », a assuré le chef du parti Paul Lemaire sur la ", "interview"),
        ("La ministre était l'invitée du « Grand Débat » ", "interview"),
        ("Invité du Grand Entretien de ", "interview"),
        ("Selon l'", "relay"),
        ("D'après ", "relay"),
        ("Selon un article du ", "relay"),
        ("D'après une dépêche de l'", "relay"),
        ("Des témoins cités par ", "relay"),
        ("Selon nos confrères de ", "relay"),
        ("Dans des propos reproduits par l'", "relay"),
        ("Les combats ont repris, rapporte l'", "relay"),
        ("Le convoi a été attaqué, a appris l'", "relay"),
        ("Les troupes se retirent, a indiqué ", "relay"),
        ("Macron a parlé à Biden, comme le révèle ", "relay"),
        ("Extrait d'un article des ", "relay"),
        ("Le gouvernement a ordonné son départ, selon un communiqué lu à la ", "relay"),
        ("Crédit photo : ", "photo"),
        ("Crédit Photo : ", "photo"),
        ("© ", "photo"),
        ("Photo : Issouf Sanogo / ", "photo"),
        ("(Photo ", "photo"),
        ("Le Sénégal rouvre sa frontière (avec ", "byline"),
    ],
)
def test_sources_cue_before_the_name(book, left, role):
    found = book.role_before(left, left)
    assert found is not None, left
    assert found[0] == role


@pytest.mark.parametrize(
    "left",
    [
        "Le ministre a parlé à la presse, puis à ",
        "Il a rencontré le directeur de ",
        "La chanteuse, star de ",
        "Le gouvernement a suspendu la diffusion de ",
        "A regarder sur ",
        "Un accord a été signé avec ",
        "Il était l'invité de la conférence de presse organisée par ",
    ],
)
def test_sources_no_cue_before_the_name(book, left):
    assert book.role_before(left, left) is None


@pytest.mark.parametrize(
    "right, role",
    [
        (" a réfuté les informations selon lesquelles", "relay"),
        (" annonce mardi soir que le journaliste", "relay"),
        (" écrit :", "relay"),
        (" a interrogé le ministre", "interview"),
    ],
)
def test_sources_cue_after_the_name(book, right, role):
    found = book.role_after(right)
    assert found is not None and found[0] == role


def test_sources_cue_after_ignores_acts_that_are_not_reports(book):
    assert book.role_after(" a été suspendue pour trois mois") is None
    assert book.role_after(" a publié des photos de rats") is None


def test_sources_also_interview_after_a_relay(book):
    assert any(c.regex.search(" de sources sécuritaires.") for c in book.also)
    assert any(c.regex.search(" auprès du ministère") for c in book.also)


def test_sources_channels(book):
    text = "Le ministre a écrit sur son compte X que la frontière restait fermée, puis sur Telegram."
    found = {m.group("channel") for regex in book.channel_cues for m in regex.finditer(text)}
    assert found == {"X", "Telegram"}
    assert not any(regex.search("Il a choisi l'option X pour son plan") for regex in book.channel_cues)


def test_sources_cue_book_from_data_expands_macros():
    data = {
        "macros": {"A": "(?:à\\s+|au\\s+)"},
        "media_nouns": {"strong": ["journal"], "weak": ["site"]},
        "strong_phrases": [], "media_complements": [], "descriptor_words": [], "name_connectors": [],
        "name_media_words": [], "media_workers": [], "name_articles": [], "not_names": [],
        "channels": {"telegram": "Telegram"}, "channel_cues": [], "byline_words": [],
        "credit_pattern": "©", "agencies_pattern": "agences", "ourselves_pattern": "notre rédaction",
        "before": [{"role": "interview", "pattern": "a dit {A}$"}], "after": [], "also": [],
    }
    book = cue_book(data)
    assert book.role_before("Il a dit au ", "")[0] == "interview"
    assert book.is_media_noun("Journal") and not book.is_media_noun("maison")
