"""The cue book of ``sourcier_sources``: how a sentence says where its words came from.

Everything language-specific lives in ``analyse/data/source_cues.json``: media nouns
("le quotidien", "l'agence de presse"), social channels, and the regular expressions
that give an outlet its role from the text around its name ("dans un entretien
accordé à X" → interview, "selon X" → relay, "© X" → photo, "(avec X)" → byline).
This module only loads and compiles them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sourcier.analyse.lexicon import fold

ROLES = ("interview", "relay", "photo", "byline")


@dataclass(slots=True, frozen=True)
class Cue:
    role: str  # interview | relay | photo | byline
    regex: re.Pattern[str]
    line: bool = False  # the pattern reads the whole paragraph before the name, not the sentence
    note: str = ""
    unanswered: str | None = None  # the role when the sentence says no answer came ("n'a pas réagi")


@dataclass(slots=True, frozen=True)
class CueBook:
    strong_nouns: frozenset[str]
    weak_nouns: frozenset[str]
    strong_phrases: frozenset[str]
    noun_kinds: dict[str, frozenset[str]]  # folded media noun → the outlet kinds it can stand for
    anaphor_nouns: frozenset[str]  # "le quotidien" alone stands for the paper named last
    not_anaphors: frozenset[str]  # "au quotidien": an idiom, no outlet
    kind_changers: frozenset[str]  # "le journal télévisé" is no newspaper
    venue_regex: re.Pattern[str] | None  # "au micro de", "dans les colonnes de": only a medium follows
    state_words: frozenset[str]  # "la télévision d'État": a state-affiliated outlet
    public_words: frozenset[str]  # "la radio publique": a public or state outlet
    media_complements: frozenset[str]
    descriptor_words: frozenset[str]
    name_connectors: frozenset[str]
    name_media_words: frozenset[str]
    media_workers: frozenset[str]
    name_articles: frozenset[str]
    not_names: frozenset[str]
    not_title_words: frozenset[str]  # capitalised words that carry no title on ("Jeudi", "Mars")
    channels: dict[str, str]  # folded name → display name
    channel_cues: tuple[re.Pattern[str], ...]
    before: tuple[Cue, ...]
    after: tuple[Cue, ...]
    also: tuple[Cue, ...]  # second roles read after a name ("a appris X de source …": interview too)
    byline_words: frozenset[str]
    credit_pattern: str  # a photo credit line; group "credit" is what it credits
    agencies_pattern: str  # "(avec agences)"
    ourselves_pattern: str  # "notre rédaction": the publishing outlet
    unanswered_regex: re.Pattern[str] | None  # "n'a pas réagi": the one asked did not answer
    regional_networks: frozenset[str] = frozenset()  # "France 3": a name its regional editions lengthen
    words_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()  # "une note révélée par X": what the note says later came through X  # "des propos repris par X": what was relayed is someone's words

    def role_before(self, sentence_left: str, line_left: str, roles: tuple[str, ...] = ROLES) -> tuple[str, Cue] | None:
        """The role the text before a name gives it, and the cue that says so.

        Args:
            sentence_left: the text of the name's sentence before it.
            line_left: the text of the name's paragraph before it.
            roles: only try the cues giving one of these roles.
        """
        for cue in self.before:
            if cue.role in roles and cue.regex.search(line_left if cue.line else sentence_left):
                return cue.role, cue
        return None

    def role_after(self, right: str) -> tuple[str, Cue] | None:
        for cue in self.after:
            if cue.regex.search(right):
                return cue.role, cue
        return None

    def is_media_noun(self, word: str) -> bool:
        w = fold(word)
        return w in self.strong_nouns or w in self.weak_nouns


def _fold_all(words: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    # Macros may use macros; two passes are enough for the file's depth.
    for _ in range(2):
        for name, value in macros.items():
            pattern = pattern.replace("{" + name + "}", value)
    return pattern


def _compile(rows: list[dict], macros: dict[str, str]) -> tuple[Cue, ...]:
    return tuple(
        Cue(
            role=row["role"],
            # "case": the pattern tells a name from a word by its capital ("invité du Grand Jury").
            regex=re.compile(_expand(row["pattern"], macros), 0 if row.get("case") else re.IGNORECASE),
            line=bool(row.get("line")),
            note=row.get("note", ""),
            unanswered=row.get("unanswered"),
        )
        for row in rows
    )


@lru_cache(maxsize=1)
def load_cues() -> CueBook:
    """The packaged cue book (parsed once per process)."""
    raw = resources.files("sourcier.analyse").joinpath("data/source_cues.json").read_text("utf-8")
    return cue_book(json.loads(raw))


def cue_book(data: dict) -> CueBook:
    """Build a :class:`CueBook` from the JSON object of ``source_cues.json``."""
    macros = dict(data.get("macros", {}))
    channels = {fold(k): v for k, v in data["channels"].items()}
    # "X" (ex-Twitter) is a letter when alone: it needs "son compte X" or "le réseau social X".
    strict = [re.escape(v) for k, v in sorted(channels.items(), key=lambda kv: -len(kv[0])) if len(k) > 2]
    macros["CHANNELS"] = "(?:" + "|".join(re.escape(v) for v in sorted(channels.values(), key=len, reverse=True)) + ")"
    macros["CHANNELS_STRICT"] = "(?:" + "|".join(strict) + ")"
    nouns = data["media_nouns"]
    return CueBook(
        strong_nouns=_fold_all(nouns["strong"]),
        weak_nouns=_fold_all(nouns["weak"]),
        strong_phrases=_fold_all(data["strong_phrases"]),
        noun_kinds={fold(k): frozenset(v) for k, v in data.get("noun_kinds", {}).items() if k != "about"},
        anaphor_nouns=_fold_all(data.get("anaphor_nouns", [])),
        not_anaphors=_fold_all(data.get("not_anaphors", [])),
        kind_changers=_fold_all(data.get("kind_changers", [])),
        venue_regex=re.compile(data["venue_pattern"], re.IGNORECASE) if data.get("venue_pattern") else None,
        state_words=_fold_all(data.get("state_words", [])),
        public_words=_fold_all(data.get("public_words", [])),
        media_complements=_fold_all(data["media_complements"]),
        descriptor_words=_fold_all(data["descriptor_words"]),
        name_connectors=_fold_all(data["name_connectors"]),
        name_media_words=_fold_all(data["name_media_words"]),
        media_workers=_fold_all(data["media_workers"]),
        name_articles=_fold_all(data["name_articles"]),
        not_names=_fold_all(data["not_names"]),
        not_title_words=_fold_all(data.get("not_title_words", [])),
        channels=channels,
        channel_cues=tuple(re.compile(_expand(c["pattern"], macros), re.IGNORECASE) for c in data["channel_cues"]),
        before=_compile(data["before"], macros),
        after=_compile(data["after"], macros),
        also=_compile(data["also"], macros),
        byline_words=_fold_all(data["byline_words"]),
        credit_pattern=data["credit_pattern"],
        agencies_pattern=data["agencies_pattern"],
        ourselves_pattern=data["ourselves_pattern"],
        unanswered_regex=re.compile(data["unanswered_pattern"], re.IGNORECASE) if data.get("unanswered_pattern") else None,
        words_nouns=_fold_all(data.get("words_nouns", [])),
        document_nouns=_fold_all(data.get("document_nouns", [])),
        regional_networks=_fold_all(data.get("regional_networks", [])),
    )
