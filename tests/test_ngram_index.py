"""The batch indexers of :mod:`reliability.compiled`: exactly the columns scikit-learn's analyzer and vocabulary give.

Each indexer maps a batch of documents to ``(row, col)``, one pair per term
occurrence. Compared here, as sorted lists of pairs, with
``TfidfVectorizer.build_analyzer()`` looked up in ``vocabulary_`` document by
document. The texts are short Indonesian sentences written for these tests.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from reliability.compiled import (_analyzer, _CharWbIndex, _indexer, _tfidf_settings, _unique_counts,
                                  _WordNgramIndex)

# Every document has "yang" and most have "di": with max_df=0.6 those unigrams
# are pruned while bigrams holding them ("yang viral", "di jakarta") stay.
CORPUS = [
    "Video yang viral di media sosial itu ternyata rekaman lama.",
    "Warga yang tinggal di Jakarta Utara mengeluhkan banjir rob.",
    "Polisi menyebut video yang viral itu direkam di Bogor.",
    "Harga cabai yang naik membuat pedagang di pasar mengeluh.",
    "Kata polisi, pelaku yang ditangkap di rumahnya sudah mengaku.",
    "Banjir yang melanda Jakarta Utara surut pada sore hari.",
    "Menurut warga di sana, rekaman yang beredar itu bukan kejadian baru.",
    "Pedagang cabai yang ditemui mengaku untung tipis, kata polisi.",
]

DOCS = [
    "",                                        # empty
    "   \n\t ",                                # whitespace only
    "Banjir",                                  # one token: no bigram
    "a",                                       # one character: no token at all
    "VIDEO YANG VIRAL",                        # uppercase
    "video yang viral, video yang viral lagi",  # repeated terms and bigrams
    "xyzzy qwerty yang zzz",                   # unknown words, around a pruned unigram
    "Warga Jakarta Utara kata polisi",         # ends with "kata polisi"...
    "Kata",                                    # ...a document boundary between "kata" and "polisi"
    "polisi menyebut rekaman lama",
    "yang viral",                              # a kept bigram whose two unigrams may be pruned
    "Harga cabai di pasar, di Jakarta.",
]


def expected_pairs(vec, docs):
    """(row, col) of every term occurrence, from scikit-learn's analyzer and vocabulary, sorted."""
    analyze, vocabulary = vec.build_analyzer(), vec.vocabulary_
    return sorted((i, vocabulary[t]) for i, doc in enumerate(docs) for t in analyze(doc) if t in vocabulary)


def indexed_pairs(index, docs):
    row, col = index(list(docs))
    assert row.dtype == col.dtype == np.int64 and row.shape == col.shape
    return sorted(zip(row.tolist(), col.tolist()))


def compiled_index(vec):
    settings = _tfidf_settings(vec)
    return _indexer(settings, dict(vec.vocabulary_))


def per_doc_pairs(vec, docs):
    """The same from the compiled per-document analyzer (the path kept for other settings)."""
    analyze, vocabulary = _analyzer(_tfidf_settings(vec)), vec.vocabulary_
    return sorted((i, vocabulary[t]) for i, doc in enumerate(docs) for t in analyze(doc) if t in vocabulary)


@pytest.fixture(scope="module")
def pruned():
    return TfidfVectorizer(ngram_range=(1, 2), max_df=0.6).fit(CORPUS)


def test_the_corpus_prunes_unigrams_but_keeps_their_bigrams(pruned):
    vocabulary = pruned.vocabulary_
    assert "yang" not in vocabulary and "di" not in vocabulary
    assert {"yang viral", "video yang", "di jakarta", "kata polisi"} <= set(vocabulary)
    assert {"viral", "jakarta", "polisi"} <= set(vocabulary)


def test_word_bigrams_use_the_vectorised_index(pruned):
    assert isinstance(compiled_index(pruned), _WordNgramIndex)
    assert not isinstance(compiled_index(TfidfVectorizer(ngram_range=(1, 3)).fit(CORPUS)), _WordNgramIndex)


def test_word_index_equals_scikit_learn(pruned):
    index = compiled_index(pruned)
    got = indexed_pairs(index, DOCS)
    assert got == expected_pairs(pruned, DOCS)
    v = pruned.vocabulary_
    by_doc = {i: sorted(c for r, c in got if r == i) for i in range(len(DOCS))}
    assert by_doc[0] == by_doc[1] == by_doc[3] == []
    assert by_doc[2] == [v["banjir"]]
    assert by_doc[4] == sorted([v["video"], v["viral"], v["video yang"], v["yang viral"]])
    assert "viral video" not in v and "lagi" not in v
    assert by_doc[5] == sorted([v["video"], v["viral"], v["video yang"], v["yang viral"]] * 2)
    assert by_doc[6] == []  # "yang" pruned, the rest unknown
    assert by_doc[8] == [v["kata"]]  # "kata" | "polisi" across documents is no bigram
    assert v["kata polisi"] in by_doc[7]
    assert by_doc[10] == sorted([v["viral"], v["yang viral"]])
    assert by_doc[11] == sorted([v["harga"], v["cabai"], v["harga cabai"], v["pasar"], v["jakarta"],
                                 v["di pasar"], v["di jakarta"]])


def test_word_index_of_no_documents_and_of_a_long_batch(pruned):
    index = compiled_index(pruned)
    row, col = index([])
    assert row.tolist() == col.tolist() == []
    docs = (DOCS + CORPUS) * 30
    assert indexed_pairs(index, docs) == expected_pairs(pruned, docs) == per_doc_pairs(pruned, docs)


@pytest.mark.parametrize("params", [
    {"ngram_range": (1, 1)},
    {"ngram_range": (2, 2)},
    {"ngram_range": (1, 2), "lowercase": False},
    {"ngram_range": (1, 2), "max_features": 25},
    {"ngram_range": (1, 2), "token_pattern": r"(?u)\b(\w)\w+\b"},  # the group: first letters only
    {"ngram_range": (1, 2), "token_pattern": r"[^,.]+"},  # tokens with spaces in them
    {"ngram_range": (1, 2), "token_pattern": r"\w*"},  # empty tokens too
])
def test_word_index_equals_scikit_learn_for_other_settings(params):
    vec = TfidfVectorizer(**params).fit(CORPUS)
    docs = DOCS + CORPUS + ["Jakarta Utara, kata polisi. Yang viral", "yang  viral", "Yang Viral"]
    assert isinstance(compiled_index(vec), _WordNgramIndex)
    assert indexed_pairs(compiled_index(vec), docs) == expected_pairs(vec, docs)


WORDS = ["yang", "Yang", "viral", "VIRAL", "video", "di", "Jakarta", "utara", "kata", "polisi", "xyzzy", "a",
         "cabai", "rekaman", "lama"]
SEPARATORS = [" ", "  ", ", ", ".\n", "\t", "-", "'"]


@settings(max_examples=150, deadline=None)
@given(docs=st.lists(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12)
                     .map(lambda ws: "".join(w + s for w, s in ws)), max_size=8),
       ngram_range=st.sampled_from([(1, 1), (1, 2), (2, 2)]), lowercase=st.booleans())
def test_word_index_property(pruned, docs, ngram_range, lowercase):
    vec = TfidfVectorizer(ngram_range=ngram_range, lowercase=lowercase, max_df=0.6).fit(CORPUS)
    got = indexed_pairs(compiled_index(vec), docs)
    assert got == expected_pairs(vec, docs) == per_doc_pairs(vec, docs)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.integers(0, 2**40), max_size=60) | st.lists(st.integers(0, 5), max_size=60))
def test_unique_counts_equal_numpy_unique(keys):
    keys = np.asarray(keys, dtype=np.int64)
    got_keys, got_counts = _unique_counts(keys)
    want_keys, want_counts = np.unique(keys, return_counts=True)
    assert got_keys.tolist() == want_keys.tolist() and got_counts.tolist() == want_counts.tolist()
    assert got_keys.dtype == want_keys.dtype and got_counts.dtype == want_counts.dtype


# --- char_wb

CHAR_DOCS = DOCS + [
    "Heboh!  Warga\tJakarta\n\nPanik",  # runs of whitespace
    "di\u00a0Jakarta\u3000Utara",  # no-break and ideographic spaces
    "a b c",  # one-letter words: shorter than most n-grams
    "Viral viral VIRAL viral",  # repeats, in three cases
    "Rekaman-lama 'beredar' (lagi)?",
]


@pytest.fixture(scope="module", params=[
    {"ngram_range": (2, 5), "lowercase": False},  # as the headline model
    {"ngram_range": (1, 3)},
    {"ngram_range": (3, 3), "max_df": 0.6},
])
def char_wb(request):
    return TfidfVectorizer(analyzer="char_wb", **request.param).fit(CORPUS + CHAR_DOCS)


def test_char_wb_index_equals_scikit_learn(char_wb):
    index = compiled_index(char_wb)
    assert isinstance(index, _CharWbIndex)
    assert indexed_pairs(index, CHAR_DOCS) == expected_pairs(char_wb, CHAR_DOCS)
    # Again, every word now in the table; and in other batches, alone and mixed with new words.
    assert indexed_pairs(index, CHAR_DOCS) == expected_pairs(char_wb, CHAR_DOCS)
    for docs in (CHAR_DOCS[::-1], ["Kata"], [""], [], CORPUS + CHAR_DOCS, ["Kata polisi xyzzy"] + CHAR_DOCS):
        assert indexed_pairs(index, docs) == expected_pairs(char_wb, docs)


def test_char_wb_table_starts_again_past_its_bound(char_wb):
    index = _CharWbIndex(_tfidf_settings(char_wb), dict(char_wb.vocabulary_), max_words=6)
    for i in range(0, len(CORPUS + CHAR_DOCS), 3):
        docs = (CORPUS + CHAR_DOCS)[i:i + 3]
        assert indexed_pairs(index, docs) == expected_pairs(char_wb, docs)
        distinct = set(" ".join(docs).lower().split() if char_wb.lowercase else " ".join(docs).split())
        assert len(index._word_id) <= max(6, len(distinct))
    # A batch of more distinct words than the bound is indexed whole.
    assert indexed_pairs(index, CORPUS) == expected_pairs(char_wb, CORPUS)


def test_char_wb_table_shared_by_threads(char_wb):
    import threading

    # A small bound: the threads grow, read and start again the same table.
    index = _CharWbIndex(_tfidf_settings(char_wb), dict(char_wb.vocabulary_), max_words=40)
    docs = CORPUS + CHAR_DOCS
    batches = [docs[i % len(docs):i % len(docs) + 1 + i % 4] for i in range(400)]
    wanted = [expected_pairs(char_wb, batch) for batch in batches]
    failures = []
    start = threading.Barrier(8)

    def work(k):
        start.wait()
        for j in range(k, len(batches), 8):
            if indexed_pairs(index, batches[j]) != wanted[j]:
                failures.append(j)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


CHAR_WORDS = WORDS + ["Σ", "ΣΑΣ", "İstanbul", "é", "e\u0301", "ß", "x_y", "12", "—"]
CHAR_SEPARATORS = SEPARATORS + ["\u00a0", "\u2003", "\r\n", "\x0b", "\x1c"]


@settings(max_examples=150, deadline=None)
@given(docs=st.lists(st.lists(st.tuples(st.sampled_from(CHAR_WORDS), st.sampled_from(CHAR_SEPARATORS)), max_size=10)
                     .map(lambda ws: "".join(w + s for w, s in ws)), max_size=6),
       lowercase=st.booleans())
def test_char_wb_index_property(docs, lowercase):
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=lowercase).fit(CORPUS + CHAR_WORDS)
    index = _CharWbIndex(_tfidf_settings(vec), dict(vec.vocabulary_), max_words=8)
    for batch in (docs, docs[::-1], docs):  # a cold table, then a warm one (or one started again)
        assert indexed_pairs(index, batch) == expected_pairs(vec, batch) == per_doc_pairs(vec, batch)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab1_ é\u00a0-.,\n\u0301\u00c9") + ["ya", "di", "x"]), max_size=40).map("".join))
def test_the_faster_token_regex_finds_exactly_the_default_patterns_tokens(text):
    import re

    from reliability.compiled import _DEFAULT_TOKEN_PATTERN, _token_regex

    assert _token_regex(_DEFAULT_TOKEN_PATTERN).findall(text) == re.compile(_DEFAULT_TOKEN_PATTERN).findall(text)
    assert _token_regex(_DEFAULT_TOKEN_PATTERN).pattern != _DEFAULT_TOKEN_PATTERN
    assert _token_regex(r"(?u)\b\w+\b").pattern == r"(?u)\b\w+\b"  # any other pattern is used as it is


def test_a_batch_scored_in_several_passes_gives_the_same_numbers(monkeypatch):
    import reliability.compiled as compiled
    from reliability.features import to_columns
    from reliability.modelstore import load_model

    import samples

    model = load_model()  # the shipped model: a char_wb sentence detector, word and char_wb TF-IDF
    texts = [samples.CLI_POLICE, samples.RAW_CAPTION_TAGS, samples.RAW_RELATED_COPYRIGHT, samples.RAW_MOJIBAKE]
    X = to_columns([(f"Judul {i}", t) for i, t in enumerate(texts * 4)])
    whole = model.support.predict(X), model.headline.predict_proba(X)
    monkeypatch.setattr(compiled, "DOCS_PER_PASS", 3)  # sentences, bodies and titles in passes of three
    parts = model.support.predict(X), model.headline.predict_proba(X)
    np.testing.assert_array_equal(parts[0], whole[0])
    np.testing.assert_array_equal(parts[1], whole[1])
