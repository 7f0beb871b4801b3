"""Concurrent use: one Scorer shared by 16 threads gives exactly the single-thread results, and the
module-level ``reliability.score()`` loads its model once however many threads call it first."""
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import samples

N_ARTICLES = 1000
N_THREADS = 16


def _articles(n, seed=5):
    """n different articles: paragraphs of the hand-written samples, shuffled and recombined."""
    pools = [getattr(samples, name) for name in dir(samples) if name.startswith(("RAW_", "CLI_")) and
             isinstance(getattr(samples, name), str) and "\n" in getattr(samples, name) and "FURNITURE" not in name]
    sentences = [getattr(samples, name) for name in dir(samples) if name.isupper() and
                 isinstance(getattr(samples, name), str) and "\n" not in getattr(samples, name)
                 and len(getattr(samples, name)) > 25]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = rng.choice(pools).splitlines()
        extra = rng.sample(sentences, k=rng.randint(0, 4))
        lines = base[:1] + rng.sample(base[1:], k=max(1, len(base) - 1 - rng.randint(0, 3))) + extra
        out.append("\n".join(lines) + f"\nPetugas mencatat laporan nomor {i} itu dalam arsip redaksi pada hari yang sama.")
    titles = [None if i % 3 else f"Judul Uji Nomor {i}" for i in range(n)]
    return out, titles


@pytest.fixture(scope="module")
def scorer(tiny_model):
    from reliability import Scorer
    return Scorer.load(tiny_model)


def _row(result):
    return result.to_dict(), result.source, result.warnings


def test_16_threads_sharing_one_scorer_match_single_thread(scorer):
    texts, titles = _articles(N_ARTICLES)
    assert len(set(texts)) == N_ARTICLES
    # The reference: one thread, in batches (score_many equals score one by one: test_scorer.py).
    expected = []
    for j in range(0, N_ARTICLES, 100):
        expected += [_row(r) for r in scorer.score_many(
            {"text": t, "title": h} for t, h in zip(texts[j:j + 100], titles[j:j + 100]))]
    assert expected[7] == _row(scorer.score(texts[7], title=titles[7]))

    start = threading.Barrier(N_THREADS)
    got = [None] * N_ARTICLES

    def work(k):
        start.wait()  # all threads start together: maximum interleaving
        mine = list(range(k, N_ARTICLES, N_THREADS))
        rng = random.Random(k)
        j = 0
        while j < len(mine):  # singles and batches of up to 12, mixed
            chunk = mine[j:j + rng.choice((1, 1, 3, 6, 12))]
            if len(chunk) == 1:
                got[chunk[0]] = _row(scorer.score(texts[chunk[0]], title=titles[chunk[0]]))
            else:
                results = scorer.score_many([{"text": texts[i], "title": titles[i]} for i in chunk])
                for i, r in zip(chunk, results):
                    got[i] = _row(r)
            j += len(chunk)
        return len(mine)

    with ThreadPoolExecutor(N_THREADS) as pool:
        assert sum(pool.map(work, range(N_THREADS))) == N_ARTICLES
    mismatches = [i for i in range(N_ARTICLES) if got[i] != expected[i]]
    assert mismatches == []


def test_concurrent_first_calls_of_module_score_load_the_model_once(monkeypatch):
    import time

    import reliability
    from reliability import scorer as scorer_module

    monkeypatch.setattr(scorer_module, "_DEFAULT", None)  # as in a fresh process
    loads = []
    real_load = scorer_module.load_model

    def counting_load(*args, **kw):
        loads.append(threading.get_ident())
        time.sleep(0.3)  # a slow disk: widen the window in which a second load could start
        return real_load(*args, **kw)

    monkeypatch.setattr(scorer_module, "load_model", counting_load)
    start = threading.Barrier(N_THREADS)
    text = samples.CLI_POLICE

    def first_call(_):
        start.wait()
        return reliability.score(text).to_dict()

    with ThreadPoolExecutor(N_THREADS) as pool:
        results = list(pool.map(first_call, range(N_THREADS)))
    assert len(loads) == 1
    assert all(r == results[0] for r in results)
    assert scorer_module.default_scorer() is scorer_module.default_scorer()
    assert len(loads) == 1
    # the counter does count: two explicit loads are two
    scorer_module.Scorer.load()
    assert len(loads) == 2


def test_failed_first_load_is_retried_not_cached(monkeypatch):
    import reliability
    from reliability import scorer as scorer_module
    from reliability.modelstore import ModelError

    monkeypatch.setattr(scorer_module, "_DEFAULT", None)
    real_load = scorer_module.load_model
    calls = []

    def flaky(*args, **kw):
        calls.append(1)
        if len(calls) == 1:
            raise ModelError("model folder not found (first try)")
        return real_load(*args, **kw)

    monkeypatch.setattr(scorer_module, "load_model", flaky)
    with pytest.raises(ModelError, match="first try"):
        reliability.score(samples.CLI_POLICE)
    assert reliability.score(samples.CLI_POLICE).support >= 0
    assert len(calls) == 2
