"""Small model parts of the trained pipelines.

The headline model's NB feature weights and soft-label logistic regression, and
the support model's last step, :class:`NearestLevelRegressor`. All are cheap
at predict time and live in the run-time package because a pickled model
refers to them.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, RegressorMixin, TransformerMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from .levels import snap_to_levels


class NBWeights(TransformerMixin, BaseEstimator):
    """Scale each feature by its naive-Bayes log-count ratio (the "NB" of NB-SVM).

    Wang & Manning (2012): multiplying n-gram features by
    ``log(p(f | 1) / p(f | 0))`` before a linear classifier lets the classifier
    start from what naive Bayes knows; on CLICK-ID it added about 0.5 points of
    cross-validated accuracy to word+char TF-IDF.

    Parameters
    ----------
    alpha : float, default=1.0
        Additive smoothing of the per-class feature sums.

    Attributes
    ----------
    ratio_ : ndarray of shape (n_features,)
        The log-count ratio each column is multiplied by.
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> NBWeights().fit(X, [1, 0]).ratio_.round(3).tolist()
    [0.693, -0.693]
    """

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def fit(self, X, y):
        """Learn the log-count ratio from features ``X`` (non-negative) and 0/1 labels ``y``."""
        X = sp.csr_matrix(X) if not sp.issparse(X) else X.tocsr()
        y = np.asarray(y)
        if set(np.unique(y).tolist()) - {0, 1}:
            raise ValueError("NBWeights needs 0/1 labels")
        pos = np.asarray(X[y == 1].sum(axis=0)).ravel() + self.alpha
        neg = np.asarray(X[y == 0].sum(axis=0)).ravel() + self.alpha
        self.ratio_ = np.log((pos / pos.sum()) / (neg / neg.sum()))
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X):
        """``X`` with column j multiplied by ``ratio_[j]`` (sparse in, sparse out)."""
        check_is_fitted(self, "ratio_")
        if sp.issparse(X):
            return sp.csr_matrix(X.multiply(self.ratio_))
        return np.asarray(X, dtype=float) * self.ratio_

    def get_feature_names_out(self, input_features=None):
        """The input features' names, unchanged (the columns are only rescaled)."""
        check_is_fitted(self, "ratio_")
        if input_features is None:
            return np.asarray([f"x{i}" for i in range(self.n_features_in_)], dtype=object)
        return np.asarray(input_features, dtype=object)


class SoftLabelLogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression that can learn from soft labels (a share of annotator votes).

    With ``soft`` given to :meth:`fit`, every row is used twice, once as class 1
    with weight ``soft`` and once as class 0 with weight ``1 - soft``: the
    cross-entropy against the vote share. A 2-1 headline then counts as two
    thirds sensational instead of fully so; on CLICK-ID this gained about
    0.7 points of cross-validated accuracy and 1 point of ROC-AUC over the
    majority vote, and keeps the probabilities calibrated without a
    calibration step.

    Parameters
    ----------
    C : float, default=4.0
        Inverse regularisation strength (as in LogisticRegression).
    max_iter : int, default=3000

    Attributes
    ----------
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
    classes_ : ndarray, ``[0, 1]``
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> m = SoftLabelLogisticRegression(C=10).fit(X, [0, 0, 1, 1], soft=[0.0, 0.33, 0.67, 1.0])
    >>> bool(m.predict_proba([[3.0]])[0, 1] > 0.5), m.predict([[0.0]]).tolist()
    (True, [0])
    """

    def __init__(self, C=4.0, max_iter=3000):
        self.C = C
        self.max_iter = max_iter

    def fit(self, X, y, soft=None, sample_weight=None):
        """Fit on hard labels ``y`` (0/1), or on ``soft`` (the probability of class 1) when given."""
        y = np.asarray(y).astype(int)
        n = len(y)
        weight = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        model = LogisticRegression(C=self.C, max_iter=self.max_iter)
        if soft is None:
            model.fit(X, y, sample_weight=weight)
        else:
            soft = np.clip(np.asarray(soft, dtype=float), 0.0, 1.0)
            if soft.shape != (n,):
                raise ValueError(f"soft must have one value per row ({n}), got shape {soft.shape}")
            stack = sp.vstack if sp.issparse(X) else np.vstack
            X2 = stack([X, X])
            y2 = np.r_[np.ones(n, dtype=int), np.zeros(n, dtype=int)]
            w2 = np.r_[soft, 1.0 - soft] * np.r_[weight, weight]
            keep = w2 > 0  # zero-weight copies carry nothing and only cost time
            if sp.issparse(X2):
                X2 = X2.tocsr()
            model.fit(X2[keep], y2[keep], sample_weight=w2[keep])
        self.coef_ = model.coef_
        self.intercept_ = model.intercept_
        self.classes_ = np.array([0, 1])
        self.n_features_in_ = model.n_features_in_
        return self

    def decision_function(self, X):
        """The logit of class 1 for each row."""
        check_is_fitted(self, "coef_")
        return np.asarray(X @ self.coef_.T).ravel() + self.intercept_[0]

    def predict_proba(self, X):
        """Probabilities ``[p(0), p(1)]`` per row."""
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X):
        """0/1 at probability 0.5."""
        return (self.decision_function(X) >= 0.0).astype(int)


class NearestLevelRegressor(MetaEstimatorMixin, RegressorMixin, BaseEstimator):
    """A regressor of rubric levels whose predictions are pulled toward the nearest whole level.

    Fits ``estimator`` as it is; :meth:`predict` passes its predictions
    through :func:`reliability.levels.snap_to_levels`, which keeps their order
    (so rank figures are the estimator's) and brings each one to within
    ``within_level / 2`` of a whole level, which is where the absolute error
    against whole-level labels is smallest.

    Parameters
    ----------
    estimator : regressor
        Predicts the level (1..5) as a number.
    within_level : float, default=0.1
        Share of a prediction's distance to its nearest level that is kept:
        1 changes nothing; 0.1 keeps a 0..100 score within 1.25 points of its
        level's value (25 points a level), enough to keep every article's
        place in the order.

    Attributes
    ----------
    estimator_ : regressor
        The fitted ``estimator``.
    n_features_in_ : int
        As the fitted estimator's, when it has one.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LinearRegression
    >>> X, y = np.array([[1.0], [2.0], [3.0]]), np.array([1.0, 2.0, 3.0])
    >>> m = NearestLevelRegressor(LinearRegression(), within_level=0.5).fit(X, y)
    >>> m.predict([[2.4], [2.6]]).round(2).tolist()
    [2.2, 2.8]
    """

    def __init__(self, estimator, within_level=0.1):
        self.estimator = estimator
        self.within_level = within_level

    def fit(self, X, y, **fit_params):
        """Fit the estimator on ``X, y``; fit parameters reach it as metadata routing says (or directly)."""
        from sklearn.utils.metadata_routing import _routing_enabled, process_routing

        if _routing_enabled():
            fit_params = process_routing(self, "fit", **fit_params).estimator.fit
        snap_to_levels([3.0], self.within_level)  # a bad within_level fails now, not at the first predict
        self.estimator_ = clone(self.estimator).fit(X, y, **fit_params)
        if hasattr(self.estimator_, "n_features_in_"):
            self.n_features_in_ = self.estimator_.n_features_in_
        return self

    def predict(self, X):
        """The estimator's predicted levels, pulled toward the nearest whole level."""
        check_is_fitted(self, "estimator_")
        return snap_to_levels(self.estimator_.predict(X), self.within_level)

    def get_metadata_routing(self):
        """Route ``fit`` metadata (the sentence detector's ``evidence``) to the estimator's ``fit``."""
        from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping

        return MetadataRouter(owner=self.__class__.__name__).add(
            estimator=self.estimator, method_mapping=MethodMapping().add(caller="fit", callee="fit"))
