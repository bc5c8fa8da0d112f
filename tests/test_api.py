"""The public Python API: ``analyze``, ``analyze_many`` and the exported names."""

from __future__ import annotations

import json

import pytest

import sourcier
from sourcier.errors import EmptyInput, NotFrench, UnreadableInput
from sourcier.model import Analysis

TEXT = (
    "Le président nigérien a reçu lundi à Niamey une délégation de la CEDEAO.\n\n"
    "Les discussions ont porté sur la réouverture de la frontière avec le Bénin."
)


def test_exported_names_are_complete_and_sorted():
    assert sourcier.__all__ == sorted(sourcier.__all__)
    for name in sourcier.__all__:
        assert hasattr(sourcier, name)


@pytest.mark.slow
def test_analyze_text_path_and_round_trip(tmp_path):
    from_text = sourcier.analyze(TEXT)
    path = tmp_path / "niamey.txt"
    path.write_text(TEXT, encoding="utf-8")
    from_path = sourcier.analyze(path)
    assert from_text.id == from_path.id  # the id is a hash of the text
    assert from_text.text == TEXT
    assert [(p.start, p.end) for p in from_text.paragraphs] == [(0, 72), (74, len(TEXT))]
    data = json.loads(from_path.to_json())
    assert Analysis.from_dict(data).to_dict() == data


@pytest.mark.slow
def test_analyze_raises_coded_errors():
    with pytest.raises(EmptyInput):
        sourcier.analyze("   ")
    with pytest.raises(NotFrench):
        sourcier.analyze(
            "The president received a delegation on Monday and said the border with Benin would reopen soon, "
            "according to officials who spoke to reporters in the capital."
        )


@pytest.mark.slow
def test_analyze_many_keeps_results_aligned_with_inputs(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    errors = []
    items = [TEXT, tmp_path / "bad.txt", "", TEXT.replace("lundi", "mardi")]
    results = list(sourcier.analyze_many(items, on_error=lambda origin, err: errors.append((origin, err))))
    assert [type(r).__name__ for r in results] == ["Analysis", "BinaryInput", "EmptyInput", "Analysis"]
    assert [results[0].text, results[3].text] == [TEXT, TEXT.replace("lundi", "mardi")]
    assert [err for _, err in errors] == results[1:3]
    assert all(isinstance(err, sourcier.errors.InputError) for _, err in errors)


def test_analyze_a_missing_file_name_raises_the_missing_file_error(tmp_path, monkeypatch):
    import sourcier.api as api

    monkeypatch.setattr(api, "get_nlp", lambda: pytest.fail("the model must not load for a missing file"))
    for name in ("typo.txt", str(tmp_path / "nowhere" / "article.html"), "corpus/a1"):
        with pytest.raises(UnreadableInput, match="no such file"):
            sourcier.analyze(name)


@pytest.mark.parametrize(
    ("text", "is_path"),
    [
        ("typo.txt", True),
        ("  pages/une.HTML ", True),
        ("corpus/a1", True),
        ("Le ministre a parlé du dossier 50/50 devant la presse.", False),
        ("Un article court.", False),
        ("Première ligne.txt\nSeconde ligne.", False),
    ],
)
def test_a_string_is_a_path_by_a_documented_rule(text, is_path):
    from sourcier.api import looks_like_path

    assert looks_like_path(text) is is_path


def test_analyze_many_logs_failures_by_default(caplog):
    import logging

    with caplog.at_level(logging.WARNING, logger="sourcier.api"):
        results = list(sourcier.analyze_many(["typo.txt"]))
    assert isinstance(results[0], UnreadableInput)
    assert "typo.txt" in caplog.text
