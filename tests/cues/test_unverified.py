import samples as S
from reliability.cues.unverified import find_unverified_claims


def texts(t):
    return [c.text for c in find_unverified_claims(t)]


def test_not_yet_verified():
    (c,) = find_unverified_claims(S.UNVERIFIED)
    assert (c.kind, c.text, c.start, c.end) == ("unverified_claim", "belum diverifikasi", 10, 28)


def test_authenticity_disputed():
    assert texts(S.UNVERIFIED_AUTH) == ["Keaslian dokumen itu masih diragukan"]


def test_independent_confirmation_is_the_longer_match():
    assert texts(S.UNVERIFIED_IND) == ["tidak dapat dikonfirmasi secara independen"]


def test_other_forms():
    assert texts("Kabar itu belum dapat dipastikan.") == ["belum dapat dipastikan"]
    assert texts("Kebenarannya belum jelas.") == ["Kebenarannya belum"]
    assert texts("Tuduhan itu belum terbukti.") == ["belum terbukti"]


def test_confirmed_is_not_unverified():
    assert texts("Polisi sudah mengonfirmasi kejadian itu.") == []


def test_authenticity_not_yet_verified_is_one_cue_up_to_the_verb():
    text = "Namun, keaslian foto tersebut belum diverifikasi oleh redaksi."
    assert [(c.kind, c.text) for c in find_unverified_claims(text)] == [
        ("unverified_claim", "keaslian foto tersebut belum diverifikasi")]
