"""End to end in real headless Chromium (Debian's ``chromium``, driven by Playwright): every
page loads, a reader clicks article → speaker → trail → outlet, nothing injected runs.
Screenshots go to $SOURCIER_SCREENSHOTS, else a temporary folder. Skipped without
/usr/bin/chromium."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serve.conftest import HOSTILE

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
TIMEOUT_MS = 20_000  # a loaded CI machine; every wait is for a selector, never a fixed sleep


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(analyses, tmp_path_factory) -> Iterator[str]:
    """The app on 127.0.0.1 in a thread, over its own SQLite copy of the corpus."""
    import uvicorn

    from sourcier.serve import create_app
    from sourcier.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'corpus.db'}"
    with open_store(url) as store:
        store.add_batch(analyses)
    app = create_app(url)
    assert app.state.sourcier.provenance.wait(120)  # reprints and relays ready before the first page
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(600):  # up to 30 s for the server to listen
        if running.started:
            started.set()
            break
        started.wait(0.05)
    assert running.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        running.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    where = Path(os.environ.get("SOURCIER_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    where.mkdir(parents=True, exist_ok=True)
    return where


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.errors = []  # type: ignore[attr-defined]
    tab.dialogs = []  # type: ignore[attr-defined]
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    try:
        yield tab
    finally:
        context.close()


PAGES = {
    "home": ("/", "The corpus at a glance"),
    "search": ("/search?q=ambassadeur", "Search"),
    "speakers": ("/speakers", "Speakers"),
    "outlets": ("/outlets", "Outlets"),
    "relations": ("/relations", "Relations"),
    "trail": ("/trail", "Trail"),
    "docs": ("/docs", "HTTP API"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_loads(server, page, shots, name):
    path, heading = PAGES[name]
    page.goto(server + path)
    assert page.locator("h1").first.inner_text() == heading
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert page.errors == []


def test_click_through_article_speaker_trail_outlet(server, page, shots):
    page.goto(server + "/search?q=ambassadeur")
    page.locator("ol.hits li a").first.click()
    page.wait_for_selector("q.quote")
    assert page.locator("q.quote").count() >= 1
    assert page.locator("aside.side h2", has_text="Sources").is_visible()
    page.screenshot(path=str(shots / "article.png"), full_page=True)

    speaker_link = page.locator("aside.side a[href^='/speakers/']").first
    name = speaker_link.inner_text()
    speaker_link.click()
    page.wait_for_selector("h2#h-quotes")
    assert page.locator("h1").inner_text() == name
    assert page.locator(".quote-item").count() >= 1
    page.screenshot(path=str(shots / "speaker.png"), full_page=True)

    page.locator(".quote-item a", has_text="trail").first.click()
    page.wait_for_selector("h2#h-app")
    assert page.locator("ol.timeline > li").count() >= 1
    page.screenshot(path=str(shots / "trail-quote.png"), full_page=True)

    outlet_link = page.locator("ol.timeline a[href^='/outlets/']").first
    outlet = outlet_link.inner_text()
    outlet_link.click()
    page.wait_for_selector("h2#h-cites")
    assert page.locator("h1").inner_text() == outlet
    page.screenshot(path=str(shots / "outlet.png"), full_page=True)
    assert page.errors == []


def _json(page, url: str):
    page.goto(url)
    return page.evaluate("() => JSON.parse(document.body.innerText)")


def test_story_trail_draws_the_relay_graph(server, page, shots):
    clusters = _json(page, server + "/api/reprints")["clusters"]
    reprinted = next(c for c in clusters if len(c["members"]) > 1)["members"][0]["id"].split("+")[0]
    page.goto(f"{server}/articles/{reprinted}")
    page.locator("a", has_text="Trail of this story").click()
    page.wait_for_selector("svg.graph")
    assert page.locator("svg.graph circle.node").count() >= 2
    assert page.locator("#h-edges ~ ul li em", has_text="aligned_text").count() >= 1
    page.screenshot(path=str(shots / "trail-story.png"), full_page=True)
    page.locator("svg.graph").screenshot(path=str(shots / "relay-graph.png"))


def test_injected_markup_never_runs(server, page, shots):
    article = next(a for a in _json(page, server + "/api/articles?limit=500")["items"]
                   if a["outlet"] == HOSTILE["outlet"])
    page.goto(f"{server}/articles/{article['id']}")
    page.wait_for_selector("q.quote")
    assert page.locator("script").count() == 0
    assert page.locator(".text img, h1 img").count() == 0
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    page.screenshot(path=str(shots / "hostile-article.png"), full_page=True)
    assert page.dialogs == []


def test_phone_sized_screen_has_no_sideways_scroll(server, browser, shots):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    try:
        tab = context.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        tab.goto(server + "/")
        tab.locator("ul.plain a[href^='/articles/']").first.click()
        tab.wait_for_selector("q.quote, .text p")
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        tab.screenshot(path=str(shots / "article-phone.png"), full_page=True)
        assert overflow <= 1
    finally:
        context.close()


def test_keyboard_reaches_the_content(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('main') !== null")
    assert focused
