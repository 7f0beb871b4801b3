"""``reliability suggest``: which unlabelled articles to label next."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click

from . import fail
from .score import load_scorer, model_options


@click.command()
@click.option("--from", "source", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Unlabelled articles, JSON Lines (.jsonl or .jsonl.gz): text, optional id/title/publisher.")
@click.option("-n", "n", type=click.IntRange(1), default=50, show_default=True, help="How many to pick.")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="Where to write them (label format).")
@model_options
def suggest(source, n, out, model_path, model_sha256):
    """Pick the articles whose labels would teach the model most, and write them
    in the label format with empty label fields for editors to fill in."""
    try:
        from training.suggest import read_unlabelled, suggest as pick, to_label_record
    except ImportError as exc:
        fail(f"suggest needs the train extra: pip install 'reliability[train]' ({exc})")
        raise click.exceptions.Exit(1) from None
    records, problems = read_unlabelled(source)
    for p in problems:
        fail(p)
    scorer = load_scorer(model_path, model_sha256)
    picked, unscorable = pick(scorer, records, n=n)
    for u in unscorable:
        fail(f"{source}: {u}")
    out = Path(out)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent if str(out.parent) else ".")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for c in picked:
            fh.write(json.dumps(to_label_record(c), ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    click.echo(f"wrote {len(picked)} articles to label to {out} (from {len(records)} read; "
               f"{len(problems)} unreadable, {len(unscorable)} unscorable)")
    if problems or unscorable:
        raise click.exceptions.Exit(1)
