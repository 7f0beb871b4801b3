"""Social-media sources: posts, viral videos, netizens, chain messages."""
from __future__ import annotations

from .cue import Cue
from .lexicon import lexicon_cues


def find_social_media_sources(text: str) -> list[Cue]:
    """Find attributions to social media: posts, accounts, viral content, netizens.

    Terms come from ``lexicons/social.tsv`` (platform posts and accounts such as
    "unggahan Instagram" or "akun @x", "viral di media sosial", "warganet",
    "pesan berantai", "tolong share", ...).

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Cue
        Kind ``"social_media_source"``, offsets into ``text``.

    Examples
    --------
    >>> [c.text for c in find_social_media_sources("Video itu viral di media sosial.")]
    ['viral di media sosial']
    """
    return lexicon_cues("social", text, ("social_media_source",))
