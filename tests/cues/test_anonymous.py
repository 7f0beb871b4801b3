import samples as S
from reliability.cues.anonymous import find_anonymous_sources


def texts(t):
    return [c.text for c in find_anonymous_sources(t)]


def test_according_to_a_source():
    (c,) = find_anonymous_sources(S.ANONYMOUS)
    assert (c.kind, c.text, c.start, c.end, c.weight) == ("anonymous_source", "Menurut seorang sumber", 0, 22, 1.0)


def test_refused_to_be_named():
    assert texts(S.ANONYMOUS_REFUSE) == ["pejabat yang tidak disebutkan namanya"]
    assert texts("kata sumber yang enggan disebutkan namanya") == ["sumber yang enggan disebutkan namanya"]
    assert texts("narasumber yang tidak mau disebut namanya") == ["narasumber yang tidak mau disebut namanya"]


def test_insiders_and_officials():
    assert texts(S.ANONYMOUS_INSIDER) == ["Orang dalam"]
    assert texts("sumber internal perusahaan") == ["sumber internal"]
    assert texts("seorang pejabat senior mengaku") == ["seorang pejabat senior"]
    assert texts("pihak yang mengetahui rencana itu") == ["pihak yang mengetahui"]


def test_pseudonym():
    assert texts("Mawar (bukan nama sebenarnya) bercerita.") == ["bukan nama sebenarnya"]


def test_named_source_is_not_anonymous():
    assert texts("kata Kepala Desa Sukamaju, Ahmad Yani.") == []
