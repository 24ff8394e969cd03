"""Persons: the list, search in any script, one person's page, and adding a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import PowtraceError
from powtrace.domain.model import NameForm, Person, Side
from powtrace.domain.visibility import Visibility
from powtrace.web import labels
from powtrace.web.context import Ctx, EditorDep, UserDep, store_of
from powtrace.web.csrf import FormDep
from powtrace.web.errors import message_for
from powtrace.web.forms import Form
from powtrace.web.pages import wishes
from powtrace.web.templating import gettext, render
from powtrace.web.timeline import timeline_rows
from powtrace.workflows import finding_views, registry
from powtrace.workflows.registry import PersonView

router = APIRouter()
MAX_QUERY = 200
PAGE = 100  # persons per page of the list


@router.get("/persons")
def persons(request: Request, ctx: UserDep, page: Annotated[int, Query(ge=1)] = 1) -> Response:
    """The persons the reader may see, by name, a page at a time."""
    store = store_of(request)
    total = registry.count_persons(store, ctx.clearance)
    start = (page - 1) * PAGE
    rows = registry.list_persons(store, ctx.actor, ctx.clearance, PAGE, start)
    pages = {"page": page, "first": start + 1, "last": start + len(rows), "total": total}
    return render(request, "persons.html", {"rows": rows, **pages, "more": start + PAGE < total})


@router.get("/search")
def search(request: Request, ctx: UserDep, q: str = "") -> Response:
    """Find persons by any name form, typed in any script."""
    form = Form({"q": q.strip()[:MAX_QUERY]})
    hits: list[registry.SearchHit] = []
    if form.get("q"):
        try:
            hits = registry.search_persons(
                store_of(request), ctx.actor, form.get("q"), ctx.clearance
            )
        except PowtraceError:
            form.error("q", gettext(request, "Type at least one letter of a name."))
    status = 200 if form.ok else 400
    return render(request, "search.html", {"form": form, "hits": hits}, status)


@router.get("/persons/new")
def new_person_page(request: Request, ctx: EditorDep) -> Response:
    """The form to add a person."""
    form = Form({"side": "unknown", "visibility": "restricted", "kind": "official"})
    return render(request, "person_new.html", _new_context(request, ctx.clearance, form))


def _new_context(request: Request, clearance: Visibility, form: Form) -> dict:
    levels = Visibility.values_visible_to(clearance)
    return {
        "form": form,
        "side_options": [(s.value, gettext(request, labels.SIDES[s.value])) for s in Side],
        "visibility_options": [(v, gettext(request, labels.VISIBILITY[v])) for v in levels],
    }


@router.post("/persons/new")
def new_person(request: Request, ctx: EditorDep, data: FormDep) -> Response:
    """Add a person; every field is checked before anything is written."""
    form = Form.of(data, "name", "other_names", "side", "birth_date", "visibility", "rank")
    name = form.require("name", gettext(request, "Enter the name as written."))
    birth = None
    try:
        birth = parse_optional(form.get("birth_date"))
    except PowtraceError as exc:
        form.error("birth_date", message_for(request, exc))
    if form.get("side") not in {s.value for s in Side}:
        form.error("side", gettext(request, "Choose a side from the list."))
    allowed = set(Visibility.values_visible_to(ctx.clearance))
    if form.get("visibility") not in allowed:
        # Nobody may create a record they could not see themselves.
        form.error("visibility", gettext(request, "Choose a visibility from the list."))
    if len(form.get("rank")) > 200:
        form.error("rank", gettext(request, "Use at most 200 characters."))
    others = [line.strip() for line in form.get("other_names").splitlines() if line.strip()]
    if not form.ok:
        return render(request, "person_new.html", _new_context(request, ctx.clearance, form), 400)
    try:
        person = Person(
            name_forms=[NameForm(name, kind="official")]
            + [NameForm(n, kind="as_reported") for n in others],
            birth_date=birth,
            side=form.get("side"),
            rank=form.get("rank") or None,
            visibility=Visibility(form.get("visibility")),
        )
        registry.add_person(store_of(request), ctx.actor, person)
    except PowtraceError as exc:
        form.error("name", message_for(request, exc))
        return render(request, "person_new.html", _new_context(request, ctx.clearance, form), 400)
    return RedirectResponse(f"/persons/{person.id}", status_code=303)


@router.get("/persons/{person_id}")
def person(request: Request, ctx: UserDep, person_id: str) -> Response:
    """One person: name forms, status, facets, timeline with sources, problems."""
    view = registry.view_person(store_of(request), ctx.actor, person_id, ctx.clearance)
    return person_page(request, ctx, view)


def person_page(
    request: Request, ctx: Ctx, view: PersonView, wish_form: Form | None = None, status: int = 200
) -> Response:
    """The person's page as ``ctx`` may see it (also behind a refused form on it)."""
    rows, numbers = timeline_rows(view)
    pending = [e for e in view.events if e.review.value != "confirmed"]
    shown = finding_views.person_findings(store_of(request), view.person.id, ctx.clearance)
    context = {"view": view, "p": view.person, "rows": rows, "numbers": numbers}
    context |= {"pending": pending, "findings": shown, "status_form": Form()}
    # A redacted dossier is made at restricted clearance at most: none of a sealed person.
    context["dossier"] = view.person.visibility is not Visibility.SEALED
    if ctx.clearance is Visibility.SEALED:  # lower roles get no trace of the section
        context["wish"] = wishes.section(request, view, wish_form)
    return render(request, "person.html", context, status)
