"""Where articles come from on the command line: files, folders, JSON Lines, stdin.

Every input yields either an article to score or an error; nothing is dropped.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Input:
    """One article to score (``text``), or one that could not be read (``error``)."""

    path: str
    text: str | None = None
    title: str | None = None
    error: str | None = None


def iter_inputs(paths, stdin=None):
    """Yield an :class:`Input` for every article named by ``paths``, in order.

    A path is a ``.txt`` file (one article), a ``.jsonl`` file (one article per
    line: ``text``, optional ``title`` and ``id``), a folder (its ``*.txt`` and
    ``*.jsonl`` files, sorted), or ``-`` (standard input: one article).
    """
    from ..article import ArticleError, decode_bytes, read_file

    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                yield Input("-", text=decode_bytes(stream.read(), "<stdin>"))
            except ArticleError as exc:
                yield Input("-", error=str(exc))
            continue
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".txt", ".jsonl") and f.is_file())
            if not files:
                yield Input(raw, error=f"{raw}: folder holds no .txt or .jsonl files")
            for f in files:
                yield from _file_inputs(f, read_file, ArticleError)
        elif not p.exists():
            yield Input(raw, error=f"{raw}: no such file or folder")
        else:
            yield from _file_inputs(p, read_file, ArticleError)


def _file_inputs(path: Path, read_file, ArticleError):
    name = str(path)
    try:
        text = read_file(path)
    except ArticleError as exc:
        yield Input(name, error=str(exc))
        return
    if path.suffix.lower() != ".jsonl":
        yield Input(name, text=text)
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Input(where, error=f"{where}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Input(where, error=f"{where}: expected an object with a \"text\" string")
            continue
        title = record.get("title")
        label = f"{name}:{record['id']}" if record.get("id") is not None else where
        yield Input(label, text=record["text"], title=title if isinstance(title, str) and title.strip() else None)
