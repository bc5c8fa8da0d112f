"""Who speaks, as the speaker modules share it: the :class:`Referent`, the word lists and the
agreement and name helpers more than one of them reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from sourcier.analyse.lexicon import first_name_gender, fold
from sourcier.analyse.quotes.lexicon import title_heads
from sourcier.analyse.records import EntityCluster


_PRONOUNS = {  # form → (gender, number); None: either
    "il": ("Masc", "Sing"), "lui": ("Masc", "Sing"), "celui-ci": ("Masc", "Sing"), "celui": ("Masc", "Sing"),
    "elle": ("Fem", "Sing"), "celle-ci": ("Fem", "Sing"), "celle": ("Fem", "Sing"),
    "ils": (None, "Plur"), "eux": (None, "Plur"), "ceux-ci": (None, "Plur"), "ceux": (None, "Plur"),
    "elles": ("Fem", "Plur"), "celles-ci": ("Fem", "Plur"),
    "l'": (None, "Sing"), "le": ("Masc", "Sing"), "la": ("Fem", "Sing"), "les": (None, "Plur"),
    "son": (None, "Sing"), "sa": (None, "Sing"), "ses": (None, "Sing"), "leur": (None, "Plur"),
    "leurs": (None, "Plur"),
}
_LAST_NAMED = {"ce dernier": ("Masc", "Sing"), "cette derniere": ("Fem", "Sing"), "celui-ci": ("Masc", "Sing"),
               "celle-ci": ("Fem", "Sing"), "ces derniers": (None, "Plur"), "ces dernieres": ("Fem", "Plur"),
               "ceux-ci": (None, "Plur"), "celles-ci": ("Fem", "Plur")}  # folded → (gender, number)
_INDEFINITE_PEOPLE = {"d'autres", "autres", "certains", "certaines", "plusieurs", "beaucoup", "tous", "toutes",
                      "chacun", "chacune", "aucun", "aucune", "d'aucuns", "nombre"}
_IMPERSONAL = {"on", "nous", "je", "j'", "vous", "tu"}
_DETS = {"le", "la", "l'", "les"}
_DEFINITE = {"le", "la", "l'", "les", "ce", "cet", "cette", "ces"}
_MARKS = "«»“”\"‹›"
_NOTE_CALL = re.compile(r"\[\d+\]?$")
_PARAGRAPH_REACH = 4  # a pronoun or a floating quote looks this many paragraphs back at most


@dataclass(slots=True)
class Referent:
    """Someone who speaks: an entity of the article, or a description as written."""

    name: str
    key: str | None = None
    label: str = "DESC"
    gender: str | None = None
    number: str = "Sing"
    head: str = ""  # folded head word of a description ("armee")
    position: int = 0  # character offset of the mention
    paragraph: int = 0
    proper: bool = False  # a description that is a name the recogniser missed ("Jean-Pierre Fabre")


def _first_name_led(cluster: EntityCluster) -> bool:
    """A name of two or three words, not a person's, that opens with a known first name ("Mehmet Aydın")."""
    from sourcier.analyse.lexicon import country_names

    words = cluster.name.split()
    return cluster.label in ("GPE", "MISC", "LOC", "ORG") and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) \
        and first_name_gender(words[0]) is not None and fold(cluster.name) not in country_names()


def _clean(text: str) -> str:
    """A name without a trailing note call ("Live Action[3]")."""
    text = _NOTE_CALL.sub("", text)
    if any(m in text for m in _MARKS):  # "des « informations divulguées »": the words, not the marks
        text = " ".join("".join(c for c in text if c not in _MARKS).split())
    return text.strip()


_CONTACT_PARTICIPLES = {"joint", "contact", "interrog", "cit", "interview", "sollicit", "approch", "rencontr",
                        "relay", "repri", "jointe", "appel"}  # folded, -e/-s dropped


@lru_cache(maxsize=4096)
def _is_title(name: str) -> bool:
    """A "person" the recogniser found that is only a title ("Premier ministre", "Directeur")."""
    words = fold(name).replace("-", " ").split()
    heads = title_heads()
    return bool(words) and all(w in heads or w in ("de", "du", "des", "la", "le", "l'") for w in words)


def _morph(token: Token, feature: str) -> str | None:
    values = token.morph.get(feature)
    return values[0] if values else None


def _gender_ok(have: str | None, want: str | None) -> bool:
    return have is None or want is None or have == want


def _identity(ref: Referent) -> str:
    """Who a referent is: its entity, or its folded name for a description."""
    return ref.key or fold(ref.name)


def _copy(ref: Referent) -> Referent:
    return Referent(ref.name, ref.key, ref.label, ref.gender, ref.number, ref.head)
