"""Cross-validated figures of the training recipe (``reliability train --cv``).

The held-out splits say how the *shipped* model does; these say how the recipe
does on data it was not fitted on, grouped the hard way:

* headlines: leave-publishers-out folds inside the 80% training side (the
  20% test split is never touched);
* support: publisher/topic-grouped folds on the training side, with the
  per-source and within-kind breakdown;
* hoaxes: each Pratiwi rumour topic in turn is left out of the support
  training data, and the support score alone must separate that topic's hoax
  from valid articles (ROC-AUC of -support, pooled over every topic's
  held-out articles, and the mean per topic).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

#: Pratiwi articles beside the support labels, for the leave-topics-out hoax figure.
PRATIWI_PATH = Path("pratiwi") / "articles.jsonl"


def _headline_cv(train_h, splits, unlabelled=()):
    from .fit import example_columns, fit_headline, headline_soft_labels
    from .report import headline_metrics
    from .run import accuracy_by_group

    X = example_columns(train_h, read=False)
    y = np.array([e.sensational for e in train_h])
    soft = headline_soft_labels(train_h)
    proba = np.zeros(len(y))
    for tr, te in splits:
        # The recipe as shipped, self-training included (the unlabelled titles
        # are none of the labelled ones, so no fold's test rows are among them).
        model = fit_headline(X[tr], y[tr], soft[tr], unlabelled)
        proba[te] = model.predict_proba(X[te])[:, 1]
    out = headline_metrics(y, proba)
    out["accuracy_by_publisher"] = accuracy_by_group(y, proba, [e.group for e in train_h])
    return out


def _support_cv(train_s, X, splits):
    from .fit import fit_support, support_pipeline
    from .report import support_metrics
    from .run import support_breakdown

    y = np.array([e.support for e in train_s], dtype=float)
    levels = np.zeros(len(y))
    for tr, te in splits:
        model = fit_support(support_pipeline(n_examples=len(tr)), X[tr], y[tr], [train_s[i].evidence for i in tr])
        levels[te] = np.clip(model.predict(X[te]), 1, 5)
    out = support_metrics(y.astype(int), (levels - 1) * 25)
    out.update(support_breakdown(y, levels, train_s))
    return out


def _hoax_leave_topics_out(support_examples, X, data_dir):
    from sklearn.metrics import roc_auc_score

    from reliability.features import to_columns

    from .fit import example_columns, fit_support, support_pipeline

    path = Path(data_dir) / PRATIWI_PATH
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if (r.get("text") or "").strip() and r.get("hoax") in (0, 1)]
    from .data import Example

    articles = example_columns([Example(id=str(r["id"]), title="", text=r["text"], group="", origin="",
                                        public=True) for r in rows])
    topics = np.array([r["topic"] for r in rows])
    hoax = np.array([r["hoax"] for r in rows])
    y = np.array([e.support for e in support_examples], dtype=float)
    groups = np.array([e.group for e in support_examples], dtype=object)
    score = np.zeros(len(rows))
    for t in sorted(set(topics.tolist())):
        keep = groups != f"pratiwi-topic-{t}"  # the topic's labelled articles leave with it
        model = fit_support(support_pipeline(n_examples=int(keep.sum())), X[keep], y[keep],
                            [e.evidence for e, k in zip(support_examples, keep) if k])
        score[topics == t] = np.clip(model.predict(articles[topics == t]), 1, 5)
    per_topic = {str(t): float(roc_auc_score(hoax[topics == t], -score[topics == t]))
                 for t in sorted(set(topics.tolist())) if len(set(hoax[topics == t].tolist())) == 2}
    return {"n": int(len(rows)), "topics": len(per_topic),
            "roc_auc": float(roc_auc_score(hoax, -score)),
            "roc_auc_mean_per_topic": float(np.mean(list(per_topic.values()))),
            "roc_auc_by_topic": per_topic}


def cross_validate(data, data_dir=None, *, seed=0, step=None) -> dict:
    """The recipe's cross-validated figures on ``data`` (a :class:`training.data.TrainingData`).

    Returns
    -------
    dict
        ``{"headline": {"publisher_folds": m},
        "support": {"grouped_folds": m}, "hoax": {"leave_topics_out": m}}``;
        a part is left out when its data is missing (the hoax figure needs
        ``data_dir`` with ``pratiwi/articles.jsonl``).
    """
    from sklearn.model_selection import GroupKFold

    from .fit import example_columns, publisher_folds

    step = step or (lambda m: None)
    out: dict = {}
    train_h, _ = data.split("sensational")
    if train_h:
        y = np.array([e.sensational for e in train_h])
        splits, _ = publisher_folds(y, [e.group for e in train_h], seed=seed)
        step(f"cross-validating the headline model: {len(splits)} publisher-held-out folds")
        out["headline"] = {"publisher_folds": _headline_cv(train_h, splits, data.unlabelled_titles)}
    train_s, _ = data.split("support")
    groups = [e.group for e in train_s]
    if len(set(groups)) >= 5:
        step("cross-validating the support model: 5 publisher/topic-grouped folds")
        X = example_columns(train_s)
        splits = list(GroupKFold(5).split(X, groups=groups))
        out["support"] = {"grouped_folds": _support_cv(train_s, X, splits)}
    if data_dir is not None and (Path(data_dir) / PRATIWI_PATH).is_file():
        step("hoax vs valid on Pratiwi topics left out one at a time")
        X_all = example_columns(data.support)
        out["hoax"] = {"leave_topics_out": _hoax_leave_topics_out(data.support, X_all, data_dir)}
    return out
