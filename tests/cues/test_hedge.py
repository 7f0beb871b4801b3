import samples as S
from reliability.cues.hedge import find_hedges


def spans(cues):
    return [(c.kind, c.text, c.start, c.end) for c in cues]


def test_hearsay_hedges_with_exact_spans():
    assert spans(find_hedges(S.HEDGE)) == [
        ("hedge", "dikabarkan", 13, 23),
        ("hedge", "Konon", 39, 44),
    ]


def test_hyphen_and_space_variants():
    assert [c.text for c in find_hedges(S.HEDGE_DASH)] == ["disebut-sebut", "disebut sebut"]
    assert [c.text for c in find_hedges("ia disebutsebut kaya")] == ["disebutsebut"]


def test_longest_phrase_wins():
    assert spans(find_hedges(S.HEDGE_RUMOUR)) == [("hedge", "Beredar kabar", 0, 13)]
    assert [c.text for c in find_hedges("Kabar itu kabar burung saja.")] == ["kabar burung"]


def test_weights_follow_strength():
    (strong,) = find_hedges("Ia dikabarkan pindah.")
    (weak,) = find_hedges("Ia disebut pindah.")
    assert strong.weight == 1.0 and weak.weight < 0.5


def test_whole_words_only():
    # "dugaan" inside a longer word, "konon" inside another word: no cue.
    assert find_hedges("Ia bekerja di Kononga.") == []
    assert find_hedges("diduganya") == []


def test_katanya_as_quote_tag_is_not_a_hedge():
    assert find_hedges(S.QUOTE_TAG) == []
    assert [c.text for c in find_hedges("Katanya dia sudah pulang.")] == ["Katanya"]


def test_no_hedges_in_plain_report():
    assert find_hedges("Gubernur meresmikan jembatan baru di Palu pada Senin.") == []
