"""Article data shown to people: terminal control codes made visible, spreadsheet formulas defused.

Article text, titles, names and URLs come from anywhere on the web. Printed raw, an ESC
sequence can clear the screen, retitle the window or plant a hyperlink (OSC 8); a bidi
override can reorder what is read; opened in a spreadsheet, a cell starting with ``=`` runs as
a formula. Every place that shows article data to a person goes through this module.
"""

from __future__ import annotations

from typing import Any

_KEPT = {"\n", "\t"}  # layout, harmless
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ESC shows as ␛, CR as ␍
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidi overrides have no picture


_VISIBLE = {
    ord(c): _stand_in(c)
    for c in [*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0)), *_BIDI_CONTROLS]
    if c not in _KEPT
}


def visible_controls(text: str) -> str:
    """``text`` with every control character (C0 but newline and tab, DEL, C1) and every bidi
    embedding/override/isolate replaced by a visible stand-in of its own.

    >>> visible_controls("a\\x1b[2Jb")
    'a␛[2Jb'
    """
    return text.translate(_VISIBLE)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text (no CSV injection): a string starting with
    ``= + - @``, a tab or a carriage return gets a leading apostrophe; None is an empty cell;
    other values are unchanged.

    >>> csv_cell('=HYPERLINK("http://x")'), csv_cell(-3), csv_cell(None)
    ('\\'=HYPERLINK("http://x")', -3, '')
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
