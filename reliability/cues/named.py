"""Named sources: attribution to a named person, role or institution.

A named source is an *attribution*: the person, role or institution is the one
saying, stating, confirming, reporting or publishing. A role or a name merely
mentioned ("melawan Presiden Rusia Vladimir Putin", "kepada Presiden X") is no
cue. The finder therefore starts from the attribution words (one scan of
``lexicons/speech_verbs.tsv`` and ``lexicons/named_settings.tsv``) and looks
for the speaker next to each:

* a speech verb before the speaker (``speech_before``: "kata", "ujar",
  "menurut", "data", "dikonfirmasi") followed by a name, a role phrase or an
  institution: "kata Kapolres Jakarta Selatan AKBP Budi Santoso", "menurut
  data BPS";
* a name, role phrase or institution before a speech verb (``speech_after``:
  "mengatakan", "membenarkan"), with an apposition and short adjuncts allowed
  in between ("Kepala Bidang X, Rina Wulandari, saat dihubungi, mengatakan");
  the cue runs from the speaker through the verb;
* settings and documents (``named_settings.tsv``): ``named_source`` rows
  ("dalam konferensi pers", "Undang-Undang Nomor 22 Tahun 2009") are cues on
  their own (weaker) and join the speaker next to them ("Budi dalam keterangan
  tertulisnya"); ``setting`` rows ("saat dihubungi", "kepada wartawan") only
  join an adjacent attribution.

Roles and institutions come from ``roles.tsv`` and ``institutions.tsv``.

Precision rules: a bare pronoun tag ("kata dia", "ujarnya") is not a named
source; a "name" made only of common capitalised words (``not_names.tsv``:
"Namun", "Senin", "Polisi") is rejected; a single capitalised word at the start
of a sentence followed by a speech verb needs to look like a name (not a
common word); a single capitalised word right after a lower-case noun
("pasukan khusus Belarus telah menulis") is a modifier, not a speaker; a
generic lower-case institution word without a name ("menurut kantor") is not
a source.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .context import dedupe
from .cue import Cue
from .lexicon import Matcher, alternation, entries, words

def _h(rx: str) -> str:
    """Regex source with ``~`` standing for one horizontal space as scraped text has it.

    Why: scraped articles put no-break spaces and zero-width marks where a
    space belongs ("kata<NBSP>Wakil Kapolres"), which a plain space class misses.
    """
    return rx.replace("~", "[ \\t\\u00a0\\u200b-\\u200f]")


# A capitalised name token: "Sri", "AKBP", "M.", "Dr.", "O'Neil", "Al-Fatih".
_TOK = r"(?:[A-Z][a-z]?\.|[A-Z](?:[\w'’-]|\.(?=\w))*)"
# Lower-case particles inside names and qualifiers ("Kepala Dinas Perikanan dan Kelautan").
_JOIN = r"(?-i:dan|bin|binti|van|von|de|da|al|el|dos|der|of|the|alias|&)"
_SEQ = _h(r"(?-i:" + _TOK + r"(?:(?:~+|~*-~*)(?:" + _JOIN + r"~+)?" + _TOK
          + r"|~*\((?:[A-Z][\w&.-]*)(?:~[A-Z][\w&.-]*)*\)){0,9})")
# A role phrase may end in ", Name" ("Sekjen Paguyuban Reog Jabodetabek, Agus Setiyoko").
_TAIL = _h(r"(?:,~*(?-i:" + _TOK + r"(?:~+" + _TOK + r"){0,4}))?")

# Between a role and its qualifier: up to three lower-case field words and a
# preposition ("pakar hukum pidana dari Universitas Indonesia").
_FIELD = _h(r"(?P<{0}>(?:~+(?-i:[a-z][a-z-]+)){{0,3}}?)(?:~+(?-i:dari|di|asal|pada|untuk))?")

_SENT_START = re.compile("(?:^|[.!?\u2026][\"\u201d']?\\s+|\\n\\s*|[\"\u201c]\\s*)$")

# What may stand between a speaker and the speech verb after it: adverbs, the
# reporter's contact ("saat dihubungi"), the statement's form ("dalam keterangan
# tertulisnya"), its addressee ("kepada wartawan"), place and day, a
# spokesperson relaying it ("melalui Kasat Reskrim AKP X") and a relay credit
# ("seperti dilansir Antara").
_DAY = r"(?-i:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)"
_CAPS = _h(r"(?-i:[A-Z][\w.'’-]*)(?:~+(?-i:[A-Z][\w.'’-]*)){0,4}")
_ADJUNCT = _h("(?:" + "|".join([
    r"(?i:juga|pun|lantas|kemudian|sempat|telah|sudah|pernah|kembali|turut|langsung|sendiri|justru|akhirnya"
    r"|kini|sebelumnya|baru~+saja|secara~+(?:resmi|terpisah|tertulis)|lebih~+lanjut|saat~+itu|kala~+itu)",
    r"(?i:(?:saat|ketika|usai|seusai|sewaktu|waktu|yang)~+(?:juga~+)?"
    r"di(?:hubungi|konfirmasi|temui|wawancarai|jumpai|mintai~+(?:keterangan|konfirmasi|tanggapan)))"
    r"(?:~+(?:(?i:oleh|via)~+)?(?:(?i:wartawan|awak~+media|media|jurnalis|telepon)|" + _CAPS + "))?",
    r"(?i:dalam|melalui|lewat|via)~+(?:(?i:keterangan\w*(?:~+(?:tertulis|resmi|pers)\w*)?"
    r"|konferensi~+pers|jumpa~+pers|siaran~+pers|pernyataan\w*(?:~+(?:tertulis|resmi)\w*)?"
    r"|wawancara\w*|sambutan\w*|pesan~+(?:singkat|tertulis)\w*|rilis\w*|tulisan\w*|unggahan\w*|akun\w*)"
    r"(?:~+(?i:dengan|di|kepada)~+" + _CAPS + ")?|" + _CAPS + ")",
    r"(?i:kepada)~+(?:(?i:para~+)?(?i:wartawan|awak~+media|media|jurnalis|pers)|" + _CAPS + ")",
    r"(?i:di)~+" + _CAPS,
    r"(?:(?i:pada|hari)~+)?" + _DAY + r"(?:~*\([\w/ .-]{1,20}\)|,?~+\d{1,2}~+[A-Z][a-z]+(?:~+\d{4})?)?",
    r"\(\d[\d/ .-]{0,15}\)",
    r"(?i:melalui|lewat)~+" + _SEQ,
    r"(?i:(?:seperti|sebagaimana)~+(?:yang~+)?(?:dilansir|dikutip)\w*(?:~+dari)?)~*" + _CAPS,
]) + ")")
# Adjuncts are separated by spaces and commas (scrapes leave runs of them: ", ,").
_GAP = _h(r"(?:(?:~*,)*~+" + _ADJUNCT + r"){0,4}(?:~*,)*~+")

#: Lower-case words after which a capitalised word may begin a speaker.
_LEAD_IN = frozenset("""dan serta bahwa namun tetapi tapi lalu kemudian sementara sedangkan pun juga itu
    ini kata ujar menurut sehingga maka akhirnya sebelumnya selanjutnya ketika saat setelah usai seusai
    sesudah sebelum kala sedang yakni yaitu oleh bersama hingga sampai pula pagi siang sore malam""".split())

#: Generic institution heads that need a name to be a source ("menurut kantor").
_GENERIC_INST = frozenset("kantor badan dinas lembaga komisi pemerintah".split())


@lru_cache(maxsize=1)
def _parts():
    before = entries("speech_verbs", "speech_before")
    after = entries("speech_verbs", "speech_after")
    roles = entries("roles", "role")
    insts = entries("institutions", "institution")
    return before, after, roles, insts


@lru_cache(maxsize=1)
def _anchors() -> Matcher:
    """One scan for every attribution word: speech verbs and settings."""
    return Matcher(entries("speech_verbs") + entries("named_settings"))


def _who(tag: str) -> str:
    """A speaker: a role phrase, an institution phrase or a capitalised name."""
    _, _, roles, insts = _parts()
    role = alternation(roles) + r"(?!\w)"
    inst = alternation(insts) + r"(?!\w)"
    return _h(rf"(?:(?P<{tag}role>{role})(?:{_FIELD.format(tag + 'f')}~+{_SEQ}{_TAIL})?"
              rf"|(?P<{tag}inst>{inst})(?P<{tag}iq>~+{_SEQ})?|(?P<{tag}name>{_SEQ}))")


@lru_cache(maxsize=1)
def _speaker_after() -> re.Pattern:
    """The speaker right after a ``speech_before`` word (matched at the word's end)."""
    return re.compile(_h(r"~+(?:(?i:resmi|tertulis|terbaru)~+)?(?:(?i:oleh|dari)~+)?(?:(?i:seorang|sang|para)~+)?")
                      + _who("b"))


@lru_cache(maxsize=1)
def _speaker_before() -> re.Pattern:
    """The speaker standing before a speech verb (searched in a window ending at the verb).

    Why a window: verbs are rare, so we find them first and look back from each
    instead of trying "name + verb" at every capitalised word.
    """
    return re.compile(r"(?<![\w@#])" + _who("a") + _GAP + r"\Z")


#: How far back from a speech verb the speaker may start.
_LOOKBACK = 200
_ABBREV = frozenset("dr drg prof ir st jl no m h k a s".split())


def _clause_start(text: str, pos: int) -> int:
    """Where the look-back for a speaker ending at ``pos`` may begin.

    Why: the speaker stands in the verb's own sentence; searching only there
    (not the whole 200-character window) keeps the look-back cheap.
    """
    lo = max(0, pos - _LOOKBACK)
    cut = max(text.rfind("\n", lo, pos), text.rfind('"', lo, pos), text.rfind("\u201c", lo, pos),
              text.rfind("\u201d", lo, pos))
    j = pos
    while True:
        j = max(text.rfind(". ", lo, j), text.rfind("! ", lo, j), text.rfind("? ", lo, j))
        if j <= cut:
            break
        w = text.rfind(" ", lo, j) + 1
        if text[w:j].lower().strip("(") not in _ABBREV:  # "dr. Ahmad" goes on
            cut = j + 1
            break
    return max(lo, cut + 1)


def _is_cap(s: str) -> bool:
    return bool(s) and s[0].isupper()


_NAME_TOKEN = re.compile(r"[\w'’.-]+")


def _only_common(name: str) -> bool:
    """True when every token of ``name`` is a common capitalised word."""
    stop = words("not_names", "not_name")
    toks = _NAME_TOKEN.findall(name)
    return all(t.lower().strip(".") in stop for t in toks)


def _trim_leading_common(text: str, start: int, end: int) -> int:
    """Skip common words ("Namun", "Sementara") at the front of a name; new start."""
    stop = words("not_names", "not_name")
    m = re.match(r"([\w'’.-]+)[ \t\u00a0]+", text[start:end])
    while m and m.group(1).lower() in stop and start + m.end() < end:
        start += m.end()
        m = re.match(r"([\w'’.-]+)[ \t\u00a0]+", text[start:end])
    return start


def _at_sentence_start(text: str, pos: int) -> bool:
    return bool(_SENT_START.search(text[max(0, pos - 4):pos]))


_PREV_WORD = re.compile(r"([a-z]+)[ \t\u00a0\u200b-\u200f]+\Z")


def _after_common_noun(text: str, pos: int) -> bool:
    """True when a lower-case content word stands right before ``pos`` ("pasukan khusus |Belarus")."""
    m = _PREV_WORD.search(text, max(0, pos - 24), pos)
    if not m:
        return False
    w = m.group(1)
    return w not in _LEAD_IN and w not in words("not_names", "not_name")


# "... berfokus di Rusia, Ukraina dan Belarus, mengatakan": the end of a list of
# places after a preposition is not who speaks (the speaker stands further back).
_PLACE_LIST_BEFORE = re.compile(r"(?<![\w])(?:di|ke|dari|dengan|terhadap|antara)[ \t]+(?:[A-Z][\w.'’-]*[ \t]*,[ \t]*)+\Z")


def _speaker_ok(text: str, m: re.Match, tag: str, start: int) -> tuple[int, float] | None:
    """Check a matched speaker; ``(start, weight)`` or None to reject it."""
    stop = words("not_names", "not_name")
    weight = 1.0
    if (tag == "a" and " dan " in text[start:m.end()]
            and _PLACE_LIST_BEFORE.search(text, max(0, start - 120), start)):
        return None
    if tag == "b" and m.group("bname") is not None:
        # After a speech word ("kata Budi") the name's position says nothing.
        return None if _only_common(m.group("bname")) else (start, weight)
    if m.group(tag + "name") is not None:
        name_end = m.end(tag + "name")
        start = _trim_leading_common(text, start, name_end)
        name = text[start:name_end]
        if _only_common(name):
            return None
        if " " not in name.strip():
            # One capitalised word opening a sentence may be any word ("Polisi",
            # "Warga"): keep it only if it looks like a name, at a lower weight.
            if _at_sentence_start(text, start):
                # "Manajernya membantah": a possessive noun, not a name.
                if name.lower() in stop or name.endswith("nya") or not (name[1:].islower() or name.isupper()):
                    return None
                weight = 0.7
            elif _after_common_noun(text, start):
                return None
    elif m.group(tag + "inst") is not None:
        head = m.group(tag + "inst")
        if m.group(tag + "iq") is None and head.lower() in _GENERIC_INST and not head.isupper():
            return None
    elif m.group(tag + "role") is not None and not _is_cap(m.group(tag + "role")):
        weight = 0.8
    return start, weight


_ADJACENT = re.compile(_h(r"~*,?~*(?:" + _ADJUNCT + r"~*,?~*)?\Z"))


def find_named_sources(text: str) -> list[Cue]:
    """Find attributions to named people, roles and institutions.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        Kind ``"named_source"``, offsets into ``text``; the cue covers the
        attribution phrase (verb + name/role, or speaker through verb), not
        the whole sentence.

    Examples
    --------
    >>> [c.text for c in find_named_sources("Pelaku ditangkap, kata Kapolres Bogor AKBP Rudi Hartono.")]
    ['kata Kapolres Bogor AKBP Rudi Hartono']
    >>> find_named_sources('"Kami sudah siap," kata dia.')
    []
    >>> find_named_sources("Ia bertemu Presiden Joko Widodo di Bogor.")
    []
    """
    out: list[Cue] = []
    settings = []  # (entry, start, end) of settings, resolved after the speakers
    after_re, before_re = _speaker_after(), _speaker_before()
    for e, vs, ve in _anchors().finditer(text):
        if e.kind == "speech_before":
            m = after_re.match(text, ve)
            if not m:
                continue
            if _speaker_ok(text, m, "b", vs) is None:
                continue
            out.append(Cue("named_source", text[vs:m.end()], vs, m.end(), weight=1.0))
            continue
        if e.kind != "speech_after":
            if e.term.startswith("re:"):
                out.append(Cue("named_source", text[vs:ve], vs, ve, weight=e.weight))  # laws, rulings
            else:
                settings.append((e, vs, ve))
            continue
        # A speech verb: look back for its speaker.
        m = before_re.search(text, _clause_start(text, vs), vs)
        got = _speaker_ok(text, m, "a", m.start()) if m else None
        if got is not None:
            start, weight = got
            out.append(Cue("named_source", text[start:ve], start, ve, weight=weight))

    # Settings join the attribution next to them ("kata Budi saat dihubungi"),
    # or take the speaker before ("Budi dalam keterangan tertulisnya") or after
    # ("dalam siaran pers Kementerian X"); "setting" rows are never a cue alone.
    if settings:
        out = dedupe(out)
        for e, s, t in settings:
            for i, c in enumerate(out):
                if (c.end <= s and s - c.end <= 80 and _ADJACENT.match(text, c.end, s)) \
                        or (t <= c.start and c.start - t <= 4 and not text[t:c.start].strip(" \t,")):
                    a, b = min(c.start, s), max(c.end, t)
                    out[i] = Cue("named_source", text[a:b], a, b, weight=c.weight)
                    break
            else:
                m = before_re.search(text, _clause_start(text, s), s)
                got = _speaker_ok(text, m, "a", m.start()) if m else None
                if got is not None:
                    out.append(Cue("named_source", text[got[0]:t], got[0], t, weight=min(got[1], 0.9)))
                    continue
                if e.kind != "named_source":
                    continue
                fm = after_re.match(text, t)
                if fm and _speaker_ok(text, fm, "b", s) is not None:
                    out.append(Cue("named_source", text[s:fm.end()], s, fm.end(), weight=e.weight))
                else:
                    out.append(Cue("named_source", text[s:t], s, t, weight=e.weight))
    return dedupe(out)
