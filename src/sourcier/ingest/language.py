"""Is this text French? Google's Compact Language Detector 2, through ``pycld2``.

CLD2 names 165 languages, among them those of the region's press and of the people it
quotes: French, English, Arabic, Portuguese, Wolof, Hausa, Yoruba, Igbo, Lingala, Sango,
Kinyarwanda, Kirundi, Swahili, Malagasy, Somali, Amharic, Akan… It does not name Bambara,
Fula (Pulaar, Fulfulde), Mossi, Soninke, Dyula, Songhay-Zarma, Tamasheq, Kanuri, Ewe, Fon
or Berber: such a text is "in no language the detector knows" and rejected as not French
all the same. No maintained package whose model ships in its wheel names Bambara
accurately (the libraries checked, and why each was left, are in ``docs/corpus.md``).
Its tables are compiled into the wheel: nothing is downloaded at run time.

CLD2 says which share of the text each language it found takes. French is accepted when
it takes :data:`FRENCH_SHARE` percent at least: a French article quoting a foreign
speaker at length is still a French article. Very short texts (a headline, a feed item)
are too short to be judged: they are never rejected.
"""

from __future__ import annotations

import re
from functools import cache

import pycld2

from sourcier.errors import NotFrench

#: Below this many words a text is too short to be judged; it is never rejected.
MIN_WORDS = 20
#: The share of the text (percent, as CLD2 counts it) French must take to be named.
FRENCH_SHARE = 30
#: Characters judged: a few thousand words tell the language; a long text need not be read whole.
SAMPLE_CHARS = 20_000

_WORD = re.compile(r"[^\W\d_]+")
# CLD2 refuses control characters and lone surrogates: they tell nothing of the language.
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@cache
def language_names() -> dict[str, str]:
    """ISO 639 code → English name of every language CLD2 can name ("wo" → "Wolof")."""
    detected = set(pycld2.DETECTED_LANGUAGES)
    return {code: name.title() for name, code in pycld2.LANGUAGES if name in detected}


def language_shares(text: str) -> tuple[int, dict[str, int]]:
    """(number of words, {language code: percent of the text}) for the start of ``text``."""
    sample = _UNREADABLE.sub(" ", text[:SAMPLE_CHARS])
    words = len(_WORD.findall(sample))
    try:
        _reliable, _bytes, details = pycld2.detect(sample)
    except pycld2.error:  # still refused: no language to name
        return words, {}
    shares: dict[str, int] = {}
    for _name, code, percent, _score in details:
        if code != "un" and percent:
            shares[code] = shares.get(code, 0) + percent
    return words, shares


def detect_language(text: str) -> str:
    """Return ``"fr"``, another ISO 639 code CLD2 names (``"en"``, ``"wo"``, ``"ha"``…), or ``"unknown"``.

    Texts under ``MIN_WORDS`` words give ``"fr"`` when CLD2 finds French first, else
    ``"unknown"``: too short to be named anything else.
    """
    return _language(*language_shares(text))


def _language(words: int, shares: dict[str, int]) -> str:
    """:func:`detect_language` on what :func:`language_shares` found (read once per text)."""
    best = max(shares, key=lambda code: shares[code], default="unknown")
    if words < MIN_WORDS:
        return "fr" if best == "fr" else "unknown"
    if shares.get("fr", 0) >= FRENCH_SHARE:
        return "fr"
    return best


def ensure_french(text: str, origin: str | None = None) -> str:
    """Return the detected language; raise :class:`NotFrench` when the text is long
    enough to judge and does not look French. Short texts always pass."""
    words, shares = language_shares(text)
    language = _language(words, shares)
    if language == "fr" or words < MIN_WORDS:
        return language
    french = f"{shares.get('fr', 0)} % French over {words} words"
    if language == "unknown":
        raise NotFrench(
            f"the text does not look French ({french}, and no other language the detector knows); "
            "Sourcier analyses French-language news only",
            origin=origin,
        )
    name = language_names().get(language, language)
    raise NotFrench(
        f"the text looks {name} ({shares[language]} % {name} vs {french}); "
        "Sourcier analyses French-language news only",
        origin=origin,
    )
