"""Writes validate first, refuse conflicts and stale versions, and keep sources once."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ConflictError, NotFoundError
from powtrace.domain.model import Event, ExternalId, NameForm, Person, Source
from powtrace.store import rows, writes
from powtrace.store.schema import audit_log
from powtrace.store.store import Store


def _audit_count(store: Store) -> int:
    with store.reading() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()


def test_person_round_trips_with_name_forms_in_order(store: Store) -> None:
    person = Person(
        [
            NameForm(
                "Долгополов Игорь Сергеевич",
                kind="official",
                language="ru",
                surname="Долгополов",
                given="Игорь",
                patronymic="Сергеевич",
            ),
            NameForm("DOLGOPOLOV IHOR", kind="transliteration"),
        ],
        birth_date=PartialDate.parse("1993-04"),
        side="russia",
        external_ids=[ExternalId("exchange-2025-03", "117")],
        field_visibility={"unit": "sealed"},
        unit="military unit 00000",
    )
    with store.transaction("t") as tx:
        writes.add_person(tx, person)
    with store.reading() as conn:
        loaded = writes.get_person(conn, person.id)
    assert loaded == person


def test_stale_version_is_a_conflict_naming_both_versions(store: Store) -> None:
    person = Person([NameForm("Орлов Сергей")])
    with store.transaction("a") as tx:
        writes.add_person(tx, person)
    person.rank = "private"
    with store.transaction("a") as tx:
        writes.update_person(tx, person, expected_version=1)
    person.rank = "sergeant"
    with pytest.raises(ConflictError, match=r"version 2.*version 1"), store.transaction("b") as tx:
        writes.update_person(tx, person, expected_version=1)
    with store.reading() as conn:
        assert writes.get_person(conn, person.id).rank == "private"


def test_update_without_change_writes_no_audit_entry(store: Store) -> None:
    person = Person([NameForm("Орлов Сергей")])
    with store.transaction("a") as tx:
        writes.add_person(tx, person)
    count = _audit_count(store)
    with store.transaction("a") as tx:
        writes.update_person(tx, person)
    assert _audit_count(store) == count


def test_external_id_belongs_to_one_person(store: Store) -> None:
    first = Person([NameForm("Орлов Сергей")], external_ids=[ExternalId("list-a", "7")])
    second = Person([NameForm("Орлов Семён")], external_ids=[ExternalId("list-a", "7")])
    with store.transaction("a") as tx:
        writes.add_person(tx, first)
    with pytest.raises(ConflictError, match="list-a:7"), store.transaction("a") as tx:
        writes.add_person(tx, second)


def test_same_bytes_are_one_source(store: Store) -> None:
    a = Source(title="first title", content=b"the same text", text="the same text")
    b = Source(title="second title", content=b"the same text", text="the same text")
    with store.transaction("a") as tx:
        _, created_a = writes.add_source(tx, a)
        kept, created_b = writes.add_source(tx, b)
    assert (created_a, created_b) == (True, False)
    assert kept.title == "first title"
    with store.reading() as conn:
        assert len(rows.load_sources(conn)) == 1


def test_event_for_unknown_person_is_refused(store: Store) -> None:
    with pytest.raises(NotFoundError, match="p-missing"), store.transaction("a") as tx:
        writes.add_event(tx, Event("captured", "p-missing"))
    assert _audit_count(store) == 0


def test_group_event_needs_no_person(store: Store) -> None:
    event = Event("exchanged", None, group_size=84, date=PartialDate.parse("2025-03-19"))
    with store.transaction("a") as tx:
        writes.add_event(tx, event)
    with store.reading() as conn:
        assert writes.get_event(conn, event.id).group_size == 84
