import samples as S
from reliability.cues.clickbait import find_clickbait_markers


def spans(t):
    return [(c.text, c.start, c.end) for c in find_clickbait_markers(t)]


def test_teasers_and_exclamation():
    assert spans(S.TITLE_CLICKBAIT) == [("Heboh", 0, 5), ("!", 5, 6), ("Ternyata", 7, 15), ("Begini", 16, 22)]
    assert all(c.kind == "clickbait_marker" for c in find_clickbait_markers(S.TITLE_CLICKBAIT))


def test_listicle_and_sentence_start_ini():
    assert spans(S.TITLE_LISTICLE) == [("Ini", 0, 3), ("7 Fakta", 4, 11)]


def test_ini_inside_a_sentence_is_not_a_marker():
    assert find_clickbait_markers(S.TITLE_INI_INSIDE) == []


def test_curiosity_question():
    cues = find_clickbait_markers(S.TITLE_QUESTION)
    assert [(c.text, c.weight) for c in cues] == [("Benarkah", 1.0), ("?", 0.6)]


def test_interrobang_is_one_marker():
    assert [c.text for c in find_clickbait_markers("Serius?!")] == ["?!"]


def test_acronyms_are_not_shouting():
    assert find_clickbait_markers(S.TITLE_PLAIN) == []
    assert find_clickbait_markers("TNI dan Polri Amankan Mudik") == []
    assert find_clickbait_markers("Laga PSSI di Piala AFF Ditunda") == []


def test_shouting_runs_and_long_caps():
    assert spans(S.TITLE_SHOUT) == [("WASPADA PENIPUAN", 0, 16)]
    assert [c.text for c in find_clickbait_markers("Harga Emas MELONJAK Tajam")] == ["MELONJAK"]


def test_emotive_and_colloquial():
    assert [c.text for c in find_clickbait_markers("Bikin Merinding, Netizen Ramai Komentari Foto Ini")] == [
        "Bikin Merinding", "Netizen"]
    assert [c.text for c in find_clickbait_markers("Yuk Coba Resep Ini, Dijamin Enak Lho")] == ["Yuk", "Lho"]


# The shouting pattern starts with its capital (fast to skip to); it finds what
# the plain form with the lookbehind first finds.
import re  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from reliability.cues.clickbait import _CAPS  # noqa: E402

_PLAIN_CAPS = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’]*[A-Z](?![\w'’-])")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ABZab1_ '’-\n!É", max_size=30))
def test_caps_pattern_equals_the_plain_form(title):
    assert [m.span() for m in _CAPS.finditer(title)] == [m.span() for m in _PLAIN_CAPS.finditer(title)]


def test_structural_markers():
    # a "?" inside the headline is no curiosity-gap question; "Ini" after "? " opens a clause
    assert [(c.text, c.start) for c in find_clickbait_markers("Kok Bisa? Ini Dia!")] == [
        ("Ini Dia", 10), ("Ini", 10), ("!", 17)]
    assert [c.text for c in find_clickbait_markers("Ini Dia Jawabannya?!")] == ["Ini Dia", "Ini", "?!"]
    assert [(c.text, c.weight) for c in find_clickbait_markers("Harga Beras Naik Lagi?")] == [("?", 0.6)]
    assert find_clickbait_markers("Harga Beras Naik di Pasar Induk") == []
