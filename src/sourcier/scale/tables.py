"""The Parquet analysis tables a Ray run writes from its workers (``--parquet DIR``).

    DIR/analyses/  one row per analysed article: unit, item, origin, id, url, title, outlet,
                   published, quotes, sources, and the whole ``sourcier.analysis/1`` JSON
    DIR/quotes/    one row per quote: article id, quote id, type, offsets, text, speaker
    DIR/failures/  one row per document that could not be analysed: origin, reason, message
               (no folder when every document was analysed)

``unit`` and ``item`` give an article's place in the input order (sort by them to read the
tables in the order of `sourcier analyze`'s output). Each table is a folder of Parquet files,
one per block, which DuckDB, pandas or Spark read as one table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sourcier.scale.rows import Row

if TYPE_CHECKING:
    import ray.data


def with_tables(analysed: ray.data.Dataset, out_dir: Path | None) -> ray.data.Dataset:
    """``analysed``, its tables first written into ``out_dir`` when one is given (the
    analyses are then kept in Ray's object store, so that they are computed once)."""
    if out_dir is None:
        return analysed
    analysed = analysed.materialize()
    write_tables(analysed, out_dir)
    return analysed


def write_tables(analysed: ray.data.Dataset, out_dir: Path) -> None:
    """Write the three tables of ``analysed`` (rows of :func:`~sourcier.scale.rows.analysis_row`)."""
    from ray.data.expressions import col

    out_dir.mkdir(parents=True, exist_ok=True)
    done = analysed.filter(expr=col("reason") == "")
    done.map(_article).write_parquet(str(out_dir / "analyses"))
    done.flat_map(_quotes).write_parquet(str(out_dir / "quotes"))
    analysed.filter(expr=col("reason") != "").select_columns(
        ["unit", "item", "origin", "reason", "message"]).write_parquet(str(out_dir / "failures"))


def _article(row: Row) -> Row:
    data = json.loads(row["analysis"])
    meta = data["article"]
    return {"unit": row["unit"], "item": row["item"], "origin": row["origin"], "id": data["id"],
            "url": meta.get("url"), "title": meta.get("title"), "outlet": meta.get("outlet"),
            "published": meta.get("published"), "quotes": len(data["quotes"]), "sources": len(data["sources"]),
            "analysis": row["analysis"]}


def _quotes(row: Row) -> Iterator[dict[str, Any]]:
    data = json.loads(row["analysis"])
    for quote in data["quotes"]:
        speaker = quote.get("speaker") or {}
        yield {"article_id": data["id"], "quote_id": quote["id"], "type": quote["type"], "start": quote["start"],
               "end": quote["end"], "text": quote["text"], "speaker": speaker.get("name"),
               "speaker_entity": speaker.get("entity"), "confidence": quote.get("confidence")}
