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
