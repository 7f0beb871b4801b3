import samples as S
from reliability.cues.relayed import find_relayed_sources


def texts(t):
    return [c.text for c in find_relayed_sources(t)]


def test_outlet_name_is_part_of_the_cue():
    (c,) = find_relayed_sources(S.RELAYED)
    assert (c.kind, c.text, c.start, c.end) == ("relayed_source", "Dilansir dari Daily Star", 0, 24)


def test_domain_outlet():
    assert texts(S.RELAYED_DOMAIN) == ["Seperti dikutip dari detik.com"]


def test_wire_reports_and_credit_line():
    assert texts(S.RELAYED_WIRE) == ["Reuters melaporkan"]
    assert texts(S.RELAYED_CREDIT) == ["Sumber: Merdeka"]
    assert texts("Ia berbicara kepada kantor berita AFP.") == ["kepada kantor berita AFP"]


def test_verb_forms():
    assert texts("Melansir BBC, gempa itu kuat.") == ["Melansir BBC"]
    assert texts("Seperti diberitakan sebelumnya, ia mundur.") == ["Seperti diberitakan"]
    assert texts("Dikutip dari laman resmi PSSI, laga ditunda.") == ["Dikutip dari laman resmi PSSI"]
    assert texts("menurut laporan Al Jazeera") == ["menurut laporan Al Jazeera"]


def test_glued_scrape_and_bare_verb():
    assert texts("dilansirAFP, Rabu") == ["dilansirAFP"]
    # No outlet follows: the dangling "dari" is not part of the cue.
    assert texts("Dilansir dari") == ["Dilansir"]


def test_day_name_is_not_an_outlet():
    assert texts("Dilansir Senin (2/5) lalu.") == ["Dilansir"]


def test_interviewing_outlet_is_not_relayed():
    assert texts("kata Budi kepada Kompas.com di Bandung") == []
    assert texts("Warga memadati alun-alun kota.") == []


def test_news_agency_named_by_what_it_is():
    from reliability.cues import find_body_cues
    # Relayed from a state news agency, not a named source "menurut kantor".
    t = "Ia tidak ikut perang, menurut kantor berita negara Ardania Warta Pos."
    assert [(c.kind, c.text) for c in find_body_cues(t)] == [
        ("relayed_source", "menurut kantor berita negara Ardania Warta Pos")]
    assert [(c.kind, c.text) for c in find_body_cues("Surat kabar Harian Timur melaporkan banjir.")] == [
        ("relayed_source", "Surat kabar Harian Timur melaporkan")]


def test_report_of_an_agency_is_named_not_relayed():
    from reliability.cues import find_body_cues
    assert [(c.kind, c.text) for c in find_body_cues("Menurut laporan Badan Pusat Statistik, harga naik.")] == [
        ("named_source", "Menurut laporan Badan Pusat Statistik")]
    assert texts("menurut laporan terbaru, ia pulih") == ["menurut laporan"]


def test_outlet_before_report_verb_is_case_sensitive():
    assert texts("Kata people melaporkan itu.") == []


def test_news_site_with_country_and_language_before_its_name():
    assert texts("Laman berita Malaysia berbahasa Inggris Harian Pagi melaporkan banjir itu.") == [
        "Laman berita Malaysia berbahasa Inggris Harian Pagi melaporkan"]
