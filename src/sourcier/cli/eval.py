"""``sourcier eval GOLD_DIR``: score the analysis against gold annotations (see docs/quotes.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sourcier.cli.output import quiet_option


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
@click.option("--format", "fmt", type=click.Choice(["table", "text", "json"]), default="table", show_default=True,
              help="table (or text) for reading; json for the figures as one object.")
@click.option("--json", "as_json", is_flag=True, hidden=True)  # before --format json; kept working
@quiet_option
def eval_command(
    gold_dir: Path, pred_dir: Path | None, save: Path | None, errors: bool, criterion: str, fmt: str, as_json: bool,
    quiet: bool,
) -> None:
    """Score quotes, speakers, via, cited sources and relations against GOLD_DIR.

    GOLD_DIR holds NAME.txt (an article) and NAME.gold.json (its annotations) pairs;
    a NAME.rel.json beside them (its relations, see docs/relations.md) is scored too.
    Without --pred-dir, each NAME.txt is analysed first (a minute or so for 30 articles).
    """
    from sourcier import evaluate, evaluate_relations

    names = evaluate.gold_names(gold_dir)
    if not names:
        raise click.UsageError(f"no NAME.gold.json files in {gold_dir}; see docs/quotes.md for the format")
    golds = {n: evaluate.read_gold(gold_dir, n) for n in names}
    if pred_dir is not None:
        preds = {n: evaluate.read_prediction(pred_dir, n) for n in names}
        relations = {n: evaluate_relations.read_predicted_relations(pred_dir, n) for n in names}
    else:
        preds, relations = _analyse(gold_dir, names, save)
    result = evaluate.score((n, golds[n][1], preds[n]) for n in names)
    relation_names = [n for n in evaluate_relations.gold_relation_names(gold_dir) if n in relations]
    if relation_names:
        result["relations"] = evaluate_relations.score(
            (evaluate_relations.read_gold_relations(gold_dir, n), relations[n]) for n in relation_names
        )
    if as_json or fmt == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        click.echo(evaluate.format_table(result))
        if "relations" in result:
            click.echo(evaluate_relations.format_line(result["relations"]))
    if errors:
        click.echo()
        for n in names:
            text, gold = golds[n]
            for line in evaluate.errors(n, text, gold, preds[n], criterion):
                click.echo(line)


def _analyse(gold_dir: Path, names: list[str], save: Path | None) -> tuple[dict, dict]:
    """Each document's scored quotes and sources, and its relations."""
    from sourcier.api import analyze_many
    from sourcier.errors import SourcierError
    from sourcier.evaluate import load_prediction

    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
    paths = [gold_dir / f"{n}.txt" for n in names]
    failed: list[str] = []
    preds: dict = {n: None for n in names}
    relations: dict = {n: None for n in names}
    analyses = analyze_many(paths, on_error=lambda origin, err: failed.append(f"{origin}: {err}"))
    for name, analysis in zip(names, analyses, strict=True):  # one result per input, in order
        if isinstance(analysis, SourcierError):
            continue
        preds[name] = load_prediction(analysis.to_dict())
        relations[name] = analysis.relations
        if save is not None:
            (save / f"{name}.json").write_text(analysis.to_json(), encoding="utf-8")
    for line in failed:
        click.echo(f"skipped {line}", err=True)
    return preds, relations
