"""Refusals of repatriation: recorded sealed, refused when incomplete, alarm on a list."""

from __future__ import annotations

from pathlib import Path

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Source
from powtrace.domain.visibility import Visibility
from powtrace.store import writes
from powtrace.store.store import Store
from powtrace.workflows import findings, linking, registry, transfer, wishes

from .support import ACTOR, audit_rows, event, person

NOTE = "Interview on 2 May 2025: he does not want to be sent back; he fears trial under 352.1."


def _setup(store: Store) -> tuple[str, str]:
    orlov = person(
        store, "Орлов Сергей Петрович", side="russia", birth_date=PartialDate.parse("1990-06-01")
    )
    event(store, orlov.id, "captured", "2024-05-10")
    with store.transaction(ACTOR) as tx:
        src, _ = writes.add_source(
            tx,
            Source(
                "Lawyer's note", NOTE.encode(), text=NOTE, kind="testimony", visibility="sealed"
            ),
        )
    return orlov.id, src.id


def _wish(person_id: str, source_id: str, **kw: object) -> wishes.Wish:
    base = dict(
        person_id=person_id,
        date=PartialDate.parse("2025-05-02"),
        source_id=source_id,
        excerpt="he does not want to be sent back",
        consent=True,
        obtained_via="lawyer",
        risks="trial under 352.1",
    )
    return wishes.Wish(**(base | kw))  # type: ignore[arg-type]


def test_incomplete_records_are_refused_naming_what_is_missing(store: Store) -> None:
    pid, _ = _setup(store)
    before = len(audit_rows(store))
    with pytest.raises(ValidationError) as err:
        wishes.record_wish(store, ACTOR, _wish(pid, None, date=None, consent=False, excerpt=None))
    message = str(err.value)
    assert "date" in message and "source" in message and "consent" in message
    assert len(audit_rows(store)) == before


def test_a_wish_is_sealed_and_never_leaves_in_a_redacted_export(
    store: Store, tmp_path: Path
) -> None:
    pid, sid = _setup(store)
    recorded = wishes.record_wish(store, ACTOR, _wish(pid, sid))
    assert recorded.visibility is Visibility.SEALED
    view = registry.view_person(store, ACTOR, pid, Visibility.RESTRICTED)
    assert recorded.id not in {e.id for e in view.events} and view.withheld.records >= 1
    out = tmp_path / "export.json"
    transfer.export_file(store, ACTOR, out)
    text = out.read_text(encoding="utf-8")
    assert "refused_repatriation" not in text and "does not want" not in text


def test_a_list_naming_him_raises_the_alert_and_a_finding(store: Store, tmp_path: Path) -> None:
    pid, sid = _setup(store)
    wishes.record_wish(store, ACTOR, _wish(pid, sid, medical_state="seriously_wounded"))
    listed = tmp_path / "swap.csv"
    listed.write_text("id,full_name,birth_date\n41,ORLOV SERGEI,01.06.1990\n", encoding="utf-8")
    run = linking.link_file(store, listed)
    (alert,) = wishes.alerts_for(store, run)
    assert (alert.row_id, alert.person_id, alert.wish) == ("41", pid, "refuses_repatriation")
    wishes.record_listing(
        store,
        ACTOR,
        run,
        listed.read_bytes(),
        listed.name,
        {pid: "41"},
        listed_on=PartialDate.parse("2025-06-01"),
    )
    wishes.record_listing(store, ACTOR, run, listed.read_bytes(), listed.name, {pid: "41"})
    found = {
        v.finding.rule_id: v.finding
        for v in findings.list_findings(store, Visibility.SEALED, person_id=pid)
    }
    against = found["repatriation_against_will"]
    assert against.severity == "critical" and against.certainty == "probable"
    assert against.details["legal_certainty"] == "settled"
    assert "refoulement_risk" not in found  # no prosecution at home is recorded yet
    event(store, pid, "criminal_case_opened", "2025-05-20", details={"article": "352.1"})
    found = {
        v.finding.rule_id for v in findings.list_findings(store, Visibility.SEALED, person_id=pid)
    }
    assert "refoulement_risk" in found
    assert (
        findings.list_findings(
            store, Visibility.RESTRICTED, person_id=pid, rule_id="repatriation_against_will"
        )
        == []
    )


def test_a_listing_recorded_only_because_of_a_wish_is_sealed(store: Store, tmp_path: Path) -> None:
    pid, sid = _setup(store)
    wishes.record_wish(store, ACTOR, _wish(pid, sid))
    listed = tmp_path / "swap.csv"
    listed.write_text("id,full_name,birth_date\n41,ORLOV SERGEI,01.06.1990\n", encoding="utf-8")
    run = linking.link_file(store, listed)
    wishes.record_listing(
        store, ACTOR, run, listed.read_bytes(), listed.name, {pid: "41"}, sealed={pid}
    )
    below = registry.view_person(store, ACTOR, pid, Visibility.RESTRICTED)
    assert "listed_for_exchange" not in {e.type for e in below.events}
    cleared = registry.view_person(store, ACTOR, pid, Visibility.SEALED)
    assert "listed_for_exchange" in {e.type for e in cleared.events}
