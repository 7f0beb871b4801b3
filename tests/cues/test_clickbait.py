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
