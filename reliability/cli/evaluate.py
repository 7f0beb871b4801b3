"""``reliability evaluate --labels PATH``: the metrics of a model on a labelled file."""
from __future__ import annotations

import json

import click

from . import fail
from .score import load_scorer, model_options


@click.command()
@click.option("--labels", "label_paths", multiple=True, required=True, type=click.Path(),
              help="Label file or folder (JSONL/CSV). Repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--skip-invalid", is_flag=True, help="Evaluate the valid records; list the invalid ones.")
@model_options
def evaluate(label_paths, as_json, skip_invalid, model_path, model_sha256):
    """Score every labelled record and print the same metrics table as training."""
    try:
        from training.evaluate import evaluate_labels
        from training.labels import read_labels
        from training.report import format_metrics_table
    except ImportError as exc:
        fail(f"evaluation needs the train extra: pip install 'reliability[train]' ({exc})")
        raise click.exceptions.Exit(1) from None
    labels = read_labels(label_paths, skip_invalid=skip_invalid)
    if labels.problems and not skip_invalid:
        for p in labels.problems:
            fail(str(p))
        fail(f"{len(labels.problems)} problem(s) in the label files; use --skip-invalid to evaluate the rest")
        raise click.exceptions.Exit(1)
    for p in labels.skipped:
        fail(f"skipped {p}")
    scorer = load_scorer(model_path, model_sha256)
    metrics = evaluate_labels(scorer, labels.records)
    if not metrics:
        fail("no labelled records to evaluate")
        raise click.exceptions.Exit(1)
    out = {"model": {"version": scorer.version, "sha256": scorer.sha256},
           "metrics": {name: {"labels": m} for name, m in metrics.items()}}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        click.echo(f"model {scorer.version} ({scorer.sha256[:12]}…)")
        click.echo(format_metrics_table(out["metrics"]))
