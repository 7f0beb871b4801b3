"""Scoring corpora with other tools: Hugging Face ``datasets`` and Dask.

Each integration imports its library only when called, so ``reliability``
installs and imports without them; both ship only the model's folder and hash
to worker processes, which load it once each (``reliability.scorer._worker_scorer``).
"""
