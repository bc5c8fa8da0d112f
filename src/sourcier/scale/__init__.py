"""Scaling out: the same per-text stages on a Ray cluster (``--engine ray``).

:mod:`.engine` reads inputs with Ray Data and analyses them in actors that each hold one
pipeline; :mod:`.ingest` loads the results into the store through one writer, resumably;
:mod:`.reprints` finds reprints with the LSH bands as a group-by; :mod:`.rows` is the row
format they exchange. Ray is an optional dependency: ``pip install 'sourcier[ray]'``.
"""
