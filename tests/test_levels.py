"""The pull of a predicted level toward the nearest whole level (reliability.levels, NearestLevelRegressor)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reliability.levels import snap_to_levels


def test_each_prediction_moves_to_within_a_share_of_its_nearest_level():
    got = snap_to_levels([0.2, 1.0, 1.49, 1.5, 2.75, 3.0, 4.5, 5.3], 0.2)
    np.testing.assert_allclose(got, [1.0, 1.0, 1.098, 1.9, 2.95, 3.0, 4.9, 5.0], rtol=0, atol=1e-12)


def test_within_level_one_leaves_predictions_inside_the_scale_unchanged():
    p = np.array([1.0, 1.7, 2.5, 3.49, 4.99, 5.0])
    np.testing.assert_array_equal(snap_to_levels(p, 1.0), p)


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5, float("nan")])
def test_a_share_outside_zero_to_one_is_refused(bad):
    with pytest.raises(ValueError, match=r"^within_level must be in \(0, 1\], got "):
        snap_to_levels([3.0], bad)


@given(st.lists(st.floats(1.0, 5.0), min_size=2, max_size=50), st.floats(0.01, 1.0))
def test_the_order_of_predictions_inside_the_scale_is_kept(levels, share):
    p = np.array(levels)
    q = snap_to_levels(p, share)
    i, j = np.triu_indices(len(p), 1)
    # increasing, strictly beyond float rounding: a higher prediction stays higher, an equal one equal
    assert np.all(np.sign(q[i] - q[j]) * np.sign(p[i] - p[j]) >= 0)
    apart = np.abs(p[i] - p[j]) > 1e-9
    assert np.all(np.sign(q[i] - q[j])[apart] == np.sign(p[i] - p[j])[apart])


def test_against_whole_level_labels_the_absolute_error_falls():
    # A regression's typical output: whole-level truths plus shrinkage and noise.
    rng = np.random.default_rng(0)
    y = rng.integers(1, 6, 2000).astype(float)
    raw = np.clip(3 + 0.8 * (y - 3) + rng.normal(0, 0.35, len(y)), 1, 5)
    assert np.abs(snap_to_levels(raw, 0.2) - y).mean() < np.abs(raw - y).mean() - 0.05


def test_the_regressor_fits_its_estimator_and_routes_the_detectors_evidence():
    import sklearn
    from sklearn.ensemble import VotingRegressor
    from sklearn.linear_model import LinearRegression

    from reliability.features import to_columns
    from reliability.linear import NearestLevelRegressor
    from training.fit import fit_support, support_pipeline

    m = NearestLevelRegressor(LinearRegression()).fit(np.array([[1.0], [2.0], [4.0]]), [1.0, 2.0, 4.0])
    np.testing.assert_allclose(m.predict([[2.3], [3.6]]), [2.03, 3.96], rtol=0, atol=1e-12)
    assert m.n_features_in_ == 1

    rows = to_columns([("Artis Menikah", "Kabarnya dia menikah. Belum ada kabar resmi."),
                       ("Pencuri Ditahan", "Kata Kapolres Budi, pelaku ditahan di polres.")] * 5)
    marks = [{"hedges": ["Kabarnya"]}, {"named_sources": ["Kata Kapolres Budi"]}] * 5
    model = fit_support(support_pipeline(n_examples=10), rows, [2, 5] * 5, marks)
    assert isinstance(model.estimator_, VotingRegressor)
    detector = model.estimator_.estimators_[0].named_steps["features"].transformer_list[1][1].named_steps["detect"]
    assert detector.n_sentences_fit_ > 0  # the evidence reached it through the wrapper
    with sklearn.config_context(enable_metadata_routing=True):
        # nobody asked for it: routing refuses, as scikit-learn's own meta-estimators do
        with pytest.raises(TypeError, match=r"^NearestLevelRegressor.fit got unexpected argument\(s\) \{'evidence'\}"):
            NearestLevelRegressor(LinearRegression()).fit([[1.0], [2.0]], [1.0, 2.0], evidence=[None, None])
