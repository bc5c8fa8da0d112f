"""Fit the weights of the scored speaker choices on the development set.

    nice .venv/bin/python benchmarks/fit_speaker_choice.py [--gold ../shared/eval/dev] [--no-own-gold] [--write]

For each article of ``--gold`` (``NAME.txt`` and ``NAME.gold.json``; by default the development
set and the demo corpus) and of the project's own gold (the three OrangeSum tuning sets of
``benchmarks/own_gold.py``, ``OWN_GOLD``, rebuilt from the corpus in a temporary folder, unless
``--no-own-gold`` or the corpus is absent), the analysis runs with
the hand rules deciding (the weights are set aside), and every pronoun the speaker resolver
reads for a quote is recorded with its candidate antecedents and their features
(:mod:`sourcier.analyse.quotes.choice`). A quote matched to a gold quote (@0.3, as
``sourcier eval``) labels its candidates: a candidate is right when its name counts as the
gold speaker (lenient, as the scorer). Decisions where no candidate is right teach nothing and
are left out. A logistic regression (scikit-learn, ``lbfgs``, fixed ``C``: deterministic)
over all candidates gives one weight a feature; a candidate's score is the weighted sum, and
the choice is the best-scored candidate.

Prints, for the rules and for the weights, how many decisions pick a right candidate, over
the whole set and by leave-one-article-out (the weights fitted without the article they
choose in). ``--write`` stores the weights and how they were fitted in
``src/sourcier/analyse/data/speaker_choice.json``. Never run it on a check set: the weights
are checked there only through ``sourcier eval``.

Exits 0, saying why, when the gold folder or scikit-learn (``pip install -c constraints.txt
scikit-learn``) is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "sourcier" / "analyse" / "data" / "speaker_choice.json"
C = 1.0
OWN_GOLD = ("orangesum", "orangesum2", "orangesum3")  # the own gold sets tuned on; a blind set is never fitted on
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def record(gold_dirs: list[Path]) -> list[tuple[str, list[tuple[dict[str, float], bool]]]]:
    """(article, [(features, right)]) for every pronoun decision made for a matched quote."""
    from sourcier import analyze
    from sourcier.analyse.quotes import pronouns
    from sourcier.evaluate import load_gold, match, same_speaker

    seen: list[tuple[int, list]] = []
    current = {"at": -1}
    rule = pronouns.PronounsMixin._pronoun
    choice_pick = pronouns.pick

    def watched(self, token, at):
        current["at"] = at
        return rule(self, token, at)

    def recorded(candidates, task="pronoun"):
        seen.append((current["at"], candidates))
        return None  # the rules decide while recording

    pronouns.PronounsMixin._pronoun = watched
    pronouns.pick = recorded
    decisions = []
    for gold_dir in gold_dirs:
        decisions += _decisions(gold_dir, analyze, load_gold, match, same_speaker, seen)
    pronouns.PronounsMixin._pronoun = rule
    pronouns.pick = choice_pick
    return decisions


def _decisions(gold_dir, analyze, load_gold, match, same_speaker, seen):
    decisions = []
    for gold_file in sorted([*gold_dir.glob("*.gold.json"), *gold_dir.glob("*.expected.json")]):
        name = gold_file.name.removesuffix(".gold.json").removesuffix(".expected.json")
        txt = next((p for p in (gold_dir / f"{name}.txt", gold_dir / f"{name}.html") if p.exists()), None)
        if txt is None:
            continue
        seen.clear()
        analysis = analyze(txt)
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        for quote in data.get("quotes", []):  # the HTML reader turns no-break spaces into spaces
            quote["quote"] = quote["quote"].translate(_SPACES)
        gold = load_gold(data, analysis.text)
        quotes = analysis.quotes
        speaker_at = {}
        pred = [type(gold.quotes[0])(q.start, q.end, q.type, None) for q in quotes] if gold.quotes else []
        for i, j in match(gold.quotes, pred, "@0.3"):
            speaker_at[quotes[j].start] = gold.quotes[i].speaker
        for at, candidates in seen:
            if at not in speaker_at or speaker_at[at] is None:
                continue
            rows = [(c.features, same_speaker(speaker_at[at], c.referent.name, lenient=True)) for c in candidates]
            if any(right for _, right in rows):
                decisions.append((f"{gold_dir.name}/{name}", rows))
    return decisions


def _own_gold(folder: Path) -> list[Path]:
    """The own gold sets rebuilt as text and gold files under ``folder`` (one folder a set), or
    none when the OrangeSum corpus is absent."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import own_gold

    if not own_gold.CORPUS.exists():
        return []
    dirs = []
    for name in OWN_GOLD:
        target = folder / name
        target.mkdir()
        problems = own_gold.materialise(target, own_gold.SETS[name])
        if problems:
            raise SystemExit("\n".join(problems))
        dirs.append(target)
    return dirs


def fit(decisions, names: list[str]):
    from sklearn.linear_model import LogisticRegression

    x = [[f[n] for n in names] for _, rows in decisions for f, _ in rows]
    y = [int(right) for _, rows in decisions for _, right in rows]
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=1000)
    model.fit(x, y)
    return dict(zip(names, (round(float(w), 4) for w in model.coef_[0]), strict=True))


def right_choices(decisions, weights: dict[str, float]) -> int:
    """Decisions whose best-scored candidate is right (the first among equals, as the resolver)."""
    total = 0
    for _, rows in decisions:
        best = max(range(len(rows)), key=lambda k: (sum(weights.get(n, 0) * v for n, v in rows[k][0].items()), -k))
        total += rows[best][1]
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, nargs="+",
                        default=[ROOT.parent / "shared" / "eval" / "dev", ROOT / "demo" / "corpus"])
    parser.add_argument("--no-own-gold", action="store_true", help="leave out the hand-annotated OrangeSum sets")
    parser.add_argument("--without", nargs="*", default=[], help="features to leave out (to compare designs)")
    parser.add_argument("--write", action="store_true", help="store the weights in speaker_choice.json")
    args = parser.parse_args()
    gold_dirs = [d for d in args.gold if d.is_dir()]
    if not gold_dirs:
        print(f"no gold folder at {', '.join(map(str, args.gold))}: nothing to fit")
        return 0
    try:
        import sklearn
    except ImportError:
        print("scikit-learn is not installed (pip install -c constraints.txt scikit-learn): nothing to fit")
        return 0
    with tempfile.TemporaryDirectory(prefix="sourcier-fit-") as tmp:
        gold_dirs += [] if args.no_own_gold else _own_gold(Path(tmp))
        decisions = record(gold_dirs)
    if not decisions:
        print("no pronoun decision to learn from")
        return 0
    names = sorted(set(decisions[0][1][0][0]) - set(args.without))
    weights = fit(decisions, names)
    rules = right_choices(decisions, {"rules": 1.0})
    fitted = right_choices(decisions, weights)
    articles = sorted({a for a, _ in decisions})
    held_out = 0
    for article in articles:  # leave one article out
        rest = [d for d in decisions if d[0] != article]
        held_out += right_choices([d for d in decisions if d[0] == article], fit(rest, names))
    n = len(decisions)
    print(f"{n} decisions in {len(articles)} articles, {sum(len(r) for _, r in decisions)} candidates")
    print(f"right: rules {rules}/{n}, weights {fitted}/{n}, weights leave-one-article-out {held_out}/{n}")
    print(json.dumps(weights, indent=1))
    if args.write:
        data = json.loads(DATA.read_text(encoding="utf-8"))
        data["models"]["pronoun"] = {
            "weights": weights,
            "fitted": {
                "by": "benchmarks/fit_speaker_choice.py" + "".join(f" --without {w}" for w in args.without),
                "on": f"{' + '.join(d.name for d in gold_dirs)} ({len(articles)} articles with a pronoun decision)",
                "date": dt.date.today().isoformat(),
                "decisions": n,
                "method": f"scikit-learn {sklearn.__version__} LogisticRegression(C={C}, lbfgs) over candidates",
                "right_rules": rules,
                "right_weights": fitted,
                "right_leave_one_article_out": held_out,
            },
        }
        DATA.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written to {DATA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
