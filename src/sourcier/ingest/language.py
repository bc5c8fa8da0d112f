"""Is this text French? A function-word vote, small and dependency-free.

Closed-class words (articles, pronouns, prepositions, auxiliaries) make up a
large share of any running text whatever its subject, and they differ between
languages. We count, for each language we know, how many tokens are among its
function words (``data/function_words.json``); a token listed by *k* languages
counts 1/k for each, so shared words (``de``, ``la``, ``que``) do not decide.

Very short texts (a headline, a feed item) have too few words for a vote: they
are accepted as French on any French cue and never rejected.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources

from sourcier.errors import NotFrench

#: Below this many words a text is too short to be judged; it is never rejected.
MIN_WORDS = 20
#: A language must account for at least this share of the tokens to be named.
MIN_SHARE = 0.05
#: French wins when its score is at least this fraction of the best one: a French
#: article quoting a foreign speaker at length is still a French article.
FRENCH_MARGIN = 0.75

LANGUAGE_NAMES = {
    "fr": "French",
    "en": "English",
    "es": "Spanish",
    "pt": "Portuguese",
    "de": "German",
    "it": "Italian",
}

# A word, with the apostrophe of an elision kept on it ("l'", "qu'") because the
# elided forms are strong French (and Italian) cues.
_TOKEN = re.compile(r"[^\W\d_]+(?:'(?=[^\W\d_]))?")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2032": "'"})


@cache
def _function_words() -> dict[str, frozenset[str]]:
    raw = json.loads(
        resources.files("sourcier.ingest").joinpath("data/function_words.json").read_text("utf-8")
    )
    return {lang: frozenset(words) for lang, words in raw.items() if not lang.startswith("_")}


#: Characters judged: a few thousand words tell the language; a long text need not be read whole.
SAMPLE_CHARS = 20_000


@cache
def _weights() -> dict[str, list[tuple[str, float]]]:
    """word -> [(language, 1/k)] where k is the number of languages listing it."""
    owners: dict[str, list[str]] = {}
    for lang, words in _function_words().items():
        for word in words:
            owners.setdefault(word, []).append(lang)
    return {word: [(lang, 1 / len(langs)) for lang in langs] for word, langs in owners.items()}


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens; elided forms keep their apostrophe (``l'``)."""
    return _TOKEN.findall(text.translate(_APOSTROPHES).lower())


def language_scores(text: str) -> tuple[int, dict[str, float]]:
    """(number of tokens, {language: weighted share of tokens that are its function words})."""
    tokens = tokenize(text)
    weights = _weights()
    totals: Counter[str] = Counter()
    for token in tokens:
        for lang, weight in weights.get(token, ()):
            totals[lang] += weight
    n = len(tokens)
    return n, {lang: (totals[lang] / n if n else 0.0) for lang in _function_words()}


def _has_french_cue(tokens: list[str]) -> bool:
    """A word only French lists (``les``, ``est``, ``qu'``…)."""
    weights = _weights()
    return any(
        (owners := weights.get(token)) is not None and owners == [("fr", 1.0)] for token in tokens
    )


def detect_language(text: str) -> str:
    """Return ``"fr"``, another ISO 639-1 code among those we know, or ``"unknown"``.

    Texts under ``MIN_WORDS`` words give ``"fr"`` when they hold any word only
    French uses, else ``"unknown"``.
    """
    text = text[:SAMPLE_CHARS]
    tokens = tokenize(text)
    if len(tokens) < MIN_WORDS:
        return "fr" if _has_french_cue(tokens) else "unknown"
    _, scores = language_scores(text)
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < MIN_SHARE:
        return "unknown"
    if scores.get("fr", 0.0) >= max(MIN_SHARE, FRENCH_MARGIN * scores[best]):
        return "fr"
    return best


def ensure_french(text: str, origin: str | None = None) -> str:
    """Return the detected language; raise :class:`NotFrench` when the text is long
    enough to judge and does not look French. Short texts always pass."""
    language = detect_language(text)
    if language == "fr":
        return language
    n, scores = language_scores(text[:SAMPLE_CHARS])
    if n < MIN_WORDS:
        return language
    share = f"{scores.get('fr', 0.0):.0%} French function words"
    if language == "unknown":
        raise NotFrench(
            f"the text does not look French ({share} over {n} words, and no other known language "
            "either); Sourcier analyses French-language news only",
            origin=origin,
        )
    name = LANGUAGE_NAMES.get(language, language)
    raise NotFrench(
        f"the text looks {name} ({scores[language]:.0%} {name} vs {share} over {n} words); "
        "Sourcier analyses French-language news only",
        origin=origin,
    )
