"""Cue finders: the evidence spans behind the support and sensationalism scores.

Each family has one small pure matcher (``text -> list[Cue]``, offsets into the
given string) driven by the lexicons in ``cues/lexicons/*.tsv``:

========================  =====================================  ==========================
kind                      matcher                                example
========================  =====================================  ==========================
hedge                     :func:`~.hedge.find_hedges`            "dikabarkan", "konon"
relayed_source            :func:`~.relayed.find_relayed_sources` "Dilansir dari Daily Star"
anonymous_source          :func:`~.anonymous.find_anonymous_sources`  "menurut seorang sumber"
social_media_source       :func:`~.social.find_social_media_sources`  "unggahan Instagram"
unverified_claim          :func:`~.unverified.find_unverified_claims`  "belum diverifikasi"
named_source              :func:`~.named.find_named_sources`     "kata Kapolres Bogor AKBP X"
clickbait_marker          :func:`~.clickbait.find_clickbait_markers`  "Ternyata", "!"
========================  =====================================  ==========================

:func:`~.context.resolve_context` then marks refuted (debunk) and legal-caution cues.

Examples
--------
>>> [(c.kind, c.text) for c in find_body_cues("Artis itu dikabarkan menikah, dilansir dari Daily Star.")]
[('hedge', 'dikabarkan'), ('relayed_source', 'dilansir dari Daily Star')]
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from .anonymous import find_anonymous_sources
from .clickbait import find_clickbait_markers
from .context import dedupe, find_refutations, resolve_context
from .cue import KINDS, Cue
from .hedge import find_hedges
from .named import find_named_sources
from .relayed import find_relayed_sources
from .social import find_social_media_sources
from .unverified import find_unverified_claims

__all__ = [
    "Cue", "KINDS", "find_cues", "find_title_cues", "find_body_cues",
    "find_hedges", "find_relayed_sources", "find_anonymous_sources",
    "find_social_media_sources", "find_unverified_claims", "find_named_sources",
    "find_clickbait_markers", "resolve_context", "find_refutations", "dedupe",
]

#: Articles whose cues stay cached; more than a scoring batch (Scorer.score_many's
#: batch_size), so a batch's cues are found once for features and evidence both.
_CACHED_ARTICLES = 2048

_TITLE_FINDERS = (find_clickbait_markers, find_hedges, find_unverified_claims, find_social_media_sources)
_BODY_FINDERS = (find_hedges, find_relayed_sources, find_anonymous_sources,
                 find_social_media_sources, find_unverified_claims, find_named_sources)


class ArticleLike(Protocol):
    """What :func:`find_cues` needs of an article."""

    title: str
    body: str
    source: str

    def source_span(self, start: int, end: int) -> tuple[int, int]: ...


#: (inner kind, outer kinds): an inner cue lying inside an outer one adds nothing
#: ("disebutkan" inside "pejabat yang tidak disebutkan namanya"; "Reuters
#: melaporkan" is a relayed outlet, not a named source).
_SUBSUMED = {
    "hedge": ("anonymous_source", "unverified_claim", "social_media_source"),
    "named_source": ("relayed_source",),
}


def _drop_subsumed(cues: list[Cue]) -> list[Cue]:
    outers = [c for c in cues if any(c.kind in v for v in _SUBSUMED.values())]
    if not outers:
        return cues
    return [c for c in cues
            if not any(o.kind in _SUBSUMED.get(c.kind, ()) and o.start <= c.start and c.end <= o.end
                       for o in outers)]


_VIRAL = re.compile(r"(?i)(?:menjadi\s+|sempat\s+)?viral\Z")


def find_title_cues(title: str) -> list[Cue]:
    """Cues in a headline: clickbait, hedge, unverified and social markers.

    The headline's "Viral" is a clickbait marker only (no social cue): there
    it is framing, not a source.

    Parameters
    ----------
    title : str

    Returns
    -------
    list of Cue
        ``field="title"``, offsets into ``title``, sorted by start.

    Examples
    --------
    >>> [(c.kind, c.text) for c in find_title_cues("Heboh! Artis Ini Dikabarkan Bangkrut")]
    [('clickbait_marker', 'Heboh'), ('clickbait_marker', '!'), ('hedge', 'Dikabarkan')]
    """
    return list(_title_cues(title))


# Cached like _body_cues below: the two models and the result each need a
# headline's cues.
@lru_cache(maxsize=_CACHED_ARTICLES)
def _title_cues(title: str) -> tuple[Cue, ...]:
    cues = [c for f in _TITLE_FINDERS for c in f(title)]
    if not cues:  # most headlines of a feed
        return ()
    # A headline's "VIRAL" is a clickbait marker only; "Viral di Medsos" and
    # "Warganet" stay social.
    if any(c.kind == "social_media_source" for c in cues):
        bait = [c for c in cues if c.kind == "clickbait_marker"]
        cues = [c for c in cues if not (c.kind == "social_media_source" and _VIRAL.match(c.text)
                                        and any(b.start <= c.start and c.end <= b.end for b in bait))]
    # (The constructor, not dataclasses.replace: same Cue, a third of the time.)
    return tuple(Cue(c.kind, c.text, c.start, c.end, "title", c.weight, c.context) for c in dedupe(cues))


def find_body_cues(text: str) -> list[Cue]:
    """Cues in an article body: all body families, with context resolved.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        ``field="body"``, offsets into ``text``, sorted by start.

    Examples
    --------
    >>> [(c.kind, c.text, c.context) for c in find_body_cues("Beredar kabar banjir. Kabar itu hoaks.")]
    [('hedge', 'Beredar kabar', 'refuted')]
    """
    return list(_body_cues(text))


# Scoring needs an article's body cues twice (as model features and as the
# evidence shown); the finders are pure and Cues immutable, so a small cache
# keyed on the text halves that work. lru_cache is thread-safe.
@lru_cache(maxsize=_CACHED_ARTICLES)
def _body_cues(text: str) -> tuple[Cue, ...]:
    cues = _drop_subsumed(dedupe([c for f in _BODY_FINDERS for c in f(text)]))
    return tuple(resolve_context(cues, text))


def find_cues(article: ArticleLike) -> list[Cue]:
    """All cues of an article: title cues first, then body cues rebased on the source.

    Parameters
    ----------
    article
        Has ``.title``, ``.body``, ``.source`` (the original input text) and
        ``.source_span(start, end)`` mapping a body span to the source.

    Returns
    -------
    list of Cue
        Title cues (offsets into ``article.title``), then body cues with
        offsets into ``article.source`` and ``cue.text ==
        article.source[cue.start:cue.end]``; each group sorted by start,
        overlapping cues of the same kind merged.

    Examples
    --------
    >>> class A:
    ...     title = "Ternyata Begini!"
    ...     body = source = "Kabarnya ia pindah."
    ...     def source_span(self, s, e): return s, e
    >>> [(c.field, c.text) for c in find_cues(A())]
    [('title', 'Ternyata'), ('title', 'Begini'), ('title', '!'), ('body', 'Kabarnya')]
    """
    title_cues = find_title_cues(article.title or "")
    body_cues = []
    src = article.source
    for c in find_body_cues(article.body or ""):
        s, e = article.source_span(c.start, c.end)
        body_cues.append(Cue(c.kind, src[s:e], s, e, "body", c.weight, c.context))
    return title_cues + dedupe(body_cues)
