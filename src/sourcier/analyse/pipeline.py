"""The one spaCy pipeline: fr_core_news_md plus Sourcier's components, loaded once per process.

Order matters and is declared here only:

    tok2vec → morphologizer → sourcier_paragraph_breaks → parser → attribute_ruler
    → lemmatizer → ner → sourcier_gazetteer (entity_ruler) → sourcier_entity_typing
    → sourcier_entities → [the extractors in EXTRACTORS]

The extractors (sources, quotes, …) all read the same ``Doc``: the text is parsed once.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from importlib import resources

import spacy
from spacy.language import Language

import sourcier.analyse.components  # noqa: F401  (registers the factories)
from sourcier.analyse.records import register_extensions

MODEL = "fr_core_news_md"

# Components that extract what the analysis reports, in the order they run.
EXTRACTORS: list[str] = ["sourcier_sources", "sourcier_quotes", "sourcier_via"]

_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """The process-wide pipeline (built on first use, about a second)."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = build_pipeline()
    return _nlp


def build_pipeline(model: str = MODEL) -> Language:
    """Load ``model`` and add Sourcier's components to it."""
    register_extensions()
    nlp = spacy.load(model)
    nlp.add_pipe("sourcier_paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="sourcier_gazetteer", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(list(gazetteer_patterns(nlp)))
    nlp.add_pipe("sourcier_entity_typing", after="sourcier_gazetteer")
    nlp.add_pipe("sourcier_entities", after="sourcier_entity_typing")
    for name in EXTRACTORS:
        nlp.add_pipe(name)
    return nlp


def gazetteer_patterns(nlp: Language) -> Iterator[dict]:
    """EntityRuler patterns: type corrections (data file) and every outlet alias as MEDIA."""
    text = resources.files("sourcier.analyse").joinpath("data/entity_patterns.jsonl").read_text("utf-8")
    for line in text.splitlines():
        if line.strip():
            row = json.loads(line)
            yield {"label": row["label"], "pattern": row["pattern"]}
    yield from media_patterns(nlp)


# An alias with one of these words names a medium whatever its case: "l'agence de presse
# africaine" is written in lower case, while "le pays" must not match the newspaper Le Pays.
_MEDIA_WORDS = frozenset(
    "agence presse radio télévision télé tv journal quotidien hebdomadaire magazine news média médias".split()
)


def media_patterns(nlp: Language) -> Iterator[dict]:
    from sourcier.knowledge.outlets import load_outlets

    for alias, record in load_outlets().aliases():
        yield {"label": "MEDIA", "pattern": alias, "id": record.id}
        words = [t.text for t in nlp.tokenizer(alias)]
        if len(words) > 1 and any(w.lower() in _MEDIA_WORDS for w in words):
            yield {"label": "MEDIA", "pattern": [{"LOWER": w.lower()} for w in words], "id": record.id}
