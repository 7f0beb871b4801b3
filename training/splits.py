"""Which examples are held out for evaluation: fixed, the same in every run.

Every training run evaluates on a dev split it never trains on, and a new model is
compared with the current one *on the same split*. For that comparison to be fair
the split must not depend on the seed or on which other files were given: an
example's side is a fixed function of its group.

**Headlines** (CLICK-ID): a stratified 20% test split, as the published
CLICK-ID results use: within each class, the headlines whose stable hash of the
normalised title falls in the lowest fifth of that class's hashes (duplicated
titles hash alike, so a headline and its copy never sit on both sides). No
model selection looks at it; the leave-publishers-out figure comes from
cross-validation inside the other 80% (``reliability train --cv``).

**Support articles**: grouped, following the data's own structure, so the dev
numbers measure what a new article brings (a publisher or a rumour topic the
model has not seen), not memory; with ~1,800 articles a random split would
let the model recognise a publisher's house style and topics instead of the
sourcing:

* public news articles and headlines: the publisher (names normalised, so
  ``tempo.co`` and ``tempo`` are one group);
* Pratiwi hoax/valid articles: the rumour topic (a random split there measures
  topic memory);
* editors' label files: the ``publisher`` field when given, else the record id.

The support dev groups are chosen once, by hand, to be about 20% of the set and
to mix high- and low-scoring publishers; any other group is dev when a stable
hash of its key falls in the lowest fifth.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

#: Dev groups of the public sets (see the module docstring for why these).
DEV_GROUPS = {
    # support/labels.jsonl: 357 of 1,781 articles (tempo: high support, kapanlagi:
    # entertainment, low; Pratiwi topics 6 and 10: a hoax-heavy and a mixed topic).
    "support": frozenset({"tempo", "kapanlagi", "pratiwi-topic-6", "pratiwi-topic-10"}),
}
DEV_FRACTION = 0.2
#: Salt of the headline test split's hash (changing it changes the split).
HEADLINE_SPLIT_SALT = "sensational-test"

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


def normalise_title(title: str) -> str:
    """A headline's split key: lower case, runs of non-word characters as one space.

    >>> normalise_title("  VIRAL!  Ini Dia... ")
    'viral ini dia'
    """
    return re.sub(r"\W+", " ", (title or "").lower()).strip()


def title_hash(title: str) -> float:
    """A stable number in [0, 1) for a headline's normalised title."""
    digest = hashlib.sha256(f"{HEADLINE_SPLIT_SALT}:{normalise_title(title)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def headline_test_flags(titles, labels, public) -> list[bool]:
    """Which headlines are in the stratified 20% test split.

    Parameters
    ----------
    titles, labels, public : sequences of equal length
        Headline text, 0/1 label, and whether the example comes from the public set.

    Returns
    -------
    list of bool
        For public headlines: in the lowest :data:`DEV_FRACTION` of their class's
        title hashes (so each class is held out in the same share). Headlines
        of label files are held out when their own hash is below
        :data:`DEV_FRACTION`, so adding a label file never moves a public headline.

    Examples
    --------
    >>> flags = headline_test_flags([f"judul {i}" for i in range(10)], [0] * 5 + [1] * 5, [True] * 10)
    >>> sum(flags[:5]), sum(flags[5:])
    (1, 1)
    """
    hashes = [title_hash(t) for t in titles]
    cut = {}
    for c in (0, 1):
        h = np.array([x for x, y, p in zip(hashes, labels, public) if p and y == c])
        cut[c] = float(np.quantile(h, DEV_FRACTION)) if len(h) else DEV_FRACTION
    return [bool(h < (cut[y] if p else DEV_FRACTION)) for h, y, p in zip(hashes, labels, public)]


def group_hash(group: str, task: str) -> float:
    """A stable number in [0, 1) for a group (the same on every machine and run)."""
    digest = hashlib.sha256(f"{task}:{group}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def describe_split() -> dict:
    """The split, as recorded in every manifest and model card."""
    return {
        "sensational": (f"stratified {DEV_FRACTION:.0%} test split: within each class, the headlines whose "
                        f"sha256('{HEADLINE_SPLIT_SALT}:' + normalised title) is in the lowest {DEV_FRACTION:.0%}; "
                        "the model trains on the other 80% only"),
        "support": "fixed grouped hold-out: publisher (news), topic (Pratiwi), publisher or id (label files)",
        "dev_groups": {task: sorted(groups) for task, groups in DEV_GROUPS.items()},
        "other_groups": f"support dev when sha256(task:group) falls in the lowest {DEV_FRACTION:.0%}",
    }
