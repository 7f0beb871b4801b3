"""Sentences of an article, and what a learned sourcing detector makes of them.

The cue finders (:mod:`reliability.cues`) find phrases by rule. The support
labels also carry the phrases the annotators marked in each article: the named
sources, relayed outlets, anonymous or social-media sources and hedges that the
annotator judged to bear on the article's central claims. A sentence detector
trained on those marks (:class:`reliability.transformers.SentenceSourcing`)
learns which sentences an annotator would count, including wordings no rule
lists; this module holds the numpy-only parts shared by that transformer and
the compiled scorer:

* :func:`split_sentences`: the title, then the body split at sentence ends;
* :func:`sentence_rows`: every sentence of a batch with its article, whether it
  is the title and its relative position;
* :func:`aggregate`: per article and per kind of source, the detector's
  probabilities summed, their maximum, the title's, the lead's (first three
  body sentences) and how many sentences pass 0.5.

>>> split_sentences("Polisi Tangkap Pencuri", "Dua pria ditangkap. \\"Kami sudah periksa,\\" kata Kapolres.")
['Polisi Tangkap Pencuri', 'Dua pria ditangkap.', '"Kami sudah periksa," kata Kapolres.']
"""
from __future__ import annotations

import re

import numpy as np

#: The kinds of source a sentence can carry, as the support labels' phrase lists name them.
SOURCE_KINDS = ("named", "relayed", "anonymous_or_social", "hedge")
#: The label fields of ``support/labels.jsonl`` that hold each kind's marked phrases.
EVIDENCE_FIELDS = {"named": "named_sources", "relayed": "relayed_from",
                   "anonymous_or_social": "anonymous_or_social", "hedge": "hedges"}
#: What :func:`aggregate` makes of each kind, in column order.
AGGREGATES = ("sum", "max", "title", "lead", "count")
#: Body sentences that count as the lead.
LEAD_SENTENCES = 3

# A sentence ends at a line break, or at space after . ! ? (a closing quote may follow them):
# not after the comma that closes a quote, which keeps '"...," kata X' one sentence.
# Each branch starts with the space itself (the lookbehind then checks what precedes it),
# so the engine skips ahead to whitespace instead of trying lookbehinds at every character.
_SENTENCE_END = re.compile(r"\s(?<=[.!?]\s)\s*|\s(?<=[.!?][\"”]\s)\s*|\n+")


def feature_names() -> list[str]:
    """Names of :func:`aggregate`'s columns, e.g. ``named_sum``.

    >>> feature_names()[:3]
    ['named_sum', 'named_max', 'named_title']
    """
    return [f"{kind}_{what}" for kind in SOURCE_KINDS for what in AGGREGATES]


def split_sentences(title: str, body: str) -> list[str]:
    """The title (when not blank), then the body's sentences; pieces of two characters or fewer are dropped."""
    out = [title.strip()] if title and title.strip() else []
    # the same pieces as body_sentence_spans (tested), at C speed: scoring splits every body
    return out + [p for p in map(str.strip, _SENTENCE_END.split(body or "")) if len(p) > 2]


def body_sentence_spans(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each body sentence :func:`split_sentences` keeps, stripped of surrounding space.

    >>> body = "Satu dua.  Tiga empat lima!"
    >>> [body[a:b] for a, b in body_sentence_spans(body)]
    ['Satu dua.', 'Tiga empat lima!']
    """
    # Each kept piece is found after the previous one: it cannot occur earlier, since a
    # piece never holds a sentence end followed by space, nor a line break (tested against finditer).
    spans, at = [], 0
    for piece in map(str.strip, _SENTENCE_END.split(body)):
        if len(piece) > 2:
            at = body.find(piece, at)
            spans.append((at, at + len(piece)))
            at += len(piece)
    return spans


def sentence_rows(X):
    """Every sentence of the (title, body) rows ``X``: :func:`sentence_rows_with_spans` without the spans.
    """
    return sentence_rows_with_spans(X)[:4]


def sentence_rows_with_spans(X):
    """Every sentence of the (title, body) rows ``X``, and where each body sentence stands.

    Returns
    -------
    texts : list of str
    doc : ndarray of int
        The row of ``X`` each sentence comes from.
    is_title : ndarray of float
        1.0 for a title, else 0.0.
    position : ndarray of float
        The sentence's index in its article over the article's last index (0 to 1).
    body_spans : list of list of (int, int)
        Per row, :func:`body_sentence_spans` of its body (the body sentences in order).
    """
    texts, doc, is_title, position, body_spans = [], [], [], [], []
    for i, (title, body) in enumerate(X):
        title = str(title) if title is not None else ""
        body = str(body) if body is not None else ""
        spans = body_sentence_spans(body)
        body_spans.append(spans)
        has_title = bool(title.strip())
        sentences = ([title.strip()] if has_title else []) + [body[a:b] for a, b in spans]
        n = len(sentences)
        texts.extend(sentences)
        doc.extend([i] * n)
        is_title.extend([1.0 if (j == 0 and has_title) else 0.0 for j in range(n)])
        position.extend([j / max(n - 1, 1) for j in range(n)])
    return (texts, np.asarray(doc, dtype=np.intp), np.asarray(is_title, dtype=float),
            np.asarray(position, dtype=float), body_spans)


def aggregate(P: np.ndarray, doc: np.ndarray, is_title: np.ndarray, n_docs: int) -> np.ndarray:
    """Per article, per kind: sum, max, title, lead and count over its sentences' probabilities.

    Parameters
    ----------
    P : ndarray of shape (n_sentences, len(SOURCE_KINDS))
        Each sentence's probability of carrying each kind of source.
    doc, is_title
        As :func:`sentence_rows` returns them (sentences of one article are contiguous).
    n_docs : int
        Number of articles; one without sentences gets zeros.

    Examples
    --------
    >>> P = np.array([[0.9, 0, 0, 0.2], [0.4, 0, 0, 0.8], [0.7, 0, 0, 0]])
    >>> F = aggregate(P, np.array([0, 0, 1]), np.array([1.0, 0.0, 0.0]), 3)
    >>> F[0, :5].round(2).tolist(), F[1, :5].round(2).tolist(), bool(F[2].any())
    ([1.3, 0.9, 0.9, 0.4, 1.0], [0.7, 0.7, 0.0, 0.7, 1.0], False)
    """
    n_kinds = P.shape[1]
    F = np.zeros((n_docs, n_kinds, len(AGGREGATES)))
    if len(doc):
        title = is_title.astype(bool)
        # rank of each body sentence within its article's body (sentences of an article are contiguous)
        starts = np.r_[0, np.flatnonzero(np.diff(doc)) + 1]
        first = np.repeat(starts, np.diff(np.r_[starts, len(doc)]))
        body_rank = np.arange(len(doc)) - first - title[first]
        lead = ~title & (body_rank < LEAD_SENTENCES)
        np.add.at(F[:, :, 0], doc, P)
        np.maximum.at(F[:, :, 1], doc, P)
        np.maximum.at(F[:, :, 2], doc[title], P[title])
        np.maximum.at(F[:, :, 3], doc[lead], P[lead])
        np.add.at(F[:, :, 4], doc, (P > 0.5).astype(float))
    return F.reshape(n_docs, n_kinds * len(AGGREGATES))


def sentence_labels(texts, doc, evidence) -> np.ndarray:
    """Which sentences hold a marked phrase of each kind (case-insensitive substring).

    ``evidence[i]`` is a mapping from a kind (:data:`SOURCE_KINDS`, or its
    :data:`EVIDENCE_FIELDS` name) to the phrases marked in article ``i``.

    >>> sentence_labels(["Kata Kapolres Budi.", "Kabarnya begitu."], np.array([0, 0]),
    ...                 [{"named_sources": ["kapolres budi"], "hedges": ["Kabarnya"]}]).tolist()
    [[1, 0, 0, 0], [0, 0, 0, 1]]
    """
    y = np.zeros((len(texts), len(SOURCE_KINDS)), dtype=int)
    for s, (text, i) in enumerate(zip(texts, doc)):
        marks = evidence[i] or {}
        low = text.lower()
        for k, kind in enumerate(SOURCE_KINDS):
            phrases = marks.get(kind, marks.get(EVIDENCE_FIELDS[kind])) or ()
            y[s, k] = any(len(p) > 1 and p.lower() in low for p in phrases)
    return y
