"""The Scorer: a loaded model that turns article text into a :class:`~reliability.result.Result`."""
from __future__ import annotations

import threading

import numpy as np

from .modelstore import LoadedModel, load_model

_DEFAULT: "Scorer | None" = None
#: Longer titles are cut (headlines are under 200 characters; this bounds the work on a hostile one).
MAX_TITLE_CHARS = 1_000
_DEFAULT_LOCK = threading.Lock()


class Scorer:
    """Scores articles with one model folder; immutable and safe to share across threads.

    Use :meth:`load` to make one. Scoring reads the model only, so one Scorer can
    serve every thread of an ingestion pipeline.

    Examples
    --------
    >>> from reliability import Scorer
    >>> scorer = Scorer.load()
    >>> result = scorer.score("Kapolres Bogor AKBP Rudi Hartono mengatakan dua pelaku ditangkap.",
    ...                       title="Polisi Tangkap Dua Pencuri Motor")
    >>> result.support_label in ("unsupported", "weak", "partial", "mostly", "well supported")
    True
    >>> sorted(result.to_dict())[:4]
    ['counts', 'cues', 'model', 'path']
    """

    __slots__ = ("_model",)

    def __init__(self, model: LoadedModel):
        object.__setattr__(self, "_model", model)

    def __setattr__(self, name, value):
        raise AttributeError("Scorer is immutable; load another model instead")

    @classmethod
    def load(cls, path=None, *, sha256: str | None = None) -> "Scorer":
        """Load a model folder (the shipped default when ``path`` is None).

        Every model file's SHA-256 is checked against the folder's manifest before
        anything is unpickled; ``sha256`` pins the manifest itself (the default
        model is always pinned). Raises :class:`~reliability.modelstore.ModelError`.
        """
        scorer = cls(load_model(path, sha256=sha256))
        scorer._check_runs()
        return scorer

    def _check_runs(self) -> None:
        # Fail at load, with the folder named, rather than on the first article,
        # when a model needs features or code this version does not have.
        from .features import to_columns
        from .modelstore import ModelError

        probe = to_columns([("Judul Berita", "Isi berita singkat, kata Menteri Keuangan Sri Wahyuni.")])
        try:
            with _fast_predict():
                self._model.support.predict(probe)
                self._model.headline.predict_proba(probe)
        except Exception as exc:
            raise ModelError(f"{self._model.path}: model does not run with reliability "
                             f"{_package_version()} ({type(exc).__name__}: {exc})") from None

    @property
    def version(self) -> str:
        """The model's version string (from its manifest)."""
        return self._model.version

    @property
    def sha256(self) -> str:
        """SHA-256 of the model's manifest, which covers every model file."""
        return self._model.manifest_sha256

    @property
    def path(self):
        """The model folder."""
        return self._model.path

    @property
    def manifest(self) -> dict:
        """A copy of the model's manifest."""
        import copy
        return copy.deepcopy(self._model.manifest)

    def score(self, text: str, title: str | None = None, *, path: str | None = None):
        """Score one article given as raw text (as a scraper delivers it).

        Parameters
        ----------
        text : str
            The article, furniture and all; the headline is detected unless ``title`` is given.
        title : str, optional
            The headline, overriding detection.
        path : str, optional
            Recorded in the result (where the article came from).

        Raises
        ------
        reliability.article.ArticleError
            The text is empty or holds no article body.
        """
        return self.score_many([text], titles=[title], paths=[path])[0]

    def score_many(self, texts, titles=None, paths=None, *, on_error: str = "raise") -> list:
        """Score several articles at once (one model call for the batch); same order as given.

        Parameters
        ----------
        texts : iterable of str
        titles, paths : iterables, optional
            Same length as ``texts``; None entries mean "detect" / "unknown".
        on_error : {"raise", "return"}
            ``"raise"``: the first unreadable article raises
            :class:`~reliability.article.ArticleError`. ``"return"``: its place in
            the returned list holds the ArticleError instead, and the rest are
            scored (nothing is lost in a batch).

        Examples
        --------
        >>> out = Scorer.load().score_many(["", "Dua pencuri ditangkap, kata Kapolsek Beji AKP Rudi."],
        ...                                on_error="return")
        >>> type(out[0]).__name__, out[1].support_label in ("partial", "mostly", "well supported", "weak")
        ('ArticleError', True)
        """
        from .article import ArticleError

        if on_error not in ("raise", "return"):
            raise ValueError(f"on_error must be 'raise' or 'return', not {on_error!r}")
        texts = list(texts)
        n = len(texts)
        titles = list(titles) if titles is not None else [None] * n
        paths = list(paths) if paths is not None else [None] * n
        if not (len(titles) == len(paths) == n):
            raise ValueError("texts, titles and paths must have the same length")
        out: list = [None] * n
        ready = []
        for i, (text, title, path) in enumerate(zip(texts, titles, paths)):
            try:
                ready.append((i, read_scorable(text, title, path)))
            except ArticleError as exc:
                if on_error == "raise":
                    raise
                out[i] = exc
        results = self.score_articles([a for _, a in ready], paths=[paths[i] for i, _ in ready])
        for (i, _), result in zip(ready, results):
            out[i] = result
        return out

    def score_articles(self, articles, paths=None) -> list:
        """Score already-read :class:`~reliability.article.Article` objects."""
        from .cues import find_cues
        from .features import to_columns
        from .result import Result, support_level

        articles = list(articles)
        if not articles:
            return []
        paths = list(paths) if paths is not None else [None] * len(articles)
        X = to_columns(articles)
        has_title = np.array([bool(a.title.strip()) for a in articles])
        sensational = np.full(len(articles), np.nan)
        with _fast_predict():
            supports = self._support_scores(X)
            if has_title.any():
                sensational[has_title] = self._model.headline.predict_proba(X[has_title])[:, 1]
        model_id = {"version": self.version, "sha256": self.sha256}
        results = []
        for i, article in enumerate(articles):
            s = float(supports[i])
            results.append(Result(
                title=article.title,
                support=round(s, 1),
                support_level=support_level(s),
                sensational=None if np.isnan(sensational[i]) else round(float(sensational[i]), 3),
                cues=tuple(find_cues(article)),
                model=model_id,
                path=paths[i],
                source=article.source,
                warnings=_warnings(article),
            ))
        return results

    def score_headline(self, title: str) -> float:
        """Probability 0..1 that a headline alone is sensational."""
        return float(self.score_headlines([title])[0])

    def score_headlines(self, titles) -> np.ndarray:
        """Probabilities 0..1 that each headline is sensational (one model call)."""
        from .features import to_columns

        titles = list(titles)
        if not titles:
            return np.empty(0)
        with _fast_predict():
            return self._model.headline.predict_proba(to_columns([(t, "") for t in titles]))[:, 1]

    def _support_scores(self, X) -> np.ndarray:
        levels = np.asarray(self._model.support.predict(X), dtype=float)
        return (np.clip(levels, 1.0, 5.0) - 1.0) * 25.0


def read_scorable(text, title=None, path=None):
    """Read raw text into an Article that has a body to score, or raise ArticleError.

    The one place that decides what cannot be scored (empty input, a page of
    furniture only), for the API and the CLI alike.
    """
    from dataclasses import replace

    from .article import ArticleError, cap_text, cut_warning, looks_like_html, max_chars, read_article

    if not isinstance(text, str):
        raise TypeError(f"article text must be str, not {type(text).__name__}")
    where = f"{path}: " if path else ""
    warnings = []
    try:
        # Bounded time and memory whatever the caller passes: score a prefix, say so.
        limit = max_chars()
        kept, cut = cap_text(text, limit)
        if cut:
            warnings.append(cut_warning(f"input is {len(text):,} characters", len(kept), limit))
        if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:  # a headline is a line, not a dump
            warnings.append(f"title is {len(title):,} characters; only the first {MAX_TITLE_CHARS:,} were used")
            title = title[:MAX_TITLE_CHARS]
        if looks_like_html(kept):
            warnings.append("text looks like HTML; it was scored as it is: extract the article text first "
                            "(reliability.article.html_to_text, needs the html extra)")
        article = read_article(kept, title=title)
    except ArticleError as exc:
        raise ArticleError(f"{where}{exc}") from None
    if not article.body.strip():
        raise ArticleError(f"{where}no article body found (only page furniture or a headline)")
    return replace(article, warnings=tuple(warnings)) if warnings else article


def _warnings(article) -> tuple[str, ...]:
    """How the article was read, plus a warning when it is not Indonesian (see :mod:`reliability.language`)."""
    from .language import language_warning

    lang = language_warning(f"{article.title}\n{article.body}")
    return tuple(getattr(article, "warnings", ())) + ((lang,) if lang else ())


def _package_version() -> str:
    from . import __version__
    return __version__


def _fast_predict():
    """scikit-learn settings for prediction on inputs this package built itself.

    Our features are finite by construction and the pipelines' parameters were
    validated when they were fitted; skipping both checks takes a third off the
    time of scoring one article. ``config_context`` is thread-local and restores
    the caller's settings on exit: nothing global changes.
    """
    import sklearn

    return sklearn.config_context(assume_finite=True, skip_parameter_validation=True)


def default_scorer() -> Scorer:
    """The shipped model's Scorer, loaded once on first use (thread-safe)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Scorer.load()
    return _DEFAULT


def score(text: str, title: str | None = None):
    """Score one article with the shipped model (loaded lazily, once).

    Examples
    --------
    >>> import reliability
    >>> r = reliability.score("Beredar kabar di media sosial bahwa jembatan itu runtuh. Kabar itu belum dikonfirmasi.")
    >>> r.counts["unverified_claim"] >= 1
    True
    """
    return default_scorer().score(text, title=title)
