"""Article data on the console: always plain text, its control characters made visible."""

from __future__ import annotations

from rich.text import Text

from sourcier.safe_text import visible_controls


def shown(value: str, style: str = "") -> Text:
    """Untrusted text for rich: a :class:`~rich.text.Text` is never parsed as markup or emoji
    codes, and :func:`~sourcier.safe_text.visible_controls` keeps escape codes off the terminal."""
    return Text(visible_controls(value), style=style)
