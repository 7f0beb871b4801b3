"""``reliability evaluate``: the metrics of a model on a labelled file, or on the recorded held-out splits."""
from __future__ import annotations

import json

import click

from . import fail
from .score import load_scorer, model_options


@click.command()
@click.option("--labels", "label_paths", multiple=True, type=click.Path(),
              help="Label file or folder (JSONL/CSV). Repeatable.")
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False),
              help="Folder of the public sets: evaluate on the held-out splits training records "
                   "(the figures of the model card).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--skip-invalid", is_flag=True, help="Evaluate the valid records; list the invalid ones.")
@model_options
def evaluate(label_paths, data_dir, as_json, skip_invalid, model_path, model_sha256):
    """Score every labelled record (--labels), or the held-out splits of the public
    sets (--data), and print the same metrics table as training."""
    if bool(label_paths) == bool(data_dir):
        raise click.UsageError("give either --labels PATH... or --data DIR")
    try:
        from training.evaluate import evaluate_labels
        from training.labels import read_labels
        from training.report import format_metrics_table
    except ImportError as exc:
        fail(f"evaluation needs the train extra: pip install 'reliability[train]' ({exc})")
        raise click.exceptions.Exit(1) from None
    if data_dir:
        _evaluate_heldout(data_dir, as_json, load_scorer(model_path, model_sha256), format_metrics_table)
        return
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


def _evaluate_heldout(data_dir, as_json, scorer, format_metrics_table):
    from training.data import DataError, load_training_data
    from training.evaluate import evaluate_heldout
    from training.sources import REPO_ROOT, RegistryError, load_registry

    try:
        data, labels = load_training_data(data_dir, load_registry(), repo_root=REPO_ROOT)
    except (DataError, RegistryError) as exc:
        fail(str(exc))
        raise click.exceptions.Exit(1) from None
    metrics = evaluate_heldout(scorer, data, data_dir)
    out = {"model": {"version": scorer.version, "sha256": scorer.sha256}, "metrics": metrics}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        click.echo(f"model {scorer.version} ({scorer.sha256[:12]}…), held-out splits")
        click.echo(format_metrics_table(metrics))
