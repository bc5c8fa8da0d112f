"""Lexicons shared by the components, loaded once per process from data files."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span

from sourcier.knowledge.names import fold_letters


def _data(name: str) -> str:
    return resources.files("sourcier.analyse").joinpath("data", name).read_text("utf-8")


@lru_cache(maxsize=None)
def roles() -> dict:
    return json.loads(_data("roles.json"))


@lru_cache(maxsize=1)  # read per token by the quote step
def role_heads() -> frozenset[str]:
    """Lower-cased head words of titles and descriptions ("ministre", "porte-parole", …)."""
    return frozenset(h.lower() for h in roles()["heads"])


def honorifics() -> frozenset[str]:
    return frozenset(roles()["honorifics"])


def feminine_words() -> frozenset[str]:
    return frozenset(w.lower() for w in roles()["feminine_heads"])


@lru_cache(maxsize=1 << 16)  # called for every token by several components
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: for matching names, never for display."""
    return fold_letters(text)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Folded French names of states, from the knowledge base's country table."""
    from sourcier.knowledge.countries import load_countries

    return frozenset(fold(name) for name in load_countries().french_names())


def is_demonym(word: str) -> bool:
    """Whether ``word`` names the people of a country ("Maliens", "Sénégalaise")."""
    from sourcier.knowledge.countries import load_countries

    return bool(load_countries().by_demonym(word))


_DEMONYM_ENDINGS = ("ienne", "ien", "aise", "ais", "oise", "ois", "eenne", "een")


def names_a_people(word: str) -> bool:
    """Whether a capitalised noun names the people of a country or a region ("Malienne",
    "Tahitienne", "Marseillais"): the country table's demonyms, or a capitalised word of six
    letters or more with a demonym's ending."""
    if not word[:1].isupper():
        return False
    return is_demonym(word) or (len(word) >= 6 and fold(word).rstrip("s").endswith(_DEMONYM_ENDINGS))


_PREPOSITIONS = {"du", "de", "des", "d'", "au", "aux", "en"}


def country_span(span: Span) -> Span | None:
    """The country a title ends with ("ministre des Affaires étrangères du Mali" → "Mali")."""
    names = country_names()
    for i in range(len(span) - 1, 0, -1):
        if span[i - 1].lower_ in _PREPOSITIONS or span[i - 1].lower_ in ("la", "l'"):
            candidate = span[i:]
            if fold(candidate.text) in names:
                return candidate
    return None


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    data = json.loads(_data("first_names.json"))
    names = {fold(n): "Masc" for n in data["masc"]}
    names.update({fold(n): "Fem" for n in data["fem"]})
    return names


def first_name_gender(word: str) -> str | None:
    """"Masc" or "Fem" for a frequent first name ("Aminata" → "Fem"), else None."""
    names = _first_names()
    key = fold(word)
    return names.get(key) or (names.get(key.split("-")[0]) if "-" in key else None)


def is_first_name(word: str) -> bool:
    return first_name_gender(word) is not None
