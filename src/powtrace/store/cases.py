"""Case work in the store: cases, the persons they concern, relatives, tasks and notes.

A case is a request for help (a family looking for a son, a lawyer's client). Every write is
checked first, then made and recorded in the audit chain in the same transaction.

A relative's contact details are kept only with their recorded consent (the day, and how it
was given). The audit chain keeps a salted hash of the details, never the details themselves:
withdrawing consent erases them from the store for good, while ``audit verify`` still names
contact details changed behind powtrace's back.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from powtrace.domain.errors import ConflictError, NotFoundError, ValidationError
from powtrace.domain.model import new_id
from powtrace.domain.visibility import Visibility
from powtrace.store import writes
from powtrace.store.schema import case_notes, case_persons, case_relatives, case_tasks, cases
from powtrace.store.store import Tx

KINDS = ("family_search", "legal_defence", "repatriation_request", "other")
STATUSES = ("open", "waiting", "closed")
ROLES = ("sought", "client", "witness", "other")
RELATIONSHIPS = (
    "mother",
    "father",
    "wife",
    "husband",
    "partner",
    "son",
    "daughter",
    "brother",
    "sister",
    "grandparent",
    "other_relative",
    "friend",
    "other",
)
CONSENT_WAYS = ("written", "in_person", "phone", "message", "other")
CONTACT_LEVELS = ("restricted", "sealed")  # contact details are never public
MAX_SHORT = 200  # titles, names, assignees
MAX_LONG = 10_000  # summaries, notes, contact details

# What can be wrong with a field, as a code (the web shows each in the reader's language).
MESSAGES = {
    "required": "this field is required",
    "too_long": "too long",
    "unknown": "not one of the listed choices",
    "not_a_day": "not a day (YYYY-MM-DD)",
    "in_future": "a day in the future",
    "consent_needed": "contact details can be kept only with the relative's consent: "
    "record the day and how it was given",
}
Problems = dict[str, str]  # field -> code


class CaseInvalid(ValidationError):
    """One or more fields of a case record are wrong; ``problems`` names each one."""

    def __init__(self, what: str, problems: Problems) -> None:
        self.problems = problems
        listed = "; ".join(f"{name}: {MESSAGES[code]}" for name, code in problems.items())
        super().__init__(f"{what}: {listed}")


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    kind: str
    status: str
    summary: str | None
    visibility: Visibility
    created_by: str = ""
    version: int = 1
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class CasePerson:
    id: str
    case_id: str
    person_id: str
    role: str


@dataclass(frozen=True)
class Relative:
    id: str
    case_id: str
    name: str
    relationship: str
    contact: str | None
    contact_visibility: Visibility
    consent: bool
    consent_date: str | None
    consent_how: str | None
    version: int = 1
    contact_salt: str | None = None


@dataclass(frozen=True)
class Task:
    id: str
    case_id: str
    title: str
    due: str | None  # YYYY-MM-DD
    assignee: str | None
    done: bool
    version: int = 1


@dataclass(frozen=True)
class Note:
    id: str
    case_id: str
    text: str
    author: str
    at: str


# ---- checks ----------------------------------------------------------------------------------
def _text(problems: Problems, name: str, value: str | None, limit: int, required: bool) -> None:
    if required and not (value or "").strip():
        problems[name] = "required"
    elif value and len(value) > limit:
        problems[name] = "too_long"


def _choice(problems: Problems, name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        problems[name] = "unknown"


def _level(v: Visibility | str) -> str:
    return v.value if isinstance(v, Visibility) else str(v)


def parse_day(text: str | None) -> date | None:
    """A day written YYYY-MM-DD, or None for no text; ValueError otherwise."""
    return date.fromisoformat(text) if text else None


def _day(problems: Problems, name: str, value: str | None, *, past: bool = False) -> None:
    try:
        day = parse_day(value)
    except ValueError:
        problems[name] = "not_a_day"
        return
    if past and day is not None and day > date.today():
        problems[name] = "in_future"


def check_case(c: Case) -> Problems:
    """What is wrong with a case's fields (empty: nothing)."""
    problems: Problems = {}
    _text(problems, "title", c.title, MAX_SHORT, True)
    _choice(problems, "kind", c.kind, KINDS)
    _choice(problems, "status", c.status, STATUSES)
    _text(problems, "summary", c.summary, MAX_LONG, False)
    _choice(problems, "visibility", _level(c.visibility), tuple(v.value for v in Visibility))
    return problems


def check_relative(r: Relative) -> Problems:
    """What is wrong with a relative's fields; contact details without consent are refused."""
    problems: Problems = {}
    _text(problems, "name", r.name, MAX_SHORT, True)
    _choice(problems, "relationship", r.relationship, RELATIONSHIPS)
    _text(problems, "contact", r.contact, MAX_LONG, False)
    _choice(problems, "contact_visibility", _level(r.contact_visibility), CONTACT_LEVELS)
    if r.consent:
        _text(problems, "consent_date", r.consent_date, 10, True)
        if "consent_date" not in problems:
            _day(problems, "consent_date", r.consent_date, past=True)
        _choice(problems, "consent_how", r.consent_how, CONSENT_WAYS)
    elif r.contact:
        problems["contact"] = "consent_needed"
    return problems


def check_task(t: Task) -> Problems:
    problems: Problems = {}
    _text(problems, "title", t.title, MAX_SHORT, True)
    _day(problems, "due", t.due)
    _text(problems, "assignee", t.assignee, MAX_SHORT, False)
    return problems


def check_note(text: str) -> Problems:
    problems: Problems = {}
    _text(problems, "text", text, MAX_LONG, True)
    return problems


def check_role(role: str) -> Problems:
    problems: Problems = {}
    _choice(problems, "role", role, ROLES)
    return problems


def _require(what: str, problems: Problems) -> None:
    if problems:
        raise CaseInvalid(what, problems)


# ---- snapshots (what the audit chain records) -----------------------------------------------
def contact_hash(salt: str | None, contact: str | None) -> str | None:
    """The salted SHA-256 the audit keeps in place of contact details."""
    if not contact:
        return None
    return hashlib.sha256(f"{salt or ''}\n{contact}".encode()).hexdigest()


def _case_snapshot(c: Case) -> dict[str, Any]:
    return {
        "title": c.title,
        "kind": c.kind,
        "status": c.status,
        "summary": c.summary,
        "visibility": _level(c.visibility),
    }


def _link_snapshot(link: CasePerson) -> dict[str, Any]:
    return {"case_id": link.case_id, "person_id": link.person_id, "role": link.role}


def _relative_snapshot(r: Relative) -> dict[str, Any]:
    return {
        "case_id": r.case_id,
        "name": r.name,
        "relationship": r.relationship,
        "contact_sha256": contact_hash(r.contact_salt, r.contact),
        "contact_visibility": _level(r.contact_visibility),
        "consent": r.consent,
        "consent_date": r.consent_date,
        "consent_how": r.consent_how,
    }


def _task_snapshot(t: Task) -> dict[str, Any]:
    return {
        "case_id": t.case_id,
        "title": t.title,
        "due": t.due,
        "assignee": t.assignee,
        "done": t.done,
    }


def _note_snapshot(n: Note) -> dict[str, Any]:
    return {"case_id": n.case_id, "text": n.text, "author": n.author}


# ---- rows -----------------------------------------------------------------------------------
def _case(r: Any) -> Case:
    return Case(
        r.id,
        r.title,
        r.kind,
        r.status,
        r.summary,
        Visibility(r.visibility),
        r.created_by,
        r.version,
        r.created_at,
        r.updated_at,
    )


def _relative(r: Any) -> Relative:
    return Relative(
        r.id,
        r.case_id,
        r.name,
        r.relationship,
        r.contact,
        Visibility(r.contact_visibility),
        bool(r.consent),
        r.consent_date,
        r.consent_how,
        r.version,
        r.contact_salt,
    )


def _task(r: Any) -> Task:
    return Task(r.id, r.case_id, r.title, r.due, r.assignee, bool(r.done), r.version)


def _none_if_blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


# ---- cases ----------------------------------------------------------------------------------
def new_case(
    title: str, kind: str, visibility: Visibility | str, summary: str | None = None
) -> Case:
    """A case not yet stored (status open)."""
    level = visibility if isinstance(visibility, Visibility) else Visibility.parse(visibility)
    return Case(new_id("c"), title.strip(), kind, "open", _none_if_blank(summary), level)


def add_case(tx: Tx, c: Case) -> Case:
    """Store a new case."""
    _require("case", check_case(c))
    c = replace(c, created_by=tx.actor, version=1, created_at=tx.at, updated_at=tx.at)
    tx.conn.execute(
        cases.insert().values(
            id=c.id,
            created_by=c.created_by,
            version=1,
            created_at=tx.at,
            updated_at=tx.at,
            **_case_snapshot(c),
        )
    )
    tx.record("create", "case", c.id, None, _case_snapshot(c))
    return c


def get_case(conn: sa.Connection, case_id: str) -> Case:
    row = conn.execute(sa.select(cases).where(cases.c.id == case_id)).first()
    if row is None:
        raise NotFoundError(f"no case with id '{case_id}'")
    return _case(row)


def load_cases(conn: sa.Connection, ids: list[str] | None = None) -> list[Case]:
    q = sa.select(cases).order_by(cases.c.created_at.desc(), cases.c.id)
    if ids is not None:
        q = q.where(cases.c.id.in_(ids))
    return [_case(r) for r in conn.execute(q)]


def update_case(tx: Tx, c: Case, expected_version: int | None = None) -> Case:
    """Change a case's title, kind, status, summary or visibility; refuses a stale version."""
    old = get_case(tx.conn, c.id)
    if expected_version is not None and old.version != expected_version:
        raise ConflictError(
            f"case {c.id} was changed by someone else (now version {old.version}, you edited "
            f"version {expected_version}); reload it and edit again"
        )
    _require("case", check_case(c))
    if _case_snapshot(old) == _case_snapshot(c):
        return old
    new = replace(c, version=old.version + 1, updated_at=tx.at, created_by=old.created_by)
    tx.conn.execute(
        cases.update()
        .where(cases.c.id == c.id)
        .values(version=new.version, updated_at=tx.at, **_case_snapshot(new))
    )
    tx.record("update", "case", c.id, _case_snapshot(old), _case_snapshot(new))
    return new


# ---- persons --------------------------------------------------------------------------------
def persons_of(conn: sa.Connection, case_id: str | None = None) -> list[CasePerson]:
    """The persons linked to a case (to every case when ``case_id`` is None)."""
    q = sa.select(case_persons)
    if case_id is not None:
        q = q.where(case_persons.c.case_id == case_id)
    return [
        CasePerson(r.id, r.case_id, r.person_id, r.role)
        for r in conn.execute(q.order_by(case_persons.c.id))
    ]


def link_person(tx: Tx, case_id: str, person_id: str, role: str) -> CasePerson:
    """Link a registry person to a case in a role (or change the role of a linked one)."""
    get_case(tx.conn, case_id)
    writes.get_person(tx.conn, person_id)
    _require("case person", check_role(role))
    old = next((p for p in persons_of(tx.conn, case_id) if p.person_id == person_id), None)
    if old is not None:
        if old.role == role:
            return old
        new = replace(old, role=role)
        tx.conn.execute(case_persons.update().where(case_persons.c.id == old.id).values(role=role))
        tx.record("update", "case_person", old.id, _link_snapshot(old), _link_snapshot(new))
        return new
    link = CasePerson(new_id("cp"), case_id, person_id, role)
    tx.conn.execute(case_persons.insert().values(id=link.id, **_link_snapshot(link)))
    tx.record("create", "case_person", link.id, None, _link_snapshot(link))
    return link


def unlink_person(tx: Tx, case_id: str, link_id: str) -> None:
    """Remove a person from a case (the person stays in the registry)."""
    link = next((p for p in persons_of(tx.conn, case_id) if p.id == link_id), None)
    if link is None:
        raise NotFoundError(f"case {case_id} has no person link '{link_id}'")
    tx.conn.execute(case_persons.delete().where(case_persons.c.id == link_id))
    tx.record("delete", "case_person", link_id, _link_snapshot(link), None)


# ---- relatives ------------------------------------------------------------------------------
def relatives_of(conn: sa.Connection, case_id: str) -> list[Relative]:
    q = sa.select(case_relatives).where(case_relatives.c.case_id == case_id)
    return [_relative(r) for r in conn.execute(q.order_by(case_relatives.c.created_at))]


def get_relative(conn: sa.Connection, case_id: str, relative_id: str) -> Relative:
    row = conn.execute(
        sa.select(case_relatives).where(
            case_relatives.c.id == relative_id, case_relatives.c.case_id == case_id
        )
    ).first()
    if row is None:
        raise NotFoundError(f"case {case_id} has no relative '{relative_id}'")
    return _relative(row)


def _relative_values(r: Relative) -> dict[str, Any]:
    return {
        "name": r.name,
        "relationship": r.relationship,
        "contact": r.contact,
        "contact_salt": r.contact_salt,
        "contact_visibility": _level(r.contact_visibility),
        "consent": r.consent,
        "consent_date": r.consent_date,
        "consent_how": r.consent_how,
    }


def _salted(r: Relative, old_salt: str | None = None) -> Relative:
    """Without consent nothing about how to reach them is kept; a new contact gets a salt."""
    if not r.consent:
        r = replace(r, consent_date=None, consent_how=None)
    contact = _none_if_blank(r.contact)
    salt = (old_salt or secrets.token_hex(16)) if contact else None
    return replace(r, contact=contact, contact_salt=salt)


def add_relative(tx: Tx, r: Relative) -> Relative:
    """Add a relative to a case; contact details need consent (the day and how)."""
    get_case(tx.conn, r.case_id)
    _require("relative", check_relative(r))
    r = _salted(replace(r, version=1))
    tx.conn.execute(
        case_relatives.insert().values(
            id=r.id,
            case_id=r.case_id,
            version=1,
            created_at=tx.at,
            updated_at=tx.at,
            **_relative_values(r),
        )
    )
    tx.record("create", "case_relative", r.id, None, _relative_snapshot(r))
    return r


def update_relative(tx: Tx, r: Relative, expected_version: int | None = None) -> Relative:
    """Change a relative; contact details still need consent."""
    old = get_relative(tx.conn, r.case_id, r.id)
    if expected_version is not None and old.version != expected_version:
        raise ConflictError(
            f"relative {r.id} was changed by someone else; reload the case and edit again"
        )
    _require("relative", check_relative(r))
    same_contact = _none_if_blank(r.contact) == old.contact
    new = _salted(replace(r, version=old.version + 1), old.contact_salt if same_contact else None)
    if _relative_snapshot(old) == _relative_snapshot(new):
        return old
    tx.conn.execute(
        case_relatives.update()
        .where(case_relatives.c.id == r.id)
        .values(version=new.version, updated_at=tx.at, **_relative_values(new))
    )
    tx.record("update", "case_relative", r.id, _relative_snapshot(old), _relative_snapshot(new))
    return new


def withdraw_consent(tx: Tx, case_id: str, relative_id: str) -> Relative:
    """Record that consent was withdrawn: the contact details are erased with it."""
    old = get_relative(tx.conn, case_id, relative_id)
    return update_relative(tx, replace(old, consent=False, contact=None))


def remove_relative(tx: Tx, case_id: str, relative_id: str) -> None:
    """Remove a relative and everything kept about them."""
    old = get_relative(tx.conn, case_id, relative_id)
    tx.conn.execute(case_relatives.delete().where(case_relatives.c.id == relative_id))
    tx.record("delete", "case_relative", relative_id, _relative_snapshot(old), None)


# ---- tasks ----------------------------------------------------------------------------------
def tasks_of(conn: sa.Connection, case_id: str | None = None) -> list[Task]:
    """A case's tasks, open ones first by deadline (every case's when ``case_id`` is None)."""
    q = sa.select(case_tasks)
    if case_id is not None:
        q = q.where(case_tasks.c.case_id == case_id)
    rows = [_task(r) for r in conn.execute(q.order_by(case_tasks.c.created_at))]
    return sorted(rows, key=lambda t: (t.done, t.due or "9999", t.title))


def open_tasks_due(conn: sa.Connection, until: date) -> list[Task]:
    """Tasks not done whose deadline is on or before ``until`` (overdue ones too)."""
    q = (
        sa.select(case_tasks)
        .where(
            case_tasks.c.done.is_(False),
            case_tasks.c.due.is_not(None),
            case_tasks.c.due <= until.isoformat(),
        )
        .order_by(case_tasks.c.due, case_tasks.c.id)
    )
    return [_task(r) for r in conn.execute(q)]


def get_task(conn: sa.Connection, case_id: str, task_id: str) -> Task:
    row = conn.execute(
        sa.select(case_tasks).where(case_tasks.c.id == task_id, case_tasks.c.case_id == case_id)
    ).first()
    if row is None:
        raise NotFoundError(f"case {case_id} has no task '{task_id}'")
    return _task(row)


def add_task(tx: Tx, t: Task) -> Task:
    get_case(tx.conn, t.case_id)
    t = replace(t, title=t.title.strip(), assignee=_none_if_blank(t.assignee), due=t.due or None)
    _require("task", check_task(t))
    tx.conn.execute(
        case_tasks.insert().values(
            id=t.id, version=1, created_at=tx.at, updated_at=tx.at, **_task_snapshot(t)
        )
    )
    tx.record("create", "case_task", t.id, None, _task_snapshot(t))
    return replace(t, version=1)


def update_task(tx: Tx, t: Task) -> Task:
    """Change a task: done or not, its deadline, title or assignee."""
    old = get_task(tx.conn, t.case_id, t.id)
    t = replace(t, title=t.title.strip(), assignee=_none_if_blank(t.assignee), due=t.due or None)
    _require("task", check_task(t))
    if _task_snapshot(old) == _task_snapshot(t):
        return old
    new = replace(t, version=old.version + 1)
    tx.conn.execute(
        case_tasks.update()
        .where(case_tasks.c.id == t.id)
        .values(version=new.version, updated_at=tx.at, **_task_snapshot(new))
    )
    tx.record("update", "case_task", t.id, _task_snapshot(old), _task_snapshot(new))
    return new


# ---- notes ----------------------------------------------------------------------------------
def notes_of(conn: sa.Connection, case_id: str) -> list[Note]:
    q = sa.select(case_notes).where(case_notes.c.case_id == case_id)
    return [
        Note(r.id, r.case_id, r.text, r.author, r.at)
        for r in conn.execute(q.order_by(case_notes.c.at, case_notes.c.id))
    ]


def add_note(tx: Tx, case_id: str, text: str) -> Note:
    """Add a note to a case, signed by the transaction's actor."""
    get_case(tx.conn, case_id)
    text = text.strip()
    _require("note", check_note(text))
    note = Note(new_id("n"), case_id, text, tx.actor, tx.at)
    tx.conn.execute(
        case_notes.insert().values(
            id=note.id, case_id=case_id, text=text, author=tx.actor, at=tx.at
        )
    )
    tx.record("create", "case_note", note.id, None, _note_snapshot(note))
    return note


# ---- verification ---------------------------------------------------------------------------
def snapshots(conn: sa.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Every case record as the audit chain should have recorded it last."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in conn.execute(sa.select(cases)):
        out[("case", r.id)] = _case_snapshot(_case(r))
    for r in conn.execute(sa.select(case_persons)):
        out[("case_person", r.id)] = _link_snapshot(
            CasePerson(r.id, r.case_id, r.person_id, r.role)
        )
    for r in conn.execute(sa.select(case_relatives)):
        out[("case_relative", r.id)] = _relative_snapshot(_relative(r))
    for r in conn.execute(sa.select(case_tasks)):
        out[("case_task", r.id)] = _task_snapshot(_task(r))
    for r in conn.execute(sa.select(case_notes)):
        out[("case_note", r.id)] = _note_snapshot(Note(r.id, r.case_id, r.text, r.author, r.at))
    return out
