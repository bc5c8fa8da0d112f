"""The inflected forms of the reporting verbs, so that a cue can be read from its surface form.

The tagger and the lemmatizer miss reporting verbs in the place they are most often in, an
incise after a quotation: ``« … », s'inquiète Martine`` is tagged as the adjective *inquiet*,
and a verb whose stem changes (*répète*, *appelle*, *rejette*) escapes the first-group ending
fallback of :func:`.lexicon.lemma_of`. This module conjugates each verb of the lexicon in the
third person (present, imperfect, simple past), its participles included, and maps every form
back to its lemma. First-group verbs follow the spelling rules below; the others follow the
families of ``verb_inflections.json``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_CONSONANTS = "bcdfghjklmnpqrstvwxz"
# "répéter" → "répète", "inquiéter" → "inquiète": the last é of the stem opens before a mute e
_CLOSED_E = re.compile(rf"é([{_CONSONANTS}]+)$")
# "lever" → "lève"; "appeler" → "appelle", "marteler" → "martèle"
_MUTE_E = re.compile(rf"e([{_CONSONANTS}])$")


def first_group_forms(lemma: str) -> set[str]:
    """The third-person and participle forms of a first-group (-er) verb."""
    stem = lemma[:-2]
    hard = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem  # before a, o
    forms = {hard + "ait", hard + "aient", hard + "a", stem + "èrent", stem + "é", stem + "ée", stem + "és",
             stem + "ées", hard + "ant"}
    for mute in _mute_stems(stem):
        forms |= {mute + "e", mute + "ent"}
    return forms


def _mute_stems(stem: str) -> set[str]:
    """The stem before a mute e: "répèt", "lèv", "appui"; both "appell" and "appèl" for -eler and
    -eter, whose usage varies ("appelle", "martèle")."""
    if (m := _CLOSED_E.search(stem)) is not None:
        return {stem[: m.start()] + "è" + m.group(1)}
    if (m := _MUTE_E.search(stem)) is not None:
        opened = {stem[: m.start()] + "è" + m.group(1)}
        return opened | {stem + m.group(1)} if m.group(1) in "lt" else opened
    if stem.endswith(("oy", "uy")):
        return {stem[:-1] + "i"}
    return {stem}


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = json.loads(resources.files("sourcier.analyse").joinpath("data", "verb_inflections.json")
                      .read_text("utf-8"))
    families = data["families"].items()
    return tuple(sorted(((ending, tuple(forms)) for ending, forms in families), key=lambda f: -len(f[0])))


def forms_of(lemma: str) -> set[str]:
    """The third-person and participle forms of ``lemma``, a verb in the infinitive."""
    for ending, forms in _families():
        if lemma.endswith(ending) and lemma != ending or lemma == ending:
            return {lemma[: len(lemma) - len(ending)] + form for form in forms}
    return first_group_forms(lemma) if lemma.endswith("er") else set()


def form_table(lemmas: frozenset[str]) -> dict[str, str]:
    """Each form of each verb of ``lemmas`` → its lemma (a form of two lemmas keeps the first, sorted)."""
    table: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for form in forms_of(lemma):
            table.setdefault(form, lemma)
    return table
