"""Social-media sources: posts, viral videos, netizens, chain messages.

Terms come from ``lexicons/social.tsv``. Two rules keep one social phrase one
cue: generic words (``social_part`` rows: "diunggah", "dibagikan", "komentar",
a bare hashtag) count only as part of a phrase with a real social cue, and
social cues standing a few short words apart are merged into one cue covering
the phrase ("video viral yang diunggah akun Instagram @x"), up to
:data:`MAX_LEN` characters. Parts inside a quotation (the hashtags of a quoted
tweet) are never merged.
"""
from __future__ import annotations

import re

from .cue import Cue
from .lexicon import matcher

#: A merged social cue is at most this long; a longer phrase is split.
MAX_LEN = 80

# What may stand between two merged cues: at most two short words ("yang",
# "dan ramai"), nothing but spaces around them.
_GAP = re.compile(r"[ \t]+(?:[a-z]{1,5}[ \t]+){0,2}\Z")
_QUOTED = re.compile("\"[^\"\n]{1,600}\"|\u201c[^\u201d\n]{1,600}\u201d")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    if '"' not in text and "\u201c" not in text:
        return []
    return [m.span() for m in _QUOTED.finditer(text)]


def find_social_media_sources(text: str) -> list[Cue]:
    """Find attributions to social media: posts, accounts, viral content, netizens.

    Terms come from ``lexicons/social.tsv`` (platform posts and accounts such as
    "unggahan Instagram" or "akun @x", "viral di media sosial", "warganet",
    "pesan berantai", "tolong share", ...).

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        Kind ``"social_media_source"``, offsets into ``text``.

    Examples
    --------
    >>> [c.text for c in find_social_media_sources("Video itu viral di media sosial.")]
    ['viral di media sosial']
    >>> [c.text for c in find_social_media_sources("Video itu diunggah ke grup kantor.")]
    []
    >>> [c.text for c in find_social_media_sources("Fotonya dibagikan warganet.")]
    ['dibagikan warganet']
    """
    items = [(s, t, e.kind == "social_media_source", e.weight)
             for e, s, t in matcher("social", ("social_media_source", "social_part")).finditer(text)]
    if not items:
        return []
    quoted = _quoted_spans(text) if any(not strong for _, _, strong, _ in items) else []
    if quoted:
        items = [it for it in items if it[2] or not any(a <= it[0] < b for a, b in quoted)]

    out: list[Cue] = []
    chain: list[tuple[int, int, bool, float]] = []
    hashtag_kept = False

    def flush():
        nonlocal hashtag_kept
        strong = [it for it in chain if it[2]]
        s, t = chain[0][0], chain[-1][1]
        if strong:
            out.append(Cue("social_media_source", text[s:t], s, t, weight=max(it[3] for it in strong)))
        elif not hashtag_kept and len(chain) == 1 and text[s] == "#":
            # A hashtag outside quotes stands for the campaign: one cue per text.
            hashtag_kept = True
            out.append(Cue("social_media_source", text[s:t], s, t, weight=chain[0][3]))

    for it in items:
        if chain and _GAP.match(text, chain[-1][1], it[0]):
            if it[1] - chain[0][0] <= MAX_LEN:
                chain.append(it)
                continue
            # Too long: trailing generic words go with the next cue instead
            # ("... | dibagikan warganet").
            tail = []
            while len(chain) > 1 and not chain[-1][2]:
                tail.insert(0, chain.pop())
            flush()
            chain = tail + [it] if tail and it[1] - tail[0][0] <= MAX_LEN else [it]
            continue
        if chain:
            flush()
        chain = [it]
    if chain:
        flush()
    return out
