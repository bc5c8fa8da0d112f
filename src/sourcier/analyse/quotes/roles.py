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
         "actuelle", "ex", "tout", "puissant", "puissante",
         "charge", "chargee"}  # "la ministre chargée des Transports" is the "ministre des Transports"


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


_AUDIENCE = frozenset({"presse", "journaliste", "journalistes", "public", "foule", "auditoire", "assistance", "agence",
                       "chaine", "radio", "television", "antenne", "micro", "reporter", "reporters", "nation"})


@lru_cache(maxsize=1)
def _titles_taking_a() -> tuple[tuple[str, ...], ...]:
    """The titles of ``roles.json`` whose "à" complement is theirs, as folded word tuples."""
    from sourcier.analyse.lexicon import roles

    return tuple(tuple(fold(t).replace("'", "' ").split()) for t in roles().get("titles_taking_a", ()))


def title_takes_a(word: str) -> bool:
    """Whether ``word`` ends a title that takes "à" ("délégué", "chargé"): part of the title even
    where the tagger reads it as a verb's participle."""
    return fold(word) in {t[-1] for t in _titles_taking_a()}


def title_complement(doc, i: int) -> bool:
    """Whether "à"/"au"/"aux" at token ``i`` opens a complement of the title before it ("le ministre
    délégué à la Santé", "le secrétaire d'État aux Anciens combattants", "l'envoyé spécial au
    Sahel"), not an addressee or a place the words were said in ("a déclaré le ministre à la
    presse", "l'ambassadeur à l'AFP")."""
    if not 0 < i < len(doc) - 1 or doc[i].lower_ not in ("à", "au", "aux"):
        return False
    j = i - 1
    while j > 0 and doc[j].pos_ == "ADJ" and not title_takes_a(doc[j].text):
        j -= 1  # "l'envoyé spécial au Sahel"
    before = [fold(t.text).replace("'", "' ").strip() for t in doc[max(0, j - 2) : j + 1]]
    if not any(tuple(before[-len(t):]) == t for t in _titles_taking_a() if len(t) <= len(before)):
        return False
    k = i + 1
    while k < len(doc) - 1 and doc[k].pos_ == "DET":
        k += 1
    obj = doc[k]
    media = role_lexicon().media_nouns
    return not (obj.ent_type_ == "MEDIA" or fold(obj.text) in _AUDIENCE or fold(obj.lemma_) in media
                or fold(obj.text) in media or obj.is_punct)
