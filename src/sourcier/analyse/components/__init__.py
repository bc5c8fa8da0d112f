"""Sourcier's spaCy pipeline components; importing this package registers their factories."""

from sourcier.analyse.components import entities, gazetteer, hyphens, paragraphs, quotes, relations, sources, typing, via  # noqa: F401
