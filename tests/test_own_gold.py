"""The project's own gold (benchmarks/annotations/orangesum, orangesum2, orangesum3 and orangesum4, offsets only): every rebuilt
gold file of each set fits its text, both scorers read it alike, and each set holds its floors."""

from __future__ import annotations

import importlib.util
import json

import pytest

from sourcier import evaluate

from tests.conftest import ROOT, SHARED, load_reference_scorer


def _load(name: str, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


own_gold = _load("own_gold", ROOT / "benchmarks" / "own_gold.py")
sample = _load("orangesum_sample", ROOT / "benchmarks" / "annotations" / "orangesum" / "sample.py")
# Each set: the fewest articles it may hold, and its key in tests/quality_floors.json.
SETS = {"orangesum": (24, "own_gold"), "orangesum2": (30, "own_gold2"), "orangesum3": (30, "own_gold3"),
        "orangesum4": (30, "own_gold4")}


@pytest.fixture(scope="module", params=sorted(SETS))
def materialised(request, tmp_path_factory):
    """The name of a set, its NAME.txt / NAME.gold.json pairs in a temporary folder, and the problems found."""
    corpus = SHARED / "corpora" / "orangesum" / "articles.jsonl.gz"
    if not corpus.exists():
        pytest.skip("the OrangeSum corpus (../shared/corpora/orangesum) is not available")
    folder = tmp_path_factory.mktemp(f"own-gold-{request.param}")
    return request.param, folder, own_gold.materialise(folder, *own_gold.set_paths(request.param), corpus=corpus)


def test_every_set_is_tested():
    assert set(SETS) == set(own_gold.SETS)


def test_own_gold_files_fit_their_texts(materialised):
    name, folder, problems = materialised
    assert problems == []
    assert len(list(folder.glob("*.txt"))) == len(own_gold.annotations(*own_gold.set_paths(name))) >= SETS[name][0]


def test_the_sets_share_no_article():
    ids = [set(own_gold.annotations(path)) for path in own_gold.SETS.values()]
    assert all(ids) and sum(map(len, ids)) == len(set().union(*ids))
    assert set(own_gold.annotations(*own_gold.set_paths("all"))) == set().union(*ids)


def test_the_draw_leaves_out_the_articles_of_earlier_sets(tmp_path):
    earlier = tmp_path / "annotations.jsonl"
    earlier.write_text('{"orangesum_id": "12", "quotes": []}\n\n{"orangesum_id": 345, "quotes": []}\n', encoding="utf-8")
    assert sample.annotated_ids([earlier]) == {"12", "345"}
    assert sample.annotated_ids([]) == set()


def test_an_unknown_set_is_refused():
    with pytest.raises(ValueError, match="orangesum4"):
        own_gold.set_paths("orangesum5")


def test_own_gold_spans_are_text_slices_of_allowed_types(materialised):
    set_name, folder, _ = materialised
    annotated = own_gold.annotations(*own_gold.set_paths(set_name))
    for name in evaluate.gold_names(folder):
        text, gold = evaluate.read_gold(folder, name)
        data = json.loads((folder / f"{name}.gold.json").read_text(encoding="utf-8"))
        spans = [q["span"] for q in annotated[name.removeprefix(own_gold.PREFIX)]["quotes"]]
        for item, q, span in zip(gold.quotes, data["quotes"], spans, strict=True):
            assert text[item.start : item.end] == q["quote"], (name, q["quote"])
            assert [item.start, item.end] == span, (name, q["quote"])  # the annotated offsets, not an earlier appearance
            assert item.type in own_gold.TYPES
        assert all(role in own_gold.ROLES for _, role in gold.sources)


def test_own_gold_is_read_alike_by_both_scorers(materialised, tmp_path):
    _, folder, _ = materialised
    reference = load_reference_scorer("score.py").score(str(folder), str(tmp_path))  # no predictions
    ours = evaluate.score_dirs(folder, tmp_path)
    total = sum(len(json.loads(p.read_text(encoding="utf-8"))["quotes"]) for p in folder.glob("*.gold.json"))
    assert reference["gold"] == ours["gold"] == total > 0
    assert reference["recall_by_type@0.3"] == ours["recall_by_type@0.3"]
    assert reference["sources"] == ours["sources"]


def test_a_quote_whose_words_appear_earlier_is_read_at_its_own_offsets(tmp_path):
    text = "Le maire a dit que le pont sera réparé en mai. Il a répété : « le pont sera réparé »."
    second = text.index("le pont sera réparé", 20)
    annotation = {"quotes": [{"type": "indirect", "span": [19, 45], "speaker": "le maire", "speaker_mention": [0, 8],
                              "cue": [9, 14], "via": []},
                             {"type": "direct", "span": [second, second + 19], "speaker": "le maire",
                              "speaker_mention": None, "cue": [50, 58], "via": []}],
                  "sources": []}
    gold = own_gold.gold_file("x", text, annotation)
    assert [q["occurrence"] for q in gold["quotes"]] == [1, 2]
    assert own_gold.check("x", text, gold) == []
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert [(q.start, q.end) for q in evaluate.read_gold(tmp_path, "x")[1].quotes] == [(19, 45), (second, second + 19)]
    predictions = tmp_path / "pred"
    predictions.mkdir()
    found = {"quotes": [{"start": second, "end": second + 19, "type": "direct", "speaker": {"name": "le maire"}, "via": []}],
             "sources": []}
    (predictions / "x.json").write_text(json.dumps(found), encoding="utf-8")
    reference = load_reference_scorer("score.py").score(str(tmp_path), str(predictions))
    assert reference["quotes"]["iou0.5"]["matched"] == evaluate.score_dirs(tmp_path, predictions)["quotes"]["iou0.5"]["matched"] == 1


def test_check_reports_a_span_that_is_not_in_the_text():
    text = "Le maire a déclaré que la route rouvrira lundi."
    good = {"id": "x", "quotes": [{"type": "indirect", "quote": "la route rouvrira lundi", "speaker": "le maire",
                                   "speaker_mention": "Le maire", "cue": "a déclaré", "via": []}], "sources": []}
    assert own_gold.check("x", text, good) == []
    moved = json.loads(json.dumps(good))
    moved["quotes"][0]["quote"] = "la route rouvrira mardi"
    wrong_type = json.loads(json.dumps(good))
    wrong_type["quotes"][0]["type"] = "reported"
    full_stop = json.loads(json.dumps(good))
    full_stop["quotes"][0]["quote"] = "la route rouvrira lundi."
    second = json.loads(json.dumps(good))
    second["quotes"][0]["occurrence"] = 2
    for broken in (moved, wrong_type, full_stop, second):
        assert len(own_gold.check("x", text, broken)) == 1


@pytest.mark.slow
def test_quality_gate_on_the_own_gold(materialised):
    """The first set has been tuned on since it was drawn (see its README): its floors keep what was
    won there. The second set was scored blind at main 9d79fa6 (and tuned on for via and sources since);
    the third was scored blind at main c3c7941 and the fourth at main 036e04f: their floors are a little
    under those figures, a check of what carries over to unseen news, beside dev2."""
    from tests.test_quality_gate import FLOORS, check, gold_set_documents

    name, folder, _ = materialised
    check(evaluate.score(gold_set_documents(folder)), FLOORS[SETS[name][1]])


def test_the_fourth_set_is_its_two_draws(tmp_path):
    """orangesum4 is the draw of 24 articles with seed 2027 plus 6 more with seed 2028 (each away from the
    sets before it), as its README says: no article was chosen, swapped or dropped."""
    if not sample.CORPUS.joinpath("articles.jsonl.gz").exists():
        pytest.skip("the OrangeSum corpus (../shared/corpora/orangesum) is not available")
    earlier = [own_gold.SETS[name] for name in ("orangesum", "orangesum2", "orangesum3")]
    first = sample.draw(24, 2027, earlier)
    drawn = tmp_path / "first.jsonl"
    drawn.write_text("".join(json.dumps({"orangesum_id": oid}) + "\n" for _, oid, _ in first), encoding="utf-8")
    second = sample.draw(6, 2028, [*earlier, drawn])
    annotated = own_gold.annotations(own_gold.SETS["orangesum4"])
    assert {oid: line for line, oid, _ in first + second} == {oid: a["line"] for oid, a in annotated.items()}
