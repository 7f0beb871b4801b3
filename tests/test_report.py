"""Metrics, plots, the terminal table and the model card, on toy inputs."""
import subprocess
import sys

import pytest

from training.report import (calibration_bins, expected_calibration_error, format_metrics_table,
                             headline_metrics, plot_calibration, plot_confusion_matrix,
                             plot_precision_recall, plot_support_scatter, score_to_level,
                             support_metrics, write_model_card)

PNG = b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------------- headline

def test_headline_metrics_hand_computed():
    # pred at 0.5 = [0, 1, 0, 1]: one TP, FP, FN and TN each.
    m = headline_metrics([0, 1, 1, 0], [0.2, 0.7, 0.4, 0.6])
    assert m["n"] == 4 and m["positive_rate"] == 0.5 and m["predicted_positive_rate"] == 0.5
    assert m["accuracy"] == 0.5 and m["macro_f1"] == 0.5
    assert m["precision"] == 0.5 and m["recall"] == 0.5
    assert m["roc_auc"] == 0.75                        # 3 of the 4 pos/neg pairs ordered right
    assert m["average_precision"] == pytest.approx(0.5 * 1 + 0.5 * 2 / 3)
    assert m["brier"] == pytest.approx((0.04 + 0.09 + 0.36 + 0.36) / 4)
    assert m["ece"] == pytest.approx((0.2 + 0.3 + 0.6 + 0.6) / 4)  # each point in its own bin
    assert m["threshold"] == 0.5


def test_headline_threshold_and_imbalanced_f1():
    y, p = [0, 0, 0, 1], [0.1, 0.2, 0.35, 0.3]
    assert headline_metrics(y, p)["recall"] == 0.0
    m = headline_metrics(y, p, threshold=0.3)
    # pred [0, 0, 1, 1]: class 1 F1 = 2/3, class 0 F1 = 0.8
    assert m["accuracy"] == 0.75 and m["macro_f1"] == pytest.approx((2 / 3 + 0.8) / 2)
    assert m["precision"] == 0.5 and m["recall"] == 1.0


def test_headline_single_class_has_no_auc():
    m = headline_metrics([0, 0, 0], [0.1, 0.2, 0.3])
    assert m["roc_auc"] is None and m["average_precision"] is None and m["accuracy"] == 1.0


@pytest.mark.parametrize("y, p", [([0, 2], [0.1, 0.2]), ([0, 1], [0.1, 1.2]), ([0, 1], [0.1]), ([], [])])
def test_headline_rejects_bad_input(y, p):
    with pytest.raises(ValueError):
        headline_metrics(y, p)


def test_ece_perfectly_calibrated_is_zero():
    assert expected_calibration_error([1, 0, 0, 0], [0.25] * 4) == 0.0
    y = [1, 0, 0, 0] + [1, 1, 1, 0]
    assert expected_calibration_error(y, [0.25] * 4 + [0.75] * 4) == 0.0


def test_ece_values_and_bins():
    assert expected_calibration_error([0, 0], [0.9, 0.9]) == 0.9
    assert expected_calibration_error([1, 1], [0.0, 1.0]) == 0.5  # 1.0 falls in the last bin
    assert expected_calibration_error([0, 1], [0.4, 0.6], n_bins=1) == 0.0
    bins = calibration_bins([0, 1, 1], [0.05, 0.95, 1.0])
    assert len(bins) == 10 and [b["n"] for b in bins] == [1] + [0] * 8 + [2]
    assert bins[9]["mean_proba"] == pytest.approx(0.975) and bins[9]["frac_positive"] == 1.0
    assert bins[4]["mean_proba"] is None


# ----------------------------------------------------------------------- support

def test_support_metrics_perfect():
    m = support_metrics([1, 2, 3, 4, 5], [0, 25, 50, 75, 100])
    assert m["spearman"] == 1.0 and m["pearson"] == 1.0 and m["quadratic_weighted_kappa"] == 1.0
    assert m["mae_points"] == 0.0 and m["mae_score"] == 0.0
    assert m["exact_agreement"] == 1.0 and m["within_one"] == 1.0
    assert m["per_level"] == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}


def test_support_metrics_hand_computed():
    # points = [2, 3, 3]; errors [1, 0, 2]; levels [2, 3, 3]
    m = support_metrics([1, 3, 5], [25, 50, 50])
    assert m["n"] == 3
    assert m["mae_points"] == 1.0 and m["mae_score"] == 25.0
    assert m["exact_agreement"] == pytest.approx(1 / 3) and m["within_one"] == pytest.approx(2 / 3)
    assert m["per_level"] == {"1": 1, "2": 0, "3": 1, "4": 0, "5": 1}
    assert m["predicted_level_counts"] == {"1": 0, "2": 1, "3": 2, "4": 0, "5": 0}
    assert m["mean_score_by_level"] == {"1": 25.0, "2": None, "3": 50.0, "4": None, "5": 50.0}
    assert m["spearman"] == pytest.approx(0.8660254)  # ties in the scores


def test_support_metrics_constant_predictions_report_none():
    m = support_metrics([1, 3, 5], [50, 50, 50])
    assert m["spearman"] is None and m["pearson"] is None
    assert m["quadratic_weighted_kappa"] == 0.0
    m = support_metrics([3, 3], [50, 50])  # fully degenerate: kappa undefined too
    assert m["spearman"] is None and m["quadratic_weighted_kappa"] is None
    assert m["exact_agreement"] == 1.0


@pytest.mark.parametrize("labels, scores", [([0, 1], [0, 0]), ([1, 2.5], [0, 0]), ([1, 2], [0, 101]),
                                            ([1], [1, 2])])
def test_support_rejects_bad_input(labels, scores):
    with pytest.raises(ValueError):
        support_metrics(labels, scores)


def test_score_to_level_rounds_halves_up():
    assert score_to_level([0, 12.4, 12.5, 37.5, 62.5, 87.5, 100]).tolist() == [1, 1, 2, 3, 4, 5, 5]


# ------------------------------------------------------------------------- plots

@pytest.mark.parametrize("draw", [
    lambda p: plot_confusion_matrix([0, 1, 1, 0], [0, 1, 0, 0], p),
    lambda p: plot_confusion_matrix([1, 2, 5], [1, 3, 5], p, labels=[1, 2, 3, 4, 5]),
    lambda p: plot_precision_recall([0, 1, 1, 0], [0.2, 0.7, 0.4, 0.6], p),
    lambda p: plot_precision_recall([0, 0], [0.2, 0.7], p),  # no positives: still a plot
    lambda p: plot_support_scatter([1, 2, 3, 5, 5], [5, 30, 55, 80, 95], p),
    lambda p: plot_calibration([0, 1, 1, 0], [0.2, 0.7, 0.4, 0.6], p),
], ids=["confusion", "confusion-levels", "pr", "pr-no-positive", "support", "calibration"])
def test_plots_write_png(tmp_path, draw):
    path = tmp_path / "plots" / "out.png"  # the folder is created
    assert draw(path) == path
    data = path.read_bytes()
    assert data[:8] == PNG and len(data) > 1000


def test_report_import_is_light():
    # The scoring path may import training code indirectly; heavy libraries load lazily.
    code = ("import sys, training.report, training.labels, training.sources; "
            "print(any(m in sys.modules for m in ('matplotlib', 'scipy', 'sklearn')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------------ tables

def test_format_flat_table():
    assert format_metrics_table({"accuracy": 0.8, "n": 10, "roc_auc": None}) == (
        "metric    value\n"
        "--------  -----\n"
        "n            10\n"
        "accuracy  0.800\n"
        "roc_auc       -")


def test_format_sections_with_current_column():
    text = format_metrics_table({
        "headline": {"current": {"accuracy": 0.7, "n": 5}, "dev": {"accuracy": 0.75, "n": 5}},
        "support": {"dev": {"spearman": 0.61234, "per_level": {"1": 2, "5": 3}}},
    })
    assert text == (
        "headline\n"
        "metric    dev    current model  change (dev - current)\n"
        "--------  -----  -------------  ----------------------\n"
        "n         5      5\n"
        "accuracy  0.750  0.700          +0.050\n"
        "\n"
        "support\n"
        "metric         dev\n"
        "---------  -------\n"
        "spearman     0.612\n"
        "per_level  1:2 5:3")


def test_format_empty_metrics():
    assert format_metrics_table({}) == "(no metrics)"
    assert format_metrics_table({"headline": {}}) == "(no metrics)"


def test_format_accepts_columns_without_sections():
    text = format_metrics_table({"train": {"macro_f1": 0.9}, "dev": {"macro_f1": 0.8}})
    assert text.splitlines()[0].split() == ["metric", "train", "dev"]
    assert text.splitlines()[2].split() == ["macro_f1", "0.900", "0.800"]


# -------------------------------------------------------------------- model card

MANIFEST = {
    "name": "reliability-default",
    "version": "2025.07.1",
    "package_version": "0.1.0",
    "threshold": 0.5,
    "split": {"method": "grouped by publisher", "seed": 0, "train": 120, "dev": 30,
              "dev_groups": ["Detak Kota", "Lensa Viral"]},
    "metrics": {
        "headline": {"dev": {"n": 30, "accuracy": 0.8, "macro_f1": 0.79, "roc_auc": None},
                     "current": {"n": 30, "accuracy": 0.75, "macro_f1": 0.74, "roc_auc": 0.8}},
        "support": {"dev": {"n": 30, "spearman": 0.65, "per_level": {"1": 5, "2": 25}}},
    },
    "label_counts": {"support": {"1": 5, "2": 25, "3": 0, "4": 0, "5": 0},
                     "sensational": {"train": {"0": 10, "1": 8}, "dev": {"0": 3, "1": 2}}},
    "command": ["reliability", "train", "--data", "../shared/data", "--labels", "my labels.csv"],
    "plots": ["confusion.png", {"file": "support_scatter.png", "caption": "Support scatter"}],
    "sources": [{"name": "team-examples", "task": "both", "rows": 40, "licence": "MIT",
                 "citation": "team", "url_or_doi": ""}],
    "limits": ["Trained on a toy set."],
}


def test_model_card_contents(tmp_path):
    (tmp_path / "model.joblib").write_bytes(b"weights")
    card = write_model_card(tmp_path, MANIFEST)
    assert card == tmp_path / "MODEL_CARD.md"
    text = card.read_text(encoding="utf-8")
    assert text.startswith("# Model card: reliability-default 2025.07.1\n")
    # metrics tables, with the current model and the change
    assert "| metric | dev | current model | change (dev - current) |" in text
    assert "| accuracy | 0.800 | 0.750 | +0.050 |" in text
    assert "| roc_auc | - | 0.800 |  |" in text
    assert "| spearman | 0.650 |" in text and "| per_level | 1:5 2:25 |" in text
    # attribution the licences require
    for needle in ("CLICK-ID", "William and Y. Sari", "10.1016/j.dib.2020.106231", "10.17632/k42j7x2kpn.1",
                   "CC BY 4.0", "Pratiwi", "10.1109/ICTS.2017.8265649", "mainstream2025", "0.90"):
        assert needle in text, needle
    assert "| team-examples | both | 40 | MIT | team |  |" in text
    # split, label counts, command, plots, limits, hashes
    assert "- **dev_groups**: Detak Kota, Lensa Viral" in text
    assert "| support | 1 | 2 | 3 | 4 | 5 | total |" in text and "| all | 5 | 25 | 0 | 0 | 0 | 30 |" in text
    assert "| train | 10 | 8 | 18 |" in text
    assert "reliability train --data ../shared/data --labels 'my labels.csv'" in text
    assert "![confusion](confusion.png)" in text and "![Support scatter](support_scatter.png)" in text
    assert "- Trained on a toy set." in text and "2019" in text
    import hashlib
    assert f"| `model.joblib` | `{hashlib.sha256(b'weights').hexdigest()}` |" in text


def test_model_card_tolerates_an_empty_manifest(tmp_path):
    text = write_model_card(tmp_path / "new", {}).read_text(encoding="utf-8")
    assert text.startswith("# Model card: new\n")
    assert "CC BY 4.0" in text and "## Known limits" in text
    assert "## Metrics" not in text and "## Hashes" not in text


def test_model_card_reads_a_training_run_manifest(tmp_path):
    # The shape training/run.py writes: nested data/package/versions, counts with by_label.
    manifest = {
        "version": "v20250714-1",
        "created_at": "2025-07-14T10:00:00+00:00",
        "package": {"reliability": "0.1.0"},
        "versions": {"python": "3.11.7", "scikit-learn": "1.9.1"},
        "seed": 0,
        "data": {"sources": [{"name": "clickid-headlines", "path": "clickid/headlines.jsonl", "rows": 12754,
                              "sha256": "ab" * 32},
                             {"name": "support-labels", "path": "support/labels.jsonl",
                              "status": "skipped: no data folder"}],
                 "label_files": [{"path": "labelled/examples.jsonl", "sha256": "cd" * 32}]},
        "split": {"method": "fixed grouped hold-out", "dev_groups": {"support": ["Kompas", "Tempo"],
                                                                     "sensational": []}},
        "label_counts": {"support": {"total": 40, "train": 30, "dev": 10, "from_label_files": 40,
                                     "by_label": {"1": 8, "2": 8, "3": 8, "4": 8, "5": 8}}},
        "overridden": 2,
        "skipped": ["x.csv:3: empty id"],
        "metrics": {"headline": {"dev": {"macro_f1": 0.7}, "current": {"macro_f1": 0.68}}},
        "compared_with": {"version": "v20250701-1", "sha256": "ef" * 32},
    }
    text = write_model_card(tmp_path / "v20250714-1", manifest).read_text(encoding="utf-8")
    assert text.startswith("# Model card: reliability v20250714-1\n")
    assert "- **created**: 2025-07-14T10:00:00+00:00" in text and "- **reliability version**: 0.1.0" in text
    assert "- **libraries**: python 3.11.7, scikit-learn 1.9.1" in text
    # attribution filled in from the registry by name
    assert "| clickid-headlines | sensational | 12754 | CC BY 4.0 (attribution required) |" in text
    assert "| support-labels | support | skipped: no data folder |" in text
    assert "- `labelled/examples.jsonl`" in text
    assert "  - **support**: Kompas, Tempo" in text and "  - **sensational**: -" in text
    assert "| all | 8 | 8 | 8 | 8 | 8 | 40 |" in text and "total: 40, train: 30, dev: 10" in text
    assert "2 label record(s) were replaced" in text and "- skipped: x.csv:3: empty id" in text
    assert '"current model" is v20250701-1' in text and "| macro_f1 | 0.700 | 0.680 | +0.020 |" in text
    assert f"| `clickid/headlines.jsonl` (training data) | `{'ab' * 32}` |" in text
    assert f"| `labelled/examples.jsonl` (training data) | `{'cd' * 32}` |" in text
