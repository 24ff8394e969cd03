"""Case work: requests for help with the people they concern, relatives, tasks and notes.

A case is seen like any other record: above the reader's clearance it is answered exactly like
an unknown id, and reading a restricted or sealed one is audited. Its linked persons are shown
only when the reader may see them; a relative's contact details only up to the clearance they
were saved at (sealed by default), and a read of sealed contact details is audited. Nobody may
save a record at a level they could not read back themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import sqlalchemy as sa

from powtrace.domain.errors import NotFoundError, ValidationError
from powtrace.domain.model import new_id
from powtrace.domain.visibility import Visibility
from powtrace.store import cases as stored
from powtrace.store import rows, writes
from powtrace.store.cases import Case, CaseInvalid, CasePerson, Note, Problems, Relative, Task
from powtrace.store.store import Store, Tx
from powtrace.workflows import redact

__all__ = [
    "Case",
    "CaseInvalid",
    "CasePerson",
    "CaseRow",
    "CaseView",
    "DueTask",
    "LinkedPerson",
    "Note",
    "Relative",
    "RelativeView",
    "Task",
]


@dataclass
class CaseRow:
    """A case in a list: counts, and its next deadline."""

    case: Case
    persons: int
    open_tasks: int
    next_due: str | None


@dataclass
class LinkedPerson:
    link: CasePerson
    name: str


@dataclass
class RelativeView:
    relative: Relative  # contact is None when withheld
    contact_withheld: bool = False


@dataclass
class CaseView:
    """A case as one reader may see it."""

    case: Case
    persons: list[LinkedPerson] = field(default_factory=list)
    relatives: list[RelativeView] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    withheld_persons: int = 0


@dataclass
class DueTask:
    task: Task
    case_title: str
    overdue: bool


def _visible_case(conn: sa.Connection, case_id: str, clearance: Visibility) -> Case:
    """The case, or the same error as for an unknown id when it is above the clearance."""
    found = stored.load_cases(conn, [case_id])
    c = found[0] if found else None
    if c is None or not c.visibility.visible_to(clearance):
        raise NotFoundError(f"no case with id '{case_id}' that you may see")
    return c


def _level_problems(name: str, level: Visibility | str, clearance: Visibility) -> Problems:
    """Nobody may save a record at a level they could not see themselves."""
    try:
        parsed = Visibility.parse(level)
    except ValidationError:
        return {name: "unknown"}
    return {} if parsed.visible_to(clearance) else {name: "unknown"}


# ---- reading --------------------------------------------------------------------------------
def list_cases(store: Store, clearance: Visibility, status: str | None = None) -> list[CaseRow]:
    """Cases the reader may see, newest first, with their open tasks and next deadline."""
    with store.reading() as conn:
        found = [c for c in stored.load_cases(conn) if c.visibility.visible_to(clearance)]
        persons = Counter(link.case_id for link in stored.persons_of(conn))
        tasks = [t for t in stored.tasks_of(conn) if not t.done]
    open_tasks = Counter(t.case_id for t in tasks)
    next_due: dict[str, str] = {}
    for t in tasks:
        if t.due and (t.case_id not in next_due or t.due < next_due[t.case_id]):
            next_due[t.case_id] = t.due
    return [
        CaseRow(c, persons[c.id], open_tasks[c.id], next_due.get(c.id))
        for c in found
        if not status or c.status == status
    ]


def get_case(store: Store, case_id: str, clearance: Visibility) -> Case:
    """The case itself, if the reader may see it (not audited: it shows no one's details)."""
    with store.reading() as conn:
        return _visible_case(conn, case_id, clearance)


def view_case(store: Store, actor: str, case_id: str, clearance: Visibility) -> CaseView:
    """Everything ``clearance`` may see of a case; the read is audited when not public."""
    with store.transaction(actor) as tx:
        c = _visible_case(tx.conn, case_id, clearance)
        view = CaseView(c)
        links = stored.persons_of(tx.conn, case_id)
        people = {p.id: p for p in rows.load_persons(tx.conn, [x.person_id for x in links])}
        for link in links:
            shown, _ = redact.person_for(people[link.person_id], clearance)
            if shown is None:
                view.withheld_persons += 1
            else:
                view.persons.append(LinkedPerson(link, shown.display_name))
        sealed_reads = []
        for r in stored.relatives_of(tx.conn, case_id):
            if r.contact and not r.contact_visibility.visible_to(clearance):
                view.relatives.append(RelativeView(replace(r, contact=None), True))
                continue
            if r.contact and r.contact_visibility is Visibility.SEALED:
                sealed_reads.append(r.id)
            view.relatives.append(RelativeView(r))
        view.tasks = stored.tasks_of(tx.conn, case_id)
        view.notes = stored.notes_of(tx.conn, case_id)
        if redact.needs_read_audit(c.visibility):
            writes.record_read(tx, "case", case_id)
        for rid in sealed_reads:  # sealed contact details were shown: one entry each
            writes.record_read(tx, "case_relative", rid)
    return view


def due_tasks(
    store: Store, clearance: Visibility, days: int = 14, today: date | None = None
) -> list[DueTask]:
    """Open tasks due within ``days`` (and overdue ones) in cases the reader may see."""
    today = today or date.today()
    with store.reading() as conn:
        tasks = stored.open_tasks_due(conn, today + timedelta(days=days))
        found = {c.id: c for c in stored.load_cases(conn, sorted({t.case_id for t in tasks}))}
    return [
        DueTask(t, found[t.case_id].title, (t.due or "") < today.isoformat())
        for t in tasks
        if found[t.case_id].visibility.visible_to(clearance)
    ]


# ---- writing --------------------------------------------------------------------------------
@contextmanager
def _case_tx(store: Store, actor: str, case_id: str, clearance: Visibility) -> Iterator[Tx]:
    """A transaction on one case the actor may see (else: not found, nothing written)."""
    with store.transaction(actor) as tx:
        _visible_case(tx.conn, case_id, clearance)
        yield tx


def create_case(
    store: Store,
    actor: str,
    clearance: Visibility,
    *,
    title: str,
    kind: str,
    visibility: Visibility | str = Visibility.RESTRICTED,
    summary: str | None = None,
    persons: Sequence[tuple[str, str]] = (),
    exchange_date: date | None = None,
) -> Case:
    """Open a new case, with the persons it concerns (id, role), all or nothing.

    A repatriation request (someone refuses to go home, or a family asks to keep him out of an
    exchange) starts with the tasks it always needs, due before the announced exchange.
    """
    problems = _level_problems("visibility", visibility, clearance)
    level = Visibility.RESTRICTED if problems else visibility
    c = stored.new_case(title, kind, level, summary)
    problems = stored.check_case(c) | problems
    if problems:
        raise CaseInvalid("case", problems)
    with store.transaction(actor) as tx:
        made = stored.add_case(tx, c)
        for person_id, role in persons:
            _link(tx, clearance, c.id, person_id, role)
        if kind == "repatriation_request":
            for title, due in repatriation_tasks(exchange_date, date.today()):
                stored.add_task(tx, Task(new_id("t"), c.id, title, due.isoformat(), None, False))
    return made


# What a request to stay out of an exchange needs done, and how many days before the
# announced exchange (GC III Art. 109(3); the ICRC must hear the prisoner in private).
REPATRIATION_TASKS = (
    ("Notify the ICRC Central Tracing Agency and ask for a private interview", 7),
    ("Notify the detaining state's authorities of the recorded wish", 5),
    ("Brief the lawyer and confirm the consent on record", 10),
)


def repatriation_tasks(exchange: date | None, today: date) -> list[tuple[str, date]]:
    """The standard tasks with their deadlines: before the exchange, never in the past; with
    no exchange announced, within days."""
    out = []
    for title, days_before in REPATRIATION_TASKS:
        due = exchange - timedelta(days=days_before) if exchange else today + timedelta(days=3)
        out.append((title, max(due, today)))
    return out


def edit_case(
    store: Store,
    actor: str,
    clearance: Visibility,
    case_id: str,
    *,
    version: int | None = None,
    **changes: object,
) -> Case:
    """Change a case's title, kind, status, summary or visibility."""
    allowed = {"title", "kind", "status", "summary", "visibility"}
    unknown = set(changes) - allowed
    if unknown:
        raise CaseInvalid("case", dict.fromkeys(sorted(unknown), "unknown"))
    level: Problems = {}
    if "visibility" in changes:
        level = _level_problems("visibility", changes["visibility"], clearance)  # type: ignore[arg-type]
        if level:
            del changes["visibility"]
        else:
            changes["visibility"] = Visibility.parse(changes["visibility"])  # type: ignore[arg-type]
    if isinstance(changes.get("summary"), str):
        changes["summary"] = changes["summary"].strip() or None  # type: ignore[union-attr]
    with _case_tx(store, actor, case_id, clearance) as tx:
        new = replace(stored.get_case(tx.conn, case_id), **changes)  # type: ignore[arg-type]
        problems = stored.check_case(new) | level
        if problems:
            raise CaseInvalid("case", problems)
        return stored.update_case(tx, new, version)


def link_person(
    store: Store, actor: str, clearance: Visibility, case_id: str, person_id: str, role: str
) -> CasePerson:
    """Link a person the actor may see to the case, in a role."""
    with _case_tx(store, actor, case_id, clearance) as tx:
        return _link(tx, clearance, case_id, person_id, role)


def _link(tx: Tx, clearance: Visibility, case_id: str, person_id: str, role: str) -> CasePerson:
    found = rows.load_persons(tx.conn, [person_id])
    if not found or not found[0].visibility.visible_to(clearance):
        raise NotFoundError(f"no person with id '{person_id}' that you may see")
    if found[0].merged_into:  # link the record the person now lives on
        person_id = found[0].merged_into
    return stored.link_person(tx, case_id, person_id, role)


def unlink_person(
    store: Store, actor: str, clearance: Visibility, case_id: str, link_id: str
) -> None:
    """Take a person off the case (they stay in the registry).

    A link to a person the actor may not see is answered as an unknown link: it is not shown
    to them, so they may not remove it either.
    """
    with _case_tx(store, actor, case_id, clearance) as tx:
        link = next((x for x in stored.persons_of(tx.conn, case_id) if x.id == link_id), None)
        found = rows.load_persons(tx.conn, [link.person_id]) if link else []
        if not found or not found[0].visibility.visible_to(clearance):
            raise NotFoundError(f"case {case_id} has no person link '{link_id}' that you may see")
        stored.unlink_person(tx, case_id, link_id)


def _contact_guarded(old: Relative, clearance: Visibility) -> None:
    """Someone who may not read a relative's contact details may not change or erase them."""
    if old.contact and not old.contact_visibility.visible_to(clearance):
        raise CaseInvalid("relative", {"contact": "unknown"})


def add_relative(
    store: Store,
    actor: str,
    clearance: Visibility,
    case_id: str,
    *,
    name: str,
    relationship: str,
    contact: str | None = None,
    contact_visibility: Visibility | str = Visibility.SEALED,
    consent: bool = False,
    consent_date: str | None = None,
    consent_how: str | None = None,
) -> Relative:
    """Add a relative; contact details are refused unless consent is recorded (day, how)."""
    problems = _level_problems("contact_visibility", contact_visibility, clearance)
    r = Relative(
        new_id("r"),
        case_id,
        name.strip(),
        relationship,
        (contact or "").strip() or None,
        Visibility.SEALED if problems else Visibility.parse(contact_visibility),
        consent,
        consent_date or None,
        consent_how or None,
    )
    problems = stored.check_relative(r) | problems
    if problems:
        raise CaseInvalid("relative", problems)
    with _case_tx(store, actor, case_id, clearance) as tx:
        return stored.add_relative(tx, r)


def edit_relative(
    store: Store,
    actor: str,
    clearance: Visibility,
    case_id: str,
    relative_id: str,
    *,
    version: int | None = None,
    **changes: object,
) -> Relative:
    """Change a relative's details (contact details still need consent)."""
    level: Problems = {}
    if "contact_visibility" in changes:
        level = _level_problems("contact_visibility", changes["contact_visibility"], clearance)  # type: ignore[arg-type]
        if level:
            del changes["contact_visibility"]
        else:
            changes["contact_visibility"] = Visibility.parse(changes["contact_visibility"])  # type: ignore[arg-type]
    with _case_tx(store, actor, case_id, clearance) as tx:
        old = stored.get_relative(tx.conn, case_id, relative_id)
        _contact_guarded(old, clearance)
        new = replace(old, **changes)  # type: ignore[arg-type]
        problems = stored.check_relative(new) | level
        if problems:
            raise CaseInvalid("relative", problems)
        return stored.update_relative(tx, new, version)


def withdraw_consent(
    store: Store, actor: str, clearance: Visibility, case_id: str, relative_id: str
) -> Relative:
    """Consent withdrawn: the relative's contact details are erased."""
    with _case_tx(store, actor, case_id, clearance) as tx:
        _contact_guarded(stored.get_relative(tx.conn, case_id, relative_id), clearance)
        return stored.withdraw_consent(tx, case_id, relative_id)


def remove_relative(
    store: Store, actor: str, clearance: Visibility, case_id: str, relative_id: str
) -> None:
    """Remove a relative and everything kept about them."""
    with _case_tx(store, actor, case_id, clearance) as tx:
        _contact_guarded(stored.get_relative(tx.conn, case_id, relative_id), clearance)
        stored.remove_relative(tx, case_id, relative_id)


def add_task(
    store: Store,
    actor: str,
    clearance: Visibility,
    case_id: str,
    *,
    title: str,
    due: str | None = None,
    assignee: str | None = None,
) -> Task:
    """Add a task with a deadline (YYYY-MM-DD) and who is to do it."""
    t = Task(new_id("t"), case_id, title, due or None, assignee, False)
    with _case_tx(store, actor, case_id, clearance) as tx:
        return stored.add_task(tx, t)


def set_task_done(
    store: Store, actor: str, clearance: Visibility, case_id: str, task_id: str, done: bool
) -> Task:
    """Mark a task done, or not done again."""
    with _case_tx(store, actor, case_id, clearance) as tx:
        old = stored.get_task(tx.conn, case_id, task_id)
        return stored.update_task(tx, replace(old, done=done))


def add_note(store: Store, actor: str, clearance: Visibility, case_id: str, text: str) -> Note:
    """Add a note to the case, signed by the actor."""
    with _case_tx(store, actor, case_id, clearance) as tx:
        return stored.add_note(tx, case_id, text)
