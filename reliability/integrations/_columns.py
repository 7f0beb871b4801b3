"""Results as columns: what every integration adds to a table, in one place."""
from __future__ import annotations

import json

from ..cues.cue import KINDS

#: Added columns (without the prefix) and their types, in order. ``cues`` and
#: ``sentences`` are the JSON of ``Result.to_dict()["cues"]`` / ``["sentences"]``;
#: ``error`` is null for scored rows.
NUMERIC = (("support", "float64"), ("support_level", "int8"), ("sensational", "float64"))
STRINGS = ("support_label", "title", "cues", "sentences", "error")


def column_names(prefix: str, cues: bool = True) -> list[str]:
    names = ["support", "support_level", "support_label", "sensational", "title"]
    names += [f"n_{k}" for k in KINDS]
    if cues:
        names += ["cues", "sentences"]
    names.append("error")
    return [prefix + n for n in names]


def item(text, title):
    """A ``score_many`` item; an empty or missing headline means "detect it"."""
    if isinstance(title, str) and not title.strip():
        title = None
    return {"text": text, "title": title}


def to_columns(outputs, prefix: str, cues: bool = True) -> dict:
    """``score_many`` outputs (Result or ArticleError) as ``{column: list}`` (None where failed)."""
    names = column_names(prefix, cues)
    cols = {n: [] for n in names}
    p = prefix
    for out in outputs:
        if isinstance(out, Exception):
            for n in names:
                cols[n].append(None)
            cols[p + "error"][-1] = str(out)
            continue
        cols[p + "support"].append(out.support)
        cols[p + "support_level"].append(out.support_level)
        cols[p + "support_label"].append(out.support_label)
        cols[p + "sensational"].append(out.sensational)
        cols[p + "title"].append(out.title)
        counts = out.counts
        for k in KINDS:
            cols[f"{p}n_{k}"].append(counts[k])
        if cues:
            cols[p + "cues"].append(json.dumps([c.to_dict() for c in out.cues], ensure_ascii=False))
            cols[p + "sentences"].append(json.dumps([s.to_dict() for s in out.sentences], ensure_ascii=False))
        cols[p + "error"].append(None)
    return cols


def where_of(scorer):
    """``(folder, manifest sha256)``: all a worker needs to load (once) the same model.

    Also seeds this process's cache with ``scorer``, so scoring in-process (and
    in forked workers, which inherit it) does not load the model again.
    """
    from .. import scorer as scorer_module

    if scorer is None:
        scorer = scorer_module.default_scorer()
    where = (str(scorer.path), scorer.sha256)
    scorer_module._WORKER_SCORERS.setdefault(where, scorer)
    return where


def worker_scorer(where):
    from ..scorer import _worker_scorer

    return _worker_scorer(where)
