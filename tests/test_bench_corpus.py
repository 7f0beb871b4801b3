"""Smoke test: the corpus benchmark runs end to end on a generated corpus (keeps it from rotting)."""
import importlib
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def test_bench_corpus_quick_run(tiny_model, capsys):
    sys.path.insert(0, str(BENCH))
    try:
        bench = importlib.import_module("bench_corpus")
        r = bench.main(["--data", "", "--n", "30", "--repeats", "1", "--max-seconds", "0.3", "--quick", "--model", str(tiny_model)])
    finally:
        sys.path.remove(str(BENCH))
    assert r["corpus"]["source"].startswith("generated") and r["corpus"]["articles"] == 30
    assert 150 < r["corpus"]["mean_words"] < 350
    assert r["throughput"]["score_many_1"]["median"] > 0 and r["throughput"]["headlines"]["median"] > 0
    assert r["targets"]["score_many_articles_per_s"][1] in ("pass", "FAIL")
    out = capsys.readouterr().out
    assert "| score_many, 1 process" in out and '"throughput"' in out


def test_generated_corpus_cycles_into_distinct_articles():
    sys.path.insert(0, str(BENCH))
    try:
        bench = importlib.import_module("bench_corpus")
        corpus = importlib.import_module("corpus")
    finally:
        sys.path.remove(str(BENCH))
    base = list(corpus.articles(5, seed=3))
    rows = list(bench.cycled(base, 12))
    assert len({r["text"] for r in rows}) == 12 and len({r["id"] for r in rows}) == 12
    assert rows[5]["text"].startswith(base[0]["text"])
