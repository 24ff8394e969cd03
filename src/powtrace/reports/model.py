"""What a person dossier shows, already redacted: renderers only lay it out.

``workflows/reports.py`` fills these from the store at the reader's clearance, drops what a
redacted output must not hold and replaces identifiers by pseudonyms; the HTML and PDF
renderers never see anything they should not print.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NameLine:
    text: str
    script: str
    language: str
    kind: str


@dataclass(frozen=True)
class SourceRef:
    """A source as a citation names it: a short reference (S1, S2 …) and what it is."""

    ref: str
    id: str
    title: str
    kind: str
    outlet: str
    published: str
    language: str
    reliability: str  # Admiralty grade with its meaning, e.g. "B (usually reliable)"
    sha256: str
    retrieved_at: str
    media_type: str
    size: str
    url: str


@dataclass(frozen=True)
class CitationLine:
    source: SourceRef
    excerpt: str
    credibility: str  # grade with its meaning, e.g. "2 (probably true)"
    span: str  # "120–184"


@dataclass(frozen=True)
class TimelineRow:
    id: str
    date: str
    label: str
    review: str
    custody_after: str
    place: str
    agency: str
    details: tuple[tuple[str, str], ...]
    date_note: str
    citations: tuple[CitationLine, ...]


@dataclass(frozen=True)
class LegalBasisLine:
    instrument: str
    article: str
    paraphrase: str
    link: str


@dataclass(frozen=True)
class FindingRow:
    id: str
    rule_id: str
    title: str
    certainty: str
    severity: str
    status: str
    supported: bool
    legal_certainty: str
    responsible_state: str
    explanation: str
    legal_basis: tuple[LegalBasisLine, ...]
    events: tuple[tuple[str, str, str], ...]  # (role, event label, date)


@dataclass(frozen=True)
class CustodyEntry:
    """One audit entry about a source: who did what, when."""

    at: str
    actor: str
    action: str


@dataclass(frozen=True)
class CustodySource:
    source: SourceRef
    entries: tuple[CustodyEntry, ...]


@dataclass(frozen=True)
class CaptureCard:
    """GC III Annex IV B (capture card), as far as the record holds it."""

    fields: tuple[tuple[str, str, str], ...]  # (key, label, value); "" when not recorded

    def as_dict(self) -> dict[str, str]:
        return {key: value for key, _, value in self.fields}


@dataclass
class Dossier:
    person_ref: str
    display_name: str
    names: list[NameLine]
    facts: list[tuple[str, str]]
    status: str
    timeline: list[TimelineRow]
    findings: list[FindingRow]
    sources: list[SourceRef]
    custody: list[CustodySource]
    capture_card: CaptureCard
    problems: list[str]
    redacted: bool
    as_of: str  # the last change in the store the dossier reflects
    generated_at: str  # when it was made, only if the caller passed it in
    notes: list[str] = field(default_factory=list)
