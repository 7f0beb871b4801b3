"""Tests for reliability.article: headline, body, furniture, Unicode, offsets."""
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from reliability.article import Article, ArticleError, Furniture, decode_bytes, read_article, read_file

from samples import (
    RAW_CAPTION_TAGS,
    RAW_CAPTION_TAGS_TITLE,
    RAW_MOJIBAKE,
    RAW_NO_TITLE,
    RAW_ONLY_FURNITURE,
    RAW_RELATED_COPYRIGHT,
    RAW_RELATED_COPYRIGHT_TITLE,
    RAW_VIDEO_BREADCRUMB,
    RAW_VIDEO_BREADCRUMB_TITLE,
)


def reasons(art: Article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in art.furniture:
        out.setdefault(f.reason, []).append(art.source[f.start:f.end])
    return out


def assert_consistent(art: Article):
    """Every paragraph and every body character maps back into source in order."""
    assert art.body == "\n".join(p.text for p in art.paragraphs)
    for p in art.paragraphs:
        assert art.body[p.body_start:p.body_start + len(p.text)] == p.text
        assert art.source_span(p.body_start, p.body_start + len(p.text)) == (p.start, p.end)
    last = 0
    for i in range(len(art.body)):
        s, e = art.source_span(i, i + 1)
        assert last <= s <= e <= len(art.source)
        last = s


# --- headline detection


def test_headline_after_label_and_breadcrumb_lines():
    art = read_article(RAW_VIDEO_BREADCRUMB)
    assert art.title == RAW_VIDEO_BREADCRUMB_TITLE
    s, e = art.title_span
    assert art.source[s:e] == RAW_VIDEO_BREADCRUMB_TITLE
    r = reasons(art)
    assert r["label"] == ["News Video", "NEWS VIDEO "]  # the line and the prefix
    assert r["breadcrumb"] == ["Home Internasional"]
    assert r["date"] == ["Senin, 04 Jul 2022 10:15 WIB"]
    assert r["editor"] == ["Editor: Rina Maulida"]
    assert art.body.startswith("BANDA ACEH - Dua nelayan")
    assert art.dateline == (0, len("BANDA ACEH - "))
    assert "Baca juga" not in art.body and "Editor" not in art.body
    assert len(art.paragraphs) == 3
    assert_consistent(art)


def test_title_source_span_maps_title_characters():
    art = read_article(RAW_VIDEO_BREADCRUMB)
    i = art.title.index("Penyu")
    s, e = art.title_source_span(i, i + 5)
    assert art.source[s:e] == "Penyu"


def test_headline_on_first_line_with_date_caption_and_tag_trailer():
    art = read_article(RAW_CAPTION_TAGS)
    assert art.title == RAW_CAPTION_TAGS_TITLE
    assert art.title_span == (0, len(RAW_CAPTION_TAGS_TITLE))
    r = reasons(art)
    assert r["date"] == ["- 3 Juli 2022, 12:36 WIB"]
    # The caption and the line it repeats are both out of the body.
    assert r["caption"] == [
        "Seorang petani memetik cabai merah di lahan miliknya di Kecamatan Cikajang.* /Twitter /@tani_garut"
    ]
    assert r["duplicate"] == ["Seorang petani memetik cabai merah di lahan miliknya di Kecamatan Cikajang.*"]
    assert r["read_also"] == [
        "Baca Juga: Harga Bawang Merah Melonjak Jelang Idul Adha di Bandung",
        "BACA JUGA: Gudang Pupuk Subsidi di Tasikmalaya Diperiksa Polisi",
    ]
    assert r["source_line"] == ["Sumber: Antara"]
    assert r["tags"] == ["Tags"]
    assert r["navigation"] == ["Artikel Pilihan", "Terkait", "Terkini", "Terpopuler", "Kabar Daerah"]
    assert art.body.startswith("KABAR GARUT - Petani")
    assert art.body.endswith("sekitar sepuluh persen.")
    assert "Cikajang.*" not in art.body
    assert len(art.paragraphs) == 4
    assert_consistent(art)


def test_breadcrumb_path_related_list_tags_credits_copyright():
    art = read_article(RAW_RELATED_COPYRIGHT)
    assert art.title == RAW_RELATED_COPYRIGHT_TITLE
    r = reasons(art)
    assert r["breadcrumb"] == ["Home > News > Daerah"]
    assert r["date"] == ["Kamis, 7 Juli 2022 | 08:05 WIB"]
    assert r["author"] == ["Penulis: Yusuf Hidayat"]
    assert r["reporter"] == ["Reporter: Lina Marlina"]
    assert r["caption"] == [
        "Jembatan gantung yang putus di Desa Cisimeut. (Foto: Dok. Warga)",
        "Foto: Siswa menyeberangi sungai dengan berpegangan pada tali.",
    ]
    assert r["related"] == [
        "Berita Terkait",
        "Warga Lebak Gotong Royong Bangun Jembatan Bambu",
        "Sungai Ciujung Meluap, Akses Jalan Desa Terputus",
    ]
    assert r["tags"] == ["Tag: jembatan, lebak, banten"]
    assert r["copyright"] == ["© 2022 Kabar Banten. All rights reserved.", "Copyright Kabar Banten Media"]
    assert r["advertisement"] == ["ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT ", "ADVERTISEMENT"]
    # Inline link glued to story text: only the link goes.
    assert r["read_also"] == ["Baca juga:Banjir Rendam Ratusan Rumah di Pandeglang "]
    assert art.body == (
        "Lebak - Jembatan gantung penghubung dua desa di Lebak putus setelah hujan deras, kata Camat "
        "Leuwidamar. Camat itu menambahkan perbaikan dijadwalkan pekan depan.\n"
        "Warga berharap perbaikan dapat selesai sebelum tahun ajaran baru."
    )
    assert_consistent(art)


def test_scroll_prompt_embedded_is_cut_and_span_covers_it():
    raw = "Judul Berita Singkat tentang Hujan Deras di Bogor\nHujan turun, kata dia. SCROLL TO CONTINUE WITH CONTENT Warga lalu mengungsi."
    art = read_article(raw)
    assert art.body == "Hujan turun, kata dia. Warga lalu mengungsi."
    assert reasons(art) == {"scroll_prompt": ["SCROLL TO CONTINUE WITH CONTENT "]}
    i = art.body.index("dia. Warga")
    s, e = art.source_span(i, i + len("dia. Warga"))
    assert art.source[s:e] == "dia. SCROLL TO CONTINUE WITH CONTENT Warga"
    i = art.body.index("Warga")
    assert art.source[slice(*art.source_span(i, i + 5))] == "Warga"


def test_inline_read_also_mid_paragraph():
    raw = (
        "Harga Beras Naik di Pasar Tradisional Semarang\n"
        "Harga beras naik dua kali dalam sebulan, kata pedagang. Baca juga: Stok Gula Aman Jelang Lebaran "
        "Menurut dinas, pasokan dari Demak berkurang."
    )
    art = read_article(raw)
    assert art.body == "Harga beras naik dua kali dalam sebulan, kata pedagang. Menurut dinas, pasokan dari Demak berkurang."
    assert reasons(art)["read_also"] == ["Baca juga: Stok Gula Aman Jelang Lebaran "]


def test_read_also_spellings_as_own_lines():
    body = "Warga Solo Antre Minyak Goreng Murah di Balai Kota\nWarga antre sejak pagi, kata petugas.\n"
    for link in ("Baca juga: Satu", "Baca Juga: Dua", "BACA JUGA: Tiga", "Baca juga : Empat", "BACA JUGA Lima", "Simak juga: Enam"):
        art = read_article(body + link + " Berita Lain di Kota Solo\nPetugas menambah kuota pembeli.")
        assert art.body == "Warga antre sejak pagi, kata petugas.\nPetugas menambah kuota pembeli.", link
        assert reasons(art)["read_also"] == [link + " Berita Lain di Kota Solo"]


def test_source_line_kept_out_of_body_but_listed():
    art = read_article("Banjir Besar Melanda Kota Pesisir di Inggris Selatan\nAir naik hingga dua meter.\nSumber: Express")
    assert art.body == "Air naik hingga dua meter."
    assert art.furniture_text("source_line") == ["Sumber: Express"]


# --- Unicode


def test_mojibake_repaired_with_exact_offsets():
    art = read_article(RAW_MOJIBAKE)
    assert "Jum’at pagi." in art.body  # ‚Äô -> ’ and ¬† -> no-break space -> space
    assert "“Kami sudah lapor ke kelurahan,” ujarnya." in art.body
    assert not re.search("[‚Äâ€¬]", art.body)
    for phrase in ("Dilansir dari Radar Depok", "Kami sudah lapor", "ujarnya", "pagi"):
        i = art.body.index(phrase)
        s, e = art.source_span(i, i + len(phrase))
        assert art.source[s:e] == phrase
    # A repaired character maps to all of its mojibake.
    i = art.body.index("’")
    assert art.source[slice(*art.source_span(i, i + 1))] == "‚Äô"
    i = art.body.index("“")
    assert art.source[slice(*art.source_span(i, i + 1))] == "â€œ"
    i = art.body.index("Jum’at pagi")
    assert art.source[slice(*art.source_span(i, i + 11))] == "Jum‚Äôat¬†pagi"
    assert_consistent(art)


def test_mac_roman_punctuation_missed_by_ftfy():
    # "‚Äë" (non-breaking hyphen) and "‚Äé" (left-to-right mark) as Mac Roman.
    art = read_article("Judul Berita tentang Anak Muda di Kota Malang\nPara laki‚Äëlaki itu ‚Äémenolak.")
    assert art.body == "Para laki\u2011laki itu menolak."
    i = art.body.index("menolak")
    assert art.source[slice(*art.source_span(i, i + 7))] == "menolak"
    i = art.body.index("\u2011")
    assert art.source[slice(*art.source_span(i, i + 1))] == "‚Äë"


def test_nfc_nbsp_zero_width_tabs_trailing_spaces():
    raw = "Cafe\u0301 di Bandung Ramai Pengunjung Akhir Pekan Ini  \nPengunjung\u00a0antre\tdi\u200b depan  kafe. \t\n"
    art = read_article(raw)
    assert art.title == "Café di Bandung Ramai Pengunjung Akhir Pekan Ini"
    assert unicodedata.is_normalized("NFC", art.title)
    assert art.body == "Pengunjung antre di depan kafe."
    i = art.body.index("depan")
    assert art.source[slice(*art.source_span(i, i + 5))] == "depan"
    assert_consistent(art)


def test_crlf_same_result_and_spans_in_crlf_source():
    crlf = RAW_CAPTION_TAGS.replace("\n", "\r\n")
    a, b = read_article(RAW_CAPTION_TAGS), read_article(crlf)
    assert (b.title, b.body) == (a.title, a.body)
    assert [f.reason for f in b.furniture] == [f.reason for f in a.furniture]
    i = b.body.index("Dinas Pertanian")
    assert crlf[slice(*b.source_span(i, i + 15))] == "Dinas Pertanian"
    # A span across the paragraph break covers the gap ("\r\n\r\n") in the source.
    j = b.body.index("\n")
    s, e = b.source_span(j - 1, j + 3)
    assert crlf[s:e] == ".\r\n\r\nDi"
    assert_consistent(b)


# --- explicit title, no title, edge inputs


def test_explicit_title_overrides_and_removes_equal_first_line():
    art = read_article(RAW_CAPTION_TAGS, title=RAW_CAPTION_TAGS_TITLE)
    assert art.title == RAW_CAPTION_TAGS_TITLE and art.title_span is None
    assert reasons(art)["title_repeat"] == [RAW_CAPTION_TAGS_TITLE]
    assert art.body == read_article(RAW_CAPTION_TAGS).body
    with pytest.raises(ArticleError):
        art.title_source_span(0, 1)


def test_explicit_title_different_from_first_line_keeps_it():
    raw = "Warga menanam seribu pohon di bantaran sungai.\nKegiatan itu diikuti pelajar."
    art = read_article(raw, title="Seribu Pohon untuk Sungai Ciliwung")
    assert art.title == "Seribu Pohon untuk Sungai Ciliwung" and art.title_span is None
    assert art.body == raw
    # Detection would not take that first line either (it is a sentence).
    # A headline-looking first line that differs from the given title stays in the body.
    art = read_article(RAW_VIDEO_BREADCRUMB, title="Judul Lain dari Data Set")
    assert art.body.startswith(RAW_VIDEO_BREADCRUMB_TITLE + "\n")
    assert reasons(art)["label"] == ["News Video", "NEWS VIDEO "]


def test_no_title_for_plain_paragraph():
    art = read_article(RAW_NO_TITLE)
    assert art.title == "" and art.title_span is None
    assert art.body == RAW_NO_TITLE
    assert art.furniture == ()
    assert art.source_span(0, len(art.body)) == (0, len(RAW_NO_TITLE))


@pytest.mark.parametrize(
    "first",
    [
        "yang tinggal di pinggir kota kini bisa naik bus gratis setiap pagi",
        "Mau ke mana libur nanti? Pantai di Gunungkidul bisa jadi pilihan keluarga",
        "– , bekerja sama dengan kelompok pecinta alam setempat menanam pohon",
        "Kepala sekolah itu mengatakan bahwa kegiatan belajar akan dimulai",
        'Pengurus koperasi akhirnya "',
    ],
)
def test_short_body_lines_are_not_headlines(first):
    art = read_article(first + "\nWarga menyambut baik program itu, kata lurah setempat.")
    assert art.title == ""
    assert art.body.startswith(first.split(" , ")[-1][:10]) or art.body.startswith(first[:10])


def test_lone_short_line_is_body_not_title():
    art = read_article("Polisi menangkap dua pencuri di Bogor")
    assert art.title == "" and art.body == "Polisi menangkap dua pencuri di Bogor"


def test_only_furniture_gives_empty_body():
    art = read_article(RAW_ONLY_FURNITURE)
    assert art.body == "" and art.title == "" and art.paragraphs == ()
    assert {f.reason for f in art.furniture} == {"label", "breadcrumb", "date", "tags", "navigation"}
    assert art.source_span(0, 0) == (len(RAW_ONLY_FURNITURE), len(RAW_ONLY_FURNITURE))


@pytest.mark.parametrize("raw", ["", "   ", "\n\r\n\t", "\u200b\u00a0"])
def test_empty_article(raw):
    with pytest.raises(ArticleError, match="^empty article$"):
        read_article(raw)
    with pytest.raises(ArticleError, match="^x.txt: empty article$"):
        read_article(raw, name="x.txt")


def test_non_str_input():
    with pytest.raises(ArticleError, match="^article must be str, got bytes$"):
        read_article(b"teks")


def test_bad_span_raises_article_error():
    art = read_article(RAW_NO_TITLE)
    for s, e in ((-1, 2), (3, 2), (0, len(art.body) + 1)):
        with pytest.raises(ArticleError, match="outside the body"):
            art.source_span(s, e)


def test_furniture_is_a_frozen_triple():
    f = Furniture(1, 2, "tags")
    assert (f.start, f.end, f.reason) == (1, 2, "tags")
    with pytest.raises(AttributeError):
        f.start = 3


# --- bytes and files


def test_decode_bytes_encodings():
    text = "Kata “dia”: Jum’at café."
    assert decode_bytes(text.encode("utf-8"), "a") == text
    assert decode_bytes(text.encode("utf-8-sig"), "a") == text
    assert decode_bytes(text.encode("utf-16"), "a") == text  # BOM, native order
    assert decode_bytes(b"\xff\xfe" + text.encode("utf-16-le"), "a") == text
    assert decode_bytes(b"\xfe\xff" + text.encode("utf-16-be"), "a") == text
    assert decode_bytes(text.encode("cp1252"), "a") == text
    assert decode_bytes(b"caf\xe9 \x81", "a") == "café \x81"  # undefined cp1252 byte kept


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "f.txt: empty file"),
        (b"\xef\xbb\xbf", "f.txt: empty file"),
        (b" \n\t", "f.txt: empty file"),
        (b"PK\x03\x04\x00\x00binary", "f.txt: a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP archives), not a text article"),
        (b"\x00\x01\x02binary\x00", "f.txt: binary data (NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n", "f.txt: a PNG image, not a text article"),
        (b"abc\x1a\x1bdef", "f.txt: binary data (control bytes)"),
        (b"\xff\xfeA\x00\x00\x00", "f.txt: binary data (NUL characters)"),
        (b"\xff\xfeA", "f.txt: not valid UTF-16 text (truncated data at byte 2)"),
    ],
)
def test_decode_bytes_errors(data, message):
    with pytest.raises(ArticleError) as info:
        decode_bytes(data, "f.txt")
    assert str(info.value) == message


def test_read_file_ok_and_errors(tmp_path):
    good = tmp_path / "a.txt"
    good.write_bytes(RAW_VIDEO_BREADCRUMB.replace("\n", "\r\n").encode("utf-8-sig"))
    assert read_file(good) == RAW_VIDEO_BREADCRUMB.replace("\n", "\r\n")
    assert read_file(str(good)) == read_file(good)

    cases = {}
    cases[tmp_path / "missing.txt"] = "no such file"
    cases[tmp_path] = "is a directory, not a file"
    (tmp_path / "empty.txt").write_bytes(b"")
    cases[tmp_path / "empty.txt"] = "empty file"
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03")
    cases[tmp_path / "bin.txt"] = "binary data (NUL bytes)"
    for path, reason in cases.items():
        with pytest.raises(ArticleError) as info:
            read_file(path)
        assert str(info.value) == f"{path}: {reason}"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user to deny reading")
def test_read_file_unreadable(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("teks")
    p.chmod(0)
    with pytest.raises(ArticleError) as info:
        read_file(p)
    assert str(info.value) == f"{p}: permission denied"


# --- properties

_ALPHABET = st.sampled_from(list("abcdeKLMN019 .,:-\t\n\r") + ["\u00a0", "\u200b", "\r\n", "  "])


# Pieces of furniture, mojibake and odd characters, so that random inputs
# reach the furniture and repair paths, not only plain text.
_PIECES = st.sampled_from(
    list("aAbB .,:-\n\r\t\"“”#©>/@()*\u200b\u00a0\u0301\ud800\x00")
    + ["Baca juga:", "Tags", "News Video", "NEWS VIDEO ", "Editor: ", "‚Äô", "â€œ", "Ã©", "¬†", "‚Äë",
       "SCROLL TO CONTINUE WITH CONTENT", "Foto: ", "Home ", "- 3 Juli 2022", "Sumber: ", "Penulis: ,",
       "Berita Terkait\n", "Kata Dia Rumah ", "warga kota "]
)
_RAW = st.one_of(st.text(), st.lists(_PIECES, max_size=60).map("".join))


@settings(max_examples=400, deadline=None)
@given(_RAW, st.one_of(st.none(), st.text(max_size=30), st.lists(_PIECES, max_size=8).map("".join)))
def test_never_raises_anything_but_article_error(raw, title):
    try:
        art = read_article(raw, title=title)
    except ArticleError as exc:
        assert "\n" not in str(exc)
        return
    assert art.source is raw
    n = len(art.body)
    last = 0
    for i in range(n):
        s, e = art.source_span(i, i + 1)
        assert last <= s <= e <= len(raw)
        last = s
    assert art.source_span(0, n)[1] <= len(raw)
    for f in art.furniture:
        assert 0 <= f.start < f.end <= len(raw)
    assert_consistent(art)


def _norm(t: str) -> str:
    return re.sub(r"[ \t\u00a0\r\n]+", " ", t.replace("\u200b", ""))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=200).map("".join), st.data())
def test_offsets_consistent(raw, data):
    # No mojibake in this alphabet: the source text under a span, normalised,
    # is exactly the body text of the span (within one paragraph).
    try:
        art = read_article(raw)
    except ArticleError:
        return
    if not art.body:
        return
    s = data.draw(st.integers(0, len(art.body) - 1))
    e = data.draw(st.integers(s + 1, len(art.body)))
    a, b = art.source_span(s, e)
    piece = art.body[s:e]
    parts = piece.split("\n")
    got = _norm(raw[a:b])
    if len(parts) == 1:
        assert got == piece
    else:  # across paragraphs: the gap may hold furniture and blank lines
        assert got.startswith(parts[0]) and got.endswith(parts[-1])


# --- the real seed files (public data, not in the repo)

_DATA = Path(os.environ.get("RELIABILITY_DATA") or Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
_SEEDS = {
    "000_2110f54099994ca6.txt": "Ratusan Tentara Rusia Dikabarkan Membelot ke Ukraina untuk Melawan Vladimir Putin",
    "004_d40b9dd19615963a.txt": "Perwira Tinggi Belarus Mulai Berontak Melawan Vladimir Putin, Tidak Ingin Terlibat Perang di Ukraina",
}


@pytest.mark.data
@pytest.mark.skipif(not (_DATA / "seeds").is_dir(), reason=f"public data not found at {_DATA} (set RELIABILITY_DATA)")
@pytest.mark.parametrize("name", sorted(_SEEDS))
def test_seed_files(name):
    art = read_article(read_file(_DATA / "seeds" / name), name=name)
    assert art.title == _SEEDS[name]
    assert art.source[slice(*art.title_span)] == _SEEDS[name]
    lines = art.body.split("\n")
    assert lines and all(line.strip() for line in lines)
    for line in lines:
        assert not re.match(r"(?i)baca juga", line)
        assert not line.startswith(("Editor:", "Sumber:"))
        assert line.strip() != "Tags"
        assert line != art.title
    assert "Baca juga" not in art.body and "Baca Juga" not in art.body
    assert art.dateline is not None  # the lede starts with the outlet's dateline
    assert_consistent(art)


def test_short_section_label_above_a_shouting_headline_is_skipped():
    raw = (
        "Video Viral\n"
        "HEBOH! Sapi Milik Warga Bisa Menghitung, Begini Kata Pemiliknya\n"
        "Seekor sapi di Desa Sukamaju disebut bisa menghitung sampai lima.\n"
        "Pemiliknya, Pak Darto, mengaku sudah melatihnya sejak kecil.\n"
    )
    a = read_article(raw)
    assert a.title == "HEBOH! Sapi Milik Warga Bisa Menghitung, Begini Kata Pemiliknya"
    assert a.body.startswith("Seekor sapi di Desa Sukamaju")
    assert [(f.reason, raw[f.start:f.end]) for f in a.furniture][:1] == [("label", "Video Viral")]


def test_long_first_line_that_is_not_a_headline_means_no_title():
    raw = (
        "Warga desa itu berkumpul sejak pagi. Mereka menunggu kedatangan bupati yang dijadwalkan meresmikan jembatan.\n"
        "Bupati tiba pukul sepuluh.\n"
    )
    assert read_article(raw).title == ""
