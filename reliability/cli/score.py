"""``reliability score PATH...``: score articles, for a person or (``--json``) for a machine."""
from __future__ import annotations

import json
from dataclasses import replace
from itertools import islice

import click

from . import fail
from .inputs import iter_inputs

BATCH = 32  # articles per model call: amortises the pipelines' per-call overhead

KIND_NAMES = {
    "named_source": "named sources",
    "relayed_source": "relayed from other outlets",
    "anonymous_source": "anonymous sources",
    "social_media_source": "social media",
    "unverified_claim": "unverified",
    "hedge": "hedges",
    "clickbait_marker": "clickbait markers (headline)",
}
#: How the report names the sentence detector's kinds (:data:`reliability.sentences.SOURCE_KINDS`).
SENTENCE_KIND_NAMES = {"named": "named source", "relayed": "relayed outlet",
                       "anonymous_or_social": "anonymous or social", "hedge": "hedge"}


def model_options(f):
    f = click.option("--model-sha256", "model_sha256", metavar="HEX",
                     help="Refuse the model unless its manifest has this SHA-256.")(f)
    f = click.option("--model", "model_path", type=click.Path(exists=True, file_okay=False),
                     envvar="RELIABILITY_MODEL", help="Model folder (default: the shipped model; env RELIABILITY_MODEL).")(f)
    return f


def load_scorer(model_path, model_sha256):
    """The Scorer for the CLI, or a one-line error and exit 1."""
    from ..modelstore import ModelError
    from ..scorer import Scorer

    try:
        return Scorer.load(model_path, sha256=model_sha256)
    except ModelError as exc:
        fail(str(exc))
        raise click.exceptions.Exit(1) from None


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article (JSON Lines).")
@click.option("--title", help="The headline, overriding detection (one input only).")
@click.option("--jsonl", "jsonl", metavar="IN", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Batch mode: score every line of IN (JSON Lines, .gz or - for stdin) into -o OUT, "
                   "one output line per input line.")
@click.option("-o", "--output", "output", metavar="OUT",
              help="Batch mode: where the rows go (.jsonl, .jsonl.gz, or - for stdout, the default).")
@click.option("--jobs", type=click.IntRange(min=-1), help="Batch mode: worker processes (-1: one per core; default 1).")
@click.option("--batch-size", type=click.IntRange(min=1), help="Batch mode: lines per model call and per flush (default 256).")
@click.option("--progress/--no-progress", default=None,
              help="Batch mode: progress bar on stderr (default: on when stderr is a terminal).")
@click.option("--resume", is_flag=True, help="Batch mode: keep the complete rows OUT already has and append the rest.")
@click.option("--headline", "headlines", multiple=True, metavar="TEXT",
              help="Score a headline alone: prints its sensational probability (0..1). Repeatable; no PATH.")
@model_options
def score(paths, as_json, title, jsonl, output, jobs, batch_size, progress, resume, headlines, model_path, model_sha256):
    """Score articles: PATH is a .txt file, a .jsonl file (one article per line),
    a folder of them, or - for standard input. With --headline, score headlines alone.

    Batch mode, for corpora: --jsonl IN -o OUT writes one JSON row per input
    line, in order (the score, or an "error" for a line that cannot be scored).
    """
    batch_only = {"-o/--output": output, "--jobs": jobs, "--batch-size": batch_size,
                  "--progress/--no-progress": progress, "--resume": resume or None}
    if headlines:
        if paths or title is not None or jsonl is not None:
            raise click.UsageError("--headline scores headlines alone; give no PATH, --jsonl or --title")
        _score_headlines(load_scorer(model_path, model_sha256), headlines, as_json)
        return
    if jsonl is not None:
        if paths:
            raise click.UsageError("give either PATH... or --jsonl IN, not both")
        if title is not None:
            raise click.UsageError("--title applies to one article; in --jsonl input give each line a \"title\"")
        if jobs == 0:
            raise click.UsageError("--jobs must be a positive number or -1")
        from .batch import run_batch

        from ..modelstore import ModelError
        from ..scorer import WorkerScorer

        jobs = jobs or 1
        # With workers, the parent only reads and writes lines: it checks the
        # model but leaves loading it to the workers (one copy fewer in memory).
        try:
            scorer = (load_scorer(model_path, model_sha256) if jobs == 1
                      else WorkerScorer.verify(model_path, sha256=model_sha256))
            code = run_batch(scorer, jsonl, output or "-", jobs=jobs, batch_size=batch_size or 256,
                             progress=progress, resume=resume)
        except ModelError as exc:  # from the check here, or from a worker loading the model
            fail(str(exc))
            raise click.exceptions.Exit(1) from None
        raise click.exceptions.Exit(code)
    if not paths:
        raise click.UsageError("give PATH... to score, --jsonl IN for batch mode, or --headline TEXT")
    given = [name for name, value in batch_only.items() if value is not None]
    if given:
        raise click.UsageError(f"{', '.join(given)} only apply with --jsonl IN")
    if title is not None and (len(paths) != 1 or paths[0].endswith(".jsonl") or _is_dir(paths[0])):
        raise click.UsageError("--title applies to exactly one article; give one file or -")
    scorer = load_scorer(model_path, model_sha256)
    failed = 0
    inputs = iter_inputs(paths)
    while batch := list(islice(inputs, BATCH)):
        for item, result, error in _score_batch(scorer, batch, title):
            if error is not None:
                failed += 1
                fail(error)
                if as_json:
                    click.echo(json.dumps({"path": item.path, "error": error}, ensure_ascii=False))
            else:
                for warning in result.warnings:
                    fail(f"warning: {item.path}: {warning}")
                click.echo(json.dumps(result.to_dict(), ensure_ascii=False) if as_json else render(result))
    raise click.exceptions.Exit(1 if failed else 0)


def _score_headlines(scorer, headlines, as_json):
    """One line per headline, in the order given: the probability with 3 decimals (as in --json)."""
    blank = [h for h in headlines if not h.strip()]
    if blank:
        raise click.UsageError("--headline needs a non-empty headline")
    for text, p in zip(headlines, scorer.score_headlines([h.strip() for h in headlines])):
        p = round(float(p), 3)
        if as_json:
            click.echo(json.dumps({"title": text.strip(), "sensational": p}, ensure_ascii=False))
        else:
            click.echo(f"{p:.3f}")


def _is_dir(path):
    from pathlib import Path
    return Path(path).is_dir()


def _score_batch(scorer, batch, title):
    """Yield (input, result, error) for each input, scoring the readable ones together."""
    from ..article import ArticleError

    readable = [item for item in batch if item.error is None]
    items = [{"text": item.text, "title": title if title is not None else item.title, "path": item.path}
             for item in readable]
    try:
        scored = iter(list(scorer.score_many(items, batch_size=max(1, len(items)), on_error="return")))
    except Exception:  # a bug on one article must not lose the batch: retry one by one
        scored = iter([_score_one(scorer, it) for it in items])
    for item in batch:
        if item.error is not None:
            yield item, None, item.error
            continue
        result = next(scored)
        if isinstance(result, ArticleError):
            yield item, None, str(result)
        else:  # how the file was read (encoding, HTML, size cap) goes with its result
            yield item, replace(result, warnings=item.warnings + result.warnings) if item.warnings else result, None


def _score_one(scorer, item):
    from ..article import ArticleError

    try:
        return next(scorer.score_many([item], on_error="return"))
    except Exception as exc:
        return ArticleError(f"{item['path']}: internal error while scoring ({type(exc).__name__}: {exc}); please report it")


def _mark(sentence: str, text: str, width: int = 200) -> str:
    """The sentence with the cue in [brackets], shortened around it when long."""
    pos = sentence.lower().find(text.lower())
    if pos < 0:
        return sentence[:width]
    marked = f"{sentence[:pos]}[{sentence[pos:pos + len(text)]}]{sentence[pos + len(text):]}"
    if len(marked) <= width:
        return marked
    start = max(0, pos - width // 3)
    snippet = marked[start:start + width]
    return ("…" if start else "") + snippet + ("…" if start + width < len(marked) else "")


def render(result) -> str:
    """The person-readable report of one result."""
    lines = [click.style(result.path or "article", bold=True)]
    lines.append(f"  Headline     {result.title or '(none found)'}")
    lines.append(f"  Support      {result.support:5.1f}/100  {result.support_label} (level {result.support_level} of 5)")
    if result.sensational is None:
        lines.append("  Sensational  n/a (no headline)")
    else:
        word = "sensational" if result.sensational >= 0.5 else "not sensational"
        lines.append(f"  Sensational  {result.sensational:5.2f}      {word}")
    lines.append("  Evidence")
    if not result.cues:
        lines.append("    (no cues found)")
    by_kind: dict = {}
    for cue in result.cues:
        by_kind.setdefault(cue.kind, []).append(cue)
    for kind in KIND_NAMES:
        cues = by_kind.get(kind)
        if not cues:
            continue
        counted = sum(c.counts for c in cues)
        extra = f", {len(cues) - counted} not counted" if counted < len(cues) else ""
        lines.append(f"    {KIND_NAMES[kind]} ({counted}{extra})")
        for cue in cues:
            where = "headline" if cue.field == "title" else f"{cue.start}-{cue.end}"
            note = {"refuted": "  (quoted to refute it)", "legal": "  (legal caution)"}.get(cue.context, "")
            lines.append(f"      \"{cue.text}\" @{where}{note}")
            lines.append(f"          {_mark(result.sentence_of(cue), cue.text)}")
    if result.sentences:
        lines.append("  Sentence detector (probability that an annotator marks it)")
        for s in result.sentences:
            where = "headline" if s.field == "title" else f"{s.start}-{s.end}"
            text = s.text if len(s.text) <= 160 else s.text[:159] + "…"
            lines.append(f"    {SENTENCE_KIND_NAMES[s.kind]:<19} {s.probability:4.2f} @{where}  {text}")
    return "\n".join(lines) + "\n"
