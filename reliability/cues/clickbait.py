"""Headline clickbait markers: teasers, emotive words, "!", questions, listicles, CAPS."""
from __future__ import annotations

import re

from .cue import Cue
from .lexicon import lexicon_cues, words

# "!", "!!!", "?!" and "!?": exclamation, the loudest headline marker.
_BANG = re.compile(r"[!?]*![!?]*")
# A trailing "?" (curiosity-gap question), not part of "?!".
_QUESTION = re.compile(r"(?<![!?])\?(?=[\s\"”'’)]*$)")
# "Ini" opening the headline or a clause after ":"/"-"/"|" ("Ini Alasan ...", "Viral: Ini ...").
_INI = re.compile(r"(?:^|(?<=[:|\-–—,.!?]\s)|(?<=[:|\-–—]))\s*(?-i:Ini)(?=\s+\w)")
# All-caps words (two letters or more, no digits, no lower case).
# (The capital first, the boundary before it checked behind it: a pattern that
# starts with a character class is skipped through in C, one that starts with
# a lookbehind is entered at every position.)
_CAPS = re.compile(r"[A-Z](?<![\w'’-].)[A-Z'’]*[A-Z](?![\w'’-])")
_ROMAN = re.compile(r"^[IVXLC]+$")
#: All-caps words of this many letters or more are shouting unless allowlisted.
CAPS_MIN_LEN = 5


def _is_acronym(word: str) -> bool:
    w = word.upper()
    return (w in {a.upper() for a in words("acronyms", "acronym")}
            or w.lower() in words("institutions", "institution")
            or w.lower() in words("outlets", "outlet")
            or bool(_ROMAN.match(w)))


def _shouting(title: str) -> list[Cue]:
    """Runs of all-caps words that are shouting, not acronyms.

    A run of two or more consecutive all-caps words is shouting unless every
    word is a known acronym; a single word is shouting when it is long
    (>= :data:`CAPS_MIN_LEN` letters) and not a known acronym. Short lone
    all-caps words (KPK, DPR, AS) are taken as acronyms.
    """
    toks = list(_CAPS.finditer(title))
    if not toks:
        return []
    out: list[Cue] = []
    i = 0
    while i < len(toks):
        j = i
        # Consecutive: only spaces between them.
        while j + 1 < len(toks) and title[toks[j].end():toks[j + 1].start()].strip() == "":
            j += 1
        run = toks[i:j + 1]
        if len(run) >= 2:
            shout = not all(_is_acronym(t.group()) for t in run)
        else:
            w = run[0].group()
            shout = len(w) >= CAPS_MIN_LEN and not _is_acronym(w)
        if shout:
            s, e = run[0].start(), run[-1].end()
            out.append(Cue("clickbait_marker", title[s:e], s, e, weight=1.0))
        i = j + 1
    return out


def find_clickbait_markers(title: str) -> list[Cue]:
    """Find clickbait markers in a headline.

    Lexicon words and phrases (``lexicons/clickbait.tsv``: "Ternyata",
    "Begini", "Heboh", "Bikin Kaget", "Netizen", listicles such as "5 Fakta"),
    plus structural markers: "!" and "?!", a trailing "?" (weight 0.6),
    "Ini" opening the headline or a clause, and ALL-CAPS shouting.

    Parameters
    ----------
    title : str

    Returns
    -------
    list of Cue
        Kind ``"clickbait_marker"``, offsets into ``title``, by position.

    Examples
    --------
    >>> [c.text for c in find_clickbait_markers("Ini Alasan Artis Itu Menangis, Netizen Terharu!")]
    ['Ini', 'Menangis', 'Netizen', 'Terharu', '!']

    Acronyms are not shouting, and "ini" inside the headline is no teaser:

    >>> find_clickbait_markers("KPK Periksa Pejabat DPR Soal Kasus Ini")
    []
    """
    out = lexicon_cues("clickbait", title, ("clickbait_marker",))
    # Each structural pattern needs a character that most headlines lack;
    # testing for it first spares a regex pass (they start at every position).
    if "!" in title:
        for m in _BANG.finditer(title):
            if m.group():
                out.append(Cue("clickbait_marker", m.group(), m.start(), m.end(), weight=1.0))
    if "?" in title:
        for m in _QUESTION.finditer(title):
            out.append(Cue("clickbait_marker", m.group(), m.start(), m.end(), weight=0.6))
    if "Ini" in title:
        for m in _INI.finditer(title):
            s = m.end() - 3
            out.append(Cue("clickbait_marker", title[s:m.end()], s, m.end(), weight=1.0))
    out.extend(_shouting(title))
    out.sort(key=lambda c: (c.start, -c.end))
    return out
