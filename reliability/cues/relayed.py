"""Relayed sources: the article passes on another outlet's report.

A match of ``lexicons/relayed.tsv`` ("dilansir", "dikutip dari", "seperti
diberitakan", ...) is extended with the outlet that follows it, so the cue reads
"Dilansir dari Daily Star" rather than "Dilansir". Known outlets
(``lexicons/outlets.tsv``) are also found in "AFP melaporkan" and "kepada
kantor berita Reuters".
"""
from __future__ import annotations

import re
from functools import lru_cache

from .cue import Cue
from .lexicon import BOUNDARY, alternation, entries, scan

# One token of an outlet name: a capitalised/all-caps word ("Daily", "AFP",
# "Kompas.com") or a lower-case domain ("detik.com"). Case-sensitive, because
# capitals are what separate "Daily Star" from the words after it.
_DAYS = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\b"
_TOKEN = (r"(?-i:(?!" + _DAYS + r")(?:[A-Z][\w&'’-]*(?:\.[A-Za-z][\w-]*)*"
          r"|[a-z][\w-]*(?:\.[a-z][\w-]*)*\.(?:com|co\.id|co\.uk|id|net|org|tv|co|news)(?!\w)))")
OUTLET = _TOKEN + r"(?:[ \t]+(?:(?-i:of|the|and|de)[ \t]+)?" + _TOKEN + r"){0,3}"

# What may stand between the verb and the outlet: "dari", "oleh", "laman (resmi)".
_BRIDGE = (r"(?i:(?:[ \t]+(?:dari|oleh|di|melalui|lewat))?"
           r"(?:[ \t]+(?:laman|situs|website|portal|kanal|akun|kantor[ \t]+berita|media|harian"
           r"|surat[ \t]+kabar|majalah|koran|tabloid|tayangan|channel)(?:[ \t]+(?:resmi|berita|online))?)?)")


# Words naming a news organisation ("kantor berita", "surat kabar"); with one of
# them before a name, the name is an outlet even when outlets.tsv lacks it.
_MEDIA = (r"(?i:kantor[ \t]+berita|media|harian|surat[ \t]+kabar|situs[ \t]+berita|portal[ \t]+berita"
          r"|laman[ \t]+berita|stasiun[ \t]+(?:televisi|tv|radio)|majalah|koran|tabloid)")
# Lower-case words between such a word and the name ("kantor berita negara Belarus Belta").
_MEDIA_QUAL = (r"(?:[ \t]+(?i:negara|resmi|pemerintah|milik[ \t]+negara|independen|lokal|online|setempat"
               r"|berbahasa[ \t]+\w+|yang[ \t]+dikelola[ \t]+negara|pemerintah))*")
_REPORT_VERB = r"(?i:melaporkan|memberitakan|menulis|menyebutkan|mewartakan|melansir|mencatat)(?!\w)"

#: Relaying verbs that do not count before an institution or role: "menurut
#: laporan BPS" is named (statistics agency), "menurut laporan Reuters" relayed.
_NEEDS_OUTLET = frozenset({"menurut laporan"})


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    verbs = entries("relayed", "relayed_source")
    outlets = entries("outlets", "outlet")
    main = "(?P<verb>" + alternation(verbs, groups=True, bounded=False) + ")" + f"(?:{_BRIDGE}(?:[ \\t]*(?P<outlet>{OUTLET}))?)?"
    # "<known outlet> melaporkan/menulis/menyebut" and "kepada (kantor berita) <outlet>".
    # Outlet names are matched case-sensitively here ("Reuters melaporkan", not
    # "people melaporkan"), which also lets the scan skip lower-case words cheaply.
    cased = "|".join(re.escape(e.term).replace(r"\ ", r"[ \t]+") for e in sorted(outlets, key=lambda e: -len(e.term)))
    reports = (f"(?P<rep>(?=[A-Z])(?:{cased})(?!\\w)[ \\t]+(?i:melaporkan|memberitakan|menulis|menyebutkan|mewartakan"
               f"|melansir|mencatat)(?!\\w))")
    # "kepada kantor berita AFP": a statement made to a wire, relayed. Plain
    # "kepada Kompas.com" is usually the outlet itself interviewing, so not counted.
    to = (f"(?P<to>(?i:kepada[ \\t]*(?:kantor[ \\t]*berita|media|harian|surat[ \\t]+kabar|stasiun[ \\t]+televisi))"
          f"[ \\t]*{alternation(outlets, bounded=False)}(?!\\w))")
    # "menurut kantor berita negara Belarus Belta", "surat kabar X melaporkan":
    # a news organisation named by what it is, relayed.
    # An optional country word may come first ("laman berita Ukraina berbahasa Rusia Bagnet").
    outlet_named = f"{_MEDIA}(?:[ \\t]+[A-Z][a-z]+(?=[ \\t]+[a-z]))?{_MEDIA_QUAL}[ \\t]+{OUTLET}"
    media = (f"(?P<media>(?:[Mm]enurut|[Kk]ata|[Uu]jar|[Tt]ulis)[ \\t]+{outlet_named}(?:[ \\t]+{_REPORT_VERB})?"
             f"|{outlet_named}[ \\t]+{_REPORT_VERB})")
    # No re.IGNORECASE: lexicon parts are case-insensitive by construction (see
    # lexicon.alternation) and the glue words are wrapped in (?i:...).
    return re.compile(f"{BOUNDARY}(?:{media}|{main}|{reports}|{to})")


@lru_cache(maxsize=1)
def _verbs() -> tuple:
    # Cached: entries() filters the whole lexicon, and the finder runs once per text.
    return entries("relayed", "relayed_source")


@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    return frozenset(e.term.lower() for e in entries("institutions", "institution") + entries("roles", "role"))


def _is_institution(m: re.Match) -> bool:
    """True when the name after the verb opens with an institution or role word ("BPS", "Badan")."""
    name = m.group("outlet")
    return name is not None and name.split()[0].lower() in _institution_words()


def find_relayed_sources(text: str) -> list[Cue]:
    """Find where ``text`` relays another outlet's report, with the outlet's name.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        Kind ``"relayed_source"``, offsets into ``text``; the cue text runs
        from the relaying verb through the outlet name when one follows.

    Examples
    --------
    >>> [c.text for c in find_relayed_sources("Dilansir dari Daily Star, Senin (2/5), ...")]
    ['Dilansir dari Daily Star']
    >>> [c.text for c in find_relayed_sources("Reuters melaporkan hal itu.")]
    ['Reuters melaporkan']
    """
    verbs = _verbs()
    out = []
    for m in scan(_pattern(), text):
        start, end = m.start(), m.end() - 1
        if m.group("media") is not None:
            weight = 0.9
        elif m.group("rep") or m.group("to"):
            weight = 0.9
        else:
            term_groups = [g for g, v in m.groupdict().items() if v is not None and g[0] == "t" and g[1:].isdigit()]
            entry = verbs[int(term_groups[0][1:])] if term_groups else None
            weight = entry.weight if entry else 1.0
            if entry is not None and entry.term in _NEEDS_OUTLET and _is_institution(m):
                continue
            if m.group("outlet") is None:
                # No outlet follows: a dangling bridge word ("dilansir dari") is dropped.
                end = m.end("verb") - 1
        if end > start:
            out.append(Cue("relayed_source", text[start:end], start, end, weight=weight))
    return out
