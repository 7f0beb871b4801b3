"""The scikit-learn face of :mod:`reliability.features`: the :class:`CueFeatures` transformer.

Kept apart from the feature functions so that scoring, which runs on the
compiled model (:mod:`reliability.compiled`), never imports scikit-learn.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .features import check_columns, cue_feature_matrix, cue_feature_names, fitted_columns


class CueFeatures(TransformerMixin, BaseEstimator):
    """Count the cues in each article's title and body: a stateless transformer.

    Parameters
    ----------
    use_title : bool, default=True
        Make the ``title_*`` features (headline cues).
    use_body : bool, default=True
        Make the ``body_*`` features (cues, context, length, quotes, numbers).

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        The name of every column :meth:`transform` returns.

    Notes
    -----
    The numbers are :func:`reliability.features.cue_feature_row`'s.

    Examples
    --------
    >>> f = CueFeatures().fit([["Heboh! Artis Dikabarkan Menikah", "Kabarnya dia menikah."]])
    >>> X = f.transform([["Heboh! Artis Dikabarkan Menikah", "Kabarnya dia menikah."]])
    >>> names = list(f.get_feature_names_out())
    >>> bool(X[0, names.index("body_hedge")] > 0)
    True
    """

    def __init__(self, use_title=True, use_body=True):
        self.use_title = use_title
        self.use_body = use_body

    def fit(self, X, y=None):
        """Check the input and fix the feature names; nothing is learned from the data."""
        check_columns(X)
        names = cue_feature_names(self.use_title, self.use_body)
        if not names:
            raise ValueError("CueFeatures needs use_title or use_body")
        self.feature_names_out_ = np.asarray(names, dtype=object)
        self.n_features_in_ = 2
        return self

    def transform(self, X):
        """Return the cue features, shape ``(n_samples, len(get_feature_names_out()))``."""
        check_is_fitted(self, "feature_names_out_")
        columns = fitted_columns(self.feature_names_out_, self.use_title, self.use_body)
        return cue_feature_matrix(X, self.use_title, self.use_body, columns)

    def get_feature_names_out(self, input_features=None):
        """Names of the features, e.g. ``body_hedge``; a FeatureUnion prefixes ``cues__``."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags
