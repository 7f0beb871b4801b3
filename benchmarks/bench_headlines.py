"""Headline scoring throughput: ``Scorer.score_headlines`` on 10,000 titles in one call.

    python benchmarks/bench_headlines.py [--data DIR] [--n 10000] [--model DIR]

With ``--data`` (or $RELIABILITY_DATA) the titles are CLICK-ID headlines
(repeated to ``--n``); without, team-written example titles. Prints one JSON
line: headlines/s (best of 3 runs), the share of time spent in the headline
cue features, and the model file size.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("RELIABILITY_DATA"))
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--model")
    args = ap.parse_args(argv)

    from reliability import Scorer
    from reliability.features import CueFeatures, to_columns

    if args.data:
        with open(Path(args.data) / "clickid" / "headlines.jsonl", encoding="utf-8") as fh:
            titles = [json.loads(line)["title"] for line in fh]
    else:
        titles = [json.loads(line)["title"] for line in (REPO / "labelled" / "examples.jsonl").open(encoding="utf-8")]
    titles = (titles * (args.n // len(titles) + 1))[:args.n]
    scorer = Scorer.load(args.model)
    scorer.score_headlines(titles[:100])  # warm-up
    best = min(_time(lambda: scorer.score_headlines(titles)) for _ in range(3))
    X = to_columns([(t, "") for t in titles])
    cues = CueFeatures(use_body=False).fit(X)
    cue_time = min(_time(lambda: cues.transform(X)) for _ in range(3))
    size = (Path(scorer.path) / "headline.joblib").stat().st_size
    print(json.dumps({"model": scorer.version, "n": len(titles), "headlines_per_s": round(len(titles) / best),
                      "seconds": round(best, 3), "cue_feature_share": round(cue_time / best, 2),
                      "headline_joblib_mb": round(size / 1e6, 2)}))


def _time(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
