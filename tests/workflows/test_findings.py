"""Findings are stored, kept current as events change, never deleted, and moved by people."""

from __future__ import annotations

from datetime import date

import pytest

from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.store.store import Store
from powtrace.store.verify import verify_store
from powtrace.workflows import demo
from powtrace.workflows import findings as flow

from .support import ACTOR, event, person


def _rules_of(store: Store, person_id: str, *, current: bool = True) -> set[str]:
    views = flow.list_findings(
        store, Visibility.SEALED, person_id=person_id, include_unsupported=not current
    )
    return {v.finding.rule_id for v in views}


def test_the_demo_story_raises_the_findings_a_lawyer_expects(store: Store) -> None:
    ids = demo.load_demo(store).person_ids
    teterin = _rules_of(store, ids["teterin"])
    assert {
        "art117_active_service_after_repatriation",
        "post_return_incommunicado",
        "pay_withheld_during_captivity",
    } <= teterin
    assert "prosecution_for_surrender_or_desertion" in _rules_of(store, ids["dyachkov"])
    assert "torture_in_captivity" in _rules_of(store, ids["kravchyshyn"])
    assert _rules_of(store, ids["teterina"]) == set()  # a mother is not a POW
    with store.reading() as conn:
        assert verify_store(conn).ok


def test_a_finding_the_facts_no_longer_support_is_kept_and_says_why(store: Store) -> None:
    orlov = person(store, "Орлов Сергей Петрович", side="russia")
    event(store, orlov.id, "captured", "2024-05-10")
    as_of = date(2024, 7, 1)
    flow.refresh(store, ACTOR, [orlov.id], "a test", as_of=as_of)
    assert "capture_not_notified" in _rules_of(store, orlov.id)
    icrc = event(store, orlov.id, "registered_icrc", "2024-05-12")
    flow.refresh(store, ACTOR, [orlov.id], f"registered_icrc event {icrc.id} added", as_of=as_of)
    assert "capture_not_notified" not in _rules_of(store, orlov.id)
    (kept,) = [
        v.finding
        for v in flow.list_findings(
            store, Visibility.SEALED, person_id=orlov.id, rule_id="capture_not_notified"
        )
    ]
    assert not kept.supported and icrc.id in (kept.change or "")


def test_status_changes_need_a_reason_to_dismiss_and_are_audited(store: Store) -> None:
    ids = demo.load_demo(store).person_ids
    target = flow.list_findings(store, Visibility.SEALED, person_id=ids["teterin"])[0].finding
    with pytest.raises(ValidationError, match="why"):
        flow.set_status(store, "lawyer", target.id, "dismissed")
    with pytest.raises(ValidationError, match="unknown finding status"):
        flow.set_status(store, "lawyer", target.id, "closed")
    done = flow.set_status(store, "lawyer", target.id, "dismissed", "duplicate of case 12")
    assert (done.status.value, done.status_reason) == ("dismissed", "duplicate of case 12")
    flow.refresh(store, ACTOR, [ids["teterin"]], "a re-evaluation")  # status survives
    again = flow.list_findings(store, Visibility.SEALED, person_id=ids["teterin"])
    assert next(v.finding for v in again if v.finding.id == target.id).status.value == "dismissed"
    with store.reading() as conn:
        assert verify_store(conn).ok


def test_a_viewer_sees_no_findings_about_restricted_people(store: Store) -> None:
    ids = demo.load_demo(store).person_ids
    assert flow.list_findings(store, Visibility.PUBLIC, person_id=ids["teterin"]) == []
    assert flow.list_findings(store, Visibility.RESTRICTED, person_id=ids["teterin"])
