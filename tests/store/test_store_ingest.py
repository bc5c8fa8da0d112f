"""The ingest pipeline: skipping before analysis, workers, failures, and surviving SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
import store_fake_analyzer as fake
from store_builders import wait_until

from sourcier.errors import UnreadableInput
from sourcier.store import open_store, schema
from sourcier.store.ingest import IngestAborted, estimate_total, ingest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FAKE = "store_fake_analyzer:analyze_many"

calls: list[str] = []


def counting_analyze_many(docs, **kw):
    """The fake analyser, recording which documents it was asked to analyse (workers=0 only)."""
    docs = list(docs)
    calls.extend(d.origin for d in docs)
    return fake.analyze_many(docs, **kw)


def dying_analyze_many(docs, **kw):
    docs = list(docs)
    if any(d.origin.endswith("article-007.txt") for d in docs):
        os._exit(3)  # a worker crash (segfault, OOM kill…)
    return fake.analyze_many(docs, **kw)


def entity_rows(store) -> list[tuple]:
    with store.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(schema.entities).order_by(schema.entities.c.id))]


def assert_consistent(store, expected: int) -> None:
    """Every article once, and each with exactly the rows its analysis implies (no orphan, no half)."""
    a, q, m, s = schema.articles, schema.quotes, schema.mentions, schema.sources
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(a)).scalar_one() == expected
        assert conn.execute(sa.select(sa.func.count(sa.distinct(a.c.canonical_url)))).scalar_one() in (0, expected)
        for child in (q, m, s):
            orphans = conn.execute(
                sa.select(sa.func.count()).select_from(child).where(child.c.article_id.not_in(sa.select(a.c.id)))
            ).scalar_one()
            assert orphans == 0
        for row in conn.execute(sa.select(a.c.id, a.c.analysis)):
            analysis = row.analysis if isinstance(row.analysis, dict) else json.loads(row.analysis)
            n_quotes = conn.execute(sa.select(sa.func.count()).select_from(q).where(q.c.article_id == row.id)).scalar_one()
            n_mentions = conn.execute(sa.select(sa.func.count()).select_from(m).where(m.c.article_id == row.id)).scalar_one()
            assert n_quotes == len(analysis["quotes"])
            assert n_mentions == sum(len(e["mentions"]) or 1 for e in analysis["entities"])


def test_ingest_skips_known_articles_before_analysis(store, tmp_path):
    fake.write_corpus(tmp_path / "in", 12)
    (tmp_path / "in" / "article-bad.txt").write_text("ÉCHEC de lecture, texte illisible.", encoding="utf-8")
    items = [*fake.read_dir(tmp_path / "in"), UnreadableInput("no such file or directory", origin="missing.txt")]
    calls.clear()
    first = ingest(items, store, workers=0, batch_size=5, analyzer=f"{__name__}:counting_analyze_many")
    assert (first.ingested, first.already_present, len(first.failed)) == (12, 0, 2)
    assert set(first.failures_by_reason()) == {"E105 NotFrench", "E101 UnreadableInput"}
    assert len(calls) == 13
    calls.clear()
    again = ingest(list(fake.read_dir(tmp_path / "in")), store, workers=0, batch_size=5,
                   analyzer=f"{__name__}:counting_analyze_many")
    assert (again.ingested, again.already_present) == (0, 12)
    assert calls == [str(tmp_path / "in" / "article-bad.txt")]  # only what is not stored
    assert_consistent(store, 12)


def test_duplicates_within_one_run_are_analysed_once(store, tmp_path):
    fake.write_corpus(tmp_path / "in", 3)
    docs = list(fake.read_dir(tmp_path / "in"))
    calls.clear()
    summary = ingest(docs + docs, store, workers=0, batch_size=2, analyzer=f"{__name__}:counting_analyze_many")
    assert (summary.ingested, summary.already_present) == (3, 3)
    assert len(calls) == 3


def test_an_analysis_the_store_rejects_fails_alone(store, tmp_path):
    fake.write_corpus(tmp_path / "in", 6)
    path = tmp_path / "in" / "article-002.txt"
    path.write_text(path.read_text(encoding="utf-8") + " DOUBLON", encoding="utf-8")
    summary = ingest(fake.read_dir(tmp_path / "in"), store, workers=0, batch_size=3, analyzer=FAKE)
    assert (summary.ingested, len(summary.failed)) == (5, 1)
    assert list(summary.failures_by_reason()) == ["E300 StoreError"]
    assert_consistent(store, 5)


def test_workers_give_the_same_corpus_as_one_process(db_url, tmp_path):
    fake.write_corpus(tmp_path / "in", 20)
    with open_store(db_url) as parallel:
        summary = ingest(fake.read_dir(tmp_path / "in"), parallel, workers=2, batch_size=3, analyzer=FAKE)
        assert summary.ingested == 20
        assert_consistent(parallel, 20)
        rows_parallel = entity_rows(parallel)
    with open_store(str(tmp_path / "serial.db")) as serial:
        ingest(fake.read_dir(tmp_path / "in"), serial, workers=0, batch_size=3, analyzer=FAKE)
        assert entity_rows(serial) == rows_parallel  # written in input order: same global entities


def test_a_dead_worker_aborts_but_keeps_what_was_written(store, tmp_path):
    fake.write_corpus(tmp_path / "in", 15)
    with pytest.raises(IngestAborted, match="exit code 3"):
        ingest(fake.read_dir(tmp_path / "in"), store, workers=1, batch_size=5,
               analyzer=f"{Path(__file__).stem}:dying_analyze_many")
    assert_consistent(store, store.count())
    assert store.count() == 5  # the first batch; the one with article 7 died


def test_estimate_total(tmp_path):
    fake.write_corpus(tmp_path / "in", 4)
    (tmp_path / "x.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n')
    assert estimate_total([tmp_path / "in"]) == 4
    assert estimate_total([str(tmp_path / "in" / "*.txt"), tmp_path / "x.jsonl"]) == 6
    (tmp_path / "feed.warc.gz").write_bytes(b"")
    assert estimate_total([tmp_path / "feed.warc.gz"]) is None


# --------------------------------------------------------------------------- the crash test


def _driver(corpus: Path, db: str) -> list[str]:
    """The command that ingests ``corpus``: the real CLI when the ingest readers are there."""
    try:
        from sourcier.ingest import iter_documents  # noqa: F401

        code = (
            "import sys; from sourcier.cli.ingest import ingest; "
            f"ingest.main(args=[{str(corpus)!r}, '--db', {db!r}, '--workers', '2', '--batch-size', '5', "
            f"'--quiet', '--analyzer', {FAKE!r}], prog_name='sourcier ingest')"
        )
    except ImportError:
        code = (
            "from sourcier.store import open_store; from sourcier.store.ingest import ingest; "
            "import store_fake_analyzer as f; "
            f"s = open_store({db!r}); "
            f"print(ingest(f.read_dir({str(corpus)!r}), s, workers=2, batch_size=5, analyzer={FAKE!r}))"
        )
    return [sys.executable, "-c", code]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    # Zombies of the group count as gone.
    out = subprocess.run(["ps", "-o", "stat=", "-g", str(pgid)], capture_output=True, text=True).stdout.split()
    return any(not s.startswith("Z") for s in out)


def test_sigkill_mid_ingest_then_rerun_stores_every_article_once(db_url, tmp_path):
    corpus = tmp_path / "corpus"
    fake.write_corpus(corpus, 40)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
           "FAKE_ANALYZER_DELAY": "0.12"}
    with open_store(db_url) as store:  # migrated up front, so polling never races the schema
        proc = subprocess.Popen(_driver(corpus, db_url), env=env, cwd=tmp_path, start_new_session=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert wait_until(lambda: store.count() >= 5 or proc.poll() is not None, timeout=120, interval=0.03), \
                "no batch committed in time"
            os.kill(proc.pid, signal.SIGKILL)  # the main process only: workers must notice and quit
            proc.wait(timeout=30)
            killed_at = store.count()
            assert 5 <= killed_at < 40, f"killed too late ({killed_at} articles, rc={proc.returncode})"
            assert killed_at % 5 == 0  # whole batches only
            assert_consistent(store, killed_at)
            assert wait_until(lambda: not _group_alive(proc.pid), timeout=30), "worker processes outlived the kill"
        finally:
            if _group_alive(proc.pid):
                os.killpg(proc.pid, signal.SIGKILL)

        env["FAKE_ANALYZER_DELAY"] = "0"
        rerun = subprocess.run(_driver(corpus, db_url), env=env, cwd=tmp_path, capture_output=True, text=True,
                               timeout=300)
        assert rerun.returncode == 0, rerun.stderr[-3000:]
        assert_consistent(store, 40)
        with store.connect() as conn:
            a = schema.articles
            assert conn.execute(sa.select(sa.func.count(sa.distinct(a.c.content_hash)))).scalar_one() == 40
            # The same speaker across the 40 articles is one entity (5 names in the corpus).
            assert conn.execute(sa.select(sa.func.count()).select_from(schema.entities)).scalar_one() == 5


# --------------------------------------------------------------------------- with the real analyser


@pytest.mark.slow
def test_real_analysis_ingest_and_query(tmp_path):
    pytest.importorskip("fr_core_news_md")
    from click.testing import CliRunner

    from sourcier.cli.ingest import ingest as ingest_cmd
    from sourcier.store.queries import quotes, speakers

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = [
        "Le ministre des Affaires étrangères Abdoulaye Diop a déclaré : « Le Mali ne cédera à aucune pression. »",
        "À Moscou, le ministre malien des Affaires étrangères Abdoulaye Diop a affirmé : « Notre partenariat "
        "avec la Russie est stratégique. »",
        "Le président de la transition, Assimi Goïta, a promis que « les élections auront lieu ». "
        "Le Premier ministre Choguel Maïga a ajouté : « Nous tiendrons parole. »",
    ]
    for i, text in enumerate(texts):
        (corpus / f"a{i}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "real.db")
    runner = CliRunner()
    first = runner.invoke(ingest_cmd, [str(corpus), "--db", db, "--workers", "0", "--quiet"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(ingest_cmd, [str(corpus), "--db", db, "--workers", "0", "--quiet"])
    assert second.exit_code == 0, second.output
    with open_store(db) as store:
        assert store.count() == 3
        assert_consistent(store, 3)
        with store.connect() as conn:
            e, m = schema.entities, schema.mentions
            ids = conn.execute(sa.select(e.c.id).where(e.c.name == "Abdoulaye Diop")).scalars().all()
            assert len(ids) == 1  # one person across the two articles
            linked = conn.execute(sa.select(sa.func.count(sa.distinct(m.c.article_id))).where(m.c.entity_id == ids[0]))
            assert linked.scalar_one() == 2
        diop = quotes(store, speaker="Diop")
        assert diop and {q.speaker.id for q in diop} == set(ids)
        assert speakers(store)
