"""``--engine local|ray``: the options that choose where `analyze` and `ingest` run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click


@dataclass(frozen=True)
class Engine:
    """Where the per-text stages run, and what the Ray engine writes besides."""

    name: str = "local"
    address: str | None = None
    actors: int | None = None
    parquet: Path | None = None


def engine_options(command: Callable[..., Any], *, tables: bool = True) -> Callable[..., Any]:
    """Add --engine, --address, --actors and (with ``tables``) --parquet; the command
    receives ``engine``."""
    options = [
        click.option("--engine", "engine_name", type=click.Choice(["local", "ray"]), default="local",
                     show_default=True,
                     help="local: this machine; ray: a Ray cluster (pip install 'sourcier[ray]'), see README "
                          "'Scaling out'."),
        click.option("--address", default=None, envvar="RAY_ADDRESS", show_envvar=True,
                     help="Ray cluster to join (host:port, or 'auto'); default: start Ray on this machine."),
        click.option("--actors", type=click.IntRange(min=1), default=None,
                     help="Ray actors (analysis: each holds one pipeline, ~0.5 GB; reprints: each aligns pairs). "
                          "Default: the cluster's CPUs less one."),
        click.option("--parquet", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="With --engine ray: also write the analysis tables (analyses/, quotes/, failures/) "
                          "as Parquet into this directory, from the workers."),
    ][: 4 if tables else 3]

    def wrapped(*args: Any, engine_name: str, address: str | None, actors: int | None,
                parquet: Path | None = None, **kwargs: Any) -> Any:
        if engine_name != "ray" and (parquet is not None or actors is not None):
            raise click.UsageError("--parquet and --actors go with --engine ray")
        return command(*args, engine=Engine(engine_name, address, actors, parquet), **kwargs)

    wrapped.__name__, wrapped.__doc__ = command.__name__, command.__doc__
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped
