"""Speaker resolution stays with the description as written unless the article links it."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def speakers(text: str) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in analyze(text).quotes]


def test_a_spokesman_of_a_named_person_is_not_that_person():
    text = (
        "Le président Macky Sall a reçu les syndicats lundi à Dakar.\n\n"
        "« Le président ne cédera pas », a déclaré le porte-parole de Macky Sall."
    )
    assert speakers(text) == ["le porte-parole de Macky Sall"]


def test_an_office_joined_to_a_name_by_de_is_no_role_of_that_name():
    text = "La porte-parole de Jean Kaboré a démenti. « Jean Kaboré est à Ouagadougou », a-t-elle précisé."
    doc = analyze(text)
    kabore = next(e for e in doc.entities if e.name == "Jean Kaboré")
    assert not any("porte-parole" in r for r in kabore.roles)


def test_an_organisation_described_with_its_complement_stays_as_written():
    text = (
        "L'ONU a publié un rapport. L'Union africaine a réagi.\n\n"
        "« Nous sommes inquiets », a indiqué l'association des juristes du Tchad."
    )
    assert speakers(text) == ["l'association des juristes du Tchad"]


def test_a_description_after_an_organisation_name_is_that_organisation():
    text = "L'ANC, le parti au pouvoir en Afrique du Sud a affirmé mardi que « la transition a échoué »."
    assert speakers(text) == ["l'ANC"]


def test_a_junta_can_speak():
    text = "« Les élections auront lieu en 2026 », a déclaré la junte."
    assert speakers(text) == ["la junte"]


def test_an_organisation_name_cut_short_by_the_recogniser_is_reported_as_written():
    text = "« Le scrutin se tiendra à la date prévue », a déclaré la Commission électorale nationale indépendante du Nigeria."
    assert speakers(text) == ["la Commission électorale nationale indépendante du Nigeria"]


def test_a_newspaper_described_is_no_organisation_named_before():
    text = "L'Union africaine a publié un rapport lundi.\n\n« La crise s'aggrave », écrit le quotidien."
    assert speakers(text) == ["le quotidien"]


def test_a_person_named_in_a_relative_clause_is_no_antecedent_for_il():
    text = "Paul Biya, dont le rival Maurice Kamto est en prison, a parlé mardi. « Nous sommes sereins », a-t-il dit."
    assert speakers(text) == ["Paul Biya"]
