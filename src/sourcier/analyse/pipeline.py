"""The one spaCy pipeline: fr_core_news_md plus Sourcier's components, loaded once per process.

Order matters and is declared here only:

    sourcier_hyphenated_words → tok2vec → morphologizer → sourcier_paragraph_breaks → parser → attribute_ruler
    → lemmatizer → ner → sourcier_gazetteer → sourcier_entity_typing
    → sourcier_entities → [the extractors in EXTRACTORS]

The extractors (sources, quotes, via, relations) all read the same ``Doc``: the text is parsed once.
"""

from __future__ import annotations

import threading

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

import sourcier.analyse.components  # noqa: F401  (registers the factories)
from sourcier.analyse.limits import MAX_COPY_CHARS
from sourcier.analyse.records import register_extensions
from sourcier.analyse.textprep import ELIDED_WORDS

MODEL = "fr_core_news_md"

# Components that extract what the analysis reports, in the order they run.
EXTRACTORS: list[str] = ["sourcier_sources", "sourcier_quotes", "sourcier_via", "sourcier_relations"]

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
    nlp.max_length = MAX_COPY_CHARS  # ours and the model's limits agree: see analyse/limits.py
    for word in ELIDED_WORDS:  # "qu' « on … »": the text preparation spaces an elision from a quote mark
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("sourcier_hyphenated_words", first=True)
    nlp.add_pipe("sourcier_paragraph_breaks", before="parser")
    nlp.add_pipe("sourcier_gazetteer", after="ner")
    nlp.add_pipe("sourcier_entity_typing", after="sourcier_gazetteer")
    nlp.add_pipe("sourcier_entities", after="sourcier_entity_typing")
    for name in EXTRACTORS:
        nlp.add_pipe(name)
    return nlp
