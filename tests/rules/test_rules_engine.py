"""The engine's contract: explicit evaluation day, stable fingerprints, honest certainty."""

from __future__ import annotations

import ast
import random
from datetime import date, datetime
from pathlib import Path

import pytest
from rules_support import AS_OF, PERSON, captivity, catalogue, ev, findings, one, person, run

from powtrace.domain.errors import ValidationError
from powtrace.lifecycle import derive
from powtrace.rules import evaluate, fingerprint, load_catalogue

RULES_SRC = Path(__file__).parents[2] / "src" / "powtrace" / "rules"


def test_the_engine_imports_only_domain_and_lifecycle() -> None:
    for path in RULES_SRC.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("powtrace")
            ):
                top = node.module.split(".")[1]
                assert top in {"domain", "lifecycle", "rules"}, f"{path.name} imports {node.module}"


def test_the_evaluation_day_is_always_given_never_read_from_the_clock() -> None:
    events = captivity("2024-03-01", "2024-03-03")
    life = derive(PERSON, events)
    with pytest.raises(ValidationError, match="as_of must be a date"):
        evaluate(catalogue(), life, person(), events, "2025-01-01")  # type: ignore[arg-type]
    at_noon = evaluate(catalogue(), life, person(), events, datetime(2024, 3, 11, 12, 0))
    assert [f.rule_id for f in at_noon] == ["capture_not_notified"]
    assert evaluate(catalogue(), life, person(), events, date(2024, 3, 10)) == []
    assert at_noon[0].as_of == date(2024, 3, 11)


def test_fingerprints_stay_the_same_across_reevaluation_order_and_new_facts() -> None:
    events = [*captivity(), ev("tortured", "2024-04-01", sources=2, id="e-torture")]
    first = one("torture_in_captivity", events)
    shuffled = list(events)
    random.Random(4).shuffle(shuffled)
    again = one(
        "torture_in_captivity",
        [*shuffled, ev("registered_icrc", "2024-03-04")],
        as_of=date(2026, 1, 1),
    )
    assert (
        first.fingerprint
        == again.fingerprint
        == fingerprint("torture_in_captivity", PERSON, ("e-torture",))
    )
    other = one(
        "torture_in_captivity",
        [*captivity(), ev("tortured", "2024-04-01", sources=2, id="e-other")],
    )
    assert other.fingerprint != first.fingerprint


def test_one_finding_per_key_event() -> None:
    events = [
        *captivity(),
        ev("tortured", "2024-04-01", sources=2),
        ev("tortured", "2024-05-01", sources=2),
    ]
    assert len(run("torture_in_captivity", events)) == 2
    assert len(run("capture_not_notified", events)) == 1  # one per captivity


def test_a_data_quality_problem_on_a_triggering_event_makes_the_finding_probable() -> None:
    # An exchange with no capture before it: the lifecycle reports it, the rule still reads it.
    events = [
        ev("exchanged", "2024-06-01", basis="medical_art109"),
        ev("redeployed_combat", "2024-09-01"),
    ]
    found = one("art117_active_service_after_repatriation", events)
    assert found.certainty == "probable" and "data-quality problem" in found.explanation


def test_undated_and_unconfirmed_events_never_make_a_certain_finding() -> None:
    undated = [*captivity(), ev("tortured", None, sources=2)]
    assert one("torture_in_captivity", undated).certainty == "probable"
    proposed = [*captivity(), ev("tortured", "2024-04-01", sources=2, review="proposed")]
    assert run("torture_in_captivity", proposed) == []


def test_the_side_served_decides_legal_basis_and_unknown_side_is_probable() -> None:
    base = [
        *captivity(),
        ev("exchanged", "2024-06-01", basis="ad_hoc_swap"),
        ev("charged", "2024-07-01", article="352.1"),
    ]
    russian = one("prosecution_for_surrender_or_desertion", base, side="russia")
    assert not any("Ukraine" in b.instrument for b in russian.legal_basis)
    unknown = one("prosecution_for_surrender_or_desertion", base, side="unknown")
    assert (
        unknown.certainty == "probable"
        and "side the person served is not recorded" in unknown.explanation
    )
    assert unknown.responsible_state is None


def test_findings_carry_what_a_store_needs() -> None:
    for found in findings([*captivity(), ev("tortured", "2024-04-01", sources=2)]):
        assert found.fingerprint.startswith("fp-") and len(found.fingerprint) == 23
        assert found.person_id == PERSON and found.as_of == AS_OF
        assert found.explanation.endswith(".") and found.evidence_to_strengthen and found.cure
        assert found.event_ids and set(found.key_event_ids) <= set(found.event_ids)


def test_a_person_without_events_gets_no_findings(tmp_path: Path) -> None:
    assert findings([]) == []
    empty = load_catalogue(tmp_path)
    assert len(empty) == 0 and empty.ok


def test_the_person_must_be_the_lifecycle_s_person() -> None:
    events = captivity()
    someone_else = person()
    someone_else.id = "p-2"
    with pytest.raises(ValidationError, match="not the person of this lifecycle"):
        evaluate(catalogue(), derive(PERSON, events), someone_else, events, AS_OF)


def test_a_finding_turns_into_plain_json_for_the_store() -> None:
    import json

    events = [
        *captivity("2024-03-01", "2024-03-03"),
        ev("pay_suspended", "2024-03-01", monthly_amount=1000, currency="RUB"),
    ]
    data = one("pay_withheld_during_captivity", events).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["fingerprint"].startswith("fp-") and data["as_of"] == "2025-12-01"
    assert data["values"]["arrears"]["months"][0] == ["2024-03", 1000]
    assert data["events"][0] == {
        "role": "captivity began",
        "event_id": events[0].id,
        "type": "captured",
        "date": "2024-03-01",
    }
