"""Public readers: sidecars, JSONL, feeds, WARC, directories, globs, stdin, failures."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import sys
from pathlib import Path

import pytest

from sourcier.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    MalformedInput,
    NotFrench,
    UnreadableInput,
    UnsupportedInput,
)
from sourcier.ingest import (
    iter_documents,
    read_feed,
    read_jsonl,
    read_path,
    read_text,
    read_warc,
)
from sourcier.model import ArticleMeta, Document

ARTICLE = (
    "Bamako renforce sa coopération avec Moscou\n\n"
    "Le ministre malien de la Défense a reçu mardi une délégation russe à Bamako. "
    "« Nous voulons former nos soldats », a-t-il déclaré devant la presse.\n\n"
    "Selon l'AFP, les deux pays doivent signer un nouvel accord dans les prochains mois.\n"
)
OTHER = (
    "Le président sénégalais a inauguré jeudi un nouveau pont sur le fleuve, en présence de "
    "nombreux habitants venus des villages voisins pour assister à la cérémonie."
)
ENGLISH = (
    "The minister said on Tuesday that the two countries would sign a new military agreement "
    "in the coming months, according to the news agency, and that training would begin soon."
)
PAGE = (
    "<html><head><title>Le pont</title><meta property='og:site_name' content='Dakar Info'></head>"
    f"<body><article><h1>Le pont</h1><p>{OTHER}</p><p>Les travaux ont duré trois ans et ont coûté "
    "plusieurs milliards de francs CFA, selon le ministère.</p></article></body></html>"
)
ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SOURCIER_SHARED", ROOT.parent / "shared"))
WARC_SAMPLE = SHARED / "corpora" / "orangesum" / "raw-sample.warc.gz"


def check_offsets(document: Document) -> None:
    previous_end = 0
    for p in document.paragraphs:
        chunk = document.text[p.start : p.end]
        assert previous_end <= p.start < p.end and chunk and chunk == chunk.strip()
        previous_end = p.end


def docs(results):
    return [r for r in results if isinstance(r, Document)]


def errors(results):
    return [r for r in results if isinstance(r, InputError)]


# --------------------------------------------------------------------------- text and sidecars


def test_read_text_keeps_the_string():
    document = read_text(ARTICLE, meta=ArticleMeta(title="T"), origin="api")
    assert document.text == ARTICLE and document.meta.title == "T" and document.origin == "api"
    assert [document.text[p.start : p.end][:8] for p in document.paragraphs] == ["Bamako r", "Le minis", "Selon l'"]


def test_read_text_drops_a_bom_character():
    document = read_text("\ufeff" + ARTICLE)
    assert document.text == ARTICLE and "UTF-8 BOM removed" in document.warnings


def test_read_text_errors():
    with pytest.raises(EmptyInput):
        read_text(" \n ")
    with pytest.raises(NotFrench):
        read_text(ENGLISH)


def test_sidecar_fills_meta(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"title": "Titre", "url": "https://x.example/a", "outlet": "Le Journal",
                    "published": "2023-01-02", "authors": ["Awa Diop", "Jean Kaboré"]}),
        encoding="utf-8",
    )
    meta = read_path(tmp_path / "a.txt").meta
    assert (meta.title, meta.url, meta.outlet, meta.published) == ("Titre", "https://x.example/a", "Le Journal", "2023-01-02")
    assert meta.authors == ["Awa Diop", "Jean Kaboré"] and meta.language == "fr"


def test_malformed_sidecar_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    document = read_path(tmp_path / "a.txt")
    assert document.text == ARTICLE and any("a.meta.json" in w for w in document.warnings)


def test_credit_line_in_text_goes_to_meta_and_stays_in_text(tmp_path):
    text = "Mali\n\nCrédit Photo : Sputnik Afrique\n\n" + OTHER
    document = read_text(text)
    assert document.text == text and document.meta.photo_credits == ["Sputnik Afrique"]


def test_html_file(tmp_path):
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    document = read_path(tmp_path / "p.html")
    assert document.text.startswith(OTHER) and document.meta.title == "Le pont"
    assert document.meta.outlet == "Dakar Info"


def test_unsupported_and_multi_document_files(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.jsonl").write_text("{}", encoding="utf-8")
    with pytest.raises(UnsupportedInput):
        read_path(tmp_path / "a.pdf")
    with pytest.raises(UnsupportedInput, match="iter_documents"):
        read_path(tmp_path / "a.jsonl")


def test_unreadable(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(UnreadableInput):
        read_path(tmp_path / "dir.txt")
    with pytest.raises(UnreadableInput):
        read_path(tmp_path / "missing.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(UnreadableInput):
        read_path(tmp_path / "broken.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_permission_denied(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(UnreadableInput, match="permission"):
            read_path(path)
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- JSONL


def jsonl_lines():
    return [
        json.dumps({"id": "a-1", "text": ARTICLE, "title": "Bamako", "url": "https://x.example/1",
                    "published": "2023-03-01", "outlet": "Le Journal", "authors": "Awa Diop; Jean Kaboré"}),
        "{this is not json",
        json.dumps({"id": 7, "html": PAGE}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "no-text", "title": "rien"}),
        json.dumps({"id": "en", "text": ENGLISH}),
        json.dumps({"id": "2", "article": OTHER, "date": "2020-07-02", "heading": "Le chapô", "title": "Le pont"}),
    ]


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    results = list(read_jsonl(path))
    assert [type(r).__name__ for r in results] == [
        "Document", "MalformedInput", "Document", "MalformedInput", "MalformedInput", "NotFrench", "Document",
    ]
    first, html, orange = docs(results)
    assert first.text == ARTICLE and first.meta.external_id == "a-1" and first.origin == f"{path}#a-1"
    assert first.meta.authors == ["Awa Diop", "Jean Kaboré"] and first.meta.outlet == "Le Journal"
    assert html.meta.external_id == "7" and html.text.startswith(OTHER) and html.meta.outlet == "Dakar Info"
    assert orange.text == OTHER and orange.meta.published == "2020-07-02" and orange.meta.title == "Le pont"
    bad_json, not_object, no_text = errors(results)[:3]
    assert "line 2" in str(bad_json) and bad_json.origin == f"{path}:2"
    assert "line 4" in str(not_object)
    assert "line 6" in str(no_text)
    for document in docs(results):
        check_offsets(document)


def test_jsonl_gz_and_heading_as_title_fallback(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "1", "article": OTHER, "heading": "Le chapô"}) + "\n")
    (document,) = list(read_jsonl(path))
    assert document.meta.title == "Le chapô" and document.text == OTHER


def test_jsonl_is_lazy():
    def endless():
        line = (json.dumps({"text": OTHER}) + "\n").encode()
        while True:
            yield line

    class Stream(io.RawIOBase):
        def __init__(self):
            self.lines = endless()
            self.pending = b""

        def readable(self):
            return True

        def readinto(self, buffer):
            while len(self.pending) < len(buffer):
                self.pending += next(self.lines)
            n = len(buffer)
            buffer[:n], self.pending = self.pending[:n], self.pending[n:]
            return n

    first = list(itertools.islice(read_jsonl(io.BufferedReader(Stream())), 3))
    assert len(first) == 3 and all(d.text == OTHER for d in first)


def test_jsonl_truncated_gzip_reports_and_stops(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("\n".join(json.dumps({"id": str(i), "text": OTHER}) for i in range(200)) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    results = list(read_jsonl(path))
    assert docs(results) and isinstance(results[-1], MalformedInput)


# --------------------------------------------------------------------------- feeds

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Dakar Info</title><link>https://dakar.example</link><description>Actualités</description>
<item><title>Le pont</title><link>https://dakar.example/pont</link>
<pubDate>Tue, 14 Mar 2023 09:30:00 +0000</pubDate><dc:creator>Awa Diop</dc:creator>
<description>Un résumé court.</description>
<content:encoded><![CDATA[<p>{OTHER}</p><script>alert(1)</script><p>Les travaux ont duré trois ans.</p>]]></content:encoded></item>
<item><title>Brève</title><link>https://dakar.example/breve</link>
<description>Le ministre est arrivé à Dakar.</description></item>
<item><title>Vide</title><link>https://dakar.example/vide</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Journal de Bamako</title><id>urn:x</id><updated>2023-03-14T10:00:00Z</updated>
<entry><title>Coopération</title><link href="https://bamako.example/coop"/><id>urn:1</id>
<published>2023-03-14T09:30:00+00:00</published><updated>2023-03-14T09:30:00+00:00</updated>
<author><name>Jean Kaboré</name></author>
<content type="html">&lt;p&gt;{OTHER}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    results = list(read_feed(path))
    full, short = docs(results)
    assert full.text == OTHER + "\n\nLes travaux ont duré trois ans."
    assert full.meta.title == "Le pont" and full.meta.url == "https://dakar.example/pont"
    assert full.meta.outlet == "Dakar Info" and full.meta.authors == ["Awa Diop"]
    assert full.meta.published == "2023-03-14T09:30:00+00:00"
    assert short.text == "Le ministre est arrivé à Dakar."  # short items are fine
    (empty,) = errors(results)
    assert isinstance(empty, EmptyInput) and empty.origin == f"{path}#item3"
    check_offsets(full)


def test_atom(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    (document,) = list(read_feed(path))
    assert document.text == OTHER
    assert document.meta.published == "2023-03-14T09:30:00+00:00"
    assert document.meta.authors == ["Jean Kaboré"] and document.meta.outlet == "Journal de Bamako"


def test_not_a_feed(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<<< pas un flux", encoding="utf-8")
    (error,) = list(read_feed(path))
    assert isinstance(error, (MalformedInput, EmptyInput))


# --------------------------------------------------------------------------- WARC


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(writer, uri, status, content_type, body):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2023-03-15T08:00:00Z"},
        )
        writer.write_record(record)

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=str(path).endswith(".gz"))
        response(writer, "https://dakar.example/pont", "200 OK", "text/html; charset=utf-8", PAGE.encode("utf-8"))
        response(writer, "https://dakar.example/photo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(32))
        response(writer, "https://dakar.example/absent", "404 Not Found", "text/html", b"<html><body>Introuvable</body></html>")
        response(writer, "https://dakar.example/en", "200 OK", "text/html", f"<html><body><p>{ENGLISH}</p></body></html>".encode())


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path, name):
    path = tmp_path / name
    write_warc(path)
    results = list(read_warc(path))
    assert len(results) == 2  # the image and the 404 are skipped silently
    document, english = results
    assert isinstance(document, Document) and isinstance(english, NotFrench)
    assert document.origin == f"{path}#https://dakar.example/pont"
    assert document.meta.url == "https://dakar.example/pont"
    assert document.meta.published == "2023-03-15T08:00:00Z"  # the capture date, as a fallback
    assert document.text.startswith(OTHER)


def test_corrupt_warc(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\ntronque")
    results = list(read_warc(path))
    assert results and all(isinstance(r, InputError) for r in results)


@pytest.mark.skipif(not WARC_SAMPLE.exists(), reason="the shared OrangeSum WARC sample is not available")
def test_real_warc_sample():
    results = list(itertools.islice(read_warc(WARC_SAMPLE), 60))
    french = [r for r in docs(results) if r.meta.language == "fr"]
    assert len(results) == 60 and len(french) >= 54
    for document in french:
        check_offsets(document)
        assert document.meta.url and document.meta.title


# --------------------------------------------------------------------------- batches


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "a.meta.json").write_text('{"title": "A"}', encoding="utf-8")
    (root / "a.expected.json").write_text("{}", encoding="utf-8")
    (root / "b.html").write_text(PAGE, encoding="utf-8")
    (root / "empty.txt").write_text("  \n", encoding="utf-8")
    (root / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")  # unknown type in a folder: not an input
    (root / "broken.txt").symlink_to(root / "nowhere.txt")
    (root / "sub" / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": OTHER}) + "\n{oops\n", encoding="utf-8"
    )
    (root / "sub" / "d.rss").write_text(RSS, encoding="utf-8")
    write_warc(root / "sub" / "e.warc.gz")
    (root / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def test_directory(corpus):
    results = list(iter_documents([corpus]))
    good = {Path(d.origin.split("#")[0]).name for d in docs(results)}
    assert good == {"a.txt", "b.html", "c.jsonl", "d.rss", "e.warc.gz"}
    assert len(docs(results)) == 1 + 1 + 1 + 2 + 1
    bad = {(Path(e.origin.split("#")[0].split(":")[0]).name, type(e).__name__) for e in errors(results)}
    assert bad == {
        ("empty.txt", "EmptyInput"),
        ("english.txt", "NotFrench"),
        ("image.txt", "BinaryInput"),
        ("broken.txt", "UnreadableInput"),
        ("c.jsonl", "MalformedInput"),
        ("d.rss", "EmptyInput"),
        ("e.warc.gz", "NotFrench"),
    }
    a = next(d for d in docs(results) if d.origin.endswith("a.txt"))
    assert a.meta.title == "A"
    assert all(e.origin for e in errors(results))


def test_directory_not_recursive(corpus):
    results = list(iter_documents([str(corpus)], recursive=False))
    assert {Path(d.origin).name for d in docs(results)} == {"a.txt", "b.html"}


def test_sorted_order(corpus):
    origins = [r.origin for r in iter_documents([corpus]) if isinstance(r, Document)]
    assert Path(origins[0]).name == "a.txt" and Path(origins[1]).name == "b.html"


def test_glob_and_missing(corpus):
    results = list(iter_documents([str(corpus / "*.html"), str(corpus / "*.nothing"), str(corpus / "absent.txt")]))
    assert isinstance(results[0], Document) and results[0].origin.endswith("b.html")
    assert [type(r).__name__ for r in results[1:]] == ["UnreadableInput", "UnreadableInput"]


def test_explicit_unsupported_file(corpus):
    (result,) = list(iter_documents([corpus / "notes.pdf"]))
    assert isinstance(result, UnsupportedInput)


class FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("cp1252"), ARTICLE),
        (PAGE.encode("utf-8"), None),
        ((json.dumps({"id": "s", "text": OTHER}) + "\n").encode(), OTHER),
        (gzip.compress((json.dumps({"text": OTHER}) + "\n").encode()), OTHER),
        (ATOM.encode("utf-8"), OTHER),
    ],
    ids=["text", "cp1252", "html", "jsonl", "jsonl.gz", "atom"],
)
def test_stdin(monkeypatch, data, expected):
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    (document,) = list(iter_documents(["-"]))
    assert isinstance(document, Document), document
    if expected is not None:
        assert document.text == expected
    else:
        assert document.text.startswith(OTHER)
    assert document.origin.startswith("<stdin>")


def test_stdin_binary(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"\x89PNG\r\n\x1a\n" + bytes(100)))
    (error,) = list(iter_documents(["-"]))
    assert isinstance(error, BinaryInput) and error.origin == "<stdin>"


def test_stdin_warc(monkeypatch, tmp_path):
    write_warc(tmp_path / "s.warc.gz")
    monkeypatch.setattr(sys, "stdin", FakeStdin((tmp_path / "s.warc.gz").read_bytes()))
    results = list(iter_documents(["-"]))
    assert len(docs(results)) == 1 and len(errors(results)) == 1


def test_jsonl_from_a_text_stream():
    stream = io.StringIO(json.dumps({"id": "t", "text": OTHER}) + "\n[1]\n")
    results = list(read_jsonl(stream, origin="mem"))
    assert isinstance(results[0], Document) and results[0].origin == "mem#t"
    assert isinstance(results[1], MalformedInput) and results[1].origin == "mem:2"


def test_plain_text_feed_item_keeps_paragraphs(tmp_path):
    atom = ATOM.replace('type="html">&lt;p&gt;' + OTHER + "&lt;/p&gt;", 'type="text">' + OTHER + "\n\nSuite du texte.")
    path = tmp_path / "plain.atom"
    path.write_text(atom, encoding="utf-8")
    (document,) = list(read_feed(path))
    assert document.text == OTHER + "\n\nSuite du texte." and len(document.paragraphs) == 2


def test_feed_from_a_text_stream_is_not_taken_for_a_url():
    (document,) = list(read_feed(io.StringIO(ATOM), origin="mem"))
    assert document.text == OTHER
