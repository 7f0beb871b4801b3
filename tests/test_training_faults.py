"""Training data faults: label files changing mid-run, a full disk while saving, two promotions at once.

Every test trains the tiny model on the team's examples (no public data), with
a private default pointer: the package's own model is never touched.
"""
import errno
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading

import pytest

from reliability import modelstore
from reliability.cli import main
from reliability.modelstore import default_model, load_model, save_model, write_default_pointer

from conftest import EXAMPLES, REPO


class Toy:
    def __init__(self, value):
        self.value = value


def _train(registry, **kw):
    from training.run import train
    kw.setdefault("echo", lambda m: None)
    return train(data_dir=None, registry=registry, repo_root=REPO, **kw)


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder, skip=(".promote.lock",)):
    """Every file under ``folder`` (relative path -> bytes), the lock file aside."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in skip}


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture()
def labels(tmp_path):
    """A private copy of the team's label file, free to be edited during a run."""
    path = tmp_path / "labels.jsonl"
    shutil.copy(EXAMPLES, path)
    return path


def _append_record(path):
    record = {"id": "late-edit", "title": "Judul Tambahan Dari Editor", "support": 4, "sensational": 0,
              "text": "Kepala Dinas Kesehatan Kota Bogor, Sri Lestari, mengatakan vaksinasi dimulai Senin."}
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


# --- a label file that changes while training runs


def test_label_file_edited_mid_run_is_reported_and_the_model_matches_its_manifest(
        tmp_path, team_registry, labels, monkeypatch):
    from training import run as run_module

    original = _sha(labels)
    n_records = sum(1 for line in labels.read_text().splitlines() if line.strip())
    real = run_module.evaluate_models
    calls = []

    def evaluate_then_edit(*args, **kw):
        if not calls:
            _append_record(labels)  # an editor saves the file while the model is being evaluated
        calls.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(run_module, "evaluate_models", evaluate_then_edit)
    said = []
    report = _train(team_registry, label_paths=[labels], out=tmp_path / "m", pointer=tmp_path / "none.json",
                    echo=said.append)
    manifest = report.manifest
    entry = [f for f in manifest["data"]["label_files"] if f["path"] == str(labels)]
    assert entry == [{"path": str(labels), "sha256": original}]  # the bytes trained on
    assert manifest["data"]["changed_during_run"] == [str(labels)]
    assert (f"  warning: {labels} changed while training ran; this model was trained on the version read at the "
            f"start (sha256 {original[:12]}…, recorded in the manifest), not the new one ({_sha(labels)[:12]}…)") in said
    # the late record is not in the model: the counts are those of the file as read (same ids as the team's 40)
    assert n_records == 40
    assert manifest["label_counts"]["support"]["from_label_files"] == 40


def test_label_file_replaced_right_after_it_was_read_records_the_bytes_parsed(
        tmp_path, team_registry, labels, monkeypatch):
    # Before: the hash was taken by reading the file a second time, so an edit
    # in between recorded a hash of data the model never saw.
    from training import labels as labels_module

    original = _sha(labels)
    real = labels_module.read_labels

    def read_then_edit(*args, **kw):
        out = real(*args, **kw)
        _append_record(labels)
        return out

    monkeypatch.setattr(labels_module, "read_labels", read_then_edit)
    report = _train(team_registry, label_paths=[labels], out=tmp_path / "m", pointer=tmp_path / "none.json")
    entry = [f for f in report.manifest["data"]["label_files"] if f["path"] == str(labels)]
    assert entry == [{"path": str(labels), "sha256": original}]
    assert report.manifest["data"]["changed_during_run"] == [str(labels)]


def test_label_file_edited_mid_run_is_not_promoted(tmp_path, team_registry, labels, monkeypatch):
    from training import run as run_module
    from training.run import TrainingRefused

    pointer = tmp_path / "pkg" / "default.json"
    pointer.parent.mkdir()
    digest = save_model(pointer.parent / "v0", Toy(1), Toy(2), {"version": "v0"})
    write_default_pointer("v0", digest, pointer)
    before = _snapshot(pointer.parent)
    real = run_module.evaluate_models
    monkeypatch.setattr(run_module, "evaluate_models",
                        lambda *a, **k: (_append_record(labels), real(*a, **k))[1])
    with pytest.raises(TrainingRefused) as info:
        _train(team_registry, label_paths=[labels], out=tmp_path / "runs" / "v1", promote=True, pointer=pointer)
    assert str(info.value) == (f"not promoted (the current model is kept): {labels} changed while training ran; "
                               f"{tmp_path / 'runs' / 'v1'} was trained on the version read at the start. "
                               "Run again to train on the new one.")
    assert _snapshot(pointer.parent) == before
    assert default_model(pointer) == (pointer.parent / "v0", digest)


# --- a full disk while saving


@pytest.mark.parametrize("writer", ["joblib.dump", "model card"])
def test_full_disk_while_saving_a_run_leaves_the_old_run_folder_intact(tmp_path, team_registry, monkeypatch, writer):
    import joblib

    from training import report as report_module
    from training.run import TrainingRefused

    out = tmp_path / "runs" / "m"
    save_model(out, Toy(1), Toy(2), {"version": "old"})
    before = _snapshot(out)
    if writer == "joblib.dump":
        monkeypatch.setattr(joblib, "dump", _enospc)
    else:
        monkeypatch.setattr(report_module, "write_model_card", _enospc)
    with pytest.raises(TrainingRefused) as info:
        _train(team_registry, out=out, pointer=tmp_path / "none.json")
    assert str(info.value) == (f"could not save the model to {out} (No space left on device [ENOSPC]); "
                               "the model already there is unchanged")
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["m"]  # no temporary folder left


def test_full_disk_via_cli_is_one_line_and_exit_1(tmp_path, team_registry, monkeypatch, capsys):
    import joblib

    monkeypatch.setattr(joblib, "dump", _enospc)
    monkeypatch.setattr(modelstore, "DEFAULT_POINTER", tmp_path / "pkg" / "default.json")
    out = tmp_path / "runs" / "new"
    assert main(["train", "--registry", str(team_registry), "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"reliability: could not save the model to {out} (No space left on device [ENOSPC]); nothing was written"
    assert "Traceback" not in "\n".join(err)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


@pytest.mark.parametrize("stage", ["copying the model", "writing default.json"])
def test_full_disk_while_promoting_leaves_the_default_intact(tmp_path, team_registry, monkeypatch, stage):
    from training.run import TrainingRefused

    pointer = tmp_path / "pkg" / "default.json"
    pointer.parent.mkdir()
    digest = save_model(pointer.parent / "v0", Toy(1), Toy(2), {"version": "v0"})
    write_default_pointer("v0", digest, pointer)
    before = _snapshot(pointer.parent)

    if stage == "copying the model":
        real_copy = shutil.copy2
        copied = []

        def copy_then_fail(src, dst, **kw):
            if len(copied) >= 2:
                _enospc()
            copied.append(src)
            return real_copy(src, dst, **kw)

        monkeypatch.setattr(shutil, "copy2", copy_then_fail)
    else:
        real_write = modelstore.write_default_pointer

        def write_on_full_disk(*args, **kw):
            monkeypatch.setattr(os, "fsync", _enospc)
            return real_write(*args, **kw)

        monkeypatch.setattr(modelstore, "write_default_pointer", write_on_full_disk)
    out = tmp_path / "runs" / "v1"
    with pytest.raises(TrainingRefused) as info:
        _train(team_registry, out=out, promote=True, force=True, pointer=pointer)
    monkeypatch.undo()
    assert str(info.value) == (f"could not promote {out} (No space left on device [ENOSPC]); the default model is "
                               f"unchanged; {out} is saved and can be promoted later")
    assert _snapshot(pointer.parent) == before  # old folder, pointer, and no half copy
    assert sorted(p.name for p in pointer.parent.iterdir()) == [".promote.lock", "default.json", "v0"]
    assert load_model(*default_model(pointer)).version == "v0"
    assert load_model(out).version == "v1"  # the run itself was saved


def test_promoting_a_run_named_like_the_default_never_overwrites_it(tmp_path, team_registry):
    pointer = tmp_path / "pkg" / "default.json"
    pointer.parent.mkdir()
    digest = save_model(pointer.parent / "v1", Toy(1), Toy(2), {"version": "v1"})
    write_default_pointer("v1", digest, pointer)
    report = _train(team_registry, out=tmp_path / "runs" / "v1", promote=True, force=True, pointer=pointer)
    folder, pin = default_model(pointer)
    assert folder == pointer.parent / "v1-2" and pin == report.manifest_sha256
    assert not (pointer.parent / "v1").exists()  # the old default goes only after the switch


# --- two promotions at once


def test_second_promotion_refused_while_the_lock_is_held(tmp_path, team_registry):
    from training.run import PromotionBusy, promotion_lock

    pointer = tmp_path / "pkg" / "default.json"
    said = []
    with promotion_lock(pointer) as lock:
        with pytest.raises(PromotionBusy) as info:
            _train(team_registry, out=tmp_path / "runs" / "v1", promote=True, pointer=pointer, echo=said.append)
    message = str(info.value)
    assert re.fullmatch(
        rf"another 'reliability train --promote' is running \(pid {os.getpid()} on {re.escape(socket.gethostname())} "
        rf"since \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC: .*\); it holds {re.escape(str(lock))}\. "
        r"Nothing was trained: run again when it has finished", message), message
    assert info.value.exit_code == 1
    assert said == []  # refused before reading any data
    assert not (tmp_path / "runs").exists()
    assert not pointer.exists()


def test_two_promotions_racing_exactly_one_promotes(tmp_path, team_registry):
    from training.run import PromotionBusy

    pointer = tmp_path / "pkg" / "default.json"
    start = threading.Barrier(2)
    outcomes = {}

    def run(name):
        start.wait()
        try:
            outcomes[name] = _train(team_registry, out=tmp_path / "runs" / name, promote=True, pointer=pointer)
        except PromotionBusy as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in ("va", "vb")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    promoted = [n for n, o in outcomes.items() if not isinstance(o, Exception)]
    refused = [n for n, o in outcomes.items() if isinstance(o, PromotionBusy)]
    assert len(promoted) == 1 and len(refused) == 1, outcomes
    assert default_model(pointer) == (pointer.parent / promoted[0], outcomes[promoted[0]].manifest_sha256)


def test_lock_held_by_another_process_then_left_stale_by_kill_9(tmp_path, team_registry, monkeypatch, capsys):
    pointer = tmp_path / "pkg" / "default.json"
    monkeypatch.setattr(modelstore, "DEFAULT_POINTER", pointer)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from training.run import promotion_lock; cm = promotion_lock(sys.argv[1]); cm.__enter__(); "
         "print('locked', flush=True); sys.stdin.read()", str(pointer)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "locked"
        args = ["train", "--registry", str(team_registry), "--out", str(tmp_path / "runs" / "v1"), "--promote"]
        assert main(args) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"reliability: another 'reliability train --promote' is running (pid {holder.pid} on ")
        assert err.endswith(f"it holds {pointer.parent / '.promote.lock'}. Nothing was trained: run again when it has finished\n")
        assert err.count("\n") == 1
    finally:
        holder.send_signal(signal.SIGKILL)  # dies holding the lock: the file stays behind
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()
    assert (pointer.parent / ".promote.lock").read_text().startswith(f"pid {holder.pid} ")  # a "stale" lock file
    assert main(args) == 0  # the OS released the lock with the process: no stale-lock cleanup needed
    assert default_model(pointer)[0] == pointer.parent / "v1"
