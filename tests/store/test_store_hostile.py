"""Hostile input in a corpus ingest: one bad document costs that document alone.

Read with the real readers, analysed by the fake analyser (no model needed), stored on
SQLite and PostgreSQL: every other article is stored exactly as it would be without
the bad one, and the bad one is reported with a code and its input position.
"""

from __future__ import annotations

import json
import time

import store_fake_analyzer as fake
from sourcier.ingest import iter_documents
from sourcier.store.ingest import ingest

FAKE = "store_fake_analyzer:analyze_many"


def write_jsonl(path, records) -> None:
    # ensure_ascii: "\ud800" is written as the escape, valid JSON for a lone surrogate
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def stored_texts(store) -> list[str]:
    import sqlalchemy as sa
    from sourcier.store import schema

    with store.connect() as conn:
        return sorted(conn.execute(sa.select(schema.articles.c.text)).scalars())


def test_bad_urls_and_lone_surrogates_cost_nothing_but_a_character_or_a_url(store, tmp_path):
    records = [
        {"id": "a", "text": fake.article_text(1)},
        {"id": "port", "text": fake.article_text(2), "url": "http://x:99999/"},
        {"id": "bracket", "text": fake.article_text(3), "url": "http://[::1/"},
        {"id": "surrogates", "text": fake.article_text(4) + " \ud800", "title": "Titre \udfff",
         "url": "https://example.org/\ud800", "outlet": "Journal\x00"},
        {"id": "b", "text": fake.article_text(5)},
    ]
    write_jsonl(tmp_path / "in.jsonl", records)
    summary = ingest(iter_documents([tmp_path / "in.jsonl"]), store, workers=0, analyzer=FAKE)
    assert (summary.ingested, summary.failed) == (5, [])
    texts = stored_texts(store)
    assert fake.article_text(4) + " \ufffd" in texts
    # a rerun finds them all known (the same keys are computed again without error)
    again = ingest(iter_documents([tmp_path / "in.jsonl"]), store, workers=0, analyzer=FAKE)
    assert (again.ingested, again.already_present, again.failed) == (0, 5, [])


def test_a_crashing_document_fails_alone_and_is_named(store, tmp_path):
    records = [{"id": f"n{i}", "text": fake.article_text(i) + (" PLANTAGE" if i == 3 else "")} for i in range(7)]
    write_jsonl(tmp_path / "in.jsonl", records)
    summary = ingest(iter_documents([tmp_path / "in.jsonl"]), store, workers=0, batch_size=4, analyzer=FAKE)
    assert summary.ingested == 6
    assert [(f.origin, f.reason) for f in summary.failed] == [(f"{tmp_path / 'in.jsonl'}#n3", "E110 UnexpectedFailure")]
    assert "the analyser crashed" in summary.failed[0].message
    assert fake.article_text(2) in stored_texts(store)  # its batch-mates were stored


def test_a_document_over_the_time_budget_is_skipped_and_the_worker_goes_on(store, tmp_path):
    records = [{"id": f"n{i}", "text": fake.article_text(i) + (" LENTEUR" if i == 1 else "")} for i in range(4)]
    write_jsonl(tmp_path / "in.jsonl", records)
    started = time.monotonic()
    summary = ingest(iter_documents([tmp_path / "in.jsonl"]), store, workers=0, batch_size=2, analyzer=FAKE,
                     time_limit=0.5)
    assert time.monotonic() - started < 20  # not the minute the slow document asks for
    assert summary.ingested == 3
    assert [(f.origin.rsplit("#", 1)[1], f.reason) for f in summary.failed] == [("n1", "E109 DocumentTimeout")]


def test_the_time_budget_holds_in_worker_processes(store, tmp_path):
    records = [{"id": f"n{i}", "text": fake.article_text(i) + (" LENTEUR" if i == 2 else "")} for i in range(4)]
    write_jsonl(tmp_path / "in.jsonl", records)
    summary = ingest(iter_documents([tmp_path / "in.jsonl"]), store, workers=1, batch_size=2, analyzer=FAKE,
                     time_limit=0.5)
    assert summary.ingested == 3
    assert [f.reason for f in summary.failed] == ["E109 DocumentTimeout"]


def test_nfd_and_nfc_copies_of_one_article_are_one_article(store, tmp_path):
    import unicodedata

    text = fake.article_text(8).replace("Dépêche", "Dépêche élémentaire")
    write_jsonl(tmp_path / "in.jsonl", [{"id": "nfc", "text": unicodedata.normalize("NFC", text)},
                                        {"id": "nfd", "text": unicodedata.normalize("NFD", text)}])
    summary = ingest(iter_documents([tmp_path / "in.jsonl"]), store, workers=0, analyzer=FAKE)
    # one text, analysed once; the second record is another publication of it
    assert (summary.ingested, summary.new_publications, summary.already_present) == (1, 1, 0)
