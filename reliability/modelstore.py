"""The model folder: what is in it, how it is checked before loading, how it is saved.

A model is a folder::

    manifest.json       format version, package/library versions, SHA-256 of every
                        file below and of the training data, split, metrics
    headline.joblib     scikit-learn pipeline: (title, body) rows -> P(sensational)
    support.joblib      scikit-learn pipeline: (title, body) rows -> support level 1..5
    headline.npz,       the same pipelines compiled to plain arrays (reliability.compiled):
    support.npz         what scoring loads, with no pickle and no scikit-learn
    MODEL_CARD.md, *.png  documentation (optional, hashed too)

joblib files are pickles and run code when loaded, so :func:`load_model` refuses
any file whose SHA-256 differs from the manifest, and the manifest itself can be
pinned (``sha256=``). The shipped default model is named and pinned by one small
file, ``reliability/models/default.json`` (``{"folder": ..., "sha256": ...}``):
promoting a model writes its folder beside the old one, then swaps that file in
one atomic rename, so the default is never a mismatched model/pin pair.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MODEL_FILES = ("headline.joblib", "support.joblib")
COMPILED_FILES = ("headline.npz", "support.npz")
_PACKAGE_MODELS = Path(__file__).resolve().parent / "models"
DEFAULT_POINTER = _PACKAGE_MODELS / "default.json"


class ModelError(Exception):
    """A model folder is missing, incomplete, tampered with or of an unknown format."""


def sha256_file(path) -> str:
    """SHA-256 hex digest of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_model(pointer=None) -> tuple[Path, str]:
    """The shipped default model: its folder and the pinned SHA-256 of its manifest."""
    pointer = Path(pointer or DEFAULT_POINTER)
    try:
        data = json.loads(pointer.read_text(encoding="utf-8"))
        folder, digest = data["folder"], data["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ModelError(f"{pointer}: no default model is installed (expected folder and sha256)") from None
    if Path(folder).name != folder:
        raise ModelError(f"{pointer}: bad folder name {folder!r}")
    return pointer.parent / folder, digest


@dataclass(frozen=True)
class LoadedModel:
    """What :func:`load_model` returns: the two pipelines and the manifest."""

    path: Path
    manifest: dict
    manifest_sha256: str
    headline: object
    support: object

    @property
    def version(self) -> str:
        return str(self.manifest.get("version", "unknown"))


def read_manifest(folder) -> tuple[dict, str]:
    """Read and check ``manifest.json``; return it with its SHA-256."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not folder.is_dir():
        raise ModelError(f"{folder}: model folder not found")
    try:
        raw = path.read_bytes()
    except OSError:
        raise ModelError(f"{folder}: no {MANIFEST} (not a model folder)") from None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(manifest, dict):
        raise ModelError(f"{path}: manifest is not a JSON object")
    fmt = manifest.get("format_version")
    if fmt != FORMAT_VERSION:
        raise ModelError(f"{path}: model format {fmt!r} is not supported (this package reads {FORMAT_VERSION})")
    return manifest, hashlib.sha256(raw).hexdigest()


def verify_model(folder, sha256: str | None = None) -> tuple[dict, str]:
    """Check a model folder without loading any pickle: manifest, pin, every file hash.

    Raises
    ------
    ModelError
        With a one-line message naming the folder or file.
    """
    folder = Path(folder)
    manifest, digest = read_manifest(folder)
    if sha256 is not None and digest != sha256.lower():
        raise ModelError(f"{folder}: manifest SHA-256 {digest[:12]}… does not match the pinned {sha256[:12]}…")
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise ModelError(f"{folder / MANIFEST}: no file hashes in manifest")
    for name in MODEL_FILES:
        if name not in files:
            raise ModelError(f"{folder / MANIFEST}: {name} is not listed")
    for name, expected in files.items():
        p = folder / name
        if Path(name).name != name:
            raise ModelError(f"{folder / MANIFEST}: bad file name {name!r}")
        if not p.is_file():
            raise ModelError(f"{p}: listed in the manifest but missing")
        actual = sha256_file(p)
        if actual != expected:
            raise ModelError(f"{p}: SHA-256 {actual[:12]}… differs from the manifest ({str(expected)[:12]}…); refusing to load")
    return manifest, digest


def load_model(folder=None, sha256: str | None = None, *, compiled: bool = True) -> LoadedModel:
    """Load a model folder after checking every hash; the shipped default when ``folder`` is None.

    With ``compiled=True`` (the default) and compiled files in the folder, the
    pipelines are :class:`~reliability.compiled.CompiledPipeline` objects read
    from ``.npz`` without unpickling anything; otherwise the joblib pipelines.
    """
    if folder is None:
        folder, pinned = default_model()
        sha256 = sha256 or pinned
    folder = Path(folder)
    manifest, digest = verify_model(folder, sha256)
    if compiled and all(name in manifest["files"] for name in COMPILED_FILES):
        from .compiled import CompiledPipeline

        try:
            headline, support = (CompiledPipeline((folder / name).read_bytes()) for name in COMPILED_FILES)
        except Exception as exc:
            raise ModelError(f"{folder}: could not read the compiled model ({type(exc).__name__}: {exc})") from None
        return LoadedModel(folder, manifest, digest, headline, support)
    import joblib

    try:
        headline = joblib.load(folder / "headline.joblib")
        support = joblib.load(folder / "support.joblib")
    except Exception as exc:  # a verified file that still fails: version skew
        raise ModelError(f"{folder}: could not load model ({type(exc).__name__}: {exc})") from None
    return LoadedModel(folder, manifest, digest, headline, support)


def save_model(folder, headline, support, manifest: dict, extra_files: dict | None = None,
               write_docs=None) -> str:
    """Write a model folder atomically; return the manifest's SHA-256.

    Everything is written into a temporary sibling folder first; only when every
    file and the manifest are complete is it renamed into place, so an interrupted
    save leaves any existing model at ``folder`` exactly as it was.

    Parameters
    ----------
    folder : path
        Destination; replaced if it exists.
    headline, support : fitted pipelines
    manifest : dict
        Written with ``format_version`` and ``files`` (SHA-256 per file) added.
    extra_files : dict of name -> bytes, optional
        Further files to include (plots, model card), hashed like the models.
    write_docs : callable(tmp_folder, manifest) -> list of file names, optional
        Called after the models are written, to add documents that need the
        manifest (the model card and plots); the files it returns are hashed.
    """
    import joblib

    from .compiled import COMPILED_FORMAT, NotCompilable, compile_pipeline

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
    try:
        joblib.dump(headline, tmp / "headline.joblib", compress=3)
        joblib.dump(support, tmp / "support.joblib", compress=3)
        manifest = dict(manifest)
        try:
            compiled = [compile_pipeline(headline), compile_pipeline(support)]
        except NotCompilable as exc:  # still a valid model: it is scored through scikit-learn
            manifest["compiled"] = {"skipped": str(exc)}
        else:
            for name, data in zip(COMPILED_FILES, compiled):
                (tmp / name).write_bytes(data)
            manifest["compiled"] = {"format": COMPILED_FORMAT, "files": list(COMPILED_FILES)}
        for name, data in (extra_files or {}).items():
            (tmp / name).write_bytes(data)
        manifest["format_version"] = FORMAT_VERSION
        manifest["files"] = {n: sha256_file(tmp / n) for n in MODEL_FILES}
        for name in manifest["compiled"].get("files", ()):
            manifest["files"][name] = sha256_file(tmp / name)
        if write_docs is not None:
            for name in write_docs(tmp, manifest) or ():
                manifest["files"][name] = sha256_file(tmp / name)
        for name in extra_files or {}:
            manifest["files"][name] = sha256_file(tmp / name)
        data = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
        with open(tmp / MANIFEST, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _replace_dir(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return hashlib.sha256(data).hexdigest()


def _replace_dir(new: Path, folder: Path) -> None:
    """Move ``new`` to ``folder``; an existing ``folder`` is moved aside first and removed after."""
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
        old.rmdir()
        os.replace(folder, old)
        try:
            os.replace(new, folder)
        except BaseException:
            os.replace(old, folder)  # put the previous model back
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, folder)


def write_default_pointer(folder_name: str, digest: str, pointer=None) -> None:
    """Atomically point the default at ``folder_name`` with pin ``digest`` (temp file + rename)."""
    pointer = Path(pointer or DEFAULT_POINTER)
    fd, tmp = tempfile.mkstemp(prefix=".default-", dir=pointer.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"folder": folder_name, "sha256": digest}, fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, pointer)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
