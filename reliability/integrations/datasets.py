"""Score a Hugging Face ``datasets`` corpus in place: ``add_scores(dataset)`` adds score columns.

``Dataset.map`` streams the table from its memory-mapped Arrow files batch by
batch and writes the new columns to a cache file, so corpora larger than
memory are fine; ``num_proc`` splits the work over processes.
"""
from __future__ import annotations

from functools import partial

from ._columns import column_names, item, to_columns, where_of, worker_scorer


def _require_datasets():
    try:
        import datasets
    except ImportError:
        raise ImportError("reliability.integrations.datasets needs the `datasets` package: "
                          "pip install 'reliability[train]' (or pip install datasets)") from None
    return datasets


def features(prefix: str = "reliability_", cues: bool = True):
    """The ``datasets.Features`` of the columns :func:`add_scores` adds (nullable: null where a row failed)."""
    datasets = _require_datasets()
    from ..cues.cue import KINDS

    v = datasets.Value
    types = {"support": v("float64"), "support_level": v("int8"), "support_label": v("string"),
             "sensational": v("float64"), "title": v("string"), "cues": v("string"), "sentences": v("string"),
             "error": v("string")}
    types.update({f"n_{k}": v("int32") for k in KINDS})
    return datasets.Features({name: types[name[len(prefix):]] for name in column_names(prefix, cues)})


def add_scores(dataset, scorer=None, *, text_column: str = "text", title_column: str | None = "title",
               batch_size: int = 256, num_proc: int | None = None, prefix: str = "reliability_",
               cues: bool = True, **map_kwargs):
    """Return ``dataset`` with the reliability scores of every row as new columns.

    Parameters
    ----------
    dataset : datasets.Dataset, datasets.IterableDataset or datasets.DatasetDict
        The corpus; one article per row.
    scorer : reliability.Scorer, optional
        The model (default: the shipped one). Only its folder and SHA-256 go to
        worker processes; each loads the model once and keeps it.
    text_column : str
        The column holding the article's raw text.
    title_column : str or None
        The headline column; ``None``, a missing column, or an empty or null
        value means the headline is detected from the text.
    batch_size : int
        Rows per ``map`` call and per model call.
    num_proc : int, optional
        Processes for ``Dataset.map`` (not for an IterableDataset).
    prefix : str
        Put before every added column's name.
    cues : bool
        Add ``<prefix>cues``, the JSON list of every cue (``Result.to_dict()["cues"]``), and
        ``<prefix>sentences``, that of the detector's sourced sentences.
    **map_kwargs
        Passed to ``map`` (e.g. ``load_from_cache_file=False``, ``desc``).

    Returns
    -------
    The same kind of object with these columns added: ``support`` (0..100),
    ``support_level`` (1..5), ``support_label``, ``sensational`` (0..1, null
    without a headline), ``title`` (the headline scored), ``n_<kind>`` (counted
    cues per kind), ``cues`` and ``sentences`` (JSON) and ``error`` (null, or why the row could
    not be scored; its other score columns are then null). Nothing is dropped.

    Examples
    --------
    >>> from datasets import Dataset
    >>> from reliability.integrations.datasets import add_scores
    >>> ds = Dataset.from_dict({"text": ["Dua pencuri ditangkap, kata Kapolsek Beji AKP Rudi.", ""]})
    >>> scored = add_scores(ds, num_proc=None)       # num_proc=4: four processes, one model load each
    >>> list(scored["reliability_error"])
    [None, 'empty article']
    >>> scored[0]["reliability_n_named_source"] >= 1
    True
    """
    datasets = _require_datasets()
    if isinstance(dataset, datasets.DatasetDict):
        return datasets.DatasetDict({name: add_scores(split, scorer, text_column=text_column,
                                                      title_column=title_column, batch_size=batch_size,
                                                      num_proc=num_proc, prefix=prefix, cues=cues, **map_kwargs)
                                     for name, split in dataset.items()})
    columns = list(dataset.column_names or ()) if dataset.column_names is not None else None
    if columns is not None and text_column not in columns:
        raise ValueError(f"no column {text_column!r} (columns: {', '.join(columns)}); pass text_column=")
    if title_column is not None and columns is not None and title_column not in columns:
        title_column = None
    # The function datasets pickles to each process (and hashes for its cache:
    # the model's hash is in it, so another model never reuses stale columns)
    # holds the model's folder and hash, never the model.
    fn = partial(_score_rows, where=where_of(scorer), text_column=text_column, title_column=title_column,
                 prefix=prefix, cues=cues)
    new = features(prefix, cues)
    if isinstance(dataset, datasets.IterableDataset):
        if num_proc not in (None, 1):
            raise ValueError("num_proc applies to a Dataset, not an IterableDataset (it is read as a stream)")
        merged = None
        if dataset.features is not None:
            merged = datasets.Features({**dataset.features, **new})
        return dataset.map(fn, batched=True, batch_size=batch_size, features=merged, **map_kwargs)
    map_kwargs.setdefault("desc", "reliability")
    return dataset.map(fn, batched=True, batch_size=batch_size, num_proc=num_proc,
                       features=datasets.Features({**dataset.features, **new}), **map_kwargs)


def _score_rows(batch, *, where, text_column, title_column, prefix, cues):
    texts = batch[text_column]
    titles = batch[title_column] if title_column is not None else [None] * len(texts)
    outputs = worker_scorer(where).score_many((item(t, h) for t, h in zip(texts, titles)),
                                              batch_size=max(1, len(texts)), on_error="return")
    return to_columns(outputs, prefix, cues)
