"""The scikit-learn face of :mod:`reliability.features`: :class:`CueFeatures` and :class:`HeadlineStyle`.

Kept apart from the feature functions so that scoring, which runs on the
compiled model (:mod:`reliability.compiled`), never imports scikit-learn.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .features import (HEADLINE_STYLE_NAMES, check_columns, cue_feature_matrix, cue_feature_names, fitted_columns,
                       headline_style_matrix)


class _TextColumnsTransformer(TransformerMixin, BaseEstimator):
    """What both transformers share: they read (title, body) text and name their features."""

    def get_feature_names_out(self, input_features=None):
        """Names of the features, e.g. ``body_hedge``; a FeatureUnion prefixes its branch (``cues__``)."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags


class CueFeatures(_TextColumnsTransformer):
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



class HeadlineStyle(_TextColumnsTransformer):
    """Style of each headline: casing, punctuation, numbers, curiosity words, length.

    A stateless transformer on the (title, body) columns; reads the title only.
    Each feature is a few regular-expression counts
    (:func:`reliability.features.headline_style_row`), so it costs microseconds
    a headline.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        :data:`reliability.features.HEADLINE_STYLE_NAMES`.

    Examples
    --------
    >>> f = HeadlineStyle().fit([["VIRAL! Ini 5 Cara Hemat", ""]])
    >>> dict(zip(f.get_feature_names_out(), f.transform([["VIRAL! Ini 5 Cara Hemat", ""]])[0]))["style_curiosity_words"]
    np.float64(2.0)
    """

    def fit(self, X, y=None):
        """Check the input and fix the feature names; nothing is learned from the data."""
        check_columns(X)
        self.feature_names_out_ = np.asarray(HEADLINE_STYLE_NAMES, dtype=object)
        self.n_features_in_ = 2
        return self

    def transform(self, X):
        """Return the style features, shape ``(n_samples, 10)``."""
        check_is_fitted(self, "feature_names_out_")
        return headline_style_matrix(X)

