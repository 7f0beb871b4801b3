"""The trained pipelines as plain arrays: scoring without scikit-learn or pickles.

Training fits scikit-learn pipelines (``features -> linear model``) and saves
them with joblib, for retraining and inspection. For scoring, :func:`compile_pipeline`
also writes the same pipeline as numbers: each TF-IDF vocabulary with its IDF
weights, each scaler's mean and scale, the linear model's coefficients, the
calibration's sigmoid, a tree ensemble's nodes. :class:`CompiledPipeline` reproduces the pipeline's
``predict`` / ``predict_proba`` from those with numpy alone (the same analyzers,
the same arithmetic; equal to 1e-9, tested). Why:

* **Start-up.** Importing scikit-learn and unpickling its objects is most of a
  cold ``reliability score one.txt``; numpy alone starts several times faster.
* **Safety.** An ``.npz`` read with ``allow_pickle=False`` and JSON run no code,
  unlike a joblib file.
* **Speed.** One pass per article and one matrix-vector product per batch.

Only the components this package trains are compiled (see :func:`compile_pipeline`);
a pipeline with anything else raises :class:`NotCompilable` and the model is
scored through scikit-learn instead.
"""
from __future__ import annotations

import io
import json
import re
import threading
from functools import partial
from itertools import chain, repeat

import numpy as np

# numpy-only (no scikit-learn): what scoring needs from the feature code.
from .features import BODY, TITLE, check_columns, cue_feature_matrix, fitted_columns, headline_style_matrix
from .levels import snap_to_levels

#: Version of the compiled layout; bump when :class:`CompiledPipeline` reads it differently.
#: 2 added the pull toward whole levels (``nearest_level``), which a reader of 1 would skip.
COMPILED_FORMAT = 2
#: Layouts this version reads.
READABLE_FORMATS = (1, 2)

_WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn's char_wb analyzer

# scikit-learn's default token pattern, and one that finds the same tokens
# about a quarter faster: a run of two or more word characters that findall
# reaches always starts after a non-word character (the previous match, or
# the failed try at a one-character word, ended there), so both \b are given.
_DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
_SAME_TOKENS_FASTER = r"(?u)\w\w+"


def _token_regex(token_pattern: str) -> re.Pattern:
    """The compiled token pattern (scikit-learn's default as its faster equal)."""
    return re.compile(_SAME_TOKENS_FASTER if token_pattern == _DEFAULT_TOKEN_PATTERN else token_pattern)


class NotCompilable(ValueError):
    """The pipeline holds a component :func:`compile_pipeline` does not know."""


# --------------------------------------------------------------------------
# Compiling (needs scikit-learn: runs at training time only)

def compile_pipeline(pipeline) -> bytes:
    """The ``.npz`` bytes of a fitted pipeline ``features -> model``.

    Known parts: a ``FeatureUnion`` (with ``transformer_weights``) of
    ``Pipeline``s made of a ``FunctionTransformer`` over :func:`~reliability.features.title_column`
    or :func:`~reliability.features.body_column` then a ``TfidfVectorizer``
    (word, char or char_wb analyzer, default tokenisation); of
    :class:`~reliability.transformers.CueFeatures`,
    :class:`~reliability.transformers.HeadlineStyle` or
    :class:`~reliability.transformers.SentenceSourcing` then an optional
    ``StandardScaler``; or of such a union then
    :class:`~reliability.linear.NBWeights`. The model: ``Ridge`` /
    ``LinearRegression``, a binary ``LogisticRegression`` or
    :class:`~reliability.linear.SoftLabelLogisticRegression`, or a
    ``CalibratedClassifierCV`` of a binary ``LogisticRegression`` with sigmoid
    calibration; or a ``HistGradientBoostingRegressor`` (squared error, no
    categorical features) over cue/style branches only. A ``VotingRegressor``
    of such pipelines compiles member by member, with its weights.

    Raises
    ------
    NotCompilable
        Naming the part that is not one of these.
    """
    from sklearn.ensemble import VotingRegressor
    from sklearn.pipeline import FeatureUnion, Pipeline

    from .linear import NearestLevelRegressor

    if isinstance(pipeline, NearestLevelRegressor):
        return _compile_nearest_level(pipeline)
    if isinstance(pipeline, VotingRegressor):
        return _compile_ensemble(pipeline)
    if not isinstance(pipeline, Pipeline) or len(pipeline.steps) != 2:
        raise NotCompilable("expected a Pipeline of (features, model)")
    union, model = pipeline.steps[0][1], pipeline.steps[1][1]
    if not isinstance(union, FeatureUnion):
        raise NotCompilable(f"features are a {type(union).__name__}, not a FeatureUnion")
    arrays: dict[str, np.ndarray] = {}
    branches = _compile_union(union, arrays, "b")
    head = _compile_model(model, arrays)
    n_features = sum(b["width"] for b in branches)
    if head["type"] == "trees":
        if any(b["type"] == "tfidf" for b in branches):
            raise NotCompilable("trees over TF-IDF columns (only over cue or style features)")
        if head["n_features"] != n_features:
            raise NotCompilable(f"trees fitted on {head['n_features']} features for {n_features}")
    elif arrays["coef"].shape[-1] != n_features:
        raise NotCompilable(f"model has {arrays['coef'].shape[-1]} coefficients for {n_features} features")
    meta = {"format": COMPILED_FORMAT, "branches": branches, "model": head}
    arrays["meta"] = np.array(json.dumps(meta))
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def _compile_ensemble(voting) -> bytes:
    """A ``VotingRegressor`` of compilable pipelines: each member's ``.npz`` bytes, and the weights."""
    # estimators_ holds the fitted members without the dropped ones: keep their names and weights in step
    weights = voting.weights if voting.weights is not None else [1.0] * len(voting.estimators)
    kept = [(name, w) for (name, est), w in zip(voting.estimators, weights) if est != "drop"]
    names, weights = [n for n, _ in kept], [w for _, w in kept]
    arrays = {f"member{i}": np.frombuffer(compile_pipeline(est), dtype=np.uint8)
              for i, est in enumerate(voting.estimators_)}
    meta = {"format": COMPILED_FORMAT, "ensemble": {"names": names, "weights": [float(w) for w in weights]}}
    arrays["meta"] = np.array(json.dumps(meta))
    buf = io.BytesIO()
    np.savez(buf, **arrays)  # the members are compressed already
    return buf.getvalue()


def _compile_nearest_level(model) -> bytes:
    """A :class:`~reliability.linear.NearestLevelRegressor`: its estimator's ``.npz`` bytes, and ``within_level``."""
    from sklearn.base import is_regressor

    if not is_regressor(model.estimator_):
        raise NotCompilable("NearestLevelRegressor over a classifier")
    inner = compile_pipeline(model.estimator_)
    meta = {"format": COMPILED_FORMAT, "nearest_level": {"within_level": float(model.within_level)}}
    buf = io.BytesIO()
    np.savez(buf, member0=np.frombuffer(inner, dtype=np.uint8), meta=np.array(json.dumps(meta)))
    return buf.getvalue()


def _compile_union(union, arrays, key) -> list[dict]:
    """The branches of a FeatureUnion, in column order, each with its weight."""
    weights = union.transformer_weights or {}
    branches = []
    for i, (name, part) in enumerate(union.transformer_list):
        if part == "drop":
            continue
        for branch in _compile_branch(name, part, arrays, f"{key}{i}_"):
            branch["weight"] = branch.get("weight", 1.0) * float(weights.get(name, 1.0))
            branches.append(branch)
    return branches


def _compile_branch(name, part, arrays, key) -> list[dict]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    from .features import body_column, title_column
    from .linear import NBWeights
    from .transformers import CueFeatures, HeadlineStyle, SentenceSourcing

    steps = [s for _, s in part.steps] if isinstance(part, Pipeline) else [part]
    if isinstance(steps[0], FeatureUnion) and all(isinstance(s, NBWeights) for s in steps[1:]):
        # A union whose columns are then rescaled (naive-Bayes weights): the
        # scaling folds into the linear model's coefficients of those columns.
        inner = _compile_union(steps[0], arrays, key)
        width = sum(b["width"] for b in inner)
        scale = np.ones(width)
        for nb in steps[1:]:
            if len(nb.ratio_) != width:
                raise NotCompilable(f"{name}: NBWeights of {len(nb.ratio_)} columns after {width}")
            scale = scale * nb.ratio_
        offset = 0
        for j, b in enumerate(inner):
            arrays[f"{key}c{j}_colscale"] = np.asarray(scale[offset:offset + b["width"]], float)
            b["colscale"] = f"{key}c{j}_"
            offset += b["width"]
        return inner
    if isinstance(steps[0], (CueFeatures, HeadlineStyle, SentenceSourcing)):
        first = steps[0]
        if isinstance(first, CueFeatures):
            branch = {"type": "cues", "name": name, "use_title": bool(first.use_title),
                      "use_body": bool(first.use_body), "fitted_names": list(map(str, first.feature_names_out_))}
        elif isinstance(first, SentenceSourcing):
            branch = _compile_sentences(name, first, arrays, key)
        else:
            branch = {"type": "style", "name": name}
        branch.update(width=len(first.feature_names_out_), scale=None)
        rest = steps[1:]
        if rest and isinstance(rest[0], StandardScaler):
            scaler = rest.pop(0)
            width = branch["width"]
            mean = scaler.mean_ if scaler.with_mean else np.zeros(width)
            scale = scaler.scale_ if scaler.with_std else np.ones(width)
            arrays[key + "mean"], arrays[key + "scale"] = np.asarray(mean, float), np.asarray(scale, float)
            branch["scale"] = key
        if rest:
            raise NotCompilable(f"{name}: {type(rest[0]).__name__} after {type(first).__name__}")
        return [branch]
    if (len(steps) == 2 and isinstance(steps[0], FunctionTransformer)
            and isinstance(steps[1], TfidfVectorizer)):
        func = steps[0].func
        column = {title_column: "title", body_column: "body"}.get(func)
        if column is None or steps[0].kw_args:
            raise NotCompilable(f"{name}: FunctionTransformer({getattr(func, '__name__', func)!r})")
        vec = steps[1]
        _check_vectorizer(name, vec)
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        arrays[key + "terms"] = np.array(terms, dtype=str)
        if vec.use_idf:
            arrays[key + "idf"] = np.asarray(vec.idf_, dtype=float)
        return [{"type": "tfidf", "name": name, "column": column, **_tfidf_settings(vec),
                 "idf": key if vec.use_idf else None, "terms": key, "width": len(terms)}]
    raise NotCompilable(f"{name}: {' -> '.join(type(s).__name__ for s in steps)}")


def _tfidf_settings(vec) -> dict:
    return {"analyzer": vec.analyzer, "lowercase": bool(vec.lowercase), "ngram_range": list(vec.ngram_range),
            "token_pattern": vec.token_pattern, "sublinear_tf": bool(vec.sublinear_tf),
            "binary": bool(vec.binary), "norm": vec.norm}


def _compile_sentences(name, detector, arrays, key) -> dict:
    """A :class:`~reliability.transformers.SentenceSourcing`: its vocabulary, IDF and per-kind weights."""
    vec = detector.vectorizer_
    _check_vectorizer(name, vec)
    if not vec.use_idf:
        raise NotCompilable(f"{name}: sentence vectorizer without IDF")
    arrays[key + "sterms"] = np.array(sorted(vec.vocabulary_, key=vec.vocabulary_.get), dtype=str)
    arrays[key + "sidf"] = np.asarray(vec.idf_, dtype=float)
    arrays[key + "scoef"] = np.asarray(detector.coef_, dtype=float)
    arrays[key + "sintercept"] = np.asarray(detector.intercept_, dtype=float)
    return {"type": "sentences", "name": name, "detector": key, **_tfidf_settings(vec)}


def _check_vectorizer(name, vec) -> None:
    if vec.analyzer not in ("word", "char", "char_wb"):
        raise NotCompilable(f"{name}: analyzer {vec.analyzer!r}")
    custom = [a for a in ("preprocessor", "tokenizer", "stop_words", "strip_accents") if getattr(vec, a) is not None]
    if custom or vec.input != "content" or vec.norm not in ("l1", "l2", None):
        raise NotCompilable(f"{name}: TfidfVectorizer with {custom or [vec.input, vec.norm]}")
    if vec.analyzer == "word" and re.compile(vec.token_pattern).groups > 1:
        raise NotCompilable(f"{name}: token_pattern with several groups")


def _compile_model(model, arrays) -> dict:
    from sklearn.calibration import CalibratedClassifierCV, _SigmoidCalibration
    from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge

    if isinstance(model, (Ridge, LinearRegression)):
        coef = np.asarray(model.coef_, dtype=float)
        if coef.ndim != 1:
            raise NotCompilable("regression with several targets")
        arrays["coef"], arrays["intercept"] = coef[None, :], np.atleast_1d(float(model.intercept_))
        return {"type": "regression"}
    from .linear import SoftLabelLogisticRegression

    if isinstance(model, (LogisticRegression, SoftLabelLogisticRegression)):
        _binary(model)
        arrays["coef"], arrays["intercept"] = np.asarray(model.coef_, float), np.asarray(model.intercept_, float)
        return {"type": "logistic"}
    if isinstance(model, CalibratedClassifierCV):
        coefs, intercepts, a, b = [], [], [], []
        for cc in model.calibrated_classifiers_:
            est = cc.estimator
            if not isinstance(est, LogisticRegression) or len(cc.calibrators) != 1 \
                    or not isinstance(cc.calibrators[0], _SigmoidCalibration):
                raise NotCompilable("CalibratedClassifierCV other than sigmoid over a binary LogisticRegression")
            _binary(est)
            coefs.append(est.coef_[0])
            intercepts.append(est.intercept_[0])
            a.append(cc.calibrators[0].a_)
            b.append(cc.calibrators[0].b_)
        arrays["coef"], arrays["intercept"] = np.asarray(coefs, float), np.asarray(intercepts, float)
        arrays["sigmoid_a"], arrays["sigmoid_b"] = np.asarray(a, float), np.asarray(b, float)
        return {"type": "calibrated_logistic"}
    from sklearn.ensemble import HistGradientBoostingRegressor

    if isinstance(model, HistGradientBoostingRegressor):
        return _compile_trees(model, arrays)
    raise NotCompilable(f"model {type(model).__name__}")


def _compile_trees(model, arrays) -> dict:
    """Every tree of a fitted ``HistGradientBoostingRegressor`` as flat node arrays.

    Node ``i`` of the forest splits on column ``feature[i]``: a row goes to
    ``left[i]`` when its value is ``<= threshold[i]`` (NaN: where ``nan_left[i]``
    says), else to ``right[i]``, until a leaf; the prediction is
    ``baseline + sum of the leaves' values``, as scikit-learn's ``predict``.
    """
    if model._loss.__class__.__name__ != "HalfSquaredError":
        raise NotCompilable(f"HistGradientBoostingRegressor with loss {model.loss!r} (only squared_error)")
    if model.is_categorical_ is not None and np.any(model.is_categorical_):
        raise NotCompilable("HistGradientBoostingRegressor with categorical features")
    feature, threshold, left, right, leaf, value, nan_left, roots = [], [], [], [], [], [], [], []
    offset = 0
    for predictors in model._predictors:
        for tree in predictors:
            nodes = tree.nodes
            roots.append(offset)
            feature.append(nodes["feature_idx"])
            threshold.append(nodes["num_threshold"])
            left.append(nodes["left"].astype(np.int64) + offset)
            right.append(nodes["right"].astype(np.int64) + offset)
            leaf.append(nodes["is_leaf"].astype(bool))
            value.append(nodes["value"])
            nan_left.append(nodes["missing_go_to_left"].astype(bool))
            offset += len(nodes)
    arrays.update(
        tree_feature=np.concatenate(feature).astype(np.int64), tree_threshold=np.concatenate(threshold).astype(float),
        tree_left=np.concatenate(left), tree_right=np.concatenate(right), tree_leaf=np.concatenate(leaf),
        tree_value=np.concatenate(value).astype(float), tree_nan_left=np.concatenate(nan_left),
        tree_roots=np.asarray(roots, dtype=np.int64),
        tree_baseline=np.asarray(model._baseline_prediction, dtype=float).ravel())
    return {"type": "trees", "n_features": int(model.n_features_in_)}


def _binary(lr) -> None:
    if len(lr.classes_) != 2 or lr.coef_.shape[0] != 1:
        raise NotCompilable("LogisticRegression with more than two classes")


# --------------------------------------------------------------------------
# Scoring (numpy only)

class CompiledPipeline:
    """A compiled pipeline: ``predict`` / ``predict_proba`` over (title, body) rows, numpy only.

    Parameters
    ----------
    data : bytes
        What :func:`compile_pipeline` returned (an ``.npz``), read without pickles.

    Examples
    --------
    >>> from reliability.modelstore import load_model
    >>> model = load_model()
    >>> type(model.headline).__name__
    'CompiledPipeline'
    >>> from reliability.features import to_columns
    >>> p = model.headline.predict_proba(to_columns([("Heboh! Ternyata Begini", "")]))
    >>> p.shape, bool(0 <= p[0, 1] <= 1)
    ((1, 2), True)
    """

    def __init__(self, data: bytes):
        self._data = data
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        meta = json.loads(str(arrays.pop("meta")))
        if meta.get("format") not in READABLE_FORMATS:
            raise ValueError(f"compiled model format {meta.get('format')!r} is not one of {READABLE_FORMATS}")
        self.members, self.weights, self.within_level = [], None, None
        if "nearest_level" in meta:  # a regression pulled toward whole levels (a NearestLevelRegressor)
            self.kind = "regression"
            self.members = [CompiledPipeline(arrays["member0"].tobytes())]
            if self.members[0].kind not in ("regression", "trees"):
                raise ValueError("the pull toward whole levels needs a regression")
            self.within_level = float(meta["nearest_level"]["within_level"])
            self.branches = []
            return
        if "ensemble" in meta:  # a weighted mean of member pipelines (a VotingRegressor)
            self.kind = "regression"
            self.members = [CompiledPipeline(arrays[f"member{i}"].tobytes())
                            for i in range(len(meta["ensemble"]["weights"]))]
            if any(m.kind not in ("regression", "trees") for m in self.members):
                raise ValueError("an ensemble's members must be regressions")
            self.weights = np.asarray(meta["ensemble"]["weights"], dtype=float)
            self.branches = []
            return
        self.kind = meta["model"]["type"]
        if self.kind == "trees":
            self.trees = {k[len("tree_"):]: v for k, v in arrays.items() if k.startswith("tree_")}
            self.coef = np.zeros((1, sum(b["width"] for b in meta["branches"])))  # no linear part
            self.intercept = np.zeros(1)
        else:
            self.coef = arrays["coef"]
            self.intercept = arrays["intercept"]
        self.sigmoid = (arrays["sigmoid_a"], arrays["sigmoid_b"]) if self.kind == "calibrated_logistic" else None
        self.branches = []
        offset = 0
        for b in meta["branches"]:
            b = dict(b)
            width = b["width"]
            b["coef"] = self.coef[:, offset:offset + width] * b["weight"]  # weight folded in once
            if b.get("colscale"):
                b["coef"] = b["coef"] * arrays[b["colscale"] + "colscale"]
            offset += width
            if b["type"] == "tfidf":
                terms = arrays[b["terms"] + "terms"].tolist()
                b["vocabulary"] = dict(zip(terms, range(len(terms))))
                b["idf"] = arrays[b["idf"] + "idf"] if b["idf"] else None
                b["index"] = _indexer(b, b["vocabulary"])
            else:
                if b["type"] == "cues":
                    b["columns"] = fitted_columns(b["fitted_names"], b["use_title"], b["use_body"])
                elif b["type"] == "sentences":
                    b["detector"] = _sentence_detector(b, arrays)
                if b["scale"]:
                    b["mean"], b["scale"] = arrays[b["scale"] + "mean"], arrays[b["scale"] + "scale"]
            self.branches.append(b)

    def __reduce__(self):
        # Rebuilt from its bytes: the analyzers are closures, which don't pickle.
        return (CompiledPipeline, (self._data,))

    def decision_function(self, X, _memo: dict | None = None) -> np.ndarray:
        """The model's raw output, shape ``(n_samples, n_models)``."""
        X = check_columns(X)
        if self.within_level is not None:
            return snap_to_levels(self.members[0].decision_function(X, _memo)[:, 0], self.within_level)[:, None]
        if self.members:
            memo: dict = {} if _memo is None else _memo  # members share the cue features of X, once per batch
            parts = np.column_stack([m.decision_function(X, memo)[:, 0] for m in self.members])
            return (parts @ self.weights / self.weights.sum())[:, None]  # as np.average in VotingRegressor
        memo = {} if _memo is None else _memo
        if self.kind == "trees":
            F = (np.hstack([self._dense(b, X, memo) for b in self.branches]) if self.branches
                 else np.zeros((len(X), 0)))
            return _forest(self.trees, F)[:, None]
        out = np.tile(self.intercept, (X.shape[0], 1))
        for b in self.branches:
            if b["type"] == "tfidf":
                docs = [str(v) for v in X[:, TITLE if b["column"] == "title" else BODY]]
                out += _tfidf_dot(docs, b)
            else:
                out += self._dense(b, X, memo, weighted=False) @ b["coef"].T  # weight is in coef
        return out

    @staticmethod
    def _dense(b, X, memo: dict, weighted: bool = True) -> np.ndarray:
        """A cue or style branch's (scaled) feature matrix, before its weight."""
        if b["type"] == "cues":
            key = ("cues", b["use_title"], b["use_body"], None if b["columns"] is None else tuple(b["columns"]))
            if key not in memo:
                memo[key] = cue_feature_matrix(X, b["use_title"], b["use_body"], b["columns"])
            F = memo[key]
        elif b["type"] == "sentences":
            key = ("sentences", b["name"])
            if key not in memo:
                memo[key] = _sentence_features(b["detector"], X, memo)
            F = memo[key]
        else:
            F = headline_style_matrix(X)
        if b["scale"] is not None:
            F = (F - b["mean"]) / b["scale"]
        return F * b["weight"] if weighted and b["weight"] != 1.0 else F

    def predict(self, X, _memo: dict | None = None) -> np.ndarray:
        """The regression's prediction (a regression model only).

        ``_memo``, when given, is filled with what the features computed on the
        way, for the caller to show: ``memo["sentence_probabilities"]`` holds
        ``(doc, is_title, P, body_spans)`` of the sentence detector (see :mod:`reliability.sentences`).
        """
        if self.kind not in ("regression", "trees"):
            raise TypeError("predict() is for the support regression; use predict_proba()")
        return self.decision_function(X, _memo)[:, 0]

    def predict_proba(self, X) -> np.ndarray:
        """``[P(0), P(1)]`` per row (a classifier only), as scikit-learn's predict_proba."""
        d = self.decision_function(X)
        if self.kind == "logistic":
            p1 = _expit(d[:, 0])
        elif self.kind == "calibrated_logistic":
            a, b = self.sigmoid
            p1 = _expit(-(d * a + b)).mean(axis=1)  # CalibratedClassifierCV averages its calibrated models
        else:
            raise TypeError("predict_proba() is for the headline classifier; use predict()")
        return np.column_stack([1.0 - p1, p1])


def _forest(trees: dict, F: np.ndarray) -> np.ndarray:
    """Sum of every tree's leaf value for each row of ``F``, plus the baseline.

    All trees of all rows advance one level per step (one fancy-indexing pass
    over an ``(n_rows, n_trees)`` array), so a forest of a few hundred shallow
    trees costs a dozen numpy operations per batch, not a Python loop per tree.
    """
    n = F.shape[0]
    node = np.broadcast_to(trees["roots"], (n, len(trees["roots"]))).copy()
    leaf = trees["leaf"]
    while True:
        active = ~leaf[node]
        if not active.any():
            break
        r, t = np.nonzero(active)
        at = node[r, t]
        x = F[r, trees["feature"][at]]
        go_left = np.where(np.isnan(x), trees["nan_left"][at], x <= trees["threshold"][at])
        node[r, t] = np.where(go_left, trees["left"][at], trees["right"][at])
    return trees["value"][node].sum(axis=1) + trees["baseline"][0]


def _sentence_detector(b: dict, arrays: dict) -> dict:
    """The compiled sentence detector of a ``sentences`` branch: a TF-IDF dot product per kind, plus two columns."""
    key = b["detector"]
    terms = arrays[key + "sterms"].tolist()
    coef = arrays[key + "scoef"]
    d = {k: b[k] for k in ("analyzer", "lowercase", "ngram_range", "token_pattern", "sublinear_tf", "binary", "norm")}
    d.update(idf=arrays[key + "sidf"], coef=coef[:, :-2], title_coef=coef[:, -2], position_coef=coef[:, -1],
             intercept=arrays[key + "sintercept"])
    d["index"] = _indexer(d, dict(zip(terms, range(len(terms)))))
    return d


def _sentence_features(d: dict, X, memo: dict | None = None) -> np.ndarray:
    """:class:`~reliability.transformers.SentenceSourcing`'s ``transform``, numpy only.

    Each sentence's probabilities go to ``memo["sentence_probabilities"]``
    as ``(doc, is_title, P, body_spans)``, for the result to show them.
    """
    from .sentences import SOURCE_KINDS, aggregate, feature_names, sentence_rows_with_spans

    texts, doc, is_title, position, body_spans = sentence_rows_with_spans(X)
    if not texts:
        P = np.zeros((0, len(SOURCE_KINDS)))
        F = np.zeros((len(X), len(feature_names())))
    else:
        logits = _tfidf_dot(texts, d) + np.outer(is_title, d["title_coef"]) + np.outer(position, d["position_coef"])
        P = _expit(logits + d["intercept"])
        F = aggregate(P, doc, is_title, len(X))
    if memo is not None:
        memo["sentence_probabilities"] = (doc, is_title, P, body_spans)
    return F


def _expit(x: np.ndarray) -> np.ndarray:
    # Same as scipy.special.expit, without importing scipy: exp of -|x| never overflows.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


#: Documents a TF-IDF pass takes at once. A batch of 256 articles has some
#: 5,000 sentences; under a character n-gram sentence detector
#: (``SentenceSourcing(analyzer="char_wb")``) they make about 2 million
#: (document, column) pairs, whose arrays peaked near 90 MB in one pass.
#: Passes of this size keep that near 20 MB (and a large ``batch_size``
#: bounded); each document's sums are the same either way.
DOCS_PER_PASS = 1024


def _tfidf_dot(docs, b) -> np.ndarray:
    """``tfidf(docs) @ coef.T`` without building the matrix.

    ``b["index"]`` gives the (document, column) pair of every term occurrence
    in the batch; counting, weighting, norms and products run in numpy, over
    at most :data:`DOCS_PER_PASS` documents at a time.
    """
    if len(docs) > DOCS_PER_PASS:
        return np.vstack([_tfidf_dot(docs[i:i + DOCS_PER_PASS], b) for i in range(0, len(docs), DOCS_PER_PASS)])
    row, col = b["index"](docs)
    coef = b["coef"]  # (n_models, width)
    out = np.zeros((len(docs), coef.shape[0]))
    if not len(row):
        return out
    width = coef.shape[1]
    # One key per (document, column), counted and sorted, so sums below run in
    # the same order in every process.
    keys, tf = _unique_counts(row * width + col)
    row, col = keys // width, keys % width
    tf = tf.astype(float)
    if b["binary"]:
        tf[:] = 1.0
    elif b["sublinear_tf"]:
        tf = np.log(tf) + 1.0
    if b["idf"] is not None:
        tf *= b["idf"][col]
    if b["norm"] == "l2":
        norms = np.sqrt(np.bincount(row, weights=tf * tf, minlength=len(docs)))
    elif b["norm"] == "l1":
        norms = np.bincount(row, weights=np.abs(tf), minlength=len(docs))
    else:
        norms = np.ones(len(docs))
    norms[norms == 0] = 1.0
    tf /= norms[row]
    for k in range(coef.shape[0]):
        out[:, k] = np.bincount(row, weights=coef[k, col] * tf, minlength=len(docs))
    return out


def _unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)``, with a stable sort.

    The same sorted keys and counts (np.unique sorts then compares neighbours,
    as here), faster: numpy's stable sort (timsort) takes advantage of the
    keys' runs (rows come in order), its default quicksort does not.
    """
    keys = np.sort(keys, kind="stable")
    first = np.empty(len(keys), dtype=bool)  # where each distinct key starts
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return keys[starts], np.diff(starts, append=len(keys))


def _indexer(b, vocabulary):
    """docs -> ``(row, col)``: the document and vocabulary column of every term occurrence of the batch.

    Both are int64 arrays of equal length, in no particular order (the caller
    sorts); a term occurring twice in a document gives its pair twice, terms
    outside the vocabulary give nothing.
    """
    min_n, max_n = b["ngram_range"]
    if b["analyzer"] == "word" and 1 <= min_n <= max_n <= 2:
        return _WordNgramIndex(b, vocabulary)
    if b["analyzer"] == "char_wb":
        return _CharWbIndex(b, vocabulary)
    # Any other analyzer ("char", longer word n-grams): term strings per document.
    get = vocabulary.get
    analyze = _analyzer(b)

    def index_batch(docs):
        found = [[j for j in map(get, analyze(doc)) if j is not None] for doc in docs]
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        row = np.repeat(np.arange(len(found), dtype=np.int64), lengths)
        col = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=row.size)
        return row, col
    return index_batch


class _WordNgramIndex:
    """The word analyzer's ``(row, col)`` for a batch, for n-grams of 1 or 2 words.

    Equal to scikit-learn's ``_word_ngrams`` and the vocabulary: the tokens of
    ``token_pattern``, and the pairs of adjacent tokens of a document joined by a
    space. Python only tokenises and maps each token to an id (in C, through
    ``map``); the unigram and bigram columns are then found in numpy for the
    whole batch, without building the bigram strings.

    Parameters
    ----------
    settings : dict
        ``lowercase``, ``token_pattern`` and ``ngram_range`` (within (1, 2)).
    vocabulary : dict
        term -> column.
    """

    def __init__(self, settings: dict, vocabulary: dict):
        min_n, max_n = settings["ngram_range"]
        self.lowercase = settings["lowercase"]
        self.findall = _token_regex(settings["token_pattern"]).findall
        self.unigrams, self.bigrams = min_n == 1, max_n == 2
        # Every token that can be part of a term. A bigram's two tokens are
        # included even when they are not terms themselves (max_df or
        # max_features may have pruned the unigram but kept the bigram).
        token_id: dict[str, int] = {}
        if self.unigrams:
            for term in vocabulary:
                token_id.setdefault(term, len(token_id))
        first, second, bigram_column = [], [], []
        if self.bigrams:
            for term, column in vocabulary.items():
                # Every way the term reads as "a b": a custom token_pattern can
                # make tokens with spaces in them, so try each space.
                space = term.find(" ")
                while space >= 0:
                    first.append(token_id.setdefault(term[:space], len(token_id)))
                    second.append(token_id.setdefault(term[space + 1:], len(token_id)))
                    bigram_column.append(column)
                    space = term.find(" ", space + 1)
        self.token_id = token_id
        self.n_tokens = n_tokens = len(token_id)
        #: The id of any token outside the table; its unigram column is -1 (none).
        self.unknown = n_tokens
        self.unigram_column = np.full(n_tokens + 1, -1, dtype=np.int64)
        if self.unigrams:
            self.unigram_column[[token_id[t] for t in vocabulary]] = list(vocabulary.values())
        # A bigram's key is first * n_tokens + second, sorted for np.searchsorted.
        keys = np.asarray(first, dtype=np.int64) * n_tokens + np.asarray(second, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self.bigram_keys = keys[order]
        self.bigram_column = np.asarray(bigram_column, dtype=np.int64)[order]

    def __call__(self, docs) -> tuple[np.ndarray, np.ndarray]:
        """``(row, col)`` of every term occurrence of ``docs`` (a list of str); see :func:`_indexer`."""
        tokens = list(map(self.findall, map(str.lower, docs) if self.lowercase else docs))
        n_per_doc = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        ids = np.fromiter(map(self.token_id.get, chain.from_iterable(tokens), repeat(self.unknown)),
                          dtype=np.int64, count=int(n_per_doc.sum()))
        doc = np.repeat(np.arange(len(tokens), dtype=np.int64), n_per_doc)
        rows, cols = [], []
        if self.unigrams:
            col = self.unigram_column[ids]
            known = col >= 0
            rows.append(doc[known])
            cols.append(col[known])
        if self.bigrams and len(self.bigram_keys) and len(ids) > 1:
            # Adjacent tokens of the same document (bigrams never cross documents), both in the table.
            pair = (doc[1:] == doc[:-1]) & (ids[:-1] != self.unknown) & (ids[1:] != self.unknown)
            keys = ids[:-1][pair] * self.n_tokens + ids[1:][pair]
            at = np.searchsorted(self.bigram_keys, keys)
            at[at == len(self.bigram_keys)] = 0  # past the last key: not a bigram (compared below)
            found = self.bigram_keys[at] == keys
            rows.append(doc[:-1][pair][found])
            cols.append(self.bigram_column[at[found]])
        if not rows:
            return doc[:0], doc[:0]
        return np.concatenate(rows), np.concatenate(cols)


class _CharWbIndex:
    """The char_wb analyzer's ``(row, col)`` for a batch.

    A word's character n-grams, hence their columns, are the same wherever it
    occurs: each distinct word gets an id and its columns are computed once
    (:meth:`_columns_of_words`), kept in CSR form (``indptr``, ``columns``). A
    batch is then its words' ids, and the columns are gathered in numpy.

    The table of words is shared by the threads scoring with one model: a lock
    guards adding words; the arrays only grow (a bigger copy replaces them), so
    a batch keeps reading the arrays it saw. Past ``max_words`` words the table
    starts again, empty, which bounds its memory.

    Parameters
    ----------
    settings : dict
        ``lowercase`` and ``ngram_range``.
    vocabulary : dict
        term -> column.
    max_words : int
        How many distinct words to keep before starting again.
    """

    def __init__(self, settings: dict, vocabulary: dict, max_words: int = 1 << 16):
        self.lowercase = settings["lowercase"]
        self.min_n, self.max_n = settings["ngram_range"]
        self.vocabulary = vocabulary
        self.max_words = max_words
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        """An empty table of words, in new arrays (batches under way keep the old ones)."""
        self._word_id: dict[str, int] = {}
        self._indptr = np.zeros(1024, dtype=np.int64)  # word i's columns: columns[indptr[i]:indptr[i + 1]]
        self._columns = np.empty(8192, dtype=np.int32)  # int32: half the memory of int64

    def _add(self, words) -> None:
        """Give each of ``words`` (not in the table yet, distinct) an id and its columns."""
        lengths, found = self._columns_of_words(words)
        n_words, n_new, n_found = len(self._word_id), len(words), len(found)
        end = int(self._indptr[n_words])
        if n_words + n_new + 1 > len(self._indptr):
            self._indptr = _grown(self._indptr, n_words + 1, n_words + n_new + 1)
        if end + n_found > len(self._columns):
            self._columns = _grown(self._columns, end, end + n_found)
        self._indptr[n_words + 1:n_words + n_new + 1] = end + np.cumsum(lengths)
        self._columns[end:end + n_found] = found
        self._word_id.update(zip(words, range(n_words, n_words + n_new)))

    def _columns_of_words(self, words) -> tuple[np.ndarray, np.ndarray]:
        """The columns of each word's n-grams: how many per word, and all of them, word after word.

        A word's columns come sorted: a document's are then a few sorted runs
        (one per word), which the stable sort in :func:`_tfidf_dot` merges fast.
        """
        padded = [" " + w + " " for w in words]
        size = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
        # scikit-learn's char_wb (as _char_wb_grams, for all the words at once):
        # for each n, every n-gram of a padded word longer than n; a padded word
        # of max_n characters or fewer gives itself, once.
        grams = [w for w in padded if len(w) <= self.max_n]
        word_of = [np.flatnonzero(size <= self.max_n)]
        for n in range(self.min_n, self.max_n + 1):
            grams += [w[i:i + n] for w in padded if len(w) > n for i in range(len(w) - n + 1)]
            longer = size > n
            word_of.append(np.repeat(np.flatnonzero(longer), size[longer] - n + 1))
        columns = np.fromiter(map(self.vocabulary.get, grams, repeat(-1)), dtype=np.int64, count=len(grams))
        word_of = np.concatenate(word_of)
        known = columns >= 0
        width = max(len(self.vocabulary), 1)
        keys = np.sort(word_of[known] * width + columns[known])  # by word, then by column
        return np.bincount(keys // width, minlength=len(words)), (keys % width).astype(np.int32)

    def __call__(self, docs) -> tuple[np.ndarray, np.ndarray]:
        """``(row, col)`` of every term occurrence of ``docs`` (a list of str); see :func:`_indexer`."""
        sub = partial(_WHITE_SPACES.sub, " ")  # as scikit-learn, before splitting
        words_of = list(map(str.split, map(sub, map(str.lower, docs) if self.lowercase else docs)))
        words = list(chain.from_iterable(words_of))
        with self._lock:
            ids = list(map(self._word_id.get, words))
            if None in ids:
                new = dict.fromkeys(w for w, i in zip(words, ids) if i is None)
                if len(self._word_id) + len(new) > self.max_words:
                    self._clear()
                    new = dict.fromkeys(words)
                self._add(list(new))
                ids = list(map(self._word_id.__getitem__, words))
            indptr, columns = self._indptr, self._columns
        ids = np.fromiter(ids, dtype=np.int64, count=len(words))
        starts = indptr[ids]
        n_columns = indptr[ids + 1] - starts
        # The k-th column of word i of the batch is columns[starts[i] + k]: one arange
        # over the batch, shifted per word from its place in the output to its place in columns.
        out_starts = np.cumsum(n_columns) - n_columns
        at = np.arange(int(n_columns.sum()), dtype=np.int64) + np.repeat(starts - out_starts, n_columns)
        n_words = np.fromiter(map(len, words_of), dtype=np.int64, count=len(words_of))
        row = np.repeat(np.repeat(np.arange(len(words_of), dtype=np.int64), n_words), n_columns)
        return row, columns[at].astype(np.int64)


def _grown(array: np.ndarray, used: int, needed: int) -> np.ndarray:
    """A copy of ``array[:used]`` in a new array of at least ``needed`` (and twice the old) entries."""
    out = np.empty(max(needed, 2 * len(array)), dtype=array.dtype)
    out[:used] = array[:used]
    return out


def _char_wb_grams(word: str, min_n: int, max_n: int) -> list[str]:
    """scikit-learn's char_wb n-grams of one word (padded with a space each side)."""
    w = " " + word + " "
    w_len = len(w)
    out = []
    for n in range(min_n, max_n + 1):
        out.extend([w[i:i + n] for i in range(max(1, w_len - n + 1))])
        if w_len <= n:  # a word shorter than n is counted once
            break
    return out


def _analyzer(b):
    """scikit-learn's analyzer for these settings (``build_analyzer``), rewritten on the same rules."""
    lower = b["lowercase"]
    min_n, max_n = b["ngram_range"]
    if b["analyzer"] == "word":
        pattern = _token_regex(b["token_pattern"])

        def analyze(doc):
            tokens = pattern.findall(doc.lower() if lower else doc)
            if max_n == 1:
                return tokens
            out = list(tokens) if min_n == 1 else []
            n_tokens = len(tokens)
            for n in range(max(min_n, 2), min(max_n + 1, n_tokens + 1)):
                if n == 2:  # the common case, without slicing
                    out += [a + " " + b for a, b in zip(tokens, tokens[1:])]
                else:
                    out += [" ".join(tokens[i:i + n]) for i in range(n_tokens - n + 1)]
            return out
    elif b["analyzer"] == "char_wb":
        def analyze(doc):
            doc = _WHITE_SPACES.sub(" ", doc.lower() if lower else doc)
            out = []
            for w in doc.split():
                out += _char_wb_grams(w, min_n, max_n)
            return out
    else:  # "char"
        def analyze(doc):
            doc = _WHITE_SPACES.sub(" ", doc.lower() if lower else doc)
            n_chars = len(doc)
            return [doc[i:i + n] for n in range(min_n, min(max_n + 1, n_chars + 1)) for i in range(n_chars - n + 1)]
    return analyze
