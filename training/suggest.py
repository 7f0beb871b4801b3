"""What to label next: uncertain articles, spread over publishers and cue patterns, no near duplicates."""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path



@dataclass(frozen=True)
class Candidate:
    record: dict
    stratum: tuple
    uncertainty: float
    reason: str


def read_unlabelled(path) -> tuple[list[dict], list[str]]:
    """Records (``text`` required; ``id``, ``title``, ``publisher`` optional) and problems with line numbers."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    records, problems = [], []
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except ValueError as exc:
                problems.append(f"{path}:{lineno}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(r, dict) or not isinstance(r.get("text"), str) or not r["text"].strip():
                problems.append(f"{path}:{lineno}: expected an object with a non-empty \"text\"")
                continue
            r.setdefault("id", f"{path.stem}-{lineno}")
            records.append(r)
    return records, problems


def _uncertainty(support: float, sensational: float | None) -> tuple[float, str]:
    # Between two rubric levels the model is least sure which one applies; a
    # headline probability near 0.5 likewise.
    level = support / 25.0 + 1.0
    u_support = 1.0 - 2.0 * abs((level % 1.0) - 0.5)
    u_head = 0.0 if sensational is None else 1.0 - 2.0 * abs(sensational - 0.5)
    u = 0.6 * u_support + 0.4 * u_head
    why = f"support {support:.0f} sits between levels {int(level)} and {int(level) + 1}" if u_support >= u_head \
        else f"headline probability {sensational:.2f} is near 0.5"
    return u, why


def _pattern(result) -> str:
    counts = result.counts
    weak = counts["hedge"] + counts["relayed_source"] + counts["anonymous_source"] \
        + counts["social_media_source"] + counts["unverified_claim"]
    named = counts["named_source"]
    if named and weak:
        return "mixed"
    if weak:
        return "weak_cues"
    if named:
        return "named_only"
    return "no_cues"


def suggest(scorer, records, n=50, similarity=0.8, batch=64):
    """Pick up to ``n`` records to label next.

    Each record is scored; candidates are ranked by uncertainty within strata of
    (publisher, cue pattern), then taken round-robin across strata so the pick is
    spread out, skipping any whose word-shingle cosine similarity to one already
    picked exceeds ``similarity`` (near duplicates teach nothing new).

    Returns
    -------
    (picked, unscorable) : list of Candidate, list of str
    """
    from sklearn.feature_extraction.text import HashingVectorizer

    from reliability.article import ArticleError

    cands, unscorable = [], []
    for start in range(0, len(records), batch):
        chunk = records[start:start + batch]
        scored = scorer.score_many([{"text": r.get("text"), "title": r.get("title") or None} for r in chunk],
                                   batch_size=batch, on_error="return")
        for r, res in zip(chunk, scored):
            if isinstance(res, ArticleError):
                unscorable.append(f"{r.get('id')}: {res}")
                continue
            u, why = _uncertainty(res.support, res.sensational)
            stratum = (str(r.get("publisher") or "?").lower(), _pattern(res))
            cands.append(Candidate(r, stratum, u, why))
    if not cands:
        return [], unscorable
    vec = HashingVectorizer(ngram_range=(3, 3), n_features=2**18, alternate_sign=False, norm="l2")
    by_stratum: dict = {}
    for c in sorted(cands, key=lambda c: -c.uncertainty):
        by_stratum.setdefault(c.stratum, []).append(c)
    queues = sorted(by_stratum.values(), key=lambda q: -q[0].uncertainty)
    picked, vectors = [], []
    while len(picked) < n and any(queues):
        for q in queues:
            if not q or len(picked) >= n:
                continue
            c = q.pop(0)
            v = vec.transform([c.record["text"]])
            if vectors and max(float(v.multiply(w).sum()) for w in vectors) > similarity:
                continue
            picked.append(c)
            vectors.append(v)
    return picked, unscorable


def to_label_record(c: Candidate) -> dict:
    """A record in the label format with empty label fields, for an editor to fill in."""
    r = c.record
    return {
        "id": str(r["id"]), "title": r.get("title") or "", "text": r["text"],
        "publisher": r.get("publisher"), "support": None, "sensational": None,
        "annotator": None, "labelled_at": None, "note": "",
        "suggested_because": c.reason,
    }
