"""Templates (autoescaped: every stored string is untrusted) and the text-cutting helpers
that let them highlight without ever marking data safe."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates

from sourcier.link.entities import normalize
from sourcier.store.queries import search_stems

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.autoescape = True  # every extension, not only .html: nothing is trusted
SPEAKER_COLOURS = 8  # speaker-0 … speaker-7 in style.css


@dataclass
class Piece:
    """A run of text and what it is: plain, a quote (with its speaker's colour), a cue, a hit."""

    text: str
    kind: str = ""
    colour: int | None = None
    title: str | None = None
    quote_id: str | None = None


def hit_pieces(text: str, query: str) -> list[Piece]:
    """``text`` cut into plain runs and search hits: what the full-text search matched
    (a word starting with a term's stem, accents and case aside, or a quoted phrase)."""
    terms = [(words.split(), prefix) for words, prefix in search_stems(query) if words] if query else []
    if not terms or not text:
        return [Piece(text)] if text else []
    found = [(m.start(), m.end(), normalize(m.group())) for m in _WORD.finditer(text)]
    # A match starts with a word that starts with a term's first word: one test per word
    # (a search page cuts 90 texts), the full comparison only where it may succeed.
    firsts = tuple(words[0] for words, _ in terms)
    pieces, at, i = [], 0, 0
    while i < len(found):
        if not found[i][2].startswith(firsts):
            i += 1
            continue
        length = next((len(words) for words, prefix in terms if _matches(found, i, words, prefix)), 0)
        if length:
            start, end = found[i][0], found[i + length - 1][1]
            pieces += [Piece(text[at:start]), Piece(text[start:end], "hit")]
            at, i = end, i + length
        else:
            i += 1
    pieces.append(Piece(text[at:]))
    return [p for p in pieces if p.text]


_WORD = re.compile(r"\w+")


def _matches(found: list[tuple[int, int, str]], i: int, words: list[str], prefix: bool) -> bool:
    """Whether the text's words from the ``i``-th on are ``words`` (the last one as a prefix)."""
    if i + len(words) > len(found):
        return False
    *exact, last = words
    seen = [w for _, _, w in found[i:i + len(words)]]
    return seen[:-1] == exact and (seen[-1].startswith(last) if prefix else seen[-1] == last)


def speaker_colours(analysis: dict[str, Any]) -> dict[str, int]:
    """A colour index per speaker, in order of first quote."""
    colours: dict[str, int] = {}
    for q in analysis["quotes"]:
        key = _speaker_key(q)
        if key not in colours:
            colours[key] = len(colours) % SPEAKER_COLOURS
    return colours


def _speaker_key(quote: dict[str, Any]) -> str:
    speaker = quote.get("speaker") or {}
    return speaker.get("entity") or speaker.get("name") or "?"


def article_paragraphs(analysis: dict[str, Any]) -> list[list[Piece]]:
    """The text as paragraphs of pieces: quotes coloured by speaker, cues underlined, cited
    media marked. Spans that overlap one already placed are left plain (quotes first)."""
    text = analysis["text"]
    colours = speaker_colours(analysis)
    marks: list[tuple[int, int, Piece]] = []
    for q in analysis["quotes"]:
        who = (q.get("speaker") or {}).get("name") or "unknown speaker"
        marks.append((q["start"], q["end"], Piece("", "quote", colours[_speaker_key(q)], f"{who} ({q['type']})", q["id"])))
        cue = q.get("cue")
        if cue:
            marks.append((cue["start"], cue["end"], Piece("", "cue", title=f"cue of {q['id']}")))
    for s in analysis["sources"]:
        kind = "credit" if s["role"] == "photo" else "medium"
        for m in s["mentions"]:
            marks.append((m["start"], m["end"], Piece("", kind, title=f"{s['name']} ({s['role']})")))
    placed: list[tuple[int, int, Piece]] = []
    for start, end, piece in marks:
        if start < end and all(end <= s or start >= e for s, e, _ in placed):
            placed.append((start, end, piece))
    placed.sort(key=lambda m: m[0])
    bounds = [(p["start"], p["end"]) for p in analysis.get("paragraphs") or []] or [(0, len(text))]
    return [_cut(text, start, end, placed) for start, end in bounds]


def _cut(text: str, start: int, end: int, placed: list[tuple[int, int, Piece]]) -> list[Piece]:
    pieces, at = [], start
    for s, e, mark in placed:
        s, e = max(s, start), min(e, end)
        if s >= e or s < at:
            continue
        if s > at:
            pieces.append(Piece(text[at:s]))
        pieces.append(Piece(text[s:e], mark.kind, mark.colour, mark.title, mark.quote_id))
        at = e
    if at < end:
        pieces.append(Piece(text[at:end]))
    return pieces


def bars(values: list[tuple[str, int]], width: int = 320) -> list[dict[str, Any]]:
    """Bar lengths for a server-drawn SVG chart."""
    top = max((v for _, v in values), default=0) or 1
    return [{"label": label, "value": v, "length": max(1, round(width * v / top))} for label, v in values]


def query_string(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


templates.env.globals.update(hit_pieces=hit_pieces, bars=bars, query_string=query_string)
