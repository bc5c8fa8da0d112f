"""Templates (autoescaped: every stored string is untrusted) and the text-cutting helpers
that let them highlight without ever marking data safe."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates

from sourcier.store.queries import search_terms

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
    """``text`` cut into plain runs and search hits (words starting with a search term)."""
    terms = [t for t in search_terms(query) if t.strip()]
    if not terms or not text:
        return [Piece(text)]
    words = sorted({w for t in terms for w in re.findall(r"\w+", t)}, key=len, reverse=True)
    if not words:
        return [Piece(text)]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    pieces, at = [], 0
    for m in pattern.finditer(text):
        pieces += [Piece(text[at:m.start()]), Piece(m.group(), "hit")]
        at = m.end()
    pieces.append(Piece(text[at:]))
    return [p for p in pieces if p.text]


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
