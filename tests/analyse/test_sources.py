"""sourcier_sources on sentences written for these tests: every cue pattern, names, outlet facts."""

from __future__ import annotations

import pytest

from sourcier import analyze
from sourcier.model import ArticleMeta

pytestmark = pytest.mark.slow


def pairs(text: str, meta: ArticleMeta | None = None) -> set[tuple[str, str]]:
    return {(s.name, s.role) for s in analyze(text, meta=meta).sources}


def check_mentions(analysis) -> None:
    for source in analysis.sources:
        for m in source.mentions:
            assert analysis.text[m.start : m.end] == m.text


CASES = [
    # interview
    ("Dans un entretien accordé à RFI, le ministre nigérien Issa Maïga a défendu la réforme.", ("RFI", "interview")),
    ("« Nous tiendrons les délais », a déclaré le ministre à Jeune Afrique.", ("Jeune Afrique", "interview")),
    ("Le général Koné a confié à France 24 qu'il ne briguerait pas de mandat.", ("France 24", "interview")),
    ("Interrogé par l'AFP, le porte-parole de l'armée a démenti toute attaque.", ("AFP", "interview")),
    ("Au micro de RFI, la ministre Awa Diallo a annoncé un remaniement.", ("RFI", "interview")),
    ("Sur les antennes de la RTS, le Premier ministre a promis des élections.", ("RTS", "interview")),
    ("Sur le plateau de TV5Monde, l'opposant Moussa Traoré a appelé au calme.", ("TV5Monde", "interview")),
    ("Dans une interview à Jeune Afrique, l'ancien président dit regretter sa décision.", ("Jeune Afrique", "interview")),
    ("Le ministre Oumar Sy a accordé un long entretien à France 24 et RFI.", ("RFI", "interview")),
    # relay
    ("Selon l'AFP, trois soldats ont été tués dans l'attaque de Ménaka.", ("AFP", "relay")),
    ("D'après Reuters, les négociations de Doha ont échoué.", ("Reuters", "relay")),
    ("Le bilan s'élève à douze morts, rapporte l'agence Anadolu.", ("Anadolu", "relay")),
    ("« Nous resterons à Gao », a-t-il dit, cité par l'ORTM.", ("ORTM", "relay")),
    ("D'après une dépêche de l'Agence de presse sénégalaise (APS), l'accord a été signé à Dakar.", ("APS", "relay")),
    ("Les troupes se retirent de Kidal, a indiqué RFI mardi.", ("RFI", "relay")),
    ("Le Mali rouvre ses écoles, selon l'agence de presse africaine.", ("agence de presse africaine", "relay")),
    ("Le couvre-feu est levé à Bamako, selon la télévision nationale.", ("télévision nationale", "relay")),
    ("Le quotidien burkinabè L'Éveil du Sahel a révélé que le ministre avait démissionné.", ("L'Éveil du Sahel", "relay")),
    # byline: an agency credit for the whole article
    ("Dakar, 3 mars 2025 (AFP)\n\nLe Sénégal a rouvert sa frontière avec le Mali.", ("AFP", "byline")),
    ("AFP — Le Niger a fermé sa frontière avec le Bénin.", ("AFP", "byline")),
    ("Le Niger a fermé sa frontière avec le Bénin.\n\nAvec agences", ("agences", "byline")),
    ("Le Togo signe un accord avec la Russie (avec AFP).", ("AFP", "byline")),
    ("Par Awa Diallo, avec Reuters\n\nLe Tchad a lancé une patrouille sur le lac.", ("Reuters", "byline")),
    ("Le Niger a fermé sa frontière avec le Bénin.\n\nAFP", ("AFP", "byline")),
    # photo
    ("Mali : Bamako se tourne vers Moscou\n\nCrédit photo : Sputnik Afrique\n\nLe Mali a reçu des avions.", ("Sputnik Afrique", "photo")),
    ("Le président a reçu l'ambassadeur.\n\n© AFP", ("AFP", "photo")),
    ("Le président a reçu l'ambassadeur.\n\nPhoto : Issouf Sanogo / AFP", ("AFP", "photo")),
    # mention
    ("Le gouvernement malien a suspendu la diffusion de RFI et de France 24.", ("RFI", "mention")),
    ("La revue scientifique Lancet Afrique a consacré un dossier au paludisme.", ("Lancet Afrique", "mention")),
    # names the knowledge base knows under another spelling
    ("Selon l'Agence France-Presse, le sommet est reporté.", ("AFP", "relay")),
    ("France24 - Le président ivoirien a reçu son homologue ghanéen.", ("France 24", "byline")),  # a glued spelling is reported under the canonical name
    ("Extrait d'un article des Echos sur la dette africaine.", ("Les Échos", "relay")),
    ("Dans les colonnes du Figaro, l'architecte Paul Anselme défend son projet.", ("Le Figaro", "interview")),
    ("Joint par franceinfo, le maire de Brest a dénoncé une décision injuste.", ("franceinfo", "interview")),
    ("Les chars avancent vers Kharkiv, selon l'agence allemande dpa.", ("dpa", "relay")),
    ("L'économiste Anne Roux était l'invitée du « Grand Débat » RTL-Le Figaro dimanche.", ("Le Figaro", "interview")),
    ("« Le pétrole baissera », a assuré l'analyste de la radio belge Marc Dubois sur la RTBF.", ("RTBF", "interview")),
    # outlets the knowledge base gained: names it did not know
    ("« Je prendrai ma retraite en juin », a confié le cycliste Marc Aubry à L'Équipe.", ("L'Équipe", "interview")),
    ("Le missile est tombé en mer, a annoncé l'agence officielle KCNA.", ("KCNA", "relay")),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[1][0] + "-" + c[1][1] + str(i) for i, c in enumerate(CASES)])
def test_sources_patterns(text, expected):
    analysis = analyze(text)
    check_mentions(analysis)
    assert expected in {(s.name, s.role) for s in analysis.sources}


@pytest.mark.parametrize(
    "text",
    [
        "Selon le ministre, la route de Gao sera rouverte en mai.",
        "Un média a révélé que le Maroc avait signifié son refus.",
        "Comme l'écrit toute la presse française, le sommet fut un échec.",
        "La chaîne de supermarchés Carrefour ouvre un magasin à Dakar.",
        "La police des Pays-Bas a dispersé les manifestants. Au Pays-Bas, la police a tiré.",
        "Selon l'Agence spatiale européenne, le satellite est en orbite.",
        "Le journal soutient que les médias occidentaux mentent.",
        "Voici ce que le ministre a déclaré mardi à Niamey.",
        "Le chroniqueur de la radio publique Michel Durand a publié un roman.",
    ],
)
def test_sources_none(text):
    assert analyze(text).sources == []


def test_sources_an_acronym_closing_a_paragraph_after_its_name_is_no_credit():
    text = "Le port rouvrira lundi, selon des propos rapportés par l'Agence de presse sénégalaise (APS).\n\nLe trafic reprend."
    assert pairs(text) == {("APS", "relay")}
    assert pairs("Le port rouvrira lundi, a dit le ministre (APS).\n\nLe trafic reprend.") == {("APS", "byline")}


def test_sources_one_pair_per_role_mentions_merged():
    text = (
        "Niamey, 14 mai 2024 (AFP) — Le Niger garde sa frontière fermée, a appris l'AFP de source gouvernementale.\n\n"
        "« Nous attendons des garanties », a déclaré le porte-parole à l'AFP."
    )
    analysis = analyze(text)
    check_mentions(analysis)
    roles = sorted(s.role for s in analysis.sources if s.name == "AFP")
    assert roles == ["byline", "interview", "relay"]
    relay = next(s for s in analysis.sources if s.role == "relay")
    assert len(relay.mentions) == 1
    assert [s.id for s in analysis.sources] == [f"s{i}" for i in range(1, len(analysis.sources) + 1)]


def test_sources_channel_on_the_outlet_that_posted():
    analysis = analyze("Sputnik Afrique a publié la vidéo sur sa chaîne Telegram dimanche soir.")
    sputnik = next(s for s in analysis.sources if s.name == "Sputnik Afrique")
    assert sputnik.channel == "Telegram"


def test_sources_own_account_is_no_source_by_default(nlp):
    text = "Le ministre Ibrahim Touré a écrit sur son compte Facebook que la frontière restait fermée."
    assert analyze(text).sources == []
    extractor = nlp.get_pipe("sourcier_sources")
    extractor.channel_sources = True
    try:
        sources = analyze(text).sources
    finally:
        extractor.channel_sources = False
    assert [(s.name, s.role, s.channel) for s in sources] == [("Facebook", "interview", "Facebook")]


def test_sources_figcaption_credits_from_ingest():
    meta = ArticleMeta(photo_credits=["Seyllou / AFP", "Présidence du Faso"])
    analysis = analyze("Le président a reçu l'ambassadeur de Russie à Ouagadougou.", meta=meta)
    found = {(s.name, s.role): s for s in analysis.sources}
    assert ("AFP", "photo") in found and found[("AFP", "photo")].mentions == []
    assert ("Présidence du Faso", "photo") in found


def test_sources_own_outlet_is_no_relay_of_itself():
    meta = ArticleMeta(url="https://www.seneweb.com/news/politique/article.html", outlet="Seneweb")
    text = (
        "Dans un entretien exclusif accordé à Seneweb, Alioune Tine annonce une libération prochaine.\n\n"
        "Le ministre a démenti, selon un document consulté par Seneweb."
    )
    assert pairs(text, meta) == {("Seneweb", "interview")}
    assert pairs("Les pluies ont fait trois morts à Dakar.", meta) == set()


def test_sources_our_newsroom_is_the_publishing_outlet():
    meta = ArticleMeta(url="https://www.lavoixdusahel.example/article", outlet="La Voix du Sahel")
    text = "Interrogé mercredi par notre rédaction, le maire de Gao a confirmé la réouverture du marché."
    assert pairs(text, meta) == {("La Voix du Sahel", "interview")}


def test_sources_outlet_facts_on_the_seed(seed_text):
    analysis = analyze(seed_text)
    check_mentions(analysis)
    found = {(s.name, s.role): s for s in analysis.sources}
    assert set(found) == {
        ("Sputnik Afrique", "photo"),
        ("Sputnik", "interview"),
        ("agence de presse africaine", "relay"),
    }
    for name in ("Sputnik", "Sputnik Afrique"):
        outlet = next(s.outlet for (n, _), s in found.items() if n == name)
        assert outlet is not None and outlet.state_affiliated is True and outlet.state == "RU" and outlet.country == "RU"
    apa = found[("agence de presse africaine", "relay")]
    assert apa.outlet is not None and apa.outlet.name == "Agence de presse africaine"


def test_sources_render_shows_outlet_facts(seed_text):
    from rich.console import Console

    from sourcier.cli.render_sources import outlet_facts, render_sources

    console = Console(record=True, width=160)
    render_sources(analyze(seed_text), console)
    out = console.export_text()
    assert "Sputnik" in out and "interview" in out and "yes (RU)" in out
    assert "agence de presse africaine" in out and "Agence de presse africaine" in out  # name as written, canonical after
    assert outlet_facts(None) == ("?", "?", "?")
