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
    ['counts', 'cues', 'id', 'model']
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
            with _fast_predict(self._model):
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

    def score(self, text: str, title: str | None = None, *, path: str | None = None, id=None):
        """Score one article given as raw text (as a scraper delivers it).

        Parameters
        ----------
        text : str
            The article, furniture and all; the headline is detected unless ``title`` is given.
        title : str, optional
            The headline, overriding detection.
        path : str, optional
            Recorded in the result (where the article came from).
        id : str or int, optional
            Recorded in the result (the caller's key for the article).

        Raises
        ------
        reliability.article.ArticleError
            The text is empty or holds no article body.
        """
        article = read_scorable(text, title, path or (None if id is None else str(id)))
        return self.score_articles([article], paths=[path], ids=[id])[0]

    def score_many(self, items, *, batch_size: int = 256, n_jobs: int = 1, on_error: str = "raise"):
        """Score a stream of articles, yielding one result per item in input order.

        The input is consumed ``batch_size`` items at a time and each batch goes
        through the model in one call, so memory stays constant however many
        items there are (a generator over a 10 GB file is fine).

        Parameters
        ----------
        items : iterable of str or mapping
            An article's raw text, or a mapping with ``"text"`` and optional
            ``"title"`` (overrides headline detection), ``"id"`` and ``"path"``
            (both recorded in the result).
        batch_size : int
            Items per model call. Larger batches amortise per-call overhead;
            256 is past the knee on 2 cores.
        n_jobs : int
            Worker processes (joblib/loky); each loads the model once and keeps
            it for every batch it scores. ``-1`` means one per core.
        on_error : {"raise", "return"}
            ``"raise"``: the first item that cannot be scored raises
            :class:`~reliability.article.ArticleError`. ``"return"``: that
            ArticleError is yielded in the item's place and the rest are scored
            (nothing is lost in a batch).

        Yields
        ------
        Result or ArticleError

        Examples
        --------
        >>> scorer = Scorer.load()
        >>> out = list(scorer.score_many(["", {"id": 7, "text": "Dua pencuri ditangkap, kata Kapolsek Beji AKP Rudi."}],
        ...                              on_error="return"))
        >>> type(out[0]).__name__, out[1].id, out[1].support_label in ("partial", "mostly", "well supported", "weak")
        ('ArticleError', 7, True)
        """
        batches = _batches(items, batch_size, n_jobs, on_error)
        # Arguments are checked above, when called; the scoring runs as the
        # caller iterates.
        return self._stream(batches, n_jobs, on_error)

    def _stream(self, batches, n_jobs, on_error):
        if n_jobs == 1:
            for batch in batches:
                yield from self._score_batch(batch, on_error)
            return
        yield from _score_in_workers((str(self.path), self.sha256), batches, n_jobs, on_error)

    def _score_batch(self, batch, on_error: str) -> list:
        """Results (or ArticleErrors, with ``on_error="return"``) for one batch, in order."""
        from .article import ArticleError

        out: list = [None] * len(batch)
        ready, paths, ids = [], [], []
        for i, item in enumerate(batch):
            try:
                text, title, id_, path = _unpack(item)
                ready.append((i, read_scorable(text, title, path or (None if id_ is None else str(id_)))))
                paths.append(path)
                ids.append(id_)
            except ArticleError as exc:
                if on_error == "raise":
                    raise
                out[i] = exc
        for (i, _), result in zip(ready, self.score_articles([a for _, a in ready], paths=paths, ids=ids)):
            out[i] = result
        return out

    def score_articles(self, articles, paths=None, ids=None) -> list:
        """Score already-read :class:`~reliability.article.Article` objects (one model call)."""
        from .cues import find_cues
        from .features import to_columns
        from .result import Result, support_level

        articles = list(articles)
        if not articles:
            return []
        paths = list(paths) if paths is not None else [None] * len(articles)
        ids = list(ids) if ids is not None else [None] * len(articles)
        X = to_columns(articles)
        has_title = np.array([bool(a.title.strip()) for a in articles])
        sensational = np.full(len(articles), np.nan)
        memo: dict = {}
        with _fast_predict(self._model):
            supports = self._support_scores(X, memo)
            if has_title.any():
                sensational[has_title] = self._model.headline.predict_proba(X[has_title])[:, 1]
        model_id = {"version": self.version, "sha256": self.sha256}
        sentences = _sourced_sentences(articles, memo.get("sentence_probabilities"))
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
                id=ids[i],
                source=article.source,
                warnings=_warnings(article),
                sentences=sentences[i],
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
        with _fast_predict(self._model):
            return self._model.headline.predict_proba(to_columns([(t, "") for t in titles]))[:, 1]

    def _support_scores(self, X, memo: dict | None = None) -> np.ndarray:
        from .compiled import CompiledPipeline

        support = self._model.support
        levels = support.predict(X, _memo=memo) if isinstance(support, CompiledPipeline) else support.predict(X)
        levels = np.asarray(levels, dtype=float)
        return (np.clip(levels, 1.0, 5.0) - 1.0) * 25.0


def _sourced_sentences(articles, found) -> list[tuple]:
    """Per article, its sentences the detector gives 0.5 or more for a kind, with their spans."""
    from .result import SourcedSentence
    from .sentences import SOURCE_KINDS

    out: list[tuple] = [() for _ in articles]
    if found is None:
        return out
    doc, is_title, P, body_spans = found  # body_spans: each article's sentence spans in its body
    hits = np.flatnonzero((P >= 0.5).any(axis=1)) if len(P) else []
    if not len(hits):
        return out
    starts = np.searchsorted(doc, np.arange(len(articles)))  # each article's first sentence row
    rows: dict = {}
    for row in hits:
        i = int(doc[row])
        article = articles[i]
        j = int(row - starts[i])
        if is_title[starts[i]]:
            j -= 1
        if j < 0:
            title = article.title
            where = ("title", len(title) - len(title.lstrip()), len(title.rstrip()), title.strip())
        else:
            a, b = body_spans[i][j]
            start, end = article.source_span(a, b)
            where = ("body", start, end, article.body[a:b])
        for k, kind in enumerate(SOURCE_KINDS):
            if P[row, k] >= 0.5:
                rows.setdefault(i, []).append(SourcedSentence(kind, round(float(P[row, k]), 3), *where))
    for i, found_here in rows.items():
        out[i] = tuple(found_here)
    return out


def _unpack(item):
    """``(text, title, id, path)`` of one :meth:`Scorer.score_many` item, or ArticleError."""
    from collections.abc import Mapping

    from .article import ArticleError

    if isinstance(item, str):
        return item, None, None, None
    if not isinstance(item, Mapping):
        raise ArticleError(f"expected article text or a mapping with 'text', not {type(item).__name__}")
    id_, path = item.get("id"), item.get("path")
    name = path or (None if id_ is None else str(id_))
    where = f"{name}: " if name else ""
    text, title = item.get("text"), item.get("title")
    if not isinstance(text, str):
        raise ArticleError(f"{where}no 'text'" if text is None else f"{where}'text' must be a string, not {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise ArticleError(f"{where}'title' must be a string, not {type(title).__name__}")
    if path is not None and not isinstance(path, str):
        raise ArticleError(f"{where}'path' must be a string, not {type(path).__name__}")
    return text, title, id_, path


_WORKER_SCORERS: dict = {}
_WORKER_LOCK = threading.Lock()


def _worker_scorer(where) -> "Scorer":
    """The Scorer of model ``(folder, manifest sha256)`` in this process, loaded on first use.

    Worker processes (joblib/loky, Dask, ``datasets.map``) are handed this pair,
    never the model: loky and Dask keep their workers between tasks, so each
    loads the model once and reuses it for every batch it is given.
    """
    scorer = _WORKER_SCORERS.get(where)
    if scorer is None:
        with _WORKER_LOCK:  # a threaded worker's first tasks must not load it twice
            scorer = _WORKER_SCORERS.get(where)
            if scorer is None:
                scorer = _WORKER_SCORERS[where] = Scorer.load(where[0], sha256=where[1])
    return scorer


def _worker_models() -> tuple[int, int]:
    """(process id, models loaded in it): lets tests see that workers load once."""
    import os
    return os.getpid(), len(_WORKER_SCORERS)


def _score_in_worker(where, batch, on_error):
    return _worker_scorer(where)._score_batch(batch, on_error)


def _batches(items, batch_size, n_jobs, on_error):
    """``items`` in lists of ``batch_size``, lazily, after checking :meth:`Scorer.score_many`'s arguments."""
    from itertools import islice

    if on_error not in ("raise", "return"):
        raise ValueError(f"on_error must be 'raise' or 'return', not {on_error!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, not {batch_size!r}")
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive int or -1, not {n_jobs!r}")
    iterator = iter(items)
    return iter(lambda: list(islice(iterator, batch_size)), [])


def _score_in_workers(where, batches, n_jobs, on_error):
    from joblib import Parallel, delayed

    # Workers get the folder and its pinned hash, not the model: loky keeps
    # its worker processes between tasks, and each caches the Scorer it
    # loaded (see _worker_scorer), so the model is read once per worker.
    parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs")
    for results in parallel(delayed(_score_in_worker)(where, batch, on_error) for batch in batches):
        yield from results


class WorkerScorer:
    """A model that only worker processes load: for ``score_many(n_jobs > 1)`` in a parent that never scores.

    The parent checks the folder as :meth:`Scorer.load` does (pin, every file's
    hash) but reads no model arrays; each worker loads the model once. Why: a
    batch run with ``--jobs N`` had N + 1 copies of the model in memory, one of
    them in a parent that only reads and writes lines. A model that does not
    run with this version is reported by the first worker that loads it
    (:class:`~reliability.modelstore.ModelError`, raised from ``score_many``'s
    iteration).

    Examples
    --------
    >>> ws = WorkerScorer.verify()
    >>> len(ws.sha256)
    64
    """

    __slots__ = ("path", "sha256")

    def __init__(self, path, sha256: str):
        self.path, self.sha256 = path, sha256

    @classmethod
    def verify(cls, path=None, *, sha256: str | None = None) -> "WorkerScorer":
        """Check a model folder (the shipped default when ``path`` is None); raises ModelError."""
        from .modelstore import default_model, verify_model

        if path is None:
            path, pinned = default_model()
            sha256 = sha256 or pinned
        _, digest = verify_model(path, sha256, library_versions=False)
        return cls(path, digest)

    def score_many(self, items, *, batch_size: int = 256, n_jobs: int = 2, on_error: str = "raise"):
        """As :meth:`Scorer.score_many`, in ``n_jobs`` worker processes (at least 2, or -1)."""
        if n_jobs == 1:
            raise ValueError("WorkerScorer scores in worker processes: n_jobs must be 2 or more, or -1")
        batches = _batches(items, batch_size, n_jobs, on_error)
        return _score_in_workers((str(self.path), self.sha256), batches, n_jobs, on_error)


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


def _fast_predict(model):
    """scikit-learn settings for prediction on inputs this package built itself.

    A compiled model (no scikit-learn involved) needs none: a no-op context.

    Our features are finite by construction and the pipelines' parameters were
    validated when they were fitted; skipping both checks takes a third off the
    time of scoring one article. ``config_context`` is thread-local and restores
    the caller's settings on exit: nothing global changes.
    """
    from .compiled import CompiledPipeline

    if isinstance(model.support, CompiledPipeline) and isinstance(model.headline, CompiledPipeline):
        import contextlib
        return contextlib.nullcontext()
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
