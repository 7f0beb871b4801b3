from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

import samples as S
from reliability.cues import KINDS, Cue, dedupe, find_body_cues, find_cues, find_title_cues
from reliability.cues.clickbait import find_clickbait_markers


@dataclass
class StandIn:
    """A tiny article: the body is the source (identity span mapping)."""

    title: str
    body: str

    @property
    def source(self):
        return self.body

    def source_span(self, start, end):
        return start, end


@dataclass
class Shifted:
    """An article whose body sits after a header in the original input."""

    title: str
    body: str
    header: str = "JUDUL\n\n"

    @property
    def source(self):
        return self.header + self.body

    def source_span(self, start, end):
        return start + len(self.header), end + len(self.header)


def test_exports():
    assert KINDS[0] == "hedge" and Cue


def test_title_cues_are_title_field_with_title_offsets():
    cues = find_title_cues("Heboh! Artis Ini Dikabarkan Bangkrut")
    assert [(c.kind, c.text, c.start, c.field) for c in cues] == [
        ("clickbait_marker", "Heboh", 0, "title"),
        ("clickbait_marker", "!", 5, "title"),
        ("hedge", "Dikabarkan", 17, "title"),
    ]


def test_body_cues_sorted_and_deduplicated():
    cues = find_body_cues(S.HEDGE + " " + S.RELAYED)
    assert [c.start for c in cues] == sorted(c.start for c in cues)
    assert [(c.kind, c.text) for c in cues] == [
        ("hedge", "dikabarkan"), ("hedge", "Konon"), ("relayed_source", "Dilansir dari Daily Star")]


def test_find_cues_title_first_then_body():
    art = StandIn("Ternyata Begini!", S.NAMED_POLICE)
    cues = find_cues(art)
    assert [(c.field, c.kind, c.text) for c in cues] == [
        ("title", "clickbait_marker", "Ternyata"),
        ("title", "clickbait_marker", "Begini"),
        ("title", "clickbait_marker", "!"),
        ("body", "named_source", "kata Kapolres Jakarta Selatan AKBP Budi Santoso"),
    ]


def test_find_cues_rebases_body_on_source():
    art = Shifted("Biasa Saja", S.HEDGE)
    body = [c for c in find_cues(art) if c.field == "body"]
    assert [(c.text, c.start) for c in body] == [("dikabarkan", 13 + 7), ("Konon", 39 + 7)]
    assert all(art.source[c.start:c.end] == c.text for c in body)


def test_dedupe_keeps_longer_of_same_kind_only():
    a = Cue("hedge", "kabar", 8, 13)
    b = Cue("hedge", "beredar kabar", 0, 13)
    c = Cue("social_media_source", "kabar", 8, 13)
    assert dedupe([a, b, c]) == [b, c]


def test_empty_inputs():
    assert find_cues(StandIn("", "")) == []
    assert find_body_cues("") == [] and find_title_cues("") == []


_ALPHABET = st.sampled_from(list("aeiou dkbnrsgtmlp.,!?\"'-\n@#()") + [
    "dikabarkan ", "kata ", "Kapolres ", "Jakarta ", "AKBP ", "Budi ", "dilansir ", "dari ",
    "Daily ", "Star ", "hoaks ", "diduga ", "viral ", "media sosial ", "Ini ", "HEBOH ", "KPK ",
    "menurut ", "sumber ", "belum ", "diverifikasi ", "İ", "ß", "\u00a0", "mengatakan ", "@akun "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_spans_are_exact_for_random_text(text):
    for cues in (find_body_cues(text), find_title_cues(text), find_clickbait_markers(text)):
        for c in cues:
            assert 0 <= c.start <= c.end <= len(text)
            assert text[c.start:c.end] == c.text
    art = Shifted(text, text)
    for c in find_cues(art):
        src = art.title if c.field == "title" else art.source
        assert src[c.start:c.end] == c.text
