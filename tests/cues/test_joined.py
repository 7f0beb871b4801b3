"""Scanning many headlines as one string (reliability.cues.joined) finds exactly what scanning each finds."""
from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from reliability.cues import _title_cues, find_title_cues, joined, lexicon
from reliability.cues.joined import SEP, TextBatch, active_batch, joinable, scan_together
from reliability.cues.lexicon import BOUNDARY, Matcher, parse_lexicon
from reliability.features import cue_feature_matrix, cue_feature_row, to_columns

from test_wordindex import _MATCHERS, texts  # the generated text of the word-index tests

TITLES = [
    "Heboh! Artis Ini Dikabarkan Menikah Diam-diam",
    "KPK Periksa Pejabat DPR Soal Kasus Ini",
    "5 Fakta Unik Pulau Seribu, Nomor 3 Bikin",  # ends on "Bikin": the next headline must not finish it
    "Bikin Kaget",
    "VIRAL DI MEDSOS: Video Warganet Tolong Share",
    "Kabar Burung Soal Harga BBM Naik Belum Terverifikasi?",
    "",
    "Heboh! Artis Ini Dikabarkan Menikah Diam-diam",  # a repeat
    "Ia\x00Dikabarkan Pergi",  # holds the separator itself
    "Unggahan Instagram @akun_x Ramai",
]


def _one_by_one(m: Matcher, text: str):
    return [(e, s, t - 1) for s, t, e in m.spans("\n" + text)]


def test_the_title_lexicons_are_joinable():
    for name in ("clickbait", "hedge", "unverified", "social"):
        assert joinable(lexicon.matcher(name).plain_source), name


@pytest.mark.parametrize("source, ok", [
    (BOUNDARY + r"(?:kabar\s+burung)(?!\w)", True),
    (BOUNDARY + r"kabar\b", True),
    (BOUNDARY + r"(?<![,\"]\s)katanya", True),
    (BOUNDARY + r"kabar.*", False),       # "." takes the NUL
    (BOUNDARY + r"kabar[^a]", False),     # so does a negated class
    (BOUNDARY + r"kabar\W", False),
    (BOUNDARY + r"kabar\S+", False),
    (BOUNDARY + r"kabar$", False),        # the end of a text is not the end of the batch
    (BOUNDARY + r"\Akabar", False),
    (BOUNDARY + "kabar[\x00-\x1f]", False),
    (r"kabar", False),                    # not a scanning pattern
    (r"(", False),                        # not a regex
])
def test_joinable(source, ok):
    assert joinable(source) is ok


def test_batch_matches_equal_one_by_one_for_every_lexicon():
    batch = TextBatch(TITLES)
    for m in _MATCHERS:
        for t in TITLES:
            assert [(e, s, e2 - 1) for s, e2, e in batch.matches(m, t)] == _one_by_one(m, t)
    assert batch.matches(_MATCHERS[0], "not in the batch") is None


@settings(max_examples=200, deadline=None)
@given(st.lists(texts(), min_size=1, max_size=8))
def test_batch_equals_one_by_one_on_generated_text(batch_texts):
    with scan_together(batch_texts):
        together = [[list(m.finditer(t)) for m in _MATCHERS] for t in batch_texts]
    assert together == [[_one_by_one(m, t) for m in _MATCHERS] for t in batch_texts]


def test_a_match_that_begins_on_the_separator_is_rescanned_alone():
    # "\s*" after the boundary can take the "\n" that pads the next text, so
    # the joined search finds a match starting on the NUL; both texts are then
    # scanned on their own.
    m = Matcher(parse_lexicon("test.tsv", "term\tkind\tweight\tnote\nre:\\s*kabar\thedge\t1\ttest\n"))
    assert joinable(m.plain_source)
    texts_ = ["ada", "kabar itu", "ada kabar"]
    batch = TextBatch(texts_)
    got = [[(e, s, t - 1) for s, t, e in batch.matches(m, x)] for x in texts_]
    assert got == [_one_by_one(m, x) for x in texts_]
    assert [len(g) for g in got] == [0, 1, 1]
    assert batch._scan(m)[:2] == [None, None]  # what the joined search left to scan alone


def test_a_text_holding_the_separator_is_scanned_alone():
    m = lexicon.matcher("hedge")
    batch = TextBatch(["Ia\x00Dikabarkan Pergi", "Konon Kaya"])
    assert SEP == "\x00"
    assert [(e.term, s) for s, _, e in batch.matches(m, "Ia\x00Dikabarkan Pergi")] == [("dikabarkan", 3)]
    assert batch._scan(m)[0] is None and [(s, e.term) for s, _, e in batch._scan(m)[1]] == [(0, "konon")]


def test_title_cues_equal_inside_and_outside_a_batch():
    _title_cues.cache_clear()
    alone = [find_title_cues(t) for t in TITLES]
    _title_cues.cache_clear()
    with scan_together(TITLES):
        together = [find_title_cues(t) for t in TITLES]
    assert together == alone
    # "Bikin" ending a headline is no marker, although the next one goes on with "Bikin Kaget"
    assert [(c.kind, c.text, c.start) for c in together[2]] == [("clickbait_marker", "5 Fakta", 0)]
    assert [(c.kind, c.text, c.start) for c in together[3]] == [("clickbait_marker", "Bikin Kaget", 0)]


def test_cue_feature_matrix_equals_rows():
    _title_cues.cache_clear()
    X = to_columns([(t, "") for t in TITLES])
    got = cue_feature_matrix(X, use_body=False)
    _title_cues.cache_clear()
    want = np.array([cue_feature_row(t, "", use_body=False) for t in TITLES])
    assert np.array_equal(got, want)


def test_the_batch_belongs_to_its_thread():
    seen = []
    with scan_together(["Konon Kaya"]) as batch:
        assert active_batch() is batch
        t = threading.Thread(target=lambda: seen.append(active_batch()))
        t.start()
        t.join()
        with scan_together(["Inner"]) as inner:
            assert active_batch() is inner
        assert active_batch() is batch
    assert seen == [None]
    assert active_batch() is None


def test_batches_do_not_leak_between_uses():
    with scan_together(["Konon Kaya"]):
        pass
    assert joined.active_batch() is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts(), st.text(max_size=60)))
def test_batch_index_finds_the_offsets_of_the_text_index(text):
    from reliability.cues.joined import _BatchIndex
    from reliability.cues.wordindex import text_index

    full = text_index.__wrapped__(text)
    mine = _BatchIndex.of(text)
    assert (mine is None) == (full is None)
    if full is None:
        return
    assert mine.vocabulary == full.vocabulary
    words = sorted(full.vocabulary)
    mine.prepare(words[::2])  # some prepared together, the rest when asked for
    assert {w: mine.offsets(w) for w in words} == {w: full.offsets(w) for w in words}
    assert mine.offsets("not-a-word-here") == []
