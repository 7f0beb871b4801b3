"""Named sources: attribution to a named person, role or institution.

The attribution phrase is built from lexicon parts:

* a speech verb before the speaker (``speech_before`` in
  ``lexicons/speech_verbs.tsv``: "kata", "ujar", "menurut", "data") followed by
  a name, a role phrase or an institution: "kata Kapolres Jakarta Selatan AKBP
  Budi Santoso", "menurut data BPS";
* a name, role phrase or institution followed by a speech verb
  (``speech_after``): "Kementerian Pertahanan Ukraina mengatakan";
* a role phrase on its own when a capitalised qualifier or name follows the
  role (``lexicons/roles.tsv``): "Menteri Keuangan Sri Mulyani";
* an institution with a capitalised qualifier (``lexicons/institutions.tsv``):
  "Kementerian Kesehatan", "Polda Metro Jaya";
* settings and documents (``lexicons/named_settings.tsv``): "dalam konferensi
  pers", "Undang-Undang Nomor 22 Tahun 2009" (weaker).

Precision rules: a bare pronoun tag ("kata dia", "ujarnya") is not a named
source; a "name" made only of common capitalised words (``not_names.tsv``:
"Namun", "Senin", "Polisi") is rejected; a single capitalised word at the start
of a sentence followed by a speech verb needs to look like a name (not a
common word).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .context import dedupe
from .cue import Cue
from .lexicon import BOUNDARY, alternation, entries, matcher, scan, words

# A capitalised name token: "Sri", "AKBP", "M.", "Dr.", "O'Neil", "Al-Fatih".
_TOK = r"(?:[A-Z][a-z]?\.|[A-Z](?:[\w'’-]|\.(?=\w))*)"
# Lower-case particles inside names and qualifiers ("Kepala Dinas Perikanan dan Kelautan").
_JOIN = r"(?-i:dan|bin|binti|van|von|de|da|al|el|dos|der|of|the|&)"
_SEQ = (r"(?-i:" + _TOK + r"(?:(?:[ \t]+|[ \t]*-[ \t]*)(?:" + _JOIN + r"[ \t]+)?" + _TOK
        + r"|[ \t]*\((?:[A-Z][\w&.-]*)(?:[ \t][A-Z][\w&.-]*)*\)){0,9})")
# A role phrase may end in ", Name" ("Sekjen Paguyuban Reog Jabodetabek, Agus Setiyoko").
_TAIL = r"(?:,[ \t]*(?-i:" + _TOK + r"(?:[ \t]+" + _TOK + r"){0,4}))?"

# Between a role and its qualifier: up to three lower-case field words and a
# preposition ("pakar hukum pidana dari Universitas Indonesia").
_FIELD = r"(?P<{0}>(?:[ \t]+(?-i:[a-z][a-z-]+)){{0,3}}?)(?:[ \t]+(?-i:dari|di|asal|pada))?"

_SENT_START = re.compile("(?:^|[.!?\u2026][\"\u201d']?\\s+|\\n\\s*|[\"\u201c]\\s*)$")


@lru_cache(maxsize=1)
def _parts():
    before = entries("speech_verbs", "speech_before")
    after = entries("speech_verbs", "speech_after")
    roles = entries("roles", "role")
    insts = entries("institutions", "institution")
    return before, after, roles, insts


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """Speech verb + speaker (A), role phrase (C), institution phrase (D), setting (E)."""
    before, after, roles, insts = _parts()
    sb = alternation(before, bounded=False)
    role = alternation(roles) + r"(?!\w)"
    inst = alternation(insts) + r"(?!\w)"
    # Role and institution heads may be followed by capitalised qualifiers/names.
    rolep = rf"(?P<role>{role})(?P<rq>{_FIELD.format('cf')}[ \t]+{_SEQ}{_TAIL})?"
    instp = rf"(?P<inst>{inst})(?P<iq>[ \t]+{_SEQ})?"
    who_b = (rf"(?:(?P<brole>{role})(?:{_FIELD.format('bf')}[ \t]+{_SEQ}{_TAIL})?"
             rf"|(?P<binst>{inst})(?:[ \t]+{_SEQ})?|(?P<bname>{_SEQ}))")
    a = rf"(?P<A>(?P<sb>{sb})(?!\w)[ \t]+(?:(?i:seorang|sang|para)[ \t]+)?{who_b})"
    c = rf"(?P<C>{rolep})"
    d = rf"(?P<D>{instp})"
    # Settings ("dalam konferensi pers") ride along in the same scan.
    e = rf"(?P<E>{alternation(entries('named_settings', 'named_source'), groups=True, bounded=False)})"
    # No re.IGNORECASE: lexicon parts are case-insensitive by construction (see
    # lexicon.alternation), names are case-sensitive on purpose.
    return re.compile(f"{BOUNDARY}(?:{a}|{c}|{d}|{e})")


@lru_cache(maxsize=1)
def _speaker_before() -> re.Pattern:
    """The speaker standing right before a speech verb (searched in a window ending at the verb).

    Why a second pass: trying "name + verb" at every capitalised word of the
    text was the slowest part of the scan; verbs are rare, so we find them
    first and look back from each.
    """
    _, _, roles, insts = _parts()
    role = alternation(roles) + r"(?!\w)"
    inst = alternation(insts) + r"(?!\w)"
    who = (rf"(?<![\w@#])(?:(?P<arole>{role})(?:{_FIELD.format('af')}[ \t]+{_SEQ}{_TAIL})?"
           rf"|(?P<ainst>{inst})(?:[ \t]+{_SEQ})?|(?P<aname>{_SEQ}))")
    adverb = r"(?i:juga|pun|lantas|kemudian|sempat|telah|sudah|pernah|kembali|turut|secara\s+resmi)"
    return re.compile(rf"{who}[ \t]+(?:{adverb}[ \t]+)?\Z")


#: How far back from a speech verb the speaker may start.
_LOOKBACK = 160


def _is_cap(s: str) -> bool:
    return bool(s) and s[0].isupper()


def _only_common(name: str) -> bool:
    """True when every token of ``name`` is a common capitalised word."""
    stop = words("not_names", "not_name")
    toks = re.findall(r"[\w'’.-]+", name)
    return all(t.lower().strip(".") in stop for t in toks)


def _trim_leading_common(text: str, start: int, end: int) -> int:
    """Skip common words ("Namun", "Sementara") at the front of a name; new start."""
    stop = words("not_names", "not_name")
    m = re.match(r"([\w'’.-]+)[ \t]+", text[start:end])
    while m and m.group(1).lower() in stop and start + m.end() < end:
        start += m.end()
        m = re.match(r"([\w'’.-]+)[ \t]+", text[start:end])
    return start


def _at_sentence_start(text: str, pos: int) -> bool:
    return bool(_SENT_START.search(text[max(0, pos - 4):pos]))


def find_named_sources(text: str) -> list[Cue]:
    """Find attributions to named people, roles and institutions.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        Kind ``"named_source"``, offsets into ``text``; the cue covers the
        attribution phrase (verb + name/role), not the whole sentence.

    Examples
    --------
    >>> [c.text for c in find_named_sources("Pelaku ditangkap, kata Kapolres Bogor AKBP Rudi Hartono.")]
    ['kata Kapolres Bogor AKBP Rudi Hartono']
    >>> find_named_sources('"Kami sudah siap," kata dia.')
    []
    """
    out: list[Cue] = []
    stop = words("not_names", "not_name")
    settings = entries("named_settings", "named_source")
    for m in scan(_pattern(), text):
        start, end = m.start(), m.end() - 1  # offsets into text (scan pads one char)
        g = m.groupdict()
        weight = 1.0
        if g["E"]:
            weight = next(settings[int(k[1:])].weight for k, v in g.items()
                          if v is not None and k[0] == "t" and k[1:].isdigit())
        elif g["A"]:
            if g["bname"] is not None and _only_common(g["bname"]):
                continue
        elif g["C"]:
            # A role counts alone only with a capitalised qualifier or name after it
            # ("Menteri Keuangan", "Kapolres Bogor"); "kepala korban" is a body part.
            rq = g["rq"]
            if not rq or _only_common(rq.strip(" ,\t")):
                continue
            if not _is_cap(g["role"]) and g["cf"]:
                # "anggota keluarga di Bandung": a lower-case role with lower-case
                # words after it needs a real name (two capitalised words) to count.
                if len(re.findall(r"\b[A-Z]", rq)) < 2:
                    continue
                weight = 0.6
        elif g["D"]:
            iq = g["iq"]
            head = g["inst"]
            if head.isupper() and len(head) >= 2:
                # An acronym alone ("KPK") is mentioned everywhere; count it only
                # with a speech verb or a qualifier ("KPK RI").
                if not iq or _only_common(iq.strip()):
                    continue
            elif not _is_cap(head) or not iq or _only_common(iq.strip()):
                continue
            weight = 0.7
        if end > start:
            out.append(Cue("named_source", text[start:end], start, end, weight=weight))

    # Speaker + speech verb: "Kementerian Pertahanan Ukraina mengatakan".
    who = _speaker_before()
    for _, vs, ve in matcher("speech_verbs", ("speech_after",)).finditer(text):
        m = who.search(text, max(0, vs - _LOOKBACK), vs)
        if not m:
            continue
        start, weight = m.start(), 1.0
        if m.group("aname") is not None:
            name_end = m.end("aname")
            start = _trim_leading_common(text, start, name_end)
            name = text[start:name_end]
            if _only_common(name):
                continue
            # One capitalised word opening a sentence may be any word ("Polisi",
            # "Warga"): keep it only if it looks like a name, at a lower weight.
            if " " not in name.strip() and _at_sentence_start(text, start):
                if name.lower() in stop or not (name[1:].islower() or name.isupper()):
                    continue
                weight = 0.7
        elif m.group("arole") is not None and not _is_cap(m.group("arole")):
            weight = 0.8
        out.append(Cue("named_source", text[start:ve], start, ve, weight=weight))

    return dedupe(out)
