"""The sentence detector: splitting, aggregation, marked-phrase labels, and the SentenceSourcing estimator."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.utils.estimator_checks import parametrize_with_checks

from reliability.features import to_columns
from reliability.sentences import (aggregate, body_sentence_spans, feature_names, sentence_labels, sentence_rows,
                                  split_sentences)
from reliability.transformers import SentenceSourcing

from test_features import _expected_failures

HEDGED = ("Artis Dikabarkan Menikah", "Kabarnya artis itu menikah di Bali. Kabar itu belum dikonfirmasi.")
NAMED = ("Polisi Tangkap Pencuri", '"Pelaku sudah kami tahan," kata Kapolres Bogor AKBP Dedi. Barang bukti disita.')
RELAYED = ("Tentara Membelot", "Dilansir dari Daily Star, ratusan tentara membelot. Belum ada tanggapan.")
ROWS = to_columns([HEDGED, NAMED, RELAYED] * 4)
MARKS = [{"hedges": ["Kabarnya"], "named_sources": [], "relayed_from": [], "anonymous_or_social": []},
         {"named_sources": ["kata Kapolres Bogor AKBP Dedi"], "hedges": []},
         {"relayed_from": ["Dilansir dari Daily Star"]}] * 4


@parametrize_with_checks([SentenceSourcing()], expected_failed_checks=_expected_failures, xfail_strict=True)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_split_keeps_a_quote_with_its_speaker_and_splits_at_sentence_ends():
    assert split_sentences(" Judul ", 'Satu dua. "Kami siap," kata dia. "Sudah." Tiga!\nEmpat empat\n\nok') == [
        "Judul", "Satu dua.", '"Kami siap," kata dia.', '"Sudah."', "Tiga!", "Empat empat"]
    assert split_sentences("", "") == []


def test_sentence_rows_number_every_sentence_with_its_article_title_flag_and_position():
    texts, doc, is_title, position = sentence_rows(to_columns([("Judul", "Satu satu. Dua dua."), ("", ""),
                                                               ("", "Hanya satu kalimat.")]))
    assert texts == ["Judul", "Satu satu.", "Dua dua.", "Hanya satu kalimat."]
    assert doc.tolist() == [0, 0, 0, 2]
    assert is_title.tolist() == [1.0, 0.0, 0.0, 0.0]
    assert position.tolist() == [0.0, 0.5, 1.0, 0.0]


def test_aggregate_sums_maxes_title_lead_and_count_per_kind():
    # article 0: title + 4 body sentences (the 4th is past the lead); article 1: none; article 2: one body sentence
    P = np.zeros((6, 4))
    P[:, 0] = [0.9, 0.1, 0.2, 0.3, 0.95, 0.6]
    doc = np.array([0, 0, 0, 0, 0, 2])
    is_title = np.array([1.0, 0, 0, 0, 0, 0])
    F = aggregate(P, doc, is_title, 3)
    names = feature_names()
    row = dict(zip(names, F[0]))
    assert (round(row["named_sum"], 6), row["named_max"], row["named_title"], row["named_lead"], row["named_count"]) \
        == (2.45, 0.95, 0.9, 0.3, 2.0)
    assert not F[1].any()
    assert dict(zip(names, F[2]))["named_lead"] == 0.6 and dict(zip(names, F[2]))["named_title"] == 0.0
    assert F.shape == (3, 20) and len(names) == 20


def test_sentence_labels_match_marked_phrases_case_insensitively_by_kind():
    texts, doc, _, _ = sentence_rows(ROWS[:3])
    y = sentence_labels(texts, doc, MARKS[:3])
    hit = {texts[i]: [k for k in range(4) if y[i, k]] for i in range(len(texts)) if y[i].any()}
    assert hit == {"Kabarnya artis itu menikah di Bali.": [3],
                   '"Pelaku sudah kami tahan," kata Kapolres Bogor AKBP Dedi.': [0],
                   "Dilansir dari Daily Star, ratusan tentara membelot.": [1]}


def test_detector_learns_each_kind_from_the_marks():
    f = SentenceSourcing(cv=2).fit(ROWS, evidence=MARKS)
    names = list(f.get_feature_names_out())
    F = f.transform(to_columns([("", "Kabarnya harga naik."), ("", "Dilansir dari Daily Star, harga naik.")]))
    hedge, relayed = names.index("hedge_max"), names.index("relayed_max")
    # each sentence scores higher for its own kind than the other sentence does, and than for the other kind
    assert F[0, hedge] > max(F[1, hedge], F[0, relayed]) and F[1, relayed] > max(F[0, relayed], F[1, hedge])
    assert f.n_sentences_fit_ == 12 * 2 + 12  # 12 titles, two body sentences each


def test_fit_transform_is_cross_fitted_and_transform_is_not():
    f = SentenceSourcing(cv=2)
    crossed = f.fit_transform(ROWS, evidence=MARKS)
    assert not np.allclose(crossed, f.transform(ROWS))
    np.testing.assert_allclose(crossed, clone(f).fit_transform(ROWS, evidence=MARKS))  # seeded folds


def test_rows_without_evidence_do_not_train_the_detector():
    unknown = [None] * len(ROWS)
    f = SentenceSourcing(cv=2).fit(ROWS, evidence=unknown)
    assert f.n_sentences_fit_ == 0 and np.abs(f.transform(ROWS)).max() < 1e-12
    half = SentenceSourcing(cv=2).fit(ROWS, evidence=MARKS[:6] + unknown[6:])
    assert half.n_sentences_fit_ == 6 * 3


def test_no_evidence_gives_zero_features_and_wrong_length_is_a_clear_error():
    assert np.abs(SentenceSourcing().fit_transform(ROWS)).max() < 1e-12  # e^-30 per sentence
    with pytest.raises(ValueError, match="^evidence has 2 rows for 12 rows of X$"):
        SentenceSourcing().fit(ROWS, evidence=MARKS[:2])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\"”,\n\t") + ["\u00a0", "\u2029"]), max_size=80))
def test_split_and_spans_give_the_same_sentences(body):
    assert split_sentences("", body) == [body[a:b] for a, b in body_sentence_spans(body)]


def _spans_by_scanning(body):
    import re
    end = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"”])\s+|\n+")
    spans, start = [], 0
    for a, b in [m.span() for m in end.finditer(body)] + [(len(body), len(body))]:
        piece = body[start:a]
        lo, hi = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if hi - lo > 2:
            spans.append((lo, hi))
        start = b
    return spans


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\"”,\n\t\x1c") + ["\u00a0", "\u2029", "\u3000"]), max_size=80))
def test_sentence_spans_are_where_a_scan_finds_them(body):
    assert body_sentence_spans(body) == _spans_by_scanning(body)
