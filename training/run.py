"""One training run, end to end: read and check labels, fit, evaluate, compare, save, promote.

``reliability train`` is a thin shell over :func:`train`.
"""
from __future__ import annotations

import errno
import os
import platform
import shutil
import socket
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

#: How much worse than the current model a new one may be on a primary metric
#: before ``--promote`` refuses it (absolute; dev metrics move this much between seeds).
TOLERANCE = {"headline": ("macro_f1", 0.02), "support": ("spearman", 0.02)}


class TrainingRefused(Exception):
    """Training did not run, or its model was not promoted; the message says why."""

    def __init__(self, message, exit_code=1):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class RunReport:
    """What a run did: where the model went, its metrics, and the data it saw."""

    out: Path
    manifest: dict
    manifest_sha256: str
    promoted: bool = False
    gate: list = field(default_factory=list)


class Steps:
    """Prints one line per long step with its duration (to stderr, for a person watching)."""

    def __init__(self, echo):
        self.echo = echo
        self.t0 = time.perf_counter()

    def __call__(self, message):
        self.echo(f"[{time.perf_counter() - self.t0:6.1f}s] {message}")


def default_out(root=None) -> Path:
    """A new versioned model folder under ``models/``."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    base = Path(root or ".") / "models"
    out = base / f"v{stamp}"
    n = 1
    while out.exists():
        n += 1
        out = base / f"v{stamp}-{n}"
    return out


def evaluate_models(headline, support, data, step=None) -> dict:
    """Dev-split metrics of a (headline, support) pair on ``data``'s dev examples."""
    from .fit import example_columns
    from .report import headline_metrics, support_metrics

    metrics, preds = {}, {}
    _, dev_h = data.split("sensational")
    if dev_h:
        y = np.array([e.sensational for e in dev_h])
        proba = headline.predict_proba(example_columns(dev_h, read=False))[:, 1]
        metrics["headline"] = headline_metrics(y, proba)
        metrics["headline"]["accuracy_by_publisher"] = accuracy_by_group(y, proba, [e.group for e in dev_h])
        preds["headline"] = (y, proba)
    _, dev_s = data.split("support")
    if dev_s:
        y = np.array([e.support for e in dev_s])
        levels = np.clip(np.asarray(support.predict(example_columns(dev_s)), dtype=float), 1, 5)
        metrics["support"] = support_metrics(y, (levels - 1) * 25)
        metrics["support"].update(support_breakdown(y, levels, dev_s))
        preds["support"] = (y, (levels - 1) * 25)
    return {"metrics": metrics, "predictions": preds}


def accuracy_by_group(y, proba, groups) -> dict:
    """Headline accuracy (at 0.5) per group, groups in name order."""
    y, proba, groups = np.asarray(y), np.asarray(proba), np.asarray(groups, dtype=object)
    return {str(g): float(np.mean((proba[groups == g] >= 0.5) == y[groups == g])) for g in sorted(set(groups))}


#: A kind or source needs this many examples for its own Spearman figure (fewer is noise).
MIN_BREAKDOWN = 10


def support_breakdown(y, levels, examples) -> dict:
    """Spearman per source set and per kind of article, and the mean over kinds.

    ``spearman_within_kind`` is the mean of the per-kind figures (kinds with at
    least :data:`MIN_BREAKDOWN` examples and more than one label): within one
    kind topic cannot help, so this says whether the model reads sourcing
    (the two annotators agree at about 0.80 there).
    """
    from scipy.stats import spearmanr

    y, levels = np.asarray(y, dtype=float), np.asarray(levels, dtype=float)

    def rho(mask):
        if mask.sum() < MIN_BREAKDOWN or np.ptp(y[mask]) == 0 or np.ptp(levels[mask]) == 0:
            return None
        return float(spearmanr(y[mask], levels[mask]).statistic)

    out = {}
    # Label-file articles carry no source set or kind: they are their own
    # "label_files" source and stay out of the per-kind figures.
    sources = np.array([e.source or "label_files" for e in examples], dtype=object)
    kinds = np.array([e.kind or "" for e in examples], dtype=object)
    out["spearman_by_source"] = {k: v for k, v in ((str(s), rho(sources == s)) for s in sorted(set(sources)))
                                 if v is not None}
    out["spearman_by_kind"] = {k: v for k, v in ((str(s), rho(kinds == s)) for s in sorted(set(kinds)) if s)
                               if v is not None}
    per_kind = list(out["spearman_by_kind"].values())
    out["spearman_within_kind"] = float(np.mean(per_kind)) if per_kind else None
    return out


def gate(new: dict, current: dict) -> list[str]:
    """Reasons the new model is worse than the current beyond tolerance (empty: it may replace it)."""
    reasons = []
    for model, (metric, tol) in TOLERANCE.items():
        a = (new.get(model) or {}).get(metric)
        b = (current.get(model) or {}).get(metric)
        if a is None or b is None:
            continue
        if a < b - tol:
            reasons.append(f"{model} {metric} {a:.3f} is below the current model's {b:.3f} by more than {tol}")
    return reasons


def train(*, data_dir=None, label_paths=(), out=None, seed=0, promote=False, force=False,
          skip_invalid=False, registry=None, repo_root=None, current_model=None,
          pointer=None, command=None, echo=None, cv=False) -> RunReport:
    """Train both models, evaluate them on the fixed dev split, save a model folder.

    Parameters
    ----------
    data_dir : path, optional
        Folder of the public sets (``$RELIABILITY_DATA`` when None); without it only
        label files are used.
    label_paths : list of paths
        Label files or folders added to the registry's sources.
    out : path, optional
        Where to write the model folder (default: a new ``models/v<timestamp>``).
    promote : bool
        Make the new model the package's default, if it passes the quality gate.
    force : bool
        Promote even when the gate refuses.
    current_model : path, optional
        The model to compare with (default: the package's default model).
    cv : bool
        Also cross-validate the recipe (leave-publishers-out headlines inside the
        training side, grouped support folds, leave-topics-out hoax AUC; a few
        minutes on 2 cores) and record it in the manifest and model card.

    Raises
    ------
    TrainingRefused
        Invalid label files (without ``skip_invalid``), no data, a failed save
        (e.g. a full disk: the previous model is left as it was), another
        promotion running, input files that changed during the run (with
        ``promote``), or a refused promotion.
    """
    echo = echo or (lambda m: print(m, file=sys.stderr))
    if promote:
        # Taken first, held to the end: a second --promote fails at once
        # instead of after a full training run, and the "current" model this
        # run compares with cannot change under it.
        with promotion_lock(pointer):
            return _train(data_dir=data_dir, label_paths=label_paths, out=out, seed=seed, promote=True,
                          force=force, skip_invalid=skip_invalid, registry=registry, repo_root=repo_root,
                          current_model=current_model, pointer=pointer, command=command, echo=echo, cv=cv)
    return _train(data_dir=data_dir, label_paths=label_paths, out=out, seed=seed, promote=False,
                  force=force, skip_invalid=skip_invalid, registry=registry, repo_root=repo_root,
                  current_model=current_model, pointer=pointer, command=command, echo=echo, cv=cv)


def _train(*, data_dir, label_paths, out, seed, promote, force, skip_invalid, registry, repo_root, cv,
           current_model, pointer, command, echo) -> RunReport:
    import scipy
    import sklearn

    from reliability import __version__
    from reliability.modelstore import ModelError, default_model, load_model, save_model

    from .data import DataError, load_training_data, resolve_data_dir
    from .fit import (UNLABELLED_WEIGHT, describe_model, example_columns, fit_headline, fit_support,
                      headline_soft_labels, support_pipeline)
    from .sources import REPO_ROOT, RegistryError, load_registry

    step = Steps(echo)
    # Registry paths and the default models/ folder are relative to the checkout
    # (an editable install); an installed copy without labelled/ uses the cwd.
    root = Path(repo_root) if repo_root else (REPO_ROOT if (REPO_ROOT / "labelled").is_dir() else Path.cwd())
    data_dir = resolve_data_dir(data_dir)

    step("loading data")
    try:
        sources = load_registry(registry)
    except RegistryError as exc:
        raise TrainingRefused(str(exc)) from None
    try:
        data, labels = load_training_data(data_dir, sources, label_paths, skip_invalid=skip_invalid, repo_root=root)
    except DataError as exc:
        raise TrainingRefused(str(exc)) from None
    if labels.problems and not skip_invalid:
        lines = [str(p) for p in labels.problems]
        raise TrainingRefused(
            f"{len(lines)} problem(s) in the label files; nothing was trained "
            f"(fix them, or use --skip-invalid):\n" + "\n".join(f"  {l}" for l in lines))
    for p in data.skipped:
        echo(f"  skipped {p}")
    counts = data.label_counts()
    for src in data.sources:
        echo(f"  {src['name']}: {src.get('rows', src.get('status'))} rows")
    for f in data.label_files:
        echo(f"  label file {f['path']}")
    echo(f"  support: {counts['support']['total']} articles ({counts['support']['train']} train, "
         f"{counts['support']['dev']} dev, {counts['support']['from_label_files']} from label files); "
         f"headlines: {counts['sensational']['total']} ({counts['sensational']['train']} train, "
         f"{counts['sensational']['dev']} dev); {data.overridden} label(s) overridden by later ones; "
         f"{len(data.skipped)} skipped")
    train_h, _ = data.split("sensational")
    train_s, _ = data.split("support")
    minority = min(sum(e.sensational == c for e in train_h) for c in (0, 1))
    if minority < 2:
        raise TrainingRefused("too few headline labels to train (need at least 2 of each class on the train side)")
    if len(train_s) < 10:
        raise TrainingRefused("too few support labels to train (need at least 10)")

    unlabelled = data.unlabelled_titles
    step(f"fitting the headline model on {len(train_h)} headlines"
         + (f", self-trained on {len(unlabelled)} unlabelled ones" if unlabelled else ""))
    headline = fit_headline(example_columns(train_h, read=False), [e.sensational for e in train_h],
                            headline_soft_labels(train_h), unlabelled)
    step(f"fitting the support model on {len(train_s)} articles")
    support = support_pipeline(n_examples=len(train_s))
    fit_support(support, example_columns(train_s), np.array([e.support for e in train_s], dtype=float),
                [e.evidence for e in train_s])

    step("evaluating on the dev split")
    new_eval = evaluate_models(headline, support, data)
    metrics = {name: {"dev": m} for name, m in new_eval["metrics"].items()}
    from .evaluate import hoax_dev_metrics
    hoax = hoax_dev_metrics(support, data_dir)
    if hoax is not None:
        metrics["hoax"] = {"dev": hoax}
    current_id = None
    try:
        if current_model is not None:
            current = load_model(current_model)
        else:
            folder, pin = default_model(pointer)
            current = load_model(folder, sha256=pin)
    except ModelError as exc:
        current = None
        echo(f"  no current model to compare with ({exc})")
    if current is not None:
        step(f"evaluating the current model {current.version} on the same split")
        try:
            cur_eval = evaluate_models(current.headline, current.support, data)
        except Exception as exc:  # e.g. fitted with features this version no longer makes
            echo(f"  the current model cannot be evaluated with this version ({type(exc).__name__}: {exc}); "
                 "no comparison")
        else:
            current_id = {"version": current.version, "sha256": current.manifest_sha256}
            if current.manifest.get("split") != _split():
                # The current model was held out on another split, so it may have
                # trained on part of this run's held-out examples: its column can
                # look better than it is. Say so in the manifest, card and refusal.
                current_id["split_differs"] = True
            for name, m in cur_eval["metrics"].items():
                metrics.setdefault(name, {})["current"] = m

    cross_validation = None
    if cv:
        from .crossval import cross_validate
        cross_validation = cross_validate(data, data_dir, seed=seed, step=step)

    version = (Path(out).name if out else None) or default_out(root).name
    out = Path(out) if out else root / "models" / version
    manifest = {
        "version": version,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "package": {"reliability": __version__},
        # SciPy too: its L-BFGS fits the logistic regressions, and a new SciPy
        # alone has moved a few headline predictions (benchmarks/RESULTS.md).
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "scipy": scipy.__version__},
        "command": command or "reliability train",
        "seed": seed,
        "data": {"sources": data.sources, "label_files": data.label_files},
        "split": _split(),
        "label_counts": counts,
        "overridden": data.overridden,
        "skipped": [str(p) for p in data.skipped],
        "metrics": metrics,
        "compared_with": current_id,
        "models": {"headline": describe_model(headline), "support": describe_model(support)},
    }
    if unlabelled:
        manifest["self_training"] = {"headline": {"unlabelled_titles": len(unlabelled), "weight": UNLABELLED_WEIGHT}}
    if current_id and current_id.get("split_differs"):
        manifest["notes"] = (f"The current model {current_id['version']} was trained with another held-out "
                             "split, so it may have trained on part of this split's held-out examples: its "
                             "\"current model\" figures can be inflated and are not a fair comparison.")
    if cross_validation is not None:
        manifest["cross_validation"] = cross_validation

    def write_docs(folder, manifest):
        from . import report
        names = []
        preds = new_eval["predictions"]
        if "headline" in preds:
            y, proba = preds["headline"]
            names.append(report.plot_confusion_matrix(y, (proba >= 0.5).astype(int), folder / "headline_confusion.png").name)
            names.append(report.plot_precision_recall(y, proba, folder / "headline_precision_recall.png").name)
            names.append(report.plot_calibration(y, proba, folder / "headline_calibration.png").name)
        if "support" in preds:
            y, scores = preds["support"]
            names.append(report.plot_support_scatter(y, scores, folder / "support_scatter.png").name)
        manifest["plots"] = list(names)
        names.append(report.write_model_card(folder, manifest).name)
        return names

    # The model matches the manifest whatever happened on disk (each file was
    # read once and the hash recorded is of those bytes); say so when a file
    # moved on meanwhile, so nobody believes their latest labels are in it.
    changed = data.changed_inputs()
    for shown, was, now in changed:
        echo(f"  warning: {shown} changed while training ran; this model was trained on the version read "
             f"at the start (sha256 {was[:12]}…, recorded in the manifest), not the new one ({now[:12]}…)")
    manifest["data"]["changed_during_run"] = [shown for shown, _, _ in changed]

    step(f"saving {out}")
    try:
        digest = save_model(out, headline, support, manifest, write_docs=write_docs)
    except OSError as exc:
        kept = "the model already there is unchanged" if Path(out).exists() else "nothing was written"
        raise TrainingRefused(f"could not save the model to {out} ({_os_reason(exc)}); {kept}") from None
    saved = load_model(out, sha256=digest)  # what was written loads and verifies
    report_ = RunReport(out=out, manifest=saved.manifest, manifest_sha256=digest)

    if promote:
        if changed:
            raise TrainingRefused(
                f"not promoted (the current model is kept): {', '.join(s for s, _, _ in changed)} changed while "
                f"training ran; {out} was trained on the version read at the start. Run again to train on the new one.")
        reasons = gate({k: v["dev"] for k, v in metrics.items()},
                       {k: v.get("current") for k, v in metrics.items() if v.get("current")})
        report_.gate = reasons
        if reasons and not force:
            hint = (" The current model was trained with another held-out split, so its figures on this one "
                    "may be inflated." if current_id and current_id.get("split_differs") else "")
            raise TrainingRefused("not promoted (the current model is kept): " + "; ".join(reasons)
                                  + "." + hint + " Use --force to promote anyway.")
        try:
            _promote(out, digest, pointer=pointer)
        except OSError as exc:
            raise TrainingRefused(f"could not promote {out} ({_os_reason(exc)}); the default model is unchanged; "
                                  f"{out} is saved and can be promoted later") from None
        report_.promoted = True
        step(f"promoted {version} to the default model")
    step("done")
    return report_


def _split():
    from .splits import describe_split
    return describe_split()


def _os_reason(exc: OSError) -> str:
    name = errno.errorcode.get(exc.errno, "") if exc.errno else ""
    text = exc.strerror or str(exc) or type(exc).__name__
    return f"{text} [{name}]" if name else text


#: Name of the lock file beside the default pointer (``reliability/models/``).
LOCK_NAME = ".promote.lock"


class PromotionBusy(TrainingRefused):
    """Another ``reliability train --promote`` holds the promotion lock."""


@contextmanager
def promotion_lock(pointer=None):
    """Hold the lock that lets one process at a time promote a model (a context manager).

    The lock is an OS lock (``flock``; ``msvcrt.locking`` on Windows) on the
    file ``.promote.lock`` beside ``default.json``. It belongs to the open
    file, so the OS releases it when the holder exits in any way, crash and
    ``kill -9`` included: a lock file left behind is never stale, the next
    run simply locks it again. What the file says (pid, host, start time,
    command) is only there to name the holder in the error.

    Raises
    ------
    PromotionBusy
        At once (no waiting) when another process holds the lock.
    """
    from reliability.modelstore import DEFAULT_POINTER

    pointer = Path(pointer or DEFAULT_POINTER)
    path = pointer.parent / LOCK_NAME
    try:
        pointer.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+", encoding="utf-8")
    except OSError as exc:
        raise TrainingRefused(f"cannot create the promotion lock {path} ({_os_reason(exc)})") from None
    try:
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            holder = " ".join(fh.read(500).split()) or "unknown"
            raise PromotionBusy(
                f"another 'reliability train --promote' is running ({holder}); it holds {path}. "
                "Nothing was trained: run again when it has finished") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} on {socket.gethostname()} since "
                 f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M:%S')} UTC: {' '.join(sys.argv[:4])}\n")
        fh.flush()
        yield path
    finally:
        fh.close()  # closing releases the lock


def _lock(fh) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def promote_model(folder, digest, pointer=None):
    """Make ``folder`` the package's default model, under the promotion lock (see :func:`promotion_lock`)."""
    with promotion_lock(pointer):
        _promote(folder, digest, pointer)


def _promote(folder, digest, pointer=None):
    """Copy ``folder`` beside the old default, verify it, then swap the pointer (caller holds the lock).

    Every step before the pointer swap writes only new names, and the swap is
    one atomic rename: a failure anywhere (a full disk) leaves the old default
    model and ``default.json`` exactly as they were, and no half copy behind.
    """
    from reliability.modelstore import DEFAULT_POINTER, ModelError, default_model, verify_model, write_default_pointer

    pointer = Path(pointer or DEFAULT_POINTER)
    folder = Path(folder)
    try:
        old_folder, _ = default_model(pointer)
    except ModelError:
        old_folder = None
    target = pointer.parent / folder.name
    if target.resolve() != folder.resolve():
        # Never overwrite an existing folder (it may be the current default):
        # take a free name instead; the pointer says which folder is in use.
        n = 1
        while target.exists():
            n += 1
            target = pointer.parent / f"{folder.name}-{n}"
        tmp = pointer.parent / f".{target.name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            # File by file (a model folder is flat): the first failure comes
            # out as itself (ENOSPC), not folded into a shutil.Error list.
            tmp.mkdir(parents=True)
            for f in sorted(folder.iterdir()):
                if f.is_file():
                    shutil.copy2(f, tmp / f.name)
            tmp.rename(target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        created = True
    else:
        created = False
    try:
        verify_model(target, digest)
        write_default_pointer(target.name, digest, pointer)
    except BaseException:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        raise
    if old_folder is not None and old_folder.resolve() != target.resolve():
        shutil.rmtree(old_folder, ignore_errors=True)
