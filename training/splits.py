"""Which examples are held out for evaluation: fixed, grouped, the same in every run.

Every training run evaluates on a dev split it never trains on, and a new model is
compared with the current one *on the same split*. For that comparison to be fair
the split must not depend on the seed or on which other files were given: an
example's side is a fixed function of its group.

Groups follow the data's own structure, so the dev numbers measure what a new
article brings (a publisher or a rumour topic the model has not seen), not memory:

* public news articles and headlines: the publisher (names normalised, so
  ``tempo.co`` and ``tempo`` are one group);
* Pratiwi hoax/valid articles: the rumour topic (a random split there measures
  topic memory);
* editors' label files: the ``publisher`` field when given, else the record id.

The dev groups of the public sets are chosen once, by hand, to be about 20-25%
of each set and to mix high- and low-scoring publishers; any other group is dev
when a stable hash of its key falls in the lowest fifth.
"""
from __future__ import annotations

import hashlib
import re

#: Dev groups of the public sets (see the module docstring for why these).
DEV_GROUPS = {
    # support/labels.jsonl: 357 of 1,781 articles (tempo: high support, kapanlagi:
    # entertainment, low; Pratiwi topics 6 and 10: a hoax-heavy and a mixed topic).
    "support": frozenset({"tempo", "kapanlagi", "pratiwi-topic-6", "pratiwi-topic-10"}),
    # clickid/headlines.jsonl: 3,400 of 12,754 headlines, clickbait rates 0.25-0.58.
    "sensational": frozenset({"tempo", "kapanlagi", "liputan6"}),
}
DEV_FRACTION = 0.2

_ALIASES = {"detiknews": "detik", "pos_metro": "posmetro", "posmetro-medan": "posmetro"}


def normalise_publisher(name: str | None) -> str | None:
    """One name per publisher: lower case, no domain suffix.

    >>> normalise_publisher("Kompas.com"), normalise_publisher("detikNews"), normalise_publisher("tempo.co")
    ('kompas', 'detik', 'tempo')
    """
    if not name:
        return None
    key = name.strip().lower()
    key = re.sub(r"\.(com|co\.id|co|id|net)$", "", key)
    return _ALIASES.get(key, key)


def group_of(record: dict) -> str:
    """The split group of a record with optional ``source``, ``publisher``, ``topic``, ``id``."""
    if record.get("source") == "pratiwi" and record.get("topic") is not None:
        return f"pratiwi-topic-{record['topic']}"
    publisher = normalise_publisher(record.get("publisher"))
    if publisher:
        return publisher
    return f"id-{record.get('id')}"


def is_dev(group: str, task: str, public_groups=frozenset()) -> bool:
    """True when examples of ``group`` are held out for evaluation of ``task``.

    ``public_groups`` are the groups that occur in the public sets: those are dev
    only when listed in :data:`DEV_GROUPS`, so a publisher is never split across
    the two sides; any other group (an editor's new publisher, or a lone id) is
    dev when its stable hash says so.

    >>> is_dev("tempo", "support"), is_dev("kompas", "support", {"kompas"})
    (True, False)
    """
    if group in DEV_GROUPS.get(task, ()):
        return True
    if group in public_groups:
        return False
    return group_hash(group, task) < DEV_FRACTION


def group_hash(group: str, task: str) -> float:
    """A stable number in [0, 1) for a group (the same on every machine and run)."""
    digest = hashlib.sha256(f"{task}:{group}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def describe_split() -> dict:
    """The split, as recorded in every manifest and model card."""
    return {
        "method": "fixed grouped hold-out: publisher (news), topic (Pratiwi), publisher or id (label files)",
        "dev_groups": {task: sorted(groups) for task, groups in DEV_GROUPS.items()},
        "other_groups": f"dev when sha256(task:group) falls in the lowest {DEV_FRACTION:.0%}",
    }
