"""The `Cue`: one piece of evidence, with its exact span."""
from __future__ import annotations

from dataclasses import dataclass, replace

#: The fixed vocabulary of cue kinds, in the order features and reports use.
KINDS = (
    "hedge",
    "relayed_source",
    "anonymous_source",
    "social_media_source",
    "unverified_claim",
    "named_source",
    "clickbait_marker",
)

#: Why a cue found in the text does not count as the article's own weak sourcing.
#: ``None``: it counts. ``"refuted"``: quoted in order to be refuted (a debunk says
#: "kabar itu tidak benar"). ``"legal"``: legal caution ("diduga" for a suspect,
#: with a named police/court source nearby).
CONTEXTS = (None, "refuted", "legal")

FIELDS = ("title", "body")


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in an article: what kind, the exact text, and where.

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    text : str
        The matched text, exactly ``source[start:end]``.
    start, end : int
        Character offsets of the match. Matchers return offsets into the string
        they were given; :func:`reliability.cues.find_cues` rebases body cues
        onto the article's original input text and title cues onto the title.
    field : {"title", "body"}
        Where the cue stands.
    weight : float
        The lexicon weight of the term (how strong a cue it is).
    context : {None, "refuted", "legal"}
        See :data:`CONTEXTS`.

    Examples
    --------
    >>> c = Cue("hedge", "dikabarkan", 7, 17)
    >>> c.to_dict()["kind"], c.counts
    ('hedge', True)
    """

    kind: str
    text: str
    start: int
    end: int
    field: str = "body"
    weight: float = 1.0
    context: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown cue kind {self.kind!r}; expected one of {KINDS}")
        if self.context not in CONTEXTS:
            raise ValueError(f"unknown cue context {self.context!r}; expected one of {CONTEXTS}")
        if self.field not in FIELDS:
            raise ValueError(f"unknown cue field {self.field!r}; expected one of {FIELDS}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad cue span {self.start}..{self.end}")

    @property
    def counts(self) -> bool:
        """True when the cue counts as the article's own sourcing (no mitigating context)."""
        return self.context is None

    def shifted(self, offset: int, field: str | None = None) -> "Cue":
        """The same cue with its span moved by ``offset`` (and optionally another field)."""
        return replace(self, start=self.start + offset, end=self.end + offset,
                       field=self.field if field is None else field)

    def to_dict(self) -> dict:
        """The cue as the JSON output shows it."""
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "weight": self.weight,
            "context": self.context,
        }
