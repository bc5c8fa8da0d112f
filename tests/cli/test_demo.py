"""``sourcier demo`` (what ``make demo`` runs): ingest the demo corpus, report, and again idempotently."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from sourcier.cli.main import main
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.slow


def test_demo_ingests_reports_and_is_idempotent(tmp_path):
    articles = len([p for p in DEMO_CORPUS.iterdir() if p.suffix in (".txt", ".html")])
    db = str(tmp_path / "demo.db")
    first = CliRunner().invoke(main, ["demo", "--db", db])
    assert first.exit_code == 0, first.output
    assert f"{articles} ingested, 0 already present, 0 failed" in first.output
    assert "Abdoulaye Diop" in first.output  # the most quoted speaker of the corpus
    share = re.search(r"State-affiliated share of cited sources: (\d+) %", first.output)
    assert share and 0 < int(share.group(1)) < 100
    second = CliRunner().invoke(main, ["demo", "--db", db])
    assert f"0 ingested, {articles} already present" in second.output
    assert share.group(0) in second.output
