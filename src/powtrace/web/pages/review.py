"""The review queue: what extraction proposed, beside the source words, to accept or reject."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import ConflictError, PowtraceError
from powtrace.web import labels
from powtrace.web.context import Ctx, EditorDep, store_of
from powtrace.web.csrf import FormDep
from powtrace.web.errors import message_for
from powtrace.web.forms import Form
from powtrace.web.i18n import N_
from powtrace.web.templating import gettext, render
from powtrace.workflows import review_views as flow

router = APIRouter()
MAX_REASON = 2000


@dataclass
class Part:
    """A stretch of the shown source text; ``marked`` when it is evidence."""

    text: str
    marked: bool


def parts(view: flow.ProposalView) -> list[Part]:
    """The window of source text cut where evidence starts and ends."""
    text = view.source.text or ""
    a, b = view.window
    cuts = sorted({a, b} | {max(a, min(b, x)) for s in view.spans for x in s})
    out = []
    for x, y in itertools.pairwise(cuts):
        if x < y:
            marked = any(s <= x and y <= e for s, e in view.spans)
            out.append(Part(text[x:y], marked))
    return out


@router.get("/review")
def queue(request: Request, ctx: EditorDep, source: str = "") -> Response:
    """Pending proposals the reader may decide, grouped by source."""
    items = flow.queue(store_of(request), ctx.clearance, source[:40] or None)
    groups: dict[str, list[flow.QueueItem]] = {}
    for item in items:
        groups.setdefault(item.proposal.source_id, []).append(item)
    return render(request, "review_queue.html", {"groups": groups, "total": len(items)})


def _item_page(
    request: Request, ctx: Ctx, proposal_id: str, forms: dict[str, Form], status: int = 200
) -> Response:
    view = flow.view_proposal(store_of(request), ctx.actor, proposal_id, ctx.clearance)
    d = view.proposal.payload
    if "event" not in forms:
        forms["event"] = Form(
            {
                "type": str(d.get("type") or ""),
                "date": str(d.get("date") or ""),
                "group_size": str(d.get("group_size") or ""),
                "credibility": "3",
            }
        )
    types = [
        (t.id, gettext(request, labels.EVENT_TYPE.get(t.id, t.label)))
        for t in flow.types().values()
        if t.visibility.visible_to(ctx.clearance)
    ]
    credibility = [(str(k), f"{k} — {gettext(request, v)}") for k, v in labels.CREDIBILITY.items()]
    context = {
        "view": view,
        "p": view.proposal,
        "d": d,
        "parts": parts(view),
        "before": view.window[0] > 0,
        "after": view.window[1] < len(view.source.text or ""),
        "person_form": forms.get("person") or Form({"name": str(d.get("name") or "")}),
        "event_form": forms["event"],
        "reject_form": forms.get("reject") or Form(),
        "type_options": types,
        "credibility_options": credibility,
        "problem": forms.get("problem", Form()).get("message"),
    }
    return render(request, "review_item.html", context, status)


@router.get("/review/{proposal_id}")
def item(request: Request, ctx: EditorDep, proposal_id: str) -> Response:
    """One proposal beside the source words it came from."""
    return _item_page(request, ctx, proposal_id, {})


def _done(request: Request, ctx: Ctx, source_id: str) -> Response:
    following = flow.next_pending(store_of(request), ctx.clearance, source_id)
    target = f"/review/{following}" if following else "/review?done=1"
    return RedirectResponse(target, status_code=303)


def _problem(request: Request, ctx: Ctx, proposal_id: str, exc: PowtraceError) -> Response:
    message = message_for(request, exc)
    if isinstance(exc, ConflictError) and "person first" in str(exc):
        message = gettext(request, N_("Accept or link the person first, then this event."))
    return _item_page(request, ctx, proposal_id, {"problem": Form({"message": message})}, 400)


@router.post("/review/{proposal_id}/person")
def decide_person(request: Request, ctx: EditorDep, data: FormDep, proposal_id: str) -> Response:
    """Accept a mention as a new person (its name may be corrected) or link it to a known one."""
    form = Form.of(data, "action", "name", "person_id")
    p = flow.allowed(store_of(request), proposal_id, ctx.clearance)
    if form.get("action") not in {"new", "link"}:
        form.error("action", gettext(request, N_("Choose what to do with the mention.")))
    elif form.get("action") == "new" and not form.get("name"):
        form.error("name", gettext(request, N_("Enter the name as written.")))
    elif form.get("action") == "link" and not form.get("person_id"):
        form.error("person_id", gettext(request, N_("Choose the person it is about.")))
    if len(form.get("name")) > 200:
        form.error("name", gettext(request, N_("Use at most 200 characters.")))
    if not form.ok:
        return _item_page(request, ctx, proposal_id, {"person": form}, 400)
    try:
        if form.get("action") == "link":
            flow.accept_person(
                store_of(request),
                ctx.actor,
                ctx.clearance,
                proposal_id,
                link_to=form.get("person_id"),
            )
        else:
            name = form.get("name") if form.get("name") != p.payload.get("name") else None
            flow.accept_person(store_of(request), ctx.actor, ctx.clearance, proposal_id, name=name)
    except ConflictError as exc:
        return _problem(request, ctx, proposal_id, exc)
    return _done(request, ctx, p.source_id)


@router.post("/review/{proposal_id}/event")
def decide_event(request: Request, ctx: EditorDep, data: FormDep, proposal_id: str) -> Response:
    """Confirm an event as extracted or corrected (type, date, group size), with a credibility."""
    form = Form.of(data, "type", "date", "group_size", "credibility")
    p = flow.allowed(store_of(request), proposal_id, ctx.clearance)
    if not flow.type_visible(form.get("type"), ctx.clearance):
        form.error("type", gettext(request, N_("Choose a type from the list.")))
    try:
        date = parse_optional(form.get("date"))
    except PowtraceError as exc:
        form.error("date", message_for(request, exc))
        date = None
    size = None
    if form.get("group_size"):
        try:
            size = int(form.get("group_size"))
            if size < 1:
                raise ValueError
        except ValueError:
            form.error("group_size", gettext(request, N_("Give a whole number of people.")))
    if form.get("credibility") not in {str(k) for k in labels.CREDIBILITY}:
        form.error("credibility", gettext(request, N_("Choose a grade from the list.")))
    if not p.payload.get("person_proposal") and size is None and "group_size" not in form.errors:
        form.error(
            "group_size", gettext(request, N_("An event without a person needs a group size."))
        )
    if not form.ok:
        return _item_page(request, ctx, proposal_id, {"event": form}, 400)
    edits = {"type": form.get("type"), "date": str(date) if date else None, "group_size": size}
    try:
        flow.accept_event(
            store_of(request),
            ctx.actor,
            ctx.clearance,
            proposal_id,
            credibility=int(form.get("credibility")),
            edits=edits,
        )
    except PowtraceError as exc:  # e.g. the person not yet accepted; a detail the type refuses
        return _problem(request, ctx, proposal_id, exc)
    return _done(request, ctx, p.source_id)


@router.post("/review/{proposal_id}/reject")
def reject(request: Request, ctx: EditorDep, data: FormDep, proposal_id: str) -> Response:
    """Reject a proposal with a reason; it is never proposed again for that source."""
    form = Form.of(data, "reason")
    p = flow.allowed(store_of(request), proposal_id, ctx.clearance)
    form.require("reason", gettext(request, N_("Say why the proposal is rejected.")))
    if len(form.get("reason")) > MAX_REASON:
        form.error("reason", gettext(request, N_("Use at most 2000 characters.")))
    if not form.ok:
        return _item_page(request, ctx, proposal_id, {"reject": form}, 400)
    try:
        flow.reject(store_of(request), ctx.actor, ctx.clearance, proposal_id, form.get("reason"))
    except ConflictError as exc:
        return _problem(request, ctx, proposal_id, exc)
    return _done(request, ctx, p.source_id)
