"""Read and validate label files (JSON Lines or CSV) for retraining.

A label file holds one record per article (or per headline). Every problem in
every file is collected with its file and line, so an editor can fix a whole
file in one pass instead of one error per run. The format is described in
``labelled/README.md``.

Rules worth knowing (see :func:`read_labels`):

* Within one file, the same ``id`` twice with *identical* labels is allowed
  (the later line replaces the earlier and counts as an override); with
  *different* labels it is an error that names both lines: we cannot tell
  which one the editor meant.
* Across files, a later file (in the order given) replaces an earlier file's
  record with the same ``id``: that is how an editor's correction file is
  applied. It is counted in :attr:`LabelSet.overridden`, not reported.
* Replacement is whole-record: a correction must repeat every label it wants
  to keep.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.jsonl").write_text(
...     '{"id": "x1", "text": "Polisi menangkap dua pencuri.", "support": 5}\\n'
...     '{"id": "x2", "title": "Ternyata Begini!", "sensational": 1}\\n', encoding="utf-8")
>>> labels = read_labels(d)
>>> [r.id for r in labels.records], labels.problems
(['x1', 'x2'], [])
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from os import PathLike
from pathlib import Path

from reliability.sentences import EVIDENCE_FIELDS as _SENTENCE_EVIDENCE_FIELDS

__all__ = [
    "LabelRecord",
    "LabelProblem",
    "LabelSet",
    "LabelError",
    "iter_label_files",
    "read_labels",
    "label_counts",
    "SUFFIXES",
    "SUPPORT_LEVELS",
]

#: File suffixes read as label files (folders are searched for these).
SUFFIXES = (".jsonl", ".csv")
#: The rubric levels of ``support``.
SUPPORT_LEVELS = (1, 2, 3, 4, 5)
_SENSATIONAL_VALUES = (0, 1)
_LABELS = ("support", "sensational")
_STRING_FIELDS = ("publisher", "annotator", "note")
#: Optional phrase lists: what the editor marked as the article's sources and hedges
#: (as ``support/labels.jsonl`` has them); they train the sentence detector.
#: JSON: a list of strings; CSV: the phrases separated by " | ".
EVIDENCE_FIELDS = tuple(_SENTENCE_EVIDENCE_FIELDS.values())


@dataclass(frozen=True)
class LabelRecord:
    """One validated label record.

    Parameters
    ----------
    id : str
        The article's id (unique within a :class:`LabelSet`).
    text : str or None
        The article body; ``None`` only for headline-only records.
    title : str or None
        The headline, if given.
    support : int or None
        Rubric label 1..5 (score = (support - 1) * 25).
    sensational : int or None
        Headline label: 1 sensational/clickbait, 0 not.
    publisher, annotator, labelled_at, note : str or None
        Optional metadata; ``publisher`` groups train/dev splits.
    evidence : dict or None
        The phrases the editor marked, by field (:data:`EVIDENCE_FIELDS`), when
        the record gives any of those fields; each phrase occurs in the text.
    origin : str
        ``"path:line"`` the record was read from.

    Examples
    --------
    >>> r = LabelRecord(id="a", text="Isi berita.", support=4)
    >>> r.support_score
    75.0
    """

    id: str
    text: str | None = None
    title: str | None = None
    support: int | None = None
    sensational: int | None = None
    publisher: str | None = None
    annotator: str | None = None
    labelled_at: str | None = None
    note: str | None = None
    evidence: dict | None = field(default=None, compare=False)
    origin: str = ""

    @property
    def labels(self) -> tuple[int | None, int | None]:
        """``(support, sensational)``: what duplicate detection compares."""
        return (self.support, self.sensational)

    @property
    def support_score(self) -> float | None:
        """The support label on the 0..100 score scale, ``(support - 1) * 25``."""
        return None if self.support is None else (self.support - 1) * 25.0

    @property
    def headline_only(self) -> bool:
        """True for a record that carries only a headline label (no body)."""
        return self.text is None


@dataclass(frozen=True)
class LabelProblem:
    """A problem found in a label file, with where it is.

    ``line`` is 1-based; 0 means the problem concerns the whole path (missing
    file, unusable CSV header).

    Examples
    --------
    >>> str(LabelProblem("labels.csv", 3, "support must be an integer 1..5, got '7'"))
    "labels.csv:3: support must be an integer 1..5, got '7'"
    >>> str(LabelProblem("nope.jsonl", 0, "no such file or folder"))
    'nope.jsonl: no such file or folder'
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


class LabelError(ValueError):
    """Raised by :meth:`LabelSet.check` when label files have problems."""

    def __init__(self, problems: list[LabelProblem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the label files:\n{lines}")


@dataclass
class LabelSet:
    """The result of :func:`read_labels`.

    Attributes
    ----------
    records : list of LabelRecord
        Valid records after overrides, in the order their ids were first seen.
    problems : list of LabelProblem
        Everything wrong, one entry per problem (a record can have several).
        With ``skip_invalid=True`` only path-level problems stay here.
    overridden : int
        How many records were replaced by a later record with the same id.
    skipped : list of LabelProblem
        With ``skip_invalid=True``: the problems of the records left out.
    file_hashes : dict
        ``str(path)`` -> SHA-256 of the bytes that were read and parsed.
    """

    records: list[LabelRecord] = field(default_factory=list)
    problems: list[LabelProblem] = field(default_factory=list)
    overridden: int = 0
    skipped: list[LabelProblem] = field(default_factory=list)
    #: str(path) -> SHA-256 of the bytes read (each file is read exactly once).
    file_hashes: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there are no (unskipped) problems: safe to train."""
        return not self.problems

    @property
    def n_skipped(self) -> int:
        """How many records were skipped (a record may have several problems)."""
        return len({(p.path, p.line) for p in self.skipped})

    def check(self) -> "LabelSet":
        """Return self, or raise :class:`LabelError` listing every problem."""
        if self.problems:
            raise LabelError(self.problems)
        return self

    def support_records(self) -> list[LabelRecord]:
        """Records with a ``support`` label (they always have a body)."""
        return [r for r in self.records if r.support is not None]

    def sensational_records(self) -> list[LabelRecord]:
        """Records with a ``sensational`` label."""
        return [r for r in self.records if r.sensational is not None]

    def counts(self) -> dict:
        """Label counts, see :func:`label_counts`."""
        return label_counts(self.records)


def label_counts(records: Iterable[LabelRecord]) -> dict:
    """Count labels per value, in the shape model cards expect.

    Examples
    --------
    >>> label_counts([LabelRecord("a", "t", support=2, sensational=1)])
    {'support': {'1': 0, '2': 1, '3': 0, '4': 0, '5': 0}, 'sensational': {'0': 0, '1': 1}}
    """
    support = {str(k): 0 for k in SUPPORT_LEVELS}
    sensational = {str(k): 0 for k in _SENSATIONAL_VALUES}
    for r in records:
        if r.support is not None:
            support[str(r.support)] += 1
        if r.sensational is not None:
            sensational[str(r.sensational)] += 1
    return {"support": support, "sensational": sensational}


# --------------------------------------------------------------------------- files

PathArg = str | PathLike | Iterable[str | PathLike]


def _as_path_list(paths: PathArg) -> list[Path]:
    if isinstance(paths, (str, PathLike)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def iter_label_files(paths: PathArg, problems: list[LabelProblem] | None = None) -> list[Path]:
    """Expand files and folders into the label files to read, in order.

    A folder contributes its ``*.jsonl`` and ``*.csv`` files (not recursive),
    sorted by name; anything else in it (README, notes) is ignored. A file
    named explicitly must end in ``.jsonl`` or ``.csv``. The same file given
    twice is read once, at its first position.

    Parameters
    ----------
    paths : path or iterable of paths
    problems : list, optional
        Missing paths, unsupported files and empty folders are appended here as
        :class:`LabelProblem` (line 0). Without it they are issued as warnings.
        Never raises for a bad path.

    Returns
    -------
    list of Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ("b.csv", "a.jsonl", "README.md"):
    ...     _ = (d / n).write_text("", encoding="utf-8")
    >>> probs = []
    >>> [p.name for p in iter_label_files([d, d / "missing.jsonl"], probs)]
    ['a.jsonl', 'b.csv']
    >>> [p.message for p in probs]
    ['no such file or folder']
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def report(path: Path, message: str) -> None:
        problem = LabelProblem(str(path), 0, message)
        if problems is None:
            warnings.warn(str(problem), stacklevel=3)
        else:
            problems.append(problem)

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in _as_path_list(paths):
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                report(path, "folder has no .jsonl or .csv label files")
            for p in files:
                add(p)
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                add(path)
            else:
                report(path, f"unsupported file type {path.suffix or '(none)'!r}: use .jsonl or .csv")
        else:
            report(path, "no such file or folder")
    return found


# ------------------------------------------------------------------------ values

def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _has_undecodable(value) -> bool:
    # CSV files are decoded with surrogateescape: bad bytes become lone surrogates,
    # so they can be reported on the record's own line instead of failing the file.
    return isinstance(value, str) and any("\udc80" <= ch <= "\udcff" for ch in value)


def _parse_int(value, *, from_csv: bool):
    """Return ``(int, None)`` or ``(None, reason)``; booleans are not integers."""
    if isinstance(value, bool):
        return None, "a boolean"
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        # Tools such as pandas write integer columns with gaps as 3.0.
        if math.isfinite(value) and value.is_integer():
            return int(value), None
        return None, "not a whole number"
    if isinstance(value, str) and from_csv:
        s = value.strip()
        try:
            return int(s), None
        except ValueError:
            pass
        try:
            f = float(s)
        except ValueError:
            return None, "not a number"
        if math.isfinite(f) and f.is_integer():
            return int(f), None
        return None, "not a whole number"
    return None, f"a {type(value).__name__}"


def _check_label(name: str, value, allowed: tuple[int, ...], *, from_csv: bool):
    """Validate one label. Returns ``(int_or_None, message_or_None)``."""
    if _is_blank(value):
        return None, None
    what = "an integer 1..5" if name == "support" else "0 or 1"
    number, reason = _parse_int(value, from_csv=from_csv)
    if number is None:
        return None, f"{name} must be {what}, got {value!r} ({reason})"
    if number not in allowed:
        return None, f"{name} must be {what}, got {value!r}"
    return number, None


def _check_date(value: str) -> bool:
    s = value.strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(s)
            return True
        except ValueError:
            continue
    return False


def _validate(raw: Mapping, *, from_csv: bool, fields: Mapping[str, str] | None):
    """Turn one raw record into ``(values_dict, [messages])``."""
    messages: list[str] = []
    if fields:
        # ``fields`` maps our name -> the file's name, e.g. {"sensational": "clickbait"}.
        raw = dict(raw)
        for ours, theirs in fields.items():
            if theirs in raw and ours not in raw:
                raw[ours] = raw[theirs]

    for key, value in raw.items():
        if _has_undecodable(value):
            messages.append(f"field {key!r} has bytes that are not valid UTF-8")
    if messages:
        return None, messages

    rid = raw.get("id")
    if rid is None or (isinstance(rid, str) and not rid.strip()):
        messages.append("missing id" if rid is None or "id" not in raw else "empty id")
        rid = None
    elif not isinstance(rid, str):
        messages.append(f"id must be a string, got {rid!r}")
        rid = None
    else:
        rid = rid.strip()

    values: dict = {}
    for name, allowed in (("support", SUPPORT_LEVELS), ("sensational", _SENSATIONAL_VALUES)):
        number, message = _check_label(name, raw.get(name), allowed, from_csv=from_csv)
        values[name] = number
        if message:
            messages.append(message)
    has_label_field = any(not _is_blank(raw.get(n)) for n in _LABELS)
    if not has_label_field:
        messages.append("no label: give support (1..5) and/or sensational (0/1)")

    title = raw.get("title")
    if title is not None and not isinstance(title, str):
        messages.append(f"title must be a string, got {type(title).__name__}")
        title = None
    title = None if _is_blank(title) else title

    text = raw.get("text")
    if text is None or (from_csv and _is_blank(text)):
        # CSV: an empty cell means "absent". Body is needed for support labels,
        # and for any record that has no headline to stand on.
        text = None
        if not _is_blank(raw.get("support")):
            messages.append("missing text (a support label needs the article body)")
        elif title is None:
            messages.append("missing text (and no title)")
    elif not isinstance(text, str):
        messages.append(f"text must be a string, got {type(text).__name__}")
        text = None
    elif not text.strip():
        messages.append("empty text")
        text = None

    for name in _STRING_FIELDS + ("labelled_at",):
        value = raw.get(name)
        if _is_blank(value):
            values[name] = None
        elif not isinstance(value, str):
            messages.append(f"{name} must be a string, got {type(value).__name__}")
            values[name] = None
        else:
            values[name] = value.strip()
    if values["labelled_at"] is not None and not _check_date(values["labelled_at"]):
        messages.append(f"labelled_at must be an ISO date (YYYY-MM-DD), got {values['labelled_at']!r}")

    values["evidence"] = _check_evidence(raw, title, text, from_csv, messages)
    values.update(id=rid, text=text, title=title)
    return values, messages


def _check_evidence(raw: Mapping, title, text, from_csv: bool, messages: list[str]) -> dict | None:
    """The marked phrases of a record (None when it gives none of the fields); problems go to ``messages``."""
    given = [name for name in EVIDENCE_FIELDS if name in raw and not (from_csv and _is_blank(raw[name]))]
    if not given:
        return None
    where = ((title or "") + "\n" + (text or "")).lower()
    out = {}
    for name in EVIDENCE_FIELDS:
        value = raw.get(name)
        if from_csv:
            value = [p.strip() for p in (value or "").split("|") if p.strip()]
        elif value is None:
            value = []
        elif not isinstance(value, list) or not all(isinstance(p, str) for p in value):
            messages.append(f"{name} must be a list of strings, got {value!r}")
            continue
        missing = [p for p in value if p.strip().lower() not in where]
        if missing:
            messages.append(f"{name}: {missing[0]!r} does not occur in the title or text")
            continue
        out[name] = [p.strip() for p in value if p.strip()]
    return out


# ----------------------------------------------------------------------- readers

def _read_jsonl(path: Path, data: bytes, problems: list[LabelProblem]):
    """Yield ``(line, raw_dict_or_None)``; line-level problems go to ``problems``."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a BOM from Windows editors
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(LabelProblem(str(path), number,
                                         f"bytes that are not valid UTF-8 at column {exc.start + 1}"))
            yield number, None
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(LabelProblem(str(path), number, f"invalid JSON: {exc.msg} at column {exc.colno}"))
            yield number, None
            continue
        if not isinstance(obj, dict):
            problems.append(LabelProblem(str(path), number,
                                         f"record is not a JSON object (got {type(obj).__name__})"))
            yield number, None
            continue
        yield number, obj


def _check_header(header: list[str], fields: Mapping[str, str] | None) -> list[str]:
    names = set(header)
    if fields:
        names |= {ours for ours, theirs in fields.items() if theirs in names}
    messages = []
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    if dupes:
        messages.append(f"CSV header repeats column(s): {', '.join(dupes)}")
    if "id" not in names:
        messages.append("CSV header has no 'id' column")
    if not names & set(_LABELS):
        messages.append("CSV header has no label column: need 'support' and/or 'sensational'")
    if "text" not in names and "title" not in names:
        messages.append("CSV header has neither 'text' nor 'title'")
    elif "support" in names and "text" not in names:
        messages.append("CSV header has 'support' but no 'text' column (support labels need the body)")
    return messages


def _read_csv(path: Path, data: bytes, problems: list[LabelProblem], fields):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", errors="surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(LabelProblem(str(path), 1, "empty CSV file: no header row"))
        return
    except csv.Error as exc:
        problems.append(LabelProblem(str(path), 1, f"unreadable CSV header: {exc}"))
        return
    header = [h.strip().lower() for h in header]
    messages = _check_header(header, fields)
    if messages:
        for m in messages:
            problems.append(LabelProblem(str(path), 1, m))
        return
    while True:
        start = reader.line_num + 1  # the line a (possibly multi-line) record starts on
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(LabelProblem(str(path), start, f"unreadable CSV row: {exc}"))
            yield start, None
            return  # the csv module cannot resync after a broken quote
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(LabelProblem(str(path), start,
                                         f"row has {len(row)} cells but the header has {len(header)}"))
            yield start, None
            continue
        yield start, dict(zip(header, row))


def read_labels(paths: PathArg, *, skip_invalid: bool = False,
                fields: Mapping[str, str] | None = None) -> LabelSet:
    """Read, validate and merge label files.

    Parameters
    ----------
    paths : path or iterable of paths
        Files (``.jsonl``, ``.csv``) and/or folders of them, applied in order.
    skip_invalid : bool, default False
        False: every problem is listed in :attr:`LabelSet.problems` (and the
        caller should refuse to train; :meth:`LabelSet.check` raises). True:
        invalid records are left out, their problems moved to
        :attr:`LabelSet.skipped`, and the valid rest returned. Path-level
        problems (missing file, unusable CSV header) stay in ``problems``
        either way: there was no record to skip.
    fields : mapping, optional
        Our field name -> the file's field name, for files that name a label
        differently, e.g. ``{"sensational": "clickbait"}`` for CLICK-ID. Our
        own name wins when both are present.

    Returns
    -------
    LabelSet

    Notes
    -----
    Same id twice in one file: identical labels -> the later line replaces the
    earlier (counted in ``overridden``); different labels -> an error on the
    later line naming the earlier one, and (when skipping) the earlier record
    is kept. Same id in a later file: the later record replaces the earlier
    one whatever its labels (an editor's correction), counted in
    ``overridden``. The replacing record keeps the first one's position.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "1.csv").write_text("id,text,support\\na,Kata Kapolres.,5\\nb,,3.0\\n", encoding="utf-8")
    >>> _ = (d / "2.jsonl").write_text('{"id": "a", "text": "Kata Kapolres.", "support": 4}\\n', encoding="utf-8")
    >>> s = read_labels([d / "1.csv", d / "2.jsonl"])
    >>> [str(p) for p in s.problems] == [f"{d / '1.csv'}:3: missing text (a support label needs the article body)"]
    True
    >>> s = read_labels([d / "1.csv", d / "2.jsonl"], skip_invalid=True)
    >>> [(r.id, r.support) for r in s.records], s.overridden, s.n_skipped
    ([('a', 4)], 1, 1)
    """
    result = LabelSet()
    path_problems: list[LabelProblem] = []
    files = iter_label_files(paths, path_problems)
    result.problems.extend(path_problems)
    by_id: dict[str, LabelRecord] = {}

    for path in files:
        file_problems: list[LabelProblem] = []
        try:
            data = path.read_bytes()
        except OSError as exc:
            result.problems.append(LabelProblem(str(path), 0, f"cannot read: {exc.strerror or exc}"))
            continue
        result.file_hashes[str(path)] = hashlib.sha256(data).hexdigest()
        if path.suffix.lower() == ".csv":
            rows = _read_csv(path, data, file_problems, fields)
            from_csv = True
        else:
            rows = _read_jsonl(path, data, file_problems)
            from_csv = False

        bad_lines: set[int] = set()
        seen_here: dict[str, LabelRecord] = {}
        for line, raw in rows:
            if raw is None:
                bad_lines.add(line)
                continue
            values, messages = _validate(raw, from_csv=from_csv, fields=fields)
            record = None
            if not messages:
                record = LabelRecord(origin=f"{path}:{line}", **values)
                earlier = seen_here.get(record.id)
                if earlier is not None and earlier.labels != record.labels:
                    first_line = earlier.origin.rsplit(":", 1)[1]
                    messages.append(
                        f"duplicate id {record.id!r} with conflicting labels: line {first_line} has "
                        f"{_describe(earlier)}, line {line} has {_describe(record)}")
            if messages:
                bad_lines.add(line)
                file_problems.extend(LabelProblem(str(path), line, m) for m in messages)
                continue
            seen_here[record.id] = record
            if record.id in by_id:
                result.overridden += 1
            by_id[record.id] = record  # dict keeps the first-seen position

        # Line-level problems first collected per file, then kept in line order.
        file_problems.sort(key=lambda p: p.line)
        if skip_invalid:
            path_level = [p for p in file_problems if p.line not in bad_lines]
            result.problems.extend(path_level)
            result.skipped.extend(p for p in file_problems if p.line in bad_lines)
        else:
            result.problems.extend(file_problems)

    result.records = list(by_id.values())
    return result


def _describe(record: LabelRecord) -> str:
    parts = [f"{n}={getattr(record, n)}" for n in _LABELS if getattr(record, n) is not None]
    return ", ".join(parts) or "no labels"
