"""Score a Dask DataFrame or Bag partition by partition, the model loaded once per worker.

Only the model's folder and SHA-256 travel with the tasks; each worker process
loads the model the first time it scores a partition and keeps it for the
rest (``reliability.scorer._worker_scorer``), so the task graph stays small and
no Scorer is pickled per task. Workers need ``reliability`` installed and the
same model folder at the same path (the shipped model is inside the package).
"""
from __future__ import annotations

from ._columns import column_names, item, to_columns, where_of, worker_scorer


def _require_dask(what: str = "dask.dataframe"):
    try:
        import importlib

        return importlib.import_module(what)
    except ImportError:
        raise ImportError(f"reliability.integrations.dask needs {what}: "
                          "pip install 'reliability[dask]' (dask[dataframe] and distributed)") from None


class PartitionScorer:
    """Adds score columns to one pandas partition; picklable, holds no model.

    Parameters are those of :func:`score_dataframe`; ``where`` is the model's
    ``(folder, sha256)``.
    """

    def __init__(self, where, text_column="text", title_column="title", prefix="reliability_", cues=True):
        self.where, self.text_column, self.title_column = where, text_column, title_column
        self.prefix, self.cues = prefix, cues

    def __dask_tokenize__(self):
        return (type(self).__name__, self.where, self.text_column, self.title_column, self.prefix, self.cues)

    def __call__(self, frame):
        import pandas as pd

        from ..cues.cue import KINDS

        texts = frame[self.text_column].tolist()
        if self.title_column is not None and self.title_column in frame.columns:
            titles = frame[self.title_column].tolist()
        else:
            titles = [None] * len(texts)
        if texts:
            outputs = worker_scorer(self.where).score_many(
                (item(_none(t), _none(h)) for t, h in zip(texts, titles)), batch_size=max(1, len(texts)),
                on_error="return")
        else:
            outputs = []   # dask's meta: the empty frame, which must not load a model
        cols = to_columns(outputs, self.prefix, self.cues)
        p = self.prefix
        # Nullable dtypes: a failed row has no score but keeps its place.
        dtypes = {p + "support": "Float64", p + "support_level": "Int8", p + "sensational": "Float64"}
        dtypes.update({f"{p}n_{k}": "Int32" for k in KINDS})
        out = frame.copy()
        for name, values in cols.items():
            out[name] = pd.Series(values, index=frame.index, dtype=dtypes.get(name, "string"))
        return out


def _none(value):
    """pandas' missing values (NaN, NA) as None, for ``score_many``."""
    if value is None or isinstance(value, str):
        return value
    try:
        import pandas as pd

        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def score_dataframe(df, scorer=None, *, text_column: str = "text", title_column: str | None = "title",
                    prefix: str = "reliability_", cues: bool = True):
    """Return the Dask DataFrame ``df`` with score columns added, computed partition-wise.

    Parameters
    ----------
    df : dask.dataframe.DataFrame
        One article per row.
    scorer : reliability.Scorer, optional
        The model (default: the shipped one). Only its folder and hash go to the workers.
    text_column, title_column : str
        The raw text and (optional; missing, null or empty means "detect") headline columns.
    prefix : str
        Put before every added column's name.
    cues : bool
        Add ``<prefix>cues`` (JSON list of every cue) and ``<prefix>sentences``
        (JSON list of the detector's sourced sentences).

    Returns
    -------
    dask.dataframe.DataFrame
        ``df``'s columns plus ``support``, ``support_level``, ``support_label``,
        ``sensational``, ``title``, ``n_<kind>``, ``cues``, ``sentences`` and ``error`` (null,
        or why that row could not be scored), prefixed; lazy until computed.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd
    >>> from reliability.integrations.dask import score_dataframe
    >>> # from distributed import Client; Client("tcp://scheduler:8786")  # to run it on a cluster
    >>> df = dd.from_pandas(pd.DataFrame({"text": ["Dua pencuri ditangkap, kata Kapolsek Beji AKP Rudi.", ""]}),
    ...                     npartitions=1)
    >>> out = score_dataframe(df).compute()
    >>> out["reliability_error"].tolist()                 # pandas' NA where a row was scored
    [<NA>, 'empty article']
    >>> bool(0 <= out["reliability_support"].iloc[0] <= 100)
    True
    """
    _require_dask("dask.dataframe")
    if text_column not in df.columns:
        raise ValueError(f"no column {text_column!r} (columns: {', '.join(map(str, df.columns))}); pass text_column=")
    fn = PartitionScorer(where_of(scorer), text_column, title_column, prefix, cues)
    return df.map_partitions(fn, meta=fn(df._meta))


def score_bag(bag, scorer=None):
    """Return a Dask Bag of ``Result.to_dict()`` rows for a Bag of articles.

    Items are what :meth:`reliability.Scorer.score_many` takes: raw text, or a
    mapping with ``text`` and optional ``title``, ``id``, ``path``. An item that
    cannot be scored becomes ``{"id", "path", "error"}``, in its place.

    Examples
    --------
    >>> import dask.bag as db
    >>> from reliability.integrations.dask import score_bag
    >>> rows = score_bag(db.from_sequence([{"id": 1, "text": ""}, "Dua pencuri ditangkap, kata Kapolsek Beji AKP Rudi."])).compute()
    >>> rows[0], rows[1]["support_label"] in ("unsupported", "weak", "partial", "mostly", "well supported")
    ({'id': 1, 'path': None, 'error': 'empty article'}, True)
    """
    _require_dask("dask.bag")
    return bag.map_partitions(BagPartitionScorer(where_of(scorer)))


class BagPartitionScorer:
    """Scores one Bag partition into ``to_dict`` rows; picklable, holds no model."""

    def __init__(self, where):
        self.where = where

    def __dask_tokenize__(self):
        return (type(self).__name__, self.where)

    def __call__(self, items):
        from collections.abc import Mapping

        items = list(items)
        if not items:
            return []
        rows = []
        # ids and paths are kept out of score_many so error messages do not
        # repeat them; they are in the row itself.
        keys = [(i.get("id"), i.get("path")) if isinstance(i, Mapping) else (None, None) for i in items]
        plain = [item(i.get("text"), i.get("title")) if isinstance(i, Mapping) else i for i in items]
        outputs = worker_scorer(self.where).score_many(plain, batch_size=len(items), on_error="return")
        for (id_, path), out in zip(keys, outputs):
            if isinstance(out, Exception):
                rows.append({"id": id_, "path": path, "error": str(out)})
            else:
                row = out.to_dict()
                row["id"], row["path"] = id_, path
                rows.append(row)
        return rows
