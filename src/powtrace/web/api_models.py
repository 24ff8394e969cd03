"""The JSON API's response shapes (they also make its OpenAPI description)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Problem(BaseModel):
    """An error, as RFC 9457 application/problem+json."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, Any]] | None = None


class NameFormOut(BaseModel):
    text: str
    kind: str
    script: str | None
    language: str | None


class PersonSummary(BaseModel):
    id: str
    name: str
    other_names: list[str]
    side: str
    birth_date: str | None


class Withheld(BaseModel):
    """How many records and fields the caller's clearance kept from view (never which)."""

    records: int
    fields: int


class Facet(BaseModel):
    value: str
    since: str | None
    event_id: str


class ProblemOut(BaseModel):
    code: str
    message: str
    event_ids: list[str]


class PersonOut(BaseModel):
    id: str
    name: str
    name_forms: list[NameFormOut]
    birth_date: str | None
    gender: str
    side: str
    unit: str | None
    rank: str | None
    home_region: str | None
    visibility: str
    status: str
    custody: str | None
    facets: dict[str, Facet]
    data_problems: list[ProblemOut]
    findings: list[dict[str, Any]] = Field(description="Legal findings (none yet).")
    withheld: Withheld
    merged_from: str | None


class CitationOut(BaseModel):
    source_id: str
    start: int
    end: int
    excerpt: str
    credibility: int
    reliability: str | None = Field(description="Null when the source is withheld.")


class EntryOut(BaseModel):
    event_id: str
    type: str
    label: str
    date: str | None
    place: str | None
    agency: str | None
    details: dict[str, Any]
    custody_after: str | None
    citations: list[CitationOut]


class TimelineOut(BaseModel):
    person_id: str
    entries: list[EntryOut]
    data_problems: list[ProblemOut]
    withheld: Withheld


class SearchHitOut(BaseModel):
    id: str
    name: str
    matched: str
    reason: str
    name_forms: list[str]


class SpanOut(BaseModel):
    start: int
    end: int
    credibility: int
    event_id: str
    event_type: str
    person_id: str | None


class SourceOut(BaseModel):
    id: str
    title: str
    kind: str
    outlet: str | None
    url: str | None
    published: str | None
    language: str | None
    reliability: str
    sha256: str
    media_type: str
    retrieved_at: str | None
    visibility: str
    text: str | None
    cited_spans: list[SpanOut]
    withheld: Withheld


class CountOut(BaseModel):
    """One published number of the aggregate report."""

    text: str = Field(description='The number as published: "<5" when it is suppressed.')
    value: int | None = Field(description="Null when the count is suppressed.")
    sources: int = Field(description="Distinct visible sources behind the number.")


class ReportRowOut(BaseModel):
    label: str
    cells: list[CountOut]


class ReportTableOut(BaseModel):
    key: str
    title: str
    definition: str
    columns: list[str]
    rows: list[ReportRowOut]
    notes: list[str]


class AggregateOut(BaseModel):
    """The aggregate report: redacted, small counts suppressed, each table with its definition."""

    redacted: bool
    threshold: int = Field(description="Counts from 1 to threshold - 1 are suppressed.")
    as_of: str = Field(description="The store's last change the report reflects.")
    persons: CountOut
    tables: list[ReportTableOut]
