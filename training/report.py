"""Metrics, plots and the model card for a training run.

Everything here is a pure function of arrays (and, for the card, a manifest
dict), so it can be tested on toy inputs. scikit-learn, scipy and matplotlib
are imported inside the functions that need them: importing this module is
cheap and the scoring path never pulls them in. Plots use matplotlib's Agg
canvas directly (no pyplot, no display, no global backend switch).

>>> m = headline_metrics([0, 0, 1, 1], [0.1, 0.4, 0.6, 0.9])
>>> m["accuracy"], m["roc_auc"]
(1.0, 1.0)
>>> print(format_metrics_table({"accuracy": 1.0, "n": 4}))
metric    value
--------  -----
n             4
accuracy  1.000
"""
from __future__ import annotations

import hashlib
import math
import shlex
import warnings
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

__all__ = [
    "expected_calibration_error",
    "calibration_bins",
    "headline_metrics",
    "support_metrics",
    "score_to_level",
    "plot_confusion_matrix",
    "plot_precision_recall",
    "plot_support_scatter",
    "plot_calibration",
    "format_metrics_table",
    "write_model_card",
    "METRIC_DESCRIPTIONS",
]

#: What each metric means, for the model card's glossary.
METRIC_DESCRIPTIONS = {
    "n": "number of examples scored",
    "positive_rate": "share of examples labelled sensational",
    "predicted_positive_rate": "share predicted sensational at the threshold",
    "threshold": "probability at or above which a headline counts as sensational",
    "accuracy": "share of headlines classified correctly at the threshold",
    "macro_f1": "F1 averaged over both classes (robust to class balance)",
    "precision": "of headlines flagged sensational, the share that are",
    "recall": "of sensational headlines, the share flagged",
    "roc_auc": "probability a sensational headline outranks a plain one",
    "average_precision": "area under the precision-recall curve",
    "brier": "mean squared error of the probability (lower is better)",
    "ece": "expected calibration error, 10 equal-width bins (lower is better)",
    "spearman": "rank correlation of score with the 1..5 label",
    "pearson": "linear correlation of score with the 1..5 label",
    "mae_points": "mean absolute error in label points (score/25 + 1 vs label)",
    "mae_score": "mean absolute error on the 0..100 scale vs (label-1)*25",
    "exact_agreement": "share where the rounded predicted level equals the label",
    "within_one": "share where the rounded predicted level is within one of the label",
    "quadratic_weighted_kappa": "agreement of rounded levels with the labels, quadratic weights",
    "accuracy_by_publisher": "headline accuracy per publisher",
    "spearman_by_source": "Spearman per source set (clickid, mainstream2025, pratiwi, ...)",
    "spearman_within_kind": "mean Spearman within one kind of article (topic cannot help there)",
    "spearman_by_kind": "Spearman per kind of article (kinds with at least 10 articles)",
    "topics": "number of topics with both classes",
    "roc_auc_mean_per_topic": "ROC-AUC within each held-out topic, averaged",
    "roc_auc_by_topic": "ROC-AUC within each held-out topic",
}

# Row order in tables: the headline block, then the support block, then the rest.
_ORDER = ["n", "positive_rate", "predicted_positive_rate", "threshold", "accuracy", "macro_f1",
          "precision", "recall", "roc_auc", "average_precision", "brier", "ece",
          "spearman", "pearson", "quadratic_weighted_kappa", "mae_points", "mae_score",
          "exact_agreement", "within_one", "spearman_within_kind", "spearman_by_source", "spearman_by_kind",
          "per_level", "mean_score_by_level", "predicted_level_counts", "accuracy_by_publisher",
          "topics", "roc_auc_mean_per_topic", "roc_auc_by_topic"]
_CURRENT = "current"


# --------------------------------------------------------------------- helpers

def _binary_arrays(y_true, proba):
    y = np.asarray(y_true)
    p = np.asarray(proba, dtype=float)
    if y.ndim != 1 or p.ndim != 1 or len(y) != len(p):
        raise ValueError(f"y_true and proba must be 1-d and the same length, got {y.shape} and {p.shape}")
    if len(y) == 0:
        raise ValueError("no examples")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true must contain only 0 and 1")
    if not (np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()):
        raise ValueError("proba must be probabilities in [0, 1]")
    return y.astype(int), p


def _support_arrays(labels, scores):
    y = np.asarray(labels, dtype=float)
    s = np.asarray(scores, dtype=float)
    if y.ndim != 1 or s.ndim != 1 or len(y) != len(s):
        raise ValueError(f"labels and scores must be 1-d and the same length, got {y.shape} and {s.shape}")
    if len(y) == 0:
        raise ValueError("no examples")
    if not np.isin(y, (1, 2, 3, 4, 5)).all():
        raise ValueError("labels must be integers 1..5")
    if not (np.isfinite(s).all() and (s >= 0).all() and (s <= 100).all()):
        raise ValueError("scores must be in 0..100")
    return y.astype(int), s


def _clean(value):
    """A JSON-friendly float: numpy -> Python, nan -> None."""
    if value is None:
        return None
    value = float(value)
    # Rounded to 12 places: strips float dust (0.9999999999999999) without losing information.
    return None if math.isnan(value) else round(value, 12)


def score_to_level(scores) -> np.ndarray:
    """The nearest rubric level (1..5) for 0..100 scores, halves rounded up.

    Examples
    --------
    >>> score_to_level([0, 12.5, 12.4, 60, 100]).tolist()
    [1, 2, 1, 3, 5]
    """
    points = np.asarray(scores, dtype=float) / 25.0 + 1.0
    # floor(x + 0.5), not np.rint: banker's rounding would send 2.5 to 2 but 3.5 to 4.
    return np.clip(np.floor(points + 0.5), 1, 5).astype(int)


# --------------------------------------------------------------------- metrics

def calibration_bins(y_true, proba, n_bins: int = 10) -> list[dict]:
    """Equal-width probability bins with their counts, mean probability and hit rate.

    Bin ``i`` covers ``[i/n, (i+1)/n)``; the last bin includes 1.0.

    Returns
    -------
    list of dict
        One per bin: ``lo, hi, n, mean_proba, frac_positive`` (the last two
        ``None`` for an empty bin).

    Examples
    --------
    >>> b = calibration_bins([0, 1, 1], [0.05, 0.95, 0.91], n_bins=10)
    >>> [(x["n"], x["frac_positive"]) for x in b if x["n"]]
    [(1, 0.0), (2, 1.0)]
    """
    y, p = _binary_arrays(y_true, proba)
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    idx = np.minimum((p * n_bins).astype(int), n_bins - 1)
    bins = []
    for i in range(n_bins):
        mask = idx == i
        n = int(mask.sum())
        bins.append({
            "lo": i / n_bins,
            "hi": (i + 1) / n_bins,
            "n": n,
            "mean_proba": float(p[mask].mean()) if n else None,
            "frac_positive": float(y[mask].mean()) if n else None,
        })
    return bins


def expected_calibration_error(y_true, proba, n_bins: int = 10) -> float:
    """Expected calibration error over equal-width bins.

    ``sum_b (n_b / N) * |mean(proba in b) - share of positives in b|``.

    Examples
    --------
    Perfectly calibrated: in the 0.25 bin one of four is positive.

    >>> expected_calibration_error([1, 0, 0, 0], [0.25] * 4)
    0.0
    >>> expected_calibration_error([0, 0], [0.9, 0.9])
    0.9
    """
    bins = calibration_bins(y_true, proba, n_bins)
    total = sum(b["n"] for b in bins)
    ece = sum(b["n"] / total * abs(b["mean_proba"] - b["frac_positive"]) for b in bins if b["n"])
    return round(float(ece), 12)  # strip float dust so exact toy values compare equal


def headline_metrics(y_true, proba, threshold: float = 0.5) -> dict:
    """Classification and calibration metrics for the headline (sensational) model.

    Parameters
    ----------
    y_true : array of 0/1
        1 = sensational / clickbait.
    proba : array of float
        Predicted probability of class 1.
    threshold : float
        ``proba >= threshold`` counts as predicted sensational.

    Returns
    -------
    dict
        ``n, positive_rate, predicted_positive_rate, threshold, accuracy,
        macro_f1, precision, recall`` (of the sensational class), ``roc_auc,
        average_precision`` (``None`` when only one class is present),
        ``brier, ece``.

    Examples
    --------
    >>> m = headline_metrics([0, 1, 1, 0], [0.2, 0.7, 0.4, 0.6])
    >>> m["accuracy"], m["macro_f1"], m["precision"], m["recall"]
    (0.5, 0.5, 0.5, 0.5)
    """
    from sklearn.metrics import (accuracy_score, average_precision_score, f1_score,
                                 precision_score, recall_score, roc_auc_score)

    y, p = _binary_arrays(y_true, proba)
    pred = (p >= threshold).astype(int)
    both = len(np.unique(y)) == 2
    return {
        "n": int(len(y)),
        "positive_rate": float(y.mean()),
        "predicted_positive_rate": float(pred.mean()),
        "threshold": float(threshold),
        "accuracy": float(accuracy_score(y, pred)),
        "macro_f1": float(f1_score(y, pred, average="macro", labels=[0, 1], zero_division=0)),
        "precision": float(precision_score(y, pred, zero_division=0)),
        "recall": float(recall_score(y, pred, zero_division=0)),
        "roc_auc": float(roc_auc_score(y, p)) if both else None,
        "average_precision": float(average_precision_score(y, p)) if y.any() else None,
        "brier": float(np.mean((p - y) ** 2)),
        "ece": expected_calibration_error(y, p),
    }


def support_metrics(labels_1to5, scores_0to100) -> dict:
    """Agreement of 0..100 support scores with 1..5 rubric labels.

    Parameters
    ----------
    labels_1to5 : array of int
    scores_0to100 : array of float
        Predicted support; level = round(score / 25 + 1), halves up.

    Returns
    -------
    dict
        ``n, spearman, pearson`` (``None`` when either side is constant),
        ``quadratic_weighted_kappa`` (on rounded levels; ``None`` when
        undefined), ``mae_points, mae_score, exact_agreement, within_one``,
        ``per_level`` (label counts), ``mean_score_by_level`` and
        ``predicted_level_counts`` (keys ``"1"``..``"5"``).

    Examples
    --------
    >>> m = support_metrics([1, 2, 3, 4, 5], [0, 25, 50, 75, 100])
    >>> m["spearman"], m["mae_points"], m["exact_agreement"], m["quadratic_weighted_kappa"]
    (1.0, 0.0, 1.0, 1.0)
    >>> support_metrics([1, 5], [50, 50])["spearman"] is None
    True
    """
    from scipy.stats import spearmanr
    from sklearn.metrics import cohen_kappa_score

    y, s = _support_arrays(labels_1to5, scores_0to100)
    points = s / 25.0 + 1.0
    level = score_to_level(s)
    constant = np.ptp(y) == 0 or np.ptp(s) == 0
    with warnings.catch_warnings():
        # Undefined cases (constant input) come back as nan; we report None instead.
        warnings.simplefilter("ignore")
        spearman = None if constant else _clean(spearmanr(y, s).statistic)
        pearson = None if constant else _clean(np.corrcoef(y, s)[0, 1])
        qwk = _clean(cohen_kappa_score(y, level, labels=[1, 2, 3, 4, 5], weights="quadratic"))
    keys = [str(k) for k in range(1, 6)]
    return {
        "n": int(len(y)),
        "spearman": spearman,
        "pearson": pearson,
        "quadratic_weighted_kappa": qwk,
        "mae_points": float(np.mean(np.abs(points - y))),
        "mae_score": float(np.mean(np.abs(s - (y - 1) * 25.0))),
        "exact_agreement": float(np.mean(level == y)),
        "within_one": float(np.mean(np.abs(level - y) <= 1)),
        "per_level": {k: int((y == int(k)).sum()) for k in keys},
        "mean_score_by_level": {k: (float(s[y == int(k)].mean()) if (y == int(k)).any() else None)
                                for k in keys},
        "predicted_level_counts": {k: int((level == int(k)).sum()) for k in keys},
    }


# ----------------------------------------------------------------------- plots

def _figure(width=5.0, height=4.0, rows=1, **kw):
    # The Agg canvas directly: no pyplot state, no display, safe in threads and CI.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    axes = fig.subplots(rows, 1, **kw)
    return fig, axes


def _save(fig, path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, format="png")
    return path


def plot_confusion_matrix(y_true, y_pred, path, *, labels=None, display_labels=None,
                          title: str = "Confusion matrix") -> Path:
    """Write a confusion-matrix PNG (rows: true, columns: predicted).

    Parameters
    ----------
    y_true, y_pred : array
    path : path
        PNG to write (folders are created).
    labels : list, optional
        Class values in order; default the sorted union of both arrays.
    display_labels : list of str, optional
        Names shown on the axes; for 0/1 default "plain" / "sensational".

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = plot_confusion_matrix([0, 1, 1], [0, 1, 0], pathlib.Path(tempfile.mkdtemp()) / "cm.png")
    >>> p.read_bytes()[:4] == b"\\x89PNG"
    True
    """
    from sklearn.metrics import confusion_matrix

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if labels is None:
        labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    if display_labels is None:
        display_labels = (["plain", "sensational"] if list(labels) == [0, 1]
                          else [str(x) for x in labels])
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    fig, ax = _figure(4.5, 4.0)
    ax.imshow(cm, cmap="Blues")
    top = cm.max() if cm.size else 0
    for i in range(cm.shape[0]):
        for j in range(cm.shape[1]):
            ax.text(j, i, str(cm[i, j]), ha="center", va="center",
                    color="white" if top and cm[i, j] > top / 2 else "black")
    ticks = range(len(labels))
    ax.set_xticks(list(ticks), display_labels)
    ax.set_yticks(list(ticks), display_labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("labelled")
    ax.set_title(title)
    return _save(fig, path)


def plot_precision_recall(y_true, proba, path, *, threshold: float = 0.5,
                          title: str = "Precision-recall (sensational)") -> Path:
    """Write a precision-recall curve PNG, marking the operating threshold.

    The dashed line is the positive rate: what a model that guesses achieves.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = plot_precision_recall([0, 1, 1, 0], [0.2, 0.8, 0.6, 0.3],
    ...                           pathlib.Path(tempfile.mkdtemp()) / "pr.png")
    >>> p.stat().st_size > 0
    True
    """
    from sklearn.metrics import average_precision_score, precision_recall_curve

    y, p = _binary_arrays(y_true, proba)
    fig, ax = _figure(5.0, 4.0)
    if y.any():
        precision, recall, thresholds = precision_recall_curve(y, p)
        ap = average_precision_score(y, p)
        ax.step(recall, precision, where="post", label=f"model (AP {ap:.3f})")
        pred = p >= threshold
        tp = int((pred & (y == 1)).sum())
        op_p = tp / pred.sum() if pred.sum() else 0.0
        op_r = tp / (y == 1).sum()
        ax.plot([op_r], [op_p], "o", color="C3", label=f"threshold {threshold:g}")
    else:
        ax.text(0.5, 0.5, "no positive examples", ha="center", va="center", transform=ax.transAxes)
    ax.axhline(y.mean(), ls="--", color="grey", label=f"positive rate {y.mean():.2f}")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title(title)
    ax.legend(loc="lower left", fontsize=8)
    return _save(fig, path)


def plot_support_scatter(labels, scores, path, *, title: str = "Support: predicted vs labelled",
                         seed: int = 0) -> Path:
    """Write a PNG of predicted 0..100 scores against 1..5 labels.

    Points are jittered sideways so ties stay visible; a box per level shows
    the spread, a diamond the mean, and a grey tick the score the label maps
    to, ``(label - 1) * 25``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = plot_support_scatter([1, 2, 5, 5], [10, 30, 90, 70],
    ...                          pathlib.Path(tempfile.mkdtemp()) / "support.png")
    >>> p.read_bytes()[:4] == b"\\x89PNG"
    True
    """
    y, s = _support_arrays(labels, scores)
    rng = np.random.default_rng(seed)  # fixed seed: the same run draws the same plot
    fig, ax = _figure(5.5, 4.5)
    ax.scatter(y + rng.uniform(-0.18, 0.18, len(y)), s, s=8, alpha=0.35, color="C0", label="article")
    present = [k for k in range(1, 6) if (y == k).any()]
    ax.boxplot([s[y == k] for k in present], positions=present, widths=0.5,
               showfliers=False, manage_ticks=False)
    means = [s[y == k].mean() for k in present]
    ax.plot(present, means, "D", color="C3", label="mean")
    ax.plot(range(1, 6), [(k - 1) * 25 for k in range(1, 6)], "_", color="grey",
            markersize=30, label="(label-1)x25")
    # Counts go under the tick labels, where no point or legend can hide them.
    ax.set_xticks(range(1, 6), [f"{k}\nn={int((y == k).sum())}" for k in range(1, 6)])
    ax.set_xlim(0.4, 5.6)
    ax.set_ylim(-3, 103)
    ax.set_xlabel("labelled support (1..5)")
    ax.set_ylabel("predicted support (0..100)")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=7)
    return _save(fig, path)


def plot_calibration(y_true, proba, path, *, n_bins: int = 10,
                     title: str = "Calibration (sensational)") -> Path:
    """Write a reliability diagram PNG: observed rate per probability bin.

    The top panel plots, for each non-empty bin, the share of sensational
    headlines against the mean predicted probability, with the diagonal of
    perfect calibration; the bottom panel shows how many headlines fall in
    each bin (few points -> a noisy dot).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = plot_calibration([0, 1, 1, 0], [0.2, 0.8, 0.6, 0.3],
    ...                      pathlib.Path(tempfile.mkdtemp()) / "cal.png")
    >>> p.stat().st_size > 0
    True
    """
    bins = calibration_bins(y_true, proba, n_bins)
    ece = expected_calibration_error(y_true, proba, n_bins)
    fig, (ax, ax_n) = _figure(5.0, 5.5, rows=2, sharex=True, height_ratios=[3, 1])
    ax.plot([0, 1], [0, 1], ls="--", color="grey", label="perfect calibration")
    full = [b for b in bins if b["n"]]
    ax.plot([b["mean_proba"] for b in full], [b["frac_positive"] for b in full], "o-",
            color="C0", label=f"model (ECE {ece:.3f})")
    ax.set_ylim(0, 1)
    ax.set_ylabel("share sensational")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8)
    width = 1.0 / n_bins
    ax_n.bar([b["lo"] for b in bins], [b["n"] for b in bins], width=width * 0.9, align="edge", color="C0")
    for b in bins:
        if b["n"]:
            ax_n.annotate(str(b["n"]), (b["lo"] + width / 2, b["n"]), ha="center", va="bottom", fontsize=7)
    ax_n.set_xlim(0, 1)
    ax_n.set_xlabel("predicted probability")
    ax_n.set_ylabel("count")
    return _save(fig, path)


# ---------------------------------------------------------------------- tables

def _is_metric_dict(d) -> bool:
    return isinstance(d, Mapping) and any(not isinstance(v, Mapping) for v in d.values())


def _fmt(value, key: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Mapping):
        # per-level counts/means: compact "1:12 2:30 ..."
        return " ".join(f"{k}:{_fmt(v)}" for k, v in value.items())
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return "-"
        if key == "n" and float(value).is_integer():
            return str(int(value))
        return f"{value:.1f}" if abs(value) >= 100 else f"{value:.3f}"
    return str(value)


def _sections(metrics: Mapping) -> list[tuple[str | None, dict]]:
    """Normalise the accepted shapes to ``[(section, {column: metric_dict})]``.

    Shapes: a metric dict; ``{column: metric dict}``; ``{section: metric dict
    or {column: metric dict}}``.
    """
    if _is_metric_dict(metrics):
        return [(None, {"value": metrics})]
    if all(_is_metric_dict(v) for v in metrics.values()):
        return [(None, dict(metrics))]
    out = []
    for name, value in metrics.items():
        if not isinstance(value, Mapping) or not value:
            continue
        out.append((name, {"value": value} if _is_metric_dict(value) else
                    {k: v for k, v in value.items() if _is_metric_dict(v)}))
    return out


def _grid(columns: dict) -> tuple[list[str], list[list[str]]]:
    """Header and formatted rows for one section; adds a change column vs current."""
    names = [c for c in columns if c != _CURRENT] + ([_CURRENT] if _CURRENT in columns else [])
    keys: list[str] = []
    for c in names:
        keys.extend(k for k in columns[c] if k not in keys)
    keys.sort(key=lambda k: (_ORDER.index(k) if k in _ORDER else len(_ORDER)))
    with_change = _CURRENT in columns and len(names) >= 2
    header = ["metric"] + [("current model" if c == _CURRENT else c) for c in names]
    if with_change:
        header.append(f"change ({names[0]} - current)")
    rows = []
    for k in keys:
        row = [k] + [_fmt(columns[c].get(k), k) for c in names]
        if with_change:
            new, old = columns[names[0]].get(k), columns[_CURRENT].get(k)
            numeric = all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                          for v in (new, old))
            row.append(f"{new - old:+.3f}" if numeric and k not in ("n", "threshold") else "")
        rows.append(row)
    return header, rows


def format_metrics_table(metrics: Mapping) -> str:
    """A plain-text metrics table for the terminal.

    Parameters
    ----------
    metrics : dict
        One of: a metric dict (``{"accuracy": 0.8, ...}``); columns of them
        (``{"dev": {...}, "current": {...}}``); or sections of either
        (``{"headline": {"dev": {...}}, "support": {...}}``). A ``"current"``
        column (the shipped model on the same split) is placed last and a
        change column added. ``None`` prints as ``-``.

    Returns
    -------
    str

    Examples
    --------
    >>> print(format_metrics_table({"headline": {"dev": {"accuracy": 0.8}, "current": {"accuracy": 0.75}}}))
    headline
    metric    dev    current model  change (dev - current)
    --------  -----  -------------  ----------------------
    accuracy  0.800  0.750          +0.050
    """
    blocks = []
    for name, columns in _sections(metrics or {}) if metrics else []:
        if not columns:
            continue
        header, rows = _grid(columns)
        widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]

        def line(cells):
            # Numbers right-aligned when there is a single value column, for scanning.
            parts = [cells[0].ljust(widths[0])]
            for i, c in enumerate(cells[1:], start=1):
                parts.append(c.rjust(widths[i]) if len(header) == 2 else c.ljust(widths[i]))
            return "  ".join(parts).rstrip()

        text = [line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
        blocks.append(([name] if name else []) + text)
    # An empty run (e.g. no dev examples) says so rather than printing a bare header.
    return "\n\n".join("\n".join(b) for b in blocks) if blocks else "(no metrics)"


def _markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def esc(c):
        return str(c).replace("|", "\\|")
    out = ["| " + " | ".join(esc(h) for h in header) + " |",
           "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


# ------------------------------------------------------------------ model card

# Attribution the licences require, restated for the card (always written).
_ATTRIBUTION = """\
- **CLICK-ID** (headline labels): A. William and Y. Sari, "CLICK-ID: A novel
  dataset for Indonesian clickbait headlines", *Data in Brief* 32 (2020) 106231,
  doi:10.1016/j.dib.2020.106231; data doi:10.17632/k42j7x2kpn.1. Licence
  CC BY 4.0. About 12,750 headlines from 12 Indonesian publishers (2019), each
  judged by three people; the majority vote is used as the sensational label.
  Some article bodies from this release are also among the support articles.
- **Indonesian Hoax News Detection Dataset**: Pratiwi, Asmara and Rahutomo,
  ICTS 2017, doi:10.1109/ICTS.2017.8265649 (Mendeley Data p3hfgr5j3m).
  Licence CC BY 4.0. Articles from 2016-2017; used only as support articles.
- **mainstream2025**: Indonesian mainstream reporting from mid-2025, from the
  public scrape github.com/zainoor/indo-news-scrapper (no licence stated);
  used for research evaluation and as support articles.
- **Support labels**: made for this project. Each article was scored 1..5
  against a written sourcing rubric by model-assisted annotators (a language
  model applying the rubric one article at a time; the phrases it marked were
  checked against the text). Where two annotators labelled the same articles,
  they agreed with Spearman rho of about 0.90 (quadratic-weighted kappa about
  0.90, every pair within one point). These are careful labels, not ground
  truth: once a model matches them as closely as the two annotators matched
  one another, this data cannot show further gains."""

_WHAT = """\
- **support** (0..100): how well the article attributes its central claims to
  sources a reader could check, trained on 1..5 rubric labels mapped to
  (label - 1) x 25. It scores sourcing, not whether a claim is true.
- **sensational** (0..1): the probability that the headline is sensational /
  clickbait, trained on CLICK-ID headline judgements."""

_LIMITS = [
    "The headline labels are 2019 headlines from 12 publishers; newer styles and other outlets may score differently (publisher and time shift).",
    "The support labels are model-assisted, not expert consensus; they carry the rubric's judgement calls.",
    "Support measures sourcing, not truth: a well-sourced article can be wrong and a poorly sourced one right.",
    "Dev numbers come from the public files, part of which is held back; they are development estimates, not a final test.",
    "Indonesian only; scraped text with furniture, mojibake or cut-off bodies can lower scores.",
]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _label_count_tables(label_counts: Mapping) -> list[str]:
    """One markdown table per task.

    Accepts ``{task: {"1": n, ...}}``, ``{task: {split: {"1": n, ...}}}`` and the
    training run's ``{task: {"total", "train", "dev", "from_label_files",
    "by_label": {...}}}``.
    """
    tables = []
    for task, value in label_counts.items():
        if not isinstance(value, Mapping) or not value:
            continue
        extra = ""
        if isinstance(value.get("by_label"), Mapping):
            sizes = [(k, value[k]) for k in ("total", "train", "dev", "from_label_files") if k in value]
            extra = "\n\n" + ", ".join(f"{k.replace('_', ' ')}: {_fmt(v)}" for k, v in sizes) if sizes else ""
            rows = [("all", value["by_label"])]
        elif _is_metric_dict(value):  # {"1": 59, ...}
            rows = [("all", value)]
        else:  # {"train": {"1": ...}, "dev": {...}}
            rows = [(str(split), v) for split, v in value.items() if isinstance(v, Mapping)]
        levels: list[str] = []
        for _, counts in rows:
            levels.extend(str(k) for k in counts if str(k) not in levels)
        body = []
        for split, counts in rows:
            c = {str(k): v for k, v in counts.items()}
            total = sum(v for v in c.values() if isinstance(v, (int, float)) and not isinstance(v, bool))
            body.append([split] + [_fmt(c.get(lv)) for lv in levels] + [_fmt(int(total))])
        tables.append(f"**{task}**\n\n" + _markdown_table([task] + levels + ["total"], body) + extra)
    return tables


def _bullets(mapping: Mapping, indent: str = "") -> list[str]:
    """Nested dicts as nested bullet lists; lists joined with commas."""
    out = []
    for k, v in mapping.items():
        if isinstance(v, Mapping):
            out.append(f"{indent}- **{k}**:")
            out.extend(_bullets(v, indent + "  "))
        elif isinstance(v, (list, tuple)):
            out.append(f"{indent}- **{k}**: " + (", ".join(map(str, v)) if v else "-"))
        else:
            out.append(f"{indent}- **{k}**: {_fmt(v)}")
    return out


def _registry_by_name() -> dict:
    # Attribution for sources the manifest names but does not describe.
    try:
        from .sources import load_registry
        return {s.name: s.to_dict() for s in load_registry()}
    except Exception:  # a card must still be written without a readable registry
        return {}


def write_model_card(folder, manifest: Mapping) -> Path:
    """Write ``MODEL_CARD.md`` for a trained model folder.

    Parameters
    ----------
    folder : path
        The model folder (created if needed); the card goes in it and plot
        links are relative to it.
    manifest : dict
        What the training run knows. Every key is optional:

        ``name``, ``version`` (str)
            Model name (default ``"reliability"``, or the folder name when
            there is no version either) and version.
        ``created`` or ``created_at`` (str)
            ISO timestamp of the run (default: now).
        ``package_version`` (str) or ``package`` (``{"reliability": str}``)
            The package version that trained it.
        ``versions`` (dict)
            Library versions (python, scikit-learn, numpy, ...).
        ``seed`` (int), ``threshold`` (float)
            Random seed; the headline decision threshold.
        ``description`` (str)
            A paragraph on the models (features, estimator).
        ``models`` (dict)
            Per model (``"support"``, ``"headline"``): a string or a dict of
            details (estimator, features, ...), listed as given.
        ``sources`` or ``data["sources"]`` (list of dict)
            The training sources used: ``name`` and any of ``task, rows,
            status, licence, citation, url_or_doi, sha256``
            (:meth:`training.sources.Source.to_dict` plus counts). Missing
            attribution is filled in from the registry by ``name``.
        ``data["label_files"]`` (list of ``{"path", "sha256"}``)
            Label files read in the run.
        ``split`` (dict or str)
            How train/dev were made, e.g. ``{"method": "grouped by publisher",
            "seed": 0, "dev_groups": {...}}``; nested dicts become nested lists.
        ``metrics`` (dict)
            ``{model: {column: metric_dict}}``, e.g. ``metrics["headline"]["dev"]``
            from :func:`headline_metrics` and ``metrics["support"]["dev"]`` from
            :func:`support_metrics`. A ``"current"`` column (the shipped model
            on the same split) gets its own column and a change column.
        ``compared_with`` (``{"version", "sha256"}``)
            Which model the ``"current"`` column is.
        ``label_counts`` (dict)
            ``{"support": {"1": n, ...}, "sensational": {"0": n, "1": n}}``, per
            split ``{"support": {"train": {...}, "dev": {...}}}``, or
            ``{"support": {"total", "train", "dev", "from_label_files", "by_label"}}``.
        ``overridden`` (int), ``skipped`` (list of str)
            Label records replaced by later ones; invalid records left out.
        ``command`` (str or list of str)
            The command that trained the model.
        ``plots`` (list)
            PNG file names relative to ``folder``, or ``{"file", "caption"}``.
        ``hashes`` (dict)
            File name -> sha256. Default: computed over the folder's files.
        ``data_hashes`` (dict)
            Training data file -> sha256 (also taken from ``data``).
        ``limits`` (list of str)
            Extra known limits, added to the standard ones.
        ``notes`` (str)
            Free text appended at the end.

    Returns
    -------
    Path
        The card's path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> card = write_model_card(folder, {"name": "demo", "version": "1",
    ...     "metrics": {"headline": {"dev": {"accuracy": 0.8}}}})
    >>> "| accuracy | 0.800 |" in card.read_text(encoding="utf-8")
    True
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    m = dict(manifest or {})
    data = m.get("data") if isinstance(m.get("data"), Mapping) else {}
    version = m.get("version")
    # Runs write into a temporary folder before renaming it: with a version, the
    # folder name says nothing useful.
    name = m.get("name") or ("reliability" if version else folder.name)
    created = (m.get("created") or m.get("created_at")
               or datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    package = m.get("package_version") or (m.get("package") or {}).get("reliability")

    title = name if not version or version == name else f"{name} {version}"
    out = [f"# Model card: {title}", ""]
    facts = [("created", created), ("reliability version", package), ("seed", m.get("seed")),
             ("headline threshold", m.get("threshold"))]
    out += [f"- **{k}**: {_fmt(v)}" for k, v in facts if v is not None]
    versions = m.get("versions")
    if isinstance(versions, Mapping) and versions:
        out.append("- **libraries**: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    out.append("")

    out += ["## What it predicts", "", _WHAT, ""]
    if m.get("description"):
        out += [str(m["description"]), ""]
    models = m.get("models") or {}
    for model, info in models.items():
        if isinstance(info, Mapping):
            out.append(f"- **{model}**: " + "; ".join(f"{k}: {_fmt(v)}" for k, v in info.items()))
        else:
            out.append(f"- **{model}**: {info}")
    if models:
        out.append("")

    out += ["## Training data and attribution", "", _ATTRIBUTION, ""]
    sources = list(m.get("sources") or data.get("sources") or [])
    if sources:
        known = _registry_by_name()
        rows = []
        for src in sources:
            src = {**known.get(src.get("name"), {}), **src}
            count = src.get("rows") if src.get("rows") is not None else src.get("status")
            rows.append([src.get("name", ""), src.get("task", ""), _fmt(count), src.get("licence", ""),
                         src.get("citation", ""), src.get("url_or_doi", "")])
        out += ["Sources used in this run:", "",
                _markdown_table(["source", "task", "rows", "licence", "citation", "link"], rows), ""]
    label_files = [f for f in data.get("label_files") or [] if isinstance(f, Mapping)]
    if label_files:
        out += ["Label files read in this run:", ""] + [f"- `{f.get('path')}`" for f in label_files] + [""]

    out += ["## How the labels were made", "",
            "Support: 1 = claims asserted with no source or built on material the article itself "
            "calls unverified; 2 = mainly relayed from other outlets, anonymous, social media or "
            "hedged and unconfirmed; 3 = a mix, or a celebrity's own unchecked statement; 4 = named "
            "sources with a gap; 5 = named, on-record sources or official data for the central claims. "
            "A debunk that refutes a rumour with named sources counts as supported, and \"diduga\" used "
            "for a suspect with a named police source is legal caution, not weak sourcing. "
            "Sensational: the CLICK-ID annotators' majority vote on the headline alone. "
            "Team label files follow `labelled/README.md`.", ""]
    if m.get("overridden") or m.get("skipped"):
        skipped = list(m.get("skipped") or [])
        out.append(f"In this run {_fmt(m.get('overridden') or 0)} label record(s) were replaced by later "
                   f"ones (editor corrections) and {len(skipped)} invalid record problem(s) were skipped.")
        out += [""] + [f"- skipped: {x}" for x in skipped[:20]]
        if len(skipped) > 20:
            out.append(f"- ... and {len(skipped) - 20} more")
        out.append("")

    split = m.get("split")
    if split:
        out += ["## Split", ""]
        out += _bullets(split) if isinstance(split, Mapping) else [str(split)]
        out.append("")

    metrics = m.get("metrics") or {}
    if metrics:
        out += ["## Metrics", ""]
        cw = m.get("compared_with")
        if isinstance(cw, Mapping) and cw.get("version"):
            out += [f"\"current model\" is {cw['version']}, evaluated on the same dev split.", ""]
        for section, columns in _sections(metrics):
            header, rows = _grid(columns)
            if section:
                out += [f"### {section}", ""]
            out += [_markdown_table(header, rows), ""]
        used = {r for _, cols in _sections(metrics) for c in cols.values() for r in c}
        glossary = [f"- `{k}`: {METRIC_DESCRIPTIONS[k]}" for k in _ORDER
                    if k in used and k in METRIC_DESCRIPTIONS]
        if glossary:
            out += ["What the metrics mean:", ""] + glossary + [""]

    cross = m.get("cross_validation") or {}
    if cross:
        out += ["## Cross-validation of the training recipe", "",
                "Refitted on folds of the training side only (the held-out split above is never used): "
                "`publisher_folds` hold out whole publishers, `grouped_folds` whole publishers or Pratiwi "
                "topics, `leave_topics_out` one Pratiwi rumour topic at a time (support score alone, "
                "lower = hoax).", ""]
        for section, columns in _sections(cross):
            header, rows = _grid(columns)
            if section:
                out += [f"### {section}", ""]
            out += [_markdown_table(header, rows), ""]

    tables = _label_count_tables(m.get("label_counts") or {})
    if tables:
        out += ["## Label counts", ""]
        for t in tables:
            out += [t, ""]

    plots = m.get("plots") or []
    if plots:
        out += ["## Plots", ""]
        for p in plots:
            file, caption = (p.get("file"), p.get("caption")) if isinstance(p, Mapping) else (str(p), None)
            caption = caption or Path(file).stem.replace("_", " ")
            out += [f"![{caption}]({Path(file).as_posix()})", ""]

    command = m.get("command")
    if command:
        if not isinstance(command, str):
            command = shlex.join(map(str, command))
        out += ["## Training command", "", "```sh", command, "```", ""]

    out += ["## Known limits", ""] + [f"- {x}" for x in _LIMITS + list(m.get("limits") or [])] + [""]

    hashes = m.get("hashes")
    if hashes is None:
        # The card itself is excluded: it cannot hold its own hash.
        hashes = {p.name: _sha256(p) for p in sorted(folder.iterdir())
                  if p.is_file() and p.name != "MODEL_CARD.md"}
    data_hashes = dict(m.get("data_hashes") or {})
    for src in sources:
        if src.get("sha256"):
            data_hashes.setdefault(src.get("path") or src.get("name"), src["sha256"])
    for f in label_files:
        if f.get("sha256"):
            data_hashes.setdefault(f.get("path"), f["sha256"])
    if hashes or data_hashes:
        out += ["## Hashes (sha256)", ""]
        rows = [[f"`{k}`", f"`{v}`"] for k, v in hashes.items()]
        rows += [[f"`{k}` (training data)", f"`{v}`"] for k, v in data_hashes.items()]
        out += [_markdown_table(["file", "sha256"], rows), ""]

    if m.get("notes"):
        out += ["## Notes", "", str(m["notes"]), ""]

    path = folder / "MODEL_CARD.md"
    path.write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
    return path
