"""The hostile corpus (made by ``tests/data/hostile/build.py`` in a temporary folder) through a real
ingest: every complete article stored once, every damaged input reported with its code,
and the run goes to its end."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

BUILDER = Path(__file__).resolve().parent / "data" / "hostile" / "build.py"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("hostile_build", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("hostile")
    module.build(folder)
    return folder


@pytest.mark.slow
def test_the_hostile_corpus_is_ingested_to_the_end(hostile, tmp_path):
    from sourcier.store import open_store, schema
    from sourcier.store.ingest import ingest_paths

    with open_store(str(tmp_path / "corpus.db")) as store:
        summary = ingest_paths([hostile], store, workers=0, batch_size=4)
        with store.connect() as conn:
            rows = conn.execute(sa.select(schema.articles.c.text, schema.articles.c.url)).all()
    reasons = Counter(f.reason.split()[0] for f in summary.failed)
    assert reasons == {"E106": 4, "E108": 1}  # 3 damaged WARC records, the billion laughs; the marks
    assert {Path(f.origin.split("#")[0]).name for f in summary.failed if f.reason.startswith("E106")} == {
        "truncated.warc.gz", "torn-then-appended.warc.gz", "torn-then-appended.warc", "billion-laughs.rss"}
    assert (summary.ingested, summary.already_present) == (12, 1)  # nfc.txt and nfd.txt are one article
    urls = {url for _, url in rows if url}
    assert {"https://example.org/warc-a", "https://example.org/torn-a", "https://example.org/torn-c",
            "https://example.org/plain-a", "https://example.org/plain-c"} <= urls
    assert not any("99999" in url for url in urls)
    for text, url in rows:
        if url and url.rsplit("/", 1)[1].startswith(("warc-", "torn-", "plain-")):
            assert "Paragraphe 11" in text  # WARC pages whole, never a truncated beginning
        text.encode("utf-8")


@pytest.mark.slow
def test_analyze_goes_through_the_hostile_corpus_and_says_what_it_skipped(hostile):
    import json

    from click.testing import CliRunner

    from sourcier.cli.main import main

    result = CliRunner().invoke(main, ["analyze", str(hostile), "--format", "jsonl", "-q"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a status, not a crash
    analyses = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(analyses) == 13  # nfc.txt and nfd.txt both analysed: analyze does not deduplicate
    assert "5 input(s) skipped" in result.stderr
    for code in ("[E106]", "[E108]"):
        assert code in result.stderr
