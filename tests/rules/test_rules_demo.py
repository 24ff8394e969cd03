"""The demo story fires exactly the findings a lawyer reading it would expect."""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

import yaml
from rules_support import catalogue

from powtrace.domain.dates import parse_optional
from powtrace.domain.model import Citation, Event, NameForm, Person
from powtrace.lifecycle import derive
from powtrace.rules import evaluate

EXPECTED = {
    # Isolated four weeks with a lawyer turned away, sent to an assault unit after an ad hoc
    # swap, pay stopped since capture, missing again with the family told nothing; no
    # capture-card record while Ukraine held him.
    "teterin": {
        "art117_active_service_after_repatriation",
        "post_return_incommunicado",
        "pay_withheld_during_captivity",
        "family_not_informed",
        "capture_not_notified",
    },
    # Surrendered, filmed in a Ukrainian camp, held at a unit after return, convicted under
    # 352.1 on the strength of the video.
    "dyachkov": {
        "prosecution_for_surrender_or_desertion",
        "public_curiosity",
        "post_return_incommunicado",
        "capture_not_notified",
    },
    # Seriously wounded at capture, tortured in a Bryansk SIZO, exchanged six months later.
    "kravchyshyn": {
        "seriously_wounded_not_repatriated",
        "torture_in_captivity",
        "capture_not_notified",
    },
    "teterina": set(),
    "zavyalova": set(),
}


def _load() -> tuple[dict[str, Person], list[Event]]:
    """The demo's persons and events built with the domain classes alone (as demo._build
    does, without a store): a citation keeps its source key and excerpt."""
    text = resources.files("powtrace.workflows").joinpath("demo.yaml").read_text("utf-8")
    doc: dict[str, Any] = yaml.safe_load(text)
    people = {}
    for raw in doc["persons"]:
        fields = {k: v for k, v in raw.items() if k not in {"key", "name_forms", "birth_date"}}
        people[raw["key"]] = Person(
            name_forms=[NameForm(**f) for f in raw["name_forms"]],
            birth_date=parse_optional(raw.get("birth_date")),
            **fields,
        )
    events = []
    for i, raw in enumerate(doc["events"]):
        cites = [
            Citation(
                f"s-{c['source']}", 0, len(c["excerpt"]), c["excerpt"], c.get("credibility", 6)
            )
            for c in raw.get("cite") or []
        ]
        events.append(
            Event(
                raw["type"],
                people[raw["person"]].id if raw.get("person") else None,
                id=f"e-demo-{i:02d}",
                date=parse_optional(raw.get("date")),
                place=raw.get("place"),
                agency=raw.get("agency"),
                group_size=raw.get("group_size"),
                details=dict(raw.get("details") or {}),
                citations=cites,
                review=raw.get("review", "confirmed"),
            )
        )
    return people, events


def _demo() -> dict[str, list]:
    people, events = _load()
    out = {}
    for key, p in people.items():
        out[key] = evaluate(catalogue(), derive(p.id, events), p, events, date(2025, 12, 1))
    return out


def test_the_demo_fires_the_expected_rules_per_person() -> None:
    got = {key: {f.rule_id for f in found} for key, found in _demo().items()}
    assert got == EXPECTED


def test_the_demo_findings_read_as_a_lawyer_expects() -> None:
    found = {key: {f.rule_id: f for f in fs} for key, fs in _demo().items()}
    teterin, dyachkov, ostap = found["teterin"], found["dyachkov"], found["kravchyshyn"]

    art117 = teterin["art117_active_service_after_repatriation"]
    assert (art117.severity, art117.legal_certainty, art117.certainty) == (
        "medium",
        "contested",
        "certain",
    )
    assert [p.type for p in art117.pending_review] == [
        "assigned_noncombat"
    ]  # the disputed MoD reply

    isolation = teterin["post_return_incommunicado"]
    assert isolation.values["days_incommunicado"]["min"] == 28 and isolation.severity == "high"
    pay = teterin["pay_withheld_during_captivity"].values["arrears"]
    assert pay["currency"] == "RUB" and pay["months"][0] == ("2024-08", round(187000 * 23 / 31))
    assert pay["months"][-1][0] == "2025-11"

    trial = dyachkov["prosecution_for_surrender_or_desertion"]
    assert (trial.severity, trial.visibility.value) == ("critical", "sealed")
    assert {"criminal_case_opened", "charged", "convicted", "sentenced"} <= {
        e.type for e in trial.events
    }
    assert dyachkov["public_curiosity"].responsible_state == "Ukraine"
    assert dyachkov["capture_not_notified"].certainty == "probable"

    assert ostap["torture_in_captivity"].certainty == "probable"  # one source so far
    assert ostap["seriously_wounded_not_repatriated"].values["days_held"]["min"] == 194
    assert ostap["seriously_wounded_not_repatriated"].responsible_state == "Russia"
