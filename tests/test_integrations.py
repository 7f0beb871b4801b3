"""The datasets and Dask integrations add the same scores as Scorer.score, row by row."""
import json
import pickle

import pytest

from reliability import Scorer
from reliability.cues.cue import KINDS

from samples import CLI_GOSSIP, CLI_POLICE

SHORT = "Dua pencuri motor ditangkap di Beji, kata Kapolsek Beji AKP Rudi Santoso, Senin."
TEXTS = [CLI_POLICE, CLI_GOSSIP, "", SHORT, CLI_GOSSIP, "Home Berita\nEditor: Budi\n", SHORT, CLI_POLICE]
TITLES = [None, "Judul Dari Redaksi", None, "", None, None, "Heboh! Pencuri Motor Ditangkap", None]
ERRORS = {2: "empty article", 5: "no article body found (only page furniture or a headline)"}


@pytest.fixture(scope="module")
def scorer(tiny_model):
    return Scorer.load(tiny_model)


def expected(scorer, text, title):
    return scorer.score(text, title=title or None)


def check_row(row, scorer, i, prefix="reliability_"):
    """One output row (a dict of column -> value) against Scorer.score."""
    if i in ERRORS:
        assert row[prefix + "error"] == ERRORS[i]
        # the row keeps its place; its score columns are null
        assert {k: v for k, v in row.items() if k.startswith(prefix) and v is not None} == {prefix + "error": ERRORS[i]}
        return
    r = expected(scorer, TEXTS[i], TITLES[i])
    assert row[prefix + "error"] is None
    assert row[prefix + "support"] == r.support
    assert row[prefix + "support_level"] == r.support_level
    assert row[prefix + "support_label"] == r.support_label
    assert row[prefix + "title"] == r.title
    assert row[prefix + "sensational"] == r.sensational       # None without a headline
    assert {k: row[f"{prefix}n_{k}"] for k in KINDS} == r.counts
    assert json.loads(row[prefix + "cues"]) == r.to_dict()["cues"]
    assert json.loads(row[prefix + "sentences"]) == r.to_dict()["sentences"]


# --- datasets

datasets = pytest.importorskip("datasets")


@pytest.mark.parametrize("num_proc", [None, 2])
def test_add_scores_matches_score(scorer, num_proc, tmp_path):
    from reliability.integrations.datasets import add_scores

    ds = datasets.Dataset.from_dict({"text": TEXTS, "title": TITLES, "keep": list(range(len(TEXTS)))})
    out = add_scores(ds, scorer, batch_size=3, num_proc=num_proc, load_from_cache_file=False)
    added = ["support", "support_level", "support_label", "sensational", "title"] + [f"n_{k}" for k in KINDS] + [
        "cues", "sentences", "error"]
    assert out.column_names == ["text", "title", "keep"] + ["reliability_" + c for c in added]
    assert out.features["reliability_support_level"].dtype == "int8"
    assert list(out["keep"]) == list(range(len(TEXTS)))
    for i, row in enumerate(out):
        check_row(row, scorer, i)


def test_add_scores_ships_the_model_folder_not_the_model(scorer, monkeypatch):
    from reliability.integrations import datasets as integ

    seen = []
    real_map = datasets.Dataset.map

    def spy(self, function, *args, **kwargs):
        seen.append(function)
        return real_map(self, function, *args, **kwargs)

    monkeypatch.setattr(datasets.Dataset, "map", spy)
    integ.add_scores(datasets.Dataset.from_dict({"text": [SHORT]}), scorer)
    (fn,) = seen
    assert fn.keywords["where"] == (str(scorer.path), scorer.sha256)
    assert len(pickle.dumps(fn)) < 1000        # what each map process receives


def test_add_scores_options_and_dataset_dict(scorer):
    from reliability.integrations.datasets import add_scores

    dd = datasets.DatasetDict({"a": datasets.Dataset.from_dict({"body": TEXTS[:2]}),
                               "b": datasets.Dataset.from_dict({"body": TEXTS[3:4]})})
    out = add_scores(dd, scorer, text_column="body", prefix="r_", cues=False)
    assert "r_cues" not in out["a"].column_names and list(out["b"]["r_support"]) == [scorer.score(SHORT).support]
    with pytest.raises(ValueError, match=r"^no column 'text' \(columns: body\); pass text_column=$"):
        add_scores(dd["a"], scorer)


def test_add_scores_streams_an_iterable_dataset(scorer):
    from reliability.integrations.datasets import add_scores

    ids = datasets.Dataset.from_dict({"text": TEXTS, "title": TITLES}).to_iterable_dataset()
    rows = list(add_scores(ids, scorer, batch_size=4))
    assert len(rows) == len(TEXTS)
    for i, row in enumerate(rows):
        check_row(row, scorer, i)


def test_missing_datasets_names_the_extra(monkeypatch):
    import sys

    from reliability.integrations import datasets as integ

    monkeypatch.setitem(sys.modules, "datasets", None)   # as if not installed
    with pytest.raises(ImportError, match=r"pip install 'reliability\[train\]'"):
        integ.add_scores(object())


# --- dask

def test_partition_function_ships_no_model(scorer):
    from reliability.integrations.dask import BagPartitionScorer, PartitionScorer

    for fn in (PartitionScorer((str(scorer.path), scorer.sha256)), BagPartitionScorer((str(scorer.path), scorer.sha256))):
        assert len(pickle.dumps(fn)) < 1000


def test_dask_on_a_local_cluster_matches_score(scorer, tiny_model):
    dd = pytest.importorskip("dask.dataframe")
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    import pandas as pd

    from reliability.integrations.dask import score_bag, score_dataframe

    frame = pd.DataFrame({"text": TEXTS, "title": TITLES, "n": range(len(TEXTS))})
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        scored = score_dataframe(dd.from_pandas(frame, npartitions=4), scorer)
        got = scored.compute()
        assert got["n"].tolist() == list(range(len(TEXTS)))
        for i, (_, row) in enumerate(got.iterrows()):
            check_row({k: (None if v is pd.NA else v) for k, v in row.items()}, scorer, i)

        items = [{"id": i, "text": t, "title": h} for i, (t, h) in enumerate(zip(TEXTS, TITLES))]
        rows = score_bag(db.from_sequence(items, npartitions=3), scorer).compute()
        assert rows[2] == {"id": 2, "path": None, "error": "empty article"}
        assert rows[3] == scorer.score(SHORT, id=3).to_dict()

        # each worker process loaded the model once, by folder and hash
        loaded = client.run(lambda: sorted(__import__("reliability.scorer").scorer._WORKER_SCORERS))
        assert len(loaded) == 2
        assert all(keys == [(str(tiny_model), scorer.sha256)] for keys in loaded.values())


def test_missing_dask_names_the_extra(monkeypatch):
    import sys

    from reliability.integrations import dask as integ

    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ImportError, match=r"pip install 'reliability\[dask\]'"):
        integ.score_dataframe(object())
