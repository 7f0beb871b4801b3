"""Read a raw scraped news article: headline, clean body, removed furniture.

Scrapers hand over text with page furniture around the story ("News Video",
breadcrumbs, date lines, "Baca juga: ..." links, tag lists, editor lines,
captions, "SCROLL TO CONTINUE WITH CONTENT") and sometimes mojibake
(``â€™`` for ``’``). :func:`read_article` separates the headline and the body
from that furniture and repairs the Unicode, while keeping, for every character
of the clean ``body`` and ``title``, the span of ``source`` it came from, so that
evidence found on clean text can be shown at exact places in the original.

Only furniture is removed. Anything that may be story text is kept: the scorer
would rather see a stray line than miss a sentence.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import islice

import ftfy
from ftfy.badness import is_bad

__all__ = [
    "ArticleError",
    "Article",
    "Furniture",
    "Paragraph",
    "read_article",
    "decode_bytes",
    "decode",
    "read_file",
    "read_input",
    "Decoded",
    "html_to_text",
    "looks_like_html",
    "max_chars",
    "cap_text",
]


class ArticleError(ValueError):
    """An input that cannot be read as an article (message: one line, names the input)."""


@dataclass(frozen=True)
class Furniture:
    """A span ``source[start:end]`` removed as page furniture, with why.

    ``reason`` is one of: ``label`` ("News Video", a "NEWS VIDEO" prefix),
    ``breadcrumb``, ``date``, ``read_also``, ``related``, ``tags``, ``editor``,
    ``author``, ``reporter``, ``source_line`` ("Sumber: Express": names a
    relayed source, useful to the scorer), ``copyright``, ``scroll_prompt``,
    ``advertisement``, ``caption``, ``navigation``, ``duplicate``, ``separator``,
    ``artifact`` (e.g. ``_x000D_``), ``title_repeat`` (the first line equals an
    explicitly given title).
    """

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Paragraph:
    """One kept paragraph: ``body[body_start:body_start + len(text)] == text``.

    ``start``/``end`` is the span of ``source`` the paragraph covers.
    """

    text: str
    body_start: int
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """A read article. Build it with :func:`read_article`.

    Attributes
    ----------
    source : str
        The input text exactly as given.
    title : str
        Cleaned headline ('' when none was found).
    title_span : tuple of int or None
        Span of the title in ``source``; None when the title was given
        explicitly or none was found.
    body : str
        Kept paragraphs, Unicode repaired, joined by "\\n".
    furniture : tuple of Furniture
        Removed spans of ``source``, in source order.
    paragraphs : tuple of Paragraph
        The paragraphs of ``body`` with their source spans.
    dateline : tuple of int or None
        Span in ``body`` of a dateline prefix ("ZONA PRIANGAN - ",
        "Jakarta, CNN Indonesia --") at the start of the first paragraph; it
        stays in the body.
    warnings : tuple of str
        One-line notes on how the text was read (cut at the size limit, not
        Indonesian, ...), filled in by :func:`reliability.scorer.read_scorable`.
    """

    source: str
    title: str
    title_span: tuple[int, int] | None
    body: str
    furniture: tuple[Furniture, ...]
    paragraphs: tuple[Paragraph, ...] = ()
    dateline: tuple[int, int] | None = None
    #: One-line notes on how the text was read (see :func:`reliability.scorer.read_scorable`).
    warnings: tuple[str, ...] = field(default=(), compare=False)
    # Per character of body/title: the source span it came from.
    _body_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _body_ends: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _title_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _title_ends: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``body[start:end]`` to the span of ``source`` holding the same text.

        A span crossing the "\\n" between two paragraphs also covers whatever
        furniture stood between them in the source.
        """
        return _map_span(self._body_starts, self._body_ends, start, end, len(self.source), "body")

    def title_source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``title[start:end]`` to a span of ``source`` (only for a detected title)."""
        if self.title_span is None:
            raise ArticleError("title was given explicitly or not found: it has no source span")
        return _map_span(self._title_starts, self._title_ends, start, end, len(self.source), "title")

    def furniture_text(self, reason: str | None = None) -> list[str]:
        """Source text of the furniture spans (of one ``reason`` if given)."""
        return [self.source[f.start:f.end] for f in self.furniture if reason is None or f.reason == reason]


def _map_span(starts, ends, start: int, end: int, n_source: int, what: str) -> tuple[int, int]:
    n = len(starts)
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end <= n:
        raise ArticleError(f"span ({start!r}, {end!r}) is outside the {what} (length {n})")
    if start == end:
        pos = starts[start] if start < n else (ends[-1] if n else n_source)
        return (pos, pos)
    return (starts[start], ends[end - 1])


# --------------------------------------------------------------------------
# Text with a source mapping


class _MText:
    """A string plus, for each character, the span of source it stands for."""

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str, starts: list[int], ends: list[int]):
        self.text, self.starts, self.ends = text, starts, ends

    @classmethod
    def of(cls, source: str, start: int, end: int) -> "_MText":
        # Ranges, not lists: most lines are never edited, and a range indexes,
        # slices and extends a list like the list it stands for.
        return cls(source[start:end], range(start, end), range(start + 1, end + 1))

    def _point(self, i: int) -> int:
        # Source position of the gap before character i.
        if i < len(self.starts):
            return self.starts[i]
        return self.ends[-1] if self.ends else 0

    def edit(self, edits: list[tuple[int, int, str]]) -> "_MText":
        """Replace text[i:j] by repl for each (i, j, repl) (sorted, disjoint)."""
        if not edits:
            return self
        text, starts, ends = [], [], []
        pos = 0
        for i, j, repl in edits:
            text.append(self.text[pos:i])
            starts.extend(self.starts[pos:i])
            ends.extend(self.ends[pos:i])
            if repl:
                if i < j:
                    lo, hi = self.starts[i], self.ends[j - 1]
                else:
                    lo = hi = self._point(i)
                text.append(repl)
                m = len(repl)
                for k in range(m):
                    # Proportional share of the replaced source block.
                    starts.append(lo + (hi - lo) * k // m)
                    ends.append(lo + -(-(hi - lo) * (k + 1) // m))
            pos = j
        text.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return _MText("".join(text), starts, ends)

    def sub(self, pattern: re.Pattern, repl: str) -> "_MText":
        return self.edit([(m.start(), m.end(), repl) for m in pattern.finditer(self.text)])

    def cut(self, i: int, j: int) -> "_MText":
        return _MText(self.text[i:j], self.starts[i:j], self.ends[i:j])

    def strip(self) -> "_MText":
        t = self.text
        i, j = 0, len(t)
        while i < j and t[i] == " ":
            i += 1
        while j > i and t[j - 1] == " ":
            j -= 1
        return self if (i, j) == (0, len(t)) else self.cut(i, j)

    def realign(self, new: str) -> "_MText":
        """Replace the text by ``new`` (a repaired version), carrying the mapping over."""
        old = self.text
        if new == old:
            return self
        edits = []
        for tag, i1, i2, j1, j2 in _opcodes(old, new):
            if tag != "equal":
                edits.append((i1, i2, new[j1:j2]))
        return self.edit(edits)


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _opcodes(a: str, b: str):
    # Fast path: mojibake repair rewrites non-ASCII runs and leaves the ASCII
    # runs between them alone, so align run by run. Otherwise (rare: ftfy
    # consumed an ASCII space, e.g. "Ã " -> "à") fall back to difflib.
    ra, rb = _ASCII_RUNS.findall(a), _ASCII_RUNS.findall(b)
    if len(ra) == len(rb) and all(x.isascii() == y.isascii() and (not x.isascii() or x == y) for x, y in zip(ra, rb)):
        out, i, j = [], 0, 0
        for x, y in zip(ra, rb):
            out.append(("equal" if x == y else "replace", i, i + len(x), j, j + len(y)))
            i, j = i + len(x), j + len(y)
        return out
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


# --------------------------------------------------------------------------
# Unicode repair

# Don't change more than needed: keep curly quotes and dashes (they are real
# characters and help find quotations), keep ligatures and full-width forms,
# leave HTML entities alone, and split lines ourselves.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)

_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]|_x000D_")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


# Repair works word by word on words holding non-ASCII characters: mojibake
# of one character never spans a space, and ftfy (whose badness regex is slow
# on long lines) then only sees a few short strings.
_NON_ASCII_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _windows(t: str):
    # One word at a time: a line may mix mojibake of two encodings (Mac Roman
    # "‚Äô" and cp1252 "â€œ"), which ftfy repairs only one at a time.
    #
    # The matches of _NON_ASCII_WORD.finditer(t), found without entering the
    # pattern at every character (it ran \S* to the end of each word from each
    # of its characters): a match holds a non-ASCII character, so none begins
    # before the run of ASCII non-space characters that ends at the next one
    # (i); one begins at that run's start k (\S* up to i, then i), and it is
    # the leftmost from the search position.
    pos, find = 0, _NON_ASCII.search
    while True:
        m = find(t, pos)
        if m is None:
            return
        k = m.start()
        while k > pos and not t[k - 1].isspace():
            k -= 1
        wm = _NON_ASCII_WORD.match(t, k)
        yield wm.start(), wm.end()
        pos = wm.end()


# UTF-8 of U+2000..U+203F read as Mac Roman ("‚Äë" for a non-breaking hyphen,
# "‚Äé" for a left-to-right mark): ftfy's badness test misses some of these.
_MAC_ROMAN_GENERAL_PUNCT = re.compile("\u201a\u00c4[^\x00-\x7f]")


def _mac_roman(m: re.Match) -> str:
    try:
        return m.group(0).encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return m.group(0)


# Pure and called once per non-ASCII word: the same few thousand words ("“Kami",
# "—", "Rp1,5") recur across a corpus, and ftfy's badness test is the slowest
# step of reading an article.
@lru_cache(maxsize=65536)
def _fix_window(w: str) -> str:
    if "\u00ac\u2020" in w or "\u201a\u00c4" in w:
        # The commonest mojibake in scraped Indonesian news: UTF-8 punctuation
        # and no-break spaces read as Mac Roman ("‚Äú", "¬†"). Undo it directly
        # when that is exactly what it is; ftfy takes ~50x longer per word.
        try:
            fixed = unicodedata.normalize("NFC", w.encode("mac_roman").decode("utf-8"))
        except UnicodeError:
            pass
        else:
            if not is_bad(fixed):
                return fixed
    try:
        if is_bad(w):
            w = ftfy.fix_text(w, _FTFY)
        elif not unicodedata.is_normalized("NFC", w):
            w = unicodedata.normalize("NFC", w)
    except Exception:  # ftfy is best effort: never let it break reading
        pass
    if "\u201a\u00c4" in w:
        w = _MAC_ROMAN_GENERAL_PUNCT.sub(_mac_roman, w)
    return w


@lru_cache(maxsize=65536)
def _window_edits(w: str) -> tuple[tuple[int, int, str], ...]:
    """The edits ``(i, j, replacement)`` that repair window ``w`` (cached like :func:`_fix_window`)."""
    fixed = _fix_window(w)
    if fixed == w:
        return ()
    return tuple((i1, i2, fixed[j1:j2]) for tag, i1, i2, j1, j2 in _opcodes(w, fixed) if tag != "equal")


# Cheap tests for "_INVISIBLE / _SPACES would match": a single-class search runs
# in C at a character a step; the patterns themselves are entered at every
# position (an alternation) or every space.
_INVISIBLE_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _repair(m: _MText) -> _MText:
    t = m.text
    if not t.isascii():
        edits = []
        for base, wend in _windows(t):
            for i, j, repl in _window_edits(t[base:wend]):
                edits.append((base + i, base + j, repl))
        m = m.edit(edits)
    t = m.text
    if ("_x000D_" in t or _INVISIBLE_CHAR.search(t)) and _INVISIBLE.search(t):
        m = m.sub(_INVISIBLE, "")
        t = m.text
    # A run of two or more spaces holds an odd space or two plain ones.
    if ("  " in t or _ODD_SPACE.search(t)) and _SPACES.search(t):
        m = m.sub(_SPACES, " ")
    return m.strip()


# --------------------------------------------------------------------------
# Furniture patterns

_MONTH = (
    r"(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
    r"january|february|march|may|june|july|august|october|december|"
    r"jan|feb|mar|apr|jun|jul|agu|agt|ags|aug|sep|sept|okt|oct|nov|des|dec)"
)
_DAY = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TIME = r"(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT|GMT\s*[+-]?\s*\d*|UTC\s*[+-]?\s*\d*)?"
_DATE_LINE = re.compile(
    rf"^[-–—•|\s]*(?:(?:diperbarui|diterbitkan|dipublikasikan|terbit|update[d]?|published|posted)\s*:?\s*)?"
    rf"(?:{_DAY}\s*,?\s*)?"
    rf"(?:\d{{1,2}}\s+{_MONTH}\.?\s+\d{{4}}|{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:\s*[,|\-–—]?\s*{_TIME})?\s*$"
    rf"|^[-–—•|\s]*{_TIME}\s*$",
    re.I,
)
_LABEL_LINE = re.compile(r"^(?:news\s+video|video|berita\s+video|foto|galeri\s+foto|infografis|breaking\s+news)$", re.I)
# Label prefixes on the headline line; upper case only ("Video Viral ..." is headline).
_LABEL_PREFIX = re.compile(r"^(?:NEWS VIDEO|BERITA VIDEO|BREAKING NEWS|VIDEO|FOTO|INFOGRAFIS)\b\s*(?:[:|\-–—]\s*)?(?=\S)|^\[(?:VIDEO|FOTO)\]\s*")
_BREADCRUMB = re.compile(r"^(?:home|beranda|homepage|index)\b", re.I)
_CRUMB_SEP = re.compile(r"\s*[>›»/|]\s*")
_NAV_WORDS = {
    w.casefold()
    for w in (
        "Artikel Pilihan", "Terkait", "Terkini", "Terpopuler", "Kabar Daerah", "Tags", "Tag", "Share",
        "Bagikan", "Komentar", "Berita Terkait", "Berita Lainnya", "Artikel Terkait", "Artikel Lainnya",
        "Populer", "Rekomendasi", "Pilihan Editor", "Baca Selengkapnya", "Selengkapnya", "Lihat Semua",
        "loading...", "Loading", "Topik", "Topik Terkait", "Trending", "Headline", "Most Popular",
        "Ikuti Kami", "Bagikan artikel ini", "Share this article", "Facebook", "Twitter", "WhatsApp",
        "Telegram", "Copy link", "Salin tautan", "Salin link", "Home", "Beranda", "Berita Utama",
        "Video Pilihan", "Berita Populer", "Tulis Komentar", "Kirim Komentar", "Read more",
    )
}
_LIST_HEADERS = {
    "berita terkait": "related", "artikel terkait": "related", "berita lainnya": "related",
    "artikel lainnya": "related", "baca juga": "read_also", "tags": "tags", "tag": "tags",
    "topik": "tags", "topik terkait": "tags", "rekomendasi": "related",
}
_READ_ALSO = re.compile(r"^(?:baca|simak|lihat)\s+(?:juga|pula)\b\s*[:\-–—]?", re.I)
_READ_ALSO_INLINE = re.compile(r"(?<![\w])(?:Baca|BACA|Simak|SIMAK|Lihat|LIHAT)\s+(?:juga|Juga|JUGA)\s*:\s*")
_CREDIT = re.compile(
    r"^(editor|editing|penyunting|redaktur|penulis|reporter|pewarta|wartawan|kontributor|sumber|foto|source|"
    r"teks|narasi|laporan\s+wartawan|laporan\s+reporter|penerjemah|penyelaras)\s*:\s*",
    re.I,
)
_CREDIT_REASON = {
    "editor": "editor", "editing": "editor", "penyunting": "editor", "redaktur": "editor", "penyelaras": "editor",
    "penulis": "author", "teks": "author", "narasi": "author", "penerjemah": "author",
    "reporter": "reporter", "pewarta": "reporter", "wartawan": "reporter", "kontributor": "reporter",
    "laporan wartawan": "reporter", "laporan reporter": "reporter",
    "sumber": "source_line", "source": "source_line", "foto": "caption",
}
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b|hak\s+cipta\b)|all\s+rights\s+reserved", re.I)
_CAPTION_END = re.compile(
    r"(?:\s/\s*@?\w[\w.]*(?:\s*/\s*@\w+)?|/@\w+|\((?:foto|dok\.?|sumber\s+foto|ilustrasi)\s*:?[^()]*\)"
    r"|\((?:antara|reuters|afp|ap|getty\s+images|shutterstock|istimewa|tangkapan\s+layar)[^()]*\))\s*\**\s*$",
    re.I,
)
_CAPTION_SOCIAL = re.compile(r"/\s*(?:twitter|instagram|facebook|youtube|tiktok|tangkapan\s+layar|istimewa)\b|/@\w+", re.I)
_TAGS_LINE = re.compile(r"^tags?\s*:", re.I)
_PHOTO_CREDIT_END = re.compile(r"\((?:foto|dok\.?)\s*:[^()]*\)\s*\**$", re.I)
_SCROLL = re.compile(r"(?:\bADVERTISEMENT\s+)?\bSCROLL TO CONTINUE WITH CONTENT\b\s*", re.I)
_ADVERT_LINE = re.compile(r"^(?:advertisement|iklan|sponsored|konten\s+sponsor|ads)$", re.I)
_SEPARATOR = re.compile(r"^[\s\-–—_*•·=~.]+$")
_TAGLINE = re.compile(r"^#\w+(?:\s+with\s+\w+)?$", re.I)
# Dateline prefix of the lede: "TRIBUNKALTIM.CO - ", "Jakarta, CNN Indonesia --",
# "JAKARTA, KOMPAS.com- ", "JAKARTA (ANTARA) - ", "Jakarta - ".
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’]*(?:[ ,]+(?:[A-Z][\w.'’]*|\([A-Z][\w. ]*\))){0,4}|\([A-Z][\w. ]*\))\s*(?:--|[-–—])\s*"
)
_BODY_DATELINE = re.compile(r"^[A-Z][A-Z.]{3,}(?: [A-Z][A-Z.]+)*,?(?: [\w.]+)?\s*(?:\([A-Z]+\)\s*)?(?:--|[-–—])\s")
_FUNCTION_WORDS = frozenset(
    "di ke dari dan yang untuk pada dengan atau bagi oleh sebagai dalam tentang antara kepada terhadap "
    "hingga serta vs vs. ala per si sang tapi tetapi karena agar saat usai jadi ini itu pun kah lah nya "
    "jelang soal demi via & x akan atas tanpa sampai lewat melalui bersama para bakal kalau jika bila kok dong nih lho".split()
)
# Words that open a sentence, not a headline word ("Sementara itu, ...").
_SENTENCE_OPENERS = frozenset(
    "sementara selain bahkan namun adapun sebelumnya selanjutnya kemudian sedangkan padahal menurut "
    "dilansir mengutip dikutip berdasarkan diketahui".split()
)
_SENTENCE_OPENERS_ALWAYS = frozenset("dilansir mengutip dikutip berdasarkan".split())


def _words(t: str) -> list[str]:
    return t.split()


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)  # step 4 of read_article compares each line with the next few
def _norm(t: str) -> str:
    # For comparing lines: case-folded letters and digits only.
    return " ".join(_WORD.findall(t.casefold()))


def _strip_dateline(t: str) -> str:
    m = _DATELINE.match(t)
    return t[m.end():] if m and m.end() <= 60 else t


def _is_headline(t: str) -> bool:
    w = _words(t)
    if not 3 <= len(w) <= 25 or len(t) > 220:
        return False
    if t.endswith((".", ":", ",", ";")) and not t.endswith("..."):
        return False
    # Starts like a headline (capital, digit or quote), is one sentence, and
    # has no " , " holes that scrapers leave where links were.
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "\"“‘'["):
        return False
    # "!" and "?" inside are headline style ("Heboh! Artis ...", "Benarkah? Ini ...");
    # a full stop followed by a new sentence is body text.
    if re.search(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])\.\s+[A-Z]", t) or " , " in t or t.startswith(", "):
        return False
    if _BODY_DATELINE.match(t):
        return False  # "TRIBUNKALTIM.CO - ..." starts a body paragraph
    if ",," in t or t.endswith(('"', "“")):
        return False  # a body line cut where a link was
    # Indonesian headlines are in title case; a line of mostly lower-case
    # content words is a (cut-off) sentence.
    content = [x for x in (w.strip("\"'“”‘’()[],:;!?") for w in _words(t)) if x and x[0].isalpha()]
    content = [x for x in content if x.casefold() not in _FUNCTION_WORDS]
    if content and sum(x[0].isupper() for x in content) < 0.5 * len(content):
        return False
    return sum(c.isalpha() for c in t) >= 10


def _line_reason(t: str) -> str | None:
    """Why a whole (clean) line is furniture, or None if it may be story text."""
    low = t.casefold().rstrip(":").strip()
    if _SEPARATOR.match(t):
        return "separator"
    if _LABEL_LINE.match(t):
        return "label"
    if low in _NAV_WORDS:
        return "navigation"
    if _ADVERT_LINE.match(t):
        return "advertisement"
    if _DATE_LINE.match(t):
        return "date"
    if _TAGLINE.match(t):
        return "navigation"
    if _READ_ALSO.match(t):
        return "read_also"
    # Substring tests first: each regex below costs more than all of them.
    # (The word count, a split of the whole line, only where it is needed.)
    if ("©" in t or "(c)" in low or "copyright" in low or "hak" in low or "reserved" in low) \
            and _COPYRIGHT.search(t) and len(_words(t)) <= 20:
        return "copyright"
    if _BREADCRUMB.match(t) and len(_words(t)) <= 30:
        # (A longer line is story text glued after "Home": a scraper that
        # joined every line; a "/" in a date there is no crumb separator.)
        parts = [p for p in _CRUMB_SEP.split(t) if p]
        if len(parts) > 1 or len(_words(t)) <= 4:
            return "breadcrumb"
    if low.startswith("tag") and _TAGS_LINE.match(t):
        return "tags"
    m = _CREDIT.match(t)
    if m and len(_words(t[m.end():])) <= 12:
        return _CREDIT_REASON[re.sub(r"\s+", " ", m.group(1).lower())]
    if "/" in t and len(_words(t)) <= 60 and _CAPTION_SOCIAL.search(t) and _CAPTION_END.search(t):
        return "caption"
    if ("foto" in low or "dok" in low) and len(_words(t)) <= 60 and _PHOTO_CREDIT_END.search(t):
        return "caption"
    return None


def _inline_read_also_end(t: str, i: int) -> int:
    """End of an inline "Baca juga: <headline>" link whose headline starts at t[i].

    Headlines are in title case; the story resumes at the first capitalised
    word followed by a lower-case content word ("... Jakarta Ini Berdasarkan
    data ...") or at an opening quote.
    """
    # Only the first 31 words are looked at: listing every word of the rest of
    # a very long line, once per link, made reading such a line quadratic.
    toks = [(m.start(), m.end()) for m in islice(re.finditer(r"\S+", t[i:]), 31)]
    if not toks:
        return len(t)

    def caseless(w):  # lower-case content word (not "di", "ke", not "iPhone")
        w = w.strip("\"'“”‘’()[],:;!?")
        return (
            bool(w) and w[0].islower() and w.casefold() not in _FUNCTION_WORDS
            and not any(c.isupper() or c.isdigit() for c in w) and not w.startswith(("ke-", "se-"))
        )

    for k in range(1, min(len(toks), 30)):
        w = t[i + toks[k][0]:i + toks[k][1]]
        if k > 1:
            wl = w.casefold()
            nxt = t[i + toks[k + 1][0]:i + toks[k + 1][1]].casefold() if k + 1 < len(toks) else ""
            if (
                w[0] in "\"“"
                or wl in _SENTENCE_OPENERS_ALWAYS
                or (wl.endswith(",") and wl[:-1] in _SENTENCE_OPENERS)
                or (wl in _SENTENCE_OPENERS and nxt.rstrip(",") == "itu")
            ):
                return i + toks[k][0]
        if k + 1 < len(toks) and w[0].isupper():
            nxt = t[i + toks[k + 1][0]:i + toks[k + 1][1]]
            if caseless(nxt):
                return i + toks[k][0]
        if caseless(w):  # no capitalised word before it: stop here anyway
            j = k - 1
            return i + toks[j][0] if j > 0 else i + toks[k][0]
    return len(t) if len(toks) < 30 else i + toks[min(len(toks), 30) - 1][1]


# --------------------------------------------------------------------------
# Reading

_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _lines(source: str):
    pos = 0
    for m in _LINE_BREAK.finditer(source):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(source)


def read_article(source: str, title: str | None = None, *, name: str | None = None) -> Article:
    """Read a raw scraped article into headline, clean body and furniture.

    Parameters
    ----------
    source : str
        The article text as scraped (any line endings).
    title : str, optional
        The headline, when known (e.g. from a data set). It overrides
        detection; a first line equal to it is removed from the body.
    name : str, optional
        Names the input in error messages (e.g. a file path).

    Returns
    -------
    Article
        With ``title``, ``body``, ``furniture`` and a mapping of every body
        character back to ``source`` (:meth:`Article.source_span`). An input
        of furniture only gives an Article with an empty body.

    Raises
    ------
    ArticleError
        If ``source`` is not a str or holds no text.

    Examples
    --------
    >>> raw = ("News Video\\nNEWS VIDEO Warga Bogor Temukan Ular Sanca di Gudang\\n"
    ...        "BOGOR - Warga menemukan ular sanca, kata Ketua RT Ahmad.\\n"
    ...        "Baca juga: Ular Kobra Masuk Rumah Warga\\nEditor: Siti")
    >>> art = read_article(raw)
    >>> art.title
    'Warga Bogor Temukan Ular Sanca di Gudang'
    >>> art.body
    'BOGOR - Warga menemukan ular sanca, kata Ketua RT Ahmad.'
    >>> s, e = art.source_span(8, 31)
    >>> raw[s:e]
    'Warga menemukan ular sa'
    >>> sorted({f.reason for f in art.furniture})
    ['editor', 'label', 'read_also']
    """
    label = f"{name}: " if name else ""
    if not isinstance(source, str):
        raise ArticleError(f"{label}article must be str, got {type(source).__name__}")
    if title is not None and not isinstance(title, str):
        raise ArticleError(f"{label}title must be str or None, got {type(title).__name__}")
    if not source.strip():
        raise ArticleError(f"{label}empty article")

    furniture: list[Furniture] = []

    def drop(m: _MText, i: int, j: int, reason: str):
        if i < j:
            furniture.append(Furniture(m.starts[i], m.ends[j - 1], reason))

    # 1. Clean each line (Unicode, invisible characters, spaces).
    lines: list[_MText] = []
    for ls, le in _lines(source):
        m = _repair(_MText.of(source, ls, le)) if ls < le else None
        if m is not None and m.text:
            lines.append(m)
    if not lines:
        raise ArticleError(f"{label}empty article")

    # 2. Whole-line furniture, list blocks (Berita Terkait / Tags ...).
    reasons: list[str | None] = [_line_reason(m.text) for m in lines]
    k = 0
    while k < len(lines):
        header = _LIST_HEADERS.get(lines[k].text.casefold().rstrip(": "))
        if header and reasons[k] in (None, "navigation", "read_also", "tags"):
            reasons[k] = header
            j = k + 1
            while j < len(lines):
                t = lines[j].text
                if reasons[j] is None and (len(_words(t)) > 20 or (t.endswith(".") and len(_words(t)) > 8)):
                    break
                if reasons[j] is None:
                    reasons[j] = header
                j += 1
            k = j
        else:
            k += 1

    # A line opening with "Baca juga:<headline>" and going on with story text
    # (bodies whose paragraphs were glued together) loses only the link.
    for idx, m in enumerate(lines):
        if reasons[idx] == "read_also":
            bm = _READ_ALSO_INLINE.match(m.text)
            if bm:
                rest = m.text[_inline_read_also_end(m.text, bm.end()):]
                if len(_words(rest)) >= 6 and rest.rstrip().endswith((".", "!", "?", '"', "”")):
                    reasons[idx] = None

    # 3. The headline: first line that is not furniture, if it looks like one.
    title_m: _MText | None = None
    labels_skipped = 0
    if title is None:
        for idx, m in enumerate(lines):
            if reasons[idx] is not None:
                if reasons[idx] == "breadcrumb":
                    parts = list(_CRUMB_SEP.finditer(m.text))
                    if parts:  # "Home > News > <headline>"
                        tail = m.text[parts[-1].end():]
                        if _is_headline(tail) and len(_words(tail)) >= 4:
                            title_m = m.cut(parts[-1].end(), len(m.text))
                            drop(m, 0, parts[-1].end(), "breadcrumb")
                            reasons[idx] = "title"
                            break
                continue
            cand = m
            pm = _LABEL_PREFIX.match(cand.text)
            if pm:
                stripped = cand.cut(pm.end(), len(cand.text))
                if _is_headline(stripped.text):
                    drop(cand, 0, pm.end(), "label")
                    cand = stripped
            # A lone line is the body, not a headline.
            has_more = any(r is None for r in reasons[idx + 1:])
            if has_more and _is_headline(cand.text):
                title_m = cand
                reasons[idx] = "title"
                break
            # A short section label above the headline ("Video Viral", "Hukum
            # Kriminal") is skipped; a longer non-headline line means the text
            # starts with its body and has no headline.
            if len(_words(cand.text)) <= 3 and not cand.text.rstrip().endswith((".", "?", "!")) and labels_skipped < 3:
                reasons[idx] = "label"
                labels_skipped += 1
                continue
            break
    else:
        for idx, m in enumerate(lines):
            if reasons[idx] is not None:
                continue
            pm = _LABEL_PREFIX.match(m.text)
            if _norm(m.text) == _norm(title) or (pm and _norm(m.text[pm.end():]) == _norm(title)):
                reasons[idx] = "title_repeat"
            elif pm and _is_headline(m.text[pm.end():]):
                # A different headline line stays in the body, minus its label.
                drop(m, 0, pm.end(), "label")
                lines[idx] = m.cut(pm.end(), len(m.text))
            break

    # 4. Duplicated lede/caption lines: a line repeated by what follows it.
    # (The repeat may itself be furniture, e.g. a caption with a photo credit.)
    # (Each line normalised once. A trailing "*" is no word character: _norm
    # drops it anyway.)
    normed: list[str | None] = [None] * len(lines)

    def norm(j: int) -> str:
        got = normed[j]
        if got is None:
            got = normed[j] = _norm(_strip_dateline(lines[j].text))
        return got

    for i in range(len(lines) - 1):
        if reasons[i] is not None:
            continue
        a = norm(i)
        if len(a) < 20:
            continue
        following = ""
        for j in range(i + 1, min(i + 4, len(lines))):
            if reasons[j] == "title":
                break
            following = (following + " " + norm(j)).strip()
            if following.startswith(a):
                reasons[i] = "duplicate"
                break
            if len(following) > len(a):
                break

    # 5. Build the body; inline furniture is cut out of kept lines.
    paras: list[_MText] = []
    for idx, m in enumerate(lines):
        r = reasons[idx]
        if r == "title":
            continue
        if r is not None:
            drop(m, 0, len(m.text), r)
            continue
        edits = []
        has_scroll = "scroll to continue with content" in m.text.lower()
        for sm in _SCROLL.finditer(m.text) if has_scroll else ():
            reason = "advertisement" if sm.group(0).upper().startswith("ADVERTISEMENT") else "scroll_prompt"
            edits.append((sm.start(), sm.end(), reason))
        # (_READ_ALSO_INLINE needs "juga", "Juga" or "JUGA"; it is entered at every position.)
        for bm in _READ_ALSO_INLINE.finditer(m.text) if "uga" in m.text or "UGA" in m.text else ():
            if any(s <= bm.start() < e for s, e, _ in edits):
                continue
            end = _inline_read_also_end(m.text, bm.end())
            edits.append((bm.start(), end, "read_also"))
        cm = _CREDIT.match(m.text)
        if cm and cm.group(1).lower() in ("penulis", "reporter", "editor", "foto"):
            # Long "Penulis: Nama,<story>" / "Foto: caption. (credit). Jakarta - <story>".
            rest = m.text[cm.end():]
            if cm.group(1).lower() == "foto":
                dl = re.search(r"(?:^|(?<=[.)]\s))(?=[A-Z][\w.]*(?: [A-Z][\w.]*)?,? (?:--|[-–—]) )", rest)
                cut = cm.end() + dl.start() if dl and dl.start() > 0 else None
            else:
                comma = rest.find(",")
                cut = cm.end() + comma + 1 if 0 <= comma and len(_words(rest[:comma])) <= 5 else None
            if cut is not None:
                edits.append((0, cut, _CREDIT_REASON[cm.group(1).lower()]))
        if edits:
            edits.sort()
            merged = []
            for e in edits:
                if merged and e[0] < merged[-1][1]:
                    continue
                merged.append(e)
            for i, j, reason in merged:
                drop(m, i, j, reason)
            m = m.edit([(i, j, " ") for i, j, _ in merged])
            m = m.sub(re.compile(r" {2,}"), " ").strip()
            if not m.text:
                continue
        paras.append(m)

    # 6. Join paragraphs with "\n", each mapped to the gap between them.
    body_parts, starts, ends, paragraphs = [], [], [], []
    pos = 0
    for n, m in enumerate(paras):
        if n:
            gap_lo, gap_hi = paras[n - 1].ends[-1], m.starts[0]
            body_parts.append("\n")
            starts.append(gap_lo)
            ends.append(max(gap_lo, gap_hi))
            pos += 1
        paragraphs.append(Paragraph(m.text, pos, m.starts[0], m.ends[-1]))
        body_parts.append(m.text)
        starts.extend(m.starts)
        ends.extend(m.ends)
        pos += len(m.text)
    body = "".join(body_parts)

    dateline = None
    if paras:
        dm = _DATELINE.match(paras[0].text)
        if dm and dm.end() <= 60 and re.search(r"(?:--|[-–—])\s*$", dm.group(0)):
            dateline = (0, dm.end())

    furniture.sort(key=lambda f: (f.start, f.end))
    if title_m is not None:
        title_text = title_m.text
        title_span = (title_m.starts[0], title_m.ends[-1])
        t_starts, t_ends = tuple(title_m.starts), tuple(title_m.ends)
    else:
        title_text = _repair(_MText(title, [0] * len(title), [0] * len(title))).text if title else ""
        title_span, t_starts, t_ends = None, (), ()
    return Article(
        source=source,
        title=title_text,
        title_span=title_span,
        body=body,
        furniture=tuple(furniture),
        paragraphs=tuple(paragraphs),
        dateline=dateline,
        _body_starts=tuple(starts),
        _body_ends=tuple(ends),
        _title_starts=t_starts,
        _title_ends=t_ends,
    )


# --------------------------------------------------------------------------
# Limits

#: Environment variable that sets :func:`max_chars`.
MAX_CHARS_ENV = "RELIABILITY_MAX_CHARS"
#: Default cap on the characters of one article that are scored. The longest
#: article in the labelled data is under 12,000 characters, so 100,000 keeps
#: every real article whole while a 50 MB dump still scores in about a second
#: and a few hundred MB (cue finding grows faster than linearly with length).
DEFAULT_MAX_CHARS = 100_000
#: Bytes read per allowed character: the worst case of UTF-8 (4 bytes a
#: character), so the byte cap never cuts what the character cap would keep.
BYTES_PER_CHAR = 4


def max_chars(limit: int | None = None) -> int:
    """The cap on characters scored per article: ``limit``, else ``$RELIABILITY_MAX_CHARS``, else 100,000.

    Raises
    ------
    ArticleError
        The setting is not a positive whole number (checked on use, so that a
        bad setting is a one-line error, not a crash at import).

    >>> max_chars(500)
    500
    """
    raw = limit if limit is not None else os.environ.get(MAX_CHARS_ENV) or DEFAULT_MAX_CHARS
    try:
        value = int(str(raw).replace("_", "").strip())
    except ValueError:
        value = 0
    if value <= 0:
        raise ArticleError(f"{MAX_CHARS_ENV}={raw!r} is not a positive whole number of characters")
    return value


def cap_text(text: str, limit: int | None = None) -> tuple[str, bool]:
    """Cut ``text`` to at most ``limit`` characters (see :func:`max_chars`), at a line break if one is near.

    Returns the (possibly shorter) text and whether it was cut. The kept text
    is a prefix of ``text``, so every offset into it is also an offset into the
    original.

    >>> cap_text("satu dua\\ntiga empat", 12)
    ('satu dua', True)
    """
    limit = max_chars(limit)
    if len(text) <= limit:
        return text, False
    # Whole lines (then whole words) when the break is in the last half: a
    # sentence cut mid-word could look like a different cue.
    cut = text.rfind("\n", 0, limit + 1)
    if cut < limit // 2:
        cut = max(text.rfind(" ", 0, limit + 1), 0)
    if cut < limit // 2:
        cut = limit
    return text[:cut], True


def cut_warning(what: str, kept: int, limit: int) -> str:
    """The one-line warning for input cut at the size limit (``what``: how big it was)."""
    return (f"{what}; only the first {kept:,} characters were scored "
            f"(limit {limit:,}: set {MAX_CHARS_ENV} to change it)")


# --------------------------------------------------------------------------
# Bytes and files

_BINARY = re.compile(b"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

# File signatures, for a message that says what the file is instead of
# "binary data". PDF and RTF come first: their headers are ASCII, so without
# this they would be "decoded" and scored as text.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP archives)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "Ogg audio or video"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)


def _signature(data: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[data[8:12]]
    if data[4:8] == b"ftyp":
        return "an MP4/MOV video or HEIC image"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like BOM-less UTF-16 of mostly ASCII text."""
    head = data[:4096]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.7 and z_even < 0.02:
        return "utf-16-le"
    if z_even > 0.7 and z_odd < 0.02:
        return "utf-16-be"
    return None


@dataclass(frozen=True)
class Decoded:
    """Text read from bytes (or prepared from a string), and what was done to read it.

    Attributes
    ----------
    text : str
        The article text to score (a prefix of the decoded text when capped).
    encoding : str
        How the bytes were decoded ("utf-8", "cp1252", "utf-16", ...; "str" for
        a string given as such).
    warnings : tuple of str
        One line each, without the input's name: a fallback encoding, text
        extracted from HTML, a cut at the size limit.
    title : str or None
        The headline found in an HTML page's metadata, when the text was
        extracted from HTML.
    """

    text: str
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    title: str | None = None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an article file's bytes (the text only; :func:`decode` also says how).

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM; other bytes that are
    not valid UTF-8 are read as cp1252 (then latin-1 for its five undefined
    bytes). Raises :class:`ArticleError` naming ``name`` for empty input or
    binary data (NUL and other control bytes, known file signatures).

    >>> decode_bytes("Kata “dia”".encode("utf-8-sig"), "a.txt")
    'Kata “dia”'
    """
    return _decode_raw(data, name)[0]


def _decode_raw(data: bytes, name: str, truncated: bool = False) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) of article bytes; ``truncated``: ``data`` is a prefix of the file."""
    if not data:
        raise ArticleError(f"{name}: empty file")
    warnings: list[str] = []
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            if truncated:  # a cut may split the last character
                unit = 4 if codec == "utf-32" else 2 if codec == "utf-16" else 1
                data = data[:len(data) - len(data) % unit]
            try:
                text = _decode_prefix(data, codec, truncated)
            except UnicodeDecodeError as exc:
                raise ArticleError(f"{name}: not valid {codec.upper()} text ({exc.reason} at byte {exc.start})") from None
            if "\x00" in text:
                raise ArticleError(f"{name}: binary data (NUL characters)")
            if not text.strip():
                raise ArticleError(f"{name}: empty file")
            return text, codec.replace("-sig", ""), warnings
    what = _signature(data)
    if what:
        raise ArticleError(f"{name}: {what}, not a text article")
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise ArticleError(f"{name}: binary data (NUL bytes)")
        try:
            text = _decode_prefix(data, codec, truncated)
        except UnicodeDecodeError:
            raise ArticleError(f"{name}: binary data (NUL bytes)") from None
        if "\x00" in text:
            raise ArticleError(f"{name}: binary data (NUL characters)")
        warnings.append(f"no byte-order mark; read as {codec.upper()}")
        if not text.strip():
            raise ArticleError(f"{name}: empty file")
        return text, codec, warnings
    if _BINARY.search(data[:4096]):
        raise ArticleError(f"{name}: binary data (control bytes)")
    try:
        text, codec = _decode_prefix(data, "utf-8", truncated), "utf-8"
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        # cp1252 leaves five bytes undefined; take them as latin-1 (C1 controls).
        text = "".join(
            bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
            for b in data
        ) if any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data) else data.decode("cp1252")
        codec = "cp1252"
        warnings.append(f"not valid UTF-8 (byte 0x{bad:02X} at offset {exc.start}); "
                        "read as Windows-1252 (cp1252/latin-1): check accented letters")
    if not text.strip():
        raise ArticleError(f"{name}: empty file")
    return text, codec, warnings


def _decode_prefix(data: bytes, codec: str, truncated: bool) -> str:
    """Decode strictly, except that a prefix cut may end inside a character."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if truncated and exc.reason == "unexpected end of data" and exc.start >= len(data) - 4:
            return data[:exc.start].decode(codec)
        raise


_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|article|section|main|header|p|span|table|h[1-6])\b",
    re.I | re.S,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML page or fragment (a tag, not a "<" in prose).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Isi</p></body></html>"), looks_like_html("Harga <5 ribu")
    (True, False)
    """
    return bool(_HTML_START.match(text[:4096]))


def html_to_text(html: str, name: str = "<html>") -> tuple[str, str | None]:
    """The article text and headline of an HTML page, extracted with ``trafilatura`` (the html extra).

    Returns
    -------
    (text, title)
        ``title`` is None when the page names none.

    Raises
    ------
    ArticleError
        trafilatura is not installed (the message says what to install), or
        the page holds no article text.
    """
    try:
        import trafilatura
    except ImportError:  # also a broken install (e.g. lxml without lxml_html_clean)
        raise ArticleError(
            f"{name}: looks like an HTML page; to extract its text install the html extra "
            f"(pip install 'reliability[html]') or give the article as plain text") from None
    try:
        body = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False,
                                   favor_recall=True, deduplicate=False)
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura is best effort on hostile markup
        raise ArticleError(f"{name}: HTML page that could not be parsed ({type(exc).__name__})") from None
    if not body or not body.strip():
        raise ArticleError(f"{name}: HTML page with no article text to extract")
    title = getattr(meta, "title", None) if meta is not None else None
    return body, (title.strip() or None) if isinstance(title, str) else None


def prepare_text(text: str, name: str, *, limit: int | None = None, encoding: str = "str",
                 warnings=(), size: str | None = None) -> Decoded:
    """Make input text ready to score: HTML extracted, size capped; every change said in a warning.

    Parameters
    ----------
    text : str
        Decoded input.
    name : str
        Names the input in errors.
    limit : int, optional
        Character cap (default :func:`max_chars`).
    size : str, optional
        How big the whole input was ("52,428,800-byte file"), for the cap warning
        when the text is a prefix read from a larger file.
    """
    warnings = list(warnings)
    title = None
    cap = max_chars(limit)
    if looks_like_html(text):
        text, title = html_to_text(text, name)
        warnings.append("HTML page: scored the text extracted with trafilatura (cue offsets index that text)")
    kept, cut = cap_text(text, cap)
    if cut or size:
        warnings.append(cut_warning(f"input is {size or f'{len(text):,} characters'}", len(kept), cap))
    return Decoded(kept, encoding, tuple(warnings), title)


def decode(data: bytes, name: str, *, limit: int | None = None, total_size: int | None = None) -> Decoded:
    """Decode article bytes into a :class:`Decoded`: encoding found, HTML extracted, size capped.

    Parameters
    ----------
    data : bytes
        The file's bytes, or a prefix of them when the file is larger than the cap.
    name : str
        Names the input in errors (the path).
    limit : int, optional
        Character cap (default :func:`max_chars`).
    total_size : int, optional
        The whole file's size in bytes when ``data`` is only its first part.

    Raises
    ------
    ArticleError
        One line naming ``name``: empty, binary, undecodable, HTML without the
        html extra.

    >>> d = decode("Harga café naik".encode("cp1252"), "a.txt")
    >>> d.text, d.encoding, d.warnings[0][:19]
    ('Harga café naik', 'cp1252', 'not valid UTF-8 (by')
    """
    truncated = total_size is not None and total_size > len(data)
    text, codec, warnings = _decode_raw(data, name, truncated)
    return prepare_text(text, name, limit=limit, encoding=codec, warnings=warnings,
                        size=f"{total_size:,}-byte file" if truncated else None)


def read_input(path, *, limit: int | None = None) -> Decoded:
    """Read one article file within the size cap; errors are ``ArticleError("<path>: <reason>")``.

    At most ``BYTES_PER_CHAR * max_chars()`` bytes are read, whatever the
    file's size (a 50 MB dump, ``/dev/zero``), so time and memory stay bounded.
    """
    name = os.fspath(path) if isinstance(path, (str, os.PathLike)) else str(path)
    try:
        cap = max_chars(limit)
    except ArticleError as exc:
        raise ArticleError(f"{name}: {exc}") from None
    try:
        with open(path, "rb") as fh:
            try:
                size = os.fstat(fh.fileno()).st_size
            except OSError:
                size = 0
            data = fh.read(BYTES_PER_CHAR * cap + 1)
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise ArticleError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read ({exc.strerror or exc.__class__.__name__})") from None
    total = None
    if len(data) > BYTES_PER_CHAR * cap:
        data = data[:BYTES_PER_CHAR * cap]
        total = max(size, len(data) + 1)  # pipes and devices report no size
    return decode(data, name, limit=cap, total_size=total)


def read_file(path) -> str:
    """Read and decode an article file (the text only; :func:`read_input` also gives the warnings)."""
    return read_input(path).text
