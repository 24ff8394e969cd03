"""Cases: requests for help with the people they concern, relatives, tasks and notes.

Every form is checked by the case workflow; a problem it names comes back beside its field,
and nothing is written unless the whole form is good.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from powtrace.domain.errors import NotFoundError, PowtraceError
from powtrace.domain.visibility import Visibility
from powtrace.store import accounts
from powtrace.store import cases as vocab
from powtrace.web import labels
from powtrace.web.context import Ctx, EditorDep, UserDep, store_of
from powtrace.web.csrf import FormDep
from powtrace.web.errors import message_for
from powtrace.web.forms import Form
from powtrace.web.i18n import N_
from powtrace.web.templating import gettext, render
from powtrace.workflows import cases as flow
from powtrace.workflows import registry

router = APIRouter()
CASE_FIELDS = ("title", "kind", "status", "summary", "visibility")
RELATIVE_FIELDS = ("name", "relationship", "contact", "contact_visibility", "consent_date")


def _choices(request: Request, names: dict[str, str]) -> list[tuple[str, str]]:
    return [(k, gettext(request, v)) for k, v in names.items()]


def _levels(request: Request, ctx: Ctx, allowed: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (v, gettext(request, labels.VISIBILITY[v]))
        for v in allowed
        if Visibility(v).visible_to(ctx.clearance)
    ]


def _problems(request: Request, form: Form, exc: vocab.CaseInvalid) -> None:
    for name, code in exc.problems.items():
        form.error(
            name, gettext(request, labels.CASE_PROBLEMS.get(code, N_("Choose from the list.")))
        )


def _options(request: Request, ctx: Ctx) -> dict[str, object]:
    return {
        "kind_options": _choices(request, labels.CASE_KIND),
        "status_options": _choices(request, labels.CASE_STATUS),
        "role_options": _choices(request, labels.CASE_ROLE),
        "relationship_options": _choices(request, labels.RELATIONSHIP),
        "consent_options": [("", "—"), *_choices(request, labels.CONSENT_HOW)],
        "visibility_options": _levels(request, ctx, ("public", "restricted", "sealed")),
        "contact_options": _levels(request, ctx, vocab.CONTACT_LEVELS),
    }


@router.get("/cases")
def cases_list(request: Request, ctx: UserDep, status: str = "") -> Response:
    """Cases the reader may see, with open tasks and the next deadline."""
    status = status if status in vocab.STATUSES else ""
    found = flow.list_cases(store_of(request), ctx.clearance, status or None)
    context = {"rows": found, "status": status, **_options(request, ctx)}
    return render(request, "cases.html", context)


@router.get("/cases/new")
def new_case_page(request: Request, ctx: EditorDep) -> Response:
    """The form to open a case."""
    form = Form({"kind": "family_search", "visibility": "restricted"})
    return render(request, "case_new.html", {"form": form, **_options(request, ctx)})


@router.post("/cases/new")
def new_case(request: Request, ctx: EditorDep, data: FormDep) -> Response:
    """Open a case; every field is checked before anything is written."""
    form = Form.of(data, "title", "kind", "summary", "visibility")
    try:
        made = flow.create_case(
            store_of(request),
            ctx.actor,
            ctx.clearance,
            title=form.get("title"),
            kind=form.get("kind"),
            visibility=form.get("visibility") or "?",
            summary=form.get("summary"),
        )
    except vocab.CaseInvalid as exc:
        _problems(request, form, exc)
        return render(request, "case_new.html", {"form": form, **_options(request, ctx)}, 400)
    return RedirectResponse(f"/cases/{made.id}", status_code=303)


def _case_page(
    request: Request, ctx: Ctx, case_id: str, forms: dict[str, Form] | None = None
) -> Response:
    forms = forms or {}
    view = flow.view_case(store_of(request), ctx.actor, case_id, ctx.clearance)
    c = view.case
    people = []
    if ctx.can_edit:  # the assignee list is only in the forms
        with store_of(request).reading() as conn:
            people = [a.username for a in accounts.all_accounts(conn) if a.active]
    context = {
        "view": view,
        "c": c,
        "case_form": forms.get("case")
        or Form({k: str(getattr(c, k) or "") for k in CASE_FIELDS} | {"version": str(c.version)}),
        "person_form": forms.get("person") or Form({"role": "sought"}),
        "relative_form": forms.get("relative")
        or Form({"relationship": "mother", "contact_visibility": "sealed"}),
        "consent_form": forms.get("consent") or Form(),
        "fresh_consent": Form({"contact_visibility": "sealed"}),
        "task_form": forms.get("task") or Form(),
        "note_form": forms.get("note") or Form(),
        "assignee_options": [("", gettext(request, N_("nobody yet")))] + [(p, p) for p in people],
        **_options(request, ctx),
    }
    status = 400 if any(f.errors for f in forms.values()) else 200
    return render(request, "case.html", context, status)


@router.get("/cases/{case_id}")
def case_page(request: Request, ctx: UserDep, case_id: str) -> Response:
    """One case: its people, relatives, tasks and notes (the read is audited)."""
    return _case_page(request, ctx, case_id)


def _back(case_id: str, anchor: str) -> Response:
    return RedirectResponse(f"/cases/{case_id}#{anchor}", status_code=303)


@router.post("/cases/{case_id}/edit")
def edit_case(request: Request, ctx: EditorDep, data: FormDep, case_id: str) -> Response:
    """Change the title, kind, status, summary or visibility."""
    form = Form.of(data, *CASE_FIELDS, "version")
    try:
        version = int(form.get("version"))
    except ValueError:
        version = None
    changes = {k: form.get(k) for k in CASE_FIELDS}
    changes["visibility"] = changes["visibility"] or "?"
    try:
        flow.edit_case(
            store_of(request), ctx.actor, ctx.clearance, case_id, version=version, **changes
        )
    except vocab.CaseInvalid as exc:
        _problems(request, form, exc)
        return _case_page(request, ctx, case_id, {"case": form})
    except PowtraceError as exc:  # someone else changed it meanwhile
        if isinstance(exc, NotFoundError):
            raise
        form.error("title", message_for(request, exc))
        return _case_page(request, ctx, case_id, {"case": form})
    return _back(case_id, "h-case")


@router.post("/cases/{case_id}/persons")
def link_person(request: Request, ctx: EditorDep, data: FormDep, case_id: str) -> Response:
    """Link a person (by id, or by a name only one person you may see has) in a role."""
    form = Form.of(data, "person", "role")
    store = store_of(request)
    flow.get_case(store, case_id, ctx.clearance)  # an unknown or hidden case: not found
    person_id = form.get("person")
    if not person_id:
        form.error("person", gettext(request, N_("Give the person's id or name.")))
    elif not person_id.startswith("p-"):
        try:
            hits = registry.search_persons(
                store, ctx.actor, person_id[:200], ctx.clearance, limit=5
            )
        except PowtraceError:
            hits = []
        best = [h for h in hits if h.score == hits[0].score] if hits else []
        if len(best) == 1:
            person_id = best[0].id
        else:
            form.error(
                "person",
                gettext(
                    request,
                    N_("%(n)s people you may see match this name; give the id from their page."),
                    n=len(hits),
                ),
            )
    if form.ok:
        try:
            flow.link_person(store, ctx.actor, ctx.clearance, case_id, person_id, form.get("role"))
        except vocab.CaseInvalid as exc:
            _problems(request, form, exc)
        except NotFoundError:
            form.error("person", gettext(request, N_("No person with this id that you may see.")))
    if not form.ok:
        return _case_page(request, ctx, case_id, {"person": form})
    return _back(case_id, "h-people")


@router.post("/cases/{case_id}/persons/{link_id}/remove")
def unlink_person(
    request: Request, ctx: EditorDep, data: FormDep, case_id: str, link_id: str
) -> Response:
    """Take a person off the case (they stay in the registry)."""
    flow.unlink_person(store_of(request), ctx.actor, ctx.clearance, case_id, link_id)
    return _back(case_id, "h-people")


def _consent_fields(form: Form) -> dict[str, object]:
    given = form.get("consent") == "yes"
    return {
        "consent": given,
        "consent_date": form.get("consent_date") or None,
        "consent_how": form.get("consent_how") or None,
        "contact": form.get("contact") or None,
        "contact_visibility": form.get("contact_visibility") or "?",
    }


@router.post("/cases/{case_id}/relatives")
def add_relative(request: Request, ctx: EditorDep, data: FormDep, case_id: str) -> Response:
    """Add a relative; contact details are refused unless their consent is recorded."""
    form = Form.of(data, *RELATIVE_FIELDS, "consent", "consent_how")
    try:
        flow.add_relative(
            store_of(request),
            ctx.actor,
            ctx.clearance,
            case_id,
            name=form.get("name"),
            relationship=form.get("relationship"),
            **_consent_fields(form),  # type: ignore[arg-type]
        )
    except vocab.CaseInvalid as exc:
        _problems(request, form, exc)
        return _case_page(request, ctx, case_id, {"relative": form})
    return _back(case_id, "h-relatives")


@router.post("/cases/{case_id}/relatives/{relative_id}/consent")
def record_consent(
    request: Request, ctx: EditorDep, data: FormDep, case_id: str, relative_id: str
) -> Response:
    """Record a relative's consent with their contact details."""
    form = Form.of(data, "contact", "contact_visibility", "consent_date", "consent_how")
    form.values["relative_id"] = relative_id
    form.values["consent"] = "yes"
    try:
        flow.edit_relative(
            store_of(request),
            ctx.actor,
            ctx.clearance,
            case_id,
            relative_id,
            **_consent_fields(form),
        )
    except vocab.CaseInvalid as exc:
        _problems(request, form, exc)
        return _case_page(request, ctx, case_id, {"consent": form})
    return _back(case_id, "h-relatives")


@router.post("/cases/{case_id}/relatives/{relative_id}/withdraw")
def withdraw_consent(
    request: Request, ctx: EditorDep, data: FormDep, case_id: str, relative_id: str
) -> Response:
    """Consent withdrawn: the relative's contact details are erased."""
    flow.withdraw_consent(store_of(request), ctx.actor, ctx.clearance, case_id, relative_id)
    return _back(case_id, "h-relatives")


@router.post("/cases/{case_id}/relatives/{relative_id}/remove")
def remove_relative(
    request: Request, ctx: EditorDep, data: FormDep, case_id: str, relative_id: str
) -> Response:
    """Remove a relative and everything kept about them."""
    flow.remove_relative(store_of(request), ctx.actor, ctx.clearance, case_id, relative_id)
    return _back(case_id, "h-relatives")


@router.post("/cases/{case_id}/tasks")
def add_task(request: Request, ctx: EditorDep, data: FormDep, case_id: str) -> Response:
    """Add a task with its deadline and who is to do it."""
    form = Form.of(data, "title", "due", "assignee")
    try:
        flow.add_task(
            store_of(request),
            ctx.actor,
            ctx.clearance,
            case_id,
            title=form.get("title"),
            due=form.get("due"),
            assignee=form.get("assignee"),
        )
    except vocab.CaseInvalid as exc:
        _problems(request, form, exc)
        return _case_page(request, ctx, case_id, {"task": form})
    return _back(case_id, "h-tasks")


@router.post("/cases/{case_id}/tasks/{task_id}/done")
def task_done(
    request: Request, ctx: EditorDep, data: FormDep, case_id: str, task_id: str
) -> Response:
    """Mark a task done (or, with done=no, not done again)."""
    done = data.get("done") != "no"
    flow.set_task_done(store_of(request), ctx.actor, ctx.clearance, case_id, task_id, done)
    return _back(case_id, "h-tasks")


@router.post("/cases/{case_id}/notes")
def add_note(request: Request, ctx: EditorDep, data: FormDep, case_id: str) -> Response:
    """Add a note, signed with your name."""
    form = Form.of(data, "text")
    try:
        flow.add_note(store_of(request), ctx.actor, ctx.clearance, case_id, form.get("text"))
    except vocab.CaseInvalid as exc:
        _problems(request, form, exc)
        return _case_page(request, ctx, case_id, {"note": form})
    return _back(case_id, "h-notes")
