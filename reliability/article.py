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

import ftfy
from ftfy.badness import is_bad

__all__ = [
    "ArticleError",
    "Article",
    "Furniture",
    "Paragraph",
    "read_article",
    "decode_bytes",
    "read_file",
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
    """

    source: str
    title: str
    title_span: tuple[int, int] | None
    body: str
    furniture: tuple[Furniture, ...]
    paragraphs: tuple[Paragraph, ...] = ()
    dateline: tuple[int, int] | None = None
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
        return cls(source[start:end], list(range(start, end)), list(range(start + 1, end + 1)))

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


def _windows(t: str):
    # One word at a time: a line may mix mojibake of two encodings (Mac Roman
    # "‚Äô" and cp1252 "â€œ"), which ftfy repairs only one at a time.
    for wm in _NON_ASCII_WORD.finditer(t):
        yield wm.start(), wm.end()


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


def _repair(m: _MText) -> _MText:
    t = m.text
    if not t.isascii():
        edits = []
        for base, wend in _windows(t):
            w = t[base:wend]
            fixed = _fix_window(w)
            if fixed != w:
                edits.extend(
                    (base + i1, base + i2, fixed[j1:j2]) for tag, i1, i2, j1, j2 in _opcodes(w, fixed) if tag != "equal"
                )
        m = m.edit(edits)
    if _INVISIBLE.search(m.text):
        m = m.sub(_INVISIBLE, "")
    if _SPACES.search(m.text):
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
    n_words = len(_words(t))
    # Substring tests first: each regex below costs more than all of them.
    if ("©" in t or "(c)" in low or "copyright" in low or "hak" in low or "reserved" in low) \
            and _COPYRIGHT.search(t) and n_words <= 20:
        return "copyright"
    if _BREADCRUMB.match(t):
        parts = [p for p in _CRUMB_SEP.split(t) if p]
        if len(parts) > 1 or n_words <= 4:
            return "breadcrumb"
    if low.startswith("tag") and _TAGS_LINE.match(t):
        return "tags"
    m = _CREDIT.match(t)
    if m and len(_words(t[m.end():])) <= 12:
        return _CREDIT_REASON[re.sub(r"\s+", " ", m.group(1).lower())]
    if n_words <= 60 and "/" in t and _CAPTION_SOCIAL.search(t) and _CAPTION_END.search(t):
        return "caption"
    if n_words <= 60 and ("foto" in low or "dok" in low) and _PHOTO_CREDIT_END.search(t):
        return "caption"
    return None


def _inline_read_also_end(t: str, i: int) -> int:
    """End of an inline "Baca juga: <headline>" link whose headline starts at t[i].

    Headlines are in title case; the story resumes at the first capitalised
    word followed by a lower-case content word ("... Jakarta Ini Berdasarkan
    data ...") or at an opening quote.
    """
    toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", t[i:])]
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
    for i in range(len(lines) - 1):
        if reasons[i] is not None:
            continue
        a = _norm(_strip_dateline(lines[i].text).rstrip("*"))
        if len(a) < 20:
            continue
        following = ""
        for j in range(i + 1, min(i + 4, len(lines))):
            if reasons[j] == "title":
                break
            following = (following + " " + _norm(_strip_dateline(lines[j].text))).strip()
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
        for bm in _READ_ALSO_INLINE.finditer(m.text):
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
# Bytes and files

_BINARY = re.compile(b"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an article file's bytes.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM; other bytes that are
    not valid UTF-8 are read as cp1252 (then latin-1 for its five undefined
    bytes). Raises :class:`ArticleError` naming ``name`` for empty input or
    binary data (NUL and other control bytes).

    >>> decode_bytes("Kata “dia”".encode("utf-8-sig"), "a.txt")
    'Kata “dia”'
    """
    if not data:
        raise ArticleError(f"{name}: empty file")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ArticleError(f"{name}: not valid {codec.upper()} text ({exc.reason} at byte {exc.start})") from None
            if "\x00" in text:
                raise ArticleError(f"{name}: binary data (NUL characters)")
            if not text.strip():
                raise ArticleError(f"{name}: empty file")
            return text
    if b"\x00" in data:
        raise ArticleError(f"{name}: binary data (NUL bytes)")
    if len(_BINARY.findall(data[:4096])) > 0:
        raise ArticleError(f"{name}: binary data (control bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; take them as latin-1 (C1 controls).
        text = "".join(
            bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
            for b in data
        ) if any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data) else data.decode("cp1252")
    if not text.strip():
        raise ArticleError(f"{name}: empty file")
    return text


def read_file(path) -> str:
    """Read and decode an article file; errors are ``ArticleError("<path>: <reason>")``."""
    name = os.fspath(path) if isinstance(path, (str, os.PathLike)) else str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{name}: is a directory") from None
    except PermissionError:
        raise ArticleError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read ({exc.strerror or exc.__class__.__name__})") from None
    return decode_bytes(data, name)
