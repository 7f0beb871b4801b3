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
    assert texts("Info itu dibagikan di grup WhatsApp keluarga.") == ["dibagikan", "grup WhatsApp"]


def test_netizens():
    assert texts("Warganet ramai berkomentar.") == ["Warganet"]
    assert texts('"Lucu sekali," tulis seorang netizen.') == ["tulis seorang netizen"]


def test_email_is_not_a_handle():
    assert texts("Kirim ke redaksi@contoh.id segera.") == []


def test_plain_text_has_no_social_cues():
    assert texts("Harga beras naik di pasar induk.") == []
