"""HTML pages to Documents: trafilatura finds the article, lxml reads the rest.

trafilatura (favouring precision) picks the main text out of the page chrome
and gives it back as a small XML tree of blocks (``p``, ``head``, ``quote``,
``list/item``, ``lb`` line breaks). We turn that tree into paragraphs ourselves,
so that the text and its paragraph offsets are built together and agree
exactly: ``Document.text`` is the paragraphs joined by a blank line.

What trafilatura drops or flattens we read from the raw page with lxml: the
canonical URL, the full publication datetime, and photo credits (figure
captions and credit lines name agencies and photographers, which are sources).

The input is untrusted: scripts, styles and other non-text elements never reach
the text, and nothing is fetched (no network, no external entities).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from trafilatura import bare_extraction

from sourcier.errors import EmptyInput, InputTooLarge, MalformedInput
from sourcier.ingest.credits import credit_line, dedupe, find_credits
from sourcier.ingest.dates import jsonld_published, normalise_published
from sourcier.ingest.document import MAX_HTML_BYTES, check_size, make_document
from sourcier.ingest.encoding import check_text_bytes, decode_bytes
from sourcier.ingest.paragraphs import continues_sentence
from sourcier.ingest.sanitize import replace_invalid
from sourcier.ingest.sites import same_site
from sourcier.model import ArticleMeta, Document, Paragraph

# --------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)""", re.IGNORECASE)
# As browsers do (WHATWG Encoding Standard): pages labelled latin-1 or ASCII are
# really Windows-1252, and a UTF-16 label on an ASCII-compatible stream is a lie.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>``, XML prolog)."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace").lower() if match else None


def decode_html(data: bytes, origin: str | None = None, encoding: str | None = None) -> tuple[str, list[str]]:
    """Decode an HTML page: a BOM first, then the given (HTTP) or declared charset,
    then the plain-text guesses of :func:`decode_bytes`."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, origin)
    label = encoding or declared_charset(data)
    if label is None:
        return decode_bytes(data, origin)
    label = _CHARSET_ALIASES.get(label.lower(), label.lower())
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        text, warnings = decode_bytes(data, origin)
        return text, [f"unknown charset {label!r} declared; ignored", *warnings]
    check_text_bytes(data, origin)
    try:
        return data.decode(codec), []
    except UnicodeDecodeError:
        text, warnings = decode_bytes(data, origin)
        return text, [f"the page declares {label} but its bytes are not {label}", *warnings]


# --------------------------------------------------------------------------- parsing

_LOOKS_LIKE_HTML = re.compile(
    r"<\s*(?:!doctype|html|head|body|p|div|article|section|main|span|br|h[1-6]|a|table|ul|ol|li"
    r"|meta|title|blockquote|figure|em|strong|b|i)\b",
    re.IGNORECASE,
)


def _parser() -> lxml.html.HTMLParser:
    # A fresh parser per call: lxml parsers are not safe to share across threads.
    return lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )


def parse_html(text: str, origin: str | None = None) -> lxml.html.HtmlElement:
    """Parse decoded HTML into an lxml tree; MalformedInput/EmptyInput when impossible."""
    if not text.strip():
        raise EmptyInput("the HTML is empty", origin=origin)
    if not _LOOKS_LIKE_HTML.search(text[:200_000]):
        raise MalformedInput("no HTML markup found: expected an HTML page", origin=origin)
    try:
        # Bytes plus an explicit encoding: our decoding wins over any <meta charset>.
        return lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise MalformedInput(f"cannot parse the HTML ({exc})", origin=origin) from None


_MAX_DEPTH = 2048  # libxml2's limit with huge_tree; deeper elements are dropped, text and all
# Every tag but those that carry the article's paragraphs and metadata: what a page nested too
# deeply for the parser is read without.
_FLATTENED_TAG = re.compile(
    r"</?(?!(?:p|br|h[1-6]|html|head|body|title|meta|link|script|style)\b)[a-z][^>]*>", re.IGNORECASE
)


def _too_deep(text: str) -> bool:
    """Whether the parser gave up on elements nested beyond its depth limit."""
    parser = _parser()
    try:
        lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return False
    return any("Excessive depth" in entry.message for entry in parser.error_log)


# --------------------------------------------------------------------------- blocks → paragraphs

# Elements whose content is never text (and may be hostile).
_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
        "embed", "applet", "svg", "math", "canvas", "audio", "video", "source", "track", "map",
        "button", "select", "option", "optgroup", "textarea", "input", "label", "datalist",
        "title", "meta", "link", "base",
    }
)
# Elements that start a new block: HTML's block elements and trafilatura's own
# (``head`` is a heading there, ``item`` a list item, ``quote`` a blockquote).
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "address",
        "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
        "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure",
        "figcaption", "hr", "details", "summary", "center", "fieldset", "legend", "form",
        "head", "item", "list", "quote", "row", "cell", "code", "body", "html",
    }
)
_BREAKS = frozenset({"br", "lb"})

# Whitespace runs collapse to one space; no-break spaces are kept (French
# typography puts them before « ; : ! ? » and in numbers).
_SPACES = re.compile(r"[^\S\u00a0\u202f\u2007]+")
# Invisible characters that would only split words: soft hyphen, zero-width space, BOM.
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\ufeff")


def _tag(element: Any) -> str | None:
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions, entities
        return None
    return tag.rsplit("}", 1)[-1].lower()


def _block_lines(root: etree._Element, skip: frozenset[str] = _SKIP) -> list[list[str]]:
    """The text of ``root`` as blocks of lines (a line ends at ``<br>``/``<lb>``).

    Walks iteratively (``iterwalk``) so that deeply nested hostile markup cannot
    exhaust the Python stack.
    """
    blocks: list[list[str]] = []
    lines: list[str] = []
    current: list[str] = []

    def end_line() -> None:
        lines.append("".join(current))
        current.clear()

    def end_block() -> None:
        end_line()
        kept = [line for line in lines if line.strip()]
        if kept:
            blocks.append(kept)
        lines.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = _tag(element)
        if event == "start":
            if tag is None or tag in skip:
                walker.skip_subtree()  # its "end" event still comes, and adds the tail
                continue
            if tag in _BREAKS:
                end_line()
            elif tag in _BLOCKS:
                end_block()
            if element.text:
                current.append(element.text)
        else:
            if tag in _BLOCKS:
                end_block()
            if element is not root and element.tail:
                current.append(element.tail)
    end_block()
    return blocks


def clean_line(line: str) -> str:
    """Collapse whitespace and drop invisible characters."""
    return _SPACES.sub(" ", line.translate(_INVISIBLE)).strip()


def blocks_to_paragraphs(blocks: Iterable[list[str]]) -> list[str]:
    """Paragraph strings from blocks of lines.

    A line break inside a block ends a paragraph unless the next line carries on
    the sentence (it starts in lower case after a line that does not end one):
    news sites use ``<br><br>`` as paragraph breaks, but also wrap lines.
    """
    paragraphs: list[str] = []
    for block in blocks:
        lines = [clean for line in block if (clean := clean_line(line))]
        for i, line in enumerate(lines):
            if i and continues_sentence(lines[i - 1], line):
                paragraphs[-1] = f"{paragraphs[-1]} {line}"
            else:
                paragraphs.append(line)
    return paragraphs


def join_paragraphs(paragraphs: list[str]) -> tuple[str, list[Paragraph]]:
    """The text (paragraphs joined by a blank line) and the exact paragraph offsets."""
    spans = []
    position = 0
    for paragraph in paragraphs:
        spans.append(Paragraph(position, position + len(paragraph)))
        position += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans


def fragment_paragraphs(html: str) -> list[str]:
    """Paragraphs of an HTML fragment taken whole (a feed item's content): no
    boilerplate removal, only the text, with scripts and styles left out."""
    if not html.strip():
        return []
    if not _LOOKS_LIKE_HTML.search(html) and "&" not in html:
        return blocks_to_paragraphs([html.splitlines()])
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    body = root.find("body")
    return blocks_to_paragraphs(_block_lines(body if body is not None else root, _SKIP | {"head"}))


# --------------------------------------------------------------------------- metadata

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s+(?:et|and|&)\s+")
_BYLINE_PREFIX = re.compile(r"^(?:par|by)\s+", re.IGNORECASE)


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """First ``content`` of each ``<meta>`` by lower-cased property/name/itemprop."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, content)
    return found


def _canonical_url(tree: lxml.html.HtmlElement, metas: dict[str, str], base: str | None) -> str | None:
    candidates = [
        link.get("href")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates.append(metas.get("og:url"))
    for href in candidates:
        href = (href or "").strip()
        if not href:
            continue
        if href.startswith(("http://", "https://")):
            return href
        if base:  # a relative canonical link only means something against the page URL
            return urljoin(base, href)
    return None


def _page_url(tree: lxml.html.HtmlElement, metas: dict[str, str], fetched: str | None,
              warnings: list[str]) -> str | None:
    """The page's canonical URL when it stays on the site ``fetched`` came from, else ``fetched``.

    Deduplication trusts this URL: a page must not be able to claim another site's article
    (and so block it) by naming it as canonical.
    """
    canonical = _canonical_url(tree, metas, fetched)
    if canonical and fetched and not same_site(canonical, fetched):
        warnings.append(f"canonical URL {canonical!r} ignored: not on the fetched site {fetched!r}")
        return fetched
    return canonical or fetched


_JSONLD = "//script[@type='application/ld+json']/text()"


def _published(tree: lxml.html.HtmlElement, metas: dict[str, str]) -> str | None:
    """The fullest publication date the page states (trafilatura keeps only the day)."""
    for key in _PUBLISHED_KEYS:
        value = metas.get(key, "")
        if _ISO_DATE.match(value):
            return value
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        value = (element.get("datetime") or element.get("content") or "").strip()
        if _ISO_DATE.match(value):
            return value
    return None


def split_authors(byline: str | None) -> list[str]:
    """``"AFP; Jean DUPONT et Awa Diop"`` → ``["AFP", "Jean DUPONT", "Awa Diop"]``."""
    if not byline:
        return []
    authors = []
    for part in _AUTHOR_SPLIT.split(byline):
        name = _BYLINE_PREFIX.sub("", " ".join(part.split())).strip(" ,")
        if name and "://" not in name and not name.startswith("@"):
            authors.append(name)
    return list(dict.fromkeys(authors))


# Where captions and credits live: the tag, or a class/id/itemprop naming them.
_CAPTION_HINTS = ("caption", "legende", "légende", "legend")
_CREDIT_HINTS = ("credit", "copyright", "crédit")
_NOT_ARTICLE = frozenset({"nav", "footer", "aside"})
_MAX_CAPTION_CHARS = 400


def photo_credits(tree: lxml.html.HtmlElement) -> list[str]:
    """Credits from figure captions and credit elements of the raw page, in page order.

    Navigation, footers and sidebars are ignored: their pictures belong to other
    articles.
    """
    credits: list[str] = []
    for element in tree.iter():
        tag = _tag(element)
        if tag is None or tag in _SKIP:
            continue
        hints = " ".join(
            (element.get(attr) or "") for attr in ("class", "id", "itemprop")
        ).lower()
        explicit = any(hint in hints for hint in _CREDIT_HINTS)
        if not (explicit or tag == "figcaption" or any(hint in hints for hint in _CAPTION_HINTS)):
            continue
        if any(_tag(ancestor) in _NOT_ARTICLE for ancestor in element.iterancestors()):
            continue
        lines = [clean_line(line) for block in _block_lines(element) for line in block]
        text = " | ".join(line for line in lines if line)
        if text and len(text) <= _MAX_CAPTION_CHARS:
            credits.extend(find_credits(text, explicit=explicit))
    return dedupe(credits)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join(a.casefold().split()) == " ".join(b.casefold().split())


# --------------------------------------------------------------------------- extraction

_TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_formatting": False,
    "include_links": False,
    "deduplicate": False,
}


def _extract(text: str, url: str | None, origin: str | None) -> tuple[Any, list[str]]:
    """trafilatura's extraction, favouring precision, then recall when precision finds nothing."""
    for favor_precision in (True, False):
        # trafilatura prunes the tree it is given: hand it a fresh one each time.
        tree = parse_html(text, origin)
        try:
            result = bare_extraction(tree, url=url, favor_precision=favor_precision, **_TRAFILATURA_OPTIONS)
        except Exception as exc:  # trafilatura on hostile markup: report, do not crash the batch
            raise MalformedInput(f"the HTML could not be processed ({type(exc).__name__}: {exc})", origin=origin) from None
        body = getattr(result, "body", None)
        if body is not None:
            paragraphs = blocks_to_paragraphs(_block_lines(body))
            if paragraphs:
                return result, paragraphs
    return None, []


def read_html(
    html: str | bytes,
    origin: str = "<html>",
    url: str | None = None,
    *,
    encoding: str | None = None,
    published: str | None = None,
) -> Document:
    """Read one HTML page into a Document.

    ``url`` is where the page came from (used when it names no canonical URL);
    ``encoding`` a charset known from outside (an HTTP header), which wins over
    the page's own declaration; ``published`` a fallback publication date (e.g.
    a WARC capture date) for pages that state none.

    Raises :class:`~sourcier.errors.InputError` subclasses: MalformedInput,
    EmptyInput, InputTooLarge, BinaryInput, NotFrench.
    """
    warnings: list[str] = []
    if isinstance(html, bytes):
        if len(html) > MAX_HTML_BYTES:
            raise InputTooLarge(
                f"{len(html):,} bytes of HTML, over the limit of {MAX_HTML_BYTES:,}", origin=origin
            )
        html, warnings = decode_html(html, origin, encoding)
    elif len(html) > MAX_HTML_BYTES:
        raise InputTooLarge(
            f"{len(html):,} characters of HTML, over the limit of {MAX_HTML_BYTES:,}", origin=origin
        )
    else:
        html, invalid = replace_invalid(html)  # lone surrogates: not encodable for the parser
        if invalid:
            warnings.append(f"{invalid} invalid Unicode code point(s) (lone surrogates) replaced by U+FFFD")

    page = parse_html(html, origin)
    result, paragraphs = _extract(html, url, origin)
    if not paragraphs and _too_deep(html):
        html = _FLATTENED_TAG.sub("", html)
        warnings.append(f"markup nested deeper than {_MAX_DEPTH} levels: read without its layout tags")
        page = parse_html(html, origin)
        result, paragraphs = _extract(html, url, origin)
    if not paragraphs:
        raise EmptyInput("no article text found in the HTML", origin=origin)

    metas = _meta_tags(page)
    title = getattr(result, "title", None) or metas.get("og:title") or None
    # The headline goes to meta.title, not into the text.
    while paragraphs and _same(paragraphs[0], title):
        paragraphs.pop(0)
    if not paragraphs:
        raise EmptyInput("the HTML has a title but no article text", origin=origin)

    credits = photo_credits(page) + [c for p in paragraphs if (c := credit_line(p))]
    meta = ArticleMeta(
        title=title,
        url=_page_url(page, metas, url, warnings) or getattr(result, "url", None),
        outlet=metas.get("og:site_name") or getattr(result, "sitename", None) or None,
        published=normalise_published(_published(page, metas) or jsonld_published(page.xpath(_JSONLD))
                                      or getattr(result, "date", None) or published, warnings),
        authors=split_authors(getattr(result, "author", None) or metas.get("author")),
        photo_credits=dedupe(credits),
    )
    text, spans = join_paragraphs(paragraphs)
    check_size(len(text), origin)
    return make_document(text, meta=meta, origin=origin, warnings=warnings, paragraphs=spans)
