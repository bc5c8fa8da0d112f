"""Name keys for knowledge-base lookups: how "l'AFP" and "Agence France Presse" meet.

French news writes one outlet many ways: with or without accents, with a typographic
(’) or straight (') apostrophe, hyphenated or not, after an elided article ("l'AFP",
"la RTS"). Lookups therefore compare *keys*, never raw strings. Keys are for matching
only; what we display is always the name as written in the data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophe look-alikes seen in French copy (typographic, modifier letter, primes, grave/acute).
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʻ`´′"})
# Dashes and underscores separate words the way a space does ("France-Presse" = "France Presse").
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_]+")
# Quotes and brackets around a name are presentation, not part of it.
_EDGE_PUNCT = "\"«»“”„()[]{}<>,;:!?*"
# The leading definite article, elided or not. "Les" included: "les Dépêches de Brazzaville".
_ARTICLE = re.compile(r"^(?:l'\s*|le\s+|la\s+|les\s+)")


def fold_letters(text: str) -> str:
    """Case-fold, drop accents, straighten apostrophes; spaces and dashes as they are."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    if text.isascii():  # most words: no accent to drop, and the character loop is the costly part
        return text.casefold()
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 16)  # pure, and the same words and names recur in every article
def fold(text: str) -> str:
    """:func:`fold_letters`, then dashes into spaces and spaces squeezed."""
    return _SEPARATORS.sub(" ", fold_letters(text)).strip()


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The lookup key of a name: :func:`fold`, edge punctuation off, leading article off.

    >>> name_key("l’Agence France-Presse") == name_key("AGENCE FRANCE PRESSE")
    True
    """
    key = fold(text).strip(_EDGE_PUNCT + " ")
    stripped = _ARTICLE.sub("", key, count=1)
    # Never strip a name down to nothing ("La" alone stays "la").
    return stripped.strip() or key


def slugify(text: str) -> str:
    """A lower-case ASCII id: letters and digits, runs of anything else become one hyphen."""
    folded = fold(text)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
