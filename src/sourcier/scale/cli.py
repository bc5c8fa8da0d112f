"""What `sourcier analyze --engine ray` and `sourcier ingest --engine ray` run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sourcier.cli.engine import Engine
from sourcier.link.reprints import ReprintItem, ReprintReport
from sourcier.link.reuse import Match, ReuseIndex, ReuseSettings, Sketches
from sourcier.model import Analysis
from sourcier.scale import engine as ray_engine
from sourcier.scale.rows import failure_error
from sourcier.scale.tables import with_tables
from sourcier.store.db import Store
from sourcier.store.ingest import IngestSummary


def analyses_on_ray(paths: list[str], engine: Engine, report: Callable[[str, Exception], None],
                    advance: Callable[[], None]) -> Iterator[tuple[str, Analysis]]:
    """(origin, analysis) of each readable document of ``paths``, analysed on Ray, in input
    order; failures go to ``report``. With ``engine.parquet`` the tables are written first."""
    ray_engine.connect(engine.address)
    analysed = ray_engine.analyse(ray_engine.read_documents(paths), actors=actors(engine))
    for origin, result in ray_engine.results(with_tables(analysed, engine.parquet)):
        advance()
        if isinstance(result, Analysis):
            yield origin, result
        else:
            report(origin, failure_error(result))


def actors(engine: Engine) -> int:
    """The actors asked for, else one per CPU of the cluster but one (left to reading)."""
    import ray

    if engine.actors:
        return engine.actors
    return max(1, int(ray.cluster_resources().get("CPU", 2)) - 1)


def ingest_on_ray(paths: tuple[str, ...], store: Store, engine: Engine, **settings: Any) -> IngestSummary:
    """:func:`sourcier.scale.ingest.ingest_on_ray` on the cluster ``engine`` names; with
    ``engine.parquet``, the analysis tables of the documents analysed are written too."""
    from sourcier.scale import ingest

    ray_engine.connect(engine.address)
    return ingest.ingest_on_ray(paths, store, actors=actors(engine), tables=engine.parquet, **settings)


def reprints_on_ray(items: Iterable[ReprintItem], settings: ReuseSettings,
                    skipped: list[tuple[str, str]] | None = None, *, engine: Engine) -> ReprintReport:
    """:func:`sourcier.scale.reprints.find_reprints_on_ray` on the cluster ``engine`` names."""
    from sourcier.scale.reprints import find_reprints_on_ray

    ray_engine.connect(engine.address)
    return find_reprints_on_ray(items, settings, skipped, actors=actors(engine))


def index_on_ray(index: ReuseIndex, texts: list[str], *, engine: Engine) -> tuple[Sketches, list[Match]]:
    """:func:`sourcier.scale.reprints.add_on_ray` on the cluster ``engine`` names."""
    from sourcier.scale.reprints import add_on_ray

    ray_engine.connect(engine.address)
    return add_on_ray(index, texts, actors=actors(engine))
