import re
from importlib import resources

import pytest

from reliability.cues import lexicon
from reliability.cues.cue import KINDS
from reliability.cues.lexicon import AUX_KINDS, LexiconError, parse_lexicon

HEADER = "term\tkind\tweight\tnote\n"


def lexicon_names():
    folder = resources.files("reliability.cues").joinpath("lexicons")
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".tsv"))


@pytest.mark.parametrize("name", lexicon_names())
def test_shipped_lexicons_load_and_compile(name):
    entries = lexicon.load(name)
    assert entries, name
    for e in entries:
        assert e.kind in KINDS + AUX_KINDS
        assert 0 <= e.weight <= lexicon.MAX_WEIGHT and e.note
    lexicon.matcher(name)  # compiles


def test_load_is_cached():
    assert lexicon.load("hedge") is lexicon.load("hedge")
    assert lexicon.matcher("hedge") is lexicon.matcher("hedge")


def test_comment_and_header():
    entries = parse_lexicon("x.tsv", "# a comment\n" + HEADER + "konon\thedge\t1\thearsay\n")
    assert [(e.term, e.kind, e.weight, e.line) for e in entries] == [("konon", "hedge", 1.0, 3)]


@pytest.mark.parametrize("row, message", [
    ("konon\thedgey\t1\thearsay", "x.tsv:2: unknown kind 'hedgey'"),
    ("konon\thedge\theavy\thearsay", "x.tsv:2: weight 'heavy' is not a number"),
    ("konon\thedge\t9\thearsay", "x.tsv:2: weight 9.0 outside"),
    ("konon\thedge\t1", "x.tsv:2: expected 4 tab-separated columns"),
    ("konon\thedge\t1\t", "x.tsv:2: empty note"),
    ("re:(konon\thedge\t1\tbad", "x.tsv:2: bad pattern"),
    ("re:(konon)\thedge\t1\tgroup", "x.tsv:2: pattern 're:(konon)' has capturing groups"),
])
def test_bad_rows_name_file_and_line(row, message):
    with pytest.raises(LexiconError, match=re.escape(message)):
        parse_lexicon("x.tsv", HEADER + row + "\n")


def test_missing_header_and_duplicates():
    with pytest.raises(LexiconError, match="x.tsv:1: expected header"):
        parse_lexicon("x.tsv", "konon\thedge\t1\thearsay\n")
    with pytest.raises(LexiconError, match="x.tsv:3: duplicate term 'Konon'"):
        parse_lexicon("x.tsv", HEADER + "konon\thedge\t1\ta\nKonon\thedge\t1\tb\n")


def test_unknown_lexicon():
    with pytest.raises(LexiconError, match="no lexicon nope.tsv"):
        lexicon.load("nope")


def test_term_regex_flexible_spacing_and_hyphens():
    rx = re.compile(lexicon.term_regex("disebut-sebut"))
    for s in ("disebut-sebut", "disebut sebut", "disebutsebut", "disebut - sebut"):
        assert rx.fullmatch(s), s
    assert re.fullmatch(lexicon.term_regex("kabar burung"), "kabar \n burung")


def test_prefix_terms_and_word_boundaries():
    m = lexicon.Matcher(parse_lexicon("x.tsv", HEADER + "dilansir*\trelayed_source\t1\tr\nkonon\thedge\t1\th\n"))
    found = [(e.term, s, t) for e, s, t in m.finditer("dilansirAFP; Kononga konon")]
    assert found == [("dilansir*", 0, 11), ("konon", 21, 26)]


def test_longest_term_wins_in_trie():
    m = lexicon.Matcher(parse_lexicon("x.tsv", HEADER + "kabar\thedge\t0.3\ta\nkabar burung\thedge\t1\tb\n"))
    assert [(e.term, s, t) for e, s, t in m.finditer("kabar burung")] == [("kabar burung", 0, 12)]


def test_first_letters_guard():
    assert lexicon.first_letters("(?:sumber|pejabat)\\s+x") == frozenset("sp")
    assert lexicon.first_letters("(?:a\\s+)?b") is None
    assert lexicon.first_letters("(?<!x)y") is None
