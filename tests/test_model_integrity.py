"""Model integrity: a modified, truncated, swapped or version-skewed model is refused *before unpickling*.

"Before unpickling" is proved with a pickle that would run code: unpickling it
creates a marker file. Every refusal asserts the marker does not exist; one
control test shows the payload is live (a trusted pin is trust, not safety).
"""
import hashlib
import json
import shutil

import pytest

from reliability import modelstore
from reliability.cli import main
from reliability.modelstore import ModelError, load_model, save_model, sha256_file


class Toy:
    """A picklable stand-in for a fitted pipeline."""

    def __init__(self, value):
        self.value = value


class Payload:
    """Pickles to 'call exec(code)': unpickling it writes ``marker``."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('code ran')",))


@pytest.fixture()
def marker(tmp_path):
    path = tmp_path / "payload-ran"
    yield path


def _payload_bytes(tmp_path, marker):
    """The bytes of a joblib file whose unpickling runs code (written by joblib itself)."""
    import joblib
    f = tmp_path / "evil.joblib"
    joblib.dump(Payload(marker), f, compress=3)
    return f.read_bytes()


def _rewrite_manifest(folder, change):
    """Edit the manifest and update manifest.sha256 to match: a careful attacker."""
    manifest = json.loads((folder / "manifest.json").read_text())
    change(manifest)
    data = json.dumps(manifest).encode()
    (folder / "manifest.json").write_bytes(data)
    (folder / "manifest.sha256").write_text(hashlib.sha256(data).hexdigest() + "\n")
    return hashlib.sha256(data).hexdigest()


def _one_line(exc_info):
    message = str(exc_info.value)
    assert "\n" not in message
    return message


def test_control_the_payload_runs_when_nothing_stops_it(tmp_path, marker):
    # Correct hashes, pinned, right versions: loading a pickle runs its code.
    # This is why the README says never to load a model from someone you do not trust.
    digest = save_model(tmp_path / "m", Payload(marker), Payload(marker), {"version": "evil"})
    assert not marker.exists()
    load_model(tmp_path / "m", sha256=digest)
    assert marker.read_text() == "code ran"


def test_modified_file_refused_before_unpickling(tmp_path, marker):
    digest = save_model(tmp_path / "m", Toy(1), Toy(2), {"version": "v1"})
    expected = sha256_file(tmp_path / "m" / "support.joblib")
    (tmp_path / "m" / "support.joblib").write_bytes(_payload_bytes(tmp_path, marker))
    actual = sha256_file(tmp_path / "m" / "support.joblib")
    for pin in (None, digest):
        with pytest.raises(ModelError) as info:
            load_model(tmp_path / "m", sha256=pin)
        assert _one_line(info) == (f"{tmp_path / 'm' / 'support.joblib'}: SHA-256 {actual[:12]}… differs from the "
                                   f"manifest ({expected[:12]}…); refusing to load")
    assert not marker.exists()


def test_truncated_file_refused(tmp_path):
    save_model(tmp_path / "m", Toy(1), Toy(2), {"version": "v1"})
    f = tmp_path / "m" / "headline.joblib"
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    with pytest.raises(ModelError, match=r"headline\.joblib: SHA-256 [0-9a-f]{12}… differs from the manifest"):
        load_model(tmp_path / "m")


def test_swapped_file_with_rewritten_manifest_refused_by_the_pin(tmp_path, marker):
    digest = save_model(tmp_path / "m", Toy(1), Toy(2), {"version": "v1"})
    evil = _payload_bytes(tmp_path, marker)
    (tmp_path / "m" / "headline.joblib").write_bytes(evil)
    new_digest = _rewrite_manifest(
        tmp_path / "m", lambda m: m["files"].update({"headline.joblib": hashlib.sha256(evil).hexdigest()}))
    with pytest.raises(ModelError) as info:
        load_model(tmp_path / "m", sha256=digest)
    assert _one_line(info) == (f"{tmp_path / 'm'}: manifest SHA-256 {new_digest[:12]}… does not match the pinned "
                               f"{digest[:12]}…")
    assert not marker.exists()


def test_manifest_edited_without_its_pin_file_refused(tmp_path, marker):
    save_model(tmp_path / "m", Toy(1), Toy(2), {"version": "v1"})
    evil = _payload_bytes(tmp_path, marker)
    (tmp_path / "m" / "headline.joblib").write_bytes(evil)
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text())
    recorded = (tmp_path / "m" / "manifest.sha256").read_text().strip()
    manifest["files"]["headline.joblib"] = hashlib.sha256(evil).hexdigest()
    (tmp_path / "m" / "manifest.json").write_text(json.dumps(manifest))
    actual = sha256_file(tmp_path / "m" / "manifest.json")
    with pytest.raises(ModelError) as info:
        load_model(tmp_path / "m")
    assert _one_line(info) == (f"{tmp_path / 'm' / 'manifest.json'}: SHA-256 {actual[:12]}… differs from "
                               f"manifest.sha256 ({recorded[:12]}…): the manifest was changed after training; "
                               "refusing to load")
    assert not marker.exists()


def test_unpinned_folder_without_pin_file_refused_and_explicit_pin_loads(tmp_path):
    digest = save_model(tmp_path / "m", Toy(1), Toy(2), {"version": "v1"})
    (tmp_path / "m" / "manifest.sha256").unlink()
    with pytest.raises(ModelError) as info:
        load_model(tmp_path / "m")
    assert _one_line(info) == (f"{tmp_path / 'm'}: no manifest.sha256 beside the manifest and no pin given; if you "
                               "trust this folder, pin its manifest with --model-sha256 (Scorer.load(path, sha256=...))")
    assert load_model(tmp_path / "m", sha256=digest).headline.value == 1
    assert load_model(tmp_path / "m", sha256=digest.upper()).headline.value == 1


@pytest.mark.parametrize("library, trained, series", [
    ("scikit-learn", "1.2.2", 2),
    ("scikit-learn", "0.24.0", 2),
    ("numpy", "1.26.4", 1),
])
def test_other_library_version_refused_before_unpickling(tmp_path, marker, library, trained, series):
    import numpy
    import sklearn

    installed = {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__}[library]
    save_model(tmp_path / "m", Payload(marker), Payload(marker), {"version": "old"})
    digest = _rewrite_manifest(tmp_path / "m", lambda m: m["versions"].update({library: trained}))
    with pytest.raises(ModelError) as info:
        load_model(tmp_path / "m", sha256=digest)
    assert _one_line(info) == (f"{tmp_path / 'm'}: model trained with {library} {trained}, but {installed} is "
                               f"installed; install the matching version (pip install '{library}=={trained}') "
                               "or retrain the model")
    assert not marker.exists()


def test_patch_release_of_the_same_series_loads(tmp_path):
    import sklearn
    major, minor = sklearn.__version__.split(".")[:2]
    save_model(tmp_path / "m", Toy(1), Toy(2), {"version": "v1"})
    _rewrite_manifest(tmp_path / "m", lambda m: m["versions"].update({"scikit-learn": f"{major}.{minor}.99"}))
    assert load_model(tmp_path / "m").support.value == 2


def test_manifest_without_versions_refused_before_unpickling(tmp_path, marker):
    save_model(tmp_path / "m", Payload(marker), Payload(marker), {"version": "old"})
    _rewrite_manifest(tmp_path / "m", lambda m: m.pop("versions"))
    with pytest.raises(ModelError) as info:
        load_model(tmp_path / "m")
    assert _one_line(info) == (f"{tmp_path / 'm'}: the manifest does not record the scikit-learn version the model "
                               "was trained with; refusing to unpickle it (retrain it with this version)")
    assert not marker.exists()


def test_file_swapped_after_the_check_is_not_unpickled(tmp_path, marker, monkeypatch):
    # Time-of-check/time-of-use: the bytes unpickled are the bytes hashed.
    save_model(tmp_path / "m", Toy(1), Toy(2), {"version": "v1"})
    evil = _payload_bytes(tmp_path, marker)
    real = modelstore.verify_model

    def verify_then_swap(folder, sha256=None, **kwargs):
        out = real(folder, sha256, **kwargs)
        (tmp_path / "m" / "support.joblib").write_bytes(evil)  # swapped right after the check
        return out

    monkeypatch.setattr(modelstore, "verify_model", verify_then_swap)
    with pytest.raises(ModelError, match=r"support\.joblib: SHA-256 [0-9a-f]{12}… differs from the manifest"):
        load_model(tmp_path / "m")
    assert not marker.exists()


def test_bad_file_names_in_manifest_refused(tmp_path):
    save_model(tmp_path / "m", Toy(1), Toy(2), {"version": "v1"})
    _rewrite_manifest(tmp_path / "m", lambda m: m["files"].update({"../outside.joblib": "0" * 64}))
    with pytest.raises(ModelError, match=r"manifest\.json: bad file name '\.\./outside\.joblib'"):
        load_model(tmp_path / "m")


def test_saved_manifest_records_versions_and_pin_file(tiny_model):
    import numpy
    import sklearn

    manifest = json.loads((tiny_model / "manifest.json").read_text())
    assert manifest["versions"]["scikit-learn"] == sklearn.__version__
    assert manifest["versions"]["numpy"] == numpy.__version__
    assert (tiny_model / "manifest.sha256").read_text() == sha256_file(tiny_model / "manifest.json") + "\n"


@pytest.fixture()
def shipped_copy(tmp_path, monkeypatch):
    """The shipped default model copied behind a private pointer (the package is never touched)."""
    folder, pin = modelstore.default_model()
    pkg = tmp_path / "pkg"
    shutil.copytree(folder, pkg / folder.name)
    shutil.copy(modelstore.DEFAULT_POINTER, pkg / "default.json")
    monkeypatch.setattr(modelstore, "DEFAULT_POINTER", pkg / "default.json")
    monkeypatch.delenv("RELIABILITY_MODEL", raising=False)
    return pkg / folder.name, pin


def test_tampered_shipped_model_refused_by_api_and_cli(shipped_copy, tmp_path, capsys):
    from reliability import Scorer

    folder, pin = shipped_copy
    f = folder / "headline.joblib"
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte
    f.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=rf"{f}: SHA-256 [0-9a-f]{{12}}… differs from the manifest"):
        Scorer.load()
    article = tmp_path / "a.txt"
    article.write_text("Polisi menangkap dua pencuri di pasar itu, kata Kapolsek Beji AKP Rudi.\n", encoding="utf-8")
    assert main(["score", str(article)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reliability: {f}: SHA-256 ") and err.endswith("; refusing to load\n")
    assert err.count("\n") == 1


def test_shipped_manifest_edited_refused_by_package_pin(shipped_copy):
    folder, pin = shipped_copy
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["metrics"] = {}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match=rf"{folder}: manifest SHA-256 [0-9a-f]{{12}}… does not match the pinned {pin[:12]}…"):
        load_model()


def test_cli_refuses_a_payload_model_folder_and_nothing_runs(tmp_path, marker, capsys):
    save_model(tmp_path / "m", Payload(marker), Payload(marker), {"version": "evil"})
    _rewrite_manifest(tmp_path / "m", lambda m: m["versions"].update({"scikit-learn": "1.0.2"}))
    article = tmp_path / "a.txt"
    article.write_text("Polisi menangkap dua pencuri di pasar itu, kata Kapolsek Beji AKP Rudi.\n", encoding="utf-8")
    assert main(["score", "--model", str(tmp_path / "m"), str(article)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reliability: {tmp_path / 'm'}: model trained with scikit-learn 1.0.2, but ")
    assert err.count("\n") == 1
    assert not marker.exists()


def test_compiled_model_loads_under_another_scikit_learn_and_its_files_are_still_checked(tiny_model, tmp_path):
    # The .npz files are plain arrays read without pickle: their output does not
    # depend on the scikit-learn version (tests/test_compiled.py), so a model
    # trained with another version is scored from them; its joblib files are not.
    folder = tmp_path / "m"
    shutil.copytree(tiny_model, folder)
    digest = _rewrite_manifest(folder, lambda m: m["versions"].update({"scikit-learn": "1.2.2"}))
    assert type(load_model(folder, sha256=digest).support).__name__ == "CompiledPipeline"
    with pytest.raises(ModelError, match="model trained with scikit-learn 1.2.2, but "):
        load_model(folder, sha256=digest, compiled=False)
    f = folder / "support.npz"
    f.write_bytes(f.read_bytes()[:-10])
    with pytest.raises(ModelError, match=rf"{f}: SHA-256 [0-9a-f]{{12}}… differs from the manifest"):
        load_model(folder, sha256=digest)
