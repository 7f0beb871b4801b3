"""Is this text Indonesian? A cheap check, so that a score of foreign text comes with a warning.

The models were trained on Indonesian news only; another language still gets
a score (every word is just an unknown n-gram and few cues match), but it
means little, and the caller should be told.

A language-identification package would add a dependency (and, for the good
ones, a model file) to answer one yes/no question. Indonesian prose is instead
recognised by its very frequent function words ("yang", "dan", "di", "itu",
...): in the 13,300 texts of the public sets they are over 21 % of the
words of nine texts in ten, and under 6 % for only 8 (mojibake, glued words),
while English or Spanish news has none of them and Italian (which shares
"di") about 5 %. Malay, which shares them, passes: the
model's cues mostly work on it too.

>>> share, n = indonesian_share("Polisi menangkap dua pencuri di pasar itu, kata Kapolsek.")
>>> round(share, 3), n
(0.444, 9)
>>> language_warning("The police arrested three men suspected of stealing motorcycles on Monday.")[:31]
'text does not look like Indones'
"""
from __future__ import annotations

import re

__all__ = ["indonesian_share", "language_warning", "MIN_SHARE", "MIN_WORDS"]

# Frequent Indonesian words that are not also common words of English,
# Italian, Spanish or French (so no "per", "via", "ada"... well, "ada" is
# rare elsewhere and very common here).
_WORDS = frozenset("""
yang dan di ke dari ini itu dengan untuk pada tidak akan dalam adalah oleh juga sudah karena atau bahwa
telah saat kata ada bisa mereka kami kita ia dia lebih para secara hingga namun tersebut menjadi tak
belum masih sejak agar seperti bagi kepada terhadap tentang antara serta tetapi tapi jika bila kalau
sebagai saja sangat pun lagi nya ujar menurut mengatakan sebuah seorang sejumlah pihak warga tahun
orang hari satu dua tiga baru hanya harus dapat bukan semua setelah ketika tersebut yakni yaitu
""".split())
_TOKEN = re.compile(r"[^\W\d_]+")

#: Below this share of Indonesian function words a text is "not Indonesian".
MIN_SHARE = 0.06
#: Texts with fewer words are not judged (a headline-like line proves nothing).
MIN_WORDS = 8


def indonesian_share(text: str) -> tuple[float, int]:
    """(share of the words that are frequent Indonesian words, number of words)."""
    words = _TOKEN.findall(text)
    if not words:
        return 0.0, 0
    # map() runs the loop in C: this is on the path of every article scored
    return sum(map(_WORDS.__contains__, map(str.casefold, words))) / len(words), len(words)


def language_warning(text: str) -> str | None:
    """A one-line warning when ``text`` (eight words or more) does not look like Indonesian, else None."""
    share, n = indonesian_share(text)
    if n < MIN_WORDS or share >= MIN_SHARE:
        return None
    return (f"text does not look like Indonesian ({share:.0%} of its {n} words are common Indonesian words); "
            "the model is trained on Indonesian news, so its scores may mean little")
