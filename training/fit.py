"""Building and fitting the two scikit-learn pipelines.

Both take the ``(title, body)`` rows of :func:`reliability.features.to_columns`.

* **headline**: word and character n-grams of the title (naive-Bayes weighted)
  plus the headline cue and style features, logistic regression on the
  annotators' vote share, so that 0.8 means "about 8 in 10 such headlines are
  sensational" without a separate calibration step.
* **support**: the mean of a ridge regression over the article cue features
  (scaled) plus word n-grams of title and body, and of gradient-boosted trees
  over the cue features alone, on the 1..5 level. The ridge also reads a
  learned sentence detector (:class:`reliability.transformers.SentenceSourcing`),
  trained on the phrases the annotators marked, which
  :func:`fit_support` passes to it. The evidence a score shows is its cues,
  with spans; the ridge coefficients are named (``cues__body_relayed_source``,
  ``sentences__named_max``) and the trees see only the cue features.
"""
from __future__ import annotations

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor, VotingRegressor
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from reliability.features import body_column, text_feature_name, title_column, to_columns
from reliability.linear import NBWeights, NearestLevelRegressor, SoftLabelLogisticRegression
from reliability.transformers import CueFeatures, HeadlineStyle, SentenceSourcing


def _text(column) -> FunctionTransformer:
    # The functions live in reliability.features: a pickled model may only refer
    # to run-time code, never to this training package.
    return FunctionTransformer(column, feature_names_out=text_feature_name)


def _min_df(n_examples: int, usual: int) -> int:
    # On a tiny label set (tests, a first editor file) a term seen once must count,
    # or the vocabulary can come out empty.
    return usual if n_examples >= 1000 else 1


def headline_pipeline(C: float = 4.0, n_examples: int = 10_000) -> Pipeline:
    """The headline sensationalism pipeline (unfitted), sized for ``n_examples`` headlines.

    Word and character n-grams of the title, weighted by their naive-Bayes
    log-count ratio (NB-LR), plus the headline cues and style features, into a
    logistic regression fitted on the annotators' vote share (pass
    ``model__soft=`` to ``fit``; see :func:`headline_soft_labels`). The
    vote-share loss keeps the probabilities calibrated without a separate
    calibration step (see the model card's ECE).
    """
    ngrams = FeatureUnion([
        ("words", Pipeline([("title", _text(title_column)),
                            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=_min_df(n_examples, 2),
                                                      sublinear_tf=True))])),
        # case kept: ALL CAPS and "!" are part of the style being measured
        ("chars", Pipeline([("title", _text(title_column)),
                            ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=_min_df(n_examples, 3),
                                                      lowercase=False, sublinear_tf=True, max_features=60000))])),
    ])
    features = FeatureUnion([
        ("ngrams", Pipeline([("tfidf", ngrams), ("nb", NBWeights())])),
        ("cues", Pipeline([("count", CueFeatures(use_body=False)), ("scale", StandardScaler())])),
        ("style", Pipeline([("count", HeadlineStyle()), ("scale", StandardScaler())])),
    ])
    return Pipeline([("features", features), ("model", SoftLabelLogisticRegression(C=C))])


#: Weight of a self-training headline against a labelled one (see :func:`fit_headline`).
UNLABELLED_WEIGHT = 1.0


def fit_headline(X, y, soft, unlabelled=(), weight: float = UNLABELLED_WEIGHT) -> Pipeline:
    """Fit the headline pipeline on labelled headlines, self-trained on unlabelled ones.

    With ``unlabelled`` titles, the model fitted on the labelled rows gives
    each of them its probability, and the final model is fitted on both: the
    labelled rows on their vote share, the unlabelled ones on that probability
    as a soft label (weight ``weight``; their hard label, for the naive-Bayes
    weights, is the probability rounded). The unlabelled titles widen the
    n-gram vocabulary and its weights beyond the labelled 10,000. On
    CLICK-ID (5-fold CV inside the training side, the 11,067 unlabelled
    titles) it gained 0.3 points of accuracy and of macro-F1 (weights 0.3 to
    1 alike); keeping only confident titles gained nothing, a second round
    nothing more (``benchmarks/RESULTS.md``).

    Parameters
    ----------
    X : array of shape (n, 2)
        (title, body) rows of the labelled headlines.
    y : array of 0/1
    soft : array of float
        The vote share of each labelled headline (:func:`headline_soft_labels`).
    unlabelled : sequence of str
        Titles without labels (none of them one of ``X``'s or a held-out headline).
    weight : float

    Examples
    --------
    >>> rows = to_columns([("Heboh! Ternyata Ini Rahasianya", ""), ("Menteri Resmikan Jembatan", "")] * 10)
    >>> model = fit_headline(rows, [1, 0] * 10, [1.0, 0.0] * 10, unlabelled=["Wow! Ini Dia Faktanya"])
    >>> model.predict(rows[:2]).tolist()
    [1, 0]
    """
    y = np.asarray(y)
    soft = np.asarray(soft, dtype=float)
    model = headline_pipeline(n_examples=len(y)).fit(X, y, model__soft=soft)
    titles = list(unlabelled)
    if not titles:
        return model
    U = to_columns([(t, "") for t in titles])
    p = model.predict_proba(U)[:, 1]
    return headline_pipeline(n_examples=len(y)).fit(
        np.vstack([X, U]), np.concatenate([y, (p >= 0.5).astype(int)]),
        model__soft=np.concatenate([soft, p]),
        model__sample_weight=np.concatenate([np.ones(len(y)), np.full(len(titles), float(weight))]))


def headline_soft_labels(examples) -> np.ndarray:
    """The share of annotators who called each headline sensational (its label when no votes are known)."""
    return np.array([e.sensational if e.soft is None else e.soft for e in examples], dtype=float)


def publisher_folds(y, groups, seed: int = 0):
    """Cross-validation folds that hold out whole publishers (or topics) per fold.

    Used for the leave-publishers-out figures (``reliability train --cv``): how
    the model does on a publisher it has not seen. Falls back to shuffled
    stratified folds when there are too few groups (a small label file).

    Returns
    -------
    (splits, description)
        ``splits``: a list of (train, test) index arrays; ``description``: the
        splitter object, for the manifest.
    """
    y = np.asarray(y)
    groups = np.asarray(groups)
    n_groups = len(set(groups.tolist()))
    if n_groups >= 3:
        k = min(5, n_groups)
        splits = list(GroupKFold(k).split(y, y, groups))
        if all(len(set(y[train].tolist())) == 2 for train, _ in splits):
            return splits, GroupKFold(k)
    minority = int(min(np.sum(y == 0), np.sum(y == 1)))
    cv = StratifiedKFold(max(2, min(5, minority)), shuffle=True, random_state=seed)
    return list(cv.split(y, y)), cv


def support_pipeline(alpha: float = 1.0, cue_weight: float = 1.0, n_examples: int = 2_000,
                     trees: bool = True, within_level: float | None = 0.1):
    """The support model (unfitted): predicts the rubric level 1..5 as a number.

    The mean of two regressions on the same (title, body) rows:

    * ``linear``: ridge over the scaled cue features, the sentence detector's
      features and word n-grams of body and title (:func:`support_linear_pipeline`);
    * ``cues``: gradient-boosted trees over the cue features alone
      (:func:`support_trees_pipeline`). Trees see what a sum of weights cannot:
      that a hedge matters when no source is named, that the second named
      source counts more than the tenth. On publisher-grouped CV the mean
      agrees better with the labels than either part (Spearman 0.771 vs
      0.748 and 0.748; within a kind of article 0.522 vs 0.497 and 0.499).

    ``trees=False`` gives the linear part alone. Fit it with :func:`fit_support`
    (the detector needs the marked phrases); with them, grouped CV Spearman
    rises to 0.781 (within a kind 0.528).

    The mean is then pulled toward the nearest whole level
    (:class:`reliability.linear.NearestLevelRegressor`, keeping
    ``within_level`` of the distance; None leaves it out): the labels are
    whole levels, so this lowers the absolute error (grouped CV on the
    training side 0.570 to 0.522) and, keeping the order, changes no rank figure.
    """
    model = support_linear_pipeline(alpha, cue_weight, n_examples)
    if trees:
        model = VotingRegressor([("linear", model), ("cues", support_trees_pipeline(n_examples))])
    return model if within_level is None else NearestLevelRegressor(model, within_level=within_level)


def support_trees_pipeline(n_examples: int = 2_000) -> Pipeline:
    """Gradient-boosted trees over the article cue features (unfitted).

    Small, shallow and strongly regularised (15 leaves, 20 articles a leaf,
    150 rounds at 0.08): the label set is small, and the choice was stable
    across the settings tried on grouped CV (0.766 to 0.771 once averaged with
    the linear part).
    """
    leaf = 20 if n_examples >= 200 else 2
    return Pipeline([
        ("features", FeatureUnion([("cues", CueFeatures())])),
        ("model", HistGradientBoostingRegressor(max_iter=150, learning_rate=0.08, max_leaf_nodes=15,
                                                min_samples_leaf=leaf, early_stopping=False, random_state=0)),
    ])


def support_linear_pipeline(alpha: float = 1.0, cue_weight: float = 1.0, n_examples: int = 2_000) -> Pipeline:
    """Ridge regression over the scaled cue and sentence-detector features and word n-grams of body and title (unfitted).

    Fit it with :func:`fit_support` so that the sentence detector gets the
    annotators' marked phrases; a plain ``fit`` leaves its features at 0.
    """
    with sklearn.config_context(enable_metadata_routing=True):
        # word n-grams: character 2-5-grams did a little better on grouped CV (Spearman
        # 0.787 vs 0.783) but cost about 30% of batch throughput (benchmarks/RESULTS.md)
        detector = SentenceSourcing().set_fit_request(evidence=True)
    features = FeatureUnion(
        [
            ("cues", Pipeline([("count", CueFeatures()), ("scale", StandardScaler())])),
            ("sentences", Pipeline([("detect", detector), ("scale", StandardScaler())])),
            ("words", Pipeline([("body", _text(body_column)),
                                ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=_min_df(n_examples, 3), max_df=0.8,
                                                          sublinear_tf=True, max_features=40000))])),
            ("title_words", Pipeline([("title", _text(title_column)),
                                      ("tfidf", TfidfVectorizer(min_df=_min_df(n_examples, 2), sublinear_tf=True))])),
        ],
        transformer_weights={"cues": cue_weight, "sentences": cue_weight, "words": 1.0, "title_words": 0.5},
    )
    return Pipeline([("features", features), ("model", Ridge(alpha=alpha))])


def fit_support(model, X, y, evidence=None):
    """Fit a support model, passing each row's marked phrases to its sentence detector.

    ``evidence`` is one entry per row (a mapping of label field to phrases, or
    None when unknown), as :attr:`training.data.Example.evidence`; the
    detector gets it through scikit-learn's metadata routing.

    >>> from training.fit import fit_support, support_pipeline
    >>> rows = to_columns([("Artis Menikah", "Kabarnya dia menikah. Belum ada kabar resmi."),
    ...                    ("Pencuri Ditahan", "Kata Kapolres Budi, pelaku ditahan di polres.")] * 5)
    >>> marks = [{"hedges": ["Kabarnya"]}, {"named_sources": ["Kata Kapolres Budi"]}] * 5
    >>> model = fit_support(support_pipeline(n_examples=10), rows, [2, 5] * 5, marks)
    >>> [round(float(v)) for v in model.predict(rows[:2])]
    [2, 5]
    """
    with sklearn.config_context(enable_metadata_routing=True):
        if evidence is None:
            return model.fit(X, y)
        return model.fit(X, y, evidence=list(evidence))


def example_columns(examples, read=True):
    """Model input rows for examples; article text goes through the same reader as scoring."""
    from reliability.article import ArticleError, read_article

    rows = []
    for e in examples:
        if read and e.text:
            try:
                a = read_article(e.text, title=e.title or None)
                rows.append((e.title or a.title, a.body))
                continue
            except ArticleError:
                pass
        rows.append((e.title, e.text))
    return to_columns(rows)


def describe_model(model) -> str:
    """A one-line account of a fitted model's parts, for the manifest and model card.

    >>> from sklearn.linear_model import Ridge
    >>> describe_model(Pipeline([("features", FeatureUnion([("cues", CueFeatures())])), ("model", Ridge())]))
    'features [cues: CueFeatures] -> Ridge(alpha=1.0)'
    """
    if isinstance(model, NearestLevelRegressor):
        return (f"{describe_model(model.estimator)}, pulled toward the nearest whole level "
                f"(within_level={model.within_level!r})")
    if isinstance(model, VotingRegressor):
        weights = model.weights or [1] * len(model.estimators)
        return "mean of " + "; ".join(f"({name}, weight {w}) {describe_model(est)}"
                                      for (name, est), w in zip(model.estimators, weights))
    if isinstance(model, FeatureUnion):
        return "[" + ", ".join(f"{name}: {describe_model(part)}" for name, part in model.transformer_list) + "]"
    if isinstance(model, Pipeline):
        return " -> ".join(("features " if name == "features" else "") + describe_model(step)
                           for name, step in model.steps)
    if isinstance(model, FunctionTransformer):
        return getattr(model.func, "__name__", "function")
    keys = {"Ridge": ("alpha",), "SentenceSourcing": ("C", "cv", "analyzer"), "TfidfVectorizer": ("analyzer", "ngram_range", "max_features"),
            "HistGradientBoostingRegressor": ("max_iter", "learning_rate", "max_leaf_nodes", "min_samples_leaf"),
            "SoftLabelLogisticRegression": ("C",)}.get(type(model).__name__, ())
    params = model.get_params(deep=False)
    shown = ", ".join(f"{k}={params[k]!r}" for k in keys if k in params)
    return f"{type(model).__name__}({shown})" if shown else type(model).__name__
