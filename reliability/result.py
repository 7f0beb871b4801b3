"""The result of scoring one article, and its JSON form (what ``--json`` prints)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues.cue import KINDS, Cue

#: Word labels of the five support levels of the rubric.
SUPPORT_LABELS = {1: "unsupported", 2: "weak", 3: "partial", 4: "mostly", 5: "well supported"}

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\n+")


def support_level(score: float) -> int:
    """The rubric level 1..5 nearest to a 0..100 support score.

    >>> support_level(0), support_level(62.4), support_level(100)
    (1, 3, 5)
    """
    return int(min(5, max(1, round(score / 25.0 + 1.0))))


@dataclass(frozen=True)
class SourcedSentence:
    """A sentence the support model's sentence detector reads as carrying a kind of source.

    Attributes
    ----------
    kind : str
        One of :data:`reliability.sentences.SOURCE_KINDS`: ``named``, ``relayed``,
        ``anonymous_or_social``, ``hedge``.
    probability : float
        The detector's probability (0.5 or more) that an annotator would mark
        a phrase of that kind in the sentence.
    field : str
        ``"title"`` (offsets into :attr:`Result.title`) or ``"body"`` (offsets into the input text).
    start, end : int
        The sentence's span.
    text : str
        The sentence as read (Unicode repaired, spaces kept).
    """

    kind: str
    probability: float
    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "probability": self.probability, "field": self.field,
                "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Result:
    """How well one article backs up its claims, how sensational its headline is, and why.

    Attributes
    ----------
    title : str
        The headline scored ('' when none was found).
    support : float
        0..100; ``(level - 1) * 25`` on the rubric's 1..5 scale.
    support_level : int
        The nearest rubric level, 1..5.
    sensational : float or None
        Probability 0..1 that the headline is sensational; None without a headline.
    cues : tuple of Cue
        Every cue found; title cues index :attr:`title`, body cues index :attr:`source`.
    model : dict
        ``{"version", "sha256"}`` of the model that scored it.
    path : str or None
        Where the article came from, when known.
    id : str, int or None
        The caller's key for the article (from :meth:`Scorer.score_many` items).
    source : str
        The input text the body cues' offsets refer to (not part of :meth:`to_dict`).
    warnings : tuple of str
        One line each: the input was cut at the size limit, decoded with a
        fallback encoding, extracted from HTML, or does not look Indonesian.
        The article was scored all the same.
    sentences : tuple of SourcedSentence
        The sentences the support model's learned sentence detector reads as
        carrying a named, relayed, anonymous/social source or a hedge
        (probability 0.5 or more), in reading order; empty for a model
        without a detector or scored through scikit-learn.
    """

    title: str
    support: float
    support_level: int
    sensational: float | None
    cues: tuple[Cue, ...]
    model: dict
    path: str | None = None
    id: str | int | None = None
    source: str = field(default="", repr=False)
    warnings: tuple[str, ...] = ()
    sentences: tuple[SourcedSentence, ...] = ()

    @property
    def support_label(self) -> str:
        """The word for :attr:`support_level`: unsupported, weak, partial, mostly, well supported."""
        return SUPPORT_LABELS[self.support_level]

    @property
    def counts(self) -> dict:
        """How many cues of each kind count (refuted and legal-caution cues excluded)."""
        counts = {k: 0 for k in KINDS}
        for c in self.cues:
            if c.counts:
                counts[c.kind] += 1
        return counts

    def sentence_of(self, cue: Cue) -> str:
        """The sentence (or headline) a cue stands in, for showing evidence in place."""
        if cue.field == "title":
            return self.title  # a headline is shown whole ("Heboh! Artis ..." is one line)
        text = self.source
        start = 0
        for m in _SENTENCE_END.finditer(text, 0, cue.start):
            start = m.end()
        m = _SENTENCE_END.search(text, cue.end)
        end = m.start() if m else len(text)
        return " ".join(text[start:end].split())

    def to_dict(self) -> dict:
        """The JSON object ``reliability score --json`` prints for this article.

        >>> r = Result("Judul", 75.0, 4, 0.2, (), {"version": "v", "sha256": "0"})
        >>> r.to_dict()["support_label"]
        'mostly'
        """
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "support": self.support,
            "support_level": self.support_level,
            "support_label": self.support_label,
            "sensational": self.sensational,
            "cues": [c.to_dict() for c in self.cues],
            "counts": self.counts,
            "model": dict(self.model),
            "warnings": list(self.warnings),
            "sentences": [s.to_dict() for s in self.sentences],
        }
