"""Readers given hostile input: every failure is one document's coded error, never a crash,
a hang, a truncated article or another document's loss."""

from __future__ import annotations

import io
import json
import os
import threading
import unicodedata

import pytest
from hostile_builders import SENTENCE, article, billion_laughs_feed, nested_html, page, warc_record

from sourcier.errors import InputError, InputTooLarge, MalformedInput, UnreadableInput
from sourcier.ingest import MAX_TEXT_CHARS, iter_documents, read_feed, read_html, read_jsonl, read_text, read_warc
from sourcier.ingest.encoding import decode_bytes
from sourcier.model import Document
from sourcier.knowledge.publishers import url_domain
from sourcier.store.urls import canonical_url, url_hash


def documents(results):
    return [r for r in results if isinstance(r, Document)]


def failures(results):
    return [r for r in results if isinstance(r, InputError)]


def within(seconds: float, produce):
    """``produce()``, failing the test instead of hanging it when it takes longer."""
    box: list = []
    worker = threading.Thread(target=lambda: box.append(produce()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, f"still running after {seconds} s"
    return box[0]


# --------------------------------------------------------------------------- URLs


@pytest.mark.parametrize("url", ["http://x:99999/", "http://x:port/", "http://[::1/", "https://[zz]/a"])
def test_url_keys_of_a_url_that_does_not_parse_are_none(url):
    assert canonical_url(url) is None and url_hash(url) is None
    url_domain(url)  # the host, when there is one: no exception


def test_a_bad_url_costs_the_document_its_url_not_the_batch(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "port", "text": article("A"), "url": "http://x:99999/"},
        {"id": "ok", "text": article("B"), "url": "https://example.org/b"},
    ]), encoding="utf-8")
    bad, good = read_jsonl(path)
    assert bad.meta.url is None and any("URL ignored" in w and "99999" in w for w in bad.warnings)
    assert good.meta.url == "https://example.org/b" and not good.warnings


def test_a_canonical_link_with_a_bad_port_is_dropped():
    html = page("A").replace(b"<html>", b'<html><head><link rel="canonical" href="http://x:99999/a"></head>')
    fetched = read_html(html, "p.html", url="https://example.org/a")
    assert fetched.meta.url == "https://example.org/a"  # the URL fetched stands; the bad one is reported
    assert any("99999" in w for w in fetched.warnings)
    alone = read_html(html, "p.html")
    assert alone.meta.url is None and any("URL ignored" in w for w in alone.warnings)


# --------------------------------------------------------------------------- Unicode


def test_lone_surrogates_are_replaced_and_reported_in_every_field(tmp_path):
    path = tmp_path / "in.jsonl"
    line = json.dumps({"id": "s", "text": article("A") + " \ud800 fin", "title": "Titre \udfff",
                       "url": "https://example.org/\ud800", "outlet": "Journal\x00"})
    assert "\\ud800" in line  # the escape: valid JSON, a lone surrogate once parsed
    path.write_text(line + "\n" + json.dumps({"id": "h", "html": page("B").decode() + "\ud800"}) + "\n",
                    encoding="utf-8")
    text_doc, html_doc = read_jsonl(path)
    for document in (text_doc, html_doc):
        document.text.encode("utf-8")  # encodable: hashable and storable
        assert any("U+FFFD" in w for w in document.warnings)
    assert text_doc.text.endswith(" \ufffd fin")
    assert (text_doc.meta.title, text_doc.meta.outlet) == ("Titre \ufffd", "Journal\ufffd")
    assert text_doc.meta.url == "https://example.org/\ufffd"


def test_text_is_normalised_to_nfc_with_exact_paragraphs():
    nfc = article("élevé")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    document = read_text(nfd)
    assert document.text == nfc and any("NFC" in w for w in document.warnings)
    html = read_html(unicodedata.normalize("NFD", page("élevé").decode()), "p.html")
    assert unicodedata.is_normalized("NFC", html.text)
    for p in html.paragraphs:
        chunk = html.text[p.start : p.end]
        assert chunk == chunk.strip() and chunk.startswith(("Le ministre", "Crédit"))


def test_a_file_mixing_utf8_and_cp1252_is_decoded_line_by_line():
    data = "Élection à Dakar : café\n".encode() + "Le président a parlé à l'été.\n".encode("cp1252") + "Fin – ôté\n".encode()
    text, warnings = decode_bytes(data)
    assert text == "Élection à Dakar : café\nLe président a parlé à l'été.\nFin – ôté\n"
    assert any("1 line(s)" in w and "cp1252" in w for w in warnings)


# --------------------------------------------------------------------------- sizes


def test_a_text_over_the_models_length_is_refused_by_the_reader():
    with pytest.raises(InputTooLarge) as info:
        read_text("Le texte. " * (MAX_TEXT_CHARS // 10 + 1))
    assert info.value.code == "E104"
    assert MAX_TEXT_CHARS == 1_000_000  # spaCy's own default max_length: see analyse/limits.py


# --------------------------------------------------------------------------- WARC


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.8, 0.95])
def test_a_truncated_gzip_warc_record_is_reported_not_stored(tmp_path, cut):
    first, second = (warc_record(f"https://example.org/{t}", page(t), gzip=True) for t in ("A", "B"))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(first + second[: int(len(second) * cut)])
    results = list(read_warc(path))
    assert [d.meta.url for d in documents(results)] == ["https://example.org/A"]
    (error,) = failures(results)
    assert isinstance(error, MalformedInput) and error.code == "E106" and "byte" in error.message


@pytest.mark.parametrize("compressed", [True, False])
def test_reading_resumes_after_a_torn_record(tmp_path, compressed):
    a, b, c = (warc_record(f"https://example.org/{t}", page(t), gzip=compressed) for t in "ABC")
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(a + b[: len(b) // 2] + c)  # a run killed mid-record, then the next run's records
    results = list(read_warc(path))
    assert [d.meta.url for d in documents(results)] == ["https://example.org/A", "https://example.org/C"]
    assert len(failures(results)) == 1
    assert documents(results)[1].text.startswith(SENTENCE)


def test_a_corrupt_warc_message_shows_no_binary(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_record("https://example.org/A", page("A"), gzip=True) + b"\x1f\x8b\x08\x00\x1b[31m\x07" + os.urandom(200))
    (error,) = failures(read_warc(path))
    assert str(error).isprintable()


def test_a_plain_warc_with_junk_between_records_keeps_both_records(tmp_path):
    a, b = (warc_record(f"https://example.org/{t}", page(t), gzip=False) for t in "AB")
    path = tmp_path / "crawl.warc"
    path.write_bytes(a + b"\x00\x1b[2J garbage\r\n" + b)
    results = list(read_warc(path))
    assert [d.meta.url for d in documents(results)] == ["https://example.org/A", "https://example.org/B"]
    assert all(str(e).isprintable() for e in failures(results))


# --------------------------------------------------------------------------- HTML and feeds


@pytest.mark.parametrize("depth", [300, 5000])
def test_deeply_nested_html_keeps_its_text(depth):
    document = read_html(nested_html(depth), "deep.html")
    assert document.text.count(SENTENCE) == 3


def test_billion_laughs_in_a_feed_is_refused_without_expansion():
    results = within(10, lambda: list(read_feed(io.BytesIO(billion_laughs_feed()))))
    (error,) = results
    assert isinstance(error, MalformedInput) and "ENTITY" in error.message


# --------------------------------------------------------------------------- folders and patterns


def test_a_named_pipe_in_a_folder_is_skipped_not_waited_on(tmp_path):
    (tmp_path / "a.txt").write_text(article("A"), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    results = within(20, lambda: list(iter_documents([tmp_path])))
    assert len(documents(results)) == 1
    (error,) = failures(results)
    assert isinstance(error, UnreadableInput) and error.origin.endswith("pipe.txt")


def test_a_recursive_pattern_does_not_follow_symlink_loops(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(article("A"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article("B"), encoding="utf-8")
    for name, target in (("up", ".."), ("here", "."), ("again", "../sub")):
        (tmp_path / "sub" / name).symlink_to(target)
    results = within(20, lambda: list(iter_documents([str(tmp_path / "**" / "*.txt")])))
    assert sorted(os.path.basename(d.origin) for d in documents(results)) == ["a.txt", "b.txt"]
