import samples as S
from reliability.cues import find_body_cues
from reliability.cues.context import find_refutations, is_debunk, resolve_context, sentence_starts
from reliability.cues.cue import Cue
from reliability.cues.hedge import find_hedges


def by_kind(cues):
    return [(c.kind, c.text, c.context) for c in cues]


def test_refutation_spans():
    t = "Kabar itu tidak benar alias hoaks."
    assert find_refutations(t) == [(10, 21, "tidak benar"), (28, 33, "hoaks")]
    assert all(t[s:e] == p for s, e, p in find_refutations(t))


def test_rumour_refuted_in_the_next_sentence():
    cues = find_body_cues(S.DEBUNK)
    assert by_kind(cues) == [
        ("hedge", "Beredar kabar", "refuted"),
        ("social_media_source", "di WhatsApp", "refuted"),
        ("named_source", "kata Kepala Dinas Pendidikan Kota Bogor Hendra Wijaya", None),
    ]


def test_whole_debunk_article():
    assert is_debunk(S.DEBUNK_ARTICLE)
    cues = find_body_cues(S.DEBUNK_ARTICLE)
    assert cues and all(c.context == "refuted" for c in cues)


def test_unrefuted_hedge_counts():
    cues = find_body_cues(S.HEDGE)
    assert [c.context for c in cues] == [None, None]
    assert all(c.counts for c in cues)


def test_far_refutation_does_not_leak():
    t = "Ia dikabarkan menikah. Lalu ia pergi. Cuaca cerah. Ada kabar palsu lain."
    assert by_kind(resolve_context(find_hedges(t), t))[0] == ("hedge", "dikabarkan", None)


def test_legal_caution_with_named_police():
    cues = find_body_cues(S.LEGAL)
    assert by_kind(cues) == [
        ("hedge", "diduga", "legal"),
        ("named_source", "kata Kapolsek Beji Kompol Andi Wibowo", None),
    ]


def test_diduga_without_named_police_is_a_hedge():
    cues = [c for c in find_body_cues(S.NOT_LEGAL) if c.text == "diduga"]
    assert [c.context for c in cues] == [None]


def test_legal_caution_across_the_article():
    t = ("Polisi menangkap tiga orang. Kapolres Bogor AKBP Rudi Hartono mengatakan penyidikan berlanjut. "
         "Cuaca saat itu hujan. Kedua tersangka diduga sudah lama beraksi.")
    hedges = [c for c in find_body_cues(t) if c.kind == "hedge"]
    assert [(c.text, c.context) for c in hedges] == [("diduga", "legal")]


def test_resolve_context_keeps_order_and_other_kinds():
    t = "Beredar kabar itu hoaks."
    cues = [Cue("named_source", "Beredar", 0, 7), Cue("hedge", "Beredar kabar", 0, 13)]
    out = resolve_context(cues, t)
    assert [(c.kind, c.context) for c in out] == [("named_source", None), ("hedge", "refuted")]
    assert resolve_context([], t) == []


def test_sentence_starts():
    assert sentence_starts('Satu. Dua!  Tiga\nEmpat "Lima." Enam') == [0, 6, 12, 17, 31]


def test_fresh_denial_of_something_else_does_not_refute():
    # "membantah tuduhan bahwa ..." denies a new claim, not the one hedged before.
    t = "Menteri itu mengklaim anggaran cukup. Ketua partai membantah tuduhan bahwa ia menerima suap."
    assert [(c.kind, c.text, c.context) for c in find_body_cues(t) if c.kind == "hedge"] == [
        ("hedge", "mengklaim", None)]
    assert find_refutations(t) == []


def test_denial_that_points_back_refutes():
    t = "Artis itu dikabarkan bercerai. Manajernya membantah kabar tersebut."
    assert by_kind(find_body_cues(t)) == [("hedge", "dikabarkan", "refuted")]
    t = "Beredar kabar pasar tutup. Pengelola menepisnya."
    assert by_kind(find_body_cues(t)) == [("hedge", "Beredar kabar", "refuted")]


def test_refutation_does_not_reach_back_to_a_later_sentence():
    t = "Kabar itu hoaks. Besok ia dikabarkan pindah."
    assert by_kind(find_body_cues(t)) == [("hedge", "dikabarkan", None)]


def test_refutations_scanned_once_per_text_and_each_caller_gets_its_own_list():
    t = "Beredar kabar pasar tutup. Kabar itu tidak benar."
    first = find_refutations(t)
    assert first == [(37, 48, "tidak benar")]
    first.clear()  # a caller changing its list does not change the cached scan
    assert find_refutations(t) == [(37, 48, "tidak benar")]
    cues = resolve_context(find_hedges(t), t)
    assert [(c.text, c.start, c.end, c.context) for c in cues] == [("Beredar kabar", 0, 13, "refuted")]
