"""The JSON API for the review queues: extracted proposals, and imported lists' matches.

Like their pages these are for editors (every role but viewer) and call the same workflow
functions: ``workflows.review_views`` (a proposal only for a caller who may see its source,
and an event only if its type is visible; opening one audits a read of its source) and
``workflows.list_matches`` with ``web.listings``. Reading a list's matches writes nothing; the
listings its refusal alerts call for are recorded by ``POST /lists/matches/start`` and by each
judgement, as on the pages.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import NotFoundError
from powtrace.domain.visibility import Visibility
from powtrace.store.accounts import Account
from powtrace.web import api_models as m
from powtrace.web import listings
from powtrace.web.api_base import CONFLICTS, EDITORS, Editor
from powtrace.workflows import list_matches
from powtrace.workflows import review_views as flow
from powtrace.workflows.review import Decision

router = APIRouter(responses=EDITORS)


# ---- extracted proposals -----------------------------------------------------------------------
@router.get("/review", response_model=list[m.QueueItemOut])
def queue(
    request: Request,
    who: Editor,
    source: Annotated[str, Query(max_length=40, description="Only this source's.")] = "",
) -> list[m.QueueItemOut]:
    """Proposals waiting for a decision that the caller may decide, persons of a source first."""
    items = flow.queue(request.app.state.store, who.clearance, source or None)
    out = []
    for item in items:
        p, d = item.proposal, item.proposal.payload
        evidence = d.get("evidence") if p.kind == "event" else (d.get("mentions") or [None])[0]
        out.append(
            m.QueueItemOut(
                id=p.id,
                kind=p.kind,  # type: ignore[arg-type]
                source_id=p.source_id,
                source_title=item.source_title,
                name=d.get("name") if p.kind == "person" else None,
                type=d.get("type") if p.kind == "event" else None,
                date=str(d["date"]) if d.get("date") else None,
                evidence=str(evidence[2]) if evidence else None,
            )
        )
    return out


def _decision(done: Decision) -> m.DecisionOut:
    return m.DecisionOut(
        proposal_id=done.proposal.id,
        status=done.proposal.status.value,
        result_id=done.result_id,
    )


@router.get("/review/{proposal_id}", response_model=m.ProposalOut)
def proposal(request: Request, who: Editor, proposal_id: str) -> m.ProposalOut:
    """A proposal beside the source words around its evidence (the source's read is audited),
    with the registry persons a mentioned name matches."""
    view = flow.view_proposal(request.app.state.store, who.username, proposal_id, who.clearance)
    a, b = view.window
    return m.ProposalOut(
        id=view.proposal.id,
        kind=view.proposal.kind,  # type: ignore[arg-type]
        status=view.proposal.status.value,
        source_id=view.source.id,
        source_title=view.source.title,
        source_reliability=view.source.reliability,
        payload=dict(view.proposal.payload),
        window=m.SpanTextOut(start=a, end=b),
        text=(view.source.text or "")[a:b],
        evidence=[m.SpanTextOut(start=s, end=e) for s, e in view.spans],
        person_proposal_id=view.person_proposal.id if view.person_proposal else None,
        person_name=view.person_name,
        candidates=[m.SearchHitOut(**h.__dict__) for h in view.candidates],
    )


@router.post("/review/{proposal_id}/person", response_model=m.DecisionOut, responses=CONFLICTS)
def decide_person(
    request: Request, who: Editor, proposal_id: str, body: m.PersonDecisionIn
) -> m.DecisionOut:
    """Accept a mention as a new person (its name may be corrected) or link it to a person."""
    store = request.app.state.store
    if isinstance(body, m.LinkPersonIn):
        done = flow.accept_person(
            store, who.username, who.clearance, proposal_id, link_to=body.person_id
        )
    else:
        done = flow.accept_person(
            store, who.username, who.clearance, proposal_id, name=body.name or None
        )
    return _decision(done)


@router.post("/review/{proposal_id}/event", response_model=m.DecisionOut, responses=CONFLICTS)
def decide_event(
    request: Request, who: Editor, proposal_id: str, body: m.EventDecisionIn
) -> m.DecisionOut:
    """Confirm an event as extracted or corrected (type, date, group size), with a credibility;
    its person must be accepted first. The person's findings are re-evaluated at once."""
    store = request.app.state.store
    p = flow.allowed(store, proposal_id, who.clearance)
    date = parse_optional(body.date) if body.date else p.payload.get("date")
    edits = {
        "type": body.type or p.payload.get("type"),
        "date": str(date) if date else None,
        "group_size": body.group_size or p.payload.get("group_size"),
    }
    done = flow.accept_event(
        store, who.username, who.clearance, proposal_id, credibility=body.credibility, edits=edits
    )
    return _decision(done)


@router.post("/review/{proposal_id}/reject", response_model=m.DecisionOut, responses=CONFLICTS)
def reject(request: Request, who: Editor, proposal_id: str, body: m.RejectIn) -> m.DecisionOut:
    """Reject a proposal with a reason; it is never proposed again from that source."""
    store = request.app.state.store
    return _decision(flow.reject(store, who.username, who.clearance, proposal_id, body.reason))


# ---- imported lists ------------------------------------------------------------------------------
def _visible_list(request: Request, who: Account, scheme: str) -> str:
    if scheme not in list_matches.schemes(request.app.state.store, who.clearance):
        raise NotFoundError(f"no list '{scheme}' that you may see")
    return scheme


@router.get("/lists", response_model=list[m.ListOut])
def lists(request: Request, who: Editor) -> list[m.ListOut]:
    """Imported lists with the number of their rows the caller may see."""
    found = list_matches.schemes(request.app.state.store, who.clearance)
    return [m.ListOut(scheme=k, rows=n) for k, n in sorted(found.items())]


def _matches(
    request: Request, who: Account, scheme: str, offset: int, limit: int
) -> m.ListMatchesOut:
    store = request.app.state.store
    found, alerts = listings.review(store, who.clearance, scheme, offset, limit)
    shown = None
    if who.clearance is Visibility.SEALED:  # the alerts name sealed records
        state = {id(a): "pending" for a in alerts.pending}
        state |= {id(a): "unrecorded" for a in alerts.unrecorded}
        shown = [m.alert_out(a, state.get(id(a), "recorded")) for a in alerts.alerts]
    return m.ListMatchesOut(
        scheme=found.scheme,
        total=found.total,
        settled=found.settled,
        offset=offset,
        limit=limit,
        rows=[
            m.RowMatchOut(
                row_id=r.row_id,
                person_id=r.person_id,
                name=r.name,
                candidate_id=r.candidate_id,
                candidate_name=r.candidate_name,
                probability=r.probability,
                decision=r.decision,  # type: ignore[arg-type]
                weights=[
                    m.WeightOut(field=w.field, weight=w.weight, reason=w.reason) for w in r.weights
                ],
                judged=r.judged,
            )
            for r in found.rows
        ],
        alerts=shown,
    )


@router.get("/lists/matches", response_model=m.ListMatchesOut)
def matches(
    request: Request,
    who: Editor,
    scheme: Annotated[str, Query(max_length=120, description="list:<name>")],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> m.ListMatchesOut:
    """A list's open rows, each with its best registry candidate, the probability and each
    field's weight with its reason. Reads only."""
    return _matches(request, who, scheme, offset, limit)


@router.post("/lists/matches/start", response_model=m.ListMatchesOut)
def start(request: Request, who: Editor, body: m.SchemeIn) -> m.ListMatchesOut:
    """Start reviewing a list: record the listings its refusal alerts call for (from its kept
    file), then answer its first page of matches."""
    scheme = _visible_list(request, who, body.scheme)
    listings.record_listings(request.app.state.store, who.username, scheme)
    return _matches(request, who, scheme, 0, 100)


@router.post("/lists/matches/judge", response_model=m.JudgementOut, responses=CONFLICTS)
def judge(request: Request, who: Editor, body: m.JudgementIn) -> m.JudgementOut:
    """Same person, not the same, or unsure for a row and its candidate; "same" also merges
    the row's record into the candidate (undoably) and re-evaluates the candidate's findings."""
    store = request.app.state.store
    merged = list_matches.judge(
        store,
        who.username,
        who.clearance,
        body.scheme,
        body.row,
        body.candidate,
        body.decision,
        body.note,
    )
    listings.record_listings(store, who.username, body.scheme)
    return m.JudgementOut(decision=body.decision, merge_id=merged)
