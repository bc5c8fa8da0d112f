"""An article whose title, text, outlet, URL and quotes carry script and markup: every page
shows it as text, never as markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.serve.conftest import HOSTILE, IMG, PAYLOAD

pytestmark = pytest.mark.slow
ESCAPED_SCRIPT = "&lt;script&gt;"


def _hostile(client):
    hits = client.get("/api/articles", params={"outlet": HOSTILE["outlet"]}).json()["items"]
    assert len(hits) == 1
    return client.get(f"/api/articles/{hits[0]['id']}").json()


def _pages(client) -> dict[str, str]:
    article = _hostile(client)
    analysis = article["analysis"]
    quote = analysis["quotes"][0]["text"]
    assert "<script>" in quote or "<img" in quote  # the payload made it into a quote
    speaker = client.get("/api/quotes", params={"text": "ingérence"}).json()["items"][0]["speaker"]["id"]
    paths = {
        "home": "/",
        "search": "/search?q=ingérence",
        "search for the payload": "/search?q=" + PAYLOAD,
        "article": f"/articles/{analysis['id']}",
        "outlet": f"/outlets/{HOSTILE['outlet']}",
        "outlets": "/outlets",
        "speakers": "/speakers",
        "trail": "/trail?quote=" + quote,
        "relations": "/relations?actor=" + PAYLOAD,
        "docs": "/docs",
    }
    if speaker:
        paths["speaker"] = f"/speakers/{speaker}"
    pages = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, name
        pages[name] = response.text
    return pages


class _Active(HTMLParser):
    """Collects what a browser would run or fetch: script and img elements, event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object"):
            self.found.append(tag)
        self.found += [f"{tag}[{name}]" for name, _ in attrs if name.startswith("on")]


def _scripts_and_handlers(html: str) -> list[str]:
    parser = _Active()
    parser.feed(html)
    return parser.found


def test_no_page_renders_the_payload_as_markup(client):
    for name, html in _pages(client).items():
        assert _scripts_and_handlers(html) == [], name
        assert PAYLOAD not in html and IMG not in html, name


def test_the_payload_is_shown_escaped_where_it_belongs(client):
    pages = _pages(client)
    for name in ("article", "search", "outlet", "trail"):
        assert ESCAPED_SCRIPT in pages[name] or "&lt;img" in pages[name], name
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in pages["outlet"]


def test_the_url_cannot_break_out_of_its_attribute(client):
    article = _hostile(client)
    html = client.get(f"/articles/{article['analysis']['id']}").text
    assert '"><script>' not in html
    assert "&#34;&gt;&lt;script&gt;" in html


def test_pages_forbid_inline_scripts(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_search_highlights_hits_in_titles_snippets_and_quotes(client):
    html = client.get("/search", params={"q": "ingérence"}).text
    assert html.count("<mark>ingérence</mark>") >= 2  # the hostile article's snippet and its quote
    hostile = client.get("/search", params={"q": "refusons"}).text
    # escaped first, then highlighted: the payload next to a hit is still text
    assert "<mark>refusons</mark> &lt;script&gt;" in hostile
