"""Batch mode: ``reliability score --jsonl IN -o OUT`` (one row per input line, gz, stdin, jobs, resume)."""
import gzip
import json

import pytest
from click.testing import CliRunner

from reliability import Scorer
from reliability.cli import cli

from samples import CLI_GOSSIP, CLI_POLICE

SHORT = "Dua pencuri motor ditangkap di Beji, kata Kapolsek Beji AKP Rudi Santoso, Senin."
FURNITURE = "Home Berita\nBaca juga: Judul Lain yang Menarik\nEditor: Budi\n"

# Every kind of line: good ones (with and without id/title/path) and each kind of bad one.
LINES = [
    json.dumps({"id": "a-1", "title": "Polisi Tangkap Pencuri", "text": CLI_POLICE}),
    "{broken",
    "",
    json.dumps([1, 2]),
    json.dumps({"id": 5, "title": "Tanpa Isi"}),
    json.dumps({"text": 42}),
    json.dumps({"id": "kosong", "text": "   "}),
    json.dumps({"text": CLI_GOSSIP, "path": "gosip.txt"}),
    json.dumps({"id": [1], "text": SHORT}),
    json.dumps({"text": FURNITURE}),
    json.dumps({"text": SHORT, "title": 7}),
    json.dumps({"text": SHORT, "title": ""}, ensure_ascii=False),
    '"just a string"',
]
ERRORS = {
    2: {"id": 2, "line": 2, "error": "line 2: invalid JSON (Expecting property name enclosed in double quotes: "
                                     "line 1 column 2 (char 1))"},
    3: {"id": 3, "line": 3, "error": "line 3: blank line"},
    4: {"id": 4, "line": 4, "error": "line 4: expected a JSON object, not an array"},
    5: {"id": 5, "line": 5, "error": "line 5: no \"text\""},
    6: {"id": 6, "line": 6, "error": "line 6: \"text\" must be a string, not a number"},
    7: {"id": "kosong", "line": 7, "error": "line 7: empty article"},
    9: {"id": 9, "line": 9, "error": "line 9: \"id\" must be a string or an integer, not an array"},
    10: {"id": 10, "line": 10, "error": "line 10: no article body found (only page furniture or a headline)"},
    11: {"id": 11, "line": 11, "error": "line 11: \"title\" must be a string, not a number"},
    13: {"id": 13, "line": 13, "error": "line 13: expected a JSON object, not a string"},
}


@pytest.fixture(scope="module")
def scorer(tiny_model):
    return Scorer.load(tiny_model)


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def write_lines(path, lines, opener=open):
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def expected_row(scorer, line, id_, text, title=None, path=None):
    d = scorer.score(text, title=title, path=path).to_dict()
    del d["id"]
    return {"id": id_, "line": line, **d}


def rows(text):
    return [json.loads(l) for l in text.splitlines()]


def big_input(tmp_path, n=23):
    """n lines, a bad one every 7th, for batching and resume tests."""
    texts = [CLI_POLICE, CLI_GOSSIP, SHORT]
    lines = ["{oops" if i % 7 == 3 else json.dumps({"id": f"art-{i}", "text": texts[i % 3]}) for i in range(n)]
    return write_lines(tmp_path / "big.jsonl", lines)


def test_one_row_per_line_in_order_with_each_error_reported(tmp_path, tiny_model, scorer):
    src = write_lines(tmp_path / "in.jsonl", LINES)
    out = tmp_path / "out.jsonl"
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--model", str(tiny_model)])
    assert r.exit_code == 1
    got = rows(out.read_text(encoding="utf-8"))
    assert len(got) == len(LINES)
    assert [g["line"] for g in got] == list(range(1, 14))
    for n, err in ERRORS.items():
        assert got[n - 1] == err
    assert got[0] == expected_row(scorer, 1, "a-1", CLI_POLICE, title="Polisi Tangkap Pencuri")
    assert got[7] == expected_row(scorer, 8, 8, CLI_GOSSIP, path="gosip.txt")
    assert got[11] == expected_row(scorer, 12, 12, SHORT)   # "" title: the headline is detected
    assert r.stdout == ""
    assert r.stderr.splitlines() == [f"reliability: {ERRORS[n]['error']}" for n in sorted(ERRORS)] + [
        f"scored 3, failed 10 of 13 lines -> {out}"]


def test_all_scored_exit_0_and_summary(tmp_path, tiny_model, scorer):
    src = write_lines(tmp_path / "in.jsonl", [json.dumps({"text": t}) for t in (CLI_POLICE, SHORT)])
    out = tmp_path / "out.jsonl"
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--model", str(tiny_model)])
    assert r.exit_code == 0
    assert r.stderr == f"scored 2, failed 0 of 2 lines -> {out}\n"
    assert rows(out.read_text()) == [expected_row(scorer, 1, 1, CLI_POLICE), expected_row(scorer, 2, 2, SHORT)]


def test_gzip_in_and_out_same_rows(tmp_path, tiny_model):
    plain_in = write_lines(tmp_path / "in.jsonl", LINES)
    gz_in = write_lines(tmp_path / "in.jsonl.gz", LINES, opener=gzip.open)
    run(["score", "--jsonl", str(plain_in), "-o", str(tmp_path / "plain.jsonl"), "--model", str(tiny_model)])
    r = run(["score", "--jsonl", str(gz_in), "-o", str(tmp_path / "out.jsonl.gz"), "--model", str(tiny_model)])
    assert r.exit_code == 1
    assert gzip.open(tmp_path / "out.jsonl.gz").read() == (tmp_path / "plain.jsonl").read_bytes()


def test_stdin_to_stdout_and_gzip_stdin(tmp_path, tiny_model):
    data = "\n".join(LINES) + "\n"
    run(["score", "--jsonl", str(write_lines(tmp_path / "in.jsonl", LINES)), "-o", str(tmp_path / "ref.jsonl"),
         "--model", str(tiny_model)])
    ref = (tmp_path / "ref.jsonl").read_text(encoding="utf-8")
    r = run(["score", "--jsonl", "-", "--model", str(tiny_model)], input=data)
    assert r.exit_code == 1 and r.stdout == ref
    assert r.stderr.splitlines()[-1] == "scored 3, failed 10 of 13 lines -> stdout"
    r = run(["score", "--jsonl", "-", "-o", "-", "--model", str(tiny_model)], input=gzip.compress(data.encode()))
    assert r.stdout == ref


def test_two_jobs_same_output_as_one(tmp_path, tiny_model):
    src = big_input(tmp_path)
    for jobs in ("1", "2"):
        r = run(["score", "--jsonl", str(src), "-o", str(tmp_path / f"j{jobs}.jsonl"), "--jobs", jobs,
                 "--batch-size", "4", "--model", str(tiny_model)])
        assert r.exit_code == 1
        assert r.stderr.splitlines()[-1] == f"scored 20, failed 3 of 23 lines -> {tmp_path / f'j{jobs}.jsonl'}"
    assert (tmp_path / "j2.jsonl").read_bytes() == (tmp_path / "j1.jsonl").read_bytes()


@pytest.mark.parametrize("keep, tear", [(0, b""), (9, b""), (9, b'{"id": "art-9", "li'), (12, b'{"id": "art-12", "li\n'),
                                        (22, b"{")])
def test_resume_after_interruption_gives_the_uninterrupted_file(tmp_path, tiny_model, keep, tear):
    src = big_input(tmp_path)
    full = tmp_path / "full.jsonl"
    run(["score", "--jsonl", str(src), "-o", str(full), "--batch-size", "5", "--model", str(tiny_model)])
    lines = full.read_bytes().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    # what an interrupted run leaves: complete rows, then maybe a torn one (no newline, or not JSON)
    part.write_bytes(b"".join(lines[:keep]) + tear)
    r = run(["score", "--jsonl", str(src), "-o", str(part), "--resume", "--batch-size", "5", "--model", str(tiny_model)])
    assert r.exit_code == 1
    assert part.read_bytes() == full.read_bytes()
    resumed = f" (resumed after line {keep})" if keep else ""
    assert r.stderr.splitlines()[-1] == f"scored 20, failed 3 of 23 lines -> {part}{resumed}"


def test_resume_gzip_output_cut_mid_stream(tmp_path, tiny_model):
    src = big_input(tmp_path)
    full = tmp_path / "full.jsonl.gz"
    run(["score", "--jsonl", str(src), "-o", str(full), "--batch-size", "5", "--model", str(tiny_model)])
    data = full.read_bytes()
    part = tmp_path / "part.jsonl.gz"
    part.write_bytes(data[: len(data) // 2])   # a killed writer: no gzip trailer, a torn last line
    r = run(["score", "--jsonl", str(src), "-o", str(part), "--resume", "--model", str(tiny_model)])
    assert r.exit_code == 1
    assert gzip.open(part).read() == gzip.open(full).read()


def test_resume_when_done_and_when_out_missing(tmp_path, tiny_model):
    src = big_input(tmp_path, n=4)
    out = tmp_path / "out.jsonl"
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--resume", "--model", str(tiny_model)])
    assert r.exit_code == 1
    assert r.stderr == ("reliability: line 4: invalid JSON (Expecting property name enclosed in double quotes: "
                        f"line 1 column 2 (char 1))\nscored 3, failed 1 of 4 lines -> {out}\n")
    before = out.read_bytes()
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--resume", "--model", str(tiny_model)])
    assert r.exit_code == 1 and out.read_bytes() == before
    assert r.stderr == f"scored 3, failed 1 of 4 lines -> {out} (resumed after line 4)\n"


def test_interrupted_run_leaves_complete_rows_and_resumes(tmp_path, tiny_model, scorer, monkeypatch):
    from reliability.cli.batch import run_batch

    src = big_input(tmp_path)
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    assert run_batch(scorer, str(src), str(full), batch_size=4) == 1

    class Interrupting:
        """The real scorer, but Ctrl-C arrives while the 11th article is scored."""
        sha256 = scorer.sha256

        def score_many(self, items, **kw):
            for i, r in enumerate(scorer.score_many(items, **kw)):
                if i == 10:
                    raise KeyboardInterrupt
                yield r

    from click.exceptions import Exit
    with pytest.raises(Exit) as exc:
        run_batch(Interrupting(), str(src), str(part), batch_size=4)
    assert exc.value.exit_code == 130
    written = part.read_bytes()
    assert written.endswith(b"\n") and full.read_bytes().startswith(written)
    assert len(written.splitlines()) >= 8     # the batches done before Ctrl-C were flushed
    assert run_batch(scorer, str(src), str(part), batch_size=4, resume=True) == 1
    assert part.read_bytes() == full.read_bytes()


def test_resume_refuses_output_of_another_input(tmp_path, tiny_model):
    src = big_input(tmp_path)
    other = write_lines(tmp_path / "other.jsonl", [json.dumps({"id": f"x{i}", "text": SHORT}) for i in range(5)])
    out = tmp_path / "out.jsonl"
    run(["score", "--jsonl", str(other), "-o", str(out), "--model", str(tiny_model)])
    before = out.read_bytes()
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--resume", "--model", str(tiny_model)])
    assert r.exit_code == 2
    assert r.stderr == (f"reliability: cannot resume: {out} line 5 has id \"x4\" but {src} line 5 has id "
                        f"\"art-4\": not the output of this input\n")
    assert out.read_bytes() == before     # refused before anything was touched

    short = write_lines(tmp_path / "short.jsonl", [json.dumps({"id": "x0", "text": SHORT})])
    r = run(["score", "--jsonl", str(short), "-o", str(out), "--resume", "--model", str(tiny_model)])
    assert r.exit_code == 2
    assert r.stderr == f"reliability: cannot resume: {out} has 5 rows but {short} has fewer lines\n"


def test_resume_refuses_damaged_or_foreign_output(tmp_path, tiny_model):
    src = big_input(tmp_path, n=5)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "art-0", "line": 1}\nnot json\n{"id": "art-2", "line": 3}\n')
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--resume", "--model", str(tiny_model)])
    assert r.exit_code == 2
    assert r.stderr == (f"reliability: cannot resume: {out} line 2 is not a complete JSON row, "
                        f"and more rows follow it\n")
    out.write_text('{"id": "art-0", "line": 1}\n{"id": "art-1", "line": 7}\n')
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--resume", "--model", str(tiny_model)])
    assert r.exit_code == 2
    assert r.stderr == (f"reliability: cannot resume: {out} line 2 is not the output for input line 2 "
                        f"(it says \"line\": 7)\n")
    out.write_text('{"id": "art-0", "line": 1, "model": {"version": "v0", "sha256": "' + "ab" * 32 + '"}}\n')
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--resume", "--model", str(tiny_model)])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"reliability: cannot resume: {out} was scored with model abababababab…, this run uses ")


@pytest.mark.parametrize("args, message", [
    (["--jsonl", "IN", "x.txt"], "give either PATH... or --jsonl IN, not both"),
    (["--jsonl", "IN", "--title", "T"], "--title applies to one article; in --jsonl input give each line a \"title\""),
    (["--jsonl", "IN", "--resume"], "--resume needs -o OUT (a file to resume), not standard output"),
    (["--jsonl", "IN", "--jobs", "0"], "--jobs must be a positive number or -1"),
    (["x.txt", "-o", "out.jsonl", "--jobs", "2"], "-o/--output, --jobs only apply with --jsonl IN"),
    (["x.txt", "--resume"], "--resume only apply with --jsonl IN"),
    ([], "give PATH... to score, --jsonl IN for batch mode, or --headline TEXT"),
])
def test_usage_errors_exit_2(tmp_path, tiny_model, args, message):
    src = write_lines(tmp_path / "in.jsonl", [json.dumps({"text": SHORT})])
    (tmp_path / "x.txt").write_text(SHORT)
    args = [str(src) if a == "IN" else str(tmp_path / a) if a in ("x.txt", "out.jsonl") else a for a in args]
    r = run(["score", "--model", str(tiny_model)] + args)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == f"Error: {message}"


def test_missing_input_and_output_onto_input_are_usage_errors(tmp_path, tiny_model):
    r = run(["score", "--jsonl", str(tmp_path / "nope.jsonl"), "--model", str(tiny_model)])
    assert r.exit_code == 2 and "does not exist" in r.stderr
    src = write_lines(tmp_path / "in.jsonl", [json.dumps({"text": SHORT})])
    r = run(["score", "--jsonl", str(src), "-o", str(src), "--model", str(tiny_model)])
    assert r.exit_code == 2 and r.stderr.splitlines()[-1] == f"Error: -o {src} is the input file"
    assert src.read_text() == json.dumps({"text": SHORT}) + "\n"


def test_progress_bar_only_when_asked_off_a_terminal(tmp_path, tiny_model):
    src = big_input(tmp_path, n=6)
    base = ["score", "--jsonl", str(src), "-o", str(tmp_path / "o.jsonl"), "--model", str(tiny_model)]
    assert "lines/s" not in run(base).stderr                      # stderr is not a TTY here
    assert "lines/s" not in run(base + ["--no-progress"]).stderr
    bar = run(base + ["--progress"]).stderr
    assert "6/6" in bar and "lines/s" in bar                       # the total is counted up front: ETA


def test_line_separators_inside_strings_do_not_split_rows(tmp_path, tiny_model):
    text = SHORT + "\u2028Kalimat kedua\u2029 di sini, ujar Camat Beji Siti Aminah.\x85"
    src = write_lines(tmp_path / "in.jsonl", [json.dumps({"text": text}, ensure_ascii=False), json.dumps({"text": SHORT})])
    out = tmp_path / "out.jsonl"
    run(["score", "--jsonl", str(src), "-o", str(out), "--model", str(tiny_model)])
    raw = out.read_text(encoding="utf-8")
    assert "\u2028" not in raw and len(raw.splitlines()) == 2
    assert [r["line"] for r in rows(raw)] == [1, 2]


def test_crlf_bom_and_bad_utf8_lines(tmp_path, tiny_model):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": SHORT}).encode() + b"\r\n" + b'{"text": "\xff\xfe"}\r\n')
    out = tmp_path / "out.jsonl"
    r = run(["score", "--jsonl", str(src), "-o", str(out), "--model", str(tiny_model)])
    got = rows(out.read_text())
    assert r.exit_code == 1 and "support" in got[0]
    assert got[1] == {"id": 2, "line": 2, "error": "line 2: not valid UTF-8 (byte 11 of the line)"}


def test_jobs_leave_the_model_to_the_workers(tmp_path, tiny_model, monkeypatch):
    """With --jobs 2 the parent checks the model but never loads it; the output is the same."""
    from reliability.scorer import Scorer

    src = big_input(tmp_path)
    r = run(["score", "--jsonl", str(src), "-o", str(tmp_path / "j1.jsonl"), "--batch-size", "4",
             "--model", str(tiny_model)])
    assert r.exit_code == 1

    def no_load(*a, **k):
        raise AssertionError("the parent loaded the model")

    monkeypatch.setattr(Scorer, "load", no_load)  # the parent only: workers are other processes
    r = run(["score", "--jsonl", str(src), "-o", str(tmp_path / "j2.jsonl"), "--jobs", "2", "--batch-size", "4",
             "--model", str(tiny_model)])
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == f"scored 20, failed 3 of 23 lines -> {tmp_path / 'j2.jsonl'}"
    assert (tmp_path / "j2.jsonl").read_bytes() == (tmp_path / "j1.jsonl").read_bytes()


def test_jobs_report_a_model_that_does_not_run_in_one_line(tmp_path):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from reliability.modelstore import save_model

    # verifies (hashes, pin) but cannot score: the workers find out, the CLI says so in one line
    old = LogisticRegression().fit(np.arange(124, dtype=float).reshape(4, 31) % 7, [0, 1, 0, 1])
    save_model(tmp_path / "old", old, old, {"version": "old"})
    src = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": "a", "text": "Kata Kapolres Budi, dua pelaku ditangkap."})])
    r = CliRunner().invoke(cli, ["score", "--jsonl", str(src), "-o", str(tmp_path / "out.jsonl"), "--jobs", "2",
                                 "--model", str(tmp_path / "old")])
    assert r.exit_code == 1
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"reliability: {tmp_path / 'old'}: model does not run with reliability ")
    assert line.endswith("(ValueError: could not convert string to float: 'Judul Berita')")


def test_jobs_refuse_a_model_whose_files_changed_before_any_work(tmp_path, tiny_model):
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(tiny_model, bad)
    with open(bad / "support.npz", "ab") as fh:
        fh.write(b"x")
    src = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": "a", "text": "Isi berita."})])
    r = CliRunner().invoke(cli, ["score", "--jsonl", str(src), "-o", str(tmp_path / "out.jsonl"), "--jobs", "2",
                                 "--model", str(bad)])
    assert r.exit_code == 1
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"reliability: {bad / 'support.npz'}: SHA-256 ") and line.endswith("refusing to load")
