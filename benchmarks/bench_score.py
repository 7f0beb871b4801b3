"""Speed and memory of scoring: start-up, per-article latency, batch throughput, peak RSS.

    python benchmarks/bench_score.py [--data DIR] [--n 500] [--model DIR]

With ``--data`` (or $RELIABILITY_DATA) it scores real articles from
``mainstream2025/articles.jsonl`` and ``clickid/articles.jsonl``; without, it
repeats the shipped example article. Prints one JSON line of results.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def real_articles(data_dir: Path, n: int) -> list[tuple[str, str]]:
    out = []
    for rel in ("mainstream2025/articles.jsonl", "clickid/articles.jsonl"):
        with open(data_dir / rel, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if (r.get("text") or "").strip():
                    out.append((r["text"], r.get("title") or None))
                if len(out) >= n * (1 + (rel != "mainstream2025/articles.jsonl")) // 2:
                    break
    return out[:n]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("RELIABILITY_DATA"))
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--model")
    args = ap.parse_args(argv)

    example = REPO / "examples" / "artikel_contoh.txt"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reliability", "score", str(example)], check=True, capture_output=True)
    cold_cli = time.perf_counter() - t

    t = time.perf_counter()
    import reliability  # noqa: F401
    import_s = time.perf_counter() - t
    from reliability import Scorer
    t = time.perf_counter()
    scorer = Scorer.load(args.model)
    load_s = time.perf_counter() - t

    if args.data:
        items = real_articles(Path(args.data), args.n)
    else:
        items = [(example.read_text(encoding="utf-8"), None)] * args.n
    texts = [t for t, _ in items]
    titles = [h for _, h in items]
    chars = sum(map(len, texts))

    scorer.score(texts[0], title=titles[0])  # warm-up
    lat = []
    for text, title in zip(texts[:100], titles[:100]):
        t = time.perf_counter()
        scorer.score(text, title=title)
        lat.append(time.perf_counter() - t)
    lat.sort()

    t = time.perf_counter()
    for _ in scorer.score_many({"text": t, "title": h} for t, h in zip(texts, titles)):
        pass
    batch_s = time.perf_counter() - t

    result = {
        "articles": len(texts), "mean_chars": round(chars / len(texts)),
        "cold_cli_one_article_s": round(cold_cli, 3),
        "import_reliability_s": round(import_s, 4), "model_load_s": round(load_s, 3),
        "latency_ms_p50": round(1000 * lat[len(lat) // 2], 2),
        "latency_ms_p95": round(1000 * lat[int(len(lat) * 0.95)], 2),
        "batch_articles_per_s": round(len(texts) / batch_s, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "source": "data" if args.data else "example article",
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
