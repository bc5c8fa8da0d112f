"""sourcier_via: which media each quote's words came through (sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier import analyze

pytestmark = pytest.mark.slow


def vias(analysis) -> list[tuple[str, set[str]]]:
    """(quote text, via names) for every quote, checking that via points at the analysis' sources."""
    ids = {s.id: s.name for s in analysis.sources}
    out = []
    for q in analysis.quotes:
        for v in q.via:
            assert ids[v.source] == v.name
        out.append((q.text, {v.name for v in q.via}))
    return out


def via_of(analysis, start: str) -> set[str]:
    found = [v for text, v in vias(analysis) if text.startswith(start)]
    assert found, f"no quote starting {start!r} among {[t for t, _ in vias(analysis)]}"
    return found[0]


def test_via_seed_interview_venue_and_sentence_relay(seed_text):
    analysis = analyze(seed_text)
    diop = [q for q in analysis.quotes if q.speaker.name == "Abdoulaye Diop"]
    assert len(diop) >= 4
    for q in diop:
        assert "Sputnik" in {v.name for v in q.via}, q.text
    assert via_of(analysis, "L’URSS a été") == {"Sputnik", "agence de presse africaine"}
    # the photo credit carries no words
    assert not any("Sputnik Afrique" in v for _, v in vias(analysis))


def test_via_dateline_covers_every_quote():
    text = (
        "Niamey, 14 mai 2024 (AFP) — Le Niger garde sa frontière avec le Bénin fermée.\n\n"
        "« Nous attendons des garanties claires », a déclaré le porte-parole du gouvernement, Amadou Issa.\n\n"
        "« Le dialogue reste ouvert », a assuré de son côté le ministre béninois Jean Hounkpè."
    )
    analysis = analyze(text)
    assert via_of(analysis, "Nous attendons") == {"AFP"}
    assert via_of(analysis, "Le dialogue reste") == {"AFP"}


def test_via_relay_in_the_sentence_only():
    text = (
        "« La transition ira à son terme », a affirmé le colonel Issa Kaboré, selon l'ORTM.\n\n"
        "« Nous demandons un calendrier », a répondu l'opposant Moussa Diarra."
    )
    analysis = analyze(text)
    assert via_of(analysis, "La transition ira") == {"ORTM"}
    assert via_of(analysis, "Nous demandons") == set()


def test_via_interview_venue_follows_the_speaker_not_others():
    text = (
        "Dans un entretien accordé à RFI, le ministre ivoirien de la Défense, Adama Koné, a défendu l'accord.\n\n"
        "« Nous ne choisissons pas un camp contre un autre », a-t-il expliqué.\n\n"
        "Plus loin, Adama Koné a assuré que « les premiers drones arriveront en juin ».\n\n"
        "« C'est une erreur stratégique », a déclaré l'opposant Pascal Affi N'Guessan."
    )
    analysis = analyze(text)
    assert via_of(analysis, "Nous ne choisissons") == {"RFI"}
    assert "RFI" in [name for t, v in vias(analysis) if "drones" in t for name in v]
    assert via_of(analysis, "C'est une erreur") == set()


def test_via_outlet_as_speaker():
    analysis = analyze("Selon l'AFP, les combats ont repris mardi matin autour de Kidal.")
    assert via_of(analysis, "les combats ont repris") == {"AFP"}


def test_via_reporter_of_an_outlet():
    text = "A Gao, un journaliste de l'AFP dit avoir vu une colonne de blindés quitter la ville."
    analysis = analyze(text)
    assert {"AFP"} in [v for _, v in vias(analysis)]


def test_via_story_about_a_journalist_is_no_via():
    text = "Le ministre a affirmé que « le journaliste de RFI Ghislaine Dupont a été tuée par un groupe armé »."
    for _, v in vias(analyze(text)):
        assert "RFI" not in v


def test_via_each_medium_once_and_scopes_filled(nlp):
    text = (
        "Niamey, 14 mai 2024 (AFP) — Le Niger garde sa frontière fermée.\n\n"
        "« Nous attendons des garanties », a déclaré le porte-parole Amadou Issa à l'AFP."
    )
    doc = nlp(text)
    quote = next(q for q in doc._.sourcier_quotes if doc.text[q.content[0] : q.content[1]].startswith("Nous attendons"))
    by_key = {s.key: s for s in doc._.sourcier_sources}
    assert [by_key[k].name for k in quote.via] == ["AFP"]
    assert all(quote.content in by_key[k].scope for k in quote.via)
