"""Checks on the real public data (skipped with a reason when it is absent; CI has it)."""
import numpy as np
import pytest

from conftest import REPO

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def training_data(data_dir):
    from training.data import load_training_data
    from training.sources import load_registry

    data, labels = load_training_data(data_dir, load_registry(REPO / "labelled" / "sources.json"), repo_root=REPO)
    assert not labels.problems
    return data


def test_sets_load_with_the_documented_sizes_and_split(training_data):
    counts = training_data.label_counts()
    assert counts["support"]["total"] >= 1781 + 40
    assert counts["sensational"]["total"] >= 12754
    train, dev = training_data.split("support")
    assert {e.group for e in dev if e.public} == {"tempo", "kapanlagi", "pratiwi-topic-6", "pratiwi-topic-10"}
    # no group on both sides: the dev numbers are about unseen publishers/topics
    assert not ({e.group for e in train} & {e.group for e in dev})
    htrain, hdev = training_data.split("sensational")
    # the headline test split: a stratified 20% of CLICK-ID, no title on both sides
    public_train = [e for e in htrain if e.public]
    public_dev = [e for e in hdev if e.public]
    assert len(public_dev) == 2551
    for c in (0, 1):
        n_dev = sum(e.sensational == c for e in public_dev)
        n_all = n_dev + sum(e.sensational == c for e in public_train)
        assert abs(n_dev - 0.2 * n_all) <= 1
    from training.splits import normalise_title
    assert not ({normalise_title(e.title) for e in public_train if e.sensational == 1}
                & {normalise_title(e.title) for e in public_dev if e.sensational == 1})
    assert all(e.soft in (0.0, 1 / 3, 2 / 3, 1.0) for e in public_train)
    # the unlabelled titles for self-training: none is a labelled headline of either split
    labelled = {normalise_title(e.title) for e in training_data.headlines}
    assert len(training_data.unlabelled_titles) >= 10000
    assert not {normalise_title(t) for t in training_data.unlabelled_titles} & labelled


def test_shipped_model_holds_its_dev_numbers(training_data):
    """A regression guard: the shipped model on the dev split it never trained on."""
    from reliability.modelstore import load_model
    from training.run import evaluate_models

    model = load_model()
    metrics = evaluate_models(model.headline, model.support, training_data)["metrics"]
    assert metrics["support"]["spearman"] >= 0.78
    assert metrics["support"]["mae_points"] <= 0.6
    assert metrics["headline"]["accuracy"] >= 0.78
    assert metrics["headline"]["macro_f1"] >= 0.77
    assert metrics["headline"]["roc_auc"] >= 0.85
    recorded = model.manifest["metrics"]
    for task, key in (("support", "spearman"), ("support", "spearman_within_kind"), ("headline", "accuracy"),
                      ("headline", "macro_f1")):
        assert metrics[task][key] == pytest.approx(recorded[task]["dev"][key], abs=1e-6), (task, key)
    assert metrics["headline"]["accuracy_by_publisher"] == pytest.approx(
        recorded["headline"]["dev"]["accuracy_by_publisher"], abs=1e-6)


def test_evaluate_command_reproduces_the_model_card(data_dir):
    """`reliability evaluate --data` gives the shipped model's recorded held-out figures."""
    import json

    from click.testing import CliRunner

    from reliability.cli import cli
    from reliability.modelstore import load_model

    r = CliRunner().invoke(cli, ["evaluate", "--data", str(data_dir), "--json"])
    assert r.exit_code == 0, r.stderr
    got = json.loads(r.stdout)["metrics"]
    recorded = load_model().manifest["metrics"]
    assert set(got) == {"headline", "support", "hoax"}
    for task in got:
        for key, value in recorded[task]["dev"].items():
            if isinstance(value, float):
                assert got[task]["dev"][key] == pytest.approx(value, abs=1e-9), (task, key)


def test_seed_files_score_as_weakly_supported(data_dir):
    from reliability import Scorer
    from reliability.article import read_file

    scorer = Scorer.load()
    for name in ("000_2110f54099994ca6.txt", "004_d40b9dd19615963a.txt"):
        text = read_file(data_dir / "seeds" / name)
        r = scorer.score(text)
        assert r.support_level <= 2, (name, r.support)  # annotators: 2 and 1
        assert r.counts["relayed_source"] >= 1
        for c in r.cues:
            assert (r.title if c.field == "title" else text)[c.start:c.end] == c.text


def test_pratiwi_support_separates_hoax_from_valid(data_dir):
    """Sourcing carries reliability: lower support should mean hoax (topic-held-out articles only)."""
    import json

    from sklearn.metrics import roc_auc_score

    from reliability import Scorer
    from training.splits import DEV_GROUPS

    scorer = Scorer.load()
    dev_topics = {int(g.rsplit("-", 1)[1]) for g in DEV_GROUPS["support"] if g.startswith("pratiwi-topic-")}
    rows = [json.loads(l) for l in open(data_dir / "pratiwi" / "articles.jsonl", encoding="utf-8")]
    rows = [r for r in rows if r["topic"] in dev_topics and r["text"].strip()]
    scores = np.array([scorer.score(r["text"]).support for r in rows])
    auc = roc_auc_score([r["hoax"] for r in rows], -scores)
    assert auc >= 0.6, auc
