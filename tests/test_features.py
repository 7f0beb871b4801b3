import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import parametrize_with_checks

from reliability.features import body_column, title_column, to_columns
from reliability.transformers import CueFeatures

ROWS = to_columns([
    ("Heboh! Artis Dikabarkan Menikah Diam-diam", "Kabarnya artis itu menikah di Bali. Kabar itu belum dikonfirmasi."),
    ("Polisi Tangkap Dua Pencuri Motor",
     "Dua pencuri motor ditangkap, kata Kapolres Bogor AKBP Dedi Kurniawan, Kamis (5/6/2025)."),
    ("", ""),
])


# These checks feed numeric arrays of 3..10 columns; CueFeatures reads exactly two
# text columns (title, body) and rejects any other width with a clear message.
_NOT_TWO_TEXT_COLUMNS = (
    "check_fit_score_takes_y", "check_dont_overwrite_parameters", "check_n_features_in_after_fitting",
    "check_positive_only_tag_during_fit", "check_estimators_dtypes", "check_dtype_object",
    "check_pipeline_consistency", "check_estimators_pickle", "check_f_contiguous_array_estimator",
    "check_transformer_data_not_an_array", "check_transformer_general", "check_transformer_preserve_dtypes",
    "check_methods_sample_order_invariance", "check_methods_subset_invariance", "check_dict_unchanged",
    "check_fit2d_predict1d",
)


def _expected_failures(estimator):
    failures = {name: "needs numeric input of other widths than (title, body)" for name in _NOT_TWO_TEXT_COLUMNS}
    # Cells are text; a float NaN in a text column is read as the string "nan".
    failures["check_estimators_nan_inf"] = "text input: NaN/inf are not numeric features here"
    return failures


@parametrize_with_checks([CueFeatures()], expected_failed_checks=_expected_failures, xfail_strict=True)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_pickle_round_trip_on_text():
    import pickle
    f = CueFeatures().fit(ROWS)
    g = pickle.loads(pickle.dumps(f))
    np.testing.assert_array_equal(f.transform(ROWS), g.transform(ROWS))


def test_feature_names_are_named_and_match_columns():
    f = CueFeatures().fit(ROWS)
    names = list(f.get_feature_names_out())
    assert f.transform(ROWS).shape == (3, len(names))
    assert len(set(names)) == len(names)
    assert {"title_clickbait_marker", "body_hedge", "body_named_source", "body_refuted_cues",
            "body_named_share", "body_missing"} <= set(names)


def test_values_follow_the_cues():
    f = CueFeatures().fit(ROWS)
    X = f.transform(ROWS)
    col = {n: i for i, n in enumerate(f.get_feature_names_out())}
    gossip, police, empty = X
    assert gossip[col["title_clickbait_marker"]] > 0 and police[col["title_clickbait_marker"]] == 0
    assert gossip[col["body_hedge"]] > 0 and gossip[col["body_unverified_claim"]] > 0
    assert police[col["body_named_source"]] > 0 and gossip[col["body_named_source"]] == 0
    assert police[col["body_named_share"]] > gossip[col["body_named_share"]]
    assert empty[col["body_missing"]] == 1.0 and empty[col["title_missing"]] == 1.0
    assert np.all(np.isfinite(X))


def test_title_only_and_body_only():
    t = CueFeatures(use_body=False).fit(ROWS)
    b = CueFeatures(use_title=False).fit(ROWS)
    assert all(n.startswith("title_") for n in t.get_feature_names_out())
    assert all(n.startswith("body_") for n in b.get_feature_names_out())
    with pytest.raises(ValueError, match="needs use_title or use_body"):
        CueFeatures(use_title=False, use_body=False).fit(ROWS)


def test_wrong_shape_is_a_clear_error():
    with pytest.raises(ValueError, match=r"expects an array of shape \(n_samples, 2\).*got shape \(2, 3\)"):
        CueFeatures().fit(np.zeros((2, 3)))


def test_stateless_and_clonable():
    f = CueFeatures().fit(ROWS)
    g = clone(f).fit(ROWS[:1])
    np.testing.assert_array_equal(f.transform(ROWS), g.transform(ROWS))


def test_columns_helpers():
    assert title_column(ROWS)[0].startswith("Heboh!")
    assert body_column(ROWS)[2] == ""
    class A:
        title, body = "T", "B"
    assert to_columns([A()]).tolist() == [["T", "B"]]


def test_a_model_fitted_on_an_older_feature_list_still_transforms():
    f = CueFeatures().fit(ROWS)
    full = f.transform(ROWS)
    names = list(f.get_feature_names_out())
    f.feature_names_out_ = np.asarray([n for n in names if n != "body_speech_verbs_per_1k_chars"], dtype=object)
    old = f.transform(ROWS)
    assert old.shape == (3, len(names) - 1)
    np.testing.assert_array_equal(old, np.delete(full, names.index("body_speech_verbs_per_1k_chars"), axis=1))


def test_a_model_needing_a_feature_no_longer_made_gets_a_clear_error():
    f = CueFeatures().fit(ROWS)
    f.feature_names_out_ = np.append(f.feature_names_out_, "body_gone_feature")
    with pytest.raises(ValueError, match=r"does not compute \(body_gone_feature\); retrain it with `reliability train`"):
        f.transform(ROWS)


# --- headline style: the fast forms equal the plain regex forms ------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from reliability.features import (  # noqa: E402
    _CURIOSITY, _NON_SPACE, HEADLINE_STYLE_NAMES, _curiosity_count, headline_style_row)

_STYLE_WORDS = ["Ini", "INI", "ini", "Inilah", "begini", "Ternyata", "CARA", "fakta-fakta", "Kok", "siapa?",
                "ıni", "İNİ", "ſimak", "\u212aok", "Apa", "apakah", "5", "Rp10", "Wow!", "“Deretan”", "x_ini",
                "ini2", "é", "Ünik", "tips", "DAFTAR", "Lho", "kenapa", "Mengapa", "a", "A"]
_STYLE_SEPS = [" ", "  ", ", ", ": ", "-", "\n", "\u00a0", "\u2009", "", "'", "(", ")", "!", "?", "\x1f"]


@st.composite
def headlines(draw):
    parts = [draw(st.sampled_from(_STYLE_WORDS)) + draw(st.sampled_from(_STYLE_SEPS))
             for _ in range(draw(st.integers(0, 12)))]
    return "".join(parts)


@settings(max_examples=500, deadline=None)
@given(st.one_of(headlines(), st.text(max_size=40)))
def test_curiosity_count_equals_the_regex(title):
    assert _curiosity_count(title) == len(_CURIOSITY.findall(title))


@settings(max_examples=300, deadline=None)
@given(st.one_of(headlines(), st.text(max_size=40)))
def test_style_casing_shares_equal_the_plain_sums(title):
    words = _NON_SPACE.findall(title)
    n = max(len(words), 1)
    row = dict(zip(HEADLINE_STYLE_NAMES, headline_style_row(title)))
    assert row["style_upper_word_share"] == sum(len(w) > 1 and w.isupper() for w in words) / n
    assert row["style_capitalised_share"] == sum(w[:1].isupper() for w in words) / n


def test_style_row_values():
    row = dict(zip(HEADLINE_STYLE_NAMES, headline_style_row("VIRAL! Ini 5 Cara Hemat, Kok Bisa?")))
    assert row == {
        "style_upper_word_share": 1 / 7, "style_capitalised_share": 6 / 7, "style_questions": 1.0,
        "style_exclamations": 1.0, "style_quotes": 0.0, "style_starts_with_number": 0.0,
        "style_numbers": 1.0, "style_curiosity_words": 3.0, "style_colon": 0.0, "style_chars_per_100": 0.34}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(headlines(), st.text(max_size=40), st.none()), max_size=12))
def test_style_matrix_equals_the_rows(titles):
    from reliability.features import headline_style_matrix

    X = to_columns([(t, "") for t in titles]) if titles else np.empty((0, 2), dtype=object)
    if titles:
        X[:, 0] = titles  # None stays None: read as ""
    want = np.array([headline_style_row(t or "") for t in titles]).reshape(len(titles), len(HEADLINE_STYLE_NAMES))
    assert np.array_equal(headline_style_matrix(X), want)
