"""The compiled model: equal to the scikit-learn pipelines it came from, and scoring without them."""
import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from reliability.compiled import CompiledPipeline, NotCompilable, _analyzer, compile_pipeline
from reliability.features import body_column, title_column, to_columns
from reliability.modelstore import load_model
from reliability.transformers import CueFeatures

import samples

ROWS = to_columns([(getattr(samples, n + "_TITLE", ""), getattr(samples, n))
                   for n in dir(samples) if n.isupper() and not n.endswith("_TITLE")
                   and isinstance(getattr(samples, n), str)] + [("", ""), ("Judul Saja", "")])


@pytest.fixture(scope="module")
def both(tiny_model):
    return load_model(tiny_model, compiled=False), load_model(tiny_model)


def test_trained_model_folder_holds_the_compiled_pipelines(tiny_model):
    manifest = json.loads((tiny_model / "manifest.json").read_text())
    assert manifest["compiled"] == {"format": 2, "files": ["headline.npz", "support.npz"]}
    assert {"headline.npz", "support.npz"} <= set(manifest["files"])
    model = load_model(tiny_model)
    assert type(model.support) is CompiledPipeline and type(model.headline) is CompiledPipeline


def test_compiled_predictions_equal_the_pipelines(both):
    sk, compiled = both
    np.testing.assert_allclose(compiled.support.predict(ROWS), sk.support.predict(ROWS), rtol=0, atol=1e-9)
    np.testing.assert_allclose(compiled.headline.predict_proba(ROWS), sk.headline.predict_proba(ROWS),
                               rtol=0, atol=1e-12)


def test_shipped_model_is_compiled_and_equal():
    sk, compiled = load_model(compiled=False), load_model()
    assert type(compiled.support) is CompiledPipeline
    np.testing.assert_allclose(compiled.support.predict(ROWS), sk.support.predict(ROWS), rtol=0, atol=1e-9)
    np.testing.assert_allclose(compiled.headline.predict_proba(ROWS), sk.headline.predict_proba(ROWS),
                               rtol=0, atol=1e-12)


def test_compiled_pipeline_survives_pickling(both):
    import pickle

    _, compiled = both
    again = pickle.loads(pickle.dumps(compiled.headline))
    np.testing.assert_array_equal(again.predict_proba(ROWS), compiled.headline.predict_proba(ROWS))


@pytest.mark.parametrize("params", [
    {"analyzer": "word", "ngram_range": (1, 2)},
    {"analyzer": "word", "ngram_range": (2, 3), "lowercase": False},
    {"analyzer": "char_wb", "ngram_range": (2, 5), "lowercase": False},
    {"analyzer": "char", "ngram_range": (1, 3)},
    {"analyzer": "word", "ngram_range": (1, 1), "token_pattern": r"(?u)\b(\w)\w+\b"},
])
@settings(max_examples=60, deadline=None)
@given(doc=st.lists(st.sampled_from(list("aAbé dkn-'.\n\t!?1ß") + ["  ", "Dikabarkan", "İ"]), max_size=30).map("".join))
def test_analyzers_match_scikit_learn(params, doc):
    vec = TfidfVectorizer(**params)
    branch = {"lowercase": vec.lowercase, "ngram_range": list(vec.ngram_range), "analyzer": vec.analyzer,
              "token_pattern": vec.token_pattern}
    assert sorted(_analyzer(branch)(doc)) == sorted(vec.build_analyzer()(doc))


def _pipeline(model, **tfidf):
    return Pipeline([
        ("features", FeatureUnion([
            ("words", Pipeline([("body", FunctionTransformer(body_column)), ("tfidf", TfidfVectorizer(**tfidf))])),
            ("cues", Pipeline([("count", CueFeatures(use_body=False)), ("scale", StandardScaler())])),
        ], transformer_weights={"words": 0.7, "cues": 1.3})),
        ("model", model),
    ])


@pytest.mark.parametrize("model, tfidf", [
    (Ridge(alpha=0.3), {"sublinear_tf": True}),
    (Ridge(), {"binary": True, "norm": "l1", "use_idf": False}),
    (LogisticRegression(), {"norm": None}),
    (CalibratedClassifierCV(LogisticRegression(), cv=2, ensemble=True), {}),
])
def test_each_known_part_compiles_to_equal_output(model, tfidf):
    y = np.arange(len(ROWS)) % 2
    pipe = _pipeline(model, **tfidf).fit(ROWS, y)
    compiled = CompiledPipeline(compile_pipeline(pipe))
    if isinstance(model, Ridge):
        np.testing.assert_allclose(compiled.predict(ROWS), pipe.predict(ROWS), rtol=0, atol=1e-9)
    else:
        np.testing.assert_allclose(compiled.predict_proba(ROWS), pipe.predict_proba(ROWS), rtol=0, atol=1e-12)


def test_unknown_parts_are_named():
    pipe = Pipeline([
        ("features", FeatureUnion([("t", Pipeline([("title", FunctionTransformer(title_column)),
                                                   ("tfidf", TfidfVectorizer(analyzer=str.split))]))])),
        ("model", Ridge()),
    ]).fit(ROWS, np.arange(len(ROWS)))
    with pytest.raises(NotCompilable, match="^t: analyzer <method 'split' of 'str' objects>$"):
        compile_pipeline(pipe)


def test_scoring_with_a_compiled_model_imports_no_scikit_learn(tiny_model):
    code = ("import sys; from reliability import Scorer; "
            f"s = Scorer.load({str(tiny_model)!r}); s.score('Dua pencuri ditangkap, kata Kapolsek Beji AKP Rudi.'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy', 'joblib', 'pandas'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_nb_weighted_union_style_and_soft_label_model_compile_to_equal_output():
    from reliability.linear import NBWeights, SoftLabelLogisticRegression
    from reliability.transformers import HeadlineStyle

    y = np.arange(len(ROWS)) % 2
    ngrams = FeatureUnion([
        ("words", Pipeline([("t", FunctionTransformer(title_column)), ("tfidf", TfidfVectorizer(ngram_range=(1, 2)))])),
        ("chars", Pipeline([("t", FunctionTransformer(title_column)),
                            ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=False))])),
    ], transformer_weights={"chars": 0.5})
    pipe = Pipeline([
        ("features", FeatureUnion([
            ("ngrams", Pipeline([("tfidf", ngrams), ("nb", NBWeights())])),
            ("style", Pipeline([("count", HeadlineStyle()), ("scale", StandardScaler())])),
        ], transformer_weights={"ngrams": 2.0})),
        ("model", SoftLabelLogisticRegression(C=3.0)),
    ]).fit(ROWS, y, model__soft=np.linspace(0, 1, len(ROWS)))
    compiled = CompiledPipeline(compile_pipeline(pipe))
    np.testing.assert_allclose(compiled.predict_proba(ROWS), pipe.predict_proba(ROWS), rtol=0, atol=1e-12)


def _tree_rows_and_levels():
    # Every sample article, with support levels that depend on its cues
    # non-linearly, so that the trees split on several features.
    from reliability.features import cue_feature_matrix, cue_feature_names

    F = cue_feature_matrix(ROWS)
    names = cue_feature_names()
    named, hedged = F[:, names.index("body_named_source")], F[:, names.index("body_hedge")]
    return ROWS, 3.0 + np.where(named > 0, 1.0, -1.0) - (hedged > 0) * (named == 0) + F[:, names.index("body_chars_log")] / 10


def test_trees_over_cue_features_compile_to_equal_output():
    from sklearn.ensemble import HistGradientBoostingRegressor

    rows, y = _tree_rows_and_levels()
    pipe = Pipeline([
        ("features", FeatureUnion([("cues", Pipeline([("count", CueFeatures()), ("scale", StandardScaler())])),
                                   ("title", CueFeatures(use_body=False))], transformer_weights={"title": 2.0})),
        ("model", HistGradientBoostingRegressor(max_iter=40, min_samples_leaf=2, max_leaf_nodes=7)),
    ]).fit(rows, y)
    compiled = CompiledPipeline(compile_pipeline(pipe))
    assert compiled.kind == "trees" and (~compiled.trees["leaf"]).sum() > 40  # real splits, not stumps
    np.testing.assert_allclose(compiled.predict(rows), pipe.predict(rows), rtol=0, atol=1e-12)


def test_support_recipe_the_mean_of_ridge_and_trees_compiles_to_equal_output():
    from sklearn.ensemble import VotingRegressor

    from training.fit import support_pipeline

    from reliability.levels import snap_to_levels
    from reliability.linear import NearestLevelRegressor

    rows, y = _tree_rows_and_levels()
    pipe = support_pipeline(n_examples=len(rows)).fit(rows, y)
    assert isinstance(pipe, NearestLevelRegressor) and pipe.within_level == 0.1
    mean = pipe.estimator_
    assert isinstance(mean, VotingRegressor) and [n for n, _ in mean.estimators] == ["linear", "cues"]
    compiled = CompiledPipeline(compile_pipeline(pipe))
    assert compiled.within_level == 0.1 and [m.kind for m in compiled.members[0].members] == ["regression", "trees"]
    np.testing.assert_allclose(compiled.predict(rows), pipe.predict(rows), rtol=0, atol=1e-9)
    np.testing.assert_allclose(compiled.predict(rows),
                               snap_to_levels((mean.estimators_[0].predict(rows) + mean.estimators_[1].predict(rows)) / 2,
                                              0.1), rtol=0, atol=1e-9)


def test_the_pull_toward_whole_levels_keeps_the_order_of_the_mean():
    from scipy.stats import spearmanr

    from training.fit import support_pipeline

    rows, y = _tree_rows_and_levels()
    pipe = support_pipeline(n_examples=len(rows)).fit(rows, y)
    raw = np.clip(pipe.estimator_.predict(rows), 1, 5)
    pulled = pipe.predict(rows)
    assert spearmanr(raw, pulled)[0] == pytest.approx(1.0, abs=1e-12)
    assert np.array_equal(np.argsort(raw, kind="stable"), np.argsort(pulled, kind="stable"))
    nearest = np.floor(raw + 0.5)
    assert np.all(np.abs(pulled - nearest) <= 0.05 + 1e-12)  # within a twentieth of a level of the nearest


def test_compiled_files_of_the_first_layout_still_read_and_unknown_layouts_are_refused():
    import io
    import json

    from training.fit import support_pipeline

    rows, y = _tree_rows_and_levels()
    pipe = support_pipeline(n_examples=len(rows), trees=False, within_level=None).fit(rows, y)

    def with_format(fmt):
        with np.load(io.BytesIO(compile_pipeline(pipe)), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        arrays["meta"] = np.array(json.dumps({**json.loads(str(arrays["meta"])), "format": fmt}))
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        return buf.getvalue()

    np.testing.assert_allclose(CompiledPipeline(with_format(1)).predict(rows), pipe.predict(rows), rtol=0, atol=1e-9)
    with pytest.raises(ValueError, match=r"^compiled model format 3 is not one of \(1, 2\)$"):
        CompiledPipeline(with_format(3))



def test_ensemble_with_a_dropped_member_keeps_the_others_weights():
    from sklearn.ensemble import VotingRegressor

    from training.fit import support_linear_pipeline, support_trees_pipeline

    rows, y = _tree_rows_and_levels()
    pipe = VotingRegressor([("linear", support_linear_pipeline(n_examples=len(rows))), ("gone", "drop"),
                            ("cues", support_trees_pipeline(len(rows)))], weights=[1, 5, 3]).fit(rows, y)
    compiled = CompiledPipeline(compile_pipeline(pipe))
    assert compiled.weights.tolist() == [1.0, 3.0]
    np.testing.assert_allclose(compiled.predict(rows), pipe.predict(rows), rtol=0, atol=1e-9)


def _evidence_for(rows):
    # What an annotator would mark in the sample articles: the phrases our samples are built around.
    marks = {"named_sources": ["kata Kapolres", "ujar Menteri", "Kementerian Pertahanan", "menurut data BPS", "kata dia"],
             "relayed_from": ["Dilansir dari", "dikutip dari", "Reuters melaporkan"],
             "anonymous_or_social": ["seorang sumber", "tidak disebutkan namanya", "viral", "unggahan Instagram"],
             "hedges": ["dikabarkan", "disebut-sebut", "konon", "beredar kabar", "diduga"]}
    return [{f: [p for p in ps if p.lower() in (str(t) + " " + str(b)).lower()] for f, ps in marks.items()}
            for t, b in rows]


def test_support_recipe_with_its_sentence_detector_compiles_to_equal_output():
    from training.fit import fit_support, support_pipeline

    rows, y = _tree_rows_and_levels()
    pipe = fit_support(support_pipeline(n_examples=len(rows)), rows, y, _evidence_for(rows))
    union = pipe.estimator_.estimators_[0].named_steps["features"]
    detector = dict(union.transformer_list)["sentences"].named_steps["detect"]
    assert detector.n_sentences_fit_ > 40 and np.abs(detector.coef_).sum() > 0  # it learned something
    compiled = CompiledPipeline(compile_pipeline(pipe))
    np.testing.assert_allclose(compiled.predict(rows), pipe.predict(rows), rtol=0, atol=1e-9)
    unseen = to_columns([("Warga Heboh", "Kabarnya jembatan itu ambruk. Beredar kabar ada korban."),
                         ("", ""), ("Judul", "Kata Kapolres Bogor AKBP Andi, pelaku sudah ditahan.")])
    np.testing.assert_allclose(compiled.predict(unseen), pipe.predict(unseen), rtol=0, atol=1e-9)


def test_a_character_ngram_sentence_detector_compiles_to_equal_output():
    from training.fit import fit_support, support_linear_pipeline

    rows, y = _tree_rows_and_levels()
    pipe = support_linear_pipeline(n_examples=len(rows)).set_params(features__sentences__detect__analyzer="char_wb")
    fit_support(pipe, rows, y, _evidence_for(rows))
    detector = dict(pipe.named_steps["features"].transformer_list)["sentences"].named_steps["detect"]
    assert detector.vectorizer_.analyzer == "char_wb" and np.abs(detector.coef_).sum() > 0
    compiled = CompiledPipeline(compile_pipeline(pipe))
    np.testing.assert_allclose(compiled.predict(rows), pipe.predict(rows), rtol=0, atol=1e-9)


def test_sentence_detector_analyzer_is_checked():
    from reliability.transformers import SentenceSourcing

    with pytest.raises(ValueError, match="^analyzer must be 'word' or 'char_wb', got 'char'$"):
        SentenceSourcing(analyzer="char").fit(ROWS, evidence=[{"hedges": []}] * len(ROWS))
