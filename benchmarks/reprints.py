"""Reprint and reuse detection: recall on real reprints, a synthetic benchmark, speed and memory.

    python benchmarks/reprints.py orangesum [--sample-out benchmarks/reprints_precision_sample.tsv]
                                            [--versions-sample-out benchmarks/versions_precision_sample.tsv]
    python benchmarks/reprints.py synthetic [--originals 300] [--distractors 2000] [--seed 7]
    python benchmarks/reprints.py scale [--sizes 10000,36152,200000]
    python benchmarks/reprints.py incremental [--articles 10000] [--added 100]

orangesum   all 36,152 articles of ../shared/corpora/orangesum/articles.jsonl.gz through
            ``find_reprints``; pair recall on the groups of duplicates.txt (all of them, and
            without the two groups of more than 50 articles, which gather every issue of a
            daily series, "Coronavirus : le point sur la pandémie", different texts under one
            title), and by how much text each listed pair shares (the share of the shorter
            text's distinct word 3-grams found in the other: >= 0.3 is a reprint however lightly
            edited, under 0.1 two different texts); with --sample-out, 50 predicted reprint
            pairs that the list does not hold, drawn at random, written with ids and figures
            for judging by hand. Versions of one story (``sourcier.link.versions``: the same
            outlet, here Orange Actu for every article, the same title, at most two days
            apart) are reported apart: recall with and without them, and with
            --versions-sample-out 50 version pairs neither listed nor found as reprints.
synthetic   real articles (not in any listed group) and copies of them with known truth:
            5–40 % of words edited (substituted, deleted or inserted), the first half only,
            sentences regrouped into paragraphs and reordered, a shared boilerplate header and
            footer; and a block of 2–4 sentences of an original inserted into an unrelated
            article (partial reuse, with its true offsets in both texts). Recall and precision
            by edit level, partial reuse recall and span accuracy (intersection over union of
            characters, in the host text and in the original).
scale       ``sourcier reprints --input FILE --format json`` in a fresh process on the first
            10k, all 36k, and a synthetic 200k articles (the 36k real ones plus each article's
            words shuffled, so that the extra texts share vocabulary and lengths but no
            passages): wall time, CPU time and peak memory (getrusage of the child).

incremental the reuse index kept in a store (``sourcier.store.reuse``): a SQLite store of the
            first N articles (texts and publications, no analysis), a first ``stored_reprints``
            (everything indexed), then ``--added`` more articles stored and a second call (only
            they are indexed); CPU time of each, compared with a full rebuild
            (``find_reprints`` over every publication), and whether both give the same matches.

Without ../shared the benchmark says so and exits 0. The machine's load is printed with the
figures: timings on a shared machine are upper bounds.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SOURCIER_SHARED", ROOT.parent / "shared"))
ORANGESUM = SHARED / "corpora" / "orangesum"
ARTICLES = ORANGESUM / "articles.jsonl.gz"
DUPLICATES = ORANGESUM / "duplicates.txt"
SERIES_GROUP = 50  # groups larger than this are daily series under one title, not reprints


def _load() -> list[dict]:
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _groups() -> list[list[str]]:
    return [[x.removesuffix(".json") for x in line.strip().split(",")] for line in DUPLICATES.open() if line.strip()]


def _machine() -> str:
    return f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"


# --------------------------------------------------------------------------- orangesum


def orangesum(args: argparse.Namespace) -> None:
    from sourcier.link.reprints import ReprintItem, find_reprints

    rows = _load()
    # Every OrangeSum article was published by one site (Orange Actu): its versions are that outlet's.
    items = [ReprintItem(r["id"], r["article"], outlet=OUTLET, published=r.get("date"), title=r.get("title"))
             for r in rows]
    started, cpu = time.perf_counter(), time.process_time()
    report = find_reprints(items)
    versions = report.versions()
    print(f"{len(items)} articles in {time.perf_counter() - started:.1f} s, {time.process_time() - cpu:.1f} s CPU "
          f"({_machine()}), {len(versions)} version pairs")
    ids = [it.id for it in items]
    predicted = {frozenset((ids[m.a], ids[m.b])): m for m in report.matches if m.kind == "reprint"}
    titled = {frozenset((ids[v.a], ids[v.b])): v for v in versions}
    stories = {p for p, v in titled.items() if not v.recurring}
    print(f"{len(stories)} version pairs of one story, {len(titled) - len(stories)} issues of a recurring title")
    in_cluster = _groups_of(ids, predicted)
    in_story = _groups_of(ids, predicted.keys() | stories)
    in_series = _groups_of(ids, predicted.keys() | titled.keys())
    listed: set[frozenset[str]] = set()
    for label, groups in (("all groups", _groups()), (f"groups of <= {SERIES_GROUP}", [g for g in _groups() if len(g) <= SERIES_GROUP])):
        pairs = {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}
        listed |= pairs
        print(f"{label}: {len(groups)} groups, {len(pairs)} pairs; pair recall, text only: "
              f"{_share(pairs, predicted):.3f} (matched directly), {_together(pairs, in_cluster):.3f} (same cluster); "
              f"with versions of one story: {_share(pairs, predicted.keys() | stories):.3f} (linked directly), "
              f"{_together(pairs, in_story):.3f} (same group); with recurring titles too: "
              f"{_share(pairs, predicted.keys() | titled.keys()):.3f}, {_together(pairs, in_series):.3f}")
    _recall_by_shared_text(rows, predicted)
    extra = sorted((p for p in predicted if p not in listed), key=sorted)
    print(f"{len(predicted)} reprint pairs predicted, {len(extra)} of them not in the list; "
          f"{len(report.partial())} partial reuses")
    extra_versions = sorted((p for p in titled if p not in listed and p not in predicted), key=sorted)
    print(f"{len(titled)} version pairs, {len(extra_versions)} of them neither listed nor predicted reprints")
    if args.sample_out:
        _write_sample(Path(args.sample_out), random.Random(args.seed).sample(extra, 50), rows, {
            "similarity": lambda p: predicted[p].similarity, "coverage_a": lambda p: predicted[p].coverage_a,
            "coverage_b": lambda p: predicted[p].coverage_b})
    if args.versions_sample_out:
        sample = random.Random(args.seed).sample(extra_versions, min(50, len(extra_versions)))
        _write_sample(Path(args.versions_sample_out), sample, rows,
                      {"days": lambda p: titled[p].days, "recurring": lambda p: titled[p].recurring})


OUTLET = "Orange Actu"


def _groups_of(ids: list[str], links) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The group of each linked id, joining linked pairs transitively (as reprint clusters are)."""
    from types import SimpleNamespace

    from sourcier.link.reuse import clusters

    index = {x: k for k, x in enumerate(ids)}
    joined = clusters(len(ids), (SimpleNamespace(a=index[a], b=index[b], kind="reprint") for a, b in links))
    return {ids[i]: n for n, group in enumerate(joined) for i in group}


def _share(pairs: set[frozenset[str]], found) -> float:  # type: ignore[no-untyped-def]
    return sum(p in found for p in pairs) / len(pairs)


def _together(pairs: set[frozenset[str]], group: dict[str, int]) -> float:
    return sum(len({group.get(x, -1 - k) for k, x in enumerate(p)}) == 1 for p in pairs) / len(pairs)


def _trigrams(text: str) -> set[tuple[str, ...]]:
    from sourcier.link.reuse import words_of

    words = words_of(text)
    return set(zip(words, words[1:], words[2:], strict=False))


def shared_trigrams(a: str, b: str) -> float:
    """Share of the shorter text's distinct word 3-grams that the other text has too."""
    x, y = _trigrams(a), _trigrams(b)
    return len(x & y) / max(min(len(x), len(y)), 1)


SHARED_LEVELS = ((0.3, "shares >= 30 % of its 3-grams"), (0.1, "shares 10-30 %"), (0.0, "shares < 10 %"))


def _recall_by_shared_text(rows: list[dict], predicted: dict) -> None:
    """Listed pairs (each once) by the text they share and by the size of their group."""
    text = {r["id"]: r["article"] for r in rows}
    strata: dict[frozenset[str], tuple[str, str]] = {}
    for group in _groups():
        size = "groups <= 50" if len(group) <= SERIES_GROUP else "groups > 50"
        for pair in map(frozenset, itertools.combinations(group, 2)):
            if pair not in strata or size == "groups <= 50":
                a, b = pair
                share = shared_trigrams(text[a], text[b])
                strata[pair] = (size, next(label for floor, label in SHARED_LEVELS if share >= floor))
    found, total = Counter(), Counter()
    for pair, key in strata.items():
        total[key] += 1
        found[key] += pair in predicted
    for size in ("groups <= 50", "groups > 50"):
        print(f"{size}: " + "; ".join(f"{label}: {found[size, label]}/{total[size, label]} found "
                                       f"({found[size, label] / max(total[size, label], 1):.3f})"
                                       for _, label in SHARED_LEVELS))


def _write_sample(path: Path, pairs: list[frozenset[str]], rows: list[dict], figures: dict[str, Callable]) -> None:
    """Ids, dates and ``figures`` of each pair only (the texts stay in ../shared); the
    judgement column is filled by hand."""
    date = {r["id"]: r.get("date") for r in rows}
    with path.open("w", encoding="utf-8") as out:
        out.write("\t".join(["id_a", "id_b", "date_a", "date_b", *figures, "judgement", "note"]) + "\n")
        for pair in pairs:
            a, b = sorted(pair, key=int)
            out.write("\t".join([a, b, str(date[a]), str(date[b]), *(str(f(pair)) for f in figures.values()), "", ""]) + "\n")
    print(f"sample of {len(pairs)} pairs written to {path}")


# --------------------------------------------------------------------------- synthetic

EDIT_LEVELS = (0.05, 0.1, 0.2, 0.3, 0.4)
HEADER = "Publié par la rédaction — mis à jour il y a quelques instants. Partagez cet article sur les réseaux sociaux."
FOOTER = ("Abonnez-vous à notre lettre d'information quotidienne pour recevoir chaque matin l'essentiel de "
          "l'actualité. Cet article vous a plu ? Retrouvez tous nos dossiers dans la rubrique Monde.")
_SENTENCE = re.compile(r"(?<=[.!?])(?=\S)|(?<=[.!?])\s+")


def _edit(text: str, share: float, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    out = []
    for word in words:
        roll = rng.random()
        if roll >= share:
            out.append(word)
        elif roll < share * 0.6:
            out.append(rng.choice(vocabulary))
        elif roll < share * 0.8:
            continue
        else:
            out.extend([word, rng.choice(vocabulary)])
    return " ".join(out)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


def _reordered(text: str, rng: random.Random) -> str:
    sentences = _sentences(text)
    size = max(1, len(sentences) // 4)
    paragraphs = [" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size)]
    rng.shuffle(paragraphs)
    return "\n\n".join(paragraphs)


def _variants(text: str, rng: random.Random, vocabulary: list[str]) -> list[tuple[str, str]]:
    found = [(f"edit {int(level * 100)}%", _edit(text, level, rng, vocabulary)) for level in EDIT_LEVELS]
    found.append(("first half", text[: len(text) // 2]))
    found.append(("reordered", _reordered(text, rng)))
    found.append(("boilerplate wrapper", f"{HEADER}\n\n{text}\n\n{FOOTER}"))
    return found


def _quote_block(original: str, host: str, rng: random.Random) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """The host with 2–4 consecutive sentences of the original inserted between two of its
    sentences; the block's offsets in the original and in the new host."""
    sentences = _sentences(original)
    count = rng.randint(2, 4)
    if len(sentences) < count + 2:
        return None
    first = rng.randrange(1, len(sentences) - count)
    start_in_original = original.find(sentences[first])
    end_in_original = original.find(sentences[first + count - 1], start_in_original) + len(sentences[first + count - 1])
    block = original[start_in_original:end_in_original]
    cut = host.find(". ", len(host) // 3) + 2
    if cut < 2:
        return None
    return host[:cut] + block + " " + host[cut:], (start_in_original, end_in_original), (cut, cut + len(block))


def synthetic(args: argparse.Namespace) -> None:
    from sourcier.link.reprints import ReprintItem, find_reprints

    rng = random.Random(args.seed)
    listed = {x for g in _groups() for x in g}
    pool = [r for r in _load() if r["id"] not in listed and len(r["article"]) > 1500]
    rng.shuffle(pool)
    originals = pool[: args.originals]
    distractors = pool[args.originals : args.originals + args.distractors]
    hosts = pool[args.originals + args.distractors : args.originals * 2 + args.distractors]
    vocabulary = [w for r in distractors[:300] for w in r["article"].split()]
    items, family, label = [], [], []

    def add(text: str, fam: int, kind: str) -> int:
        items.append(ReprintItem(str(len(items)), text))
        family.append(fam)
        label.append(kind)
        return len(items) - 1

    for n, r in enumerate(originals):
        add(r["article"], n, "original")
        for kind, text in _variants(r["article"], rng, vocabulary):
            add(text, n, kind)
    for r in distractors:
        add(r["article"], -1 - len(items), "distractor")
    blocks = []
    for r, host in zip(originals, hosts, strict=False):
        made = _quote_block(r["article"], host["article"], rng)
        if made:
            text, in_original, in_host = made
            blocks.append((family.index(originals.index(r)), add(text, -1 - len(items), "quote host"), in_original, in_host))
    started = time.perf_counter()
    report = find_reprints(items)
    print(f"{len(items)} texts ({len(originals)} originals with {len(_variants('a. b.', rng, ['x']))} copies each, "
          f"{len(distractors)} distractors, {len(blocks)} quote blocks) in {time.perf_counter() - started:.1f} s ({_machine()})")
    _score_reprints(report, family, label)
    _score_blocks(report, items, blocks)


def _score_reprints(report, family: list[int], label: list[str]) -> None:
    predicted = {(m.a, m.b) for m in report.matches if m.kind == "reprint"}
    shares: dict[str, list[float]] = defaultdict(list)
    found_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    precision_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    original_of = {family[i]: i for i in range(len(family)) if label[i] == "original"}
    for i, kind in enumerate(label):
        if family[i] >= 0 and kind != "original":
            pair = tuple(sorted((original_of[family[i]], i)))
            shares[kind].append(shared_trigrams(report.items[pair[0]].text, report.items[pair[1]].text))
            found_by_kind[kind][0] += pair in predicted
            found_by_kind[kind][1] += 1
    for a, b in predicted:
        for i in (a, b):
            precision_by_kind[label[i]][0] += family[a] == family[b]
            precision_by_kind[label[i]][1] += 1
    print(f"{'copy':<20} {'recall':>7} {'precision':>9}  (pairs: copy–original found / all; predicted pairs with a copy of this kind)")
    for kind in sorted(found_by_kind, key=lambda k: (not k.startswith("edit"), len(k), k)):
        hit, total = found_by_kind[kind]
        good, claimed = precision_by_kind[kind]
        shared = sum(shares[kind]) / max(len(shares[kind]), 1)
        print(f"{kind:<20} {hit / total:7.3f} {good / max(claimed, 1):9.3f}  ({hit}/{total}; {good}/{claimed}; "
              f"mean 3-gram share with the original {shared:.2f})")
    good = sum(family[a] == family[b] for a, b in predicted)
    print(f"all predicted reprint pairs: precision {good / max(len(predicted), 1):.3f} ({good}/{len(predicted)})")
    wrong = Counter(" + ".join(sorted((_kind(label[a]), _kind(label[b])))) for a, b in predicted if family[a] != family[b])
    print("false pairs by kinds:", ", ".join(f"{k}: {n}" for k, n in wrong.most_common()) or "none")


def _kind(label: str) -> str:
    return "copy" if label not in ("original", "distractor", "quote host") else label


def _iou(spans: list[tuple[int, int]], truth: tuple[int, int]) -> float:
    predicted = set().union(*(range(s, e) for s, e in spans)) if spans else set()
    true = set(range(*truth))
    return len(predicted & true) / max(len(predicted | true), 1)


def _score_blocks(report, items, blocks) -> None:
    by_pair = {(m.a, m.b): m for m in report.matches}
    found, ious_host, ious_original = 0, [], []
    for original, host, in_original, in_host in blocks:
        m = by_pair.get((min(original, host), max(original, host)))
        if m is None:
            ious_host.append(0.0)
            ious_original.append(0.0)
            continue
        found += 1
        a_is_original = m.a == original
        host_spans = [(s.b_start, s.b_end) if a_is_original else (s.a_start, s.a_end) for s in m.spans]
        original_spans = [(s.a_start, s.a_end) if a_is_original else (s.b_start, s.b_end) for s in m.spans]
        ious_host.append(_iou(host_spans, in_host))
        ious_original.append(_iou(original_spans, in_original))
    n = max(len(blocks), 1)
    print(f"quote blocks: {found}/{len(blocks)} found ({found / n:.3f}); span IoU mean {sum(ious_host) / n:.3f} in the host, "
          f"{sum(ious_original) / n:.3f} in the original; IoU >= 0.9 for {sum(x >= 0.9 for x in ious_host) / n:.3f} of hosts")


# --------------------------------------------------------------------------- scale


def scale(args: argparse.Namespace) -> None:
    rows = _load()
    rng = random.Random(args.seed)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "articles.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for n in range(size):
                    r = rows[n % len(rows)]
                    text = r["article"]
                    if n >= len(rows):
                        words = text.split()
                        rng.shuffle(words)
                        text = " ".join(words)
                    out.write(json.dumps({"id": str(n), "text": text, "date": r.get("date")}, ensure_ascii=False) + "\n")
            _time_command(size, [str(ROOT / ".venv" / "bin" / "sourcier"), "reprints", "--input", str(path), "--format", "json"])


def incremental(args: argparse.Namespace) -> None:
    from sourcier.link.reprints import find_reprints, store_items
    from sourcier.model import Analysis, ArticleMeta, Paragraph, text_id
    from sourcier.store import open_store
    from sourcier.store.reuse import stored_reprints

    rows = _load()[: args.articles + args.added]

    def analyses(part: list[dict]) -> list[Analysis]:
        return [Analysis(id=text_id(r["article"]), article=ArticleMeta(title=r.get("title"), external_id=r["id"],
                         published=r.get("date"), language="fr"), text=r["article"],
                         paragraphs=[Paragraph(0, len(r["article"]))]) for r in part]

    def timed(label: str, call):  # type: ignore[no-untyped-def]
        cpu = time.process_time()
        report = call()
        print(f"{label}: {time.process_time() - cpu:.1f} s CPU, {len(report.matches)} matches ({_machine()})", flush=True)
        return report

    def pairs(report):  # type: ignore[no-untyped-def]
        ids = [it.id for it in report.items]
        return sorted((ids[m.a], ids[m.b], m.kind, m.coverage_a, m.coverage_b) for m in report.matches)

    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "corpus.db")) as store:
        store.add_batch(analyses(rows[: args.articles]))
        timed(f"first call, {args.articles} publications indexed", lambda: stored_reprints(store))
        with store.engine.connect() as conn:
            size = conn.exec_driver_sql("SELECT SUM(LENGTH(signature) + LENGTH(grams)) FROM reuse_sketches").scalar()
        print(f"stored sketches: {size / args.articles:.0f} bytes a publication")
        store.add_batch(analyses(rows[args.articles :]))
        again = timed(f"second call, {args.added} publications added", lambda: stored_reprints(store))
        full = timed("full rebuild of the same store", lambda: find_reprints(store_items(store)))
        print(f"same matches as the full rebuild: {pairs(again) == pairs(full)}")


def _time_command(size: int, command: list[str]) -> None:
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    status = "ok" if result.returncode == 0 else f"exit {result.returncode}: {result.stderr.decode()[-300:]}"
    print(f"{size:>8} articles: {wall:6.1f} s wall, {cpu:6.1f} s CPU, peak {after.ru_maxrss / 1024:7.0f} MB "
          f"(load before {load:.1f}, after {os.getloadavg()[0]:.1f}) {status}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    o = sub.add_parser("orangesum")
    o.add_argument("--sample-out")
    o.add_argument("--versions-sample-out")
    o.add_argument("--seed", type=int, default=11)
    s = sub.add_parser("synthetic")
    s.add_argument("--originals", type=int, default=300)
    s.add_argument("--distractors", type=int, default=2000)
    s.add_argument("--seed", type=int, default=7)
    c = sub.add_parser("scale")
    c.add_argument("--sizes", default="10000,36152,200000")
    c.add_argument("--seed", type=int, default=3)
    i = sub.add_parser("incremental")
    i.add_argument("--articles", type=int, default=10000)
    i.add_argument("--added", type=int, default=100)
    args = parser.parse_args()
    if not ARTICLES.exists() or not DUPLICATES.exists():
        print(f"skipped: {ORANGESUM} is not available")
        return 0
    {"orangesum": orangesum, "synthetic": synthetic, "scale": scale, "incremental": incremental}[args.what](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
