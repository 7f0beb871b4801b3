"""End to end: whatever the scraper hands over, every cue points at its exact text in the input."""
from hypothesis import given, settings
from hypothesis import strategies as st

from reliability.article import ArticleError, read_article
from reliability.cues import find_cues

_PIECES = st.sampled_from([
    "Polisi menangkap pelaku", " dikabarkan ", " kata Kapolres Bogor AKBP Dedi Kurniawan", ". ", ", ",
    "\n", "\r\n", "\n\n", "Baca juga: Judul Lain yang Menarik\n", "Editor: Sinta\n", "Home Berita\n",
    "SCROLL TO CONTINUE WITH CONTENT", "‚Äô", "¬†", "â€œ", "â€\x9d", "Dilansir dari Daily Star", " hoaks",
    " menurut sumber yang enggan disebutkan namanya", " video viral", " belum diverifikasi", "HEBOH! ",
    "Tags\n", "- 3 Juli 2022, 12:36 WIB\n", "\u200b", "\t", "Ratusan Tentara Rusia Membelot ke Ukraina\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join))
def test_every_cue_span_is_exact_in_the_raw_input(raw):
    try:
        article = read_article(raw)
    except ArticleError:
        return
    for cue in find_cues(article):
        source = article.title if cue.field == "title" else raw
        assert 0 <= cue.start <= cue.end <= len(source)
        assert source[cue.start:cue.end] == cue.text
