"""Scan many short texts (headlines) as one string: one regex search per lexicon, not one per text.

Why: a headline is some 70 characters, so finding its cues is mostly the
Python overhead of starting four lexicon scans on it (about 35 µs a
headline, half the time of :meth:`reliability.Scorer.score_headlines`). Inside
``with scan_together(titles):``, the first time a lexicon is asked for one of
the titles, it searches all of them at once, joined with :data:`SEP`, and
hands each title its own matches from then on.

Output does not change. Every text stands in the joined string exactly as
:func:`.lexicon.scan` pads it (``"\\n" + text``), followed by ``"\\x00"``. A
regex none of whose parts after the leading boundary class can match or
assert ``"\\x00"``, and that does not use ``^``/``$``/``\\A``/``\\Z``
(:func:`joinable`, read off the parsed regex), sees the NUL exactly as it sees
the end of the text: no match can run into it, a lookahead that reaches it
fails as it fails at the end, and ``\\b`` finds a boundary there either way. A
match that would begin on the separator itself is caught as it is read
(:meth:`TextBatch.matches`) and that text is scanned on its own, as is a text
holding a NUL, and every text when the lexicon's regex is not
:func:`joinable`. ``tests/cues/test_joined.py`` checks all of it against
scanning one text at a time.

The batch belongs to the thread that opened it, so threads scoring at once
never see each other's.
"""
from __future__ import annotations

import bisect
import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from itertools import accumulate, compress

from .wordindex import TextIndex, index_lower

try:  # the regex parser of the standard library (internal, stable in practice)
    from re import _constants as _sc, _parser as _sp
except ImportError:  # Python < 3.11
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

__all__ = ["SEP", "scan_together", "active_batch", "joinable", "TextBatch"]

#: What follows each text in the joined string; the leading "\n" of the next
#: text's padding then stands where :func:`.lexicon.scan` puts it.
SEP = "\x00"

_local = threading.local()

# Categories that match the NUL character (\W, \D, \S and their kin).
_NUL_CATEGORIES = {
    _sc.CATEGORY_NOT_WORD, _sc.CATEGORY_NOT_DIGIT, _sc.CATEGORY_NOT_SPACE,
    _sc.CATEGORY_NOT_LINEBREAK, _sc.CATEGORY_UNI_NOT_WORD, _sc.CATEGORY_UNI_NOT_DIGIT,
    _sc.CATEGORY_UNI_NOT_SPACE, _sc.CATEGORY_UNI_NOT_LINEBREAK, _sc.CATEGORY_LOC_NOT_WORD,
}
_SAFE_AT = {_sc.AT_BOUNDARY, _sc.AT_NON_BOUNDARY, _sc.AT_UNI_BOUNDARY, _sc.AT_UNI_NON_BOUNDARY}


def _class_takes_nul(items) -> bool:
    for op, av in items:
        if op is _sc.NEGATE:
            return True
        if op is _sc.LITERAL and av == 0:
            return True
        if op is _sc.RANGE and av[0] == 0:
            return True
        if op is _sc.CATEGORY and av in _NUL_CATEGORIES:
            return True
        if op not in (_sc.LITERAL, _sc.RANGE, _sc.CATEGORY, _sc.RANGE_UNI_IGNORE):
            return True  # unknown: assume it does
    return False


def _nul_free(items) -> bool:
    """No element of a parsed regex can consume the NUL or anchor on a string's ends."""
    for op, av in items:
        if op is _sc.LITERAL:
            if av == 0:
                return False
        elif op is _sc.IN:
            if _class_takes_nul(av):
                return False
        elif op is _sc.AT:
            if av not in _SAFE_AT:
                return False
        elif op is _sc.SUBPATTERN:
            if not _nul_free(av[-1]):
                return False
        elif op is _sc.BRANCH:
            if not all(_nul_free(b) for b in av[1]):
                return False
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, getattr(_sc, "POSSESSIVE_REPEAT", None)):
            if not _nul_free(av[2]):
                return False
        elif op in (_sc.ASSERT, _sc.ASSERT_NOT):
            if not _nul_free(av[1]):
                return False
        elif op is getattr(_sc, "ATOMIC_GROUP", None):
            if not _nul_free(av):
                return False
        elif op is _sc.GROUPREF:
            pass  # repeats text that a checked group matched
        elif op is _sc.GROUPREF_EXISTS:
            if not _nul_free(av[1]) or (av[2] is not None and not _nul_free(av[2])):
                return False
        else:  # NOT_LITERAL, ANY and whatever else: may take the NUL
            return False
    return True


@lru_cache(maxsize=None)
def joinable(source: str) -> bool:
    r"""Whether regex ``source`` (a :data:`.lexicon.BOUNDARY` class first) finds in a joined batch what it finds in each text.

    Examples
    --------
    >>> joinable(r"[^\w@#](?:kabar\s+burung)(?!\w)")
    True
    >>> joinable(r"[^\w@#]kabar.*")  # "." takes the NUL
    False
    >>> joinable(r"[^\w@#]kabar$")
    False
    """
    from .lexicon import BOUNDARY

    try:
        items = list(_sp.parse(source))
        head = list(_sp.parse(BOUNDARY))
    except Exception:
        return False
    return len(head) == 1 and bool(items) and items[0] == head[0] and _nul_free(items[1:])


class TextBatch:
    """Texts scanned together, and each lexicon's matches in them once found.

    Parameters
    ----------
    texts : iterable of str
        Repeats are scanned once.
    """

    def __init__(self, texts):
        self.index: dict[str, int] = {}
        for t in texts:
            if t not in self.index:
                self.index[t] = len(self.index)
        self._found: dict[object, list] = {}
        self._joined = None

    def matches(self, scanner, text: str) -> list | None:
        """``list(scanner.spans("\n" + text))`` from one scan of the batch; None if ``text`` is not in it.

        ``scanner`` is a :class:`.lexicon.Matcher` (``plain_source``, ``keys``, ``spans``).
        """
        i = self.index.get(text)
        if i is None:
            return None
        found = self._found.get(scanner)
        if found is None:
            found = self._found[scanner] = self._scan(scanner)
        hits = found[i]
        if hits is None:  # not joinable here: this text on its own
            hits = found[i] = list(scanner.spans("\n" + text))
        return hits

    def _join(self):
        """The joined string, where each padded text begins in it, and its word index (or None)."""
        if self._joined is None:
            texts = list(self.index)
            starts: list[int] = []  # where each padded text begins in the joined string
            pos = 0
            for t in texts:
                starts.append(pos)
                pos += len(t) + 2
            joined = "".join("\n" + t + SEP for t in texts)  # each text padded as .lexicon.scan pads it
            # Its word index: candidates for all texts at once.
            self._joined = (joined, starts, _BatchIndex.of(joined[1:]))
        return self._joined

    def _scan(self, scanner) -> list:
        texts = list(self.index)
        if not joinable(scanner.plain_source):
            return [None] * len(texts)
        joined, starts, index = self._join()
        keys = scanner.keys
        candidates = None
        if keys is not None and index is not None:
            index.prepare(keys.exact)
            if keys.digits:
                index.prepare({w for w in index.vocabulary if w[0].isdigit()})
            candidates = keys.candidates(index)
        out: list = [[] for _ in texts]
        for s, e, item in scanner.spans(joined, candidates):
            i = bisect.bisect_right(starts, s) - 1
            base = starts[i]
            if e > base + 1 + len(texts[i]):
                # Began on the separator and ran into the next text (its
                # matches after this one are then unknown too): both alone.
                out[i] = None
                out[bisect.bisect_right(starts, e - 1) - 1] = None
            elif out[i] is not None:
                out[i].append((s - base, e - base, item))
        for i, t in enumerate(texts):
            if SEP in t:
                out[i] = None
        return out


class _BatchIndex(TextIndex):
    """A :class:`.wordindex.TextIndex` of a joined batch that records the offsets of asked words only.

    Why: a batch of 1,024 headlines has some 12,000 words, and the lexicons
    ask for a few hundred distinct ones; recording every word's offsets (a
    Python step per word) was most of a batch's scanning time. Here the words
    and their offsets come from one ``re.split`` and a running sum, and
    :meth:`prepare` picks out the asked words' offsets with C-level ``map``
    and ``compress``. A word not prepared is prepared when asked for, so the
    offsets are always complete.
    """

    __slots__ = ("_words", "_starts")

    def __init__(self, low: str):  # noqa: D107 (use of())
        pieces = _WORD_SPLIT.split(low)  # gap, word, gap, word, ..., gap
        self._words = pieces[1::2]
        self._starts = list(accumulate(map(len, pieces)))[0::2]  # where gap i ends, word i starts
        self.low = low
        self.vocabulary = frozenset(self._words)
        self._offsets: dict[str, list[int]] = {}
        self._hits: dict[str, list[int]] = {}

    @classmethod
    def of(cls, text: str) -> "_BatchIndex | None":
        """The index of ``text``, or None where :func:`.wordindex.text_index` would give None."""
        low = index_lower(text)
        return None if low is None else cls(low)

    def prepare(self, words) -> None:
        """Record the offsets of ``words`` (those of the text not recorded yet)."""
        new = (self.vocabulary & frozenset(words)) - self._offsets.keys()
        if not new:
            return
        offsets = self._offsets
        for w in new:
            offsets[w] = []
        found = self._words
        starts = self._starts
        for i in compress(range(len(found)), map(new.__contains__, found)):
            offsets[found[i]].append(starts[i])

    def offsets(self, word: str) -> list[int]:
        got = self._offsets.get(word)
        if got is None:
            self.prepare((word,))
            got = self._offsets.get(word, [])
        return got


_WORD_SPLIT = re.compile(r"(\w+)")


def active_batch() -> TextBatch | None:
    """The batch this thread is inside, if any."""
    return getattr(_local, "batch", None)


@contextmanager
def scan_together(texts):
    """Within the block, lexicon scans of any of ``texts`` come from one search of them all.

    Examples
    --------
    >>> from reliability.cues import find_hedges
    >>> with scan_together(["Konon Ia Kaya", "Ia Dikabarkan Pergi"]):
    ...     [(c.text, c.start) for c in find_hedges("Ia Dikabarkan Pergi")]
    [('Dikabarkan', 3)]
    """
    outer = active_batch()
    _local.batch = TextBatch(texts)
    try:
        yield _local.batch
    finally:
        _local.batch = outer
