"""What the speaker tests ask of an analysis: each quote with its speaker's name."""

from __future__ import annotations

from sourcier import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    """Each quote of ``text`` (its offsets checked) with its speaker's name, in text order."""
    analysis = analyze(text)
    for q in analysis.quotes:
        assert analysis.text[q.start : q.end] == q.text
    return [(q.text, q.speaker.name if q.speaker else None) for q in analysis.quotes]
