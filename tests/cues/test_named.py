import samples as S
from reliability.cues.named import find_named_sources


def texts(t):
    return [c.text for c in find_named_sources(t)]


def test_speech_verb_plus_police_role_and_name():
    (c,) = find_named_sources(S.NAMED_POLICE)
    assert (c.kind, c.text, c.start, c.end) == (
        "named_source", "kata Kapolres Jakarta Selatan AKBP Budi Santoso", 24, 71)


def test_minister():
    assert texts(S.NAMED_MINISTER) == ["ujar Menteri Keuangan Sri Mulyani"]


def test_institution_then_verb():
    assert texts(S.NAMED_INSTITUTION) == ["Kementerian Pertahanan Ukraina mengatakan"]


def test_data_of_an_agency():
    assert texts(S.NAMED_DATA) == ["Menurut data BPS"]


def test_name_then_verb_after_a_conjunction():
    # "Namun" is not part of the name.
    assert texts("Namun Sri Mulyani menegaskan hal itu.") == ["Sri Mulyani menegaskan"]


def test_role_phrase_with_lower_case_field_and_comma_name():
    assert texts("kata pakar hukum dari Universitas Gadjah Mada, Budi Hartono.") == [
        "kata pakar hukum dari Universitas Gadjah Mada, Budi Hartono"]
    assert texts("Kepala Dinas Kesehatan Kota Medan, Rina Sari") == [
        "Kepala Dinas Kesehatan Kota Medan, Rina Sari"]


def test_press_conference_setting_is_weaker():
    (c,) = find_named_sources(S.NAMED_PRESS)
    assert c.text == "dalam konferensi pers" and c.weight < 1.0


def test_pronoun_tags_are_not_named():
    assert find_named_sources(S.NAMED_PRONOUN) == []
    assert find_named_sources(S.NAMED_PRONOUN2) == []


def test_capitalised_sentence_start_is_not_a_name():
    assert find_named_sources(S.NAMED_SENTENCE_START) == []
    assert find_named_sources("Ia mengatakan tidak tahu.") == []


def test_body_part_kepala_is_not_a_role():
    assert find_named_sources("Kepala korban terluka parah.") == []


def test_bare_acronym_mention_is_not_a_source():
    assert find_named_sources("Ia ditangkap KPK pada Senin.") == []
    assert texts("KPK mengatakan pemeriksaan berlanjut.") == ["KPK mengatakan"]


def test_single_name_at_sentence_start_is_kept_at_lower_weight():
    (c,) = find_named_sources("Jokowi mengatakan proyek itu selesai.")
    assert c.text == "Jokowi mengatakan" and c.weight < 1.0
