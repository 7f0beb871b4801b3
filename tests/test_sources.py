"""The training-source registry (labelled/sources.json)."""
import json
from pathlib import Path

import pytest

from training.labels import read_labels
from training.sources import DEFAULT_REGISTRY, RegistryError, Source, load_registry, select

REPO = Path(__file__).resolve().parents[1]


def entry(**over):
    e = {"name": "x", "kind": "labels", "task": "both", "path": "labelled/x.jsonl", "licence": "MIT",
         "citation": "team", "url_or_doi": "", "note": ""}
    e.update(over)
    return e


def write(tmp_path, data) -> Path:
    p = tmp_path / "sources.json"
    p.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return p


def test_shipped_registry_is_valid_and_complete():
    sources = load_registry()
    assert DEFAULT_REGISTRY == REPO / "labelled" / "sources.json"
    by_name = {s.name: s for s in sources}
    assert by_name["support-labels"].path == "support/labels.jsonl"
    assert by_name["clickid-headlines"].fields == {"sensational": "clickbait"}
    assert "CC BY 4.0" in by_name["clickid-headlines"].licence
    assert "10.1016/j.dib.2020.106231" in by_name["clickid-headlines"].url_or_doi
    team = by_name["team-examples"]
    assert team.kind == "labels" and team.default  # the team's examples are in the default run
    assert read_labels(team.resolve()).ok
    assert [s.name for s in select(sources, "sensational")] == ["clickid-headlines", "clickid-unlabelled",
                                                                 "team-examples"]
    unlabelled = by_name["clickid-unlabelled"]
    assert (unlabelled.kind, unlabelled.path) == ("unlabelled", "clickid/unlabelled.jsonl.gz")
    assert unlabelled.citation == by_name["clickid-headlines"].citation  # the same release, the same credit
    for s in sources:  # the shipped registry must work from any checkout
        assert not Path(s.path).is_absolute() and ".." not in Path(s.path).parts and "\\" not in s.path


def test_absolute_label_path_is_allowed_for_private_registries(tmp_path):
    target = tmp_path / "mine.jsonl"
    (src,) = load_registry(write(tmp_path, [entry(path=str(target))]))
    assert src.resolve(root="/elsewhere") == target


def test_resolve_paths(tmp_path):
    pub = Source("p", "public", "support", "support/labels.jsonl", "CC BY 4.0", "c", "doi:x", "")
    assert pub.resolve(data_dir=tmp_path) == tmp_path / "support" / "labels.jsonl"
    with pytest.raises(ValueError, match="--data"):
        pub.resolve()
    unl = Source("u", "unlabelled", "sensational", "clickid/unlabelled.jsonl.gz", "CC BY 4.0", "c", "doi:x", "")
    assert unl.resolve(data_dir=tmp_path) == tmp_path / "clickid" / "unlabelled.jsonl.gz"


def test_all_problems_listed(tmp_path):
    p = write(tmp_path, [
        entry(),
        entry(name="x", kind="remote", task="all", licnce="MIT"),
        entry(name="y", kind="public", url_or_doi="", path=""),
        entry(name="z", licence=" ", default="yes", fields={"sensational": 1}),
        "not an object",
        entry(name="u", kind="unlabelled", task="support", url_or_doi=""),
    ])
    with pytest.raises(RegistryError) as err:
        load_registry(p)
    assert err.value.problems == [
        "entry 1 ('x'): unknown key(s) 'licnce'",
        "entry 1 ('x'): kind must be one of ('public', 'labels', 'unlabelled'), got 'remote'",
        "entry 1 ('x'): task must be one of ('support', 'sensational', 'both'), got 'all'",
        "entry 2 ('y'): 'path' is empty",
        "entry 2 ('y'): a public source needs 'url_or_doi'",
        "entry 3 ('z'): 'licence' is empty",
        "entry 3 ('z'): 'fields' must map field names to field names",
        "entry 3 ('z'): 'default' must be true or false",
        "entry 4: must be an object, got str",
        "entry 5 ('u'): a public source needs 'url_or_doi'",
        "entry 5 ('u'): an unlabelled source is for the headline model: task must be 'sensational'",
        "name 'x' is used more than once",
    ]
    assert str(p) in str(err.value)


@pytest.mark.parametrize("content, problem", [
    ("{", "invalid JSON at line 1: Expecting property name enclosed in double quotes"),
    ('{"name": "x"}', "must be a JSON list of sources, got dict"),
])
def test_unreadable_registry(tmp_path, content, problem):
    with pytest.raises(RegistryError) as err:
        load_registry(write(tmp_path, content))
    assert err.value.problems == [problem]


def test_missing_key_and_missing_file(tmp_path):
    e = entry()
    del e["citation"]
    with pytest.raises(RegistryError, match="missing 'citation'"):
        load_registry(write(tmp_path, [e]))
    with pytest.raises(RegistryError, match="file not found"):
        load_registry(tmp_path / "nope.json")


def test_select_honours_default_flag(tmp_path):
    sources = load_registry(write(tmp_path, [entry(), entry(name="off", task="support", default=False)]))
    assert [s.name for s in select(sources, "support")] == ["x"]
    assert [s.name for s in select(sources, "support", only_default=False)] == ["x", "off"]
    with pytest.raises(ValueError):
        select(sources, "both")
