"""How well the cue finders agree with the phrases annotators marked.

Usage::

    python benchmarks/cue_agreement.py --data /path/to/shared/data
    RELIABILITY_DATA=/path/to/shared/data python benchmarks/cue_agreement.py

Reads ``support/labels.jsonl``, runs :func:`reliability.cues.find_body_cues` on
``title + "\\n" + text`` and reports, per annotated category:

* **recall**: the fraction of annotated phrases (located case-insensitively in
  the text) that at least one cue of the mapped kind(s) overlaps;
* **unmarked rate**: the fraction of emitted cues of those kinds that overlap
  no annotated phrase of the category. Annotators mark at most 3-5 phrases per
  article, so many correct cues are unmarked: this *overstates* false positives.

The last line is a JSON summary. ``--show-missed N`` / ``--show-unmarked N``
print the most frequent missed phrases / unmarked cue texts, to tune the
lexicons (do not copy sentences from the data into the repo).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reliability.cues import find_body_cues  # noqa: E402

#: Annotated category -> cue kinds that count as finding it.
MAPPING = {
    "named_sources": ("named_source",),
    "relayed_from": ("relayed_source",),
    "anonymous_or_social": ("anonymous_source", "social_media_source", "unverified_claim"),
    "hedges": ("hedge", "unverified_claim"),
}


def locate(phrase: str, text: str, lower: str) -> list[tuple[int, int]]:
    """All spans of ``phrase`` in ``text``, case-insensitively (whitespace-flexible)."""
    p = phrase.strip()
    if not p:
        return []
    spans = []
    i = lower.find(p.lower())
    while i >= 0:
        spans.append((i, i + len(p)))
        i = lower.find(p.lower(), i + 1)
    if not spans:
        pat = r"\s+".join(re.escape(w) for w in p.split())
        spans = [m.span() for m in re.finditer(pat, text, re.IGNORECASE)]
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def run(path: Path, show_missed: int = 0, show_unmarked: int = 0, limit: int | None = None) -> dict:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if limit:
        rows = rows[:limit]
    stats = {cat: collections.Counter() for cat in MAPPING}
    missed = {cat: collections.Counter() for cat in MAPPING}
    unmarked = {cat: collections.Counter() for cat in MAPPING}
    elapsed = 0.0
    chars = 0
    for r in rows:
        title = r.get("title") or ""
        text = (title + "\n" + r["text"]) if title else r["text"]
        lower = text.lower()
        t0 = time.perf_counter()
        cues = find_body_cues(text)
        elapsed += time.perf_counter() - t0
        chars += len(text)
        for cat, kinds in MAPPING.items():
            mine = [c for c in cues if c.kind in kinds]
            spans = []
            for phrase in r.get(cat) or []:
                found = locate(phrase, text, lower)
                if not found:
                    stats[cat]["not_located"] += 1
                    continue
                spans.append(found)
                stats[cat]["phrases"] += 1
                if any(overlaps(s, (c.start, c.end)) for s in found for c in mine):
                    stats[cat]["found"] += 1
                else:
                    missed[cat][phrase.lower()] += 1
            flat = [s for found in spans for s in found]
            for c in mine:
                stats[cat]["cues"] += 1
                if not any(overlaps(s, (c.start, c.end)) for s in flat):
                    stats[cat]["unmarked"] += 1
                    unmarked[cat][c.text.lower()] += 1
    summary = {"articles": len(rows), "ms_per_3000_chars": round(1000 * elapsed / max(chars, 1) * 3000, 3)}
    print(f"{len(rows)} articles; find_body_cues: {summary['ms_per_3000_chars']} ms per 3,000 characters")
    print("unmarked rate = share of cues no annotator marked; annotators mark <=3-5 phrases per "
          "article, so it overstates false positives.")
    print(f"{'category':22} {'phrases':>7} {'found':>6} {'recall':>7} {'cues':>6} {'unmarked':>8} {'rate':>6} "
          f"{'unlocated':>9}")
    for cat, st in stats.items():
        recall = st["found"] / st["phrases"] if st["phrases"] else 0.0
        rate = st["unmarked"] / st["cues"] if st["cues"] else 0.0
        print(f"{cat:22} {st['phrases']:7d} {st['found']:6d} {recall:7.3f} {st['cues']:6d} "
              f"{st['unmarked']:8d} {rate:6.3f} {st['not_located']:9d}")
        summary[cat] = {"recall": round(recall, 3), "unmarked_rate": round(rate, 3),
                        "phrases": st["phrases"], "found": st["found"], "cues": st["cues"],
                        "unmarked": st["unmarked"], "not_located": st["not_located"]}
    for cat in MAPPING:
        if show_missed:
            print(f"\n-- most frequent missed {cat}:")
            for p, n in missed[cat].most_common(show_missed):
                print(f"  {n:3d}  {p}")
        if show_unmarked:
            print(f"\n-- most frequent unmarked cues for {cat}:")
            for p, n in unmarked[cat].most_common(show_unmarked):
                print(f"  {n:3d}  {p}")
    print(json.dumps(summary, sort_keys=True))
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("RELIABILITY_DATA"),
                    help="the shared data folder (holds support/labels.jsonl); default $RELIABILITY_DATA")
    ap.add_argument("--show-missed", type=int, default=0, metavar="N")
    ap.add_argument("--show-unmarked", type=int, default=0, metavar="N")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args(argv)
    if not args.data:
        ap.error("give --data or set RELIABILITY_DATA")
    path = Path(args.data) / "support" / "labels.jsonl"
    if not path.exists():
        ap.error(f"{path} not found")
    run(path, args.show_missed, args.show_unmarked, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
