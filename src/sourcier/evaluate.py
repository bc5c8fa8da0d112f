"""Scoring an analysis against gold annotations: quotes, speakers, ``via`` and cited sources.

Gold files follow ``docs/quotes.md`` (one ``NAME.gold.json`` beside each
``NAME.txt``). The figures are those of the project's reference scorer:

* quotes are matched one to one, greedily, best overlap first, under three
  criteria: ``@0.3`` and ``@0.8`` (the prediction covers more than that share
  of the gold span's characters) and ``iou0.5`` (intersection over union ≥ 0.5);
* precision, recall and F1 count matched quotes over predicted and gold quotes;
* over matched quotes: speaker accuracy, *strict* (equal normalised names) and
  *lenient* (the predicted name's tokens, titles left out, are a subset of the
  gold name's and include its last token: "Diop" for "Abdoulaye Diop"); type
  accuracy; F1 of the ``via`` names;
* recall by gold type at ``@0.3``; cited sources F1 by name and by (name, role).

A gold speaker of ``null`` matches only a prediction without a speaker.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CRITERIA: dict[str, tuple[str, float]] = {"@0.3": ("cover", 0.3), "@0.8": ("cover", 0.8), "iou0.5": ("iou", 0.5)}
# Words a lenient speaker match ignores: articles and the titles that precede names.
TITLE_WORDS = frozenset(
    "m mme mlle dr pr me mgr le la les l president presidente general colonel capitaine commandant lieutenant"
    " ministre premier".split()
)


@dataclass(slots=True)
class Item:
    """A quote to score: character span, type, speaker name and via names."""

    start: int
    end: int
    type: str | None
    speaker: str | None
    via: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Annotated:
    """The quotes and (name, role) sources of one document."""

    quotes: list[Item]
    sources: list[tuple[str | None, str | None]]


# -- names ------------------------------------------------------------------------------


def normalise(name: str | None) -> str:
    """Lower case, no accents; apostrophes, hyphens and dots become spaces; words only."""
    if not name:
        return ""
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    name = re.sub(r"[’'`\-\.]", " ", name)
    return " ".join(re.findall(r"\w+", name))


def name_tokens(name: str | None) -> list[str]:
    return [w for w in normalise(name).split() if w not in TITLE_WORDS]


def same_speaker(gold: str | None, pred: str | None, *, lenient: bool) -> bool:
    """Whether a predicted speaker name counts as the gold one."""
    if gold is None:
        return not pred
    if not pred:
        return False
    if normalise(gold) == normalise(pred):
        return True
    if not lenient:
        return False
    g, p = name_tokens(gold), name_tokens(pred)
    return bool(p) and bool(g) and set(p) <= set(g) and g[-1] in p


# -- loading ----------------------------------------------------------------------------


def load_gold(data: dict[str, Any], text: str) -> Annotated:
    """A gold file's quotes (located in ``text`` by string and occurrence when no offsets) and sources."""
    quotes = []
    for q in data.get("quotes", []):
        if "start" in q:
            start, end = q["start"], q.get("end", q["start"] + len(q.get("quote", "")))
        else:
            start = -1
            for _ in range(q.get("occurrence", 1)):
                start = text.find(q["quote"], start + 1)
            end = start + len(q["quote"])
        quotes.append(Item(start, end, q.get("type"), q.get("speaker"), list(q.get("via") or [])))
    sources = [(s.get("name"), s.get("role")) for s in data.get("sources", [])]
    return Annotated(quotes, sources)


# The guidelines file agency credit lines under `relay`; a predicted `byline` is scored as one.
SCORED_ROLE = {"byline": "relay"}


def load_prediction(data: dict[str, Any]) -> Annotated:
    """The quotes and sources of a ``sourcier.analysis/1`` object."""
    quotes = []
    for q in data.get("quotes", []):
        speaker = q.get("speaker") or {}
        name = speaker.get("name") if isinstance(speaker, dict) else speaker
        via = [v.get("name") if isinstance(v, dict) else v for v in q.get("via") or []]
        quotes.append(Item(q["start"], q["end"], q.get("type"), name, [v for v in via if v]))
    sources = [(s.get("name"), SCORED_ROLE.get(s.get("role"), s.get("role"))) for s in data.get("sources", [])]
    return Annotated(quotes, sources)


# -- matching ---------------------------------------------------------------------------


def match(gold: list[Item], pred: list[Item], criterion: str) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best overlap first."""
    mode, threshold = CRITERIA[criterion]
    scored = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            inter = min(g.end, p.end) - max(g.start, p.start)
            if inter <= 0:
                continue
            if mode == "cover":
                score = inter / (g.end - g.start) if g.end > g.start else 0.0
                ok = score > threshold
            else:
                score = inter / (max(g.end, p.end) - min(g.start, p.start))
                ok = score >= threshold
            if ok:
                scored.append((score, i, j))
    pairs, gold_used, pred_used = [], set(), set()
    for _score, i, j in sorted(scored, reverse=True):
        if i not in gold_used and j not in pred_used:
            gold_used.add(i)
            pred_used.add(j)
            pairs.append((i, j))
    return pairs


# -- scoring ----------------------------------------------------------------------------


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


@dataclass
class _Tally:
    tp: int = 0
    strict: int = 0
    lenient: int = 0
    type: int = 0
    via: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, pred, gold


def score(documents: Iterable[tuple[str, Annotated, Annotated | None]]) -> dict[str, Any]:
    """Score ``(name, gold, prediction)`` triples (a missing prediction counts as empty).

    RETURNS (dict): ``documents``, ``gold``, ``pred``, ``missing_pred_files``, ``quotes`` (per
        criterion: P, R, F1, matched, speaker_strict, speaker_lenient, type_acc, via_F1),
        ``recall_by_type@0.3``, ``sources`` (name, name_role: P, R, F1) and ``per_document@0.3``.
    """
    tallies = {c: _Tally() for c in CRITERIA}
    by_type: dict[str, list[int]] = {}
    sources = {"name": [0, 0, 0], "name_role": [0, 0, 0]}
    totals = {"gold": 0, "pred": 0, "missing_pred_files": 0}
    per_doc: dict[str, dict[str, int]] = {}
    count = 0
    for name, gold, pred in documents:
        count += 1
        if pred is None:
            totals["missing_pred_files"] += 1
            pred = Annotated([], [])
        totals["gold"] += len(gold.quotes)
        totals["pred"] += len(pred.quotes)
        for q in gold.quotes:
            by_type.setdefault(q.type, [0, 0])[1] += 1
        for criterion, tally in tallies.items():
            pairs = match(gold.quotes, pred.quotes, criterion)
            _tally_pairs(tally, pairs, gold, pred)
            if criterion == "@0.3":
                for i, _ in pairs:
                    by_type[gold.quotes[i].type][0] += 1
                per_doc[name] = {"gold": len(gold.quotes), "pred": len(pred.quotes), "matched": len(pairs)}
        _tally_sources(sources, gold, pred)
    return _report(count, totals, tallies, by_type, sources, per_doc)


def _tally_pairs(tally: _Tally, pairs: list[tuple[int, int]], gold: Annotated, pred: Annotated) -> None:
    tally.tp += len(pairs)
    for i, j in pairs:
        g, p = gold.quotes[i], pred.quotes[j]
        tally.strict += same_speaker(g.speaker, p.speaker, lenient=False)
        tally.lenient += same_speaker(g.speaker, p.speaker, lenient=True)
        tally.type += g.type == p.type
        gv, pv = {normalise(v) for v in g.via}, {normalise(v) for v in p.via}
        tally.via[0] += len(gv & pv)
        tally.via[1] += len(pv)
        tally.via[2] += len(gv)


def _tally_sources(sources: dict[str, list[int]], gold: Annotated, pred: Annotated) -> None:
    gold_names = {normalise(n) for n, _ in gold.sources}
    pred_names = {normalise(n) for n, _ in pred.sources if n}
    gold_pairs = {(normalise(n), r) for n, r in gold.sources}
    pred_pairs = {(normalise(n), r) for n, r in pred.sources if n}
    for key, (g, p) in {"name": (gold_names, pred_names), "name_role": (gold_pairs, pred_pairs)}.items():
        sources[key][0] += len(g & p)
        sources[key][1] += len(p)
        sources[key][2] += len(g)


def _report(count, totals, tallies, by_type, sources, per_doc) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": count, **totals, "quotes": {}, "recall_by_type@0.3": {}, "sources": {}}
    for criterion, t in tallies.items():
        p, r, f = _prf(t.tp, totals["pred"], totals["gold"])
        m = t.tp or 1
        out["quotes"][criterion] = {
            "P": p, "R": r, "F1": f, "matched": t.tp,
            "speaker_strict": round(100 * t.strict / m, 1),
            "speaker_lenient": round(100 * t.lenient / m, 1),
            "type_acc": round(100 * t.type / m, 1),
            "via_F1": _prf(*t.via)[2],
        }
    for kind, (hit, n) in by_type.items():
        out["recall_by_type@0.3"][kind] = {"gold": n, "recall": round(100 * hit / n, 1) if n else 0}
    for key, (tp, npred, ngold) in sources.items():
        out["sources"][key] = dict(zip(("P", "R", "F1"), _prf(tp, npred, ngold)))
    out["per_document@0.3"] = per_doc
    return out


def format_table(result: dict[str, Any]) -> str:
    """The scores as a plain-text table, one line per criterion."""
    lines = [
        f"documents {result['documents']}  gold quotes {result['gold']}  predicted {result['pred']}"
        f"  missing prediction files {result['missing_pred_files']}"
    ]
    for criterion, v in result["quotes"].items():
        lines.append(
            f"quotes {criterion:7s} P {v['P']:5.1f}  R {v['R']:5.1f}  F1 {v['F1']:5.1f} | speaker strict"
            f" {v['speaker_strict']:5.1f} lenient {v['speaker_lenient']:5.1f} | type {v['type_acc']:5.1f}"
            f" | via F1 {v['via_F1']:5.1f}"
        )
    lines.append("recall by type @0.3: " + ", ".join(
        f"{t} {v['recall']} ({v['gold']})" for t, v in result["recall_by_type@0.3"].items()))
    lines.append("sources: " + ", ".join(
        f"{k} P {v['P']} R {v['R']} F1 {v['F1']}" for k, v in result["sources"].items()))
    return "\n".join(lines)


# -- errors -----------------------------------------------------------------------------


def errors(name: str, text: str, gold: Annotated, pred: Annotated | None, criterion: str = "@0.3") -> Iterator[str]:
    """Misses, false positives and wrong speakers or types of one document, each in context."""
    pred = pred or Annotated([], [])
    pairs = match(gold.quotes, pred.quotes, criterion)
    gold_hit = {i for i, _ in pairs}
    pred_hit = {j for _, j in pairs}
    for i, g in enumerate(gold.quotes):
        if i not in gold_hit:
            yield f"{name}: MISS {g.type} [{g.speaker}] {_context(text, g.start, g.end)}"
    for j, p in enumerate(pred.quotes):
        if j not in pred_hit:
            yield f"{name}: FALSE {p.type} [{p.speaker}] {_context(text, p.start, p.end)}"
    for i, j in pairs:
        g, p = gold.quotes[i], pred.quotes[j]
        if not same_speaker(g.speaker, p.speaker, lenient=False):
            yield f"{name}: SPEAKER gold [{g.speaker}] pred [{p.speaker}] {_context(text, g.start, g.end)}"
        if g.type != p.type:
            yield f"{name}: TYPE gold {g.type} pred {p.type} {_context(text, p.start, p.end)}"


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    if start < 0:
        return "(not found in the text)"
    before = text[max(0, start - width) : start].replace("\n", " ")
    inside = text[start:end].replace("\n", " ")
    if len(inside) > 160:
        inside = inside[:75] + " … " + inside[-75:]
    after = text[end : end + width].replace("\n", " ")
    return f"…{before}⟦{inside}⟧{after}…"


# -- directories ------------------------------------------------------------------------


def gold_names(gold_dir: Path) -> list[str]:
    return sorted(p.name[: -len(".gold.json")] for p in Path(gold_dir).glob("*.gold.json"))


def read_gold(gold_dir: Path, name: str) -> tuple[str, Annotated]:
    text = (Path(gold_dir) / f"{name}.txt").read_text(encoding="utf-8")
    data = json.loads((Path(gold_dir) / f"{name}.gold.json").read_text(encoding="utf-8"))
    return text, load_gold(data, text)


def read_prediction(pred_dir: Path, name: str) -> Annotated | None:
    path = Path(pred_dir) / f"{name}.json"
    if not path.exists():
        return None
    return load_prediction(json.loads(path.read_text(encoding="utf-8")))


def score_dirs(gold_dir: Path, pred_dir: Path) -> dict[str, Any]:
    """Score the analyses ``PRED_DIR/NAME.json`` against ``GOLD_DIR/NAME.gold.json``."""
    return score((n, read_gold(gold_dir, n)[1], read_prediction(pred_dir, n)) for n in gold_names(gold_dir))
