"""Knowledge bases: media outlets (``outlets``) and countries (``countries``).

The data are versioned files in ``data/`` with a citation per row; see
``docs/knowledge-base.md``. Entry points: :func:`sourcier.knowledge.outlets.load_outlets`,
:func:`sourcier.knowledge.countries.load_countries`, and the importers in
:mod:`sourcier.knowledge.importers`.
"""
