"""reliability: how well an Indonesian news article backs up its claims.

Scores an article's **support** (0..100: how well its claims are attributed to
checkable sources) and its headline's **sensationalism** (0..1), and returns every
cue behind both with its exact span.

>>> import reliability
>>> result = reliability.score("Polisi menangkap dua pencuri, kata Kapolres Bogor AKBP Rudi Hartono.")
>>> 0 <= result.support <= 100
True
"""
__version__ = "0.1.0"

__all__ = ["Scorer", "Result", "Cue", "Article", "read_article", "score", "__version__"]


def __getattr__(name):
    # Lazy: `import reliability` stays cheap; scikit-learn loads only when scoring.
    if name in ("Scorer", "score"):
        from . import scorer
        return getattr(scorer, name)
    if name == "Result":
        from .result import Result
        return Result
    if name == "Cue":
        from .cues.cue import Cue
        return Cue
    if name in ("Article", "read_article"):
        from . import article
        return getattr(article, name)
    raise AttributeError(f"module 'reliability' has no attribute {name!r}")
