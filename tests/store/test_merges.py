"""Merges keep every name form, event and citation with provenance, and undo exactly."""

from __future__ import annotations

import pytest

from powtrace.domain.codec import event_to_dict, person_to_dict
from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ConflictError, ValidationError
from powtrace.domain.model import Citation, Event, ExternalId, NameForm, Person, Source
from powtrace.store import judgements, merges, rows, writes
from powtrace.store.store import Store
from powtrace.store.verify import verify_store

TEXT = "Ihor Dolgopolov was exchanged on 19 March; DOLGOPOLOV IHOR, row 117 of the list."


def _two_records(store: Store) -> tuple[Person, Person, Event]:
    with store.transaction("analyst") as tx:
        src, _ = writes.add_source(tx, Source(title="List", content=TEXT.encode(), text=TEXT))
        registry = writes.add_person(
            tx, Person([NameForm("Долгополов Игорь Сергеевич", kind="official")], side="russia")
        )
        listed = writes.add_person(
            tx,
            Person(
                [
                    NameForm("DOLGOPOLOV IHOR", kind="transliteration"),
                    NameForm("Долгополов Игорь Сергеевич", kind="official"),
                ],
                external_ids=[ExternalId("exchange-2025-03-19", "117")],
            ),
        )
        start = TEXT.index("DOLGOPOLOV IHOR, row 117")
        event = writes.add_event(
            tx,
            Event(
                "exchanged",
                listed.id,
                date=PartialDate.parse("2025-03-19"),
                citations=[Citation(src.id, start, start + 24, TEXT[start : start + 24], 1)],
            ),
        )
    return registry, listed, event


def _state(store: Store) -> dict:
    with store.reading() as conn:
        return {
            "persons": [person_to_dict(p) for p in rows.load_persons(conn)],
            "events": [event_to_dict(e) for e in rows.load_events(conn)],
        }


def test_merge_moves_forms_ids_and_events_and_keeps_the_absorbed_record(store: Store) -> None:
    registry, listed, event = _two_records(store)
    with store.transaction("reviewer") as tx:
        merges.merge_persons(tx, registry.id, listed.id)
    with store.reading() as conn:
        winner = writes.get_person(conn, registry.id)
        loser = writes.get_person(conn, listed.id)
        moved_event = writes.get_event(conn, event.id)
    assert [f.text for f in winner.name_forms] == [
        "Долгополов Игорь Сергеевич",
        "DOLGOPOLOV IHOR",
    ]  # the duplicate official form is not added twice
    assert winner.external_ids == [ExternalId("exchange-2025-03-19", "117")]
    assert loser.merged_into == registry.id and loser.external_ids == []
    assert moved_event.person_id == registry.id
    assert moved_event.citations == event.citations  # evidence travels with the event
    assert verify_store_ok(store)


def test_undo_restores_exactly_the_state_before(store: Store) -> None:
    registry, listed, _ = _two_records(store)
    before = _state(store)
    with store.transaction("reviewer") as tx:
        merge_id = merges.merge_persons(tx, registry.id, listed.id)
    with store.transaction("reviewer") as tx:
        merges.undo_merge(tx, merge_id)
    assert _state(store) == before
    with pytest.raises(ConflictError, match="already undone"), store.transaction("r") as tx:
        merges.undo_merge(tx, merge_id)
    assert verify_store_ok(store)


def test_merged_record_cannot_be_merged_again(store: Store) -> None:
    registry, listed, _ = _two_records(store)
    with store.transaction("reviewer") as tx:
        merges.merge_persons(tx, registry.id, listed.id)
    with pytest.raises(ConflictError, match="already merged"), store.transaction("r") as tx:
        merges.merge_persons(tx, registry.id, listed.id)
    with pytest.raises(ValidationError, match="itself"), store.transaction("r") as tx:
        merges.merge_persons(tx, registry.id, registry.id)


def test_judgement_is_one_row_per_pair_and_reused(store: Store) -> None:
    a, b = judgements.person_ref("p-1"), judgements.external_ref("list", "7")
    with store.transaction("reviewer-1") as tx:
        judgements.record(tx, a, b, "unsure")
    with store.transaction("reviewer-2") as tx:
        judgements.record(tx, b, a, "not_same", note="different patronymic")
    with store.reading() as conn:
        found = judgements.get(conn, a, b)
        assert len(judgements.all_judgements(conn)) == 1
    assert found is not None
    assert (found.decision, found.actor) == (judgements.Decision.NOT_SAME, "reviewer-2")
    with pytest.raises(ValidationError, match="unknown judgement"), store.transaction("r") as tx:
        judgements.record(tx, a, b, "maybe")
    assert verify_store_ok(store)


def verify_store_ok(store: Store) -> bool:
    with store.reading() as conn:
        report = verify_store(conn)
    assert report.ok, report.problems
    return True
