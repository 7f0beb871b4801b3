"""Hedges: hearsay, rumour, allegation and estimate markers ("dikabarkan", "konon")."""
from __future__ import annotations

from .cue import Cue
from .lexicon import lexicon_cues


def find_hedges(text: str) -> list[Cue]:
    """Find hedging words and phrases in ``text``.

    Terms and weights come from ``lexicons/hedge.tsv`` (1.0 for hearsay such
    as "dikabarkan"/"konon", ~0.5 for allegations and estimates such as
    "diduga"/"diperkirakan", 0.3 for weak, common ones such as "disebut").

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        Kind ``"hedge"``, offsets into ``text``, in order of position.

    Examples
    --------
    >>> [(c.text, c.start, c.end) for c in find_hedges("Artis itu disebut-sebut menikah.")]
    [('disebut-sebut', 10, 23)]
    """
    return lexicon_cues("hedge", text, ("hedge",))
