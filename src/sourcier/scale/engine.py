"""The Ray engine: read inputs with Ray Data, analyse them in actors that each hold one pipeline.

    input files ──▶ read (one task a file) ──▶ map_batches(_Analyser actors) ──▶ rows
                                                                 │
        driver: in input order ◀── printed / Parquet tables / the store (one writer)

Every document keeps its place in the input (``unit``, ``item``: see :mod:`.rows`) and the
execution preserves order, so the results come out as the local engine gives them. An actor
that dies (killed, out of memory, its node lost) is restarted by Ray and its batch is run
again: Ray Data's actors retry their tasks, and nothing is written but by the driver.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sourcier.errors import InputError, SourcierError, UnreadableInput
from sourcier.model import Analysis, text_id
from sourcier.scale.rows import Row, analysis_row, document_row, error_from_json, error_json, row_document, row_result
from sourcier.store.ingest import DEFAULT_ANALYZER, DOCUMENT_TIME_LIMIT_S, AnalyseStage, Failure

if TYPE_CHECKING:
    import ray.data

log = logging.getLogger(__name__)

#: Documents per ``map_batches`` call of an actor (the local engine's ``nlp.pipe`` takes 16).
ACTOR_BATCH = 16
#: CPUs a reading or filtering task asks for: none, so that they run beside actors that
#: hold every core (reading is light next to analysis, and Ray Data's back-pressure keeps
#: it from running far ahead of the actors).
LIGHT_CPUS = 0


class RayUnavailable(SourcierError):
    """Ray is not installed (``pip install 'sourcier[ray]'``) or the cluster cannot be reached."""

    code = "E401"


def connect(address: str | None = None, *, num_cpus: int | None = None) -> None:
    """Join the Ray cluster at ``address`` ("auto": the one this host belongs to; default
    ``$RAY_ADDRESS``), or start a local one on ``num_cpus`` cores when none is given.
    Ray Data then preserves the input order and shows no progress bars."""
    try:
        import ray
        from ray.data import DataContext
    except ImportError as exc:
        raise RayUnavailable("the Ray engine needs Ray: pip install 'sourcier[ray]'") from exc
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS") or None
        try:
            ray.init(address=address, num_cpus=None if address else num_cpus, include_dashboard=False,
                     logging_level=logging.ERROR)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RayUnavailable(f"cannot reach the Ray cluster at {address}: {exc}") from exc
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # Ray Data's INFO lines about each execution
    context = DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    context.print_on_execution_start = False


# --------------------------------------------------------------------------- reading


def read_documents(paths: Iterable[str]) -> ray.data.Dataset:
    """The documents of ``paths`` (files, folders, globs: what ``iter_documents`` reads) as
    rows of :func:`~sourcier.scale.rows.document_row`, one reading task per file. The files
    must be at the same path on every node (a shared file system)."""
    import ray.data

    from sourcier.ingest.readers import input_files

    units = [{"unit": n, "path": "", "origin": found.origin or "<input>", "error": error_json(found)}
             if isinstance(found, InputError) else {"unit": n, "path": found, "origin": found, "error": ""}
             for n, found in enumerate(input_files(paths))]
    return ray.data.from_items(units, override_num_blocks=max(1, len(units))).flat_map(
        _read_unit, fn_kwargs={"cwd": os.getcwd()}, num_cpus=LIGHT_CPUS)


def _read_unit(unit: Row, cwd: str) -> Iterator[Row]:
    """The document rows of one input file (relative paths are the driver's: ``cwd``)."""
    from sourcier.ingest.readers import read_file

    n = unit["unit"]
    if unit["error"]:
        yield document_row(n, 0, error_from_json(unit["error"], unit["origin"]))
        return
    if unit["path"] == "-":
        yield document_row(n, 0, UnreadableInput("a Ray cluster cannot read standard input; save it to a file",
                                                 origin="<stdin>"))
        return
    if os.path.isdir(cwd) and os.getcwd() != cwd:
        os.chdir(cwd)  # inputs named relative to where the command was run, as in their origins
    for item, result in enumerate(read_file(unit["path"])):
        yield document_row(n, item, result)


# --------------------------------------------------------------------------- analysis


class _Analyser:
    """A Ray actor holding one pipeline: :class:`AnalyseStage` over batches of document rows.
    Its settings are class attributes (see :func:`analyse`): an actor built without
    arguments can always be rebuilt by Ray after a crash."""

    analyzer: str = DEFAULT_ANALYZER
    time_limit: float | None = DOCUMENT_TIME_LIMIT_S

    def __init__(self) -> None:
        self.stage = AnalyseStage(self.analyzer, self.time_limit)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        rows = batch.to_pylist()
        docs = [row_document(row) for row in rows]
        readable = [d for d in docs if not isinstance(d, InputError)]
        analyses, failures = self.stage(readable) if readable else ([], [])
        by_id = {a.id: a for a in analyses}
        failed = {f.origin: f for f in failures}
        out = [analysis_row(row["unit"], row["item"], row["origin"], _outcome(doc, by_id, failed))
               for row, doc in zip(rows, docs, strict=True)]
        return pa.Table.from_pylist(out, schema=_RESULT_SCHEMA())


def _outcome(doc: Any, by_id: dict[str, Analysis], failed: dict[str, Failure]) -> Analysis | Failure:
    """What became of one document of a batch: its analysis (the analysis id is the hash of
    the text) or its failure (reported under its origin)."""
    from sourcier.store.ingest import failure

    if isinstance(doc, InputError):
        return failure(doc.origin or "<input>", doc)
    found = by_id.get(text_id(doc.text))
    if found is not None:
        return found
    return failed.get(doc.origin) or Failure(doc.origin, "E110 UnexpectedFailure", "the analyser gave no result")


def _RESULT_SCHEMA() -> Any:  # noqa: N802 - a constant, built when pyarrow is imported
    import pyarrow as pa

    return pa.schema([("unit", pa.int64()), ("item", pa.int64()), ("origin", pa.string()), ("id", pa.string()),
                      ("analysis", pa.large_string()), ("reason", pa.string()), ("message", pa.string())])


def analyse(documents: ray.data.Dataset, *, actors: int = 1, analyzer: str = DEFAULT_ANALYZER,
            time_limit: float | None = DOCUMENT_TIME_LIMIT_S) -> ray.data.Dataset:
    """One :func:`~sourcier.scale.rows.analysis_row` per document row, from ``actors`` actors
    that each load the pipeline once."""
    import ray.data

    settings = {"analyzer": analyzer, "time_limit": time_limit}
    return documents.map_batches(
        type("Analyser", (_Analyser,), settings),
        batch_size=ACTOR_BATCH,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
    )


def results(analysed: ray.data.Dataset) -> Iterator[tuple[str, Analysis | Failure]]:
    """(origin, analysis or failure) of each document, in input order."""
    for row in analysed.iter_rows():
        yield row["origin"], row_result(row)
