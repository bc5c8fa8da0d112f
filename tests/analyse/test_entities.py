"""Gazetteer, entity typing and per-article grouping with roles."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def entity(analysis, name):
    found = [e for e in analysis.entities if e.name == name]
    assert found, f"{name!r} not among {[e.name for e in analysis.entities]}"
    return found[0]


def test_entities_on_the_seed(seed_text):
    analysis = analyze(seed_text)
    diop = entity(analysis, "Abdoulaye Diop")
    assert diop.type == "PERSON"
    assert "ministre des Affaires étrangères du Mali" in diop.roles
    assert entity(analysis, "Sputnik Afrique").type == "MEDIA"
    assert entity(analysis, "Sputnik").type == "MEDIA"
    media = {e.name for e in analysis.entities if e.type == "MEDIA"}
    assert any("agence de presse africaine" in m.lower() or m == "APA" for m in media)
    assert entity(analysis, "Kremlin").type == "ORG"
    for state in ("URSS", "Mali", "Russie", "France"):
        assert entity(analysis, state).type == "GPE"
    # a title is not an organisation
    assert not any(e.type == "ORG" and e.name.startswith("ministre") for e in analysis.entities)


def test_person_mentions_grouped_under_the_full_name():
    text = (
        "Le ministre sénégalais de l'Économie, Mamadou Sall, était à Bamako mardi.\n\n"
        "M. Sall a rencontré des investisseurs maliens.\n\n"
        "Sall doit ensuite se rendre à Niamey."
    )
    analysis = analyze(text)
    sall = entity(analysis, "Mamadou Sall")
    assert len(sall.mentions) == 3
    assert [analysis.text[m.start : m.end] for m in sall.mentions][0] == "Mamadou Sall"
    assert any(r.startswith("ministre sénégalais de l'Économie") for r in sall.roles)
    assert not any(e.name in ("Sall", "M. Sall") for e in analysis.entities)


def test_role_from_apposition_after_the_name():
    text = "Awa Koné, porte-parole du gouvernement ivoirien, a présenté le budget à Abidjan jeudi."
    koné = entity(analyze(text), "Awa Koné")
    assert koné.roles == ["porte-parole du gouvernement ivoirien"]


def test_media_from_the_gazetteer_and_no_entity_across_paragraphs():
    text = "Reportage de RFI\n\nFrance 24 diffuse des images de Ouagadougou."
    analysis = analyze(text)
    assert entity(analysis, "RFI").type == "MEDIA"
    assert entity(analysis, "France 24").type == "MEDIA"
    for e in analysis.entities:
        for m in e.mentions:
            assert "\n" not in m.text


def test_a_people_is_not_a_place():
    analysis = analyze("Les Maliens ont voté dimanche à Bamako et à Gao pour élire leurs députés.")
    assert entity(analysis, "Bamako").type == "GPE"
    assert all(not (e.name == "Maliens" and e.type == "GPE") for e in analysis.entities)


def test_page_furniture_is_not_an_entity():
    analysis = analyze("Crédit Photo : Sputnik Afrique\n\nLe président Assimi Goïta a reçu les chefs militaires à Bamako.")
    assert all(e.name.lower() != "crédit photo" for e in analysis.entities)
    assert entity(analysis, "Sputnik Afrique").type == "MEDIA"


def test_common_media_words_are_not_outlets():
    analysis = analyze(
        "Le quotidien a publié une enquête. Selon la presse locale, le scrutin aura lieu en mars, "
        "a rapporté l'agence de presse africaine."
    )
    assert [(e.name, e.type) for e in analysis.entities if e.type == "MEDIA"] == [("agence de presse africaine", "MEDIA")]


def test_a_pronoun_the_recogniser_read_as_a_name_is_no_person():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sourcier.analyse.components.entities import EntityGrouper
    from sourcier.analyse.records import register_extensions

    register_extensions()
    words = ["«", "Nous", "en", "avons", "eu", "»", ",", "dit", "Paul", "Huber", "."]
    doc = Doc(Vocab(), words=words, pos=["PUNCT", "PRON", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN",
                                          "PROPN", "PUNCT"],
              ents=["O", "B-PERSON", "O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"],
              sent_starts=[True] + [False] * (len(words) - 1))
    names = [c.name for c in EntityGrouper()(doc)._.sourcier_entities]
    assert names == ["Paul Huber"]


def test_a_capitalised_word_after_an_article_is_no_person():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sourcier.analyse.components.entities import EntityGrouper
    from sourcier.analyse.records import register_extensions

    register_extensions()
    words = ["Marc", "Lenoir", "critique", "le", "président", "de", "la", "République", "."]
    doc = Doc(Vocab(), words=words, pos=["PROPN", "PROPN", "VERB", "DET", "NOUN", "ADP", "DET", "PROPN", "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-PERSON", "O"],
              sent_starts=[True] + [False] * (len(words) - 1))
    names = [c.name for c in EntityGrouper()(doc)._.sourcier_entities]
    assert names == ["Marc Lenoir"]


@pytest.mark.parametrize(("text", "name", "roles"), [
    # an apposition of the noun before it, not of the name after it
    ("Après la mort de Paul Martin à Lyon, un homme noir mort sous les coups d'un voleur armé, Jean Durand a appelé "
     "lundi au calme.", "Jean Durand", []),
    ("Réagissant aux manifestations, le ministre de la Justice, Jean Durand, a appelé au calme.", "Jean Durand",
     ["ministre de la Justice"]),
    # a title followed by a verb opens the next clause
    ("Au sujet de l'affaire Paul Martin, le ministre de la Justice a promis une enquête.", "Paul Martin", []),
    ("Jean Durand, ministre de la Justice, a promis une enquête.", "Jean Durand", ["ministre de la Justice"]),
    # a bare surname after a common noun names what the noun is about
    ("Me Luc Petit, l'avocat de la famille Martin, a dénoncé une erreur.", "Martin", []),
    ("Me Luc Petit, l'avocat de la famille Martin, a dénoncé une erreur.", "Luc Petit", ["avocat de la famille Martin"]),
    ("La porte-parole du gouvernement Sibylle Durand a parlé.", "Sibylle Durand", ["porte-parole du gouvernement"]),
    # a role that runs to a line glued to the next one: where it ends is unknown
    ("« Nous verrons », a dit Sylvie Roux, candidate à la mairie de Lyonpar radiofranceLe lendemain, elle a parlé.",
     "Sylvie Roux", []),
    ("« Nous verrons », a dit Sylvie Roux, candidate à la mairie de Lyon. Le lendemain, elle a parlé.", "Sylvie Roux",
     ["candidate à la mairie de Lyon"]),
    # the agent of someone else's description
    ("Il était accompagné de Paul Martin, envoyé sur place la veille par Jean Durand, pour l'annonce.", "Jean Durand",
     []),
])
def test_roles_belong_to_the_name_they_describe(text, name, roles):
    found = {e.name: e.roles for e in analyze(text).entities if e.type == "PERSON"}
    assert found[name] == roles


def test_a_seat_of_power_is_no_person():
    analysis = analyze("Le plan sera présenté jeudi, selon Matignon.")
    assert [(e.name, e.type) for e in analysis.entities] == [("Matignon", "ORG")]
    assert analysis.quotes[0].speaker.name == "Matignon"
