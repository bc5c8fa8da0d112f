"""Quotes marked by the layout: embedded posts, block quotations, dash-signed headlines (sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def quotes(text: str) -> list[tuple[str, str, str | None]]:
    analysis = analyze(text)
    for q in analysis.quotes:
        assert analysis.text[q.start : q.end] == q.text
    return [(q.type, q.text, q.speaker.name if q.speaker else None) for q in analysis.quotes]


POST = (
    "Le débat sur le budget a enflammé les réseaux sociaux pendant tout le week-end, bien au-delà des cercles"
    " militants habituels, et jusque dans les rangs de la majorité présidentielle elle-même.\n\n"
    "Les comptes publics vont mal.\n\n"
    "Il faudra choisir entre la dette et les impôts.\n\n"
    "— Jeanne Martin (@jmartin_eco) March 4, 2023\n\n"
    "Le ministre n'a pas répondu."
)


def test_embedded_post_is_quoted_paragraph_by_paragraph():
    found = quotes(POST)
    assert ("direct", "Les comptes publics vont mal.", "Jeanne Martin") in found
    assert ("direct", "Il faudra choisir entre la dette et les impôts.", "Jeanne Martin") in found
    assert not any(t.startswith("Le débat sur le budget") for _, t, _ in found)
    assert not any(t.startswith("Le ministre") for _, t, _ in found)


def test_french_date_in_the_signature():
    found = quotes("Il faudra choisir entre la dette et les impôts.\n\n— Jeanne Martin (@jmartin_eco) 4 mars 2023")
    assert found == [("direct", "Il faudra choisir entre la dette et les impôts.", "Jeanne Martin")]


def test_a_dash_line_without_handle_is_not_a_signature():
    found = quotes("Il faudra choisir entre la dette et les impôts.\n\n— Jeanne Martin, 4 mars 2023")
    assert found == []


def test_block_quotation_after_a_verb_and_a_colon():
    found = quotes(
        "L'Assemblée a voté contre la taxe. Le quotidien Libération écrit :\n\n"
        "La majorité ne veut toujours pas taxer les grandes entreprises les plus rentables.\n\n"
        "Le texte repart au Sénat."
    )
    assert [(k, t) for k, t, _ in found] == [
        ("direct", "La majorité ne veut toujours pas taxer les grandes entreprises les plus rentables.")
    ]


def test_colon_without_a_verb_of_saying_is_not_a_block_quotation():
    found = quotes("Voici le programme de la journée :\n\nLa séance reprendra à quinze heures au palais Bourbon.")
    assert found == []


def test_headline_signed_with_a_dash():
    found = quotes(
        "La guerre est entrée dans sa phase la plus dangereuse - Zelensky\n\n"
        "Le président ukrainien Volodymyr Zelensky a parlé mardi devant le Parlement."
    )
    assert ("indirect", "La guerre est entrée dans sa phase la plus dangereuse", "Volodymyr Zelensky") in found


def test_dash_before_a_place_is_not_a_signature():
    found = quotes("Les pluies ont inondé trois quartiers de la ville - Dakar\n\nLa mairie a ouvert des abris.")
    assert found == []


def test_hashtags_after_a_floating_quotation():
    found = quotes(
        "« Nous ne céderons pas », assure la députée Claire Dubois. « Qui paiera la facture ? » #Budget2023"
    )
    assert ("direct", "Qui paiera la facture ?", "Claire Dubois") in found


@pytest.mark.parametrize("compound", ["état-major", "Royaume-Uni", "chef-lieu", "Centre-Afrique"])
def test_a_hyphenated_word_is_one_token_and_never_starts_a_sentence(nlp, compound):
    text = f"Le représentant du {compound} a parlé longtemps, a souligné la présidente."
    doc = nlp(text)
    assert compound in [t.text for t in doc]
    assert len(list(doc.sents)) == 1
    assert "".join(t.text_with_ws for t in doc) == text


def test_clitics_and_spaced_dashes_are_no_hyphenated_words(nlp):
    words = [t.text for t in nlp("« Il viendra », a-t-il dit - sans preuve - au Sud-Kivu.")]
    assert "-t" in words and "-il" in words and words.count("-") == 2 and "Sud-Kivu" in words


def test_a_paragraph_still_starts_a_sentence_next_to_a_hyphenated_word(nlp):
    doc = nlp("Il a rencontré le chef d'état-major\nLa réunion a duré deux heures.")
    assert [s.text.strip() for s in doc.sents][-1] == "La réunion a duré deux heures."


def test_content_before_a_final_incise_keeps_its_hyphenated_words():
    found = quotes("Le gouverneur a remplacé son chef d'état-major, a indiqué lundi la présidence.")
    assert found == [("indirect", "Le gouverneur a remplacé son chef d'état-major", "la présidence")]
