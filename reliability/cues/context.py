"""Context of cues: refuted (debunks) and legal caution ("diduga" with police named).

A debunk quotes a rumour ("beredar kabar ...") in order to refute it ("kabar
itu tidak benar"): its hedges are quoted, not asserted, so they get
``context="refuted"``. A crime report that says a suspect "diduga" did
something while quoting a named police officer, prosecutor or court is using
legal caution, not weak sourcing: ``context="legal"``.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .cue import KINDS, Cue
from .lexicon import matcher

#: Cue kinds that a refutation nearby neutralises.
REFUTABLE = ("hedge", "social_media_source", "anonymous_source", "unverified_claim")

# Hedges of allegation, the ones legal caution applies to.
_ALLEGATION = re.compile(r"(?i)^(?:kuat\s+|ada\s+)?(?:diduga|didiuga|terduga|dugaan|menduga|dugaannya)")

# Sentence ends with the whitespace after them: . ! ? (and closing quotes), or a line break.
# (Starts with a character class so the engine can skip to candidates in C.)
_SENT_END = re.compile("[.!?\u2026\n](?:(?<=\n)\\s*|[.!?\u2026\"\u201d'\u2019)]*\\s+)")

# Refutation phrases strong enough to mark a whole article as a debunk.
_STRONG = ("hoaks", "hoax", "hoaxs", "hoak", "cek fakta", "disinformasi", "misinformasi",
           "berita bohong", "kabar bohong", "tidak benar", "tak benar", "menyesatkan",
           "bukan fakta", "tidak sesuai fakta", "terbukti tidak benar", "tidak berdasar")
#: A text with at least this many strong refutations (or a "cek fakta" label) is a debunk.
DEBUNK_MIN = 3


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (the first is always 0).

    Examples
    --------
    >>> sentence_starts("Satu. Dua! Tiga")
    [0, 6, 11]
    """
    n = len(text)
    return [0] + [m.end() for m in _SENT_END.finditer(text) if 0 < m.end() < n]


def find_refutations(text: str) -> list[tuple[int, int, str]]:
    """Spans of refuting phrases ("hoaks", "tidak benar", "dibantah", "cek fakta").

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (start, end, phrase)
        ``phrase == text[start:end]``, in order of position.

    Examples
    --------
    >>> find_refutations("Kabar itu tidak benar alias hoaks.")
    [(10, 21, 'tidak benar'), (28, 33, 'hoaks')]
    """
    return list(_refutations(text))


# Cached: scoring scans a body for refutations twice, in resolve_context and
# for the body_refutations feature right after it.
@lru_cache(maxsize=16)
def _refutations(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((s, e, text[s:e]) for _, s, e in matcher("context", ("refutation",)).finditer(text))


def is_debunk(text: str, refutations: list[tuple[int, int, str]] | None = None) -> bool:
    """True when ``text`` is clearly a debunk/fact-check as a whole.

    Examples
    --------
    >>> is_debunk("Cek fakta: video itu hoaks.")
    True
    """
    refs = find_refutations(text) if refutations is None else refutations
    strong = [p.lower() for _, _, p in refs if re.sub(r"\s+", " ", p.lower()) in _STRONG]
    return "cek fakta" in (re.sub(r"\s+", " ", p) for p in strong) or len(strong) >= DEBUNK_MIN


def _sentence_of(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def resolve_context(cues: list[Cue], text: str) -> list[Cue]:
    """Mark refuted and legal-caution cues (new Cues for changed ones, new list).

    Rules (why: the guidelines count neither as the article's own weak sourcing):

    * **refuted**: a hedge, social, anonymous or unverified cue whose sentence
      or the next one holds a refutation that refers back to a claim
      (:func:`find_refutations`: "kabar itu tidak benar", "hoaks", "dibantah",
      "membantah kabar tersebut"; a bare "membantah" is a fresh denial of
      something else); or any such cue when the whole text is a debunk
      (:func:`is_debunk`).
    * **legal**: a remaining allegation hedge ("diduga", "terduga", "dugaan")
      whose sentence or a neighbouring one holds a named source with a
      police/prosecutor/court word ("Kapolres", "AKBP", "jaksa", "KPK"); or,
      when the text has such a named source anywhere, an allegation in a
      sentence with crime-report words ("tersangka", "ditangkap").

    Parameters
    ----------
    cues : list of Cue
        Cues with offsets into ``text``.
    text : str

    Returns
    -------
    list of Cue
        The same cues in the same order, some with ``context`` set.

    Examples
    --------
    >>> from reliability.cues.hedge import find_hedges
    >>> t = "Beredar kabar sekolah libur. Kabar itu tidak benar."
    >>> [(c.text, c.context) for c in resolve_context(find_hedges(t), t)]
    [('Beredar kabar', 'refuted')]
    """
    if not cues:
        return []
    starts = sentence_starts(text)
    # Scan only for what the cues need: refutations when some cue is refutable,
    # legal and crime words when some hedge is an allegation.
    refutable = any(c.kind in REFUTABLE and c.context is None for c in cues)
    allegation = any(c.kind == "hedge" and _ALLEGATION.match(c.text) for c in cues)
    refs: tuple[tuple[int, int, str], ...] | list = []
    legal_words: set[int] = set()
    crime_words: set[int] = set()
    if refutable:
        refs = _refutations(text)
    if allegation:
        for e, s, t in matcher("context", ("legal", "crime")).finditer(text):
            (legal_words if e.kind == "legal" else crime_words).add(_sentence_of(starts, s))
    debunk = bool(refs) and is_debunk(text, refs)
    ref_sents = {_sentence_of(starts, s) for s, _, _ in refs}
    # Sentences with a named source that is police, prosecutor or court.
    legal_sents = {i for c in cues if c.kind == "named_source" and c.weight >= 0.6
                   for i in [_sentence_of(starts, c.start)] if i in legal_words}

    out = []
    for c in cues:
        i = _sentence_of(starts, c.start)
        ctx = c.context
        if ctx is None and c.kind in REFUTABLE:
            if debunk or i in ref_sents or i + 1 in ref_sents:
                ctx = "refuted"
        if ctx is None and c.kind == "hedge" and _ALLEGATION.match(c.text):
            near = bool(legal_sents & {i - 1, i, i + 1})
            if near or (legal_sents and i in crime_words):
                ctx = "legal"
        # (The constructor, not dataclasses.replace: same Cue, a third of the time.)
        out.append(c if ctx == c.context else Cue(c.kind, c.text, c.start, c.end, c.field, c.weight, ctx))
    return out


def dedupe(cues: list[Cue]) -> list[Cue]:
    """Sort cues by position and drop overlaps within a kind, keeping the longer.

    Cues of different kinds may overlap ("beredar kabar" is a hedge inside the
    social cue "beredar kabar di media sosial").

    Examples
    --------
    >>> dedupe([Cue("hedge", "kabar", 8, 13), Cue("hedge", "beredar kabar", 0, 13)])
    [Cue(kind='hedge', text='beredar kabar', start=0, end=13, field='body', weight=1.0, context=None)]
    """
    kept: dict[str, list[Cue]] = {}
    # Longest first, so a shorter overlapping cue of the same kind is the one dropped.
    for c in sorted(cues, key=lambda c: (-(c.end - c.start), c.start)):
        same = kept.setdefault(c.kind, [])
        if any(c.start < k.end and k.start < c.end or (c.start == c.end == k.start) for k in same):
            continue
        same.append(c)
    return sorted((c for cs in kept.values() for c in cs), key=lambda c: (c.start, c.end, KINDS.index(c.kind)))
