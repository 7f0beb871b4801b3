import json

import pytest

from reliability.modelstore import (
    FORMAT_VERSION, ModelError, default_model, load_model, save_model, sha256_file, verify_model,
    write_default_pointer,
)


class Toy:
    """A picklable stand-in for a fitted pipeline."""

    def __init__(self, value):
        self.value = value


def _save(folder, value=1, **kw):
    return save_model(folder, Toy(value), Toy(value + 1), {"version": f"v{value}"}, **kw)


def test_save_writes_manifest_with_hashes_and_loads(tmp_path):
    digest = _save(tmp_path / "m")
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["files"]["headline.joblib"] == sha256_file(tmp_path / "m" / "headline.joblib")
    model = load_model(tmp_path / "m", sha256=digest)
    assert (model.headline.value, model.support.value, model.version) == (1, 2, "v1")
    assert model.manifest_sha256 == digest


def test_tampered_file_is_refused_before_unpickling(tmp_path):
    _save(tmp_path / "m")
    (tmp_path / "m" / "support.joblib").write_bytes(b"not the pickle that was hashed")
    with pytest.raises(ModelError, match=r"support\.joblib: SHA-256 [0-9a-f]{12}… differs from the manifest \([0-9a-f]{12}…\); refusing to load"):
        load_model(tmp_path / "m")


def test_pin_mismatch_is_refused(tmp_path):
    _save(tmp_path / "m")
    with pytest.raises(ModelError, match="does not match the pinned"):
        verify_model(tmp_path / "m", sha256="0" * 64)


def _rewrite_manifest(folder, text):
    """Replace the manifest and its pin file together (a consistent but broken folder)."""
    import hashlib
    (folder / "manifest.json").write_text(text)
    (folder / "manifest.sha256").write_text(hashlib.sha256(text.encode()).hexdigest() + "\n")


@pytest.mark.parametrize("breakage, message", [
    (lambda d: (d / "manifest.json").unlink(), "no manifest.json"),
    (lambda d: _rewrite_manifest(d, "{oops"), "unreadable manifest"),
    (lambda d: _rewrite_manifest(d, json.dumps({"format_version": 99})), "model format 99 is not supported"),
    (lambda d: (d / "manifest.json").write_text("{oops"), "the manifest was changed after training; refusing to load"),
    (lambda d: (d / "headline.joblib").unlink(), "headline.joblib: listed in the manifest but missing"),
])
def test_broken_folders_give_one_line_errors(tmp_path, breakage, message):
    _save(tmp_path / "m")
    breakage(tmp_path / "m")
    with pytest.raises(ModelError) as info:
        load_model(tmp_path / "m")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_folder(tmp_path):
    with pytest.raises(ModelError, match="model folder not found"):
        load_model(tmp_path / "nowhere")


def test_interrupted_save_leaves_old_model_byte_identical(tmp_path):
    _save(tmp_path / "m", value=1)
    before = {p.name: p.read_bytes() for p in (tmp_path / "m").iterdir()}

    def explode(folder, manifest):
        raise RuntimeError("disk full, half way through")

    with pytest.raises(RuntimeError, match="disk full"):
        _save(tmp_path / "m", value=5, write_docs=explode)
    after = {p.name: p.read_bytes() for p in (tmp_path / "m").iterdir()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["m"]  # no temp folder left behind


def test_replacing_an_existing_model(tmp_path):
    _save(tmp_path / "m", value=1)
    digest = _save(tmp_path / "m", value=7)
    assert load_model(tmp_path / "m", sha256=digest).headline.value == 7


def test_default_pointer_round_trip(tmp_path):
    digest = _save(tmp_path / "v1")
    write_default_pointer("v1", digest, tmp_path / "default.json")
    folder, pin = default_model(tmp_path / "default.json")
    assert (folder, pin) == (tmp_path / "v1", digest)
    with pytest.raises(ModelError, match="no default model is installed"):
        default_model(tmp_path / "missing.json")


def test_shipped_default_model_is_pinned_and_loads():
    folder, pin = default_model()
    model = load_model()
    assert model.path == folder
    assert model.manifest_sha256 == pin
    assert set(model.manifest["files"]) >= {"headline.joblib", "support.joblib"}
