"""The article's people and bodies, once per document: names the recogniser missed or cut,
inverted descriptions that speak, and relays that are no subject."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def speakers(text: str) -> list[str | None]:
    return [q.speaker.name for q in analyze(text).quotes]


def test_speakers_surname_takes_the_first_name_written_elsewhere():
    text = ("« Nous avons été censurés », a déclaré à la presse Jean-Baptiste Kouamé, porte-parole de la société.\n\n"
            "« Nous ne changerons rien », a ajouté M. Kouamé.")
    assert speakers(text) == ["Jean-Baptiste Kouamé", "Jean-Baptiste Kouamé"]


def test_speakers_organisation_name_cut_after_its_head_is_whole():
    text = ("« Je paie mon sac », a confié une cliente. Le Japon produit beaucoup de déchets, "
            "selon l'Organisation des Nations unies.")
    assert speakers(text)[-1] == "l'Organisation des Nations unies"


@pytest.mark.parametrize("text, speaker", [
    ("« Je savais que les sachets allaient devenir payants », a confié une cliente.", "une cliente"),
    ("« Une explosion a été signalée », ont indiqué les secours dans un communiqué.", "les secours"),
])
def test_speakers_inverted_description_speaks_whatever_its_noun(text, speaker):
    assert speakers(text) == [speaker]


def test_speakers_outlet_before_an_inverted_name_is_no_venue_for_the_quote_s_words():
    text = ("« Au final la responsabilité relève des médias », a indiqué à l'AFP Stéphane Martin, "
            "directeur général de l'agence.")
    assert speakers(text) == ["Stéphane Martin"]
