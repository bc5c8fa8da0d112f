"""``sourcier eval GOLD_DIR``: score the analysis against gold annotations (see docs/quotes.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--pred-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Score the analyses already in this directory (NAME.json) instead of running the analysis.",
)
@click.option(
    "--save",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the analyses this run makes to this directory (NAME.json), to score again with --pred-dir.",
)
@click.option("--errors", is_flag=True, help="Also list each miss, false positive, wrong speaker and wrong type, in context.")
@click.option(
    "--criterion",
    type=click.Choice(["@0.3", "@0.8", "iou0.5"]),
    default="@0.3",
    show_default=True,
    help="The matching criterion --errors uses.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_command(
    gold_dir: Path, pred_dir: Path | None, save: Path | None, errors: bool, criterion: str, as_json: bool
) -> None:
    """Score quotes, speakers, via and cited sources against GOLD_DIR.

    GOLD_DIR holds NAME.txt (an article) and NAME.gold.json (its annotations) pairs.
    Without --pred-dir, each NAME.txt is analysed first (a minute or so for 30 articles).
    """
    from sourcier import evaluate

    names = evaluate.gold_names(gold_dir)
    if not names:
        raise click.UsageError(f"no NAME.gold.json files in {gold_dir}; see docs/quotes.md for the format")
    golds = {n: evaluate.read_gold(gold_dir, n) for n in names}
    if pred_dir is not None:
        preds = {n: evaluate.read_prediction(pred_dir, n) for n in names}
    else:
        preds = _analyse(gold_dir, names, save)
    result = evaluate.score((n, golds[n][1], preds[n]) for n in names)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        click.echo(evaluate.format_table(result))
    if errors:
        click.echo()
        for n in names:
            text, gold = golds[n]
            for line in evaluate.errors(n, text, gold, preds[n], criterion):
                click.echo(line)


def _analyse(gold_dir: Path, names: list[str], save: Path | None) -> dict:
    from sourcier.api import analyze_many
    from sourcier.evaluate import load_prediction

    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
    paths = [gold_dir / f"{n}.txt" for n in names]
    failed: list[str] = []
    preds: dict = {n: None for n in names}
    analyses = analyze_many(paths, on_error=lambda origin, err: failed.append(f"{origin}: {err}"))
    remaining = iter(names)
    for analysis in analyses:
        # analyze_many keeps input order and skips unreadable documents: match by text
        for name in remaining:
            if (gold_dir / f"{name}.txt").read_text(encoding="utf-8") == analysis.text:
                preds[name] = load_prediction(analysis.to_dict())
                if save is not None:
                    (save / f"{name}.json").write_text(analysis.to_json(), encoding="utf-8")
                break
    for line in failed:
        click.echo(f"skipped {line}", err=True)
    return preds
