"""Turning an article into numbers: the cue features and the text columns.

Both trained models take the same input: an array of shape ``(n_samples, 2)``
whose columns are the cleaned **title** and **body** of each article (see
:func:`to_columns`). The headline model reads column 0, the support model both.
:func:`cue_feature_row` counts the cues of :mod:`reliability.cues` in one article
and :func:`cue_feature_names` names every number it makes, so a linear model's
coefficients explain themselves (``cues__body_hedge``).

This module needs only numpy: scoring uses it without importing scikit-learn.
The scikit-learn transformer over these functions, :class:`CueFeatures`, lives
in :mod:`reliability.transformers` (``reliability.features.CueFeatures`` still
finds it, as do models pickled before the move).
"""
from __future__ import annotations

import math
import re
from contextlib import nullcontext

import numpy as np

from .cues import find_body_cues, find_title_cues
from .cues.context import find_refutations
from .cues.cue import KINDS
from .cues.joined import scan_together
from .cues.lexicon import matcher
from .cues.wordindex import case_safe

TITLE, BODY = 0, 1

# Cue kinds that weaken support when they stand in the body; named sources strengthen it.
_WEAK_KINDS = ("hedge", "relayed_source", "anonymous_source", "social_media_source", "unverified_claim")
_BODY_KINDS = tuple(k for k in KINDS if k != "clickbait_marker")
_TITLE_KINDS = ("clickbait_marker", "hedge", "unverified_claim", "social_media_source", "named_source")
_QUOTES = re.compile(r"[\"“”]")
_DIGITS = re.compile(r"\d+")


def to_columns(articles) -> np.ndarray:
    """Stack articles into the models' input: an object array of (title, body) rows.

    Parameters
    ----------
    articles : iterable of Article, or of (title, body) pairs

    Examples
    --------
    >>> to_columns([("Judul", "Isi berita.")]).shape
    (1, 2)
    """
    rows = []
    for a in articles:
        if hasattr(a, "body"):
            rows.append((a.title or "", a.body or ""))
        else:
            title, body = a
            rows.append((title or "", body or ""))
    out = np.empty((len(rows), 2), dtype=object)
    for i, (t, b) in enumerate(rows):
        out[i, TITLE] = t
        out[i, BODY] = b
    return out


def title_column(X):
    """Column 0 (titles) of the models' input, as a list of str (picklable for FunctionTransformer)."""
    return [str(v) for v in np.asarray(X, dtype=object)[:, TITLE]]


def body_column(X):
    """Column 1 (bodies) of the models' input, as a list of str."""
    return [str(v) for v in np.asarray(X, dtype=object)[:, BODY]]


def text_feature_name(transformer, input_features):
    """Feature name of a column selected by :func:`title_column` / :func:`body_column`."""
    return ["text"]


def check_columns(X) -> np.ndarray:
    """The models' input as a 2-D object array of (title, body) rows, or a clear error."""
    import sys

    # A sparse matrix exists only if scipy is loaded; don't import it to ask.
    sparse = sys.modules.get("scipy.sparse")
    if sparse is not None and sparse.issparse(X):
        raise TypeError("CueFeatures does not support sparse input: give (title, body) text columns")
    X = np.asarray(X)
    if X.dtype.kind == "c":
        raise ValueError("Complex data not supported: CueFeatures reads (title, body) text columns")
    X = X.astype(object, copy=False)
    if X.ndim != 2 or X.shape[1] != 2:
        n_samples = X.shape[0] if X.ndim else 0
        n_features = X.shape[1] if X.ndim == 2 else 0
        message = (f"CueFeatures expects an array of shape (n_samples, 2) holding (title, body) text, "
                   f"got shape {X.shape} (n_samples = {n_samples}, n_features = {n_features})")
        if X.ndim == 2 and n_features == 0:
            message += f": 0 feature(s) (shape={X.shape}) while a minimum of 2 is required."
        raise ValueError(message)
    return X


def _count(lexicons, text: str) -> int:
    return sum(1 for name in lexicons for _ in matcher(name).finditer(text)) if text else 0


def cue_feature_names(use_title: bool = True, use_body: bool = True) -> list[str]:
    """Names of the numbers :func:`cue_feature_row` makes, in order.

    >>> cue_feature_names(use_body=False)[:2]
    ['title_clickbait_marker', 'title_hedge']
    """
    names = []
    if use_title:
        names += [f"title_{k}" for k in _TITLE_KINDS]
        names += ["title_question", "title_exclamation", "title_words_log", "title_missing"]
    if use_body:
        names += [f"body_{k}" for k in _BODY_KINDS]
        names += [f"body_{k}_per_1k_chars" for k in _BODY_KINDS]
        names += [
            "body_refuted_cues", "body_legal_cues", "body_refutations",
            "body_named_share", "body_chars_log", "body_paragraphs_log",
            "body_quotes_per_1k_chars", "body_numbers_per_1k_chars",
            "body_official_mentions_per_1k_chars", "body_speech_verbs_per_1k_chars", "body_missing",
        ]
    return names


def fitted_columns(fitted: list[str], use_title: bool = True, use_body: bool = True) -> list[int] | None:
    """Columns of today's features that a model fitted on the names ``fitted`` expects.

    None when the lists are the same. A model saved before a feature was added
    keeps working; one that needs a feature this version no longer makes gets
    a clear error instead of a shape mismatch deep inside scikit-learn.
    """
    now = cue_feature_names(use_title, use_body)
    fitted = list(fitted)
    if fitted == now:
        return None
    missing = [n for n in fitted if n not in now]
    if missing:
        raise ValueError(
            f"this model was fitted with cue features this version of reliability does not "
            f"compute ({', '.join(missing)}); retrain it with `reliability train`")
    return [now.index(n) for n in fitted]


def cue_feature_matrix(X, use_title: bool = True, use_body: bool = True, columns=None) -> np.ndarray:
    """:func:`cue_feature_row` of every (title, body) row of ``X``, as a float array.

    ``columns`` (from :func:`fitted_columns`) selects the columns an older model expects.
    """
    X = check_columns(X)
    pairs = [(str(t) if t is not None else "", str(b) if b is not None else "") for t, b in X]
    # Headlines are short: their lexicon scans run over all of them at once.
    with scan_together([t for t, _ in pairs]) if use_title and len(pairs) > 1 else nullcontext():
        rows = [cue_feature_row(t, b, use_title, use_body) for t, b in pairs]
    out = np.asarray(rows, dtype=float).reshape(len(rows), len(cue_feature_names(use_title, use_body)))
    return out if columns is None else out[:, columns]


def cue_feature_row(title: str, body: str, use_title: bool = True, use_body: bool = True) -> list[float]:
    """The cue features of one article, named by :func:`cue_feature_names`.

    Counts are ``log1p`` of the summed lexicon weights of cues that count (no
    mitigating context); cues quoted to be refuted and legal-caution hedges are
    counted in features of their own, so a debunk is not read as hedging.

    >>> row = cue_feature_row("Heboh! Artis Dikabarkan Menikah", "Kabarnya dia menikah.")
    >>> bool(row[cue_feature_names().index("body_hedge")] > 0)
    True
    """
    row: list[float] = []
    if use_title:
        weights: dict[str, list[float]] = {}  # one pass over the cues (summed per kind as before)
        for c in find_title_cues(title) if title else ():
            if c.counts:
                weights.setdefault(c.kind, []).append(c.weight)
        row += [math.log1p(sum(weights.get(kind, ()))) for kind in _TITLE_KINDS]
        stripped = title.strip()
        row += [
            float(stripped.endswith("?")),
            float("!" in stripped),
            math.log1p(len(stripped.split())),
            float(not stripped),
        ]
    if use_body:
        cues = find_body_cues(body) if body else []
        per_1k = 1000.0 / max(len(body), 200)  # floor: a 50-char stub is not "dense"
        weights = {k: 0.0 for k in _BODY_KINDS}
        counts = {k: 0 for k in _BODY_KINDS}
        refuted = legal = 0
        for c in cues:
            if c.kind not in weights:
                continue
            if c.context == "refuted":
                refuted += 1
            elif c.context == "legal":
                legal += 1
            else:
                weights[c.kind] += c.weight
                counts[c.kind] += 1
        row += [math.log1p(weights[k]) for k in _BODY_KINDS]
        row += [counts[k] * per_1k for k in _BODY_KINDS]
        weak = sum(counts[k] for k in _WEAK_KINDS)
        named = counts["named_source"]
        row += [
            math.log1p(refuted),
            math.log1p(legal),
            math.log1p(len(find_refutations(body)) if body else 0),
            named / (named + weak + 1.0),
            math.log1p(len(body)),
            math.log1p(body.count("\n") + 1 if body else 0),
            len(_QUOTES.findall(body)) * per_1k,
            len(_DIGITS.findall(body)) * per_1k,
            # Officials and institutions mentioned, and speech verbs ("ujarnya"):
            # not cues on their own (no attribution), but reporting that names
            # who is involved and quotes people is better sourced on average.
            _count(("roles", "institutions"), body) * per_1k,
            _count(("speech_verbs",), body) * per_1k,
            float(not body.strip()),
        ]
    return row


# Curiosity-gap and listicle words of Indonesian clickbait that the clickbait
# lexicon does not mark on its own ("Ini", "Begini", "Cara", "Deretan"): as a
# count they let the model weigh them together, beyond their single n-grams.
_CURIOSITY_WORDS = frozenset((
    "ini begini inilah ternyata bikin wow kok lho loh deh nih sih gini gimana bagaimana apa siapa kenapa "
    "mengapa yuk simak intip cek lihat cara tips fakta rahasia alasan deretan potret daftar").split())
# The words as a regex, for the few titles _curiosity_count cannot look up word by word.
_CURIOSITY = re.compile(r"(?i)\b(?:" + "|".join(sorted(_CURIOSITY_WORDS)) + r")\b")
_WORD = re.compile(r"\w+")
_NON_SPACE = re.compile(r"\S+")
_QUOTE_CHARS = re.compile(r"[\"“”'‘’]")

#: Names of :func:`headline_style_row`'s numbers, in order.
HEADLINE_STYLE_NAMES = (
    "style_upper_word_share", "style_capitalised_share", "style_questions", "style_exclamations",
    "style_quotes", "style_starts_with_number", "style_numbers", "style_curiosity_words",
    "style_colon", "style_chars_per_100")


def headline_style_row(title: str) -> tuple[float, ...]:
    """Style of a headline: casing, punctuation, numbers, curiosity words, length.

    Named by :data:`HEADLINE_STYLE_NAMES`: the share of words in ALL CAPS and
    of capitalised words, counts of ``?``, ``!``, quotes, numbers and curiosity
    words ("Ini", "Begini", "Cara"), whether it starts with a number or holds a
    colon, and its length in hundreds of characters.

    >>> dict(zip(HEADLINE_STYLE_NAMES, headline_style_row("VIRAL! Ini 5 Cara Hemat")))["style_curiosity_words"]
    2.0
    """
    words = _NON_SPACE.findall(title)
    n = max(len(words), 1)
    upper = capitalised = 0
    for w in words:  # one loop: headlines are scored by the ten thousand
        if w[0].isupper():
            capitalised += 1
        if len(w) > 1 and w.isupper():
            upper += 1
    return (
        upper / n,
        capitalised / n,
        float(title.count("?")),
        float(title.count("!")),
        float(len(_QUOTE_CHARS.findall(title))),
        float(title[:1].isdigit()),
        float(len(_DIGITS.findall(title))),
        float(_curiosity_count(title)),
        float(":" in title),
        len(title) / 100.0,
    )


def _curiosity_count(title: str) -> int:
    """``len(_CURIOSITY.findall(title))``: the words of ``title`` that are curiosity words.

    A match of ``\\b(?:...)\\b`` is a whole word (a maximal run of \\w), so
    looking each word up lower-cased finds the same, except where the regex's
    case folding and ``str.lower`` differ (dotted/dotless i, long s, Kelvin
    sign): such a title is counted by the regex.
    """
    if not case_safe(title):
        return len(_CURIOSITY.findall(title))
    return sum(map(_CURIOSITY_WORDS.__contains__, map(str.lower, _WORD.findall(title))))


def headline_style_matrix(X) -> np.ndarray:
    """:func:`headline_style_row` of the title of every (title, body) row of ``X``."""
    X = check_columns(X)
    out = np.zeros((X.shape[0], len(HEADLINE_STYLE_NAMES)))
    for i, t in enumerate(X[:, TITLE]):
        out[i] = headline_style_row(str(t) if t is not None else "")
    return out


def __getattr__(name):
    # Lazy, so that importing this module never imports scikit-learn; pickles of
    # models made before the transformers moved refer to reliability.features.
    if name in ("CueFeatures", "HeadlineStyle"):
        from . import transformers
        return getattr(transformers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
