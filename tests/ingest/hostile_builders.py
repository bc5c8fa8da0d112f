"""Hostile inputs, built in the tests: WARC records one by one, pages, paragraphs of French."""

from __future__ import annotations

import io

SENTENCE = (
    "Le ministre des Affaires étrangères a déclaré jeudi à Bamako que la coopération avec "
    "ses voisins allait se poursuivre dans tous les domaines, selon un communiqué."
)


def article(tag: str, paragraphs: int = 3) -> str:
    """A French article of a few paragraphs, told apart from the others by ``tag``."""
    return "\n\n".join(f"{SENTENCE} Paragraphe {i} de l'article {tag}." for i in range(paragraphs))


def page(tag: str, paragraphs: int = 12) -> bytes:
    body = "".join(f"<p>{SENTENCE} Paragraphe {i} de l'article {tag}.</p>" for i in range(paragraphs))
    return f"<html><body><article>{body}<p>Crédit Photo : AFP</p></article></body></html>".encode()


def warc_record(uri: str, body: bytes, *, gzip: bool) -> bytes:
    """One ``response`` record (a gzip member of its own when ``gzip``), as ``fetch`` writes it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": "2024-05-02T10:00:00Z"},
    ))
    return buffer.getvalue()


def nested_html(depth: int, tag: str = "div") -> str:
    paragraphs = "".join(f"<p>{SENTENCE} Paragraphe {i}.</p>" for i in range(3))
    return f"<html><body>{f'<{tag}>' * depth}{paragraphs}{f'</{tag}>' * depth}</body></html>"


def billion_laughs_feed() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>T</title>'
        "<item><title>Bombe</title><link>https://example.org/b</link><description>&lol9;</description></item>"
        f"<item><title>Bon</title><link>https://example.org/a</link><description>{SENTENCE}</description></item>"
        "</channel></rss>"
    ).encode()
