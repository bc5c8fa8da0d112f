"""Publication dates as French news writes them (dates written for these tests)."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

import pytest

from sourcier.ingest.dates import jsonld_published, normalise_published, parse_french_date, publication_time
from sourcier.ingest.html import read_html
from sourcier.ingest.readers import read_jsonl

BODY = (
    "<p>Le conseil municipal de Saint-Malo a voté mardi soir la rénovation complète du port de plaisance, "
    "un chantier estimé à douze millions d'euros qui doit commencer au printemps prochain.</p>"
    "<p>Les plaisanciers craignent une hausse des tarifs d'amarrage, que la mairie promet de contenir "
    "pendant trois ans, et l'opposition réclame une consultation publique.</p>"
)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("12 mars 2024", "2024-03-12"),
        ("12/03/2024", "2024-03-12"),
        ("03/04/2024", "2024-04-03"),  # day first
        ("jeudi 7 novembre 2019 à 18h45", "2019-11-07T18:45"),
        ("Publié le 1er août 2021 à 09:30", "2021-08-01T09:30"),
        ("Mis à jour le 28/02/2023", "2023-02-28"),
        ("le 3 févr. 2022", "2022-02-03"),
        ("2024-03-12T10:00:00+01:00", "2024-03-12T10:00:00+01:00"),
        ("Tue, 12 Mar 2024 10:00:00 GMT", "2024-03-12T10:00:00+00:00"),
    ],
)
def test_french_and_standard_dates_become_iso(written, iso):
    assert parse_french_date(written) == iso


@pytest.mark.parametrize("written", ["mars 2024", "bientôt", "2024-13-45", "le lendemain du vote"])
def test_unreadable_dates_are_none_with_a_warning(written):
    warnings: list[str] = []
    assert normalise_published(written, warnings) is None
    assert len(warnings) == 1 and "could not be read" in warnings[0]


def test_publication_time_says_whether_it_is_the_published_or_first_seen_time():
    seen = datetime(2024, 3, 14, 8, 0, tzinfo=timezone.utc)
    assert publication_time("12 mars 2024", seen) == ("2024-03-12", "published")
    assert publication_time("hier soir", seen) == ("2024-03-14T08:00:00+00:00", "first_seen")
    assert publication_time(None, seen)[1] == "first_seen"


def test_jsonld_date_published_is_found_in_a_graph_after_a_broken_block():
    scripts = ["{not json", json.dumps({"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2024-03-12"}]})]
    assert jsonld_published(scripts) == "2024-03-12"
    assert jsonld_published([json.dumps({"@type": "WebPage"})]) is None


def test_html_page_date_from_jsonld_in_french_format():
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "12/03/2024"})
    page = f'<html><head><script type="application/ld+json">{ld}</script></head><body><article>{BODY}</article></body></html>'
    assert read_html(page).meta.published == "2024-03-12"


def test_jsonl_french_date_is_stored_as_iso_and_an_unreadable_one_warns():
    text = "Le conseil municipal de Saint-Malo a voté mardi soir la rénovation complète du port de plaisance."
    lines = [json.dumps({"id": 1, "text": text, "date": "12 mars 2024"}), json.dumps({"id": 2, "text": text, "date": "la veille"})]
    first, second = read_jsonl(io.StringIO("\n".join(lines)))
    assert first.meta.published == "2024-03-12"
    assert second.meta.published is None
    assert any("could not be read" in w for w in second.warnings)
