"""Every reader, fuzzed: no exception escapes, offsets stay exact, no input changes another's result."""

from __future__ import annotations

import io
import json
import unicodedata

from hostile_builders import article, page, warc_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import EXAMPLES, any_text, html_pages, jsonl_lines

from sourcier.errors import InputError
from sourcier.ingest import read_feed, read_html, read_jsonl, read_text, read_warc
from sourcier.ingest.encoding import decode_bytes
from sourcier.model import Document

FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_document(document: Document) -> None:
    """What every Document promises: storable Unicode, NFC, exact paragraphs, a parsable URL."""
    document.text.encode("utf-8")
    assert unicodedata.is_normalized("NFC", document.text)
    previous = 0
    for p in document.paragraphs:
        chunk = document.text[p.start : p.end]
        assert previous <= p.start < p.end <= len(document.text) and chunk == chunk.strip()
        previous = p.end
    for value in (document.meta.title, document.meta.url, document.meta.outlet, document.meta.external_id):
        if value is not None:
            value.encode("utf-8")
            assert "\x00" not in value


def check_results(results) -> None:
    for result in results:
        assert isinstance(result, (Document, InputError)), type(result)
        if isinstance(result, Document):
            check_document(result)
        else:
            assert str(result).startswith("[E1") and str(result).replace("\n", " ").isprintable()


def read_or_error(read):
    try:
        return [read()]
    except InputError as exc:
        return [exc]


@FUZZ
@given(any_text)
def test_fuzz_read_text(text):
    check_results(read_or_error(lambda: read_text(text)))


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_decode_bytes(data):
    try:
        text, warnings = decode_bytes(data)
    except InputError:
        return
    assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)


@FUZZ
@given(html_pages(), st.booleans())
def test_fuzz_read_html(html, as_bytes):
    data = html.encode("utf-8", "surrogatepass") if as_bytes else html
    check_results(read_or_error(lambda: read_html(data, "fuzz.html", url="https://example.org/p")))


@FUZZ
@given(st.lists(jsonl_lines(), max_size=8), st.integers(0, 8))
def test_fuzz_jsonl_one_line_never_changes_another(lines, where):
    good = json.dumps({"id": "témoin", "text": article("témoin")}).encode()
    alone = list(read_jsonl(io.BytesIO(good + b"\n")))
    mixed = lines[:where] + [good] + lines[where:]
    results = list(read_jsonl(io.BytesIO(b"\n".join(mixed) + b"\n")))
    check_results(results)
    witness = [r for r in results if isinstance(r, Document) and r.meta.external_id == "témoin"]
    assert [(d.text, d.paragraphs, d.meta) for d in witness][:1] == [(d.text, d.paragraphs, d.meta) for d in alone]


@FUZZ
@given(st.lists(html_pages(), max_size=4), st.sampled_from(["rss", "atom", "junk"]))
def test_fuzz_read_feed(items, flavour):
    from xml.sax.saxutils import escape

    if flavour == "rss":
        body = "".join(f"<item><title>t{i}</title><link>http://x:{i}9999/</link><description>{escape(h)}"
                       "</description></item>" for i, h in enumerate(items))
        data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    elif flavour == "atom":
        body = "".join(f'<entry><title>t{i}</title><content type="html">{escape(h)}</content></entry>'
                       for i, h in enumerate(items))
        data = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{body}</feed>'
    else:
        data = "<rss>" + "".join(items)
    check_results(list(read_feed(io.BytesIO(data.encode("utf-8", "surrogatepass")))))


RECORDS = [(f"https://example.org/{t}", page(t)) for t in "ABC"]
# Written once: each record gets a random id, and the strategy must draw the same way each run.
WARCS = {gz: b"".join(warc_record(u, b, gzip=gz) for u, b in RECORDS) for gz in (True, False)}


@st.composite
def damaged_warcs(draw) -> tuple[bytes, bool]:
    compressed = draw(st.booleans())
    data = bytearray(WARCS[compressed])
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.integers(0, 2))
        if action == 0:  # cut a stretch out (a torn record, then what was appended)
            del data[at : at + draw(st.integers(1, 800))]
        elif action == 1:  # junk in between
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif compressed:  # a flipped byte: gzip's checksum catches it (a plain WARC's only
            data[min(at, len(data) - 1)] ^= 0xFF  # check, the block digest, can be flipped too)
    return bytes(data), compressed


@FUZZ
@given(damaged_warcs())
def test_fuzz_warc_never_yields_a_partial_article(damaged):
    data, _ = damaged
    complete = {url: read_html(body, "x", url=url).text for url, body in RECORDS}
    results = list(read_warc(io.BytesIO(data)))
    check_results(results)
    for document in (r for r in results if isinstance(r, Document)):
        assert document.text in complete.values()  # whole, or not at all
