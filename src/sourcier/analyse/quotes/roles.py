"""Matching a description ("le chef de la diplomatie malienne") to the roles the article gives its people.

A role or a description is read as a bag of word stems (the first four letters
of each content word, accents folded: "malienne" and "Mali" both give "mali",
"ivoirien" and "Côte d'Ivoire" both give "ivoi"). Office synonyms from
``data/role_synonyms.json`` are replaced by their canonical offices ("chef de la
diplomatie" → "ministre des affaires étrangères"); seats stand for an office and
a country ("le locataire de l'Élysée" → président, France). A description fits a
role when they share an office and every other stem of the description is in
the role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sourcier.analyse.lexicon import fold
from sourcier.analyse.quotes.lexicon import role_lexicon

_STOP = {"le", "la", "les", "l", "de", "du", "des", "d", "au", "aux", "en", "et", "a", "un", "une", "son", "sa",
         "ses", "leur", "ce", "cet", "cette", "meme", "ancien", "ancienne", "nouveau", "nouvel", "nouvelle", "actuel",
         "actuelle", "ex", "tout", "puissant", "puissante"}


@dataclass(frozen=True, slots=True)
class RoleSignature:
    offices: frozenset[str]
    stems: frozenset[str]  # stems not accounted for by an office
    head: str  # the first content word ("ministre", "chef", "porte-parole")


def _stem(word: str) -> str:
    return word if "-" in word else word[:4]  # "état-major" is no "État"


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold(text)) if w not in _STOP]


@lru_cache(maxsize=4096)
def signature(text: str) -> RoleSignature:
    lex = role_lexicon()
    words = _words(text)
    stems = {_stem(w) for w in words}
    offices: set[str] = set()
    consumed: set[str] = set()
    for place, (office, country) in lex.seats.items():
        if re.search(rf"\b{re.escape(place)}\b", fold(text)):
            offices.add(office)
            consumed |= {_stem(w) for w in _words(place)}
            stems.add(_stem(fold(country)))
    for synonym, canon in _synonyms():
        syn_stems = {_stem(w) for w in _words(synonym)}
        if syn_stems and syn_stems <= stems and not syn_stems <= consumed:  # "chef" inside "chef de l'État"
            offices |= canon
            consumed |= syn_stems
    return RoleSignature(frozenset(offices), frozenset(stems - consumed), words[0] if words else "")


@lru_cache(maxsize=1)
def _synonyms() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(sorted(role_lexicon().offices.items(), key=lambda kv: -len(kv[0])))


def fits(description: str, role: str) -> bool:
    """Whether ``description`` can name the holder of ``role``: a shared office ("le chef de
    la diplomatie malienne" for "ministre des Affaires étrangères du Mali"), the same head
    ("le ministre" for "ministre de l'Énergie"), a head that starts the role's office
    ("le ministre" for "patron de la diplomatie"), or a head's synonym ("le diplomate" for
    "ambassadeur de Russie")."""
    d, r = signature(description), signature(role)
    if d.offices and r.offices:
        return bool(d.offices & r.offices) and d.stems <= r.stems | _office_stems(r)
    if d.offices:
        return False  # "le chef de l'État" is no "chef de file des socialistes"
    if d.head and d.head == r.head:
        return d.stems <= r.stems | _office_stems(r) | {_stem(r.head)}
    if d.head and not d.offices and any(office.split()[0] == d.head for office in r.offices):
        return d.stems <= r.stems | _office_stems(r)
    if d.head and r.head and r.head in _head_synonyms().get(d.head, ()):
        return d.stems - {_stem(d.head)} <= r.stems | _office_stems(r)
    return False


@lru_cache(maxsize=1)
def _head_synonyms() -> dict[str, frozenset[str]]:
    """Folded head word → the heads of roles it can name ("diplomate" → "ambassadeur", …)."""
    from sourcier.analyse.quotes.lexicon import _data

    data = _data("role_synonyms.json").get("head_synonyms", {})
    return {fold(k): frozenset(_words(w)[0] for w in v if _words(w)) for k, v in data.items()}


def _office_stems(sig: RoleSignature) -> frozenset[str]:
    return frozenset(_stem(w) for office in sig.offices for w in _words(office))
