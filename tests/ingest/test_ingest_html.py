"""read_html: main text, metadata from the page, photo credits, hostile markup."""

from __future__ import annotations

import pytest

from sourcier.errors import EmptyInput, MalformedInput, NotFrench
from sourcier.ingest import read_html, split_paragraphs
from sourcier.ingest.credits import find_credits

P1 = (
    "Le ministre malien des Affaires étrangères, Abdoulaye Diop, a reçu mardi à Bamako une "
    "délégation venue de Moscou pour parler de la coopération militaire entre les deux pays."
)
P2 = (
    "« Nous sommes satisfaits de cette coopération », a déclaré le ministre devant la presse, "
    "ajoutant que de nouveaux équipements seraient livrés avant la fin de l'année."
)
P3 = "Selon l'agence Sputnik, un accord doit être signé dans les prochains mois à Moscou."

PAGE = f"""<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Mali : Bamako et Moscou renforcent leur coopération | Le Journal</title>
<meta property="og:title" content="Mali : Bamako et Moscou renforcent leur coopération">
<meta property="og:site_name" content="Le Journal de Bamako">
<meta property="og:url" content="https://journal.example/og-url">
<meta property="article:published_time" content="2023-03-14T09:30:00+00:00">
<meta name="author" content="Awa Traoré">
<link rel="canonical" href="https://journal.example/mali-moscou">
<style>body {{ color: red }} .x::after {{ content: "pas du texte" }}</style>
<script>var secret = "document.write('pas du texte non plus')";</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article>
<h1>Mali : Bamako et Moscou renforcent leur coopération</h1>
<figure><img src="diop.jpg" alt=""><figcaption>Abdoulaye Diop à Bamako, le 14 mars. © AFP</figcaption></figure>
<p>{P1}</p>
<script>alert("injection")</script>
<p>{P2.replace("«", "&laquo;").replace("»", "&raquo;")}</p>
<p>Crédit photo : Sputnik Afrique</p>
<p>{P3}</p>
<noscript>Activez JavaScript</noscript>
</article>
<aside><figure><figcaption>Un autre article. © Autre Agence</figcaption></figure></aside>
<footer>© 2023 Le Journal de Bamako. Tous droits réservés.</footer>
</body></html>"""


def check_offsets(document):
    assert split_paragraphs(document.text) == document.paragraphs
    for p in document.paragraphs:
        chunk = document.text[p.start : p.end]
        assert chunk and chunk == chunk.strip()


def test_main_text_paragraphs_and_offsets():
    document = read_html(PAGE, "page.html")
    check_offsets(document)
    paragraphs = [document.text[p.start : p.end] for p in document.paragraphs]
    assert P1 in paragraphs and P2 in paragraphs and P3 in paragraphs
    assert "Crédit photo : Sputnik Afrique" in paragraphs  # a paragraph of the text: kept
    assert document.text == "\n\n".join(paragraphs)
    assert "Bamako et Moscou renforcent" not in document.text  # the title is meta, not text
    for junk in ("pas du texte", "injection", "secret", "color", "Accueil", "JavaScript"):
        assert junk not in document.text
    assert "&laquo;" not in document.text and "« Nous" in document.text  # entities decoded
    assert document.meta.language == "fr"
    assert document.origin == "page.html"


def test_metadata():
    meta = read_html(PAGE, "page.html", url="https://journal.example/given").meta
    assert meta.title == "Mali : Bamako et Moscou renforcent leur coopération"
    assert meta.url == "https://journal.example/mali-moscou"  # canonical first
    assert meta.outlet == "Le Journal de Bamako"
    assert meta.published == "2023-03-14T09:30:00+00:00"
    assert meta.authors == ["Awa Traoré"]


def test_url_falls_back_to_og_url_then_given_url():
    no_canonical = PAGE.replace('<link rel="canonical" href="https://journal.example/mali-moscou">', "")
    assert read_html(no_canonical, url="https://journal.example/a").meta.url == "https://journal.example/og-url"
    bare = no_canonical.replace('<meta property="og:url" content="https://journal.example/og-url">', "")
    assert read_html(bare, url="https://given.example/a").meta.url == "https://given.example/a"


@pytest.mark.parametrize(("canonical", "fetched", "kept"), [
    ("https://journal-bamako.fr/mali-moscou", "https://journal-bamako.fr/mali-moscou?amp=1", "canonical"),
    ("https://www.journal-bamako.fr/mali-moscou", "https://m.journal-bamako.fr/12345", "canonical"),
    ("https://www.journal-bamako.fr/mali-moscou", "https://copieur.fr/mali-moscou", "fetched"),  # another site's
    ("https://journal-bamako.fr/mali-moscou", "https://journal-bamako.fr.evil.fr/x", "fetched"),
    ("https://b.github.io/article", "https://a.github.io/article", "fetched"),  # github.io is a public suffix
    ("https://journal.example/a", "https://m.journal.example/a", "fetched"),  # unknown suffix: same host only
    ("https://journal.example/a", "https://journal.example/b", "canonical"),
    ("http://127.0.0.2/a", "http://127.0.0.1/a", "fetched"),
])
def test_canonical_url_is_used_only_on_the_fetched_site(canonical, fetched, kept):
    page = PAGE.replace("https://journal.example/mali-moscou", canonical)
    document = read_html(page, "page.html", url=fetched)
    assert document.meta.url == (canonical if kept == "canonical" else fetched)
    assert any("canonical URL" in w for w in document.warnings) is (kept == "fetched")


def test_photo_credits_from_captions_and_credit_lines():
    credits = read_html(PAGE).meta.photo_credits
    assert credits == ["AFP", "Sputnik Afrique"]  # not the sidebar's, not the footer's copyright


def test_credit_elements():
    page = f"""<html><body><article>
    <div class="image"><img src="a.jpg"><span class="photo-credit">Reuters</span></div>
    <div class="wp-caption-text">Des manifestants à Dakar (Photo Seyllou / AFP)</div>
    <p>{P1}</p><p>{P3}</p></article></body></html>"""
    assert read_html(page).meta.photo_credits == ["Reuters", "Seyllou / AFP"]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("© AFP", ["AFP"]),
        ("Le président à Dakar. ©JOEL SAGET, AFP", ["JOEL SAGET, AFP"]),
        ("©AFP, AFP", ["AFP"]),
        ("Crédit photo : Sputnik Afrique", ["Sputnik Afrique"]),
        ("Crédits photos: X / Reuters.", ["X / Reuters"]),
        ("Crédit : Présidence du Faso", ["Présidence du Faso"]),
        ("Source photo : Présidence de la République", ["Présidence de la République"]),
        ("Photo : Seyllou / AFP", ["Seyllou / AFP"]),
        ("Des manifestants (Photo AFP) à Dakar", ["AFP"]),
        ("© 2023 Reuters - Tous droits réservés", ["Reuters"]),
        ("Photo : le président lors de sa visite", []),  # a description, not a credit
        ("Le président lors de sa visite", []),
    ],
)
def test_find_credits(caption, expected):
    assert find_credits(caption) == expected


def test_line_breaks_inside_a_paragraph():
    page = (
        "<html><body><article><p>Le ministre a parlé longuement de la situation.<br><br>"
        "Il a ensuite répondu aux questions<br>des journalistes présents dans la salle.</p>"
        f"<p>{P1}</p></article></body></html>"
    )
    document = read_html(page)
    check_offsets(document)
    paragraphs = [document.text[p.start : p.end] for p in document.paragraphs]
    assert paragraphs[:2] == [
        "Le ministre a parlé longuement de la situation.",
        "Il a ensuite répondu aux questions des journalistes présents dans la salle.",
    ]


def test_bytes_respect_meta_charset():
    page = PAGE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    document = read_html(page.encode("cp1252", errors="replace"))
    assert P1 in document.text and "é" in document.text
    assert document.warnings == []


def test_latin1_label_is_read_as_cp1252():
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').replace("'", "’")
    document = read_html(page.encode("cp1252"))
    assert "l’année" in document.text


def test_explicit_encoding_wins_over_the_page():
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    assert P1 in read_html(page.encode("utf-8"), encoding="utf-8").text


@pytest.mark.parametrize(
    "garbage",
    ["Juste du texte sans aucune balise, ce n'est pas une page.", "\x1f\x1e<<<>>>&&&;;;", "%%%%"],
)
def test_not_html_is_malformed(garbage):
    with pytest.raises(MalformedInput):
        read_html(garbage, "g.html")


@pytest.mark.parametrize(
    "page",
    ["", "   ", "<html><head><title>Rien</title></head><body></body></html>", "<html><body><script>x()</script></body></html>"],
)
def test_no_text_is_empty(page):
    with pytest.raises(EmptyInput):
        read_html(page, "e.html")


def test_english_page_is_not_french():
    page = (
        "<html><body><article><p>The minister said on Tuesday that the two countries would sign a "
        "new military agreement in the coming months, according to the agency, and that the training "
        "of the soldiers would begin soon after that.</p></article></body></html>"
    )
    with pytest.raises(NotFrench):
        read_html(page)


def test_deeply_nested_markup_does_not_crash():
    page = "<html><body>" + "<div>" * 5000 + f"<p>{P1}</p>" + "</div>" * 5000 + "</body></html>"
    try:
        document = read_html(page)
    except (EmptyInput, MalformedInput):
        return  # refusing is fine; crashing is not
    check_offsets(document)
