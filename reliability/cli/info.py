"""``reliability info``: the manifest of the model in use."""
from __future__ import annotations

import json

import click

from .score import load_scorer, model_options


@click.command()
@model_options
def info(model_path, model_sha256):
    """Print the manifest of the model in use (JSON), with its folder and SHA-256."""
    scorer = load_scorer(model_path, model_sha256)
    out = {"path": str(scorer.path), "sha256": scorer.sha256, "manifest": scorer.manifest}
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))
