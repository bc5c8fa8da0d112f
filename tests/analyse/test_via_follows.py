"""via follows the speaker: a venue holds for their later quotes until they give another
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def vias(text: str) -> list[tuple[str, str | None, set[str]]]:
    """(quote text, speaker, via names) of each quote, checking via points at the sources."""
    analysis = analyze(text)
    names = {s.id: s.name for s in analysis.sources}
    out = []
    for q in analysis.quotes:
        assert all(names[v.source] == v.name for v in q.via)
        out.append((q.text, q.speaker.name, {v.name for v in q.via}))
    return out


def via_of(found, start: str) -> set[str]:
    hits = [v for text, _, v in found if text.startswith(start)]
    assert hits, f"no quote starting {start!r} among {[t for t, _, _ in found]}"
    return hits[0]


def test_via_a_relay_of_a_speaker_holds_for_their_later_quotes():
    found = vias(
        "Le ministre malien de la Défense, Sadio Keïta, cité par l'ORTM, a affirmé que « l'armée tient toutes ses positions ».\n\n"
        "Le lendemain, Sadio Keïta a ajouté que « les renforts sont arrivés à Gao »."
    )
    assert via_of(found, "l'armée tient") == {"ORTM"}
    assert via_of(found, "les renforts") == {"ORTM"}


def test_via_a_new_venue_replaces_the_old_one():
    found = vias(
        "Le député Paul Mensah a déclaré à RFI que « la loi sera votée ». Deux jours plus tard, sur France 24, "
        "Paul Mensah a assuré que « le texte est prêt ».\n\n"
        "« Nous irons jusqu'au bout », a encore dit Paul Mensah."
    )
    assert via_of(found, "la loi sera") == {"RFI"}
    assert via_of(found, "le texte est") == {"France 24"}
    assert via_of(found, "Nous irons") == {"France 24"}


def test_via_an_interview_is_not_moved_by_a_relay_of_one_sentence():
    found = vias(
        "Dans un entretien accordé à Jeune Afrique, la ministre Aïcha Bello a défendu la réforme.\n\n"
        "« Elle est juste », a affirmé Aïcha Bello, selon l'agence Wafa.\n\n"
        "« Nous ne reculerons pas », a-t-elle conclu."
    )
    assert via_of(found, "Elle est juste") == {"Jeune Afrique", "Wafa"}
    assert via_of(found, "Nous ne reculerons") == {"Jeune Afrique"}


def test_via_a_relay_of_a_story_is_no_venue_of_its_actors():
    found = vias(
        "« Nous partirons en mai », a déclaré le président Marc Ondo lors d'un meeting.\n\n"
        "Marc Ondo a ensuite appelé son homologue, comme le révèle Reuters.\n\n"
        "« Le dialogue est ouvert », a ajouté Marc Ondo."
    )
    assert via_of(found, "Nous partirons") == set()
    assert via_of(found, "Le dialogue est") == set()


def test_via_venue_of_one_speaker_is_not_another_speakers():
    found = vias(
        "Au micro de RFI, l'opposant Cellou Baldé a dénoncé « une parodie de justice ».\n\n"
        "Le procureur Ousmane Camara estime au contraire que « le droit a été dit »."
    )
    assert via_of(found, "une parodie") == {"RFI"}
    assert via_of(found, "le droit a été") == set()


def test_via_tribune_and_a_later_quote():
    found = vias(
        "Dans une tribune au Monde, l'économiste Hélène Marchal estime que « la taxe carbone est injuste ».\n\n"
        "« Il faut la repenser entièrement », écrit encore Hélène Marchal."
    )
    assert via_of(found, "la taxe carbone") == {"Le Monde"}
    assert via_of(found, "Il faut la repenser") == {"Le Monde"}


def test_via_words_said_before_any_venue_came_through_none():
    found = vias(
        "Le président Andrzej Nowak a affirmé que « la frontière restera ouverte ».\n\n"
        "Dans un entretien accordé à Euronews, Andrzej Nowak a ensuite déclaré que « l'aide continuera »."
    )
    assert via_of(found, "la frontière restera") == set()
    assert via_of(found, "l'aide continuera") == {"Euronews"}


def test_via_interview_venue_without_a_pronoun_is_not_the_person_named_last():
    found = vias(
        "Le président Carlos Mendes a promis que « les stylos seront brésiliens ».\n\n"
        "Un porte-parole de la présidence, auquel l'AFP a demandé des précisions, n'a pas répondu.\n\n"
        "Carlos Mendes a ensuite assuré que « la décision est prise »."
    )
    assert via_of(found, "la décision est prise") == set()


def test_via_a_lead_takes_the_venue_named_right_after_it():
    found = vias(
        "Les inondations ont fait 40 morts dans la région de Kayes, a annoncé mardi le gouverneur, Moussa Coulibaly.\n\n"
        "« Nous avons encore besoin de tentes et de médicaments », a-t-il déclaré à Reuters."
    )
    # "encore" inside the quoted words says nothing of when he spoke to Reuters
    assert via_of(found, "Les inondations") == {"Reuters"}
    assert via_of(found, "Nous avons encore") == {"Reuters"}


def test_via_no_lead_takes_a_venue_past_someone_elses_words():
    found = vias(
        "Les inondations ont fait 40 morts dans la région de Kayes, a annoncé mardi le gouverneur, Moussa Coulibaly.\n\n"
        "Le maire de Kayes, Awa Traoré, a affirmé que les secours manquaient de camions.\n\n"
        "« Nous avons besoin de tentes », a déclaré Moussa Coulibaly à Reuters."
    )
    assert via_of(found, "Les inondations") == set()
    assert via_of(found, "Nous avons besoin") == {"Reuters"}


def test_via_a_venue_said_to_come_later_takes_no_lead():
    found = vias(
        "Le gouverneur Moussa Coulibaly a annoncé que les écoles resteraient fermées.\n\n"
        "Il a également déclaré à Reuters que « les secours arrivent »."
    )
    assert via_of(found, "les écoles") == set()
    assert via_of(found, "les secours arrivent") == {"Reuters"}


def test_via_a_relay_named_after_a_lead_covers_its_own_sentence_only():
    found = vias(
        "Le gouverneur Moussa Coulibaly a annoncé que les écoles resteraient fermées.\n\n"
        "« Les secours arrivent », a-t-il dit, selon des propos rapportés par l'agence Anadolu."
    )
    assert via_of(found, "les écoles") == set()
    assert via_of(found, "Les secours arrivent") == {"Anadolu"}
