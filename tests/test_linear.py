"""The headline model's parts: NB weights, soft-label logistic regression, headline style; the test split."""
import numpy as np
import pytest
import scipy.sparse as sp

from reliability.features import to_columns
from reliability.transformers import HeadlineStyle
from reliability.linear import NBWeights, SoftLabelLogisticRegression


def test_nb_weights_are_the_log_count_ratio_and_keep_sparsity():
    X = sp.csr_matrix(np.array([[2.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 0.0, 0.0]]))
    f = NBWeights(alpha=1.0).fit(X, [1, 0, 1])
    pos, neg = np.array([4.0, 1.0, 2.0]), np.array([1.0, 2.0, 2.0])
    np.testing.assert_allclose(f.ratio_, np.log((pos / 7) / (neg / 5)))
    out = f.transform(X)
    assert sp.issparse(out)
    np.testing.assert_allclose(out.toarray(), X.toarray() * f.ratio_)
    assert list(f.get_feature_names_out(["a", "b", "c"])) == ["a", "b", "c"]
    with pytest.raises(ValueError, match="0/1 labels"):
        NBWeights().fit(X, [0, 1, 2])


def test_soft_labels_equal_duplicated_weighted_rows():
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    soft = rng.choice([0, 1 / 3, 2 / 3, 1.0], size=40)
    m = SoftLabelLogisticRegression(C=2.0).fit(X, (soft > 0.5).astype(int), soft=soft)
    keep = np.r_[soft, 1 - soft] > 0
    ref = LogisticRegression(C=2.0, max_iter=3000).fit(
        np.vstack([X, X])[keep], np.r_[np.ones(40), np.zeros(40)][keep], sample_weight=np.r_[soft, 1 - soft][keep])
    np.testing.assert_allclose(m.coef_, ref.coef_, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(m.predict_proba(X), ref.predict_proba(X), rtol=1e-5, atol=1e-6)
    assert m.predict(X).tolist() == (m.predict_proba(X)[:, 1] >= 0.5).astype(int).tolist()
    # without soft labels it is plain logistic regression on the hard labels
    y = (soft > 0.5).astype(int)
    hard = SoftLabelLogisticRegression(C=2.0).fit(X, y)
    np.testing.assert_allclose(hard.coef_, LogisticRegression(C=2.0, max_iter=3000).fit(X, y).coef_, rtol=1e-5)
    with pytest.raises(ValueError, match="one value per row"):
        SoftLabelLogisticRegression().fit(X, y, soft=soft[:3])


def test_headline_style_counts():
    # 7 words: "5" and the quoted word are not capitalised; 45 characters
    rows = to_columns([("VIRAL! Ini 5 Cara Hemat: Begini \u201cRahasianya\u201d?", ""), ("", "")])
    f = HeadlineStyle().fit(rows)
    names = list(f.get_feature_names_out())
    values = dict(zip(names, f.transform(rows)[0]))
    assert values == {
        "style_upper_word_share": 1 / 7, "style_capitalised_share": 5 / 7, "style_questions": 1.0,
        "style_exclamations": 1.0, "style_quotes": 2.0, "style_starts_with_number": 0.0, "style_numbers": 1.0,
        "style_curiosity_words": 3.0, "style_colon": 1.0, "style_chars_per_100": 0.45,
    }
    assert f.transform(rows)[1].tolist() == [0.0] * 10


def test_headline_test_split_is_stratified_stable_and_keeps_duplicates_together():
    from training.splits import headline_test_flags, normalise_title

    titles = [f"Judul berita nomor {i}" for i in range(200)] + ["VIRAL! Sama Persis", "viral... sama  persis"]
    labels = [i % 2 for i in range(200)] + [1, 1]
    flags = headline_test_flags(titles, labels, [True] * 202)
    assert sum(f for f, y in zip(flags[:200], labels) if y == 0) in (20, 21)
    assert sum(f for f, y in zip(flags[:200], labels) if y == 1) in (20, 21)
    assert flags[200] == flags[201] and normalise_title(titles[200]) == normalise_title(titles[201])
    # a label file's headline never moves a public one
    more = headline_test_flags(titles + ["Judul editor"], labels + [0], [True] * 202 + [False])
    assert more[:202] == flags
