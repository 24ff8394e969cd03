"""The audit chain records every write and names the first entry or row that was tampered with."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Citation, Event, NameForm, Person, ReviewState, Source
from powtrace.store import audit, writes
from powtrace.store.schema import audit_log, events, persons
from powtrace.store.store import Store
from powtrace.store.verify import verify_store

TEXT = "Sergei Orlov, 34, was captured near Vovchansk in May and exchanged in August."


def _fill(store: Store) -> tuple[Person, Source, Event]:
    with store.transaction("analyst-1") as tx:
        source, _ = writes.add_source(
            tx, Source(title="Report", content=TEXT.encode(), text=TEXT, reliability="B")
        )
        person = writes.add_person(tx, Person([NameForm("Орлов Сергей Петрович")]))
        start = TEXT.index("captured near Vovchansk")
        cite = Citation(source.id, start, start + 23, "captured near Vovchansk", 2)
        event = writes.add_event(
            tx, Event("captured", person.id, date=PartialDate.parse("2024-05"), citations=[cite])
        )
    with store.transaction("analyst-2") as tx:
        writes.set_review(tx, event.id, ReviewState.CONFIRMED)
    return person, source, event


def _verify(store: Store) -> audit.Report:
    with store.reading() as conn:
        return verify_store(conn)


def _raw(store: Store, sql: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text(sql), params)


def test_every_write_is_recorded_with_actor_and_before_after(store: Store) -> None:
    _fill(store)
    with store.reading() as conn:
        entries = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)).all()
    assert [(e.action, e.entity, e.actor) for e in entries] == [
        ("create", "source", "analyst-1"),
        ("create", "person", "analyst-1"),
        ("create", "event", "analyst-1"),
        ("update", "event", "analyst-2"),
    ]
    assert '"review":"proposed"' in entries[3].before
    assert '"review":"confirmed"' in entries[3].after
    report = _verify(store)
    assert report.ok, report.problems
    assert report.entries == 4 and report.records == 3


def test_edited_row_is_named(store: Store) -> None:
    person, _, _ = _fill(store)
    _raw(store, "UPDATE persons SET unit = 'changed' WHERE id = :id", id=person.id)
    report = _verify(store)
    assert not report.ok
    assert person.id in report.problems[0].message
    assert "unit" in report.problems[0].message


def test_edited_audit_entry_is_named_by_number(store: Store) -> None:
    _fill(store)
    _raw(store, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2")
    report = _verify(store)
    assert report.problems[0].seq == 2
    assert "entry 2" in report.problems[0].message and "edited" in report.problems[0].message


def test_deleted_audit_entry_is_named(store: Store) -> None:
    _fill(store)
    _raw(store, "DELETE FROM audit_log WHERE seq = 3")
    report = _verify(store)
    assert report.problems[0].seq == 3
    assert "missing" in report.problems[0].message


def test_reordered_entries_are_detected(store: Store) -> None:
    _fill(store)
    _raw(store, "UPDATE audit_log SET seq = 100 WHERE seq = 2")
    _raw(store, "UPDATE audit_log SET seq = 2 WHERE seq = 3")
    _raw(store, "UPDATE audit_log SET seq = 3 WHERE seq = 100")
    report = _verify(store)
    assert report.problems[0].seq == 2
    assert "reordered" in report.problems[0].message


def test_entries_cut_off_the_end_are_detected(store: Store) -> None:
    _fill(store)
    _raw(store, "DELETE FROM audit_log WHERE seq = 4")
    report = _verify(store)
    assert not report.ok
    assert "cut off" in report.problems[0].message


def test_row_added_behind_the_logs_back_is_named(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as conn:
        row = conn.execute(sa.select(events)).first()._asdict()
        row["id"] = "e-forged"
        conn.execute(events.insert().values(**row))
    report = _verify(store)
    assert any("e-forged" in p.message and "never recorded" in p.message for p in report.problems)


def test_deleted_row_is_named(store: Store) -> None:
    _, _, event = _fill(store)
    _raw(store, "DELETE FROM citations WHERE event_id = :id", id=event.id)
    _raw(store, "DELETE FROM events WHERE id = :id", id=event.id)
    report = _verify(store)
    assert any(event.id in p.message and "missing" in p.message for p in report.problems)


def test_changed_source_bytes_are_detected(store: Store) -> None:
    _, source, _ = _fill(store)
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE sources SET content = :c WHERE id = :id"),
            {"c": b"forged original", "id": source.id},
        )
    report = _verify(store)
    assert any(source.id in p.message and "sha256" in p.message for p in report.problems)


def test_failed_write_leaves_neither_row_nor_audit_entry(store: Store) -> None:
    person, source, _ = _fill(store)
    bad = Event("exchanged", person.id, citations=[Citation(source.id, 0, 5, "WRONG", 3)])
    with pytest.raises(ValidationError, match="citation 1"), store.transaction("x") as tx:
        writes.add_person(tx, Person([NameForm("Сидоров Иван")]))
        writes.add_event(tx, bad)
    with store.reading() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar() == 4
        assert conn.execute(sa.select(sa.func.count()).select_from(persons)).scalar() == 1
    assert _verify(store).ok
