"""The scikit-learn face of the features: :class:`CueFeatures`, :class:`HeadlineStyle`, :class:`SentenceSourcing`.

Kept apart from the feature functions so that scoring, which runs on the
compiled model (:mod:`reliability.compiled`), never imports scikit-learn.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from . import sentences
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



class SentenceSourcing(_TextColumnsTransformer):
    """A learned detector of sourced sentences, summed per article (supervised by marked phrases).

    Each sentence (:func:`reliability.sentences.split_sentences`) gets, for each
    kind of source in :data:`reliability.sentences.SOURCE_KINDS`, the
    probability that an annotator would mark a phrase of that kind in it: a
    logistic regression per kind over the sentence's word n-grams, whether it
    is the title and where it stands. The article's features are those
    probabilities aggregated (:func:`reliability.sentences.aggregate`: sum, max,
    title, lead, count), named like ``named_sum``.

    Supervision comes from ``evidence``, one mapping per training row of
    kind -> marked phrases (as ``support/labels.jsonl`` holds them), passed to
    ``fit`` through scikit-learn's metadata routing. Rows whose evidence is
    ``None`` are not used to train the detector (their phrases are unknown,
    not absent); with no evidence at all every feature is 0 (within 1e-12).

    Like scikit-learn's ``TargetEncoder``, :meth:`fit_transform` is
    cross-fitted: each training row's features come from a detector that did
    not see that row's phrases, so the model downstream learns from features
    as noisy as a new article's. :meth:`transform` uses the detector fitted on
    every row.

    Parameters
    ----------
    C : float, default=4.0
        Inverse regularisation of each kind's logistic regression.
    cv : int, default=4
        Folds of the cross-fitting in :meth:`fit_transform`.
    analyzer : {"word", "char_wb"}, default="word"
        The sentence n-grams: word 1-2-grams (seen twice or more), or
        character 2-5-grams within words (seen three times or more), which
        also catch affixed forms ("dikabarkan", "kabarnya"). On grouped CV
        ``char_wb`` did a little better (Spearman 0.787 vs 0.783, within a
        kind 0.551 vs 0.536) but costs about 30 % of batch throughput, even
        with the compiled scorer indexing n-grams a batch at a time (a
        sentence has many more character n-grams than words), so the shipped
        recipe keeps ``word`` (benchmarks/RESULTS.md, "Support, fifth round").
    max_features : int, default=200_000
        Largest vocabulary of the sentence n-grams.
    random_state : int, default=0
        Seed of the cross-fitting folds.

    Attributes
    ----------
    vectorizer_ : TfidfVectorizer
        The sentences' n-grams (see ``analyzer``).
    coef_ : ndarray of shape (n_kinds, n_terms + 2)
        Each kind's weights: the n-grams, then is-title and position.
    intercept_ : ndarray of shape (n_kinds,)
    n_sentences_fit_ : int
        Sentences the detector was trained on.
    feature_names_out_ : ndarray of str

    Examples
    --------
    >>> rows = [["Artis Dikabarkan Menikah", "Kabarnya dia menikah. Belum ada konfirmasi."],
    ...         ["Polisi Tangkap Pencuri", "\\"Pelaku sudah kami tahan,\\" kata Kapolres Budi."]] * 4
    >>> marks = [{"hedges": ["Kabarnya"]}, {"named_sources": ["kata Kapolres Budi"]}] * 4
    >>> f = SentenceSourcing(cv=2).fit(rows, evidence=marks)
    >>> F = dict(zip(f.get_feature_names_out(), f.transform([["", "Kabarnya artis itu pindah."]])[0]))
    >>> bool(F["hedge_max"] > F["named_max"])
    True
    """

    def __init__(self, C=4.0, cv=4, analyzer="word", max_features=200_000, random_state=0):
        self.C = C
        self.analyzer = analyzer
        self.cv = cv
        self.max_features = max_features
        self.random_state = random_state

    def fit(self, X, y=None, evidence=None):
        """Train the sentence detector on the rows whose ``evidence`` is given."""
        self._fit(check_columns(X), evidence)
        return self

    def fit_transform(self, X, y=None, evidence=None):
        """Fit, and return each row's features from a detector that did not train on that row (cross-fitting)."""
        from sklearn.model_selection import KFold

        X = check_columns(X)
        evidence = self._check_evidence(X, evidence)
        out = np.zeros((len(X), len(sentences.feature_names())))
        labelled = np.array([e is not None for e in evidence])
        if labelled.sum() >= 2 * self.cv:
            folds = KFold(self.cv, shuffle=True, random_state=self.random_state).split(X)
            for train, held_out in folds:
                vectorizer, coef, intercept, _ = self._detector(X[train], [evidence[i] for i in train])
                out[held_out] = self._features(X[held_out], vectorizer, coef, intercept)
        self._fit(X, evidence)
        if labelled.sum() < 2 * self.cv:  # too few to cross-fit: in-sample features
            out = self.transform(X)
        return out

    def transform(self, X):
        """Return the aggregated sentence probabilities, shape ``(n_samples, 20)``."""
        check_is_fitted(self, "coef_")
        return self._features(check_columns(X), self.vectorizer_, self.coef_, self.intercept_)

    def _check_evidence(self, X, evidence):
        if evidence is None:
            return [None] * len(X)
        evidence = list(evidence)
        if len(evidence) != len(X):
            raise ValueError(f"evidence has {len(evidence)} rows for {len(X)} rows of X")
        return evidence

    def _fit(self, X, evidence):
        evidence = self._check_evidence(X, evidence)
        self.vectorizer_, self.coef_, self.intercept_, self.n_sentences_fit_ = self._detector(X, evidence)
        self.feature_names_out_ = np.asarray(sentences.feature_names(), dtype=object)
        self.n_features_in_ = 2

    def _detector(self, X, evidence):
        """(vectorizer, coef, intercept, n_sentences) trained on the sentences of the rows with evidence."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        keep = [i for i, e in enumerate(evidence) if e is not None]
        texts, doc, is_title, position = sentences.sentence_rows(X[keep])
        n_kinds = len(sentences.SOURCE_KINDS)
        if self.analyzer not in ("word", "char_wb"):
            raise ValueError(f"analyzer must be 'word' or 'char_wb', got {self.analyzer!r}")
        grams = {"word": dict(ngram_range=(1, 2), min_df=2), "char_wb": dict(ngram_range=(2, 5), min_df=3)}
        vectorizer = TfidfVectorizer(analyzer=self.analyzer, sublinear_tf=True, max_features=self.max_features,
                                     **grams[self.analyzer])
        try:
            words = vectorizer.fit_transform(texts)
        except ValueError:  # no sentences, or no term in two of them: nothing to learn from
            vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(["tidak ada"])
            return (vectorizer, np.zeros((n_kinds, len(vectorizer.vocabulary_) + 2)), np.full(n_kinds, -30.0),
                    len(texts))
        M = _sentence_matrix(words, is_title, position)
        labels = sentences.sentence_labels(texts, doc, [evidence[i] for i in keep])
        coef, intercept = np.zeros((n_kinds, M.shape[1])), np.zeros(n_kinds)
        for k in range(n_kinds):
            if labels[:, k].min() == labels[:, k].max():  # one class only: a constant probability
                intercept[k] = 30.0 if labels[0, k] else -30.0
                continue
            lr = LogisticRegression(C=self.C, max_iter=2000).fit(M, labels[:, k])
            coef[k], intercept[k] = lr.coef_[0], lr.intercept_[0]
        return vectorizer, coef, intercept, len(texts)

    @staticmethod
    def _features(X, vectorizer, coef, intercept):
        texts, doc, is_title, position = sentences.sentence_rows(X)
        if not texts:
            return np.zeros((len(X), len(sentences.feature_names())))
        M = _sentence_matrix(vectorizer.transform(texts), is_title, position)
        P = 1.0 / (1.0 + np.exp(-np.clip(M @ coef.T + intercept, -500, 500)))
        return sentences.aggregate(P, doc, is_title, len(X))


def _sentence_matrix(words, is_title, position):
    from scipy import sparse

    return sparse.hstack([words, sparse.csr_matrix(np.column_stack([is_title, position]))]).tocsr()
