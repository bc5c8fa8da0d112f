"""Ingest, fuzzed: whatever hostile lines sit beside them, the witness articles are stored
exactly as they are when ingested alone (the fake analyser stands in for the model)."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import sqlalchemy as sa
import store_fake_analyzer as fake
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import EXAMPLES, jsonl_lines

from sourcier.ingest import read_jsonl
from sourcier.store import open_store, schema
from sourcier.store.ingest import ingest

WITNESSES = [json.dumps({"id": f"w{i}", "text": fake.article_text(i), "url": f"https://example.org/{i}"}).encode()
             for i in range(3)]


def stored(lines: list[bytes]) -> list[tuple]:
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "c.db")) as store:
        summary = ingest(read_jsonl(io.BytesIO(b"\n".join(lines) + b"\n")), store, workers=0, batch_size=3,
                         analyzer="store_fake_analyzer:analyze_many")
        assert summary.processed >= len(WITNESSES)
        a = schema.articles
        with store.connect() as conn:
            rows = conn.execute(sa.select(a.c.external_id, a.c.text, a.c.url, a.c.title, a.c.content_hash)
                                .where(a.c.external_id.in_(["w0", "w1", "w2"])).order_by(a.c.external_id))
            return [tuple(r) for r in rows]


ALONE: list[tuple] = []


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(jsonl_lines(), max_size=6), st.permutations(range(3)))
def test_fuzz_hostile_lines_change_nothing_stored_for_the_others(hostile, order):
    if not ALONE:
        ALONE.extend(stored(WITNESSES))
    lines = list(hostile)
    for k, i in enumerate(order):
        lines.insert(min(2 * k, len(lines)), WITNESSES[i])
    assert stored(lines) == ALONE
