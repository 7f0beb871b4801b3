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
    # A role and name with no speech verb is a mention, not an attribution.
    assert texts("Kepala Dinas Kesehatan Kota Medan, Rina Sari") == []
    assert texts("Kepala Dinas Kesehatan Kota Medan, Rina Sari, menegaskan hal itu.") == [
        "Kepala Dinas Kesehatan Kota Medan, Rina Sari, menegaskan"]


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


# -- attributions, not mentions --------------------------------------------


def spans(t):
    return [(c.kind, c.text, c.start, c.end) for c in find_named_sources(t)]


def test_mere_mentions_of_roles_and_names_are_not_sources():
    assert find_named_sources("Pasukan itu bertempur melawan Presiden Negeri Timur Arman Sadewo.") == []
    assert find_named_sources("Surat itu dikirim kepada Presiden Lukas Wiratama.") == []
    assert find_named_sources("Ia bertemu Gubernur Jawa Tengah Ganjar Santoso di Semarang.") == []
    assert find_named_sources("Aturan itu dimuat laman Pemerintah Kota Selatan.") == []


def test_capitalised_modifier_before_a_verb_is_not_a_speaker():
    # "unit khusus Belantara": the country names the unit, it does not write.
    assert find_named_sources("Perwira di unit khusus Belantara telah menulis surat terbuka.") == []


def test_possessive_noun_at_sentence_start_is_not_a_name():
    assert find_named_sources("Manajernya membantah kabar itu.") == []


def test_generic_institution_word_needs_a_name():
    assert find_named_sources("Menurut kantor, rapat ditunda.") == []


def test_role_and_name_apposition_before_the_verb():
    t = "Kepala Seksi Pengawasan Dinas Perikanan Kota Ambon, Yosef Latuconsina, mengatakan stok ikan aman."
    assert spans(t) == [("named_source",
                         "Kepala Seksi Pengawasan Dinas Perikanan Kota Ambon, Yosef Latuconsina, mengatakan", 0, 81)]


def test_adjuncts_between_speaker_and_verb():
    t = "Kapolres Sukamaju AKBP Rudi Hartono saat dihubungi, Senin (3/2), mengatakan pelaku kabur."
    assert texts(t) == ["Kapolres Sukamaju AKBP Rudi Hartono saat dihubungi, Senin (3/2), mengatakan"]


def test_confirmation_both_ways():
    assert texts("Kabar itu sudah dikonfirmasi Kapolsek Cibeber AKP Dedi Kurnia.") == [
        "dikonfirmasi Kapolsek Cibeber AKP Dedi Kurnia"]
    assert spans("Kapolsek Cibeber AKP Dedi Kurnia membenarkan penangkapan itu.") == [
        ("named_source", "Kapolsek Cibeber AKP Dedi Kurnia membenarkan", 0, 44)]


def test_published_data():
    assert texts("Harga naik berdasarkan data Badan Pusat Statistik.") == ["berdasarkan data Badan Pusat Statistik"]
    assert texts("Data BPS menunjukkan harga naik.") == ["Data BPS"]


def test_contact_setting_joins_the_attribution_and_is_no_cue_alone():
    t = '"Stok masih ada," kata Hendra Gunawan saat dihubungi, Selasa.'
    assert spans(t) == [("named_source", "kata Hendra Gunawan saat dihubungi", 18, 52)]
    assert find_named_sources("Ia enggan berkomentar saat dihubungi.") == []
    assert find_named_sources("Ia berbicara kepada wartawan.") == []


def test_written_statement_joins_its_speaker():
    assert texts("Hal itu disampaikan Budi Santoso dalam keterangan tertulisnya.") == [
        "disampaikan Budi Santoso dalam keterangan tertulisnya"]
    assert texts("Dalam siaran pers Kementerian Kesehatan, vaksin dinyatakan aman.") == [
        "Dalam siaran pers Kementerian Kesehatan"]


def test_no_break_space_inside_an_attribution():
    assert texts("Banjir surut, kata\u00a0Wakil Bupati Sleman Dani Rahman.") == [
        "kata\u00a0Wakil Bupati Sleman Dani Rahman"]


def test_a_social_platform_is_not_a_named_speaker():
    assert texts('Ia mengunggah foto itu ke Instagram, menulis: "Terima kasih semuanya."') == []


def test_news_site_reporting_is_relayed_not_named():
    from reliability.cues import find_body_cues

    text = "Laman berita Malaysia berbahasa Inggris Harian Pagi melaporkan banjir itu."
    # the named finder alone may see a speaker; in the article the relay wins
    assert [(c.kind, c.text) for c in find_body_cues(text)] == [
        ("relayed_source", "Laman berita Malaysia berbahasa Inggris Harian Pagi melaporkan")]


def test_the_end_of_a_place_list_is_not_the_speaker():
    assert texts("Rina Sari, seorang analis yang meneliti di Jepang, Korea dan Taiwan, mengatakan harga naik.") == []
    # one place before the speaker is fine
    assert texts("Pada rapat di Bandung, Wali Kota Bandung Yana Mulyana mengatakan jalan itu ditutup.") == [
        "Wali Kota Bandung Yana Mulyana mengatakan"]
