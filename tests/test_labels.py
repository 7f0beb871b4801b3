"""Label files: format, validation messages with line numbers, overrides."""
import json
from pathlib import Path

import pytest

from training.labels import (LabelError, LabelProblem, LabelRecord, iter_label_files, label_counts,
                             read_labels)

REPO = Path(__file__).resolve().parents[1]
TEXT = "Polisi menangkap dua pencuri, kata Kapolres Sungai Lebar AKBP Joko Santoso."


def jsonl(path: Path, *rows) -> Path:
    """Write rows (dicts are dumped, strings written as they are) one per line."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def messages(label_set):
    return [(p.line, p.message) for p in label_set.problems]


# ------------------------------------------------------------------ valid files

def test_jsonl_valid_records(tmp_path):
    f = jsonl(tmp_path / "a.jsonl",
              {"id": "a1", "text": TEXT, "title": "Dua Pencuri Ditangkap", "support": 5,
               "sensational": 0, "publisher": "Warta", "annotator": "ana", "labelled_at": "2025-07-01",
               "note": "named police chief", "extra_field": "ignored"},
              {"id": "a2", "title": "Ternyata Ini Rahasianya!", "sensational": 1})
    s = read_labels(f)
    assert s.problems == [] and s.ok
    a1, a2 = s.records
    assert a1 == LabelRecord(id="a1", text=TEXT, title="Dua Pencuri Ditangkap", support=5, sensational=0,
                             publisher="Warta", annotator="ana", labelled_at="2025-07-01",
                             note="named police chief", origin=f"{f}:1")
    assert a2.headline_only and a2.text is None and a2.support is None and a2.sensational == 1
    assert a1.support_score == 100.0


def test_csv_valid_records_and_number_forms(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(
        "id,title,text,support,sensational,publisher\n"
        f"c1,Judul,\"{TEXT}\",3,,Warta\n"          # empty cell: no sensational label
        f"c2,Judul dua,\"{TEXT}\",4.0,1.0,\n"      # 4.0 is 4; empty publisher is absent
        "c3,Heboh!,,,1,Lensa\n"                    # headline only
        "\n"                                        # blank lines are skipped
        f"c4,,\"baris satu\nbaris dua\",2,,\n",    # multi-line body
        encoding="utf-8")
    s = read_labels(f)
    assert s.problems == []
    assert [(r.id, r.support, r.sensational, r.publisher) for r in s.records] == [
        ("c1", 3, None, "Warta"), ("c2", 4, 1, None), ("c3", None, 1, "Lensa"), ("c4", 2, None, None)]
    assert s.records[3].text == "baris satu\nbaris dua"
    assert s.records[3].origin == f"{f}:6"
    assert s.records[2].text is None


def test_csv_header_is_case_and_space_insensitive_and_bom_ok(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes("\ufeffID , Text,Support\nx,isi berita,5\n".encode("utf-8"))
    s = read_labels(f)
    assert s.problems == [] and s.records[0].support == 5


def test_team_examples_are_valid_and_cover_the_scale():
    s = read_labels(REPO / "labelled" / "examples.jsonl")
    assert s.problems == []
    assert len(s.records) >= 30
    counts = s.counts()
    assert all(n >= 3 for n in counts["support"].values())
    assert counts["sensational"]["0"] >= 5 and counts["sensational"]["1"] >= 5
    assert len({r.publisher for r in s.records}) >= 6
    assert all(r.annotator == "team" and r.title and r.text for r in s.records)


# ---------------------------------------------------------- validation messages

@pytest.mark.parametrize("line, message", [
    ('{"id": "x", "text": "isi", "support": 3', "invalid JSON: Expecting ',' delimiter at column 40"),
    ('["x", "isi", 3]', "record is not a JSON object (got list)"),
    ('{"text": "isi", "support": 3}', "missing id"),
    ('{"id": "  ", "text": "isi", "support": 3}', "empty id"),
    ('{"id": 7, "text": "isi", "support": 3}', "id must be a string, got 7"),
    ('{"id": "x", "support": 3}', "missing text (a support label needs the article body)"),
    ('{"id": "x", "title": "Judul", "support": 3}', "missing text (a support label needs the article body)"),
    ('{"id": "x", "sensational": 1}', "missing text (and no title)"),
    ('{"id": "x", "text": "  \\n ", "support": 3}', "empty text"),
    ('{"id": "x", "text": 5, "support": 3}', "text must be a string, got int"),
    ('{"id": "x", "text": "isi", "support": 6}', "support must be an integer 1..5, got 6"),
    ('{"id": "x", "text": "isi", "support": 0}', "support must be an integer 1..5, got 0"),
    ('{"id": "x", "text": "isi", "support": 2.5}', "support must be an integer 1..5, got 2.5 (not a whole number)"),
    ('{"id": "x", "text": "isi", "support": "3"}', "support must be an integer 1..5, got '3' (a str)"),
    ('{"id": "x", "text": "isi", "support": true}', "support must be an integer 1..5, got True (a boolean)"),
    ('{"id": "x", "text": "isi", "sensational": 2}', "sensational must be 0 or 1, got 2"),
    ('{"id": "x", "text": "isi", "sensational": false}', "sensational must be 0 or 1, got False (a boolean)"),
    ('{"id": "x", "text": "isi"}', "no label: give support (1..5) and/or sensational (0/1)"),
    ('{"id": "x", "text": "isi", "support": null, "sensational": null}',
     "no label: give support (1..5) and/or sensational (0/1)"),
    ('{"id": "x", "text": "isi", "support": 3, "labelled_at": "kemarin"}',
     "labelled_at must be an ISO date (YYYY-MM-DD), got 'kemarin'"),
    ('{"id": "x", "text": "isi", "support": 3, "publisher": 12}', "publisher must be a string, got int"),
])
def test_each_jsonl_problem_has_its_line_and_message(tmp_path, line, message):
    good = {"id": "ok", "text": "isi", "support": 4}
    f = jsonl(tmp_path / "a.jsonl", good, "", line)  # the bad record sits on line 3
    s = read_labels(f)
    assert messages(s) == [(3, message)]
    assert str(s.problems[0]) == f"{f}:3: {message}"
    assert [r.id for r in s.records] == ["ok"]


def test_all_problems_reported_at_once(tmp_path):
    f = jsonl(tmp_path / "a.jsonl",
              {"id": "", "text": "isi", "support": 9},          # two problems on one line
              "{not json",
              {"id": "ok", "text": "isi", "support": 2},
              {"id": "y", "text": "isi"})
    s = read_labels(f)
    assert messages(s) == [
        (1, "empty id"),
        (1, "support must be an integer 1..5, got 9"),
        (2, "invalid JSON: Expecting property name enclosed in double quotes at column 2"),
        (4, "no label: give support (1..5) and/or sensational (0/1)"),
    ]
    assert not s.ok
    with pytest.raises(LabelError) as err:
        s.check()
    assert len(err.value.problems) == 4 and f"{f}:2: invalid JSON" in str(err.value)


def test_undecodable_bytes_jsonl(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(b'{"id": "a", "text": "isi", "support": 3}\n{"id": "b", "text": "caf\xe9", "support": 3}\n')
    s = read_labels(f)
    assert messages(s) == [(2, "bytes that are not valid UTF-8 at column 25")]
    assert [r.id for r in s.records] == ["a"]


def test_undecodable_bytes_csv(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(b"id,text,support\na,isi,3\nb,caf\xe9,3\n")
    s = read_labels(f)
    assert messages(s) == [(3, "field 'text' has bytes that are not valid UTF-8")]


@pytest.mark.parametrize("row, message", [
    ("x,isi,7", "support must be an integer 1..5, got '7'"),
    ("x,isi,tiga", "support must be an integer 1..5, got 'tiga' (not a number)"),
    ("x,isi,3.5", "support must be an integer 1..5, got '3.5' (not a whole number)"),
    ("x,isi,true", "support must be an integer 1..5, got 'true' (not a number)"),
    (",isi,3", "empty id"),
    ("x,,3", "missing text (a support label needs the article body)"),
    ("x,isi,", "no label: give support (1..5) and/or sensational (0/1)"),
    ("x,isi,3,extra", "row has 4 cells but the header has 3"),
    ("x,isi", "row has 2 cells but the header has 3"),
])
def test_each_csv_problem_has_its_line_and_message(tmp_path, row, message):
    f = tmp_path / "a.csv"
    f.write_text(f"id,text,support\nok,isi,4\n{row}\n", encoding="utf-8")
    s = read_labels(f)
    assert messages(s) == [(3, message)]


@pytest.mark.parametrize("header, expected", [
    ("text,support", ["CSV header has no 'id' column"]),
    ("id,text,label", ["CSV header has no label column: need 'support' and/or 'sensational'"]),
    ("id,support", ["CSV header has neither 'text' nor 'title'"]),
    ("id,title,support", ["CSV header has 'support' but no 'text' column (support labels need the body)"]),
    ("id,id,text,support", ["CSV header repeats column(s): id"]),
    ("support", ["CSV header has no 'id' column", "CSV header has neither 'text' nor 'title'"]),
])
def test_csv_missing_header_columns(tmp_path, header, expected):
    f = tmp_path / "a.csv"
    f.write_text(f"{header}\nx,isi,3\n", encoding="utf-8")
    s = read_labels(f)
    assert messages(s) == [(1, m) for m in expected]
    assert s.records == []


def test_csv_empty_file(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("", encoding="utf-8")
    assert messages(read_labels(f)) == [(1, "empty CSV file: no header row")]


def test_headline_only_csv_needs_no_text_column(tmp_path):
    f = tmp_path / "h.csv"
    f.write_text("id,title,sensational\nh1,Bikin Geger!,1\nh2,Harga Beras Naik,0\n", encoding="utf-8")
    s = read_labels(f)
    assert s.problems == [] and [r.sensational for r in s.records] == [1, 0]


def test_fields_mapping_renames_a_label(tmp_path):
    f = jsonl(tmp_path / "c.jsonl", {"id": "c1", "title": "Viral! Ojol Antar Pakai Sepeda", "clickbait": 1})
    assert not read_labels(f).ok
    s = read_labels(f, fields={"sensational": "clickbait"})
    assert s.ok and s.records[0].sensational == 1


# --------------------------------------------------------- duplicates/overrides

def test_conflicting_duplicate_in_one_file_is_an_error_naming_both_lines(tmp_path):
    f = jsonl(tmp_path / "a.jsonl",
              {"id": "d", "text": "isi", "support": 2},
              {"id": "e", "text": "isi", "support": 4},
              {"id": "d", "text": "isi", "support": 5, "sensational": 1})
    s = read_labels(f)
    assert messages(s) == [(3, "duplicate id 'd' with conflicting labels: line 1 has support=2, "
                               "line 3 has support=5, sensational=1")]
    s = read_labels(f, skip_invalid=True)
    assert [(r.id, r.support) for r in s.records] == [("d", 2), ("e", 4)]  # the first is kept
    assert s.problems == [] and s.n_skipped == 1


def test_identical_duplicate_in_one_file_overrides(tmp_path):
    f = jsonl(tmp_path / "a.jsonl",
              {"id": "d", "text": "versi lama", "support": 3},
              {"id": "e", "text": "isi", "support": 4},
              {"id": "d", "text": "versi baru", "support": 3, "note": "typo fixed"})
    s = read_labels(f)
    assert s.problems == [] and s.overridden == 1
    assert [r.id for r in s.records] == ["d", "e"]  # first-seen order
    assert s.records[0].text == "versi baru" and s.records[0].origin == f"{f}:3"


def test_later_file_overrides_earlier_file(tmp_path):
    a = jsonl(tmp_path / "a.jsonl",
              {"id": "x", "text": "isi", "support": 2, "sensational": 1},
              {"id": "y", "text": "isi", "support": 4})
    b = tmp_path / "b.csv"
    b.write_text("id,text,support\nx,isi,5\nz,isi,1\n", encoding="utf-8")
    s = read_labels([a, b])
    assert s.problems == [] and s.overridden == 1
    assert [(r.id, r.support, r.sensational) for r in s.records] == [
        ("x", 5, None), ("y", 4, None), ("z", 1, None)]  # whole-record replacement
    # Order matters: the other way round, a.jsonl wins.
    s = read_labels([b, a])
    assert [(r.id, r.support) for r in s.records] == [("x", 2), ("z", 1), ("y", 4)]


# ----------------------------------------------------------------- paths, skip

def test_folder_input_reads_jsonl_and_csv_sorted_and_ignores_others(tmp_path):
    jsonl(tmp_path / "b.jsonl", {"id": "b", "text": "isi", "support": 3})
    (tmp_path / "a.csv").write_text("id,text,support\na,isi,4\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# not labels\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    jsonl(tmp_path / "sub" / "c.jsonl", {"id": "c", "text": "isi", "support": 3})
    assert [p.name for p in iter_label_files(tmp_path)] == ["a.csv", "b.jsonl"]
    s = read_labels(tmp_path)
    assert s.problems == [] and [r.id for r in s.records] == ["a", "b"]


def test_missing_and_unsupported_paths_are_problems_not_exceptions(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    s = read_labels([tmp_path / "nope.jsonl", tmp_path / "notes.txt", tmp_path / "empty"])
    assert [(p.line, p.message) for p in s.problems] == [
        (0, "no such file or folder"),
        (0, "unsupported file type '.txt': use .jsonl or .csv"),
        (0, "folder has no .jsonl or .csv label files"),
    ]
    assert str(s.problems[0]) == f"{tmp_path / 'nope.jsonl'}: no such file or folder"
    with pytest.warns(UserWarning, match="no such file"):
        assert iter_label_files(tmp_path / "nope.jsonl") == []


def test_same_file_twice_is_read_once(tmp_path):
    f = jsonl(tmp_path / "a.jsonl", {"id": "a", "text": "isi", "support": 3})
    s = read_labels([f, tmp_path, str(f)])
    assert s.overridden == 0 and len(s.records) == 1


def test_skip_invalid_moves_bad_records_and_keeps_path_problems(tmp_path):
    f = jsonl(tmp_path / "a.jsonl",
              {"id": "a", "text": "isi", "support": 3},
              {"id": "b", "text": "isi", "support": 8, "sensational": 3},
              "oops",
              {"id": "c", "title": "Judul", "sensational": 0})
    s = read_labels([f, tmp_path / "missing.csv"], skip_invalid=True)
    assert [r.id for r in s.records] == ["a", "c"]
    assert [(p.line, p.message) for p in s.problems] == [(0, "no such file or folder")]
    assert [p.line for p in s.skipped] == [2, 2, 3]
    assert s.n_skipped == 2
    strict = read_labels(f)
    assert len(strict.problems) == 3 and strict.skipped == []


def test_label_counts_and_problem_str():
    recs = [LabelRecord("a", "t", support=1), LabelRecord("b", "t", support=1, sensational=0),
            LabelRecord("c", None, title="h", sensational=1)]
    assert label_counts(recs) == {"support": {"1": 2, "2": 0, "3": 0, "4": 0, "5": 0},
                                  "sensational": {"0": 1, "1": 1}}
    assert str(LabelProblem("x.csv", 4, "empty id")) == "x.csv:4: empty id"


@pytest.mark.data
def test_public_sets_read_cleanly(data_dir=None):
    import os
    root = Path(os.environ.get("RELIABILITY_DATA", REPO.parent / "shared" / "data"))
    support = root / "support" / "labels.jsonl"
    if not support.exists():
        pytest.skip(f"public data not found at {root} (set RELIABILITY_DATA)")
    s = read_labels(support)
    assert s.ok and len(s.records) > 1000
    h = read_labels(root / "clickid" / "headlines.jsonl", fields={"sensational": "clickbait"})
    assert h.ok and h.counts()["sensational"]["1"] > 1000


# ------------------------------------------------------------- marked phrases

def test_marked_phrases_are_read_from_jsonl_lists_and_csv_cells(tmp_path):
    f = jsonl(tmp_path / "a.jsonl",
              {"id": "a1", "text": TEXT, "support": 5, "named_sources": ["kata Kapolres Sungai Lebar"]},
              {"id": "a2", "text": TEXT, "support": 5})
    a1, a2 = read_labels(f).records
    assert a1.evidence == {"named_sources": ["kata Kapolres Sungai Lebar"], "relayed_from": [],
                           "anonymous_or_social": [], "hedges": []}
    assert a2.evidence is None  # not marked: unknown, not "no sources"
    c = tmp_path / "b.csv"
    c.write_text("id,text,support,hedges,named_sources\n"
                 f'b1,"Kabarnya {TEXT}",2,Kabarnya | menangkap dua ,\nb2,"{TEXT}",4,,\n', encoding="utf-8")
    b1, b2 = read_labels(c).records
    assert b1.evidence == {"named_sources": [], "relayed_from": [], "anonymous_or_social": [],
                           "hedges": ["Kabarnya", "menangkap dua"]}
    assert b2.evidence is None


def test_marked_phrases_must_be_strings_found_in_the_article(tmp_path):
    f = jsonl(tmp_path / "a.jsonl",
              {"id": "a1", "text": TEXT, "support": 5, "hedges": "diduga"},
              {"id": "a2", "text": TEXT, "support": 5, "hedges": ["dikabarkan"]})
    assert messages(read_labels(f)) == [(1, "hedges must be a list of strings, got 'diduga'"),
                                        (2, "hedges: 'dikabarkan' does not occur in the title or text")]


def test_marked_phrases_reach_the_training_examples(tmp_path):
    from training.data import examples_from_labels

    f = jsonl(tmp_path / "a.jsonl", {"id": "a1", "text": TEXT, "support": 5, "named_sources": ["kata Kapolres"]})
    (support,), _ = examples_from_labels(read_labels(f))
    assert support.evidence["named_sources"] == ["kata Kapolres"]
