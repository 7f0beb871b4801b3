"""Hostile article input, CLI and API: a result (with a warning when something was done to read it)
or a one-line error naming the input, never a traceback; in a batch the rest is still scored.

Uses the tiny model trained in conftest (the shipped one for the API checks that need no model).
"""
import io
import json
import os
import sys
import time
import tracemalloc
import zipfile

import pytest
from click.testing import CliRunner

from reliability.article import (
    ArticleError, DEFAULT_MAX_CHARS, decode, html_to_text, max_chars, read_input,
)
from reliability.cli import cli, main

from samples import CLI_GOSSIP, CLI_POLICE

POLICE_TITLE = "Polisi Bekuk Tiga Pelaku Curanmor di Depok"
ENGLISH = (
    "Police Arrest Three Motorcycle Thieves in Depok\n"
    "The police arrested three men suspected of stealing motorcycles in five locations, "
    "the Depok police chief said on Wednesday.\n"
    "He said officers seized four motorcycles as evidence.\n"
)
HTML_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Polisi Tangkap Dua Pencuri Motor di Depok - Kabar Depok</title>
<meta property="og:title" content="Polisi Tangkap Dua Pencuri Motor di Depok"></head>
<body><nav><a href="/">Home</a> | <a href="/metro">Metro</a></nav>
<article><h1>Polisi Tangkap Dua Pencuri Motor di Depok</h1>
<p>DEPOK - Polres Depok menangkap dua pria yang diduga mencuri sepeda motor di tiga lokasi, kata Kapolres Depok Kombes Arya Wibisana, Rabu.</p>
<p>Menurut Arya, kedua tersangka ditangkap di sebuah rumah kos di Sukmajaya bersama barang bukti dua sepeda motor.</p>
<p>Kasat Reskrim AKBP Hendra Saputra mengatakan para tersangka dijerat Pasal 363 KUHP tentang pencurian dengan pemberatan.</p>
</article><footer>Copyright 2025 Kabar Depok</footer></body></html>
"""
CAP_HINT = "set RELIABILITY_MAX_CHARS to change it"


def score(args, input=None, env=None):
    """Run `reliability score`; returns (exit code, stdout, stderr lines)."""
    r = CliRunner().invoke(cli, ["score", *args], input=input, env=env, catch_exceptions=False)
    assert "Traceback" not in r.stderr
    return r.exit_code, r.stdout, r.stderr.splitlines()


def rows(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


def _zip_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("artikel.txt", CLI_POLICE)
    return buf.getvalue()


# --- inputs that are errors: one line naming the input, exit 1

ERROR_CASES = {
    "empty.txt": (b"", "empty file"),
    "spaces.txt": (b"  \n\t \r\n ", "empty file"),
    "bom_only.txt": (b"\xef\xbb\xbf  \n", "empty file"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20), "a PNG image, not a text article"),
    "photo.jpg.txt": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image, not a text article"),
    "archive.txt": (_zip_bytes(), "a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP archives), not a text article"),
    "report.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF document, not a text article"),
    "packed.txt": (b"\x1f\x8b\x08\x00" + bytes(12), "gzip-compressed data, not a text article"),
    "random.txt": (bytes(range(256)) * 4, "binary data (NUL bytes)"),
    "controls.txt": (b"Judul\x01\x02\x03 berita\n", "binary data (control bytes)"),
    "bad_utf16.txt": (b"\xff\xfeA", "not valid UTF-16 text (truncated data at byte 2)"),
    "furniture.txt": ("Home Berita\nBaca juga: Judul Lain yang Menarik\nEditor: Budi\n".encode(),
                      "no article body found (only page furniture or a headline)"),
}


@pytest.mark.parametrize("name", sorted(ERROR_CASES))
def test_unreadable_file_is_one_line_error_naming_it(tmp_path, tiny_model, name):
    data, reason = ERROR_CASES[name]
    f = tmp_path / name
    f.write_bytes(data)
    code, out, err = score(["--json", "--model", str(tiny_model), str(f)])
    assert code == 1
    assert err == [f"reliability: {f}: {reason}"]
    assert rows(out) == [{"path": str(f), "error": f"{f}: {reason}"}]


def test_missing_file_and_folder_given_as_file(tmp_path, tiny_model):
    (tmp_path / "dir.txt").mkdir()
    missing = tmp_path / "nope.txt"
    code, out, err = score(["--model", str(tiny_model), str(missing), str(tmp_path / "dir.txt")])
    assert code == 1
    assert err == [f"reliability: {missing}: no such file or folder",
                   f"reliability: {tmp_path / 'dir.txt'}: folder holds no .txt or .jsonl files"]
    with pytest.raises(ArticleError) as info:
        read_input(tmp_path / "dir.txt")
    assert str(info.value) == f"{tmp_path / 'dir.txt'}: is a directory, not a file"


def test_subfolder_named_like_an_article_is_reported_not_skipped(tmp_path, tiny_model):
    (tmp_path / "a.txt").write_text(CLI_POLICE, encoding="utf-8")
    (tmp_path / "b.txt").mkdir()
    (tmp_path / "c.txt").symlink_to(tmp_path / "gone.txt")  # broken link
    code, out, err = score(["--json", "--model", str(tiny_model), str(tmp_path)])
    assert code == 1
    assert [r["path"] for r in rows(out)] == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert err == [f"reliability: {tmp_path / 'b.txt'}: is a directory, not a file",
                   f"reliability: {tmp_path / 'c.txt'}: no such file"]


def test_title_with_a_folder_is_a_usage_error(tmp_path, tiny_model):
    assert main(["score", "--model", str(tiny_model), "--title", "Judul", str(tmp_path)]) == 2


def test_unreadable_file_permission_denied(tmp_path, tiny_model, monkeypatch):
    # Tests run as root in CI, where chmod 0 does not deny reading: simulate the OS refusing.
    import builtins

    locked = tmp_path / "locked.txt"
    locked.write_text(CLI_POLICE, encoding="utf-8")
    real_open = builtins.open

    def guarded_open(file, *args, **kw):
        if os.fspath(file) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kw)

    monkeypatch.setattr(builtins, "open", guarded_open)
    code, out, err = score(["--model", str(tiny_model), str(locked)])
    assert code == 1
    assert err == [f"reliability: {locked}: permission denied"]


def test_unlistable_folder(tmp_path, tiny_model, monkeypatch):
    from pathlib import Path

    folder = tmp_path / "private"
    folder.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, out, err = score(["--model", str(tiny_model), str(folder)])
    assert code == 1
    assert err == [f"reliability: {folder}: cannot list the folder (Permission denied)"]


def test_path_the_os_refuses_and_control_characters_stay_one_line(tmp_path, tiny_model):
    long_name = "x" * 5000
    code, out, err = score(["--model", str(tiny_model), long_name, "bad\nname.txt"])
    assert code == 1
    assert err[0].startswith(f"reliability: {long_name}: ") and err[0].endswith(")")
    assert err[1] == "reliability: bad\\x0aname.txt: no such file or folder"
    assert len(err) == 2


def test_device_file_is_read_within_the_cap(tmp_path, tiny_model):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    t0 = time.perf_counter()
    code, out, err = score(["--model", str(tiny_model), "/dev/zero"])
    assert time.perf_counter() - t0 < 10
    assert code == 1 and err == ["reliability: /dev/zero: binary data (NUL bytes)"]


# --- inputs that are read with a fallback: scored, with a warning that says so


def test_cp1252_and_latin1_fall_back_with_a_warning(tmp_path, tiny_model):
    text = CLI_POLICE.replace("rumah kos", "rumah kos café")
    f = tmp_path / "legacy.txt"
    f.write_bytes(text.encode("cp1252"))
    offset = text.encode("cp1252").index(b"\xe9")
    code, out, err = score(["--json", "--model", str(tiny_model), str(f)])
    assert code == 0
    warning = (f"not valid UTF-8 (byte 0xE9 at offset {offset}); read as Windows-1252 (cp1252/latin-1): "
               "check accented letters")
    assert err == [f"reliability: warning: {f}: {warning}"]
    [row] = rows(out)
    assert row["warnings"] == [warning] and row["title"] == POLICE_TITLE
    # latin-1 with a byte cp1252 leaves undefined (0x81): still read, same warning kind
    d = decode("Harga café naik".encode("latin-1") + b" \x81", "l.txt")
    assert (d.text, d.encoding) == ("Harga café naik \x81", "cp1252")


@pytest.mark.parametrize("encoding, warnings", [
    ("utf-8-sig", []),
    ("utf-16", []),
    ("utf-16-be-bom", []),
    ("utf-32", []),
    ("utf-16-le", ["no byte-order mark; read as UTF-16-LE"]),
])
def test_unicode_encodings_score_like_utf8(tmp_path, tiny_model, encoding, warnings):
    from reliability import Scorer

    f = tmp_path / "a.txt"
    if encoding == "utf-16-be-bom":
        f.write_bytes(b"\xfe\xff" + CLI_POLICE.encode("utf-16-be"))
    else:
        f.write_bytes(CLI_POLICE.encode(encoding))
    code, out, err = score(["--json", "--model", str(tiny_model), str(f)])
    assert code == 0
    assert err == [f"reliability: warning: {f}: {w}" for w in warnings]
    [row] = rows(out)
    expected = Scorer.load(tiny_model).score(CLI_POLICE, path=str(f)).to_dict()
    assert row == {**expected, "warnings": warnings}


def test_html_page_is_extracted_with_a_warning(tmp_path, tiny_model):
    pytest.importorskip("trafilatura")
    f = tmp_path / "page.txt"
    f.write_text(HTML_PAGE, encoding="utf-8")
    code, out, err = score(["--json", "--model", str(tiny_model), str(f)])
    assert code == 0
    warning = "HTML page: scored the text extracted with trafilatura (cue offsets index that text)"
    assert err == [f"reliability: warning: {f}: {warning}"]
    [row] = rows(out)
    assert row["title"] == "Polisi Tangkap Dua Pencuri Motor di Depok"
    assert row["warnings"] == [warning]
    named = [c["text"] for c in row["cues"] if c["kind"] == "named_source"]
    assert any("Kapolres Depok" in t for t in named)
    assert not any("<" in c["text"] for c in row["cues"])


def test_html_without_the_extra_says_what_to_install(tmp_path, tiny_model, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura -> ImportError
    f = tmp_path / "page.txt"
    f.write_text(HTML_PAGE, encoding="utf-8")
    code, out, err = score(["--model", str(tiny_model), str(f), "-"], input=CLI_GOSSIP)
    assert code == 1
    assert err == [f"reliability: {f}: looks like an HTML page; to extract its text install the html extra "
                   "(pip install 'reliability[html]') or give the article as plain text"]
    assert "Dewi Kirana" in out  # the other input was still scored


def test_html_that_holds_no_article(tiny_model, tmp_path):
    pytest.importorskip("trafilatura")
    with pytest.raises(ArticleError) as info:
        html_to_text("<!DOCTYPE html><html><head><title>x</title></head><body><div></div></body></html>", "p.html")
    assert str(info.value) == "p.html: HTML page with no article text to extract"


def test_other_language_is_scored_with_a_warning(tmp_path, tiny_model):
    f = tmp_path / "english.txt"
    f.write_text(ENGLISH, encoding="utf-8")
    code, out, err = score(["--json", "--model", str(tiny_model), str(f)])
    assert code == 0
    warning = ("text does not look like Indonesian (0% of its 34 words are common Indonesian words); "
               "the model is trained on Indonesian news, so its scores may mean little")
    assert err == [f"reliability: warning: {f}: {warning}"]
    [row] = rows(out)
    assert row["warnings"] == [warning] and 0 <= row["support"] <= 100


def test_indonesian_articles_get_no_language_warning(tiny_model, tmp_path):
    from reliability import Scorer

    scorer = Scorer.load(tiny_model)
    for text in (CLI_POLICE, CLI_GOSSIP, "Dua pencuri ditangkap, kata Kapolsek Beji AKP Rudi."):
        assert scorer.score(text).warnings == ()


# --- size: a cap on what is read, said in a warning


def test_50_mb_file_is_scored_in_bounded_time_and_memory(tmp_path, tiny_model):
    unit = (CLI_POLICE + CLI_GOSSIP).encode()
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        for _ in range(50 * 2**20 // len(unit) + 1):
            fh.write(unit)
    size = big.stat().st_size
    assert size >= 50 * 2**20
    tracemalloc.start()
    t0 = time.perf_counter()
    d = read_input(big)
    read_seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert read_seconds < 5 and peak < 30 * 2**20  # far below the file's 50 MB
    assert len(d.text) <= DEFAULT_MAX_CHARS
    warning = (f"input is {size:,}-byte file; only the first {len(d.text):,} characters were scored "
               f"(limit {DEFAULT_MAX_CHARS:,}: {CAP_HINT})")
    assert d.warnings == (warning,)
    t0 = time.perf_counter()
    code, out, err = score(["--json", "--model", str(tiny_model), str(big)])
    assert time.perf_counter() - t0 < 60
    assert code == 0 and err == [f"reliability: warning: {big}: {warning}"]
    [row] = rows(out)
    assert row["warnings"] == [warning] and row["title"] == POLICE_TITLE
    unit_text = unit.decode()
    for c in row["cues"]:  # offsets still index the file's text
        if c["field"] == "body":
            assert (unit_text * 2)[c["start"] % len(unit_text):][: c["end"] - c["start"]] == c["text"]


def test_very_long_single_line_is_capped_and_scored(tmp_path, tiny_model, monkeypatch):
    monkeypatch.setenv("RELIABILITY_MAX_CHARS", "20000")
    line = " ".join(CLI_POLICE.splitlines()[2:]) + " "
    f = tmp_path / "one_line.txt"
    f.write_text(line * 200, encoding="utf-8")  # ~110,000 characters, no line break
    t0 = time.perf_counter()
    code, out, err = score(["--json", "--model", str(tiny_model), str(f)])
    assert time.perf_counter() - t0 < 30
    assert code == 0
    [row] = rows(out)
    kept = (line * 200)[:20001].rfind(" ")
    # (only 4 x 20,000 bytes are read of the 110 kB file, then cut at the last space)
    warning = (f"input is {f.stat().st_size:,}-byte file; only the first {kept:,} characters were scored "
               f"(limit 20,000: {CAP_HINT})")
    assert err == [f"reliability: warning: {f}: {warning}"]
    assert row["warnings"] == [warning]
    assert row["counts"]["named_source"] > 10
    source = line * 200
    assert all(source[c["start"]:c["end"]] == c["text"] for c in row["cues"] if c["field"] == "body")


def test_long_line_starting_with_home_is_not_dropped_as_a_breadcrumb():
    from reliability import read_article

    line = " ".join(CLI_POLICE.splitlines())  # "Home Metro Polisi ... (9/7/2025) ..." as one line
    art = read_article(line * 3)
    assert "Kapolres Depok" in art.body and len(art.body) > 0.8 * len(line) * 3  # (less inline "Baca juga" links)


def test_bad_cap_setting_is_a_one_line_error_per_input(tmp_path, tiny_model):
    f = tmp_path / "a.txt"
    f.write_text(CLI_POLICE, encoding="utf-8")
    code, out, err = score(["--model", str(tiny_model), str(f)], env={"RELIABILITY_MAX_CHARS": "lots"})
    assert code == 1
    assert err == [f"reliability: {f}: RELIABILITY_MAX_CHARS='lots' is not a positive whole number of characters"]
    with pytest.raises(ArticleError):
        max_chars(0)


# --- standard input and JSON Lines


def test_stdin_errors_and_warnings():
    # CliRunner passes text input as UTF-8 bytes; give bytes for the others.
    from reliability.cli.inputs import iter_inputs

    [empty] = iter_inputs(["-"], stdin=io.BytesIO(b""))
    assert empty.error == "<stdin>: empty file"
    [binary] = iter_inputs(["-"], stdin=io.BytesIO(b"\x00\x01\x02"))
    assert binary.error == "<stdin>: binary data (NUL bytes)"
    [legacy] = iter_inputs(["-"], stdin=io.BytesIO("Harga café".encode("cp1252")))
    assert legacy.text == "Harga café" and legacy.warnings[0].startswith("not valid UTF-8 (byte 0xE9 at offset 9)")


def test_endless_stdin_is_read_within_the_cap(monkeypatch):
    from reliability.cli.inputs import iter_inputs

    class Endless(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, b):
            b[:] = b"kata polisi. " * (len(b) // 13) + b" " * (len(b) % 13)
            return len(b)

    monkeypatch.setenv("RELIABILITY_MAX_CHARS", "1000")
    [item] = iter_inputs(["-"], stdin=io.BufferedReader(Endless()))
    assert len(item.text) <= 1000
    assert item.warnings == (f"input is 4,001-byte file; only the first {len(item.text):,} characters were scored "
                             f"(limit 1,000: {CAP_HINT})",)


def test_jsonl_bad_records_are_rows_and_the_rest_is_scored(tmp_path, tiny_model, monkeypatch):
    monkeypatch.setenv("RELIABILITY_MAX_CHARS", "5000")
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": CLI_POLICE}).encode(),
        b"{broken",
        b"[1, 2]",
        json.dumps({"id": "notext", "title": "x"}).encode(),
        json.dumps({"id": "empty", "text": "   "}).encode(),
        b"",
        json.dumps({"id": "huge", "text": "kata polisi. " * 4000}).encode(),
        json.dumps({"id": "legacy", "text": "Harga café naik tajam, kata pedagang di Pasar Minggu kepada wartawan."},
                   ensure_ascii=False).encode("cp1252"),
        json.dumps({"id": "ok2", "text": CLI_GOSSIP}).encode(),
    ]
    f.write_bytes(b"\n".join(lines) + b"\n")
    code, out, err = score(["--json", "--model", str(tiny_model), str(f)])
    assert code == 1
    got = rows(out)
    assert [r["path"] for r in got] == [f"{f}:ok1", f"{f}:2", f"{f}:3", f"{f}:4", f"{f}:empty", f"{f}:7",
                                       f"{f}:legacy", f"{f}:ok2"]
    errors = {r["path"]: r["error"] for r in got if "error" in r}
    assert errors == {
        f"{f}:2": f"{f}:2: not valid JSON (Expecting property name enclosed in double quotes)",
        f"{f}:3": f"{f}:3: expected an object with a \"text\" string",
        f"{f}:4": f"{f}:4: expected an object with a \"text\" string",
        f"{f}:empty": f"{f}:empty: empty article",
        f"{f}:7": f"{f}:7: record longer than 40,000 bytes (the limit is twice 5,000 characters at 4 bytes each, "
                  "RELIABILITY_MAX_CHARS); not scored",
    }
    legacy = [r for r in got if r["path"] == f"{f}:legacy"][0]
    assert legacy["warnings"] == ["line is not valid UTF-8 (byte 0xE9); read as Windows-1252"]
    assert err == [f"reliability: {errors[f'{f}:2']}", f"reliability: {errors[f'{f}:3']}",
                   f"reliability: {errors[f'{f}:4']}", f"reliability: {errors[f'{f}:empty']}",
                   f"reliability: {errors[f'{f}:7']}",
                   f"reliability: warning: {f}:legacy: line is not valid UTF-8 (byte 0xE9); read as Windows-1252"]


def test_utf16_jsonl_is_refused_with_what_to_do(tmp_path, tiny_model):
    f = tmp_path / "batch.jsonl"
    f.write_bytes((json.dumps({"text": CLI_POLICE}) + "\n").encode("utf-16"))
    code, out, err = score(["--model", str(tiny_model), str(f)])
    assert code == 1
    assert err == [f"reliability: {f}: JSON Lines must be UTF-8 (this file is UTF-16/32); convert it"]


def test_batch_of_good_and_bad_keeps_order_and_exit_1(tmp_path, tiny_model):
    good = tmp_path / "good.txt"
    good.write_text(CLI_POLICE, encoding="utf-8")
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8))
    code, out, err = score(["--json", "--model", str(tiny_model), str(bad), str(good), "-"], input=CLI_GOSSIP)
    assert code == 1
    got = rows(out)
    assert [r["path"] for r in got] == [str(bad), str(good), "-"]
    assert "error" in got[0] and "support" in got[1] and "support" in got[2]
    assert err == [f"reliability: {bad}: a PNG image, not a text article"]


# --- the API


@pytest.fixture(scope="module")
def scorer(tiny_model):
    from reliability import Scorer
    return Scorer.load(tiny_model)


@pytest.mark.parametrize("text, message", [
    ("", "empty article"),
    ("  \n\t\u200b ", "empty article"),
    ("Home Berita\nEditor: Budi\n", "no article body found (only page furniture or a headline)"),
])
def test_api_empty_input_raises_article_error(scorer, text, message):
    with pytest.raises(ArticleError) as info:
        scorer.score(text)
    assert str(info.value) == message
    with pytest.raises(ArticleError) as info:
        scorer.score(text, path="x.txt")
    assert str(info.value) == f"x.txt: {message}"


def test_api_non_str_is_a_type_error(scorer):
    with pytest.raises(TypeError, match="article text must be str, not bytes"):
        scorer.score(b"bytes")


def test_api_huge_text_is_capped_with_a_warning(scorer, monkeypatch):
    monkeypatch.setenv("RELIABILITY_MAX_CHARS", "8000")
    text = (CLI_POLICE + "\n") * 200
    t0 = time.perf_counter()
    r = scorer.score(text)
    assert time.perf_counter() - t0 < 20
    kept = text[:8001].rfind("\n")
    assert r.warnings == (f"input is {len(text):,} characters; only the first {kept:,} characters were scored "
                          f"(limit 8,000: {CAP_HINT})",)
    assert r.source == text[:kept]
    assert all(text[c.start:c.end] == c.text for c in r.cues if c.field == "body")


def test_api_html_and_foreign_text_score_with_warnings(scorer):
    r = scorer.score(HTML_PAGE)
    assert r.warnings[0] == ("text looks like HTML; it was scored as it is: extract the article text first "
                             "(reliability.article.html_to_text, needs the html extra)")
    r = scorer.score(ENGLISH)
    assert r.warnings == ("text does not look like Indonesian (0% of its 34 words are common Indonesian words); "
                          "the model is trained on Indonesian news, so its scores may mean little",)
    assert r.to_dict()["warnings"] == list(r.warnings)


def test_api_batch_with_bad_items_returns_errors_in_place(scorer):
    out = list(scorer.score_many([{"text": t, "path": p} for t, p in zip(["", CLI_POLICE, "   ", ENGLISH], "abcd")],
                                 on_error="return"))
    assert [type(x).__name__ for x in out] == ["ArticleError", "Result", "ArticleError", "Result"]
    assert [str(out[0]), str(out[2])] == ["a: empty article", "c: empty article"]
    assert out[3].warnings and not out[1].warnings


def test_unexpected_error_in_one_article_does_not_lose_the_batch(tmp_path, tiny_model, monkeypatch):
    from reliability import scorer as scorer_module

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(CLI_POLICE, encoding="utf-8")
    b.write_text(CLI_GOSSIP, encoding="utf-8")
    real = scorer_module.read_scorable

    def buggy(text, title=None, path=None):
        if path == str(a):
            raise RuntimeError("a bug")
        return real(text, title, path)

    monkeypatch.setattr(scorer_module, "read_scorable", buggy)
    code, out, err = score(["--json", "--model", str(tiny_model), str(a), str(b)])
    assert code == 1
    got = rows(out)
    assert got[0] == {"path": str(a), "error": f"{a}: internal error while scoring (RuntimeError: a bug); please report it"}
    assert got[1]["path"] == str(b) and "support" in got[1]
    assert err == [f"reliability: {a}: internal error while scoring (RuntimeError: a bug); please report it"]


def test_unexpected_error_outside_scoring_is_one_line_from_main(monkeypatch, capsys, tmp_path):
    from reliability.cli import score as score_module

    def boom(*args, **kw):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(score_module, "load_scorer", boom)
    monkeypatch.delenv("RELIABILITY_DEBUG", raising=False)
    f = tmp_path / "a.txt"
    f.write_text(CLI_POLICE, encoding="utf-8")
    assert main(["score", str(f)]) == 1
    assert capsys.readouterr().err == ("reliability: internal error (RuntimeError: unexpected); "
                                       "set RELIABILITY_DEBUG=1 to see the traceback\n")


def test_text_that_is_not_valid_unicode_is_printed_escaped_not_a_crash(tmp_path, tiny_model):
    # A JSON "\ud800" escape gives a lone surrogate; a file name may hold a byte that is not UTF-8.
    # Printing either used to fail the whole run at the first print (UnicodeEncodeError).
    import subprocess

    record = '{"id": "s", "title": "Judul \\ud800 Aneh Sekali", "text": "Polisi menangkap dua pencuri \\ud800 di pasar itu, kata Kapolsek Beji AKP Rudi Hartono."}\n'
    name = os.fsencode(tmp_path) + b"/berita\xff.jsonl"
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(record)
    # (the person-readable report is the one that printed the raw text and died; one process keeps it quick)
    out = subprocess.run([sys.executable, "-m", "reliability", "score", "--model", str(tiny_model), name],
                         capture_output=True)
    assert out.returncode == 0, out.stderr
    assert out.stderr == b""
    text = out.stdout.decode("utf-8")  # valid UTF-8: the surrogates are escaped
    assert "Judul \\ud800 Aneh Sekali" in text and "berita\\udcff.jsonl" in text


def test_api_huge_title_is_cut_with_a_warning(scorer):
    r = scorer.score(CLI_GOSSIP, title="Heboh! " * 100_000)
    assert r.warnings == ("title is 700,000 characters; only the first 1,000 were used",)
    assert len(r.title) <= 1000
    assert all(r.title[c.start:c.end] == c.text for c in r.cues if c.field == "title")
