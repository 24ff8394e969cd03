"""The JSON API for adding persons and for refusals of repatriation.

``POST /persons`` is the 'Add a person' form (``workflows.registry.add_person``). A person's
recorded wishes not to be repatriated, and a relative's requests to keep him out of an
exchange, are sealed: like the section of the person page (``pages.wishes``) these routes exist
only for callers cleared for sealed records, and answer anyone else exactly as an unknown id,
so the API leaves no trace that anything is recorded. A wish is recorded through
``workflows.wishes.record_wish`` after the page's own checks, each problem naming its field.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import NotFoundError, PowtraceError, ValidationError
from powtrace.domain.model import Event, NameForm, NameKind, Person, Side
from powtrace.domain.visibility import Visibility
from powtrace.store import writes
from powtrace.store.accounts import Account
from powtrace.web import api_models as m
from powtrace.web import api_models_edits as e
from powtrace.web.api_base import EDITORS, Caller, Editor, invalid
from powtrace.workflows import registry, wishes
from powtrace.workflows.registry import PersonView

router = APIRouter()
NO_SUCH_SOURCE = "There is no such source that you may see."


def sealed(who: Caller) -> Account:
    """A caller cleared for sealed records; for anyone else the route does not exist."""
    if who.clearance is not Visibility.SEALED:
        raise NotFoundError("no such route for this clearance")  # answered as an unknown id
    return who


Sealed = Annotated[Account, Depends(sealed)]


def sealed_editor(who: Sealed, _editor: Editor) -> Account:
    """Sealed clearance first (404 otherwise), then a role that may change records."""
    return who


SealedEditor = Annotated[Account, Depends(sealed_editor)]


# ---- adding a person --------------------------------------------------------------------------
@router.post("/persons", response_model=m.PersonSummary, status_code=201, responses=EDITORS)
def new_person(
    request: Request, response: Response, who: Editor, body: e.PersonIn
) -> m.PersonSummary:
    """Add a person; every field is checked before anything is written."""
    if not Visibility(body.visibility).visible_to(who.clearance):
        # Nobody may create a record they could not see themselves.
        raise invalid("visibility", msg="not one of the listed choices", code="unknown")
    try:
        birth = PartialDate.parse(body.birth_date) if body.birth_date else None
    except PowtraceError as exc:  # the pattern admits only real days; kept as a safety net
        raise invalid("birth_date", msg=str(exc), code="not_a_date") from None
    try:
        person = Person(
            name_forms=[NameForm(body.name, kind=NameKind.OFFICIAL)]
            + [NameForm(n, kind=NameKind.AS_REPORTED) for n in body.other_names],
            birth_date=birth,
            side=Side(body.side),
            rank=body.rank or None,
            visibility=Visibility(body.visibility),
        )
    except PowtraceError as exc:
        raise invalid("name", msg=str(exc), code="invalid") from None
    registry.add_person(request.app.state.store, who.username, person)
    response.headers["Location"] = f"/api/persons/{person.id}"
    others = [f.text for f in person.name_forms if f.text != person.display_name]
    birth_text = str(person.birth_date) if person.birth_date else None
    return m.PersonSummary(
        id=person.id,
        name=person.display_name,
        other_names=others,
        side=person.side.value,
        birth_date=birth_text,
    )


# ---- refusals of repatriation -----------------------------------------------------------------
def _wish(event: Event, view: PersonView) -> e.WishOut:
    d = event.details
    relative = event.type == "exclusion_requested_by_relative"
    return e.WishOut(
        event_id=event.id,
        type=event.type,  # type: ignore[arg-type]
        wish=None if relative else d.get("wish"),
        date=str(event.date) if event.date else None,
        relative=d.get("relative"),
        relationship=d.get("relationship"),
        obtained_via=d.get("obtained_via"),
        consent=bool(d.get("consent")),
        risks=d.get("risks"),
        medical_state=d.get("medical_state"),
        citations=[
            e.WishCitationOut(
                source_id=c.source_id,
                source_title=view.sources[c.source_id].title
                if c.source_id in view.sources
                else None,
                start=c.start,
                end=c.end,
                excerpt=c.excerpt,
            )
            for c in event.citations
        ],
    )


def _section(view: PersonView) -> e.WishesOut:
    """What the page's section shows: the wishes, and the lists that name him."""
    return e.WishesOut(
        person_id=view.person.id,
        wishes=[_wish(x, view) for x in view.events if x.type in wishes.WISH_TYPES],
        listings=[
            e.ListingOut(
                event_id=x.id,
                list=str(x.details.get("list", "")),
                row=str(x.details.get("row", "")),
                date=str(x.date) if x.date else None,
            )
            for x in view.events
            if x.type == "listed_for_exchange"
        ],
    )


@router.get("/persons/{person_id}/wishes", response_model=e.WishesOut)
def person_wishes(request: Request, who: Sealed, person_id: str) -> e.WishesOut:
    """The person's recorded refusals of repatriation and relatives' requests (a sealed,
    audited read), and the exchange lists that name him."""
    store = request.app.state.store
    return _section(registry.view_person(store, who.username, person_id, who.clearance))


def _checked_source(request: Request, who: Account, body: e.WishIn) -> None:
    """The page's checks: a source the caller may see, holding the exact words."""
    try:
        with request.app.state.store.reading() as conn:
            source = writes.get_source(conn, body.source_id)
        if not source.visibility.visible_to(who.clearance):
            raise NotFoundError(body.source_id)
    except NotFoundError:
        raise invalid("source_id", msg=NO_SUCH_SOURCE, code="unknown") from None
    try:
        registry.find_span(source, body.excerpt)
    except PowtraceError:
        msg = "These words are not in that source: copy them exactly."
        raise invalid("excerpt", msg=msg, code="not_in_source") from None


def _to_wish(person_id: str, body: e.WishIn) -> wishes.Wish:
    try:
        day = PartialDate.parse(body.date)
    except PowtraceError as exc:  # the pattern admits only real days; kept as a safety net
        raise invalid("date", msg=str(exc), code="not_a_date") from None
    wish = wishes.Wish(
        person_id=person_id,
        date=day,
        source_id=body.source_id,
        excerpt=body.excerpt,
        consent=True,
        obtained_via=body.obtained_via,
        risks=body.risks or None,
        medical_state=body.medical_state,
    )
    if isinstance(body, e.RelativeWishIn):
        wish.from_relative, wish.expressed_by = True, body.relative
        wish.relationship = body.relationship
    else:
        wish.wish = body.wish
    return wish


@router.post(
    "/persons/{person_id}/wishes",
    response_model=e.WishesOut,
    status_code=201,
    responses=EDITORS,
)
def record_wish(request: Request, who: SealedEditor, person_id: str, body: e.WishIn) -> e.WishesOut:
    """Record a refusal of repatriation, or a relative's request to keep him out of an
    exchange, as a sealed, confirmed event citing the exact words; answers the section."""
    store = request.app.state.store
    view = registry.view_person(store, who.username, person_id, who.clearance)
    _checked_source(request, who, body)
    try:
        wishes.record_wish(store, who.username, _to_wish(view.person.id, body))
    except ValidationError as exc:  # the workflow's own checks, should ours miss one
        raise invalid("excerpt", msg=str(exc), code="invalid") from None
    return _section(registry.view_person(store, who.username, view.person.id, who.clearance))
