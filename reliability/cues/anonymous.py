"""Anonymous and unnamed sources ("sumber yang enggan disebutkan namanya")."""
from __future__ import annotations

from .cue import Cue
from .lexicon import lexicon_cues


def find_anonymous_sources(text: str) -> list[Cue]:
    """Find attributions to anonymous, unnamed or vague sources.

    Terms come from ``lexicons/anonymous.tsv``: refusals to be named, "menurut
    (seorang) sumber", "sumber internal", "orang dalam", "seorang pejabat",
    vague crowds ("banyak pihak") at lower weight.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        Kind ``"anonymous_source"``, offsets into ``text``.

    Examples
    --------
    >>> [c.text for c in find_anonymous_sources("Hal itu diungkap sumber yang enggan disebutkan namanya.")]
    ['sumber yang enggan disebutkan namanya']
    """
    return lexicon_cues("anonymous", text, ("anonymous_source",))
