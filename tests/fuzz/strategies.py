"""Hypothesis strategies for hostile input: text, markup, JSON lines, damaged WARC files."""

from __future__ import annotations

import json
import os

from hypothesis import strategies as st

#: How many examples each property tries: ``FUZZ_EXAMPLES`` (benchmarks/fuzz.py raises it).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))

WORDS = ["Le", "ministre", "a", "déclaré", "que", "la", "France", "AFP", "selon", "il", "« ", " »", "“", "”",
         '"', "‹", "›", ":", ",", ".", "\n", "\n\n", " ", "e\u0301", "\ud800", "\x00", "\u202f", "’", "«", "»",
         "(", ")", "-t-il", "Sputnik", "Abdoulaye Diop", "\r\n", "\t", "\ufeff", "\u2028", "&amp;", "<p>"]

french_like = st.lists(st.sampled_from(WORDS), min_size=0, max_size=120).map(" ".join)
any_text = st.one_of(st.text(max_size=400), french_like, st.binary(max_size=300).map(lambda b: b.decode("latin-1")))

TAGS = ["p", "div", "span", "article", "h1", "br", "script", "style", "blockquote", "figure", "figcaption",
        "title", "meta", "link", "b", "i", "a", "table", "td"]


@st.composite
def html_pages(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(any_text))
        else:
            href = draw(st.sampled_from(["http://x:99999/", "https://example.org/a", "//\ud800", "[::1", ""]))
            parts.append(f'<link rel="canonical" href="{href}"><meta property="og:url" content="{href}">')
    return "<html><body>" + "".join(parts) + "</body></html>"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def jsonl_lines(draw) -> bytes:
    kind = draw(st.integers(0, 3))
    if kind == 0:  # a record with fields of any type
        keys = draw(st.lists(st.sampled_from(["id", "text", "html", "url", "title", "published", "outlet",
                                              "authors", "date", "article"]), max_size=6, unique=True))
        record = {k: draw(json_values) for k in keys}
        return json.dumps(record).encode()
    if kind == 1:
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    if kind == 2:
        return json.dumps(draw(json_values)).encode()
    return json.dumps({"text": draw(french_like), "url": draw(st.text(max_size=30))}).encode()
