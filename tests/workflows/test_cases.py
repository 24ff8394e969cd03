"""Cases: people, relatives (contact details only with consent), tasks, notes; all audited."""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import powtrace.cli.cases as cli_cases
from powtrace.cli import common
from powtrace.cli.cases import cases_app
from powtrace.domain.errors import NotFoundError
from powtrace.domain.visibility import Visibility
from powtrace.store.cases import CaseInvalid
from powtrace.store.schema import audit_log, case_relatives
from powtrace.store.store import Store
from powtrace.store.verify import verify_store
from powtrace.workflows import cases

from .support import ACTOR, audit_rows, person

SEALED, RESTRICTED, PUBLIC = Visibility.SEALED, Visibility.RESTRICTED, Visibility.PUBLIC
PHONE = "+380 67 123 45 67"


def _case(store: Store, **fields: object) -> cases.Case:
    fields = {"title": "Пошук сина", "kind": "family_search"} | fields
    return cases.create_case(store, ACTOR, SEALED, **fields)  # type: ignore[arg-type]


def test_a_case_is_built_up_audited_and_verifies(store: Store) -> None:
    son = person(store, "Тетерін Гліб Андрійович", side="russia")
    c = _case(store, persons=[(son.id, "sought")], summary="His mother asks where he is.")
    mother = cases.add_relative(
        store,
        ACTOR,
        SEALED,
        c.id,
        name="Тетеріна Ольга",
        relationship="mother",
        contact=PHONE,
        consent=True,
        consent_date="2025-03-01",
        consent_how="phone",
    )
    soon = (date.today() + timedelta(days=5)).isoformat()
    later = (date.today() + timedelta(days=40)).isoformat()
    task = cases.add_task(store, ACTOR, SEALED, c.id, title="Write to the ombudsman", due=soon)
    cases.add_task(store, ACTOR, SEALED, c.id, title="Ask the ICRC", due=later, assignee="lawyer")
    cases.add_note(store, ACTOR, SEALED, c.id, "Called the mother; she has a letter from him.")
    cases.edit_case(store, ACTOR, SEALED, c.id, status="waiting", version=1)

    view = cases.view_case(store, "lawyer", c.id, SEALED)
    assert [(p.name, p.link.role) for p in view.persons] == [(son.display_name, "sought")]
    assert view.relatives[0].relative.contact == PHONE and view.case.status == "waiting"
    assert view.tasks[0].title == "Write to the ombudsman"
    due = cases.due_tasks(store, RESTRICTED)
    assert [d.task.id for d in due] == [task.id] and due[0].case_title == "Пошук сина"
    (row,) = cases.list_cases(store, RESTRICTED)
    assert (row.persons, row.open_tasks, row.next_due) == (1, 2, soon)

    entities = {e for _, e, _ in audit_rows(store)}
    assert {"case", "case_person", "case_relative", "case_task", "case_note"} <= entities
    reads = [r for r in audit_rows(store) if r[0] == "read"]
    assert ("read", "case", c.id) in reads and ("read", "case_relative", mother.id) in reads
    with store.reading() as conn:
        assert verify_store(conn).ok
        logged = " ".join(str(a) for a in conn.execute(sa.select(audit_log.c.after)).scalars())
        assert "67 123" not in logged  # the audit keeps a salted hash, not the number
        conn.execute(case_relatives.update().values(contact="+380 00 000 00 00"))
        report = verify_store(conn)
        conn.rollback()
    assert any("case_relative" in p.message for p in report.problems)


def test_contact_details_need_consent_and_go_when_it_is_withdrawn(store: Store) -> None:
    c = _case(store)
    before = len(audit_rows(store))
    with pytest.raises(CaseInvalid) as refused:
        cases.add_relative(
            store, ACTOR, SEALED, c.id, name="Ірина", relationship="wife", contact=PHONE
        )
    assert refused.value.problems == {"contact": "consent_needed"}
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(CaseInvalid) as bad:
        cases.add_relative(
            store,
            ACTOR,
            SEALED,
            c.id,
            name="",
            relationship="aunt",
            contact=PHONE,
            consent=True,
            consent_date=tomorrow,
        )
    assert bad.value.problems == {
        "name": "required",
        "relationship": "unknown",
        "consent_date": "in_future",
        "consent_how": "unknown",
    }
    assert len(audit_rows(store)) == before  # nothing saved half-way
    kept = cases.add_relative(store, ACTOR, SEALED, c.id, name="Ірина", relationship="wife")
    with pytest.raises(CaseInvalid, match="consent"):
        cases.edit_relative(store, ACTOR, SEALED, c.id, kept.id, contact=PHONE)
    given = cases.edit_relative(
        store,
        ACTOR,
        SEALED,
        c.id,
        kept.id,
        contact=PHONE,
        consent=True,
        consent_date="2025-01-10",
        consent_how="written",
    )
    assert given.contact == PHONE
    gone = cases.withdraw_consent(store, ACTOR, SEALED, c.id, kept.id)
    assert (gone.contact, gone.consent, gone.consent_date) == (None, False, None)
    with store.reading() as conn:
        assert conn.execute(sa.select(case_relatives.c.contact)).scalar_one() is None
        assert verify_store(conn).ok


def test_cases_are_seen_like_other_records(store: Store) -> None:
    hidden = _case(store, visibility="sealed")
    shared = _case(store, title="Defence of S. Dyachkov", kind="legal_defence")
    sealed_man = person(store, "Засекреченный Иван", visibility="sealed")
    cases.add_relative(
        store,
        ACTOR,
        SEALED,
        shared.id,
        name="Mother",
        relationship="mother",
        contact=PHONE,
        consent=True,
        consent_date="2025-02-02",
        consent_how="in_person",
    )
    cases.link_person(store, ACTOR, SEALED, shared.id, sealed_man.id, "client")
    assert [r.case.id for r in cases.list_cases(store, RESTRICTED)] == [shared.id]
    with pytest.raises(NotFoundError) as unknown:
        cases.view_case(store, "analyst", "c-0000000000000000", RESTRICTED)
    with pytest.raises(NotFoundError) as above:
        cases.view_case(store, "analyst", hidden.id, RESTRICTED)
    assert str(above.value).replace(hidden.id, "X") == str(unknown.value).replace(
        "c-0000000000000000", "X"
    )
    view = cases.view_case(store, "analyst", shared.id, RESTRICTED)
    assert view.withheld_persons == 1 and not view.persons
    assert view.relatives[0].contact_withheld and view.relatives[0].relative.contact is None
    with pytest.raises(CaseInvalid):  # an analyst may not overwrite sealed contact details
        cases.edit_relative(
            store, "analyst", RESTRICTED, shared.id, view.relatives[0].relative.id, name="M."
        )
    with pytest.raises(CaseInvalid):  # nor save a case they could not read back
        cases.create_case(
            store, "analyst", RESTRICTED, title="x", kind="other", visibility="sealed"
        )
    with pytest.raises(NotFoundError):
        cases.link_person(store, "analyst", RESTRICTED, shared.id, sealed_man.id, "client")
    with pytest.raises(NotFoundError):
        cases.add_note(store, "analyst", RESTRICTED, hidden.id, "x")
    assert cases.list_cases(store, PUBLIC) == []


def test_the_cases_command_adds_lists_and_shows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_cases, "state", common.State(actor="cli-user"))
    monkeypatch.setattr(cli_cases, "opened_store", lambda: nullcontext(store))
    runner = CliRunner()
    added = runner.invoke(cases_app, ["add", "Пошук сина", "--kind", "family_search", "--json"])
    assert added.exit_code == 0, added.output
    case_id = json.loads(added.output)["id"]
    listed = runner.invoke(cases_app, ["list", "--json"])
    assert [r["case"]["title"] for r in json.loads(listed.output)] == ["Пошук сина"]
    shown = runner.invoke(cases_app, ["show", case_id, "--json"])
    assert json.loads(shown.output)["case"]["kind"] == "family_search"
    bad = runner.invoke(cases_app, ["add", "x", "--kind", "nonsense"])
    assert bad.exit_code != 0 and isinstance(bad.exception, CaseInvalid)


def test_a_repatriation_request_starts_with_its_tasks_before_the_exchange(store: Store) -> None:
    orlov = person(store, "Орлов Сергей Петрович")
    exchange = date.today() + timedelta(days=20)
    made = cases.create_case(
        store,
        ACTOR,
        Visibility.SEALED,
        title="Orlov: stay out of swap",
        kind="repatriation_request",
        visibility="sealed",
        persons=[(orlov.id, "client")],
        exchange_date=exchange,
    )
    view = cases.view_case(store, ACTOR, made.id, Visibility.SEALED)
    due = {t.title: date.fromisoformat(t.due) for t in view.tasks}
    icrc = next(d for title, d in due.items() if "ICRC" in title)
    assert icrc == exchange - timedelta(days=7)
    assert len(view.tasks) == 3 and all(d < exchange for d in due.values())
    soon = cases.create_case(
        store,
        ACTOR,
        Visibility.SEALED,
        title="Tomorrow's swap",
        kind="repatriation_request",
        visibility="sealed",
        exchange_date=date.today() + timedelta(days=1),
    )
    soon_view = cases.view_case(store, ACTOR, soon.id, Visibility.SEALED)
    assert all(date.fromisoformat(t.due) >= date.today() for t in soon_view.tasks)


def test_nobody_changes_what_they_may_not_read(store: Store) -> None:
    seen = person(store, "Гончар Ілля", side="ukraine")
    hidden = person(store, "Сокол Дмитро", side="ukraine", visibility="sealed")
    c = _case(store, visibility="restricted", persons=[(seen.id, "client"), (hidden.id, "sought")])
    kept = dict(relationship="mother", consent=True, consent_date="2025-03-01", consent_how="phone")
    sealed_contact = cases.add_relative(
        store, ACTOR, SEALED, c.id, name="Сокол Ніна", contact=PHONE, **kept
    )
    no_contact = cases.add_relative(
        store, ACTOR, SEALED, c.id, name="Гончар Віра", relationship="sister"
    )
    links = {
        p.link.person_id: p.link.id for p in cases.view_case(store, ACTOR, c.id, SEALED).persons
    }

    # A restricted reader is not shown the sealed person's link: removing it is "not found".
    with pytest.raises(NotFoundError):
        cases.unlink_person(store, "analyst", RESTRICTED, c.id, links[hidden.id])
    # Contact details sealed from them may be neither erased nor removed with their holder.
    for change in (cases.withdraw_consent, cases.remove_relative):
        with pytest.raises(CaseInvalid) as refused:
            change(store, "analyst", RESTRICTED, c.id, sealed_contact.id)
        assert refused.value.problems == {"contact": "unknown"}
    # Where no contact is kept there is nothing to guard: consent and details may be recorded.
    given = cases.edit_relative(
        store,
        "analyst",
        RESTRICTED,
        c.id,
        no_contact.id,
        consent=True,
        consent_date="2025-04-02",
        consent_how="in_person",
        contact=PHONE,
        contact_visibility="restricted",
    )
    assert given.contact == PHONE and given.contact_visibility is RESTRICTED
    cases.unlink_person(store, "analyst", RESTRICTED, c.id, links[seen.id])

    view = cases.view_case(store, ACTOR, c.id, SEALED)
    assert [p.link.person_id for p in view.persons] == [hidden.id]
    assert {r.relative.id for r in view.relatives} == {sealed_contact.id, no_contact.id}
    assert (
        next(r.relative for r in view.relatives if r.relative.id == sealed_contact.id).contact
        == PHONE
    )
