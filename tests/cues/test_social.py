import samples as S
from reliability.cues.social import find_social_media_sources


def texts(t):
    return [c.text for c in find_social_media_sources(t)]


def test_viral_on_social_media():
    (c,) = find_social_media_sources(S.SOCIAL)
    assert (c.kind, c.text, c.start, c.end) == ("social_media_source", "viral di media sosial", 10, 31)


def test_accounts_and_posts():
    assert texts(S.SOCIAL_ACCOUNT) == ["akun @budi.santoso98"]
    assert texts(S.SOCIAL_POST) == ["unggahan Instagram pribadinya"]
    assert texts("Ia bercerita melalui akun Instagram pribadinya.") == ["melalui akun Instagram pribadinya"]


def test_chain_messages():
    assert texts(S.SOCIAL_CHAIN) == ["Pesan berantai", "tolong sebarkan"]
    # "dibagikan" alone is no cue; next to "grup WhatsApp" it joins the phrase.
    assert texts("Info itu dibagikan di grup WhatsApp keluarga.") == ["dibagikan di grup WhatsApp"]


def test_netizens():
    assert texts("Warganet ramai berkomentar.") == ["Warganet"]
    assert texts('"Lucu sekali," tulis seorang netizen.') == ["tulis seorang netizen"]


def test_email_is_not_a_handle():
    assert texts("Kirim ke redaksi@contoh.id segera.") == []


def test_plain_text_has_no_social_cues():
    assert texts("Harga beras naik di pasar induk.") == []


def spans(t):
    return [(c.kind, c.text, c.start, c.end) for c in find_social_media_sources(t)]


def test_adjacent_social_words_are_one_cue():
    t = "Ada video viral yang diunggah akun Facebook @yy dan ramai dibagikan warganet."
    assert spans(t) == [("social_media_source",
                         "video viral yang diunggah akun Facebook @yy dan ramai dibagikan warganet", 4, 76)]


def test_long_phrase_is_split_and_generic_words_go_with_the_next_cue():
    t = "Kejadian itu terekam dalam video viral yang diunggah akun TikTok @warta.kampung dan ramai dibagikan warganet."
    cues = find_social_media_sources(t)
    assert [c.text for c in cues] == ["video viral yang diunggah akun TikTok @warta.kampung", "dibagikan warganet"]
    assert all(len(c.text) <= 80 for c in cues)


def test_generic_upload_and_share_words_alone_are_not_cues():
    assert texts("Foto itu diunggah pada pagi hari lalu dibagikan ke grup kantor.") == []
    assert texts("Sebuah video memperlihatkan banjir.") == []
    assert texts("Potongan video itu memperlihatkan antrean.") == []
    assert texts("Ia membagikan cerita itu.") == []


def test_posts_with_their_object_are_cues():
    assert texts("Foto yang diunggah Rina menuai pujian.") == ["Foto yang diunggah"]
    assert texts("Penyanyi itu mengunggah video dirinya.") == ["mengunggah video"]
    assert texts("Beberapa fans kecewa.") == ["Beberapa fans"]


def test_hashtags_in_a_quoted_post_are_not_cues():
    assert texts('Ia menulis di Twitter, "Kami tetap tenang #Ardania #Damai".') == ["di Twitter"]


def test_bare_hashtag_counts_once():
    assert texts("Gerakan #SaveHutan ramai. Lalu #SaveHutan dipakai lagi.") == ["#SaveHutan"]


def test_viral_in_a_headline_is_clickbait_only():
    from reliability.cues import find_title_cues
    assert [(c.kind, c.text) for c in find_title_cues("VIRAL! Kucing Ini Pandai Menyapu")] == [
        ("clickbait_marker", "VIRAL"), ("clickbait_marker", "!")]
    assert [(c.kind, c.text) for c in find_title_cues("Viral di Medsos, Kucing Pandai Menyapu")] == [
        ("clickbait_marker", "Viral"), ("social_media_source", "Viral di Medsos")]
