"""Shared fixtures: the data folder (skipped when absent) and a tiny model trained on the team's examples."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "labelled" / "examples.jsonl"


def data_dir_or_none() -> Path | None:
    value = os.environ.get("RELIABILITY_DATA")
    path = Path(value) if value else REPO.parent / "shared" / "data"
    return path if (path / "support" / "labels.jsonl").is_file() else None


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = data_dir_or_none()
    if path is None:
        pytest.skip("public data not found: set RELIABILITY_DATA or place it at ../shared/data")
    return path


@pytest.fixture(scope="session")
def team_registry(tmp_path_factory) -> Path:
    """A registry holding only the team's own examples (no public data needed)."""
    path = tmp_path_factory.mktemp("registry") / "sources.json"
    path.write_text(json.dumps([{
        "name": "team-examples", "kind": "labels", "task": "both",
        "path": str(EXAMPLES), "licence": "MIT", "citation": "team", "url_or_doi": "", "note": "",
    }]), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, team_registry) -> Path:
    """Train -> save on the team's ~40 examples; the folder is reused by many tests."""
    from training.run import train

    root = tmp_path_factory.mktemp("tiny")
    report = train(data_dir=None, registry=team_registry, out=root / "model", repo_root=REPO,
                   pointer=root / "no-default.json", echo=lambda m: None)
    return report.out
