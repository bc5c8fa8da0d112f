"""The country table: codes, French and English names, demonyms."""

from __future__ import annotations

import pytest

from sourcier.knowledge.countries import load_countries


@pytest.fixture(scope="module")
def countries():
    return load_countries()


def test_mali_every_way(countries):
    mali = countries.get("ML")
    assert (mali.alpha2, mali.alpha3, mali.name_fr, mali.name_en) == ("ML", "MLI", "Mali", "Mali")
    assert countries.get("mli") is mali
    assert countries.by_name("le Mali") is mali
    assert mali.demonyms == ("malien", "malienne", "maliens", "maliennes")
    assert mali.demonym(feminine=True) == "malienne"
    assert mali.demonym(plural=True, feminine=True) == "maliennes"
    for word in ("malien", "Malienne", "maliens", "MALIENNES"):
        assert countries.by_demonym(word) == (mali,)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Côte d’Ivoire", "CI"), ("la Cote d'Ivoire", "CI"), ("Ivory Coast", "CI"),
        ("RDC", "CD"), ("Democratic Republic of the Congo", "CD"), ("Congo-Brazzaville", "CG"),
        ("Republic of the Congo", "CG"), ("Russian Federation", "RU"), ("Russie", "RU"),
        ("Turkey", "TR"), ("Türkiye", "TR"), ("les États-Unis", "US"), ("United States", "US"),
        ("Burkina", "BF"), ("Centrafrique", "CF"), ("Eswatini", "SZ"), ("Swaziland", "SZ"),
        ("Czech Republic", "CZ"), ("Royaume-Uni", "GB"), ("UK", "GB"), ("Iran", "IR"),
    ],
)
def test_names_in_french_and_english(countries, name, code):
    assert countries.by_name(name).alpha2 == code


def test_demonyms(countries):
    assert [c.alpha2 for c in countries.by_demonym("burkinabè")] == ["BF"]
    assert [c.alpha2 for c in countries.by_demonym("burkinabé")] == ["BF"]  # spelling variant
    assert [c.alpha2 for c in countries.by_demonym("nigérienne")] == ["NE"]
    assert [c.alpha2 for c in countries.by_demonym("nigériane")] == ["NG"]
    assert [c.alpha2 for c in countries.by_demonym("turque")] == ["TR"]
    assert {c.alpha2 for c in countries.by_demonym("congolaise")} == {"CG", "CD"}  # shared, so a tuple
    assert countries.by_demonym("martien") == ()


def test_table_is_complete_and_consistent(countries):
    assert len(countries) >= 195
    assert len({c.alpha3 for c in countries}) == len(countries)
    africa = "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW"
    assert all(code in countries for code in africa.split())
    for country in countries:
        assert len(country.demonyms) in (0, 4), country.alpha2


def test_french_names(countries):
    names = set(countries.french_names())
    assert {"Mali", "Côte d'Ivoire", "RDC", "Sénégal"} <= names
    assert "Ivory Coast" not in names


def test_territories_are_marked(countries):
    assert countries.get("HK").territory and countries.get("RE").territory
    assert not countries.get("CN").territory and not countries.get("TW").territory and not countries.get("SU").territory
