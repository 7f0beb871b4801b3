"""The registry of training sources (``labelled/sources.json``).

A default ``reliability train`` run reads every source in the registry whose
``default`` is true (the default). Public sets live outside the repository
(their ``path`` is relative to the data folder given with ``--data``); the
team's own label files live in the repository (``path`` relative to the repo
root). Licence and citation travel with each source so the model card can
attribute what a model was trained on.

>>> sources = load_registry()
>>> [s.name for s in sources if s.applies_to("sensational")]
['clickid-headlines', 'clickid-unlabelled', 'team-examples']
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from os import PathLike
from pathlib import Path

__all__ = ["Source", "RegistryError", "load_registry", "select", "DEFAULT_REGISTRY", "REPO_ROOT"]

#: The repository root (``training/`` sits directly below it).
REPO_ROOT = Path(__file__).resolve().parents[1]
#: The registry a default training run uses.
DEFAULT_REGISTRY = REPO_ROOT / "labelled" / "sources.json"

KINDS = ("public", "labels", "unlabelled")
TASKS = ("support", "sensational", "both")
_REQUIRED = ("name", "kind", "task", "path", "licence", "citation", "url_or_doi", "note")
_OPTIONAL = ("fields", "default")
# Keys that must not be blank (url_or_doi and note may be, for the team's own files).
_NONEMPTY = ("name", "kind", "task", "path", "licence", "citation")


class RegistryError(ValueError):
    """The registry file is unreadable or has invalid entries (all listed)."""

    def __init__(self, path, problems: list[str]):
        self.path = str(path)
        self.problems = list(problems)
        body = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{self.path}: {len(self.problems)} problem(s) in the source registry:\n{body}")


@dataclass(frozen=True)
class Source:
    """One training source.

    Parameters
    ----------
    name : str
        Unique short name (used in manifests and model cards).
    kind : {"public", "labels", "unlabelled"}
        ``public``: a public set under the data folder. ``labels``: a label file
        or folder in the repository (format: ``labelled/README.md``).
        ``unlabelled``: a public set of headlines without labels, under the
        data folder, that the headline model is self-trained on (task
        ``sensational`` only; see :func:`training.fit.fit_headline`).
    task : {"support", "sensational", "both"}
        Which model(s) it trains.
    path : str
        Relative POSIX-style path: to the data folder for ``public``, to the
        repository root for ``labels``. An absolute path is accepted too, for a
        private registry outside the repository (the shipped one stays relative).
    licence, citation, url_or_doi, note : str
        Attribution for the model card.
    fields : dict
        Our field name -> the file's field name, passed to
        :func:`training.labels.read_labels` (e.g. ``{"sensational": "clickbait"}``).
    default : bool
        Whether a default training run uses it.

    Examples
    --------
    >>> s = Source("x", "labels", "both", "labelled/examples.jsonl", "MIT", "team", "", "")
    >>> s.applies_to("support"), s.resolve(root="/repo").as_posix()
    (True, '/repo/labelled/examples.jsonl')
    """

    name: str
    kind: str
    task: str
    path: str
    licence: str
    citation: str
    url_or_doi: str
    note: str
    fields: dict = field(default_factory=dict)
    default: bool = True

    def applies_to(self, task: str) -> bool:
        """True when this source trains ``task`` ("support" or "sensational")."""
        return self.task == task or self.task == "both"

    def resolve(self, data_dir: str | PathLike | None = None,
                root: str | PathLike | None = None) -> Path:
        """The absolute location of the source.

        Parameters
        ----------
        data_dir : path, optional
            The public data folder (``--data``); required for ``public`` sources.
        root : path, optional
            The repository root for ``labels`` sources; defaults to this checkout.
        """
        if self.kind in ("public", "unlabelled"):
            if data_dir is None:
                raise ValueError(f"source {self.name!r} is a public set: pass the data folder (--data)")
            return Path(data_dir) / self.path
        return Path(REPO_ROOT if root is None else root) / self.path

    def to_dict(self) -> dict:
        """The source as a JSON-ready dict (the registry's own format)."""
        return asdict(self)


def _check_entry(i: int, entry) -> list[str]:
    where = f"entry {i}"
    if not isinstance(entry, dict):
        return [f"{where}: must be an object, got {type(entry).__name__}"]
    if isinstance(entry.get("name"), str) and entry["name"].strip():
        where = f"entry {i} ({entry['name']!r})"
    problems = []
    for key in _REQUIRED:
        if key not in entry:
            problems.append(f"{where}: missing {key!r}")
        elif not isinstance(entry[key], str):
            problems.append(f"{where}: {key!r} must be a string")
        elif key in _NONEMPTY and not entry[key].strip():
            problems.append(f"{where}: {key!r} is empty")
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        # The registry is small and hand-edited: a typo ("licnce") must not pass.
        problems.append(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}")
    if entry.get("kind") not in KINDS and isinstance(entry.get("kind"), str):
        problems.append(f"{where}: kind must be one of {KINDS}, got {entry['kind']!r}")
    if entry.get("task") not in TASKS and isinstance(entry.get("task"), str):
        problems.append(f"{where}: task must be one of {TASKS}, got {entry['task']!r}")
    if entry.get("kind") in ("public", "unlabelled") and isinstance(entry.get("url_or_doi"), str) \
            and not entry["url_or_doi"].strip():
        problems.append(f"{where}: a public source needs 'url_or_doi'")
    if entry.get("kind") == "unlabelled" and entry.get("task") != "sensational":
        problems.append(f"{where}: an unlabelled source is for the headline model: task must be 'sensational'")
    fields = entry.get("fields", {})
    if not (isinstance(fields, dict) and all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in fields.items())):
        problems.append(f"{where}: 'fields' must map field names to field names")
    if not isinstance(entry.get("default", True), bool):
        problems.append(f"{where}: 'default' must be true or false")
    return problems


def load_registry(path: str | PathLike | None = None) -> list[Source]:
    """Read and validate a source registry.

    Parameters
    ----------
    path : path, optional
        The registry JSON file; default ``labelled/sources.json`` of this checkout.

    Returns
    -------
    list of Source
        In file order.

    Raises
    ------
    RegistryError
        The file is missing or not valid JSON, or any entry is invalid (every
        problem is listed, each naming its entry).

    Examples
    --------
    >>> [(s.name, s.kind, s.task) for s in load_registry()][:2]
    [('support-labels', 'public', 'support'), ('clickid-headlines', 'public', 'sensational')]
    """
    path = DEFAULT_REGISTRY if path is None else Path(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(path, ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(path, [f"cannot read: {exc}"]) from None
    except json.JSONDecodeError as exc:
        raise RegistryError(path, [f"invalid JSON at line {exc.lineno}: {exc.msg}"]) from None
    if not isinstance(data, list):
        raise RegistryError(path, [f"must be a JSON list of sources, got {type(data).__name__}"])
    problems: list[str] = []
    for i, entry in enumerate(data):
        problems.extend(_check_entry(i, entry))
    names = [e.get("name") for e in data if isinstance(e, dict)]
    for name in sorted({n for n in names if isinstance(n, str) and names.count(n) > 1}):
        problems.append(f"name {name!r} is used more than once")
    if problems:
        raise RegistryError(path, problems)
    return [Source(**{**e, "fields": dict(e.get("fields", {}))}) for e in data]


def select(sources: Iterable[Source], task: str, *, only_default: bool = True) -> list[Source]:
    """The sources that train ``task``, optionally only those in the default run.

    Examples
    --------
    >>> [s.name for s in select(load_registry(), "support")]
    ['support-labels', 'team-examples']
    """
    if task not in ("support", "sensational"):
        raise ValueError(f"task must be 'support' or 'sensational', got {task!r}")
    return [s for s in sources if s.applies_to(task) and (s.default or not only_default)]
