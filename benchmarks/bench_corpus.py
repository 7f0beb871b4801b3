"""Corpus-scale benchmark: throughput, streaming memory, cold start, model load, against targets.

    python benchmarks/bench_corpus.py --data ../shared/data --n 20000

Builds a corpus of N real articles from ``clickid/unlabelled.jsonl.gz`` (rows
with text; when N is larger than the file, it is cycled and each further copy
is made distinct with a short closing line so that no cache sees a repeat), or
without the data from ``benchmarks/corpus.py``'s generator; writes it as JSON
Lines to a temporary folder; then measures

* articles/s for ``Scorer.score`` one by one, ``score_many`` in one process,
  ``score_many(n_jobs=2)`` and the batch CLI with ``--jobs 2`` (a file start to
  end, start-up included); headlines/s for ``score_headlines``; medians of
  ``--repeats`` runs, each capped at ``--max-seconds`` (the rate is then over
  the articles it got through, which the JSON says);
* peak RSS of ``reliability score --jsonl`` streaming ``--n-stream`` articles
  from disk (the child's ``ru_maxrss``, and its RSS at 10 % of the run, to
  show that memory stays flat);
* CLI cold start (``reliability score one.txt``) against a bare
  ``python -c "import sklearn"``, medians of ``--cold-runs`` interleaved runs;
* ``Scorer.load()`` in a fresh process, model size on disk, words per article
  and the machine.

Prints a table (each figure next to its target, pass/FAIL) and the JSON; ``--json
PATH`` also writes the JSON there.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

TARGETS = {  # on the 2-core development machine
    "score_many_articles_per_s": (">=", 3000),
    "headlines_per_s": (">=", 20000),
    "stream_peak_rss_mb": ("<", 400),
    "cold_start_ratio": ("<=", 1.3),
}


# --- the corpus ----------------------------------------------------------------

def real_rows(data: Path):
    with gzip.open(data / "clickid" / "unlabelled.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            r = json.loads(line)
            text = r.get("text")
            if isinstance(text, str) and text.strip():
                yield {"id": r.get("id") or f"row-{i}", "title": r.get("title") or None, "text": text}


def build_corpus(data: Path | None, n: int, seed: int) -> tuple[list[dict], str]:
    if data is not None and (data / "clickid" / "unlabelled.jsonl.gz").is_file():
        from itertools import islice

        return list(islice(real_rows(data), n)), f"CLICK-ID unlabelled ({data / 'clickid' / 'unlabelled.jsonl.gz'})"
    from corpus import articles

    return list(articles(n, seed=seed)), f"generated (benchmarks/corpus.py, seed {seed})"


def cycled(corpus: list[dict], n: int):
    """``n`` rows cycling through ``corpus``; each further pass gets a distinct closing line."""
    for i in range(n):
        k, row = divmod(i, len(corpus))
        row = corpus[row]
        if k:
            row = {**row, "id": f"{row['id']}#{k}", "text": f"{row['text']}\n(Pembaruan ke-{k}.)"}
        yield row


def write_jsonl(path: Path, rows) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


# --- measuring -------------------------------------------------------------------

def rate(run, items: list, max_seconds: float) -> tuple[float, int]:
    """(items/s, items done) for ``run(items, deadline)``, which returns how many it did."""
    t0 = time.perf_counter()
    done = run(items, t0 + max_seconds)
    return done / (time.perf_counter() - t0), done


def repeat(run, items, repeats: int, max_seconds: float) -> dict:
    runs = [rate(run, items, max_seconds) for _ in range(repeats)]
    return {"median": round(statistics.median(r for r, _ in runs), 1), "runs": [round(r, 1) for r, _ in runs],
            "items_per_run": [d for _, d in runs]}


def one_by_one(scorer):
    def run(items, deadline):
        n = 0
        for it in items:
            scorer.score(it["text"], title=it["title"])
            n += 1
            if time.perf_counter() > deadline:
                break
        return n
    return run


def many(scorer, n_jobs: int):
    def run(items, deadline):
        n = 0
        stream = scorer.score_many(({"text": it["text"], "title": it["title"]} for it in items), n_jobs=n_jobs,
                                   on_error="return")
        for _ in stream:
            n += 1
            if n % 256 == 0 and time.perf_counter() > deadline:
                break
        with warnings.catch_warnings():
            # joblib warns that the tasks dispatched ahead were cancelled: that is the cap working
            warnings.simplefilter("ignore", UserWarning)
            stream.close()
        return n
    return run


def headlines(scorer):
    def run(titles, deadline):
        n = 0
        for i in range(0, len(titles), 1024):
            n += len(scorer.score_headlines(titles[i:i + 1024]))
            if time.perf_counter() > deadline:
                break
        return n
    return run


def reliability_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("reliability")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "reliability"]


def timed(cmd, **kw) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t


def cold_start(tmp: Path, runs: int, model_args: list[str]) -> dict:
    one = tmp / "one.txt"
    shutil.copy(REPO / "examples" / "artikel_contoh.txt", one)
    cli, bare = [], []
    for _ in range(runs):  # interleaved, so that machine load hits both alike
        cli.append(timed(reliability_cmd() + ["score", *model_args, str(one)]))
        bare.append(timed([sys.executable, "-c", "import sklearn"]))
    c, b = statistics.median(cli), statistics.median(bare)
    return {"cli_s": round(c, 3), "bare_import_sklearn_s": round(b, 3), "ratio": round(c / b, 2),
            "cli_runs": [round(x, 3) for x in cli], "bare_runs": [round(x, 3) for x in bare]}


def model_load(model: str | None, runs: int) -> dict:
    code = ("import json, sys, time\n"
            "t = time.perf_counter()\n"
            "from reliability import Scorer\n"
            "t1 = time.perf_counter()\n"
            "Scorer.load(sys.argv[1] or None)\n"
            "t2 = time.perf_counter()\n"
            "print(json.dumps([t1 - t, t2 - t1]))\n")
    out = [json.loads(subprocess.run([sys.executable, "-c", code, model or ""], check=True, capture_output=True,
                                     text=True).stdout) for _ in range(runs)]
    return {"load_s": round(statistics.median(o[1] for o in out), 3),
            "import_reliability_s": round(statistics.median(o[0] for o in out), 3),
            "runs": [round(o[1], 3) for o in out]}


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


# Runs in a fresh process whose only child is the CLI, so that its
# RUSAGE_CHILDREN peak is the CLI's own (with --jobs N, the largest of the CLI
# and its workers: ru_maxrss is a maximum, not a sum). It also samples the
# CLI's RSS as the output grows, to show whether memory stays flat.
_WATCH = """
import json, os, resource, subprocess, sys, time
cmd, out = json.loads(sys.argv[1]), sys.argv[2]
def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(l.split()[1]) / 1024 for l in fh if l.startswith("VmRSS:")), None)
    except OSError:
        return None
def tree(pid):
    # the CLI and its descendants (loky workers with --jobs N)
    out = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                for child in fh.read().split():
                    out += tree(int(child))
    except OSError:
        pass
    return out
t = time.perf_counter()
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
samples = []
import threading
err = []
reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
reader.start()
while proc.poll() is None:
    r = rss(proc.pid)
    if r is not None:
        total = sum(x for x in map(rss, tree(proc.pid)) if x is not None)
        samples.append((os.path.getsize(out) if os.path.exists(out) else 0, r, total))
    time.sleep(0.5)
reader.join()
print(json.dumps({"wall": time.perf_counter() - t, "rc": proc.returncode, "samples": samples,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "stderr": err[0].decode(errors="replace") if err else ""}))
"""


def stream(tmp: Path, corpus: list[dict], n: int, jobs: int, model_args: list[str]) -> dict:
    """Stream ``n`` articles from disk through the batch CLI in a child; its peak RSS and wall time."""
    src, out = tmp / "stream.jsonl", tmp / "stream.out.jsonl"
    write_jsonl(src, cycled(corpus, n))
    size = src.stat().st_size
    cmd = reliability_cmd() + ["score", *model_args, "--jsonl", str(src), "-o", str(out), "--jobs", str(jobs),
                               "--no-progress"]
    w = json.loads(subprocess.run([sys.executable, "-c", _WATCH, json.dumps(cmd), str(out)], check=True,
                                  capture_output=True, text=True).stdout)
    with open(out, "rb") as fh:
        lines = sum(1 for _ in fh)
    final = out.stat().st_size
    early = [r for written, r, _ in w["samples"] if written >= 0.1 * final]
    result = {
        "articles": n, "input_mb": round(size / 2**20, 1), "jobs": jobs, "exit_code": w["rc"],
        "output_lines": lines, "wall_s": round(w["wall"], 1), "articles_per_s": round(n / w["wall"], 1),
        # ru_maxrss: the largest single process (the CLI, or one of its workers)
        "peak_rss_mb": round(w["maxrss_kb"] / 1024, 1),
        # sampled every 0.5 s: the CLI and all its workers together
        "peak_tree_rss_mb": round(max((t for _, _, t in w["samples"]), default=0), 1) or None,
        "rss_at_10pct_mb": round(early[0], 1) if early else None,
        "rss_at_end_mb": round(w["samples"][-1][1], 1) if w["samples"] else None,
        "summary": (w["stderr"].strip().splitlines() or [""])[-1],
    }
    src.unlink()
    out.unlink()
    return result


def machine() -> dict:
    import numpy
    import sklearn

    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((l.split(":", 1)[1].strip() for l in fh if l.startswith("model name")), cpu)
    except OSError:
        pass
    ram = None
    try:
        with open("/proc/meminfo") as fh:
            ram = round(int(next(l for l in fh if l.startswith("MemTotal")).split()[1]) / 2**20, 1)
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram, "python": platform.python_version(),
            "sklearn": sklearn.__version__, "numpy": numpy.__version__, "platform": platform.platform(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}


# --- report ----------------------------------------------------------------------

def verdict(key: str, value) -> str:
    if value is None:
        return "n/a"
    op, target = TARGETS[key]
    ok = {">=": value >= target, "<": value < target, "<=": value <= target}[op]
    return "pass" if ok else "FAIL"


def table(r: dict) -> str:
    t = r["throughput"]
    rows = [
        ("score() one by one", f"{t['score_one_by_one']['median']:,.0f} articles/s", "", ""),
        ("score_many, 1 process", f"{t['score_many_1']['median']:,.0f} articles/s", "≥ 3,000",
         verdict("score_many_articles_per_s", t["score_many_1"]["median"])),
    ]
    if "score_many_2" in t:
        rows.append(("score_many, n_jobs=2", f"{t['score_many_2']['median']:,.0f} articles/s", "", ""))
    if "cli_jobs_2" in t:
        rows.append(("batch CLI --jobs 2 (file, incl. start-up)",
                     f"{t['cli_jobs_2']['articles_per_s']:,.0f} articles/s ({t['cli_jobs_2']['articles']:,} articles)",
                     "", ""))
    rows.append(("score_headlines", f"{t['headlines']['median']:,.0f} headlines/s", "≥ 20,000",
                 verdict("headlines_per_s", t["headlines"]["median"])))
    s = r.get("stream")
    if s:
        rows.append((f"peak RSS, {s['articles']:,} streamed (CLI --jobs {s['jobs']}), largest process",
                     f"{s['peak_rss_mb']} MB (CLI at 10%: {s['rss_at_10pct_mb']} MB, end: {s['rss_at_end_mb']} MB)",
                     "< 400 MB", verdict("stream_peak_rss_mb", s["peak_rss_mb"])))
        if s["jobs"] != 1:
            rows.append(("  peak RSS, CLI + workers together", f"{s['peak_tree_rss_mb']} MB", "", ""))
        rows.append(("  stream throughput (incl. start-up)", f"{s['articles_per_s']:,.0f} articles/s", "", ""))
    c = r.get("cold_start")
    if c:
        rows += [
            ("cold start `reliability score one.txt`", f"{c['cli_s']:.2f} s", "", ""),
            ("bare `python -c 'import sklearn'`", f"{c['bare_import_sklearn_s']:.2f} s", "", ""),
            ("cold start ratio", f"{c['ratio']:.2f}×", "≤ 1.3×", verdict("cold_start_ratio", c["ratio"])),
            ("Scorer.load() in a fresh process", f"{r['model_load']['load_s']:.2f} s", "", ""),
        ]
    rows += [
        ("model size on disk", f"{r['model']['size_mb']:.2f} MB", "", ""),
        ("mean words per article", f"{r['corpus']['mean_words']:.0f}", "", ""),
    ]
    w = [max(len(x[i]) for x in rows + [("measure", "value", "target", "")]) for i in range(4)]
    lines = [f"| {'measure':<{w[0]}} | {'value':<{w[1]}} | {'target':<{w[2]}} | {'':<{w[3]}} |",
             f"|{'-' * (w[0] + 2)}|{'-' * (w[1] + 2)}|{'-' * (w[2] + 2)}|{'-' * (w[3] + 2)}|"]
    lines += [f"| {a:<{w[0]}} | {b:<{w[1]}} | {c:<{w[2]}} | {d:<{w[3]}} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("RELIABILITY_DATA"),
                    help="public data folder (default $RELIABILITY_DATA); without it the corpus is generated")
    ap.add_argument("--n", type=int, default=20000, help="corpus size (default 20000)")
    ap.add_argument("--n-stream", type=int, default=100000, help="articles streamed through the CLI (0: skip)")
    ap.add_argument("--stream-jobs", type=int, default=2,
                    help="--jobs for the streaming run (default 2; 1 measures a single process)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--max-seconds", type=float, default=20.0, help="cap per throughput run (default 20)")
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    ap.add_argument("--model", help="model folder (default: the shipped model)")
    ap.add_argument("--json", dest="json_out", help="also write the results here")
    ap.add_argument("--quiet", action="store_true", help="print only the JSON")
    ap.add_argument("--quick", action="store_true",
                    help="in-process measures only (no cold start, fresh-process load, n_jobs=2 or CLI runs): a smoke test")
    args = ap.parse_args(argv)
    t_start = time.perf_counter()
    say = (lambda *a: None) if args.quiet else (
        lambda *a: print(f"[{time.perf_counter() - t_start:6.1f} s]", *a, file=sys.stderr, flush=True))

    from reliability import Scorer

    started = time.perf_counter()
    result: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine()}
    model_args = ["--model", args.model] if args.model else []
    data = Path(args.data) if args.data else None
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmpname:
        tmp = Path(tmpname)
        say("building the corpus …")
        base, source = build_corpus(data, args.n, args.seed)
        corpus = list(cycled(base, args.n))
        path = tmp / "corpus.jsonl"
        write_jsonl(path, corpus)
        words = sum(len(r["text"].split()) for r in corpus) / len(corpus)
        result["corpus"] = {"source": source, "articles": len(corpus), "distinct_source_rows": len(base),
                            "mean_words": round(words, 1),
                            "mean_chars": round(sum(len(r["text"]) for r in corpus) / len(corpus)),
                            "jsonl_mb": round(path.stat().st_size / 2**20, 1)}

        if not args.quick:
            say("cold start and model load …")
            result["cold_start"] = cold_start(tmp, args.cold_runs, model_args)
            result["model_load"] = model_load(args.model, max(3, args.repeats))
        scorer = Scorer.load(args.model)
        result["model"] = {"version": scorer.version, "sha256": scorer.sha256,
                           "size_mb": round(dir_size(scorer.path) / 2**20, 2)}

        say("throughput …")
        tp = result["throughput"] = {}
        list(scorer.score_many(corpus[:64]))   # warm caches of the code path, not of the texts
        tp["score_one_by_one"] = repeat(one_by_one(scorer), corpus, args.repeats, args.max_seconds)
        tp["score_many_1"] = repeat(many(scorer, 1), corpus, args.repeats, args.max_seconds)
        titles = [r["title"] or "" for r in corpus]
        tp["headlines"] = repeat(headlines(scorer), titles, args.repeats, args.max_seconds)
        if not args.quick:
            # Start both workers and load the model in each (one-item tasks: while
            # the first worker loads, the next task goes to the other), so that the
            # runs measure steady state; the start-up cost is in the CLI figure.
            list(scorer.score_many(corpus[:16], n_jobs=2, batch_size=1))
            tp["score_many_2"] = repeat(many(scorer, 2), corpus, args.repeats, args.max_seconds)
            # The CLI on as much of the corpus as takes about --max-seconds at the n_jobs=2 rate.
            k = max(256, min(len(corpus), int(tp["score_many_2"]["median"] * args.max_seconds)))
            part = tmp / "cli.jsonl"
            write_jsonl(part, corpus[:k])
            say(f"batch CLI --jobs 2 on {k:,} articles …")
            wall = timed(reliability_cmd() + ["score", *model_args, "--jsonl", str(part), "-o",
                                               str(tmp / "cli.out.jsonl"), "--jobs", "2", "--no-progress"])
            tp["cli_jobs_2"] = {"articles": k, "wall_s": round(wall, 2), "articles_per_s": round(k / wall, 1)}

        if args.n_stream and not args.quick:
            say(f"streaming {args.n_stream:,} articles through the CLI …")
            result["stream"] = stream(tmp, base, args.n_stream, args.stream_jobs, model_args)

    stream_rss = result.get("stream", {}).get("peak_rss_mb")
    ratio = result.get("cold_start", {}).get("ratio")
    result["targets"] = {
        "score_many_articles_per_s": [tp["score_many_1"]["median"], verdict("score_many_articles_per_s", tp["score_many_1"]["median"])],
        "headlines_per_s": [tp["headlines"]["median"], verdict("headlines_per_s", tp["headlines"]["median"])],
        "stream_peak_rss_mb": [stream_rss, verdict("stream_peak_rss_mb", stream_rss)],
        "cold_start_ratio": [ratio, verdict("cold_start_ratio", ratio)],
    }
    result["bench_seconds"] = round(time.perf_counter() - started, 1)
    if not args.quiet:
        print(table(result))
    print(json.dumps(result))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
