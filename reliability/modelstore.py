"""The model folder: what is in it, how it is checked before loading, how it is saved.

A model is a folder::

    manifest.json       format version, package/library versions, SHA-256 of every
                        file below and of the training data, split, metrics
    headline.joblib     scikit-learn pipeline: (title, body) rows -> P(sensational)
    support.joblib      scikit-learn pipeline: (title, body) rows -> support level 1..5
    headline.npz,       the same pipelines compiled to plain arrays (reliability.compiled):
    support.npz         what scoring loads, with no pickle and no scikit-learn
    MODEL_CARD.md, *.png  documentation (optional, hashed too)

joblib files are pickles and run code when loaded, so :func:`load_model` refuses,
before unpickling anything, any file whose SHA-256 differs from the manifest, a
manifest whose own SHA-256 differs from its pin (``sha256=``, else the
``manifest.sha256`` file that :func:`save_model` writes beside it), and a model
trained with another scikit-learn (or numpy) series than the one installed:
scikit-learn only promises that a pickle loads in the version that wrote it.
The bytes that are hashed are the bytes that are unpickled (read once), so a
file swapped between the check and the load is not unpickled either. The shipped default model is named and pinned by one small
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
#: Beside the manifest: its SHA-256, the pin of a locally trained model.
MANIFEST_PIN = "manifest.sha256"
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


def read_manifest(folder, sha256: str | None = None) -> tuple[dict, str]:
    """Read and check ``manifest.json``; return it with its SHA-256.

    The manifest's bytes are checked against ``sha256`` when given, else
    against ``manifest.sha256`` beside it (written by :func:`save_model`);
    without either the folder is refused: nothing vouches for its manifest.
    """
    folder = Path(folder)
    path = folder / MANIFEST
    if not folder.is_dir():
        raise ModelError(f"{folder}: model folder not found")
    try:
        raw = path.read_bytes()
    except OSError:
        raise ModelError(f"{folder}: no {MANIFEST} (not a model folder)") from None
    digest = hashlib.sha256(raw).hexdigest()
    if sha256 is not None:
        if digest != str(sha256).strip().lower():
            raise ModelError(f"{folder}: manifest SHA-256 {digest[:12]}… does not match the pinned {str(sha256)[:12]}…")
    else:
        try:
            recorded = (folder / MANIFEST_PIN).read_text(encoding="ascii").split()[0].lower()
        except (OSError, UnicodeDecodeError, IndexError):
            raise ModelError(
                f"{folder}: no {MANIFEST_PIN} beside the manifest and no pin given; if you trust this folder, "
                f"pin its manifest with --model-sha256 (Scorer.load(path, sha256=...))") from None
        if digest != recorded:
            raise ModelError(f"{path}: SHA-256 {digest[:12]}… differs from {MANIFEST_PIN} ({recorded[:12]}…): "
                             "the manifest was changed after training; refusing to load")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(manifest, dict):
        raise ModelError(f"{path}: manifest is not a JSON object")
    fmt = manifest.get("format_version")
    if fmt != FORMAT_VERSION:
        raise ModelError(f"{path}: model format {fmt!r} is not supported (this package reads {FORMAT_VERSION})")
    return manifest, digest


def _series(version: str, parts: int) -> tuple:
    out = []
    for piece in str(version).split(".")[:parts]:
        digits = "".join(ch for ch in piece if ch.isdigit()) if not piece.isdigit() else piece
        out.append(int(digits) if digits else piece)
    return tuple(out)


def runtime_versions() -> dict:
    """The library versions a model saved now is trained with (recorded in its manifest)."""
    import platform

    import numpy
    import sklearn

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": numpy.__version__}


def check_versions(manifest: dict, where) -> None:
    """Refuse a model trained with another scikit-learn minor series (or numpy major) than installed.

    Checked from the manifest, before anything is unpickled: a pickle from
    another version may fail in odd ways, or load and predict differently.
    Patch releases (1.9.0 vs 1.9.1) keep their estimators' pickles and pass.

    Raises
    ------
    ModelError
        Saying which version to install.
    """
    import numpy
    import sklearn

    versions = manifest.get("versions")
    trained = versions.get("scikit-learn") if isinstance(versions, dict) else None
    if not isinstance(trained, str):
        raise ModelError(f"{where}: the manifest does not record the scikit-learn version the model was "
                         "trained with; refusing to unpickle it (retrain it with this version)")
    if _series(trained, 2) != _series(sklearn.__version__, 2):
        raise ModelError(f"{where}: model trained with scikit-learn {trained}, but {sklearn.__version__} is "
                         f"installed; install the matching version (pip install 'scikit-learn=={trained}') "
                         "or retrain the model")
    np_trained = versions.get("numpy")
    if isinstance(np_trained, str) and _series(np_trained, 1) != _series(numpy.__version__, 1):
        raise ModelError(f"{where}: model trained with numpy {np_trained}, but {numpy.__version__} is "
                         f"installed; install the matching version (pip install 'numpy=={np_trained}') "
                         "or retrain the model")


def verify_model(folder, sha256: str | None = None, *, library_versions: bool = True) -> tuple[dict, str]:
    """Check a model folder without loading any pickle: manifest, pin, versions, every file hash.

    ``library_versions=False`` skips the scikit-learn/numpy check, for loading
    the compiled files, which do not depend on either library's version.

    Raises
    ------
    ModelError
        With a one-line message naming the folder or file.
    """
    folder = Path(folder)
    manifest, digest = read_manifest(folder, sha256)
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise ModelError(f"{folder / MANIFEST}: no file hashes in manifest")
    for name in MODEL_FILES:
        if name not in files:
            raise ModelError(f"{folder / MANIFEST}: {name} is not listed")
    if library_versions:
        check_versions(manifest, folder)
    for name, expected in files.items():
        p = folder / name
        if not isinstance(name, str) or Path(name).name != name or name in (".", ".."):
            raise ModelError(f"{folder / MANIFEST}: bad file name {name!r}")
        if not p.is_file():
            raise ModelError(f"{p}: listed in the manifest but missing")
        actual = sha256_file(p)
        if actual != expected:
            raise ModelError(f"{p}: SHA-256 {actual[:12]}… differs from the manifest ({str(expected)[:12]}…); refusing to load")
    return manifest, digest


def _read_verified(path: Path, expected: str) -> bytes:
    """The file's bytes, after checking their hash: what is loaded is exactly what was hashed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{path}: cannot read ({exc.strerror or exc})") from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise ModelError(f"{path}: SHA-256 {actual[:12]}… differs from the manifest ({str(expected)[:12]}…); refusing to load")
    return data


def load_model(folder=None, sha256: str | None = None, *, compiled: bool = True) -> LoadedModel:
    """Load a model folder after checking every hash; the shipped default when ``folder`` is None.

    Nothing is read unless the manifest matches its pin (``sha256``, or
    ``manifest.sha256``; the default model is pinned by ``default.json``) and
    the bytes about to be loaded match the manifest's SHA-256.

    With ``compiled=True`` (the default) and compiled files in the folder, the
    pipelines are :class:`~reliability.compiled.CompiledPipeline` objects read
    from ``.npz`` without unpickling anything; they do not depend on the
    installed scikit-learn, which is not even imported. Otherwise the joblib
    pipelines are unpickled, only if the model was trained with the installed
    scikit-learn series.
    """
    import io

    if folder is None:
        folder, pinned = default_model()
        sha256 = sha256 or pinned
    folder = Path(folder)
    manifest, digest = verify_model(folder, sha256, library_versions=False)
    if compiled and all(name in manifest["files"] for name in COMPILED_FILES):
        from .compiled import CompiledPipeline

        blobs = {name: _read_verified(folder / name, manifest["files"][name]) for name in COMPILED_FILES}
        try:
            headline, support = (CompiledPipeline(blobs[name]) for name in COMPILED_FILES)
        except Exception as exc:
            raise ModelError(f"{folder}: could not read the compiled model ({type(exc).__name__}: {exc})") from None
        return LoadedModel(folder, manifest, digest, headline, support)
    import joblib

    check_versions(manifest, folder)
    blobs = {name: _read_verified(folder / name, manifest["files"][name]) for name in MODEL_FILES}
    try:
        headline = joblib.load(io.BytesIO(blobs["headline.joblib"]))
        support = joblib.load(io.BytesIO(blobs["support.joblib"]))
    except Exception as exc:  # a verified file of the right versions that still fails
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
        # Loading checks these before unpickling: every saved model records them.
        manifest.setdefault("versions", runtime_versions())
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
        with open(tmp / MANIFEST_PIN, "w", encoding="ascii") as fh:
            fh.write(hashlib.sha256(data).hexdigest() + "\n")
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
