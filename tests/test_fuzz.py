"""Property tests of scoring: arbitrary Unicode, titles, and mixtures of the lexicons' own words.

For every input: no exception but the documented ArticleError (empty input, or
nothing but page furniture); ``support`` in [0, 100]; ``sensational`` in
[0, 1] (None exactly when there is no headline); every body cue is exactly
``source[start:end]`` of the text given, every title cue exactly
``title[start:end]`` of the result's title; scoring twice, alone or in a
batch, gives the same result. Example counts keep the module under ~20 s on
2 cores.
"""
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability.article import ArticleError
from reliability.cues.cue import KINDS

LEXICONS = Path(__file__).resolve().parents[1] / "reliability" / "cues" / "lexicons"
ALLOWED_ERRORS = {"empty article", "no article body found (only page furniture or a headline)"}


def _lexicon_words() -> list[str]:
    """Every plain term of every lexicon, whole and word by word, as written and capitalised."""
    words = set()
    for tsv in sorted(LEXICONS.glob("*.tsv")):
        lines = [l for l in tsv.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
        for line in lines[1:]:  # after the header
            term = line.split("\t", 1)[0]
            if term.startswith("re:"):
                continue
            term = term.rstrip("*")
            words.add(term)
            words.update(term.split())
    words = sorted(w for w in words if w)
    return words + [w[:1].upper() + w[1:] for w in words] + [w.upper() for w in words[::7]]


WORDS = _lexicon_words()
# Glue between words: spaces, punctuation, quotes, line breaks, names, numbers,
# and scraped-page furniture, so mixtures reach every matcher and reader path.
GLUE = [" ", " ", " ", ", ", ". ", "! ", "? ", ": ", "\n", "\n\n", " \"", "\" ", " “", "” ", " (", ") ", " - ",
        " @akun_berita ", " Budi Santoso ", " AKBP ", " 2025 ", " Baca juga: ", "\nEditor: Rina\n", "\u200b", "\u00a0",
        " â€œ", "\r\n", "Home > Berita > "]
MIXTURE = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), min_size=1, max_size=40).map(
    lambda pairs: "".join(w + g for w, g in pairs))
TITLES = st.one_of(st.none(), st.text(max_size=60), MIXTURE.map(lambda s: s.replace("\n", " ")[:120]))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scorer(tiny_model):
    from reliability import Scorer
    return Scorer.load(tiny_model)


def check(scorer, text, title):
    """Score ``text``; assert every property; return the result's dict (or None for an ArticleError)."""
    try:
        r = scorer.score(text, title=title)
    except ArticleError as exc:
        assert str(exc) in ALLOWED_ERRORS, str(exc)
        again = pytest.raises(ArticleError, scorer.score, text, title=title)
        assert str(again.value) == str(exc)  # deterministic failures too
        return None
    assert 0.0 <= r.support <= 100.0
    assert r.support_level in (1, 2, 3, 4, 5)
    if r.title.strip():
        assert r.sensational is not None and 0.0 <= r.sensational <= 1.0
    else:
        assert r.sensational is None
    assert text.startswith(r.source)  # the source is the text given (or its capped prefix)
    for c in r.cues:
        assert c.kind in KINDS
        where = r.title if c.field == "title" else text
        assert 0 <= c.start <= c.end <= len(where)
        assert where[c.start:c.end] == c.text, (c, where[c.start - 5:c.end + 5])
    for s in r.sentences:
        assert s.kind in ("named", "relayed", "anonymous_or_social", "hedge") and 0.5 <= s.probability <= 1.0
        where = r.title if s.field == "title" else r.source
        assert 0 <= s.start < s.end <= len(where) and s.text.strip() == s.text and s.text
    row = r.to_dict()
    assert json.loads(json.dumps(row)) == row
    assert scorer.score(text, title=title).to_dict() == row  # deterministic
    assert next(scorer.score_many([{"text": text, "title": title}])).to_dict() == row  # batch == alone
    return row


@FUZZ
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=60)))
def test_arbitrary_unicode(scorer, text, title):
    check(scorer, text, title)


@FUZZ
@given(MIXTURE, TITLES)
def test_mixtures_of_lexicon_words(scorer, text, title):
    check(scorer, text, title)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(MIXTURE, st.text(max_size=80)), min_size=1, max_size=6))
def test_a_batch_keeps_every_item_and_its_order(scorer, texts):
    batch = list(scorer.score_many(texts, on_error="return"))
    assert len(batch) == len(texts)
    for text, got in zip(texts, batch):
        if isinstance(got, ArticleError):
            assert str(got) in ALLOWED_ERRORS
        else:
            assert got.to_dict() == scorer.score(text).to_dict()


def test_lexicon_words_are_found_and_the_vocabulary_is_real():
    # the fuzzer's vocabulary comes from the lexicons (hundreds of terms), and mixtures do find cues
    from reliability.cues import find_body_cues

    assert len(WORDS) > 300 and "dikabarkan" in WORDS
    rng = random.Random(1)
    found = sum(bool(find_body_cues(" ".join(rng.sample(WORDS, 12)))) for _ in range(50))
    assert found > 25
