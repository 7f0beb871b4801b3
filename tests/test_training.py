"""Training: train -> save -> load -> score, the model card, validation, the gate, promotion."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from reliability import Scorer
from reliability.cli import cli
from reliability.modelstore import default_model, load_model, save_model

from samples import CLI_GOSSIP, CLI_POLICE

from conftest import EXAMPLES, REPO


def test_round_trip_train_save_load_score(tiny_model):
    scorer = Scorer.load(tiny_model)
    police, gossip = scorer.score(CLI_POLICE), scorer.score(CLI_GOSSIP)
    # even 40 examples teach the direction: named police sources beat rumour
    assert police.support > gossip.support
    assert gossip.sensational > police.sensational


def test_model_folder_is_complete(tiny_model):
    names = {p.name for p in tiny_model.iterdir()}
    assert {"manifest.json", "headline.joblib", "support.joblib", "MODEL_CARD.md"} <= names
    manifest = json.loads((tiny_model / "manifest.json").read_text())
    for key in ("version", "versions", "data", "split", "label_counts", "metrics", "command", "files", "plots"):
        assert key in manifest, key
    assert set(manifest["versions"]) == {"python", "scikit-learn", "numpy", "scipy"}
    assert manifest["data"]["label_files"][0]["path"] == "labelled/examples.jsonl"
    assert len(manifest["data"]["label_files"][0]["sha256"]) == 64
    counts = manifest["label_counts"]
    assert counts["support"]["total"] == 40 and counts["support"]["from_label_files"] == 40
    assert counts["support"]["train"] + counts["support"]["dev"] == 40 and counts["support"]["dev"] > 0
    for plot in manifest["plots"]:
        assert (tiny_model / plot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert plot in manifest["files"]
    card = (tiny_model / "MODEL_CARD.md").read_text()
    assert "CLICK-ID" in card and "spearman" in card.lower()
    assert manifest["metrics"]["support"]["dev"]["n"] == counts["support"]["dev"]
    support = manifest["models"]["support"]
    assert support.startswith("mean of (linear, weight 1) features [cues: CueFeatures -> StandardScaler, "
                              "sentences: SentenceSourcing(C=4.0, cv=4, analyzer='word') -> StandardScaler, words: ")
    assert support.endswith("(cues, weight 1) features [cues: CueFeatures] -> HistGradientBoostingRegressor("
                            "max_iter=150, learning_rate=0.08, max_leaf_nodes=15, min_samples_leaf=2), "
                            "pulled toward the nearest whole level (within_level=0.1)")
    assert manifest["models"]["headline"].endswith("-> SoftLabelLogisticRegression(C=4.0)")
    assert f"- **support**: {support}" in card


def test_saved_model_loads_without_the_training_package(tiny_model):
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('training', 'datasets', 'matplotlib'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from reliability import Scorer\n"
        f"print(Scorer.load({str(tiny_model)!r}).score('Dua pencuri ditangkap, kata Kapolsek Beji AKP Rudi.').support_label)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def _train(tmp_path, registry, **kw):
    from training.run import train
    return train(data_dir=None, registry=registry, repo_root=REPO, echo=lambda m: None, **kw)


def test_more_labels_change_the_model_and_the_counts(tmp_path, team_registry, tiny_model):
    extra = tmp_path / "extra.jsonl"
    rows = []
    for i in range(30):
        rows.append({"id": f"new-{i}", "title": f"Warga Desa Sukamaju {i} Dapat Bantuan Air Bersih",
                     "text": f"Bantuan air bersih tiba di Desa Sukamaju, kata Kepala Desa Sukamaju Budi Santoso {i}.",
                     "support": 5 if i % 2 else 4, "sensational": 0, "publisher": f"Kabar Desa {i % 3}"})
    extra.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = _train(tmp_path, team_registry, label_paths=[extra], out=tmp_path / "m2",
                    pointer=tmp_path / "none.json")
    old = json.loads((tiny_model / "manifest.json").read_text())
    new = report.manifest
    assert new["label_counts"]["support"]["total"] == 70
    assert new["label_counts"]["support"]["from_label_files"] == 70
    assert new["files"]["support.joblib"] != old["files"]["support.joblib"]
    assert [f["path"] for f in new["data"]["label_files"]] == ["labelled/examples.jsonl", str(extra)]


def test_later_labels_override_earlier_and_report_says_so(tmp_path, team_registry):
    first = json.loads(EXAMPLES.read_text(encoding="utf-8").splitlines()[0])
    fix = tmp_path / "fix.jsonl"
    fix.write_text(json.dumps({**first, "support": 1}) + "\n", encoding="utf-8")
    report = _train(tmp_path, team_registry, label_paths=[fix], out=tmp_path / "m", pointer=tmp_path / "none.json")
    assert report.manifest["overridden"] == 1
    assert report.manifest["label_counts"]["support"]["total"] == 40


def test_invalid_label_files_stop_training_with_every_problem(tmp_path, team_registry):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Isi.", "support": 9}\n{oops\n{"id": "c", "text": "", "support": 3}\n',
                   encoding="utf-8")
    r = CliRunner().invoke(cli, ["train", "--registry", str(team_registry), "--labels", str(bad),
                                 "--out", str(tmp_path / "m")])
    assert r.exit_code == 1
    assert f"{bad}:1:" in r.stderr and f"{bad}:2:" in r.stderr and f"{bad}:3:" in r.stderr
    assert "nothing was trained" in r.stderr
    assert not (tmp_path / "m").exists()


def test_skip_invalid_trains_on_the_rest(tmp_path, team_registry):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Isi.", "support": 9}\n', encoding="utf-8")
    report = _train(tmp_path, team_registry, label_paths=[bad], out=tmp_path / "m", skip_invalid=True,
                    pointer=tmp_path / "none.json")
    assert len(report.manifest["skipped"]) == 1 and f"{bad}:1" in report.manifest["skipped"][0]


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_gate_refuses_a_worse_model_and_leaves_the_old_one_byte_identical(tmp_path, team_registry, tiny_model):
    from training.run import TrainingRefused, promote_model

    # install the tiny model as "current" behind a private pointer, then claim it was much better
    current = tmp_path / "models" / "current"
    import shutil
    shutil.copytree(tiny_model, tmp_path / "src")
    manifest = json.loads((tmp_path / "src" / "manifest.json").read_text())
    digest = save_model(current, load_model(tmp_path / "src").headline, load_model(tmp_path / "src").support,
                        {k: v for k, v in manifest.items() if k not in ("files", "format_version")})
    pointer = tmp_path / "models" / "default.json"
    promote_model(current, digest, pointer=pointer)
    before = _snapshot(current), pointer.read_bytes()

    from training import run as run_module

    real = run_module.evaluate_models
    calls = []

    def evaluate(headline, support, data, step=None):
        out = real(headline, support, data)
        calls.append(out)
        if len(calls) == 1:  # the candidate: make it clearly worse than the current one
            for m in out["metrics"].values():
                for key in ("macro_f1", "spearman"):
                    if key in m:
                        m[key] = 0.10
        return out

    run_module.evaluate_models = evaluate
    try:
        with pytest.raises(TrainingRefused, match=r"not promoted \(the current model is kept\): .* 0\.100 is below the current model's"):
            _train(tmp_path, team_registry, out=tmp_path / "models" / "candidate", promote=True, pointer=pointer)
    finally:
        run_module.evaluate_models = real
    assert (_snapshot(current), pointer.read_bytes()) == before
    assert default_model(pointer) == (current, digest)
    # the candidate is still written, for inspection
    assert (tmp_path / "models" / "candidate" / "manifest.json").is_file()


def test_promote_swaps_the_pointer_and_force_overrides_the_gate(tmp_path, team_registry):
    pointer = tmp_path / "pkg" / "default.json"
    pointer.parent.mkdir()
    report = _train(tmp_path, team_registry, out=tmp_path / "runs" / "v1", promote=True, pointer=pointer)
    folder, pin = default_model(pointer)
    assert folder == pointer.parent / "v1" and pin == report.manifest_sha256
    assert load_model(folder, sha256=pin).version == "v1"


def test_interrupted_training_save_keeps_old_model(tmp_path, team_registry, monkeypatch):
    from training import report as report_module

    pointer = tmp_path / "none.json"
    first = _train(tmp_path, team_registry, out=tmp_path / "m", pointer=pointer)
    before = _snapshot(first.out)

    def boom(folder, manifest):
        raise KeyboardInterrupt("power cut while writing the model card")

    monkeypatch.setattr(report_module, "write_model_card", boom)
    with pytest.raises(KeyboardInterrupt):
        _train(tmp_path, team_registry, out=tmp_path / "m", pointer=pointer)
    assert _snapshot(first.out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_evaluate_command_prints_metrics(tmp_path, tiny_model):
    r = CliRunner().invoke(cli, ["evaluate", "--model", str(tiny_model), "--labels", str(EXAMPLES), "--json"])
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["metrics"]["support"]["labels"]["n"] == 40
    assert out["metrics"]["headline"]["labels"]["n"] == 40
    r = CliRunner().invoke(cli, ["evaluate", "--model", str(tiny_model), "--labels", str(EXAMPLES)])
    assert r.exit_code == 0 and "spearman" in r.stdout


def test_suggest_writes_label_records_with_empty_labels(tmp_path, tiny_model):
    pool = tmp_path / "pool.jsonl"
    texts = [CLI_POLICE, CLI_GOSSIP, CLI_POLICE]  # the third is a duplicate: never picked twice
    pool.write_text("\n".join(json.dumps({"id": f"u{i}", "text": t, "publisher": "x"}) for i, t in enumerate(texts))
                    + "\n{bad\n", encoding="utf-8")
    out = tmp_path / "to_label.jsonl"
    r = CliRunner().invoke(cli, ["suggest", "--model", str(tiny_model), "--from", str(pool), "-n", "3", "-o", str(out)])
    assert r.exit_code == 1  # one unreadable line, reported
    assert f"{pool}:4: not valid JSON" in r.stderr
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    assert sorted(r["id"] for r in rows) in (["u0", "u1"], ["u1", "u2"])
    assert all(r["support"] is None and r["sensational"] is None for r in rows)
    from training.labels import read_labels
    labels = read_labels([out])
    assert labels.problems  # unfilled labels are flagged until an editor fills them in


def test_publisher_folds_hold_out_whole_publishers():
    import numpy as np
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    from training.fit import publisher_folds

    y = np.array([0, 1] * 12)
    groups = np.repeat(["a", "b", "c", "d", "e", "f"], 4)
    splits, splitter = publisher_folds(y, groups)
    assert isinstance(splitter, GroupKFold) and splitter.n_splits == 5
    for train, test in splits:
        assert not set(groups[train]) & set(groups[test])
    assert sorted(np.concatenate([t for _, t in splits]).tolist()) == list(range(24))
    # two publishers only: shuffled stratified folds instead
    splits, splitter = publisher_folds(y[:8], groups[:8])
    assert isinstance(splitter, StratifiedKFold)


def test_default_registry_without_data_folder_refuses(tmp_path, monkeypatch):
    monkeypatch.delenv("RELIABILITY_DATA", raising=False)
    r = CliRunner().invoke(cli, ["train", "--out", str(tmp_path / "m")])
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == ("reliability: the registry's public set 'support-labels' needs the data folder: "
                        "pass --data DIR or set RELIABILITY_DATA (or use a --registry that lists only label files)")
    assert not (tmp_path / "m").exists()


def test_support_breakdown_per_source_and_within_kind():
    from training.data import Example
    from training.run import MIN_BREAKDOWN, accuracy_by_group, support_breakdown

    def ex(i, kind, source):
        return Example(id=str(i), title="", text="x", group="g", origin="o", public=True, support=1,
                       kind=kind, source=source)

    n = MIN_BREAKDOWN
    examples = ([ex(i, "sports", "clickid") for i in range(n)] + [ex(i, "politics", "clickid") for i in range(n)]
                + [ex(i, None, None) for i in range(n)])
    y = [1, 2, 3, 4, 5] * (3 * n // 5)
    # sports: perfect order; politics: reversed; label files: perfect but no kind
    levels = y[:n] + [6 - v for v in y[n:2 * n]] + y[2 * n:]
    out = support_breakdown(y, levels, examples)
    assert out["spearman_by_kind"] == {"politics": pytest.approx(-1.0), "sports": pytest.approx(1.0)}
    assert out["spearman_within_kind"] == pytest.approx(0.0)
    assert set(out["spearman_by_source"]) == {"clickid", "label_files"}
    assert out["spearman_by_source"]["label_files"] == pytest.approx(1.0)
    assert accuracy_by_group([1, 0, 1, 1], [0.9, 0.6, 0.2, 0.5], ["b", "b", "a", "a"]) == {"a": 0.5, "b": 0.5}


def test_current_model_with_another_split_is_flagged_in_the_manifest_and_card(tmp_path, team_registry, tiny_model):
    src = load_model(tiny_model)
    manifest = {k: v for k, v in src.manifest.items() if k not in ("files", "format_version")}
    manifest["split"] = {"method": "an older split"}
    current = tmp_path / "old"
    save_model(current, src.headline, src.support, manifest)
    report = _train(tmp_path, team_registry, out=tmp_path / "new", current_model=current,
                    pointer=tmp_path / "none.json")
    assert report.manifest["compared_with"]["split_differs"] is True
    assert report.manifest["notes"].startswith(f"The current model {manifest['version']} was trained with another")
    assert "its \"current model\" figures can be inflated" in (report.out / "MODEL_CARD.md").read_text()
    same = _train(tmp_path, team_registry, out=tmp_path / "same", current_model=tiny_model,
                  pointer=tmp_path / "none.json")
    assert "split_differs" not in same.manifest["compared_with"] and "notes" not in same.manifest


# --- self-training on unlabelled headlines ---------------------------------------------------

_UNLABELLED_TITLES = [
    "Heboh! Ternyata Ini Alasan Artis Itu Menangis",
    "Gubernur Resmikan Jalan Tol Baru di Jawa Barat",
    "heboh!  ternyata ini alasan artis itu menangis",  # the same headline again (normalised)
    "",  # no title
    "POLISI TANGKAP DUA PENCURI SEPEDA MOTOR DI CIBINONG",  # a labelled team headline: left out
    "Wow, 5 Fakta Unik Kucing yang Bikin Gemas",
]


def _unlabelled_data(tmp_path):
    import gzip

    data = tmp_path / "data"
    (data / "clickid").mkdir(parents=True)
    with gzip.open(data / "clickid" / "unlabelled.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i, t in enumerate(_UNLABELLED_TITLES):
            fh.write(json.dumps({"id": f"u{i}", "title": t, "text": "Isi berita."}) + "\n")
    registry = tmp_path / "sources.json"
    registry.write_text(json.dumps([
        {"name": "team-examples", "kind": "labels", "task": "both", "path": str(EXAMPLES), "licence": "MIT",
         "citation": "team", "url_or_doi": "", "note": ""},
        {"name": "unlabelled-titles", "kind": "unlabelled", "task": "sensational",
         "path": "clickid/unlabelled.jsonl.gz", "licence": "CC BY 4.0", "citation": "c", "url_or_doi": "doi:x",
         "note": ""},
    ]), encoding="utf-8")
    return data, registry


def test_unlabelled_titles_are_read_distinct_and_apart_from_the_labelled(tmp_path):
    from training.data import load_training_data
    from training.sources import load_registry

    data_dir, registry = _unlabelled_data(tmp_path)
    data, _ = load_training_data(data_dir, load_registry(registry), repo_root=REPO)
    assert data.unlabelled_titles == ["Heboh! Ternyata Ini Alasan Artis Itu Menangis",
                                      "Gubernur Resmikan Jalan Tol Baru di Jawa Barat",
                                      "Wow, 5 Fakta Unik Kucing yang Bikin Gemas"]
    (src,) = [s for s in data.sources if s["name"] == "unlabelled-titles"]
    assert src["rows"] == 5 and len(src["sha256"]) == 64  # the non-empty titles read


def test_training_self_trains_the_headline_model_and_says_so(tmp_path):
    from training.run import train

    data_dir, registry = _unlabelled_data(tmp_path)
    report = train(data_dir=data_dir, registry=registry, out=tmp_path / "m", repo_root=REPO,
                   pointer=tmp_path / "none.json", echo=lambda m: None)
    assert report.manifest["self_training"] == {"headline": {"unlabelled_titles": 3, "weight": 1.0}}
    card = (report.out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "unlabelled-titles" in card


def test_fit_headline_with_unlabelled_titles_is_deterministic_and_differs():
    import numpy as np

    from training.data import load_training_data
    from training.fit import example_columns, fit_headline, headline_soft_labels
    from training.sources import load_registry

    data, _ = load_training_data(None, load_registry(REPO / "labelled" / "sources.json")[-1:], repo_root=REPO)
    train_h, _ = data.split("sensational")
    X, y, soft = example_columns(train_h, read=False), [e.sensational for e in train_h], headline_soft_labels(train_h)
    plain = fit_headline(X, y, soft)
    one = fit_headline(X, y, soft, _UNLABELLED_TITLES[:2] + _UNLABELLED_TITLES[5:])
    two = fit_headline(X, y, soft, _UNLABELLED_TITLES[:2] + _UNLABELLED_TITLES[5:])
    assert np.array_equal(one.predict_proba(X), two.predict_proba(X))
    assert not np.allclose(one.predict_proba(X), plain.predict_proba(X))
    # the unlabelled titles' words joined the vocabulary
    words = one.named_steps["features"].transformer_list[0][1].named_steps["tfidf"].transformer_list[0][1]
    assert "gubernur" in words.named_steps["tfidf"].vocabulary_
