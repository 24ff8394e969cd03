"""The JSON API's response shapes (they also make its OpenAPI description)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from powtrace.domain.vocab import event_types

# Text a person typed: something besides spaces, and no NUL (no database stores one). The
# request schemas say what the server accepts, so generated requests that fit them succeed.
WORDS = r"^[^\x00]*[^\s\x00][^\x00]*$"


def words(limit: int, description: str | None = None) -> Any:
    return Field(min_length=1, max_length=limit, pattern=WORDS, description=description)


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


class FindingSummaryOut(BaseModel):
    """A finding in brief; ``GET /findings/{id}`` has the whole of it."""

    id: str
    rule_id: str
    title: str
    severity: str
    certainty: str
    status: str
    supported: bool


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
    findings: list[FindingSummaryOut] = Field(
        description="The person's legal findings the caller may see, current ones first."
    )
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


class SourceSummaryOut(BaseModel):
    """What a list of sources shows of each: the source page adds its text and spans."""

    id: str
    title: str
    kind: str
    outlet: str | None
    url: str | None
    published: str | None
    language: str | None
    reliability: str
    visibility: str


class SourceOut(SourceSummaryOut):
    sha256: str
    media_type: str
    retrieved_at: str | None
    text: str | None
    cited_spans: list[SpanOut]
    withheld: Withheld


class PassageOut(BaseModel):
    """Where a source search matched: a stretch of the text with the matched words."""

    start: int = Field(description="Where the passage starts in the source's text.")
    text: str = Field(description="The passage; line breaks and runs of spaces as one space.")
    marks: list[tuple[int, int]] = Field(
        description="The matched words, as [start, end) offsets within the passage's text."
    )
    cut_before: bool = Field(description="The text goes on before the passage.")
    cut_after: bool = Field(description="The text goes on after the passage.")


class SourceHitOut(SourceSummaryOut):
    passage: PassageOut | None = Field(description="Null when the words are in the title only.")


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


# ---- legal findings --------------------------------------------------------------------------
Lang = Literal["en", "ru", "uk"]
SeverityName = Literal["critical", "high", "medium", "low"]
CertaintyName = Literal["certain", "probable"]
FindingStatus = Literal["open", "acknowledged", "acted_on", "dismissed"]


class LegalBasisOut(BaseModel):
    instrument: str
    article: str
    paraphrase: str = Field(description="Our own words, never a quotation.")
    link: str
    role: str = Field(description="basis, or context (background only).")
    verified: bool = Field(description="False: the wording could not be confirmed; check it.")


class FindingEventOut(BaseModel):
    role: str
    event_id: str
    type: str
    date: str | None


class FindingOut(BaseModel):
    """A legal finding with its legal basis; events the caller may not see are only counted."""

    id: str
    rule_id: str
    person_id: str
    person_name: str
    title: str
    severity: SeverityName
    certainty: CertaintyName
    legal_certainty: str = Field(description="settled or contested law.")
    status: FindingStatus
    status_reason: str | None
    supported: bool = Field(description="Whether the confirmed events still support it.")
    change: str | None = Field(description="Why it stopped (or started again) being supported.")
    visibility: str
    responsible_state: str | None
    explanation: str
    interpretation: str
    legal_basis: list[LegalBasisOut]
    events: list[FindingEventOut]
    pending_review: list[FindingEventOut]
    withheld_events: int = Field(description="Events it rests on that the caller may not see.")
    evidence_to_strengthen: list[str]
    cure: list[str]
    action: str
    first_seen_at: str
    evaluated_at: str


class FindingsPageOut(BaseModel):
    total: int = Field(description="Findings that pass the filters, on every page.")
    offset: int
    limit: int
    findings: list[FindingOut]


class DismissIn(BaseModel):
    status: Literal["dismissed"]
    reason: str = words(2000, "Why it is dismissed; kept with the finding.")


class MoveIn(BaseModel):
    status: Literal["open", "acknowledged", "acted_on"]
    reason: str | None = Field(None, max_length=2000, pattern=r"^[^\x00]*$")


StatusIn = Annotated[DismissIn | MoveIn, Field(discriminator="status")]


# ---- cases ------------------------------------------------------------------------------------
CaseKind = Literal["family_search", "legal_defence", "repatriation_request", "other"]
CaseStatusName = Literal["open", "waiting", "closed"]
Level = Literal["public", "restricted", "sealed"]


class CaseSummaryOut(BaseModel):
    id: str
    title: str
    kind: str
    status: str
    visibility: str
    persons: int
    open_tasks: int
    next_due: str | None


class CasePersonOut(BaseModel):
    link_id: str
    person_id: str
    name: str
    role: str


class RelativeOut(BaseModel):
    id: str
    name: str
    relationship: str
    contact: str | None = Field(description="Null when none is kept or it is withheld.")
    contact_withheld: bool
    contact_visibility: str
    consent: bool
    consent_date: str | None
    consent_how: str | None


class TaskOut(BaseModel):
    id: str
    title: str
    due: str | None
    assignee: str | None
    done: bool


class NoteOut(BaseModel):
    id: str
    text: str
    author: str
    at: str


class CaseOut(BaseModel):
    id: str
    title: str
    kind: str
    status: str
    summary: str | None
    visibility: str
    created_by: str
    created_at: str
    version: int
    persons: list[CasePersonOut]
    withheld_persons: int
    relatives: list[RelativeOut]
    tasks: list[TaskOut]
    notes: list[NoteOut]


class CaseIn(BaseModel):
    title: str = words(200)
    kind: CaseKind
    visibility: Level = Field(
        "restricted", description="At most the caller's clearance (a level they could read)."
    )
    summary: str | None = Field(None, max_length=10_000, pattern=r"^[^\x00]*$")


class CasePersonIn(BaseModel):
    person_id: str = Field(max_length=40)
    role: Literal["sought", "client", "witness", "other"] = "sought"


class TaskIn(BaseModel):
    title: str = words(200)
    due: date | None = None
    assignee: str | None = Field(None, max_length=200, pattern=r"^[^\x00]*$")


class TaskDoneIn(BaseModel):
    done: bool = True


class NoteIn(BaseModel):
    text: str = words(10_000)


# ---- the review queue of extracted proposals ---------------------------------------------------
class QueueItemOut(BaseModel):
    id: str
    kind: Literal["person", "event"]
    source_id: str
    source_title: str
    name: str | None = Field(description="A person mention: the name.")
    type: str | None = Field(description="An event: its type.")
    date: str | None
    evidence: str | None = Field(description="The words it was extracted from.")


class SpanTextOut(BaseModel):
    start: int
    end: int


class ProposalOut(BaseModel):
    """A proposal beside the source words it came from."""

    id: str
    kind: Literal["person", "event"]
    status: str
    source_id: str
    source_title: str
    source_reliability: str
    payload: dict[str, Any] = Field(description="What extraction proposed, as it proposed it.")
    window: SpanTextOut = Field(description="The stretch of source text around the evidence.")
    text: str = Field(description="The source text of the window.")
    evidence: list[SpanTextOut] = Field(description="Evidence spans, in source offsets.")
    person_proposal_id: str | None
    person_name: str | None = Field(description="The registry person its mention became.")
    candidates: list[SearchHitOut] = Field(description="For a person: registry persons alike.")


class NewPersonIn(BaseModel):
    action: Literal["new"]
    name: str | None = Field(None, max_length=200, pattern=WORDS, description="If corrected.")


class LinkPersonIn(BaseModel):
    action: Literal["link"]
    person_id: str = Field(max_length=40, description="The person the mention is about.")


PersonDecisionIn = Annotated[NewPersonIn | LinkPersonIn, Field(discriminator="action")]
EventType = Literal[tuple(event_types())]  # type: ignore[valid-type]


class EventDecisionIn(BaseModel):
    credibility: int = Field(ge=1, le=6, description="1 confirmed … 6 cannot be judged.")
    type: EventType | None = Field(None, description="A corrected type.")
    date: str | None = Field(
        None,
        max_length=40,
        description="A corrected date: YYYY, YYYY-MM or YYYY-MM-DD, ~ if approximate, A/B.",
    )
    group_size: int | None = Field(None, ge=1, le=1_000_000)


class RejectIn(BaseModel):
    reason: str = words(2000)


class DecisionOut(BaseModel):
    proposal_id: str
    status: str
    result_id: str | None = Field(description="The person or event it became, if accepted.")


# ---- imported lists and their matches -----------------------------------------------------------
class ListOut(BaseModel):
    scheme: str = Field(description="list:<name>")
    rows: int = Field(description="Rows the caller may see.")


class WeightOut(BaseModel):
    field: str
    weight: float
    reason: str


class RowMatchOut(BaseModel):
    row_id: str
    person_id: str
    name: str
    candidate_id: str | None
    candidate_name: str | None
    probability: float
    decision: Literal["link", "review", "new"]
    weights: list[WeightOut]
    judged: str | None


class AlertOut(BaseModel):
    row_id: str
    person_id: str
    person_name: str
    wish_type: str
    wish: str
    date: str | None
    legal_basis: str
    listing: Literal["recorded", "pending", "unrecorded"] = Field(
        description="pending: start the review to record it; unrecorded: the list's file was "
        "not kept, import it again."
    )


def alert_out(a: Any, listing: str = "recorded") -> AlertOut:
    """An alert of ``workflows.wishes`` (a listed person who refused repatriation) as sent."""
    return AlertOut(
        row_id=a.row_id,
        person_id=a.person_id,
        person_name=a.person_name,
        wish_type=a.wish_type,
        wish=a.wish,
        date=a.date,
        legal_basis=a.legal_basis,
        listing=listing,  # type: ignore[arg-type]
    )


class ListMatchesOut(BaseModel):
    scheme: str
    total: int = Field(description="Rows still open.")
    settled: int = Field(description="Rows judged the same as a registry person.")
    offset: int
    limit: int
    rows: list[RowMatchOut]
    alerts: list[AlertOut] | None = Field(
        description="Rows naming someone with a recorded refusal of repatriation; they name "
        "sealed records, so null below sealed clearance."
    )


class SchemeIn(BaseModel):
    scheme: str = Field(max_length=120)


class JudgementIn(BaseModel):
    scheme: str = Field(max_length=120)
    row: str = Field(max_length=100)
    candidate: str = Field(max_length=40)
    decision: Literal["same", "not_same", "unsure"]
    note: str | None = Field(None, max_length=2000)


class JudgementOut(BaseModel):
    decision: str
    merge_id: str | None = Field(description="Set when 'same' merged the row into the person.")
