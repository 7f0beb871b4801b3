"""``reliability score --jsonl IN -o OUT``: score a JSON Lines corpus, one output line per input line.

The contract (README, "Batch mode"):

* Input line *n* (1-based, counted by ``\\n`` as ``wc -l`` does) gives output
  line *n*, in order, always: either the result (``{"id", "line", "path",
  "title", "support", ...}``, :meth:`~reliability.result.Result.to_dict` plus
  ``"line"``) or ``{"id", "line", "error"}``. ``id`` is the input's ``id``,
  else the line number. Blank lines get an error row, so the numbering stays
  aligned with the input.
* Input and output are read and written lazily (constant memory) and each
  batch is flushed as it is done, so an interrupted run leaves complete lines
  and at most one torn line at the end; ``--resume`` keeps the complete lines
  (checking that they belong to this input) and appends the rest.
* ``.gz`` on either side is gzip (an input is recognised by its magic bytes,
  so ``-`` may be gzip too); ``-`` is standard input / output.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path

import click

from . import fail

#: Errors printed on stderr before the rest go to OUT only (a corpus with a
#: million bad lines must not flood the terminal; OUT always has them all).
MAX_ERRORS_SHOWN = 20

_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
               bool: "boolean", type(None): "null"}


class ResumeError(click.ClickException):
    """OUT cannot be resumed from (it is not a prefix of this input's output)."""

    exit_code = 2

    def show(self, file=None):
        fail(self.message)


@dataclass(frozen=True)
class Line:
    """One input line: an item for ``Scorer.score_many`` or the reason it has none."""

    number: int
    id: object
    item: dict | None = None
    path: str | None = None
    error: str | None = None


def parse_line(number: int, raw: bytes) -> Line:
    """Turn input line ``number`` (bytes, newline included or not) into a :class:`Line`.

    Examples
    --------
    >>> parse_line(3, b'{"id": "a", "text": "Isi berita."}\\n').item
    {'text': 'Isi berita.', 'title': None}
    >>> parse_line(4, b'[1, 2]\\n').error
    'line 4: expected a JSON object, not an array'
    >>> parse_line(5, b'  \\n').error, parse_line(5, b'  \\n').id
    ('line 5: blank line', 5)
    """
    where = f"line {number}"
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark written by some Windows tools
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Line(number, number, error=f"{where}: not valid UTF-8 (byte {exc.start + 1} of the line)")
    if not line.strip():
        return Line(number, number, error=f"{where}: blank line")
    try:
        record = json.loads(line)
    except ValueError as exc:
        return Line(number, number, error=f"{where}: invalid JSON ({exc})")
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record), type(record).__name__)
        return Line(number, number, error=f"{where}: expected a JSON object, not {_a(kind)}")
    id_ = record.get("id")
    if id_ is None:
        id_ = number
    elif isinstance(id_, bool) or not isinstance(id_, (str, int)):
        return Line(number, number, error=f"{where}: \"id\" must be a string or an integer, "
                                           f"not {_a(_JSON_TYPES.get(type(id_), type(id_).__name__))}")
    text = record.get("text")
    if text is None:
        return Line(number, id_, error=f"{where}: no \"text\"")
    for field, value in (("text", text), ("title", record.get("title")), ("path", record.get("path"))):
        if value is not None and not isinstance(value, str):
            kind = _JSON_TYPES.get(type(value), type(value).__name__)
            return Line(number, id_, error=f"{where}: \"{field}\" must be a string, not {_a(kind)}")
    title = record.get("title")
    # An empty headline means "not given" (the headline is then detected), as
    # for the .jsonl files `reliability score PATH` reads.
    item = {"text": record["text"], "title": title if title and title.strip() else None}
    return Line(number, id_, item=item, path=record.get("path"))


def _a(kind: str) -> str:
    if kind == "null":
        return kind
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _error_row(line: Line) -> dict:
    return {"id": line.id, "line": line.number, "error": line.error}


def _result_row(line: Line, result) -> dict:
    row = result.to_dict()
    return {"id": line.id, "line": line.number, **{k: v for k, v in row.items() if k != "id"}}


def dumps(row: dict) -> str:
    """One output line. U+2028/U+2029/U+0085 are escaped: `str.splitlines` (and
    some JSON Lines readers) would split a line there."""
    text = json.dumps(row, ensure_ascii=False)
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    return text + "\n"


# --- input -------------------------------------------------------------------

class _Input:
    """IN as a binary line stream, plus what a progress bar can know about its size."""

    def __init__(self, name: str):
        self.name = name
        self.total = None      # lines, when known up front (a plain file)
        self.size = None       # compressed bytes (a gzip file): the total is estimated from them
        if name == "-":
            self._raw = sys.stdin.buffer
            if not hasattr(self._raw, "peek"):
                self._raw = io.BufferedReader(self._raw)  # to look for the gzip magic without consuming it
        else:
            self._raw = open(name, "rb")
        head = self._raw.peek(2)[:2] if hasattr(self._raw, "peek") else b""
        self.gzipped = head == b"\x1f\x8b"
        if self.gzipped:
            if name != "-":
                self.size = os.fstat(self._raw.fileno()).st_size
            self.stream = gzip.GzipFile(fileobj=self._raw, mode="rb")
        else:
            self.stream = self._raw

    def count_lines(self) -> int | None:
        """Lines of a plain file (a fast pass over its bytes), for the progress bar's ETA."""
        if self.gzipped or self.name == "-":
            return None
        n, last = 0, b"\n"
        with open(self.name, "rb") as fh:
            while chunk := fh.read(1 << 20):
                n += chunk.count(b"\n")
                last = chunk[-1:]
        return n + (last != b"\n")

    def position(self) -> int:
        """Compressed bytes consumed so far (gzip input only)."""
        return self._raw.tell()

    def lines(self):
        yield from self.stream

    def close(self):
        if self.stream is not self._raw:
            self.stream.close()
        if self.name != "-":
            self._raw.close()


# --- resume ------------------------------------------------------------------

@dataclass
class Existing:
    """What OUT already holds: its complete rows, and where they end."""

    rows: int = 0
    failed: int = 0
    last: dict | None = None
    end: int = 0              # byte offset after the last complete row (plain files)
    torn: bool = False
    model_sha256: str | None = None


def _scan_rows(lines, out_name: str, existing: Existing) -> None:
    """Check OUT's rows one by one; the last one alone may be torn (cut by the interruption)."""
    pending = None
    for raw in lines:
        if pending is not None:
            # a bad row that is not the last one: OUT was not written by an interrupted run
            raise ResumeError(f"cannot resume: {out_name} line {existing.rows + 1} is not a complete "
                              f"JSON row, and more rows follow it")
        row = None
        if raw.endswith(b"\n"):
            try:
                row = json.loads(raw)
            except ValueError:
                row = None
        if not isinstance(row, dict):
            pending = raw
            continue
        number = existing.rows + 1
        if row.get("line") != number:
            raise ResumeError(f"cannot resume: {out_name} line {number} is not the output for input line "
                              f"{number} (it says \"line\": {json.dumps(row.get('line'))})")
        existing.rows = number
        existing.end += len(raw)
        existing.last = row
        if "error" in row:
            existing.failed += 1
        elif isinstance(row.get("model"), dict):
            existing.model_sha256 = row["model"].get("sha256")
    existing.torn = pending is not None


def _gzip_lines(path: str):
    """The lines of a gzip file as far as it can be decompressed (a killed writer leaves no trailer)."""
    with open(path, "rb") as fh:
        d = zlib.decompressobj(wbits=31)
        buf = b""
        while chunk := fh.read(1 << 16):
            while chunk:
                try:
                    data = d.decompress(chunk)
                except zlib.error:
                    data, chunk = b"", b""
                    break
                buf += data
                if d.eof:  # a member ended: `ab` appends start a new one
                    chunk = d.unused_data
                    d = zlib.decompressobj(wbits=31)
                else:
                    chunk = b""
                *complete, buf = buf.split(b"\n")
                for line in complete:
                    yield line + b"\n"
        if buf:
            yield buf


def read_existing(out_name: str) -> Existing:
    """Scan OUT for ``--resume``; raises :class:`ResumeError` when it cannot be resumed from."""
    existing = Existing()
    if not os.path.exists(out_name):
        return existing
    if out_name.endswith(".gz"):
        _scan_rows(_gzip_lines(out_name), out_name, existing)
    else:
        with open(out_name, "rb") as fh:
            _scan_rows(fh, out_name, existing)
    return existing


def _trim(out_name: str, existing: Existing) -> None:
    """Cut OUT back to its complete rows (drop a torn last line)."""
    if not os.path.exists(out_name):
        return
    if not out_name.endswith(".gz"):
        if existing.torn:
            with open(out_name, "r+b") as fh:
                fh.truncate(existing.end)
        return
    # A gzip stream cannot be cut at a line: write the complete rows to a new
    # file beside it and swap it in, so an interruption here loses nothing.
    tmp = f"{out_name}.resume-tmp"
    with gzip.open(tmp, "wb") as fh:
        for i, line in enumerate(_gzip_lines(out_name)):
            if i >= existing.rows:
                break
            fh.write(line)
    os.replace(tmp, out_name)


def _check_boundary(line: Line | None, existing: Existing, in_name: str, out_name: str) -> None:
    if line is None:
        raise ResumeError(f"cannot resume: {out_name} has {existing.rows} rows but {in_name} has fewer lines")
    if existing.last.get("id") != line.id:
        raise ResumeError(f"cannot resume: {out_name} line {existing.rows} has id "
                          f"{json.dumps(existing.last.get('id'), ensure_ascii=False)} but {in_name} line "
                          f"{line.number} has id {json.dumps(line.id, ensure_ascii=False)}: not the output of this input")


# --- output ------------------------------------------------------------------

def _open_output(out_name: str, append: bool):
    if out_name == "-":
        return sys.stdout.buffer, False
    try:
        if out_name.endswith(".gz"):
            # level 6: most of the size win of 9 at a fraction of the time
            return gzip.open(out_name, "ab" if append else "wb", compresslevel=6), True
        return open(out_name, "ab" if append else "wb"), True
    except OSError as exc:
        raise click.BadParameter(f"{out_name}: {exc.strerror}", param_hint="'-o' / '--output'") from None


# --- the run -----------------------------------------------------------------

def _progress(enabled, input_: _Input, initial: int):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    total = input_.count_lines()
    return tqdm(total=total, initial=initial, unit=" lines", file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1, mininterval=0.5)


def run_batch(scorer, in_name: str, out_name: str, *, jobs: int = 1, batch_size: int = 256,
              progress: bool | None = None, resume: bool = False) -> int:
    """Score IN (JSON Lines) into OUT; returns the exit code (0 all scored, 1 some failed)."""
    if resume and out_name == "-":
        raise click.UsageError("--resume needs -o OUT (a file to resume), not standard output")
    if out_name != "-" and in_name != "-" and os.path.exists(out_name) and os.path.samefile(in_name, out_name):
        raise click.UsageError(f"-o {out_name} is the input file")

    existing = read_existing(out_name) if resume else Existing()
    if existing.rows and existing.model_sha256 and existing.model_sha256 != scorer.sha256:
        raise ResumeError(f"cannot resume: {out_name} was scored with model {existing.model_sha256[:12]}…, "
                          f"this run uses {scorer.sha256[:12]}…")
    try:
        input_ = _Input(in_name)
    except OSError as exc:
        fail(f"{in_name}: {exc.strerror}")
        return 1
    numbered = enumerate(input_.lines(), 1)
    skipped = 0
    try:
        if existing.rows:
            last = None
            for number, raw in numbered:
                skipped = number
                if number == existing.rows:
                    last = parse_line(number, raw)
                    break
            _check_boundary(last, existing, in_name, out_name)
        if resume:
            _trim(out_name, existing)
        out, close = _open_output(out_name, append=resume)
        bar = _progress(progress, input_, skipped)
        counts = {"scored": existing.rows - existing.failed, "failed": existing.failed, "shown": 0}
        try:
            _score_lines(scorer, numbered, out, counts, bar, input_, jobs=jobs, batch_size=batch_size)
        except KeyboardInterrupt:
            done = counts["scored"] + counts["failed"]
            _note(bar, f"interrupted after {done} lines; run again with --resume to continue"
                  if out_name != "-" else f"interrupted after {done} lines")
            raise click.exceptions.Exit(130) from None
        finally:
            if bar is not None:
                bar.close()
            if close:
                out.close()
            else:
                out.flush()
    except (OSError, EOFError, zlib.error) as exc:
        # IN itself is broken (a truncated .gz, a read error): what was scored stays in OUT
        fail(f"{in_name}: {exc}")
        return 1
    finally:
        input_.close()
    total = counts["scored"] + counts["failed"]
    where = "stdout" if out_name == "-" else out_name
    resumed = f" (resumed after line {existing.rows})" if existing.rows else ""
    click.echo(f"scored {counts['scored']}, failed {counts['failed']} of {total} lines -> {where}{resumed}", err=True)
    return 1 if counts["failed"] else 0


def _note(bar, message: str) -> None:
    if bar is not None:
        bar.write(f"reliability: {message}", file=sys.stderr)
    else:
        fail(message)


def _score_lines(scorer, numbered, out, counts, bar, input_, *, jobs, batch_size):
    """Parse, score and write every remaining line, flushing once per ``batch_size`` rows."""
    from ..article import ArticleError

    pending: deque[Line] = deque()   # parsed lines whose rows are not written yet, in order

    def items():
        # Feeds score_many; the lines that cannot be scored wait in `pending`
        # between the others, so every line's row goes out in input order.
        for number, raw in numbered:
            line = parse_line(number, raw)
            pending.append(line)
            if line.item is not None:
                yield line.item

    results = scorer.score_many(items(), batch_size=batch_size, n_jobs=jobs, on_error="return")
    rows: list[str] = []

    def emit(line: Line, result=None):
        if line.error is None and isinstance(result, ArticleError):
            line = replace(line, error=f"line {line.number}: {result}")
        if line.error is not None:
            counts["failed"] += 1
            rows.append(dumps(_error_row(line)))
            if counts["shown"] < MAX_ERRORS_SHOWN:
                _note(bar, line.error)
            elif counts["shown"] == MAX_ERRORS_SHOWN:
                _note(bar, f"more failed lines: see their \"error\" rows in the output")
            counts["shown"] += 1
        else:
            counts["scored"] += 1
            if line.path is not None:
                result = replace(result, path=line.path)
            rows.append(dumps(_result_row(line, result)))
        if len(rows) >= batch_size:
            flush()

    def flush():
        if rows:
            out.write("".join(rows).encode("utf-8"))
            out.flush()
            if bar is not None:
                if input_.size:
                    done = bar.n + len(rows)
                    bar.total = max(done, round(done * input_.size / max(1, input_.position())))
                bar.update(len(rows))
            rows.clear()

    try:
        while True:
            while pending and pending[0].item is None:
                emit(pending.popleft())
            if pending:
                emit(pending.popleft(), next(results))
                continue
            result = next(results, None)   # pulls more lines into `pending`
            while pending and pending[0].item is None:
                emit(pending.popleft())
            if result is None:
                break
            emit(pending.popleft(), result)
    finally:
        # written rows are complete lines; what the interruption caught mid-batch is lost
        # from OUT but --resume scores it again
        flush()
