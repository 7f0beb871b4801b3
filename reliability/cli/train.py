"""``reliability train``: retrain both models on the public sets plus editors' labels."""
from __future__ import annotations

import shlex
import sys

import click

from . import fail


@click.command()
@click.option("--labels", "label_paths", multiple=True, type=click.Path(),
              help="Label file or folder (JSONL/CSV), added to the registry's sources. Repeatable.")
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False), envvar="RELIABILITY_DATA",
              help="Folder of the public data sets (env RELIABILITY_DATA).")
@click.option("--out", type=click.Path(file_okay=False), help="Model folder to write (default: models/v<timestamp>).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--registry", type=click.Path(exists=True, dir_okay=False),
              help="Sources registry (default: labelled/sources.json).")
@click.option("--skip-invalid", is_flag=True, help="Train on the valid records; list the invalid ones.")
@click.option("--promote", is_flag=True, help="Make the new model the default if it is not worse than the current one.")
@click.option("--force", is_flag=True, help="With --promote: promote even if the quality gate refuses.")
@click.option("--cv", is_flag=True, help="Also cross-validate the recipe (grouped folds, leave-topics-out hoax AUC) "
                                         "into the manifest and model card; takes minutes.")
def train(label_paths, data_dir, out, seed, registry, skip_invalid, promote, force, cv):
    """Train, evaluate on the fixed dev split, write a model folder with its card."""
    try:
        from training.run import TrainingRefused, train as run_train
        from training.report import format_metrics_table
    except ImportError as exc:
        fail(f"training needs the train extra: pip install 'reliability[train]' ({exc})")
        raise click.exceptions.Exit(1) from None
    if force and not promote:
        raise click.UsageError("--force only applies with --promote")
    command = "reliability " + " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv[1:2] == ["train"] else None
    try:
        report = run_train(data_dir=data_dir, label_paths=label_paths, out=out, seed=seed,
                           promote=promote, force=force, skip_invalid=skip_invalid,
                           registry=registry, command=command, cv=cv,
                           echo=lambda m: click.echo(m, err=True))
    except TrainingRefused as exc:
        fail(str(exc))
        raise click.exceptions.Exit(exc.exit_code) from None
    click.echo(format_metrics_table(report.manifest["metrics"]))
    click.echo(f"model: {report.out} (sha256 {report.manifest_sha256})")
    if report.gate:
        click.echo("gate: " + "; ".join(report.gate) + " (forced)")
    click.echo("promoted to the default model" if report.promoted else
               f"not promoted; use it with: reliability score --model {report.out} ARTICLE")
