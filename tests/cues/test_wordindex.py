"""The word index that lexicon scans use to skip most of a text (reliability.cues.wordindex).

The index must never change what a scan finds: every test compares with the
full scan as well as asserting exact spans.
"""
import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from reliability.cues import lexicon, wordindex
from reliability.cues.lexicon import BOUNDARY, Matcher, parse_lexicon, scan
from reliability.cues.named import _anchors
from reliability.cues.relayed import _pattern as relayed_pattern
from reliability.cues.wordindex import TextIndex, pattern_keys, source_keys, text_index

HEADER = "term\tkind\tweight\tnote\n"


@pytest.fixture(autouse=True)
def index_from_the_first_text(monkeypatch):
    # Scanners use the index only after a few texts (cold start); test it from the first.
    monkeypatch.setattr(lexicon, "INDEX_AFTER", 0)


def make(rows: str) -> Matcher:
    return Matcher(parse_lexicon("t.tsv", HEADER + rows))


def spans(m: Matcher, text: str):
    assert m.keys is None or lexicon.INDEX_AFTER == 0
    got = [(e.term, s, t, text[s:t]) for e, s, t in m.finditer(text)]
    full = [(e.term, s, t, text[s:t]) for s, t1, e in m.spans("\n" + text) for t in [t1 - 1]]
    assert got == full, "indexed scan differs from the full scan"
    return got


PHRASES = make(
    "disebut-sebut\thedge\t1\tsaid\n"
    "kabar\thedge\t1\tnews\n"
    "beredar kabar\thedge\t1\tcirculating news\n"
    "kabar burung\thedge\t1\trumour\n"
    "dilansir*\trelayed_source\t1\trelayed\n"
    "a.n.\thedge\t1\tin the name of\n"
    "re:(?:belum|tidak)\\s+(?:di)?konfirmasi\tunverified_claim\t1\tunconfirmed\n"
    "re:@\\w{3,}\tsocial_media_source\t1\taccount\n"
)


@pytest.mark.parametrize("text, want", [
    # hyphenated terms: hyphen, spaces around it, a space, or nothing
    ("Artis itu disebut-sebut menikah.", [("disebut-sebut", 10, 23, "disebut-sebut")]),
    ("Ia disebut - sebut kaya.", [("disebut-sebut", 3, 18, "disebut - sebut")]),
    ("Ia disebut sebut kaya.", [("disebut-sebut", 3, 16, "disebut sebut")]),
    ("Ia disebutsebut kaya.", [("disebut-sebut", 3, 15, "disebutsebut")]),
    # case differences
    ("BEREDAR KABAR banjir.", [("beredar kabar", 0, 13, "BEREDAR KABAR")]),
    ("Kabar Burung itu.", [("kabar burung", 0, 12, "Kabar Burung")]),
    # at the very start and the very end of the text
    ("kabar", [("kabar", 0, 5, "kabar")]),
    ("Itu kabar", [("kabar", 4, 9, "kabar")]),
    # overlapping candidates: the longest phrase at the leftmost start wins, then
    # the scan goes on after it
    ("beredar kabar burung", [("beredar kabar", 0, 13, "beredar kabar")]),
    ("kabar burung kabar", [("kabar burung", 0, 12, "kabar burung"), ("kabar", 13, 18, "kabar")]),
    # multi-word phrase across a line break and a run of spaces
    ("beredar\n  kabar", [("beredar kabar", 0, 15, "beredar\n  kabar")]),
    # punctuation inside a phrase; a word inside another word is no match
    ("Surat a.n. Budi.", [("a.n.", 6, 10, "a.n.")]),
    ("Kabarnya ia pergi; sekabar", []),
    # a prefix term and its continuations
    ("Dilansir dari AFP, dilansirnya lagi.", [("dilansir*", 0, 8, "Dilansir"), ("dilansir*", 19, 30, "dilansirnya")]),
    # regex rows: alternatives of the first word, and a non-word first character
    ("Itu belum dikonfirmasi, tidak konfirmasi.", [
        ("re:(?:belum|tidak)\\s+(?:di)?konfirmasi", 4, 22, "belum dikonfirmasi"),
        ("re:(?:belum|tidak)\\s+(?:di)?konfirmasi", 24, 40, "tidak konfirmasi")]),
    ("Akun @warga_kota mengunggah; email a@b.", [("re:@\\w{3,}", 5, 16, "@warga_kota")]),
    # no boundary before: inside a word, after "@" or "#"
    # (the "@" row still finds the account)
    ("#kabar @kabar x_kabar", [("re:@\\w{3,}", 7, 13, "@kabar")]),
])
def test_exact_spans(text, want):
    assert spans(PHRASES, text) == want


def test_unsafe_text_falls_back_to_the_full_scan():
    # dotless i, dotted capital I, long s, Kelvin sign: a case-insensitive
    # regex matches them as ASCII letters, lower() does not make them so
    for text in ("\u0130tu kabar", "kabar \u0131", "\u017fumber kabar", "\u212a kabar"):
        assert text_index(text) is None
        assert [t for _, _, _, t in spans(PHRASES, text)] == ["kabar"]


def test_unsafe_chars_are_all_that_case_fold_to_ascii():
    ascii_ci = re.compile(r"(?i)[\x00-\x7f]")
    word = re.compile(r"\w")
    found = []
    for cp in range(128, sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        lo = c.lower()
        if ascii_ci.fullmatch(c) or lo.isascii() or (len(lo) == 1 and bool(word.match(c)) != bool(word.match(lo))):
            found.append(c)
    assert "".join(found) == wordindex.UNSAFE_CHARS


def test_isword_is_re_word():
    word = re.compile(r"\w")
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        assert wordindex._isword(c) == bool(word.match(c)), hex(cp)


def test_text_index_words_and_hits():
    idx = TextIndex("kata dia, kata-kata @kata #kata kata")
    assert idx.vocabulary == {"kata", "dia"}
    assert idx.offsets("kata") == [0, 10, 15, 21, 27, 32]
    assert idx.offsets("dia") == [5]
    assert idx.hits("kata") == [0, 10, 15, 32]  # not after "@"/"#" or inside a word
    assert idx.offsets("kat") == [] and idx.offsets("tidak") == []  # not whole words of the text


def test_candidates_with_prefix_keys_sharing_a_stem():
    # "kepadaafp"/"kepadaantara" share the stem "kepadaa": looked up only where it stands.
    keys = wordindex.Keys.of({"kata"}, {"kepadaafp", "kepadaantara", "dilansir"}, {"("})
    assert wordindex._stem_groups(keys.others) == (
        ("(", ("(",)), ("dilansir", ("dilansir",)), ("kepadaa", ("kepadaafp", "kepadaantara")))
    text = "Kata dia kepada AFP, (dilansirnya) kepadaantara kepadaAFP xkepadaafp"
    assert keys.candidates(TextIndex(text.lower())) == [0, 21, 22, 35, 48]
    assert keys.candidates(TextIndex("kepada warga, kata dia")) == [14]


def test_keys_of_regex_rows():
    k = source_keys(r"(?i:(?:silakan\s+)?sebarkan|kebenaran(?:nya)?\s+belum|pasal\s+\d+|\((?:antara|afp)\))")
    assert k.exact == {"silakan", "kebenaran", "kebenarannya", "pasal"}
    assert k.prefix == ("sebarkan",)  # the regex ends there: the word may go on
    assert k.chars == ("(",)
    # matches that may begin with anything: unknown, so the full scan is kept
    assert source_keys(r"(?:kabar)?") is None
    assert source_keys(r"[\d.]+\s+fakta") is None
    assert source_keys(r"x\d") == source_keys(r"x\w")  # a digit inside a word: a prefix key


def test_digit_start_is_a_key():
    k = source_keys(r"\d+\s+fakta|kabar")
    assert k.digits and k.prefix == ("kabar",) and not k.exact
    assert not source_keys("kabar").digits
    assert lexicon.matcher("clickbait").keys.digits  # "5 Fakta", a listicle


@pytest.mark.parametrize("text", [
    "5 Fakta Unik", "Ini 10 cara hemat", "2025 fakta", "x5 fakta", "(5 fakta", "@5 fakta", "#5 fakta",
    "\u0663 fakta", "\uff15 Fakta", "5\u00a0fakta", "Ini 5 Fakta, 7 Cara dan 3 alasan", "",
])
def test_digit_keys_find_what_the_full_scan_finds(text):
    m = lexicon.matcher("clickbait")
    full = [(e.term, s, t) for s, t1, e in m.spans("\n" + text) for t in [t1 - 1]]
    index = text_index(text)
    assert index is not None
    indexed = [(e.term, s, t) for s, t1, e in m.spans("\n" + text, m.keys.candidates(index)) for t in [t1 - 1]]
    assert indexed == full


def test_repeated_group_gives_a_prefix_key():
    k = source_keys(r"(?:ab)+c")
    assert k.prefix == ("ab",) and not k.exact


def test_relayed_pattern_has_keys():
    assert pattern_keys(relayed_pattern(), BOUNDARY) is not None


# --- the shipped scanners, on generated text --------------------------------

_MATCHERS = [lexicon.matcher(n) for n in ("hedge", "anonymous", "social", "unverified", "context", "roles",
                                          "institutions", "speech_verbs", "clickbait", "outlets")] + [_anchors()]


def _vocabulary():
    words = set()
    for m in _MATCHERS:
        keys = m.keys
        if keys is not None:
            words |= set(keys.exact) | set(keys.prefix)
        for e in m.entries:
            if not e.term.startswith("re:"):
                words |= set(re.split(r"[\s-]+", e.term.rstrip("*")))
    words |= {"Reuters", "AFP", "Kompas.com", "Daily", "Star", "Instagram", "@akun_x", "#viral", "dari", "laman",
              "Menteri", "Budi", "(Antara)", "nya", "Senin", "yang", "tidak", "sumber"}
    return sorted(w for w in words if w)


_WORDS = _vocabulary()
_SEPS = [" ", " ", " ", "  ", "-", " - ", ", ", ". ", "\n", "\u00a0", "\"", "(", ")", "", "@", "#", ": "]


@st.composite
def texts(draw):
    n = draw(st.integers(0, 25))
    parts = []
    for _ in range(n):
        w = draw(st.sampled_from(_WORDS))
        case = draw(st.sampled_from(["lower", "title", "upper", "same"]))
        w = {"lower": w.lower(), "title": w.title(), "upper": w.upper(), "same": w}[case]
        parts.append(w + draw(st.sampled_from(_SEPS)))
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(texts())
def test_indexed_scans_equal_full_scans(text):
    for m in _MATCHERS:
        assert list(m.finditer(text)) == [(e, s, t - 1) for s, t, e in m.spans("\n" + text)]
    p = relayed_pattern()
    assert [(x.span(), x.groupdict()) for x in scan(p, text)] == \
        [(x.span(), x.groupdict()) for x in p.finditer("\n" + text)]
