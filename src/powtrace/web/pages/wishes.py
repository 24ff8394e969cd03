"""Refusals of repatriation on the person's page (GC III Art. 109(3); non-refoulement).

A person's own wish not to be repatriated, or a relative's request to keep him out of an
exchange, is recorded through ``workflows.wishes.record_wish`` as a sealed, confirmed event
citing the exact words it rests on. Only readers cleared for sealed records (lawyers and
administrators) see the section or may post its form; for everyone else the route does not
exist (404), so the page leaves no trace that anything is recorded. A record that lacks the
date, the source and its words, the consent or how it was obtained is refused with each
missing thing shown beside its field, and nothing is saved.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import NotFoundError, PowtraceError
from powtrace.domain.visibility import Visibility
from powtrace.store import writes
from powtrace.web import labels
from powtrace.web.context import Ctx, signed_in, store_of
from powtrace.web.csrf import FormDep
from powtrace.web.errors import message_for
from powtrace.web.forms import Form
from powtrace.web.i18n import N_
from powtrace.web.templating import gettext
from powtrace.workflows import registry, wishes
from powtrace.workflows.registry import PersonView

router = APIRouter()
KINDS = ("own", "relative")
OWN_WISHES = ("refuses_repatriation", "seeks_to_stay", "seeks_asylum")
FIELDS = (
    "kind",
    "wish",
    "relative",
    "relationship",
    "date",
    "source",
    "source_id",
    "excerpt",
    "consent",
    "obtained_via",
    "risks",
    "medical_state",
)
LONG = 2000
SHORT = 200


def sealed_reader(ctx: Annotated[Ctx, Depends(signed_in)]) -> Ctx:
    """A reader cleared for sealed records; for anyone else the route does not exist."""
    if ctx.clearance is not Visibility.SEALED:
        raise HTTPException(404)
    return ctx


SealedDep = Annotated[Ctx, Depends(sealed_reader)]


def blank_form() -> Form:
    return Form({"kind": "own", "wish": "refuses_repatriation"})


def section(request: Request, view: PersonView, form: Form | None = None) -> dict[str, Any]:
    """What the person page shows of recorded wishes, and the form to record one."""
    recorded = [e for e in view.events if e.type in wishes.WISH_TYPES]
    listings = [e for e in view.events if e.type == "listed_for_exchange"]
    cited = sorted(view.sources.values(), key=lambda s: (s.title.lower(), s.id))

    def options(group: dict[str, str], keys: tuple[str, ...] | None = None) -> list[tuple]:
        return [(k, gettext(request, group[k])) for k in (keys or tuple(group))]

    blank = [("", gettext(request, N_("not stated")))]
    return {
        "wishes": recorded,
        "listings": listings,
        "wish_form": form or blank_form(),
        "wish_options": {
            "kind": [
                ("own", gettext(request, N_("his own wish"))),
                ("relative", gettext(request, N_("a relative's request"))),
            ],
            "wish": options(labels.WISH, OWN_WISHES),
            "relationship": blank + options(labels.RELATIONSHIP),
            "source": [
                ("", gettext(request, N_("another source, by its id (below)"))),
                *[(s.id, f"{s.title} ({s.id})") for s in cited],
            ],
            "obtained_via": [("", gettext(request, N_("choose"))), *options(labels.OBTAINED_VIA)],
            "medical_state": blank + options(labels.MEDICAL_STATE),
        },
    }


def _missing(request: Request, what: str) -> str:
    return gettext(request, N_("Missing: %(what)s."), what=gettext(request, what))


def check(request: Request, ctx: Ctx, form: Form) -> wishes.Wish | None:
    """The wish the form describes, or None with each problem beside its field."""
    store = store_of(request)
    kind = form.get("kind")
    if kind not in KINDS:
        form.error("kind", gettext(request, N_("Choose from the list.")))
    if kind == "own" and form.get("wish") not in OWN_WISHES:
        form.error("wish", gettext(request, N_("Choose from the list.")))
    if kind == "relative" and not form.get("relative"):
        form.error("relative", _missing(request, N_("the relative who asked")))
    if form.get("relationship") and form.get("relationship") not in labels.RELATIONSHIP:
        form.error("relationship", gettext(request, N_("Choose from the list.")))
    day = None
    if not form.get("date"):
        form.error("date", _missing(request, N_("the date it was expressed")))
    else:
        try:
            day = parse_optional(form.get("date"))
        except PowtraceError as exc:
            form.error("date", message_for(request, exc))
    source_id = form.get("source") or form.get("source_id")
    if not source_id:
        form.error("source", _missing(request, N_("the source of these words")))
    elif len(source_id) > SHORT:
        form.error("source_id", gettext(request, N_("There is no such source that you may see.")))
    if not form.get("excerpt"):
        form.error("excerpt", _missing(request, N_("the exact words in that source")))
    if source_id and "source" not in form.errors and "source_id" not in form.errors:
        name = "source" if form.get("source") else "source_id"
        try:
            with store.reading() as conn:
                source = writes.get_source(conn, source_id)
            if not source.visibility.visible_to(ctx.clearance):
                raise NotFoundError(source_id)
        except NotFoundError:
            form.error(name, gettext(request, N_("There is no such source that you may see.")))
        else:
            if form.get("excerpt"):
                try:
                    registry.find_span(source, form.get("excerpt"))
                except PowtraceError:
                    form.error(
                        "excerpt",
                        gettext(
                            request,
                            N_("These words are not in that source: copy them exactly."),
                        ),
                    )
    if form.get("consent") != "yes":
        form.error("consent", _missing(request, N_("the consent to act on it")))
    if form.get("obtained_via") not in labels.OBTAINED_VIA:
        form.error("obtained_via", _missing(request, N_("how it was obtained")))
    if form.get("medical_state") and form.get("medical_state") not in labels.MEDICAL_STATE:
        form.error("medical_state", gettext(request, N_("Choose from the list.")))
    for name, limit in (("relative", SHORT), ("excerpt", LONG), ("risks", LONG)):
        if len(form.get(name)) > limit:
            form.error(name, gettext(request, N_("This is too long.")))
    if not form.ok:
        return None
    relative = kind == "relative"
    return wishes.Wish(
        person_id="",
        date=day,
        source_id=source_id,
        excerpt=form.get("excerpt"),
        consent=True,
        obtained_via=form.get("obtained_via"),
        wish="refuses_repatriation" if relative else form.get("wish"),
        from_relative=relative,
        expressed_by=form.get("relative") if relative else None,
        relationship=(form.get("relationship") or None) if relative else None,
        risks=form.get("risks") or None,
        medical_state=form.get("medical_state") or None,
    )


@router.post("/persons/{person_id}/wishes")
def record(request: Request, person_id: str, ctx: SealedDep, data: FormDep) -> Response:
    """Record a refusal of repatriation or a relative's request (sealed), or show what is
    missing beside each field, saving nothing."""
    from powtrace.web.pages.persons import person_page  # the page this form is on

    store = store_of(request)
    view = registry.view_person(store, ctx.actor, person_id, ctx.clearance)
    form = Form.of(data, *FIELDS)
    wish = check(request, ctx, form)
    if wish is not None:
        wish.person_id = view.person.id
        try:
            wishes.record_wish(store, ctx.actor, wish)
        except PowtraceError as exc:  # the workflow's own checks, should the form's miss one
            form.error("excerpt", message_for(request, exc))
        else:
            return RedirectResponse(f"/persons/{view.person.id}#wishes", status_code=303)
    return person_page(request, ctx, view, wish_form=form, status=400)
