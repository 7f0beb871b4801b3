"""Where articles come from on the command line: files, folders, JSON Lines, stdin.

Every input yields either an article to score or an error; nothing is dropped,
and nothing raises: a path that cannot even be looked at (no permission, a
name the OS refuses) is an error row like a missing file.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Input:
    """One article to score (``text``), or one that could not be read (``error``).

    ``warnings`` say how it was read (fallback encoding, HTML extracted, cut
    at the size limit); they go with the result.
    """

    path: str
    text: str | None = None
    title: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()


def iter_inputs(paths, stdin=None):
    """Yield an :class:`Input` for every article named by ``paths``, in order.

    A path is a ``.txt`` file (one article), a ``.jsonl`` file (one article per
    line: ``text``, optional ``title`` and ``id``), a folder (its ``*.txt`` and
    ``*.jsonl`` files, sorted), or ``-`` (standard input: one article).
    """
    from ..article import ArticleError

    for raw in paths:
        if raw == "-":
            yield _stdin_input(stdin if stdin is not None else sys.stdin.buffer)
            continue
        p = Path(raw)
        try:
            is_dir, exists = p.is_dir(), p.exists()
        except (OSError, ValueError) as exc:  # e.g. a NUL in the name, a name too long
            yield Input(raw, error=f"{raw}: cannot be opened ({_reason(exc)})")
            continue
        if is_dir:
            try:
                # Everything named *.txt / *.jsonl: a sub-folder or a broken
                # link with such a name is reported, not silently passed over.
                files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".txt", ".jsonl"))
            except OSError as exc:
                yield Input(raw, error=f"{raw}: cannot list the folder ({_reason(exc)})")
                continue
            if not files:
                yield Input(raw, error=f"{raw}: folder holds no .txt or .jsonl files")
            for f in files:
                if f.is_dir():
                    yield Input(str(f), error=f"{f}: is a directory, not a file")
                else:
                    yield from _file_inputs(f, ArticleError)
        elif not exists:
            yield Input(raw, error=f"{raw}: no such file or folder")
        else:
            yield from _file_inputs(p, ArticleError)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _stdin_input(stream) -> Input:
    from ..article import BYTES_PER_CHAR, ArticleError, decode, max_chars

    try:
        cap = max_chars()
        data = stream.read(BYTES_PER_CHAR * cap + 1)  # bounded: stdin may be endless
        total = None
        if len(data) > BYTES_PER_CHAR * cap:
            data = data[:BYTES_PER_CHAR * cap]
            total = len(data) + 1  # a pipe has no size; "more than" the cap is all we know
        d = decode(data, "<stdin>", limit=cap, total_size=total)
    except ArticleError as exc:
        return Input("-", error=str(exc))
    return Input("-", text=d.text, title=d.title, warnings=d.warnings)


def _file_inputs(path: Path, ArticleError):
    name = str(path)
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_inputs(path, ArticleError)
        return
    from ..article import read_input

    try:
        d = read_input(path)
    except ArticleError as exc:
        yield Input(name, error=str(exc))
        return
    yield Input(name, text=d.text, title=d.title, warnings=d.warnings)


def _jsonl_inputs(path: Path, ArticleError):
    """One Input per non-blank line, read line by line: memory stays bounded by one record."""
    from ..article import BYTES_PER_CHAR, max_chars, prepare_text

    name = str(path)
    try:
        cap = max_chars()
        fh = open(path, "rb")
    except ArticleError as exc:
        yield Input(name, error=f"{name}: {exc}")
        return
    except OSError as exc:
        yield Input(name, error=f"{name}: cannot read ({_reason(exc)})")
        return
    # A record may be a little over the article cap (JSON escapes, the title):
    # allow twice, and refuse longer lines rather than hold them in memory.
    max_line = 2 * BYTES_PER_CHAR * cap
    with fh:
        head = fh.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            yield Input(name, error=f"{name}: JSON Lines must be UTF-8 (this file is UTF-16/32); convert it")
            return
        fh.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        lineno = 0
        while True:
            try:
                line = fh.readline(max_line + 1)
            except OSError as exc:
                yield Input(name, error=f"{name}:{lineno + 1}: cannot read ({_reason(exc)})")
                return
            if not line:
                break
            lineno += 1
            where = f"{name}:{lineno}"
            if len(line) > max_line and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of this record
                    line = fh.readline(1 << 20)
                yield Input(where, error=f"{where}: record longer than {max_line:,} bytes (the limit is "
                                          f"twice {cap:,} characters at 4 bytes each, RELIABILITY_MAX_CHARS); "
                                          "not scored")
                continue
            if not line.strip():
                continue
            warnings = ()
            try:
                text_line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                text_line = line.decode("cp1252", errors="replace")
                warnings = (f"line is not valid UTF-8 (byte 0x{line[exc.start]:02X}); read as Windows-1252",)
            try:
                record = json.loads(text_line)
            except ValueError as exc:
                yield Input(where, error=f"{where}: not valid JSON ({getattr(exc, 'msg', exc)})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield Input(where, error=f"{where}: expected an object with a \"text\" string")
                continue
            title = record.get("title")
            label = f"{name}:{record['id']}" if record.get("id") is not None else where
            try:
                d = prepare_text(record["text"], label, limit=cap, warnings=warnings)
            except ArticleError as exc:
                yield Input(label, error=str(exc))
                continue
            if not (isinstance(title, str) and title.strip()):
                title = d.title  # from an HTML page's metadata, or None: detect it
            yield Input(label, text=d.text, title=title, warnings=d.warnings)
