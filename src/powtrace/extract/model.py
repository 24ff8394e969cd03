"""What extraction proposes: person mentions and events, each with evidence spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from powtrace.domain.dates import PartialDate

ROLES = (
    "pow",
    "former_pow",
    "missing_soldier",
    "relative",
    "lawyer",
    "official",
    "journalist",
    "other",
)


@dataclass(frozen=True)
class Span:
    """A character span of the source text; `text` equals the text at [start, end)."""

    start: int
    end: int
    text: str


@dataclass
class PersonMention:
    """One person the text names or describes, with every place it mentions them."""

    id: str
    name: str  # the name in the nominative (or the description of an unnamed person)
    surface: str  # the name as first written
    unnamed: bool = False
    given: str | None = None
    surname: str | None = None
    patronymic: str | None = None
    variants: list[str] = field(default_factory=list)  # other forms as written in the text
    mentions: list[Span] = field(default_factory=list)
    role: str = "other"
    side: str = "unknown"
    age: int | None = None
    gender: str | None = None  # "m", "f" or None
    evidence: dict[str, Span] = field(default_factory=dict)  # attribute -> span supporting it


@dataclass
class EventProposal:
    """An event the text reports about a person or a group, not yet reviewed."""

    type: str  # the project vocabulary (event_types.yaml)
    corpus_type: str  # the gold-format type it maps to
    person_id: str | None  # None for a group
    evidence: Span
    trigger: Span
    group_size: int | None = None
    date: PartialDate | None = None
    date_text: str | None = None
    date_note: str | None = None
    place: str | None = None
    agency: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class ExtractionResult:
    """Everything proposed from one text."""

    text: str
    language: str
    published: PartialDate | None
    persons: list[PersonMention]
    events: list[EventProposal]

    def person(self, person_id: str | None) -> PersonMention | None:
        """The person with this id, or None."""
        return next((p for p in self.persons if p.id == person_id), None)
