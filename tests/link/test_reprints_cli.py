"""``sourcier reprints --input``: JSONL and folders of text files, JSON and CSV output."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

import sourcier
from sourcier.cli.main import main
from tests.link.test_reuse import PORT, QUOTE_BLOCK, SCHOOL, VINEYARD


def _jsonl(tmp_path):
    records = [
        {"id": "a1", "text": PORT, "outlet": "Ouest Littoral", "date": "12 mars 2024", "url": "https://a.example/1"},
        {"id": "b7", "text": "Dépêche relayée.\n\n" + PORT[: len(PORT) * 2 // 3], "outlet": "Le Relais", "date": "2024-03-13"},
        {"id": "c3", "text": VINEYARD[:300] + " " + QUOTE_BLOCK + " " + VINEYARD[300:], "outlet": "Vignes"},
        {"id": "d4", "text": SCHOOL + " " + QUOTE_BLOCK},
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken\n", encoding="utf-8")
    return path


def test_json_output_has_clusters_members_and_spans(tmp_path):
    result = CliRunner().invoke(main, ["reprints", "--input", str(_jsonl(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [cluster] = data["clusters"]
    assert [m["id"] for m in cluster["members"]] == ["a1", "b7"]
    assert cluster["members"][0]["outlet"] == "Ouest Littoral"
    [pair] = cluster["spans"]
    for span in pair["spans"]:
        assert PORT[span["a_start"] : span["a_end"]] == span["text"]
    assert [(p["a"], p["b"]) for p in data["partial_reuse"]] == [("c3", "d4")]
    assert data["skipped"][0]["where"].endswith(":5")


def test_csv_lists_each_member_with_its_cluster(tmp_path):
    result = CliRunner().invoke(main, ["reprints", "--input", str(_jsonl(tmp_path)), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["cluster"], r["id"]) for r in rows] == [("1", "a1"), ("1", "b7")]


def test_folder_of_text_files_and_a_stricter_threshold(tmp_path):
    (tmp_path / "port.txt").write_text(PORT, encoding="utf-8")
    (tmp_path / "extrait.txt").write_text(PORT[: len(PORT) * 3 // 5] + "\n\n" + SCHOOL, encoding="utf-8")
    (tmp_path / "vignes.txt").write_text(VINEYARD, encoding="utf-8")
    loose = CliRunner().invoke(main, ["reprints", "--input", str(tmp_path), "--format", "json"])
    assert len(json.loads(loose.stdout)["clusters"]) == 1
    strict = CliRunner().invoke(main, ["reprints", "--input", str(tmp_path), "--format", "json", "--min-similarity", "0.9"])
    assert json.loads(strict.stdout)["clusters"] == []


def test_python_api(tmp_path):
    items = [sourcier.ReprintItem("x", PORT), sourcier.ReprintItem("y", VINEYARD), sourcier.ReprintItem("z", PORT)]
    assert [[items[i].id for i in g] for g in sourcier.find_reprints(items).clusters()] == [["x", "z"]]
