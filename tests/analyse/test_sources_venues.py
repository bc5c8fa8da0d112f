"""Where a speaker spoke: venue cues, outlets named by description or in quotation marks,
and names that are not outlets (sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier import analyze
from sourcier.analyse.components.source_cues import load_cues


@pytest.fixture(scope="module")
def book():
    return load_cues()


@pytest.mark.parametrize(
    "left",
    [
        "Dans une tribune au ",
        "Dans une tribune publiée jeudi dans ",
        "« La dette explose », écrit l'économiste Paul Lenoir dans une tribune pour le ",
        "Le maire de Dax s'est exprimé dimanche sur ",
        "Le ministre, jeudi matin sur ",
        "Deux jours plus tard, sur ",
        "Cette semaine dans ",
        "« Nous manquons de tout », explique la directrice de l'école, Awa Touré, au ",
        "« Personne n'est venu », a rapporté à l'",
        "« On ne lâchera rien », assurait fin mars dans ",
        "« Il est parti à l'aube », a confié son frère à un journaliste de l'",
        "Invitée de la matinale de ",
        "Interrogé au micro de Julie Morel sur ",
        "Le ministre a annoncé dimanche soir au Grand Jury de ",
        "Dans un entretien accordé samedi 4 mai au ",
        "Dans une réponse écrite adressée mardi à l'",
        "La mairie, dans un communiqué transmis à l'",
        "« Le pont est coupé », a-t-elle déclaré au service swahili de la ",
        "Le préfet a confirmé à la rédaction Afrique de ",
    ],
)
def test_sources_venue_cues(book, left):
    found = book.role_before(left, left)
    assert found is not None and found[0] == "interview", left


@pytest.mark.parametrize(
    "left, role",
    [
        ("Le tournage a commencé sur ", None),  # "commencé" is no "commenté"
        ("Le ministre aurait démissionné, révèle jeudi 3 mars ", "relay"),
        ("Les images publiées samedi 2 juin dans ", "relay"),
        ("Comme l'ont révélé nos confrères du ", "relay"),
        ("« L'État a failli », peut-on lire dans ", "relay"),
        ("A lire aussi sur ", None),  # a link to the outlet's own pages, no source of words
        ("A lire aussi dans ", None),
    ],
)
def test_sources_cues_reach_past_a_date(book, left, role):
    found = book.role_before(left, left)
    assert (found[0] if found else None) == role


def test_sources_after_name_past_a_closing_mark_and_an_adverb(book):
    assert book.role_after("» affirme que les négociations ont échoué")[0] == "relay"
    assert book.role_after(" a même révélé que le ministère savait")[0] == "relay"
    assert book.role_after(" a pu consulter le rapport de l'inspection")[0] == "relay"
    assert book.role_after(", qui s'est procuré le document,")[0] == "relay"
    assert book.role_after(" a publié des photos de la réunion") is None


def _sources(text: str) -> set[tuple[str, str]]:
    analysis = analyze(text)
    for s in analysis.sources:
        for m in s.mentions:
            assert analysis.text[m.start : m.end] == m.text
    return {(s.name, s.role) for s in analysis.sources}


@pytest.mark.slow
def test_sources_medium_as_indirect_object_is_an_interview():
    found = _sources("« Les routes seront rouvertes lundi », a expliqué à Radio-Canada la ministre des Transports, Julie Tremblay.")
    assert found == {("Radio-Canada", "interview")}


@pytest.mark.slow
def test_sources_contracted_title_the_model_calls_a_place():
    found = _sources("« Nous manquons de tout », explique la directrice de l'école, Awa Touré, au Parisien.")
    assert found == {("Le Parisien", "interview")}


@pytest.mark.slow
def test_sources_title_in_quotation_marks():
    assert _sources("Le quotidien « La Voix des Lacs » affirme que les négociations ont échoué.") == {("La Voix des Lacs", "relay")}


@pytest.mark.slow
def test_sources_not_an_outlet_inside_a_word_or_a_name():
    text = (
        "Les voyageurs devront présenter un test RT-PCR négatif. Le PDG de Voyageurs du Monde, "
        "Jean Martin, a reçu le tribunal de l'application des peines (TAP) dans les Pays-de-la-Loire. "
        "\"Prudence au quotidien\" Depuis lundi, la région est en alerte."
    )
    assert _sources(text) == set()


@pytest.mark.slow
def test_sources_known_paper_keeps_its_title():
    found = _sources("« Le chômage de masse menace », a souligné l'écrivaine Anne Roy dans une tribune pour le New York Times.")
    assert found == {("The New York Times", "interview")} or found == {("New York Times", "interview")}


@pytest.mark.slow
def test_sources_anaphor_is_the_outlet_of_that_kind_named_last():
    found = _sources("Le Monde a consacré sa une au procès de Dakar. Selon le quotidien, le verdict est attendu lundi.")
    assert found == {("Le Monde", "relay")}
    found = _sources("Les digues ont cédé, rapporte France Bleu. Des renforts sont arrivés, précise la radio locale.")
    assert found == {("France Bleu", "relay")}


@pytest.mark.slow
def test_sources_anaphor_needs_a_fitting_outlet():
    found = _sources("Le Monde a consacré sa une au procès de Dakar. Selon la chaîne américaine, le verdict est attendu lundi.")
    assert ("chaîne américaine", "relay") in found and ("Le Monde", "relay") not in found
    assert _sources("Au quotidien, les habitants souffrent du manque d'eau.") == set()


@pytest.mark.slow
def test_sources_anaphor_with_any_adjective_but_one_that_changes_the_kind():
    found = _sources("Le Progrès a interrogé le maire. Dans son entretien avec le quotidien lyonnais, il estime que « la ville respire ».")
    assert found == {("Le Progrès", "interview")}
    found = _sources("Le Figaro a révélé l'affaire. Le présentateur du journal télévisé a démissionné, selon le journal télévisé.")
    assert found == {("Le Figaro", "relay"), ("journal télévisé", "relay")}  # not Le Figaro's


@pytest.mark.slow
def test_sources_state_description_needs_a_state_outlet():
    found = _sources("La BBC a consacré un documentaire au pays. Selon la télévision d'État, le couvre-feu est levé.")
    assert found == {("BBC", "mention"), ("télévision d'État", "relay")}
    found = _sources("L'ORTM a filmé la cérémonie. Selon la télévision d'État, le couvre-feu est levé.")
    assert found == {("ORTM", "relay")}


@pytest.mark.slow
def test_sources_unknown_name_after_words_only_a_medium_follows():
    assert _sources("« La récolte est perdue », a confié un paysan au micro de Radio Kledu.") == {("Radio Kledu", "interview")}
    assert _sources("Le maire de Lomé s'est exprimé dans les colonnes de Nord Éclair.") == {("Nord Éclair", "interview")}
    assert _sources("« La récolte est perdue », a confié un paysan au micro de Léa Martin.") == set()


@pytest.mark.slow
def test_sources_name_after_a_strong_media_noun_even_if_the_model_calls_it_a_place():
    found = _sources("Le Premier ministre s'exprimait dimanche sur la chaîne privée Canal 3.")
    assert found == {("Canal 3", "interview")}


@pytest.mark.slow
def test_sources_credit_line_with_a_comma():
    assert _sources("Crédit photo, AFP\n\nLe président a quitté Abidjan mardi.") == {("AFP", "photo")}
    assert _sources("Le crédit, accordé par la banque, a été remboursé, selon RFI.") == {("RFI", "relay")}
