"""The command line: output contract, exit codes, inputs. Uses the tiny model trained in conftest."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from reliability.cli import cli, main
from reliability.cues.cue import KINDS

from samples import CLI_GOSSIP, CLI_POLICE


@pytest.fixture()
def articles(tmp_path):
    (tmp_path / "a_police.txt").write_text(CLI_POLICE, encoding="utf-8")
    (tmp_path / "b_gossip.txt").write_text(CLI_GOSSIP, encoding="utf-8")
    return tmp_path


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def test_json_contract(articles, tiny_model):
    r = run(["score", "--json", "--model", str(tiny_model), str(articles / "a_police.txt")])
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) == {"id", "path", "title", "support", "support_level", "support_label", "sensational",
                        "cues", "counts", "model", "warnings", "sentences"}
    assert obj["warnings"] == []
    assert obj["path"] == str(articles / "a_police.txt")
    assert obj["title"] == "Polisi Bekuk Tiga Pelaku Curanmor di Depok"
    assert 0 <= obj["support"] <= 100 and 0 <= obj["sensational"] <= 1
    assert obj["support_label"] in ("unsupported", "weak", "partial", "mostly", "well supported")
    assert set(obj["counts"]) == set(KINDS)
    manifest = json.loads((tiny_model / "manifest.json").read_text())
    assert obj["model"]["version"] == manifest["version"]
    assert len(obj["model"]["sha256"]) == 64
    # every body cue points at its exact text in the input file; title cues at the title
    for c in obj["cues"]:
        source = obj["title"] if c["field"] == "title" else CLI_POLICE
        assert source[c["start"]:c["end"]] == c["text"]
    named = [c["text"] for c in obj["cues"] if c["kind"] == "named_source"]
    assert any("Kapolres Depok" in t for t in named)
    assert obj["counts"]["named_source"] == sum(1 for c in obj["cues"] if c["kind"] == "named_source" and c["context"] is None)
    # the sentences the detector reads as sourced point at their text too (the tiny
    # model's detector, trained on 40 articles, may pass 0.5 nowhere: test_scorer uses the shipped one)
    assert all(s["probability"] >= 0.5 for s in obj["sentences"])
    for s in obj["sentences"]:
        source = obj["title"] if s["field"] == "title" else CLI_POLICE
        assert source[s["start"]:s["end"]] == s["text"]


def test_json_equals_api_to_dict(articles, tiny_model):
    from reliability import Scorer

    r = run(["score", "--json", "--model", str(tiny_model), str(articles / "b_gossip.txt")])
    expected = Scorer.load(tiny_model).score(CLI_GOSSIP, path=str(articles / "b_gossip.txt")).to_dict()
    assert json.loads(r.stdout) == expected


def test_folder_scores_every_txt_in_order(articles, tiny_model):
    (articles / "notes.md").write_text("not an article")
    r = run(["score", "--json", "--model", str(tiny_model), str(articles)])
    assert r.exit_code == 0
    paths = [json.loads(l)["path"] for l in r.stdout.splitlines()]
    assert paths == [str(articles / "a_police.txt"), str(articles / "b_gossip.txt")]


def test_missing_input_gives_error_row_and_exit_1_others_still_scored(articles, tiny_model):
    missing = str(articles / "nope.txt")
    r = run(["score", "--json", "--model", str(tiny_model), missing, str(articles / "a_police.txt")])
    assert r.exit_code == 1
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert rows[0] == {"path": missing, "error": f"{missing}: no such file or folder"}
    assert rows[1]["path"] == str(articles / "a_police.txt") and "support" in rows[1]
    assert r.stderr == f"reliability: {missing}: no such file or folder\n"


def test_empty_and_furniture_only_inputs_are_errors(articles, tiny_model):
    (articles / "empty.txt").write_text("")
    (articles / "furniture.txt").write_text("Home Berita\nBaca juga: Judul Lain yang Menarik\nEditor: Budi\n")
    r = run(["score", "--model", str(tiny_model), str(articles / "empty.txt"), str(articles / "furniture.txt")])
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"reliability: {articles / 'empty.txt'}: empty file",
        f"reliability: {articles / 'furniture.txt'}: no article body found (only page furniture or a headline)",
    ]
    assert "Traceback" not in r.stderr


def test_binary_input_is_one_line_error(articles, tiny_model):
    (articles / "junk.txt").write_bytes(b"\x00\x01\x02binary\x00")
    r = run(["score", "--model", str(tiny_model), str(articles / "junk.txt")])
    assert r.exit_code == 1
    assert len(r.stderr.splitlines()) == 1 and str(articles / "junk.txt") in r.stderr


def test_stdin_and_title_override(tiny_model):
    r = run(["score", "--json", "--model", str(tiny_model), "--title", "Judul Dari Editor", "-"], input=CLI_POLICE)
    assert r.exit_code == 0
    obj = json.loads(r.stdout)
    assert obj["path"] == "-" and obj["title"] == "Judul Dari Editor"


def test_jsonl_input_one_article_per_line(tmp_path, tiny_model):
    f = tmp_path / "batch.jsonl"
    f.write_text(json.dumps({"id": "x1", "title": "Judul Satu", "text": CLI_POLICE}) + "\n"
                 + "{broken\n" + json.dumps({"id": "x3", "text": CLI_GOSSIP}) + "\n", encoding="utf-8")
    r = run(["score", "--json", "--model", str(tiny_model), str(f)])
    assert r.exit_code == 1
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert [row["path"] for row in rows] == [f"{f}:x1", f"{f}:2", f"{f}:x3"]
    assert rows[0]["title"] == "Judul Satu"
    assert rows[1]["error"].startswith(f"{f}:2: not valid JSON")


def test_human_output_shows_scores_and_evidence_in_context(articles, tiny_model):
    r = run(["score", "--model", str(tiny_model), str(articles / "b_gossip.txt")])
    assert r.exit_code == 0
    out = r.stdout
    assert "Headline     Heboh! Penyanyi Dewi Kirana Dikabarkan Menikah Diam-diam di Bali" in out
    assert "Support " in out and "/100" in out and "Sensational" in out
    assert "hedges (" in out and "[dikabarkan]" in out.lower()


def test_usage_errors_exit_2(articles, tiny_model):
    assert main(["score"]) == 2
    assert main(["score", "--title", "X", str(articles / "a_police.txt"), str(articles / "b_gossip.txt")]) == 2
    assert main(["nonsense"]) == 2
    assert main(["score", "--model", str(articles / "no-such-model"), str(articles / "a_police.txt")]) == 2


def test_bad_model_folder_is_one_line_error_exit_1(articles, capsys):
    broken = articles / "model"
    broken.mkdir()
    assert main(["score", "--model", str(broken), str(articles / "a_police.txt")]) == 1
    err = capsys.readouterr().err
    assert err == f"reliability: {broken}: no manifest.json (not a model folder)\n"


def test_model_pin_mismatch_refused(articles, tiny_model, capsys):
    assert main(["score", "--model", str(tiny_model), "--model-sha256", "0" * 64, str(articles / "a_police.txt")]) == 1
    assert "does not match the pinned" in capsys.readouterr().err


def test_info_prints_manifest(tiny_model):
    r = run(["info", "--model", str(tiny_model)])
    assert r.exit_code == 0
    info = json.loads(r.stdout)
    assert info["path"] == str(tiny_model)
    assert info["manifest"]["format_version"] == 1
    assert len(info["sha256"]) == 64


def test_module_entry_point_version():
    from reliability import __version__
    out = subprocess.run([sys.executable, "-m", "reliability", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.strip() == f"reliability, version {__version__}"


def test_model_that_cannot_run_is_refused_at_load(tmp_path, articles, capsys):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from reliability.modelstore import save_model

    # a model fitted on 31 numeric features, as a model from another version might be
    old = LogisticRegression().fit(np.arange(124, dtype=float).reshape(4, 31) % 7, [0, 1, 0, 1])
    save_model(tmp_path / "old", old, old, {"version": "old"})
    assert main(["score", "--model", str(tmp_path / "old"), str(articles / "a_police.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reliability: {tmp_path / 'old'}: model does not run with reliability ")
    assert err.endswith("(ValueError: could not convert string to float: 'Judul Berita')\n")


def test_headline_option_prints_the_scorer_probability(tiny_model):
    from reliability import Scorer

    scorer = Scorer.load(tiny_model)
    a, b = "Heboh! Artis Ini Dikabarkan Menikah Diam-diam", "Polisi Tangkap Dua Pencuri Motor di Depok"
    r = run(["score", "--model", str(tiny_model), "--headline", a, "--headline", b])
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"{scorer.score_headline(a):.3f}\n{scorer.score_headline(b):.3f}\n"
    r = run(["score", "--json", "--model", str(tiny_model), "--headline", f"  {a} "])
    assert r.exit_code == 0
    assert json.loads(r.stdout) == {"title": a, "sensational": round(scorer.score_headline(a), 3)}


def test_headline_option_refuses_paths_and_blank_headlines(articles, tiny_model):
    r = run(["score", "--model", str(tiny_model), "--headline", "Judul", str(articles / "a_police.txt")])
    assert r.exit_code == 2 and "--headline scores headlines alone" in r.stderr
    r = run(["score", "--model", str(tiny_model), "--headline", "  "])
    assert r.exit_code == 2 and "--headline needs a non-empty headline" in r.stderr
    r = run(["score", "--model", str(tiny_model)])
    assert r.exit_code == 2 and "give PATH... to score, --jsonl IN for batch mode, or --headline TEXT" in r.stderr
