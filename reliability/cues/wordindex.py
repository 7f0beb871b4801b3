"""Where a lexicon scan can match: a shared word index per text, and the first words of a regex.

Why: every cue family scans the whole text with one large regex, and Python's
engine enters that regex at every word gap (some 300 times in a 250-word
article), although most families match nowhere or at a few places. Here the
text is cut into lower-cased words once (:func:`text_index`, cached, so all the
families scanning one text share it), each scanning regex is read once for the
words its matches can begin with (:func:`pattern_keys`), and a scan runs the
unchanged regex anchored (``pattern.match(padded, pos)``) only where one of
those words stands. A family none of whose first words occurs in the text is
not scanned at all.

Output does not change: the candidate positions are a superset of the
positions where the regex can match, tried in order, so the first match found
from any position is the one ``search`` would have found. Everything this
module is not sure of (a regex whose matches may begin with anything, a text
whose lower-casing is not one character for one) makes the caller fall back
to the full scan.

Keys read off a regex (all lower-case, see :func:`pattern_keys`):

``exact``
    a word the match begins with as a whole word ("kabar" of ``kabar\\s+burung``);
``prefix``
    the beginning of the match's first word ("dilansir" of ``dilansir\\w*``);
``chars``
    a non-word character the match begins with ("@", "#", "(").
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

try:  # the regex parser of the standard library (internal, stable in practice)
    from re import _constants as _sc, _parser as _sp
except ImportError:  # Python < 3.11
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

__all__ = ["TextIndex", "text_index", "Keys", "pattern_keys", "source_keys"]

_WORD = re.compile(r"\w+")

#: Characters that a case-insensitive regex matches against an ASCII letter
#: although their ``str.lower()`` is not that letter (dotted and dotless i,
#: long s, Kelvin sign): a text holding one is scanned in full. (Found by
#: testing every code point; ``tests/cues/test_wordindex.py`` checks it.)
UNSAFE_CHARS = "\u0130\u0131\u017f\u212a"

def _isword(ch: str) -> bool:
    # Exactly ``re``'s \w for one character of a str (tested over all code points).
    return ch.isalnum() or ch == "_"


class TextIndex:
    """The lower-cased words of one text, where each stands, and where other keys stand (cached).

    Offsets are into the text (``low`` has the same length as the text).
    Every word's offsets are recorded in the one pass that finds the words:
    the families scanning a text ask for some 18 of its words, and a regex
    pass per asked word cost more than this single pass (0.30 s against
    0.38 s for the index and offsets of 4,353 texts).
    """

    __slots__ = ("low", "vocabulary", "_offsets", "_hits")

    def __init__(self, low: str):
        self.low = low
        offsets: dict[str, list[int]] = {}
        for m in _WORD.finditer(low):
            offsets.setdefault(m.group(), []).append(m.start())
        #: every word (a maximal run of \w) of the text
        self.vocabulary = frozenset(offsets)
        self._offsets = offsets
        self._hits: dict[str, list[int]] = {}

    def offsets(self, word: str) -> list[int]:
        """Offsets where ``word`` stands as a whole word (a maximal run of \\w), in order."""
        return self._offsets.get(word, [])

    def hits(self, key: str) -> list[int]:
        """Offsets where ``key`` stands with no word character, "@" or "#" before it."""
        got = self._hits.get(key)
        if got is None:
            got = self._hits[key] = [m.start() for m in _key_re(key).finditer(self.low)] if key in self.low else []
        return got


@lru_cache(maxsize=None)
def _key_re(key: str) -> re.Pattern:
    # The key first, so that the engine finds it with its fast literal search;
    # the boundary before it is checked after it.
    k = re.escape(key)
    return re.compile(k + rf"(?<![\w@#]{k})")


def case_safe(text: str) -> bool:
    """Whether a case-insensitive regex and ``str.lower`` fold every character of ``text`` alike."""
    return text.isascii() or not any(c in text for c in UNSAFE_CHARS)


def index_lower(text: str) -> str | None:
    """``text.lower()``, offset for offset, or None when a word index of it could miss a match."""
    low = text.lower()
    return low if len(low) == len(text) and case_safe(text) else None


@lru_cache(maxsize=16)
def text_index(text: str) -> TextIndex | None:
    """The shared :class:`TextIndex` of ``text``, or None when it must be scanned in full.

    Cached: the families scanning one text (and the features counting lexicon
    words in it) run one after another on the same string.
    """
    low = index_lower(text)
    return None if low is None else TextIndex(low)


@dataclass(frozen=True)
class Keys:
    """What a scanning regex's matches can begin with (see the module docstring)."""

    exact: frozenset[str]
    prefix: tuple[str, ...]
    chars: tuple[str, ...]
    #: Prefix and character keys: found by substring search, not by word look-up.
    others: tuple[str, ...] = ()
    #: A match may begin with a digit (``\\d``): at any word that begins with one.
    digits: bool = False

    @classmethod
    def of(cls, exact, prefix, chars, digits: bool = False) -> "Keys":
        # A key that another prefix key begins finds nothing that one does not.
        kept: list[str] = []
        for p in sorted(prefix):
            if not (kept and p.startswith(kept[-1])):
                kept.append(p)
        exact = frozenset(e for e in exact if not any(e.startswith(p) for p in kept))
        chars = tuple(sorted(chars))
        return cls(exact, tuple(kept), chars, tuple(kept) + chars, digits)

    def candidates(self, index: TextIndex) -> list[int]:
        """Sorted offsets of ``index``'s text where a match may begin (a superset)."""
        hits: list[int] = []
        for k in self.exact & index.vocabulary:
            hits += index.offsets(k)
        if self.digits:
            # After the boundary a digit starts a word (\\d is in \\w); isdigit
            # holds for every \\d character (and a few more: a superset).
            for w in index.vocabulary:
                if w[0].isdigit():
                    hits += index.offsets(w)
        low = index.low
        for stem, group in _stem_groups(self.others):
            # A key holds its group's stem: where the stem is absent (one
            # substring search), none of the group's keys need a look.
            if len(group) == 1 or stem in low:
                for k in group:
                    hits += index.hits(k)
        if len(hits) > 1:
            hits = sorted(set(hits))
        return hits


@lru_cache(maxsize=None)
def _stem_groups(keys: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``keys`` grouped by their first three characters, each group with its common prefix.

    Why: a family's prefix keys share beginnings (the relayed family has 30
    keys "kepadakantorberita<outlet>"); one substring search for the shared
    stem spares a search per key in the many texts that lack it.

    Examples
    --------
    >>> _stem_groups(("#", "kepadaafp", "kepadaantara", "dilansir"))
    (('#', ('#',)), ('dilansir', ('dilansir',)), ('kepadaa', ('kepadaafp', 'kepadaantara')))
    """
    groups: dict[str, list[str]] = {}
    for k in sorted(keys):
        groups.setdefault(k[:3], []).append(k)
    return tuple((os.path.commonprefix(g), tuple(g)) for g in groups.values())


# --------------------------------------------------------------------------
# Reading a regex for the words its matches begin with

_OPEN, _EXACT, _PREFIX, _CHAR, _DIGIT = range(5)
#: Give up (full scan) past this many partial keys: the regex is too open.
_MAX_KEYS = 20000
#: Keys stop growing at this length (a longer key filters no better).
_MAX_KEY_LEN = 24
_MAX_RANGE = 64


class _Unknown(Exception):
    """The regex's matches may begin with anything we cannot name."""


def _wordch(ch: str) -> bool:
    return ch.isascii() and _isword(ch)


def _close(key: str, state: int) -> tuple[str, int]:
    if not key:
        raise _Unknown
    return key, state


def _class(av, key: str) -> list[tuple[str, int]]:
    """Keys after a character class ``[...]``."""
    chars: set[str] = set()
    space = False
    for op, v in av:
        if op is _sc.LITERAL:
            chars.add(chr(v))
        elif op is _sc.RANGE:
            lo, hi = v
            if hi - lo > _MAX_RANGE:
                return [_close(key, _PREFIX)]
            chars.update(chr(c) for c in range(lo, hi + 1))
        elif op is _sc.CATEGORY and v is _sc.CATEGORY_SPACE:
            space = True
        elif op is _sc.CATEGORY and v is _sc.CATEGORY_DIGIT and not key and len(av) == 1:
            return [("", _DIGIT)]  # a match that begins with \d: Keys.digits
        else:  # NEGATE, \w, \d, \S, ...: anything may follow
            return [_close(key, _PREFIX)]
    out: list[tuple[str, int]] = []
    low = set()
    for c in chars:
        lc = c.lower()
        if len(lc) != 1:
            return [_close(key, _PREFIX)]
        low.add(lc)
    other = False
    for c in sorted(low):
        if _wordch(c):
            out.append((key + c, _OPEN))
        elif c.isascii() and not key:
            out.append((c, _CHAR))
        else:
            other = True
    if space or other:
        if not key:
            raise _Unknown  # a match may begin with a space or a non-ASCII character
        # Whitespace or ASCII punctuation ends the word; a non-ASCII letter may continue it.
        ascii_only = all(c.isascii() for c in low if not _wordch(c))
        out.append((key, _EXACT if ascii_only else _PREFIX))
    return out


def _is_word_class(p) -> bool:
    items = list(p)
    return (len(items) == 1 and items[0][0] is _sc.IN
            and list(items[0][1]) == [(_sc.CATEGORY, _sc.CATEGORY_WORD)])


def _item(op, av, key: str) -> list[tuple[str, int]] | set[tuple[str, int]]:
    """Keys after one regex item, starting from the open key ``key``."""
    if len(key) >= _MAX_KEY_LEN:
        return [(key, _PREFIX)]
    if op is _sc.LITERAL:
        ch = chr(av).lower()
        if len(ch) != 1:
            return [_close(key, _PREFIX)]
        if _wordch(ch):
            return [(key + ch, _OPEN)]
        if ch.isascii():
            return [(key, _EXACT)] if key else [(ch, _CHAR)]
        return [_close(key, _PREFIX)]
    if op is _sc.IN:
        return _class(av, key)
    if op is _sc.SUBPATTERN:
        return _seq(av[-1], {key})
    if op is _sc.BRANCH:
        out: set[tuple[str, int]] = set()
        for alt in av[1]:
            out |= _seq(alt, {key})
        return out
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) or op is getattr(_sc, "POSSESSIVE_REPEAT", None):
        lo, hi, sub = av
        out = {(key, _OPEN)} if lo == 0 else set()
        if hi == 0:
            return out or {(key, _OPEN)}
        for k2, st in _seq(sub, {key}):
            if st == _OPEN and hi > 1 and k2 != key:
                st = _PREFIX  # a further repeat may continue the word
            out.add((k2, st))
        return out
    if op is getattr(_sc, "ATOMIC_GROUP", None):
        return _seq(av, {key})
    if op is _sc.AT:
        return [(key, _OPEN)]  # zero-width: only restricts where a match is
    if op is _sc.ASSERT_NOT and av[0] == 1 and key and _is_word_class(av[1]):
        return [(key, _EXACT)]  # (?!\w): the word ends here
    if op in (_sc.ASSERT, _sc.ASSERT_NOT):
        return [(key, _OPEN)]
    return [_close(key, _PREFIX)]  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...


def _seq(items, starts: set[str]) -> set[tuple[str, int]]:
    """Keys after a sequence of items, from the open keys ``starts``."""
    done: set[tuple[str, int]] = set()
    open_ = set(starts)
    for op, av in items:
        if not open_:
            break
        nxt: set[str] = set()
        for key in open_:
            for k2, st in _item(op, av, key):
                if st == _OPEN:
                    nxt.add(k2)
                else:
                    done.add((k2, st))
        open_ = nxt
        if len(open_) + len(done) > _MAX_KEYS:
            raise _Unknown
    return done | {(k, _OPEN) for k in open_}


def _keys_of(items) -> Keys | None:
    try:
        found = _seq(items, {""})
        exact, prefix, chars = set(), set(), set()
        digits = False
        for key, st in found:
            if st == _DIGIT:
                digits = True
                continue
            if st == _OPEN:
                st = _PREFIX  # what follows the regex is unknown: the word may go on
            key, st = _close(key, st)
            (exact if st == _EXACT else prefix if st == _PREFIX else chars).add(key)
    except (_Unknown, RecursionError):
        return None
    return Keys.of(exact, prefix, chars, digits)


@lru_cache(maxsize=None)
def source_keys(source: str, flags: int = 0) -> Keys | None:
    """The :class:`Keys` of regex ``source`` (a match of it begins at the key), or None if unknown.

    Examples
    --------
    >>> k = source_keys(r"(?i:kabar\\s+burung|dilansir\\w*|@\\w+)")
    >>> sorted(k.exact), k.prefix, k.chars
    (['kabar'], ('dilansir',), ('@',))
    >>> source_keys(r"\\w+kan") is None
    True
    """
    try:
        parsed = _sp.parse(source, flags)
    except Exception:
        return None
    return _keys_of(list(parsed))


@lru_cache(maxsize=None)
def pattern_keys(pattern: re.Pattern, boundary: str) -> Keys | None:
    """The :class:`Keys` of a scanning pattern that begins with the character class ``boundary``.

    The keys are for the part after ``boundary``: offsets of the text scanned
    as ``"\\n" + text`` where a match may begin (with the boundary character
    before the key) are the keys' offsets in the text.
    """
    try:
        items = list(_sp.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
        head = list(_sp.parse(boundary))
    except Exception:
        return None
    if len(head) != 1 or not items or items[0] != head[0]:
        return None
    return _keys_of(items[1:])
