"""Check that scoring output is byte-identical before and after a change (for speed work).

    python benchmarks/check_identical.py --data ../shared/data --n 3000 --write /tmp/before.jsonl
    # ... change the code ...
    python benchmarks/check_identical.py --data ../shared/data --n 3000 --compare /tmp/before.jsonl

Scores the first ``--n`` articles of ``clickid/unlabelled.jsonl.gz`` plus every
article of ``support/labels.jsonl`` (in score_many batches, the real path) and
writes one JSON line per article: ``Result.to_dict()`` (cues with spans,
rounded scores, counts, warnings), the unrounded model outputs, the cue
feature row, and digests of what ``read_article`` made (title, body, the
per-character source mapping, furniture, paragraphs). ``--compare`` recomputes
the same and reports every line that differs (0 differences: exit 0).

The output holds article text (cue spans): keep it outside the repository.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from itertools import islice
from pathlib import Path


def rows(data: Path, n: int):
    with gzip.open(data / "clickid" / "unlabelled.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(islice(fh, n)):
            r = json.loads(line)
            yield {"key": f"unlabelled:{i}", "text": r.get("text") or "", "title": r.get("title") or None}
    with open(data / "support" / "labels.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            r = json.loads(line)
            yield {"key": f"labels:{i}", "text": r.get("text") or "", "title": r.get("title") or None}


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:20]


def records(data: Path, n: int, batch_size: int = 256):
    from reliability import Scorer
    from reliability.article import ArticleError
    from reliability.features import cue_feature_row, to_columns
    from reliability.scorer import read_scorable

    scorer = Scorer.load()
    model = scorer._model
    items = list(rows(data, n))
    for b in range(0, len(items), batch_size):
        batch = items[b:b + batch_size]
        results = list(scorer.score_many(({"text": it["text"], "title": it["title"]} for it in batch),
                                         batch_size=batch_size, on_error="return"))
        for it, res in zip(batch, results):
            rec = {"key": it["key"]}
            if isinstance(res, ArticleError):
                rec["error"] = str(res)
                yield rec
                continue
            rec["result"] = res.to_dict()
            art = read_scorable(it["text"], it["title"])
            X = to_columns([art])
            rec["support_raw"] = repr(float(model.support.predict(X)[0]))
            rec["sensational_raw"] = (repr(float(model.headline.predict_proba(X)[0, 1]))
                                      if art.title.strip() else None)
            rec["features"] = [repr(float(v)) for v in cue_feature_row(art.title, art.body)]
            rec["article"] = {
                "title": _digest(art.title), "body": _digest(art.body), "title_span": art.title_span,
                "dateline": art.dateline,
                "map": _digest([art._body_starts, art._body_ends, art._title_starts, art._title_ends]),
                "furniture": _digest([(f.start, f.end, f.reason) for f in art.furniture]),
                "paragraphs": _digest([(p.body_start, p.start, p.end, p.text) for p in art.paragraphs]),
                "warnings": list(art.warnings),
            }
            yield rec


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="public data folder (../shared/data)")
    ap.add_argument("--n", type=int, default=3000, help="rows of clickid/unlabelled.jsonl.gz (default 3000)")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", metavar="FILE", help="write the records to FILE (JSON Lines)")
    mode.add_argument("--compare", metavar="FILE", help="compare with FILE written by --write")
    ap.add_argument("--show", type=int, default=5, help="differences to print in full (default 5)")
    args = ap.parse_args(argv)
    data = Path(args.data)
    t0 = time.perf_counter()
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records(data, args.n)]
    took = time.perf_counter() - t0
    if args.write:
        Path(args.write).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} records to {args.write} in {took:.1f} s")
        return 0
    old = Path(args.compare).read_text(encoding="utf-8").splitlines()
    diffs = 0
    if len(old) != len(lines):
        print(f"record count differs: {len(old)} before, {len(lines)} now")
        diffs += 1
    for a, b in zip(old, lines):
        if a != b:
            diffs += 1
            if diffs <= args.show:
                ra, rb = json.loads(a), json.loads(b)
                print(f"--- {ra.get('key')} differs:")
                for k in sorted(set(ra) | set(rb)):
                    if ra.get(k) != rb.get(k):
                        print(f"  {k}:\n    before {json.dumps(ra.get(k), ensure_ascii=False)[:2000]}\n"
                              f"    now    {json.dumps(rb.get(k), ensure_ascii=False)[:2000]}")
    print(f"{len(lines)} records compared in {took:.1f} s: {diffs} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
