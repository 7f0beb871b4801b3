"""Load the cue lexicons (``cues/lexicons/*.tsv``) and compile them into regexes.

Each lexicon is a tab-separated file, diffable and readable like vaderSentiment's
lexicon. Lines starting with ``#`` are comments; the first other line is the
header ``term<TAB>kind<TAB>weight<TAB>note``; then one row per term:

``term``
    What to match. Three forms:

    * a plain phrase, e.g. ``beredar kabar``. Matched case-insensitively on word
      boundaries; a space matches any run of whitespace and a hyphen matches a
      hyphen (spaces around it allowed), whitespace or nothing, so
      ``disebut-sebut`` also finds "disebut sebut" and "disebutsebut".
    * a phrase ending in ``*``, e.g. ``dilansir*``: the last word may continue
      (LIWC-style prefix), so it also finds "dilansirnya" and the scraped
      "dilansirAFP" whose space was lost.
    * ``re:`` followed by a Python regular expression, for what a phrase cannot
      say. It is compiled case-insensitively (use ``(?-i:...)`` for a
      case-sensitive part) and wrapped in the same word boundaries as a phrase.
      It must not use capturing groups (use ``(?:...)``).
``kind``
    A cue kind (:data:`reliability.cues.cue.KINDS`) or an auxiliary kind
    (:data:`AUX_KINDS`) for the building blocks the matchers combine (speech
    verbs, roles, outlets, refutation phrases, ...).
``weight``
    How strong a cue the term is, a number in ``[0, 5]`` (1 = a typical cue).
``note``
    A short English reason why it is a cue.

Matching is compiled once per lexicon (lazily, cached), as one alternation regex.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from .cue import KINDS, Cue
from .joined import active_batch
from .wordindex import pattern_keys, source_keys, text_index

_UNSET = object()

#: A scanner reads its regex for keys (about 30 ms each, a third of a second for
#: all of them) only once it has scanned this many texts: one article scored
#: from the command line does not pay for what only a batch earns back.
INDEX_AFTER = 8
_scans: dict = {}

#: Kinds of lexicon rows that are building blocks, not cues of their own.
AUX_KINDS = (
    "speech_before",  # speech verb that precedes the speaker: "kata", "ujar"
    "speech_after",   # speech verb that follows the speaker: "mengatakan"
    "role",           # role or title before a name: "Kapolres", "Menteri"
    "institution",    # an institution that can be a source: "KPK", "Kementerian"
    "not_name",       # capitalised words that are not a source's name: "Namun"
    "outlet",         # a news outlet or wire: "AFP", "Daily Star"
    "acronym",        # an all-caps word that is an acronym, not shouting
    "refutation",     # a phrase refuting a claim: "hoaks", "tidak benar"
    "legal",          # police/prosecutor/court words: "Polres", "jaksa"
    "crime",          # crime-report words: "tersangka", "ditangkap"
    "setting",        # joins an adjacent attribution, no cue alone: "saat dihubungi"
    "social_part",    # social word that is a cue only next to a real one: "diunggah"
)

HEADER = ("term", "kind", "weight", "note")
MAX_WEIGHT = 5.0


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row.

    Examples
    --------
    >>> e = Entry("disebut-sebut", "hedge", 1.0, "rumour marker", "hedge.tsv", 3)
    >>> bool(re.fullmatch(e.regex, "disebut sebut", re.I))
    True
    """

    term: str
    kind: str
    weight: float
    note: str
    file: str
    line: int

    @property
    def regex(self) -> str:
        """The regex source for this term, without the outer word boundaries."""
        return term_regex(self.term)

    @property
    def prefix(self) -> bool:
        """True when the last word may continue (term ends with ``*``)."""
        return self.term.endswith("*")


def term_regex(term: str) -> str:
    """Regex source (no boundaries) for a lexicon term.

    Examples
    --------
    >>> term_regex("kabar burung")
    'kabar\\\\s+burung'
    >>> bool(re.fullmatch(term_regex("disebut-sebut"), "disebutsebut"))
    True
    """
    if term.startswith("re:"):
        return term[3:]
    if term.endswith("*"):
        return term_regex(term[:-1]) + r"\w*"
    words = term.split()
    parts = []
    for word in words:
        # A hyphen in a term stands for the spellings scraped text shows for it.
        parts.append(r"(?:\s*-\s*|\s+|)".join(re.escape(p) for p in word.split("-")))
    return r"\s+".join(parts)


def _parse(name: str, text: str) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    header_seen = False
    allowed = set(KINDS) | set(AUX_KINDS)
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{name}:{lineno}"
        if not header_seen:
            if tuple(c.strip() for c in cols) != HEADER:
                raise LexiconError(f"{where}: expected header {'<TAB>'.join(HEADER)!r}, got {line!r}")
            header_seen = True
            continue
        if len(cols) != 4:
            raise LexiconError(f"{where}: expected 4 tab-separated columns, got {len(cols)}: {line!r}")
        term, kind, weight_s, note = (c.strip() for c in cols)
        if not term:
            raise LexiconError(f"{where}: empty term")
        if kind not in allowed:
            raise LexiconError(f"{where}: unknown kind {kind!r}; expected one of {KINDS + AUX_KINDS}")
        try:
            weight = float(weight_s)
        except ValueError:
            raise LexiconError(f"{where}: weight {weight_s!r} is not a number") from None
        if not 0.0 <= weight <= MAX_WEIGHT:
            raise LexiconError(f"{where}: weight {weight} outside [0, {MAX_WEIGHT}]")
        if not note:
            raise LexiconError(f"{where}: empty note; say why {term!r} is a cue")
        if term.startswith("re:"):
            # Only regex rows can be invalid: plain terms are escaped. (Compiling
            # all ~1,300 rows one by one was a third of a cold start.)
            try:
                compiled = re.compile(term_regex(term), re.IGNORECASE)
            except re.error as err:
                raise LexiconError(f"{where}: bad pattern {term!r}: {err}") from None
            if compiled.groups:
                raise LexiconError(f"{where}: pattern {term!r} has capturing groups; use (?:...)")
        key = (term.lower(), kind)
        if key in seen:
            raise LexiconError(f"{where}: duplicate term {term!r} (first on line {seen[key]})")
        seen[key] = lineno
        entries.append(Entry(term, kind, weight, note, name, lineno))
    if not header_seen:
        raise LexiconError(f"{name}: no header line")
    return tuple(entries)


def parse_lexicon(name: str, text: str) -> tuple[Entry, ...]:
    """Parse and validate the text of a lexicon file.

    Parameters
    ----------
    name : str
        File name, used in error messages.
    text : str
        The file's content.

    Returns
    -------
    tuple of Entry

    Raises
    ------
    LexiconError
        For a missing header, wrong column count, unknown kind, bad weight,
        empty note or a bad pattern; the message names ``name`` and the line.

    Examples
    --------
    >>> parse_lexicon("x.tsv", "term\\tkind\\tweight\\tnote\\nkonon\\thedge\\t1\\thearsay")[0].kind
    'hedge'
    """
    return _parse(name, text)


@lru_cache(maxsize=None)
def load(name: str) -> tuple[Entry, ...]:
    """The entries of the shipped lexicon ``name`` (e.g. ``"hedge"``), cached.

    Examples
    --------
    >>> any(e.term == "dikabarkan" for e in load("hedge"))
    True
    """
    path = resources.files("reliability.cues").joinpath("lexicons").joinpath(f"{name}.tsv")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"no lexicon {name}.tsv in reliability/cues/lexicons") from None
    return _parse(f"{name}.tsv", text)


def entries(name: str, kind: str | None = None) -> tuple[Entry, ...]:
    """The entries of lexicon ``name``, optionally only those of ``kind``."""
    return tuple(e for e in load(name) if kind is None or e.kind == kind)


_SPACE, _HYPHEN, _STAR = "\x00space", "\x00hyphen", "\x00star"
_ATOM_RE = {_SPACE: r"\s+", _HYPHEN: r"(?:\s*-\s*|\s+|)", _STAR: r"\w*"}


def _atoms(term: str) -> list[str]:
    """A plain term as trie atoms: lower-cased characters and flexible separators."""
    prefix = term.endswith("*")
    atoms: list[str] = []
    for wi, word in enumerate((term[:-1] if prefix else term).lower().split()):
        if wi:
            atoms.append(_SPACE)
        for pi, piece in enumerate(word.split("-")):
            if pi:
                atoms.append(_HYPHEN)
            atoms.extend(piece)
    if prefix:
        atoms.append(_STAR)
    return atoms


def _char_re(k: str) -> str:
    """Regex for one trie atom, case-insensitive without the IGNORECASE flag.

    Why: under ``re.IGNORECASE`` the engine cannot skip an alternative by its
    first character; with explicit classes (``[Dd]``) it can, which makes
    rejecting a word start nearly free.
    """
    if k in _ATOM_RE:
        return _ATOM_RE[k]
    up = k.upper()
    if up != k and len(up) == 1:
        return f"[{re.escape(up)}{re.escape(k)}]"
    return re.escape(k)


def _trie_regex(items: list[tuple[int, Entry]], groups: bool) -> str:
    """One regex for many plain terms, factored as a trie.

    Why: Python's regex engine tries alternatives one by one; sharing prefixes
    means a word start is rejected after a handful of character tests instead
    of one test per term, which keeps a family's scan well under a millisecond.
    At each node longer continuations are tried before the term ending there,
    so the longest term wins.
    """
    root: dict = {}
    for i, e in items:
        node = root
        for a in _atoms(e.term):
            node = node.setdefault(a, {})
        node.setdefault(None, i)  # first row wins for duplicate spellings

    def emit(node: dict) -> str:
        parts = []
        keys = sorted((k for k in node if k is not None), key=lambda k: (k == _STAR, k))
        for k in keys:
            parts.append(_char_re(k) + emit(node[k]))
        if None in node:
            i = node[None]
            leaf = f"(?P<t{i}>)" if groups else ""
            # A term ending in * already ran on through \w*; others end at a word boundary.
            parts.append(leaf + ("" if items_by_index[i].prefix else r"(?!\w)"))
        if len(parts) == 1:
            return parts[0]
        return "(?:" + "|".join(parts) + ")"

    items_by_index = dict(items)
    return emit(root) if root else ""


def _close_paren(rx: str, i: int) -> int:
    """Index of the ``)`` closing the group opened at ``rx[i]``, or -1."""
    depth, j, n = 0, i, len(rx)
    while j < n:
        ch = rx[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j += 1
            if j < n and rx[j] == "^":
                j += 1
            if j < n and rx[j] == "]":
                j += 1
            while j < n and rx[j] != "]":
                j += 2 if rx[j] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _split_top(rx: str) -> list[str]:
    """Split a regex on its top-level ``|``."""
    parts, depth, start, j, n = [], 0, 0, 0, len(rx)
    while j < n:
        ch = rx[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            end = rx.find("]", j + 2)
            j = end + 1 if end > 0 else n
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(rx[start:j])
            start = j + 1
        j += 1
    parts.append(rx[start:])
    return parts


def first_letters(rx: str) -> frozenset[str] | None:
    r"""Letters a regex row must start with (lower case), or None when unknown.

    A conservative reading of simple rows: a leading literal letter, or a leading
    non-optional ``(?:a|b|...)`` whose alternatives all start with one. Used
    only as a lookahead guard, so None (no guard) is always safe.

    Examples
    --------
    >>> sorted(first_letters(r"(?:sumber|pejabat)\s+yang"))
    ['p', 's']
    >>> first_letters(r"(?:silakan\s+)?sebarkan") is None
    True
    """
    if not rx:
        return None
    if rx.startswith("(?:") or rx.startswith("(?i:"):
        close = _close_paren(rx, 0)
        if close < 0 or rx[close + 1:close + 2] in ("?", "*", "{"):
            return None
        inner = rx[rx.index(":") + 1:close]
        out: set[str] = set()
        for alt in _split_top(inner):
            f = first_letters(alt)
            if not f:
                return None
            out |= f
        return frozenset(out)
    ch, skip = rx[0], 1
    if ch == "\\" and rx[1:2] in ("(", "#", "@", "."):
        ch, skip = rx[1], 2
    elif ch in "\\.^$*+?{}[]|()":
        return None
    if ch.isascii() and rx[skip:skip + 1] not in ("?", "*", "{", "+"):
        return frozenset(ch.lower())
    return None


def alternation(items: tuple[Entry, ...], groups: bool = False, bounded: bool = True,
                peek: bool = False) -> str:
    """One regex source matching any of ``items``, each on word boundaries.

    The source is case-insensitive by construction: compile it *without*
    ``re.IGNORECASE`` (regex rows are wrapped in ``(?i:...)``, plain terms use
    character classes).

    Regex rows are tried first (they are the specific ones), in file order;
    plain phrases are compiled into a trie where the longest phrase wins.
    With ``groups=True`` each term gets a named group ``t<i>`` (``i`` indexing
    ``items``), so :attr:`re.Match.lastgroup` tells which term matched.

    With ``peek=True`` (for :class:`Matcher` only) a regex row whose first
    letters are known is written ``[xX](?<=(?=(?P<t<i>>row)).)``: the match
    itself ends one character into the row, and group ``t<i>`` holds the
    row's real span. Why: the engine skips an alternative that starts with a
    character class in C, but enters one that starts with a group or a
    lookahead at every word start; a dozen regex rows entered at every word
    were most of a family's scan time.
    """
    parts = []
    for i, e in enumerate(items):
        if e.term.startswith("re:"):
            body = f"(?i:{e.regex})(?!\\w)"
            letters = first_letters(e.regex)
            if letters:
                chars = "".join(re.escape(c) for c in sorted(letters | {c.upper() for c in letters}))
                if peek and groups:
                    parts.append(f"[{chars}](?<=(?=(?P<t{i}>{body})).)")
                    continue
                # A cheap first-letter guard: skip the row without entering it.
                body = f"(?=[{chars}])" + body
            parts.append(f"(?P<t{i}>{body})" if groups else body)
    plain = [(i, e) for i, e in enumerate(items) if not e.term.startswith("re:")]
    if plain:
        parts.append(_trie_regex(plain, groups))
    if not parts:
        return "(?!)"
    body = "(?:" + "|".join(parts) + ")"
    return r"(?<![\w@#])" + body if bounded else body


#: Consumed in front of every scanning pattern, in place of a lookbehind.
#: Why: a pattern that starts with a character class lets the regex engine skip
#: in C to the next separator; one that starts with a lookbehind is entered at
#: every position, which made each family's scan several times slower.
#: :func:`scan` pads the text with a leading newline so a cue can start at 0.
BOUNDARY = r"[^\w@#]"


def scan(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer`` over ``"\n" + text`` for a pattern starting with :data:`BOUNDARY`.

    Match offsets are one more than in ``text``: a match's span in ``text`` is
    ``(m.start(), m.end() - 1)`` and a group's is ``(m.start(g) - 1, m.end(g) - 1)``.

    The same matches as ``finditer``, found by trying the pattern only where
    the words its matches begin with stand (:mod:`.wordindex`), when those
    words are known.
    """
    padded = "\n" + text
    n = _scans.get(pattern, 0)
    if n < INDEX_AFTER:
        _scans[pattern] = n + 1
        return pattern.finditer(padded)
    keys = pattern_keys(pattern, BOUNDARY)
    index = text_index(text) if keys is not None else None
    if index is None:
        return pattern.finditer(padded)
    return _scan_at(pattern, padded, keys.candidates(index))


def _scan_at(pattern: re.Pattern, padded: str, candidates: list[int]) -> Iterator[re.Match]:
    # finditer, trying only the candidate offsets (a superset of where a match
    # can begin). Matches are never empty: BOUNDARY consumes a character.
    match = pattern.match
    pos = 0
    for c in candidates:
        if c < pos:
            continue
        m = match(padded, c)
        if m is not None:
            yield m
            pos = m.end()


class Matcher:
    """A compiled lexicon: one regex for all its terms.

    Examples
    --------
    >>> m = matcher("hedge")
    >>> [(e.term, s, t) for e, s, t in m.finditer("Ia dikabarkan pergi.")]
    [('dikabarkan', 3, 13)]
    """

    def __init__(self, items: tuple[Entry, ...]):
        self.entries = items
        self.pattern = re.compile(BOUNDARY + alternation(items, groups=True, bounded=False, peek=True))
        self._keys = _UNSET
        self._plain_source = None
        self._scans = 0

    @property
    def keys(self):
        """The words a match begins with (:class:`.wordindex.Keys`), or None when unknown."""
        keys = self._keys
        if keys is _UNSET:
            # Read off the regex without the peek construct (same start
            # positions, see alternation), which hides a row's first word.
            keys = self._keys = source_keys(self.plain_source[len(BOUNDARY):])
        return keys

    def finditer(self, text: str) -> Iterator[tuple[Entry, int, int]]:
        """Yield ``(entry, start, end)`` for each non-overlapping match, leftmost first.

        The pattern is tried only where a word a match begins with stands
        (:mod:`.wordindex`); where that is not known, at every position. Inside
        :func:`.joined.scan_together`, the matches come from one scan of the
        batch's texts.
        """
        batch = active_batch()
        hits = batch.matches(self, text) if batch is not None else None
        if hits is None:
            padded = "\n" + text
            if self._scans < INDEX_AFTER:
                self._scans += 1
                keys = None
            else:
                keys = self.keys
            index = text_index(text) if keys is not None else None
            hits = self.spans(padded, None if index is None else keys.candidates(index))
        for start, end, entry in hits:
            yield entry, start, end - 1

    @property
    def plain_source(self) -> str:
        """The scanning regex without the peek construct: the same matches, spans as the rows' own."""
        source = self._plain_source
        if source is None:
            source = self._plain_source = BOUNDARY + alternation(self.entries, bounded=False)
        return source

    def spans(self, padded: str, candidates: list[int] | None = None) -> Iterator[tuple[int, int, Entry]]:
        """``(start, end, entry)`` of each match in ``padded``, offsets as in ``padded``.

        ``start`` is the boundary character before the match (so the match's
        offsets in the unpadded text are ``start, end - 1``). With
        ``candidates`` (a sorted superset of where a match may begin), the
        pattern is tried only there, with the same result.
        """
        search, match = self.pattern.search, self.pattern.match
        tries = None if candidates is None else iter(candidates)
        pos = 0
        while True:
            if tries is None:  # the next match anywhere from pos
                m = search(padded, pos)
                if m is None:
                    return
            else:  # a match at the next candidate from pos
                for c in tries:
                    if c >= pos:
                        break
                else:
                    return
                m = match(padded, c)
                if m is None:
                    continue
            pos, hit = self._hit(m)
            if hit is not None:
                yield hit

    def _hit(self, m: re.Match) -> tuple[int, tuple[int, int, Entry] | None]:
        """Where the next search may start, and the match's (start, end, entry) if it is not empty."""
        g = m.lastgroup
        # A peeked regex row ends where its group ends (see alternation).
        end = max(m.end(), m.end(g)) if g else m.end()
        start = m.start()
        if start == end - 1:
            return end, None
        return end, (start, end, self.entries[int(g[1:])])


@lru_cache(maxsize=None)
def matcher(name: str, kinds: tuple[str, ...] | None = None) -> Matcher:
    """The cached :class:`Matcher` of lexicon ``name`` (optionally only ``kinds``)."""
    items = tuple(e for e in load(name) if kinds is None or e.kind in kinds)
    return Matcher(items)


@lru_cache(maxsize=None)
def words(name: str, kind: str | None = None) -> frozenset[str]:
    """Lower-cased plain terms of a lexicon, for set look-ups (not matching)."""
    return frozenset(e.term.lower() for e in entries(name, kind) if not e.term.startswith("re:"))


def lexicon_cues(name: str, text: str, kinds: tuple[str, ...] | None = None) -> list:
    """Cues for every match of lexicon ``name`` in ``text`` (offsets into ``text``).

    Only rows whose kind is a cue kind become cues; pass ``kinds`` to restrict.

    Examples
    --------
    >>> [(c.kind, c.text) for c in lexicon_cues("hedge", "Konon ia kaya.")]
    [('hedge', 'Konon')]
    """
    if kinds is None:
        kinds = tuple(k for k in KINDS if any(e.kind == k for e in load(name)))
    return [Cue(e.kind, text[s:t], s, t, weight=e.weight)
            for e, s, t in matcher(name, kinds).finditer(text)]
