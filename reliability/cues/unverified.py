"""Unverified-claim markers: the article says its material is unconfirmed."""
from __future__ import annotations

from .cue import Cue
from .lexicon import lexicon_cues


def find_unverified_claims(text: str) -> list[Cue]:
    """Find statements that a claim is not (yet) verified, confirmed or proven.

    Terms come from ``lexicons/unverified.tsv``.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        Kind ``"unverified_claim"``, offsets into ``text``.

    Examples
    --------
    >>> [c.text for c in find_unverified_claims("Surat itu belum diverifikasi.")]
    ['belum diverifikasi']
    """
    return lexicon_cues("unverified", text, ("unverified_claim",))
