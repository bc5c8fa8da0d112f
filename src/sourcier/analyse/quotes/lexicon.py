"""The quote lexicons (data files), loaded once per process, and the lookups built on them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from sourcier.analyse.lexicon import fold
from sourcier.analyse.quotes.inflection import form_table


def _data(name: str) -> dict:
    return json.loads(resources.files("sourcier.analyse").joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Verb:
    """A reporting verb: its lemma ("faire savoir"), kind of cue and accepted complements."""

    lemma: str
    cue: str
    frames: frozenset[str]
    speaker_subject: bool = False  # a cue only when its subject can speak ("le pont menace de …" is not)


@dataclass(frozen=True, slots=True)
class VerbLexicon:
    simple: dict[str, Verb]  # lemma → verb ("déclarer", and "dire" for "se dire")
    reflexive: dict[str, Verb]  # lemma of "se …" verbs
    compound: dict[tuple[str, str], Verb]  # ("faire", "savoir") → verb; the first word is the inflected one
    support: frozenset[str]  # "manquer" in "n'a pas manqué de préciser"

    def lookup(self, token: Token) -> Verb | None:
        """The reporting verb ``token`` is a form of, if any (a simple, non-reflexive use)."""
        return self.simple.get(verb_lemma(token))


@lru_cache(maxsize=1)
def verbs() -> VerbLexicon:
    data = _data("reporting_verbs.json")
    default = frozenset(data["default_frames"])
    simple: dict[str, Verb] = {}
    reflexive: dict[str, Verb] = {}
    compound: dict[tuple[str, str], Verb] = {}
    for lemma, spec in data["verbs"].items():
        verb = Verb(lemma, spec["cue"], frozenset(spec.get("frames", default)), spec.get("subject") == "speaker")
        words = lemma.replace("s'", "se ").split()
        if words[0] == "se":
            reflexive[words[1]] = verb
        elif len(words) == 1:
            simple[words[0]] = verb
        else:
            compound[(words[0], words[-1])] = verb
    return VerbLexicon(simple, reflexive, compound, frozenset(data["support_verbs"]["lemmas"]))


# Endings of first-group (-er) verbs: lets "précisé" or "affirmant" match when the
# lemmatizer guesses wrong (it does on typos and rare forms).
_ER_ENDINGS = (
    "er", "e", "es", "ent", "é", "ée", "és", "ées", "ant", "ait", "aient", "ais", "a", "ons", "ez", "era", "eront",
    "erait", "eraient", "èrent", "at",
)


def verb_lemma(token: Token) -> str:
    """The lemma of a verb form, with a fallback for first-group verbs the lemmatizer misses."""
    return lemma_of(token.lemma_, token.lower_)


_ENDINGS_LONGEST_FIRST = tuple(sorted(_ER_ENDINGS, key=len, reverse=True))


@lru_cache(maxsize=65536)
def lemma_of(lemma: str, lower: str) -> str:
    """:func:`verb_lemma` on strings (cached: the same forms recur)."""
    lemma = lemma.lower()
    known = verbs_known()
    if lemma in known:
        return lemma
    for ending in _ENDINGS_LONGEST_FIRST:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            candidate = lower[: len(lower) - len(ending)] + "er"
            if candidate in known:
                return candidate
    return lemma


@lru_cache(maxsize=1)
def reporting_nouns() -> dict[str, frozenset[str]]:
    """Nouns of saying by lemma, with the frames of their content: "que" ("l'allégation que …"),
    "de" ("son intention de …"), "est que" ("le message du ministre est que …")."""
    entries = _data("reporting_verbs.json")["nouns"]["entries"]
    return {lemma: frozenset(spec["frames"]) for lemma, spec in entries.items()}


@lru_cache(maxsize=1)
def comment_nouns() -> frozenset[str]:
    """Nouns with which the journalist speaks of what was reported (", un chiffre que conteste …")."""
    return frozenset(_data("reporting_verbs.json")["comment_nouns"]["lemmas"])


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, str]:
    """Each third-person or participle form of a reporting verb (the inflected word of a verb
    phrase, the verb of a reflexive one) → its lemma: "inquiète" → "inquiéter" (:mod:`.inflection`)."""
    lex = verbs()
    return form_table(frozenset(lex.simple) | frozenset(lex.reflexive) | frozenset(first for first, _ in lex.compound))


@lru_cache(maxsize=1)
def verbs_known() -> frozenset[str]:
    data = _data("reporting_verbs.json")
    words = set()
    for lemma in data["verbs"]:
        words.update(lemma.replace("s'", "se ").split())
    return frozenset(words | set(data["support_verbs"]["lemmas"]))


@dataclass(frozen=True, slots=True)
class AttributionCue:
    tokens: tuple[str, ...]  # folded, lower case
    speaker: str | int  # "after", "antecedent", or the index of the speaker token in the cue
    initial: bool = False
    relative: bool = False


@lru_cache(maxsize=1)
def attribution_cues() -> tuple[AttributionCue, ...]:
    cues = [
        AttributionCue(
            tokens=tuple(fold(t) for t in c["tokens"]),
            speaker=c["speaker"],
            initial=c.get("initial", False),
            relative=c.get("relative", False),
        )
        for c in _data("attribution_cues.json")["cues"]
    ]
    # Longest first: "selon laquelle" before "selon".
    return tuple(sorted(cues, key=lambda c: -len(c.tokens)))


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    offices: dict[str, frozenset[str]]  # folded synonym → canonical offices it may stand for
    seats: dict[str, tuple[str, str]]  # folded place → (office, ISO code)
    media_nouns: frozenset[str]
    document_nouns: frozenset[str]
    human_nouns: frozenset[str]
    group_nouns: frozenset[str] = frozenset()  # groups, bodies and people in the plural: "la famille", "les habitants"


@lru_cache(maxsize=1)
def role_lexicon() -> RoleLexicon:
    data = _data("role_synonyms.json")
    offices: dict[str, set[str]] = {}
    for office, synonyms in data["offices"].items():
        for synonym in [office, *synonyms]:
            offices.setdefault(fold(synonym), set()).add(fold(office))
    return RoleLexicon(
        offices={k: frozenset(v) for k, v in offices.items()},
        seats={fold(k): (fold(v[0]), v[1]) for k, v in data["seats"].items()},
        media_nouns=_spellings(data["media_nouns"]),
        document_nouns=_spellings(data["document_nouns"]),
        human_nouns=_spellings(data["human_nouns"]),
        group_nouns=_spellings(data.get("group_nouns", ())),
    )


def _spellings(words: list[str]) -> frozenset[str]:
    """The folded words, each also with its ligatures written out: copy writes "soeur" as often
    as "sœur", and folding keeps the ligature."""
    folded = {fold(w) for w in words}
    return frozenset(folded | {w.replace("œ", "oe").replace("æ", "ae") for w in folded})


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    """Nouns that can head a source after "selon" ("selon des témoins", "d'après le bilan", and every
    title: "selon le président", "selon l'ambassadeur"), folded."""
    return frozenset(fold(w) for w in _data("attribution_cues.json")["source_nouns"]) | title_heads()


@lru_cache(maxsize=1)
def title_heads() -> frozenset[str]:
    """The head words of titles ("président", "ambassadeur", "porte-parole"), folded like the words
    they are compared with."""
    from sourcier.analyse.lexicon import role_heads

    return frozenset(fold(h) for h in role_heads())
