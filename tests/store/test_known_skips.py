"""Repeatable ingests (issue 11): permanent failures become known skips; a rerun exits 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import store_fake_analyzer as fake
from click.testing import CliRunner

from sourcier.cli.main import main

FAKE = "store_fake_analyzer:analyze_many"


def ingest(db_url: str, folder: Path, *extra: str):
    return CliRunner().invoke(main, ["ingest", str(folder), "--db", db_url, "--workers", "0", "--analyzer", FAKE,
                                     "-q", *extra])


def skipped(db_url: str) -> list[dict]:
    result = CliRunner().invoke(main, ["skipped", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    fake.write_corpus(tmp_path / "in", 3)
    (tmp_path / "in" / "article-pas-francais.txt").write_text(
        "ÉCHEC : un texte que l'analyseur factice refuse comme non français.", encoding="utf-8")
    return tmp_path / "in"


def test_a_rerun_passes_known_skips_by_and_exits_0(db_url, folder):
    first = ingest(db_url, folder)
    assert first.exit_code == 1 and "E105 NotFrench" in first.output
    [skip] = skipped(db_url)
    assert skip["origin"].endswith("article-pas-francais.txt") and skip["code"] == "E105"
    second = ingest(db_url, folder)
    assert second.exit_code == 0, second.output
    assert "1 known skip(s) passed by" in second.output


def test_retry_skipped_reads_them_again_and_forgets_those_stored(db_url, folder):
    ingest(db_url, folder)
    still_bad = ingest(db_url, folder, "--retry-skipped")
    assert still_bad.exit_code == 0 and "E105 NotFrench" in still_bad.output  # tried again, failed again
    assert len(skipped(db_url)) == 1
    (folder / "article-pas-francais.txt").write_text(fake.article_text(99), encoding="utf-8")  # fixed at the source
    fixed = ingest(db_url, folder, "--retry-skipped")
    assert fixed.exit_code == 0, fixed.output
    assert skipped(db_url) == []


def test_other_failures_are_not_remembered_and_keep_exit_1(db_url, folder):
    (folder / "article-bug.txt").write_text("PLANTAGE : ce texte fait planter l'analyseur factice.",
                                            encoding="utf-8")
    ingest(db_url, folder)
    rerun = ingest(db_url, folder)
    assert rerun.exit_code == 1 and "E110" in rerun.output
    assert [s["code"] for s in skipped(db_url)] == ["E105"]


def test_retrying_one_source_keeps_the_known_skips_of_another(db_url, folder, tmp_path):
    other = tmp_path / "autre"
    other.mkdir()
    (other / "article-vide.txt").write_text("ÉCHEC : encore un texte refusé par l'analyseur factice.",
                                            encoding="utf-8")
    ingest(db_url, folder)
    ingest(db_url, other)
    assert len(skipped(db_url)) == 2
    (folder / "article-pas-francais.txt").write_text(fake.article_text(98), encoding="utf-8")
    assert ingest(db_url, folder, "--retry-skipped").exit_code == 0
    assert [s["origin"] for s in skipped(db_url)] == [str(other / "article-vide.txt")]
