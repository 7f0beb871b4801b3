"""Reading the training data: the public sets (with `datasets`) and editors' label files.

Everything becomes an :class:`Example`; the two tasks are the support rubric
(articles) and headline sensationalism (headlines). Label files override the
public sets' labels for the same id (an editor's correction wins), and later label
files override earlier ones.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from reliability.modelstore import sha256_file

from .splits import DEV_FRACTION, group_hash, group_of, headline_test_flags, is_dev

#: Environment variable naming the folder that holds the public data sets.
DATA_ENV = "RELIABILITY_DATA"


class DataError(Exception):
    """The training data cannot be read (missing folder or file, wrong fields)."""


@dataclass(frozen=True)
class Example:
    """One labelled training example (an article, or a headline alone)."""

    id: str
    title: str
    text: str
    group: str
    origin: str
    public: bool
    support: int | None = None
    sensational: int | None = None
    dev: bool = False
    #: share of annotators who called the headline sensational (CLICK-ID votes / 3)
    soft: float | None = None
    #: the support label's article kind and source set, for per-kind and per-source figures
    kind: str | None = None
    source: str | None = None
    #: the phrases the annotator marked, by label field (``named_sources``, ``hedges``, ...);
    #: None when the labels carry none (editors' files), which is "unknown", not "no phrases"
    evidence: dict | None = field(default=None, compare=False)


@dataclass
class TrainingData:
    """All examples of a run, split, with where they came from."""

    support: list = field(default_factory=list)
    headlines: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    label_files: list = field(default_factory=list)
    overridden: int = 0
    skipped: list = field(default_factory=list)
    #: (path on disk, SHA-256 of the bytes trained on, name shown) of every input file.
    inputs: list = field(default_factory=list)
    #: Headlines without labels for self-training the headline model (``unlabelled``
    #: sources), distinct, none of them a labelled headline of either split.
    unlabelled_titles: list = field(default_factory=list)

    def changed_inputs(self) -> list[tuple[str, str, str]]:
        """Input files whose bytes on disk differ now from what was read (display name, read, now).

        Each file is read once and its recorded hash is of the bytes read, so
        the model always matches its manifest; this says when the files on
        disk moved on in the meantime (an editor saved labels mid-run).
        """
        out = []
        for path, digest, shown in self.inputs:
            try:
                now = sha256_file(path)
            except OSError:
                now = "missing"
            if now != digest:
                out.append((shown, digest, now))
        return out

    def split(self, task: str):
        """(train, dev) lists of a task ("support" or "sensational")."""
        examples = self.support if task == "support" else self.headlines
        return [e for e in examples if not e.dev], [e for e in examples if e.dev]

    def label_counts(self) -> dict:
        counts = {}
        for task, examples in (("support", self.support), ("sensational", self.headlines)):
            train, dev = self.split(task)
            by_label: dict = {}
            for e in examples:
                value = e.support if task == "support" else e.sensational
                by_label[str(value)] = by_label.get(str(value), 0) + 1
            counts[task] = {
                "total": len(examples), "train": len(train), "dev": len(dev),
                "from_label_files": sum(not e.public for e in examples),
                "by_label": dict(sorted(by_label.items())),
            }
        return counts


def resolve_data_dir(data_dir=None) -> Path | None:
    """The public data folder: ``data_dir``, else ``$RELIABILITY_DATA``; None when neither is set."""
    value = data_dir or os.environ.get(DATA_ENV)
    return Path(value) if value else None


def _load_jsonl(path: Path):
    """Rows of a JSON Lines file, read with `datasets` (Arrow-backed, cached)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # local files only; never reach a hub
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    import datasets

    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    try:
        return datasets.load_dataset("json", data_files=str(path), split="train")
    except Exception as exc:
        raise DataError(f"{path}: cannot be read as JSON Lines ({type(exc).__name__}: {exc})") from None


def load_public_support(path: Path) -> list[Example]:
    """The rubric-labelled articles of ``support/labels.jsonl``."""
    rows = _load_jsonl(path)
    missing = {"id", "text", "support"} - set(rows.column_names)
    if missing:
        raise DataError(f"{path}: missing fields {sorted(missing)}")
    out = []
    for r in rows:
        level = r["support"]
        if level not in (1, 2, 3, 4, 5) or not (r.get("text") or "").strip():
            continue
        out.append(Example(
            id=str(r["id"]), title=r.get("title") or "", text=r["text"],
            group=group_of(r), origin=str(path.name), public=True, support=int(level),
            kind=r.get("kind") or None, source=r.get("source") or None, evidence=_evidence(r),
        ))
    return out


def _evidence(row) -> dict | None:
    """The marked phrases of a support label row, or None when it has none of the phrase fields."""
    from reliability.sentences import EVIDENCE_FIELDS

    fields = list(EVIDENCE_FIELDS.values())
    if all(row.get(f) is None for f in fields):
        return None
    return {f: [str(p) for p in (row.get(f) or []) if p] for f in fields}


def load_public_headlines(path: Path) -> list[Example]:
    """CLICK-ID headlines: the majority vote of three annotators as the label, the vote share as ``soft``."""
    rows = _load_jsonl(path)
    missing = {"id", "title", "clickbait"} - set(rows.column_names)
    if missing:
        raise DataError(f"{path}: missing fields {sorted(missing)}")
    out = []
    for r in rows:
        title = (r.get("title") or "").strip()
        if not title or r["clickbait"] not in (0, 1):
            continue
        votes = r.get("votes")
        out.append(Example(
            id=str(r["id"]), title=title, text="", group=group_of(r),
            origin=str(path.name), public=True, sensational=int(r["clickbait"]),
            soft=votes / 3.0 if votes in (0, 1, 2, 3) else None,
        ))
    return out


def load_unlabelled_titles(path: Path) -> list[str]:
    """The non-empty titles of a JSON Lines file of articles without labels (``.jsonl`` or ``.jsonl.gz``)."""
    rows = _load_jsonl(path)
    if "title" not in rows.column_names:
        raise DataError(f"{path}: missing field 'title'")
    return [t.strip() for t in rows["title"] if isinstance(t, str) and t.strip()]


def _unseen_titles(titles, headlines) -> list[str]:
    # Distinct, and none a labelled headline of either split: the held-out
    # headlines stay untouched by training, even unlabelled.
    from .splits import normalise_title

    seen = {normalise_title(e.title) for e in headlines}
    out = []
    for t in titles:
        key = normalise_title(t)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def examples_from_labels(label_set) -> tuple[list[Example], list[Example]]:
    """Split editor label records into (support examples, headline examples)."""
    support, headlines = [], []
    for rec in label_set.records:
        group = group_of({"publisher": rec.publisher, "id": rec.id})
        base = dict(id=rec.id, title=rec.title or "", text=rec.text or "", group=group,
                    origin=rec.origin, public=False)
        if rec.support is not None:
            support.append(Example(**base, support=rec.support, evidence=rec.evidence))
        if rec.sensational is not None and (rec.title or "").strip():
            headlines.append(Example(**base, sensational=rec.sensational))
    return support, headlines


def _merge(public: list[Example], extra: list[Example]) -> tuple[list[Example], int]:
    """Public examples with label-file examples overriding by id; returns (merged, overridden)."""
    merged = {e.id: e for e in public}
    overridden = 0
    for e in extra:
        if e.id in merged:
            overridden += 1
            # keep the public record's group so a corrected label does not switch sides
            e = replace(e, group=merged[e.id].group)
        merged[e.id] = e
    return list(merged.values()), overridden


def _assign_dev(examples: list[Example], task: str) -> list[Example]:
    if task == "sensational":
        flags = headline_test_flags([e.title for e in examples], [e.sensational for e in examples],
                                    [e.public for e in examples])
        return [replace(e, dev=f) for e, f in zip(examples, flags)]
    public_groups = frozenset(e.group for e in examples if e.public)
    out = [replace(e, dev=is_dev(e.group, task, public_groups)) for e in examples]
    if out and not any(e.dev for e in out):
        # A small labels-only run can hash no group into dev: then hold out the
        # groups with the lowest hashes until about a fifth is held out (still
        # deterministic, so reruns on the same files compare on the same split).
        sizes: dict = {}
        for e in out:
            sizes[e.group] = sizes.get(e.group, 0) + 1
        if len(sizes) >= 2:
            held, n = set(), 0
            for g in sorted(sizes, key=lambda g: group_hash(g, task)):
                if n >= DEV_FRACTION * len(out) or len(held) == len(sizes) - 1:
                    break
                held.add(g)
                n += sizes[g]
            out = [replace(e, dev=e.group in held) for e in out]
    return out


def _display_path(path, root) -> str:
    """``path`` relative to the checkout when inside it (manifests travel between machines)."""
    p = Path(path).resolve()
    if root is not None:
        try:
            return p.relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def load_training_data(data_dir, registry, label_paths=(), *, skip_invalid=False, repo_root=None):
    """Read every source of a training run.

    Parameters
    ----------
    data_dir : path or None
        Folder of the public sets; public sources are skipped (and said so) when None.
    registry : list of training.sources.Source
        The default sources (``labelled/sources.json``).
    label_paths : list of paths
        Further label files or folders, read after the registry's.
    skip_invalid : bool
        Train on the valid records and list the invalid ones, instead of refusing.

    Returns
    -------
    (TrainingData, LabelSet)
        The label set carries every problem found; the caller refuses to train
        when it has problems and ``skip_invalid`` is False.
    """
    from .labels import read_labels

    data = TrainingData()
    public_support, public_headlines, unlabelled = [], [], []
    registry_labels = []
    for src in registry:
        if not getattr(src, "default", True):
            continue  # switched off in the registry
        if src.kind in ("public", "unlabelled"):
            if data_dir is None:
                # Training on label files alone would silently ship a toy model.
                raise DataError(
                    f"the registry's public set {src.name!r} needs the data folder: pass --data DIR "
                    f"or set {DATA_ENV} (or use a --registry that lists only label files)")
            path = Path(data_dir) / src.path
            if not path.is_file():
                raise DataError(f"{path}: public set {src.name!r} not found (is --data right?)")
            loader = (load_unlabelled_titles if src.kind == "unlabelled"
                      else load_public_support if src.task == "support" else load_public_headlines)
            # `datasets` reads the file itself: hash before and after, and refuse
            # a file that changed in between (the rows could be from either).
            before = sha256_file(path)
            rows = loader(path)
            if sha256_file(path) != before:
                raise DataError(f"{path}: changed while it was being read; nothing was trained (run again)")
            (unlabelled if src.kind == "unlabelled"
             else public_support if src.task == "support" else public_headlines).extend(rows)
            data.sources.append({"name": src.name, "path": src.path, "rows": len(rows), "sha256": before})
            data.inputs.append((path, before, str(path)))
        else:
            root = Path(repo_root) if repo_root else Path.cwd()
            registry_labels.append(root / src.path)
    label_set = read_labels([*registry_labels, *map(Path, label_paths)], skip_invalid=skip_invalid)
    for f in dict.fromkeys(rec.origin.rsplit(":", 1)[0] for rec in label_set.records):  # given order
        # The hash of the bytes that were parsed, not of the file as it is now.
        digest = label_set.file_hashes.get(f) or sha256_file(f)
        data.label_files.append({"path": _display_path(f, repo_root), "sha256": digest})
        data.inputs.append((Path(f), digest, _display_path(f, repo_root)))
    extra_support, extra_headlines = examples_from_labels(label_set)
    data.support, n1 = _merge(public_support, extra_support)
    data.headlines, n2 = _merge(public_headlines, extra_headlines)
    data.support = _assign_dev(data.support, "support")
    data.headlines = _assign_dev(data.headlines, "sensational")
    data.unlabelled_titles = _unseen_titles(unlabelled, data.headlines)
    data.overridden = label_set.overridden + n1 + n2
    data.skipped = list(label_set.skipped)
    return data, label_set
