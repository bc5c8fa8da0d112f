"""Actors of international relations: states, capitals, seats of power, former states, organisations, leaders."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from sourcier.knowledge.actors import load_actors


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("le Sénégal", "SEN"), ("Bamako", "MLI"), ("Moscou", "RUS"), ("le Kremlin", "RUS"), ("du Kremlin", None),
        ("l'Élysée", "FRA"), ("le Quai d’Orsay", "FRA"), ("Washington", "USA"), ("la Maison-Blanche", "USA"),
        ("l'URSS", "SUN"), ("la Yougoslavie", "YUG"), ("N'Djamena", "TCD"),
    ],
)
def test_states_and_their_seats(name, country):
    actor = load_actors().lookup(name)
    if country is None:  # "du Kremlin": the lookup takes names, the parse strips prepositions
        assert actor is None
    else:
        assert (actor.kind, actor.country) == ("state", country)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("l'ONU", "ONU"), ("les Nations unies", "ONU"), ("l'UA", "Union africaine"), ("la Cédéao", "CEDEAO"),
     ("le groupe Wagner", "Wagner"), ("Daech", "État islamique"), ("l'Otan", "OTAN")],
)
def test_organisations_by_any_name(name, canonical):
    actor = load_actors().lookup(name)
    assert (actor.kind, actor.name, actor.country) == ("organisation", canonical, None)


def test_vague_groups_are_no_actors():
    for name in ("l'Occident", "la communauté internationale", "l'Afrique", "les Européens"):
        assert load_actors().lookup(name) is None


def test_territories_are_places_not_state_actors():
    # Hong Kong is a special administrative region of China, La Réunion a French region: the country
    # table knows them (places, demonyms), the actor table has no state under their names
    for name in ("Hong Kong", "Macao", "la Réunion", "le Groenland", "Porto Rico"):
        assert load_actors().lookup(name) is None
    assert load_actors().lookup("Taïwan").country == "TWN"  # it conducts its own foreign relations


def test_leaders_by_full_name_or_distinctive_surname():
    actors = load_actors()
    assert actors.leader_state("Vladimir Poutine").country == "RUS"
    assert actors.leader_state("M. Poutine").country == "RUS"
    assert actors.leader_state("Recep Tayyip Erdoğan").country == "TUR"
    assert actors.leader_state("Joseph Staline").country == "SUN"
    assert actors.leader_state("Issa Traoré") is None


@pytest.mark.parametrize("table", ["seats.csv", "organisations.csv", "leaders.csv"])
def test_every_row_is_cited(table):
    text = resources.files("sourcier.knowledge").joinpath("data", table).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows and all(row["citation"].strip() for row in rows)
