"""The JSON API for changing a case and its relatives (the rest of cases is in ``api_legal``).

Each route calls the function of ``workflows.cases`` that the case page's form calls, for
editors only, and answers the case as the caller may see it: a relative's contact details only
up to the clearance they were saved at. A case the caller may not see is answered as an unknown
id before any field is looked at. An edit carries the version it was made on; a stale one is
refused with 409.

The workflow refuses, for the page and here alike, to take off the case a person the caller
may not see, or to change, withdraw or remove a relative's contact details the caller may not
read.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from powtrace.domain.visibility import Visibility
from powtrace.store.accounts import Account
from powtrace.web import api_models as m
from powtrace.web import api_models_edits as e
from powtrace.web.api_base import CONFLICTS, EDITORS, Editor
from powtrace.web.api_legal import case_view
from powtrace.workflows import cases as flow

router = APIRouter(responses=EDITORS)


def _visible(request: Request, who: Account, case_id: str) -> None:
    """An unknown or hidden case: not found, before its fields are judged (as on the page)."""
    flow.get_case(request.app.state.store, case_id, who.clearance)


def _contact_level(who: Account, asked: str | None) -> str:
    """The level asked for, else the most guarded one the caller could read back."""
    return asked or ("sealed" if who.clearance is Visibility.SEALED else "restricted")


@router.post("/cases/{case_id}/edit", response_model=m.CaseOut, responses=CONFLICTS)
def edit_case(request: Request, who: Editor, case_id: str, body: e.CaseEditIn) -> m.CaseOut:
    """Change the title, kind, status, summary or visibility of the version you read."""
    _visible(request, who, case_id)
    changes = body.model_dump(exclude_none=True, exclude={"version"})
    store = request.app.state.store
    flow.edit_case(store, who.username, who.clearance, case_id, version=body.version, **changes)
    return case_view(request, who, case_id)


@router.post("/cases/{case_id}/persons/{link_id}/remove", response_model=m.CaseOut)
def unlink_person(request: Request, who: Editor, case_id: str, link_id: str) -> m.CaseOut:
    """Take a person off the case (they stay in the registry)."""
    flow.unlink_person(request.app.state.store, who.username, who.clearance, case_id, link_id)
    return case_view(request, who, case_id)


@router.post("/cases/{case_id}/relatives", response_model=m.CaseOut, status_code=201)
def add_relative(request: Request, who: Editor, case_id: str, body: e.RelativeIn) -> m.CaseOut:
    """Add a relative; contact details are refused unless their consent is recorded."""
    _visible(request, who, case_id)
    flow.add_relative(
        request.app.state.store,
        who.username,
        who.clearance,
        case_id,
        name=body.name,
        relationship=body.relationship,
        contact=body.contact,
        contact_visibility=_contact_level(who, body.contact_visibility),
        consent=body.consent,
        consent_date=body.consent_date.isoformat() if body.consent_date else None,
        consent_how=body.consent_how,
    )
    return case_view(request, who, case_id)


@router.post("/cases/{case_id}/relatives/{relative_id}/consent", response_model=m.CaseOut)
def record_consent(
    request: Request, who: Editor, case_id: str, relative_id: str, body: e.ConsentIn
) -> m.CaseOut:
    """Record a relative's consent (the day, and how it was given) with their contact details."""
    _visible(request, who, case_id)
    flow.edit_relative(
        request.app.state.store,
        who.username,
        who.clearance,
        case_id,
        relative_id,
        consent=True,
        consent_date=body.consent_date.isoformat(),
        consent_how=body.consent_how,
        contact=body.contact,
        contact_visibility=_contact_level(who, body.contact_visibility),
    )
    return case_view(request, who, case_id)


@router.post("/cases/{case_id}/relatives/{relative_id}/withdraw", response_model=m.CaseOut)
def withdraw_consent(request: Request, who: Editor, case_id: str, relative_id: str) -> m.CaseOut:
    """Consent withdrawn: the relative's contact details are erased for good."""
    flow.withdraw_consent(
        request.app.state.store, who.username, who.clearance, case_id, relative_id
    )
    return case_view(request, who, case_id)


@router.post("/cases/{case_id}/relatives/{relative_id}/remove", response_model=m.CaseOut)
def remove_relative(request: Request, who: Editor, case_id: str, relative_id: str) -> m.CaseOut:
    """Remove a relative and everything kept about them."""
    flow.remove_relative(request.app.state.store, who.username, who.clearance, case_id, relative_id)
    return case_view(request, who, case_id)
