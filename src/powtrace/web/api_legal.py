"""The JSON API for legal work: findings (and their statuses) and cases.

Each route calls the workflow function its page calls (``workflows.finding_views``,
``workflows.cases``) with the caller's clearance and name, so reads are audited and hidden
records answer 404 exactly as on the pages; changes need an editor's role, as the forms do.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from powtrace.store.accounts import Account
from powtrace.web import api_models as m
from powtrace.web import rule_texts
from powtrace.web.api_base import EDITORS, Caller, Editor
from powtrace.workflows import cases as flow
from powtrace.workflows import finding_views as views

router = APIRouter()
LANG = Query(description="Language of the rule texts: en (as stored), ru or uk.")


def _finding(s: views.ShownFinding, lang: str) -> m.FindingOut:
    f = s.finding
    d = rule_texts.finding_details(s.details, f.rule_id, lang)
    change = rule_texts.language(lang).change(f.change) if f.change else None

    def event(e: dict[str, Any]) -> m.FindingEventOut:
        return m.FindingEventOut(
            role=str(e.get("role", "")),
            event_id=str(e.get("event_id", "")),
            type=str(e.get("type", "")),
            date=e.get("date"),
        )

    return m.FindingOut(
        id=f.id,
        rule_id=f.rule_id,
        person_id=f.person_id,
        person_name=s.view.person_name,
        title=str(d.get("title") or f.rule_id),
        severity=f.severity,
        certainty=f.certainty,
        legal_certainty=str(d.get("legal_certainty", "")),
        status=f.status.value,
        status_reason=f.status_reason,
        supported=f.supported,
        change=change,
        visibility=str(f.visibility),
        responsible_state=d.get("responsible_state"),
        explanation=str(d.get("explanation", "")),
        interpretation=str(d.get("interpretation", "")),
        legal_basis=[
            m.LegalBasisOut(
                instrument=str(b.get("instrument", "")),
                article=str(b.get("article", "")),
                paraphrase=str(b.get("paraphrase", "")),
                link=str(b.get("link", "")),
                role=str(b.get("role", "basis")),
                verified=bool(b.get("verified", True)),
            )
            for b in d.get("legal_basis") or []
        ],
        events=[event(e) for e in s.events],
        pending_review=[event(e) for e in s.pending],
        withheld_events=s.withheld_events,
        evidence_to_strengthen=list(d.get("evidence_to_strengthen") or []),
        cure=list(d.get("cure") or []),
        action=str(d.get("action", "")),
        first_seen_at=f.first_seen_at,
        evaluated_at=f.evaluated_at,
    )


def finding_summaries(request: Request, who: Account, person_id: str) -> list[m.FindingSummaryOut]:
    """A person's findings for ``GET /persons/{id}`` (the person's read is audited already)."""
    shown = views.person_findings(request.app.state.store, person_id, who.clearance)
    return [
        m.FindingSummaryOut(
            id=s.finding.id,
            rule_id=s.finding.rule_id,
            title=str(s.details.get("title") or s.finding.rule_id),
            severity=s.finding.severity,
            certainty=s.finding.certainty,
            status=s.finding.status.value,
            supported=s.finding.supported,
        )
        for s in shown
    ]


# ---- findings ---------------------------------------------------------------------------------
@router.get("/findings", response_model=m.FindingsPageOut)
def findings(
    request: Request,
    who: Caller,
    rule: Annotated[str, Query(max_length=100, description="A rule id.")] = "",
    severity: m.SeverityName | None = None,
    certainty: m.CertaintyName | None = None,
    status: m.FindingStatus | None = None,
    support: Annotated[
        views.SupportName, Query(description="current (default), unsupported or all.")
    ] = "current",
    person: Annotated[str, Query(max_length=40, description="A person id.")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    lang: Annotated[m.Lang, LANG] = "en",
) -> m.FindingsPageOut:
    """Findings the caller may see, most severe first; each restricted or sealed one shown is
    an audited read, as on the findings page."""
    filters = views.Filters(
        rule=rule,
        severity=severity or "",
        certainty=certainty or "",
        status=status or "",
        support=support,
        person=person,
    )
    page = views.show_findings(
        request.app.state.store, who.username, who.clearance, filters, offset=offset, limit=limit
    )
    return m.FindingsPageOut(
        total=page.total,
        offset=offset,
        limit=limit,
        findings=[_finding(s, lang) for s in page.shown],
    )


@router.get("/findings/{finding_id}", response_model=m.FindingOut)
def finding(
    request: Request,
    who: Caller,
    finding_id: str,
    lang: Annotated[m.Lang, LANG] = "en",
) -> m.FindingOut:
    """One finding (an audited read when restricted or sealed)."""
    shown = views.view_finding(request.app.state.store, who.username, who.clearance, finding_id)
    return _finding(shown, lang)


@router.post("/findings/{finding_id}/status", response_model=m.FindingOut, responses=EDITORS)
def finding_status(
    request: Request, who: Editor, finding_id: str, body: m.StatusIn
) -> m.FindingOut:
    """Acknowledge, mark acted on, dismiss (a reason is required and kept) or reopen."""
    store = request.app.state.store
    views.set_status(store, who.username, who.clearance, finding_id, body.status, body.reason)
    return _finding(views.view_finding(store, who.username, who.clearance, finding_id), "en")


# ---- cases ------------------------------------------------------------------------------------
def _case(view: flow.CaseView) -> m.CaseOut:
    c = view.case
    return m.CaseOut(
        id=c.id,
        title=c.title,
        kind=c.kind,
        status=c.status,
        summary=c.summary,
        visibility=c.visibility.value,
        created_by=c.created_by,
        created_at=c.created_at,
        version=c.version,
        persons=[
            m.CasePersonOut(
                link_id=p.link.id, person_id=p.link.person_id, name=p.name, role=p.link.role
            )
            for p in view.persons
        ],
        withheld_persons=view.withheld_persons,
        relatives=[
            m.RelativeOut(
                id=r.relative.id,
                name=r.relative.name,
                relationship=r.relative.relationship,
                contact=r.relative.contact,
                contact_withheld=r.contact_withheld,
                contact_visibility=r.relative.contact_visibility.value,
                consent=r.relative.consent,
                consent_date=r.relative.consent_date,
                consent_how=r.relative.consent_how,
            )
            for r in view.relatives
        ],
        tasks=[
            m.TaskOut(id=t.id, title=t.title, due=t.due, assignee=t.assignee, done=t.done)
            for t in view.tasks
        ],
        notes=[m.NoteOut(id=n.id, text=n.text, author=n.author, at=n.at) for n in view.notes],
    )


def case_view(request: Request, who: Account, case_id: str) -> m.CaseOut:
    return _case(flow.view_case(request.app.state.store, who.username, case_id, who.clearance))


@router.get("/cases", response_model=list[m.CaseSummaryOut])
def cases(
    request: Request, who: Caller, status: m.CaseStatusName | None = None
) -> list[m.CaseSummaryOut]:
    """Cases the caller may see, newest first, with open tasks and the next deadline."""
    found = flow.list_cases(request.app.state.store, who.clearance, status)
    return [
        m.CaseSummaryOut(
            id=r.case.id,
            title=r.case.title,
            kind=r.case.kind,
            status=r.case.status,
            visibility=r.case.visibility.value,
            persons=r.persons,
            open_tasks=r.open_tasks,
            next_due=r.next_due,
        )
        for r in found
    ]


@router.get("/cases/{case_id}", response_model=m.CaseOut)
def case(request: Request, who: Caller, case_id: str) -> m.CaseOut:
    """One case: its people, relatives, tasks and notes (a restricted or sealed case's read,
    and each sealed contact shown, are audited)."""
    return case_view(request, who, case_id)


@router.post("/cases", response_model=m.CaseOut, status_code=201, responses=EDITORS)
def new_case(request: Request, who: Editor, body: m.CaseIn) -> m.CaseOut:
    """Open a case; every field is checked before anything is written."""
    made = flow.create_case(
        request.app.state.store,
        who.username,
        who.clearance,
        title=body.title,
        kind=body.kind,
        visibility=body.visibility,
        summary=body.summary,
    )
    return case_view(request, who, made.id)


@router.post(
    "/cases/{case_id}/persons", response_model=m.CaseOut, status_code=201, responses=EDITORS
)
def case_person(request: Request, who: Editor, case_id: str, body: m.CasePersonIn) -> m.CaseOut:
    """Link a person (by id) in a role."""
    store = request.app.state.store
    flow.link_person(store, who.username, who.clearance, case_id, body.person_id, body.role)
    return case_view(request, who, case_id)


@router.post("/cases/{case_id}/tasks", response_model=m.CaseOut, status_code=201, responses=EDITORS)
def case_task(request: Request, who: Editor, case_id: str, body: m.TaskIn) -> m.CaseOut:
    """Add a task with its deadline and who is to do it."""
    flow.add_task(
        request.app.state.store,
        who.username,
        who.clearance,
        case_id,
        title=body.title,
        due=body.due.isoformat() if body.due else None,
        assignee=body.assignee,
    )
    return case_view(request, who, case_id)


@router.post("/cases/{case_id}/tasks/{task_id}/done", response_model=m.CaseOut, responses=EDITORS)
def case_task_done(
    request: Request, who: Editor, case_id: str, task_id: str, body: m.TaskDoneIn
) -> m.CaseOut:
    """Mark a task done (or, with done false, not done again)."""
    store = request.app.state.store
    flow.set_task_done(store, who.username, who.clearance, case_id, task_id, body.done)
    return case_view(request, who, case_id)


@router.post("/cases/{case_id}/notes", response_model=m.CaseOut, status_code=201, responses=EDITORS)
def case_note(request: Request, who: Editor, case_id: str, body: m.NoteIn) -> m.CaseOut:
    """Add a note, signed with the caller's name (notes are never edited)."""
    flow.add_note(request.app.state.store, who.username, who.clearance, case_id, body.text)
    return case_view(request, who, case_id)
