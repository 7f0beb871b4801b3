"""Metrics of a loaded model on label records (``reliability evaluate``)."""
from __future__ import annotations

import numpy as np


def evaluate_labels(scorer, records) -> dict:
    """``{"headline": metrics, "support": metrics}`` for the records that carry each label.

    Records whose text holds no article body (only furniture) are left out of the
    support metrics; the count left out is reported as ``unscorable``.
    """
    from reliability.article import ArticleError

    from .report import headline_metrics, support_metrics

    metrics = {}
    heads = [r for r in records if r.sensational is not None and (r.title or "").strip()]
    if heads:
        y = np.array([r.sensational for r in heads])
        metrics["headline"] = headline_metrics(y, scorer.score_headlines([r.title for r in heads]))
    labels, scores, unscorable = [], [], 0
    for r in records:
        if r.support is None or not (r.text or "").strip():
            continue
        try:
            result = scorer.score(r.text, title=r.title or None)
        except ArticleError:
            unscorable += 1
            continue
        labels.append(r.support)
        scores.append(result.support)
    if labels:
        metrics["support"] = support_metrics(np.array(labels), np.array(scores))
        metrics["support"]["unscorable"] = unscorable
    return metrics


def evaluate_heldout(scorer, data, data_dir=None) -> dict:
    """The shipped-model figures on the held-out splits a training run records.

    Headlines are scored through :meth:`Scorer.score_headlines` (the API users
    call), support through the model's own pipeline on the unrounded level (so
    the figures equal the manifest's to the last digit), and, when ``data_dir``
    holds ``pratiwi/articles.jsonl``, hoax vs valid on the Pratiwi topics of the
    support dev split (ROC-AUC of -support).

    Returns
    -------
    dict
        ``{"headline": {"dev": m}, "support": {"dev": m}, "hoax": {"dev": m}}``
        (the parts whose data is present).
    """
    from reliability.modelstore import load_model

    from .report import headline_metrics
    from .run import accuracy_by_group, evaluate_models

    model = load_model(scorer.path, sha256=scorer.sha256)
    out = {name: {"dev": m} for name, m in
           evaluate_models(model.headline, model.support, data)["metrics"].items()}
    _, dev_h = data.split("sensational")
    if dev_h:
        y = np.array([e.sensational for e in dev_h])
        proba = scorer.score_headlines([e.title for e in dev_h])
        out["headline"] = {"dev": {**headline_metrics(y, proba),
                                   "accuracy_by_publisher": accuracy_by_group(y, proba, [e.group for e in dev_h])}}
    hoax = hoax_dev_metrics(model.support, data_dir)
    if hoax is not None:
        out["hoax"] = {"dev": hoax}
    return out


def hoax_dev_metrics(support_model, data_dir):
    """ROC-AUC of -support for hoax vs valid on the Pratiwi topics of the support dev split.

    None without ``data_dir``/``pratiwi/articles.jsonl`` (or without both classes there).
    """
    import json
    from pathlib import Path

    from sklearn.metrics import roc_auc_score

    from .crossval import PRATIWI_PATH
    from .data import Example
    from .fit import example_columns
    from .splits import DEV_GROUPS

    path = Path(data_dir) / PRATIWI_PATH if data_dir is not None else None
    if path is None or not path.is_file():
        return None
    topics = {int(g.rsplit("-", 1)[1]) for g in DEV_GROUPS["support"] if g.startswith("pratiwi-topic-")}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("topic") in topics and (r.get("text") or "").strip()]
    if len({r["hoax"] for r in rows}) != 2:
        return None
    X = example_columns([Example(id=str(r["id"]), title="", text=r["text"], group="", origin="", public=True)
                         for r in rows])
    levels = np.clip(np.asarray(support_model.predict(X), dtype=float), 1, 5)
    return {"n": len(rows), "topics": len(topics), "roc_auc": float(roc_auc_score([r["hoax"] for r in rows], -levels))}
