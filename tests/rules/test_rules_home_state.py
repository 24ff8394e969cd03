"""Rules binding the home state: each fires, stays quiet, meets its threshold day, and turns
probable when the date bounds straddle the threshold."""

from __future__ import annotations

from datetime import date

import pytest
from rules_support import captivity, certainty, day, ev, one, run

from powtrace.domain.model import ReviewState


def _back(when: str = "2024-06-01", basis: str = "ad_hoc_swap") -> list:
    """Captured in March 2024 and handed back on ``when``."""
    return [*captivity(), ev("exchanged", when, basis=basis), ev("handed_over", when)]


# ---- Art. 117 -----------------------------------------------------------------------------------
ART117 = "art117_active_service_after_repatriation"


def test_redeployment_after_an_ad_hoc_swap_is_contested_and_carries_the_scope_caveat() -> None:
    found = one(ART117, [*_back(), ev("redeployed_combat", "2024-09-01", role="assault")])
    assert (found.certainty, found.severity, found.legal_certainty) == (
        "certain",
        "medium",
        "contested",
    )
    assert "Scope caveat" in found.explanation and found.responsible_state == "Russia"
    assert {b.article for b in found.legal_basis} >= {"117"}


def test_redeployment_after_medical_repatriation_is_high_and_settled() -> None:
    found = one(ART117, [*_back(basis="medical_art109"), ev("redeployed_combat", "2024-09-01")])
    assert (found.severity, found.legal_certainty) == ("high", "settled")


def test_serious_wound_before_an_ad_hoc_swap_raises_severity_but_stays_contested() -> None:
    events = [
        *_back(),
        ev("wounded", "2024-04-01", severity="serious"),
        ev("redeployed_combat", "2024-09"),
    ]
    found = one(ART117, events)
    assert (found.severity, found.legal_certainty) == ("high", "contested")


def test_redeployment_on_the_day_of_the_exchange_counts_and_within_its_month_is_probable() -> None:
    assert (
        certainty(ART117, [*_back("2024-06-15"), ev("redeployed_combat", "2024-06-15")])
        == "certain"
    )
    assert (
        certainty(ART117, [*_back("2024-06-15"), ev("redeployed_combat", "2024-06")]) == "probable"
    )


@pytest.mark.parametrize(
    "events",
    [
        [*_back(), ev("assigned_noncombat", "2024-09-01")],
        [*_back(basis="art118_end_of_hostilities"), ev("redeployed_combat", "2024-09-01")],
        [ev("redeployed_combat", "2023-09-01"), *_back()],
    ],
    ids=["non-combat role", "end of hostilities", "redeployed before the exchange"],
)
def test_art117_does_not_fire(events: list) -> None:
    assert run(ART117, events) == []


def test_a_second_capture_after_return_is_probable_evidence_of_active_service() -> None:
    events = [*_back(), ev("captured", "2025-01-10", detaining_state="Ukraine")]
    assert certainty(ART117, events) == "probable"


def test_an_unconfirmed_non_combat_record_is_listed_for_review() -> None:
    disputed = ev("assigned_noncombat", "2024-10", review=ReviewState.DISPUTED)
    found = one(ART117, [*_back(), ev("redeployed_combat", "2024-09-01"), disputed])
    assert [p.event_id for p in found.pending_review] == [disputed.id]


# ---- incommunicado after handover ---------------------------------------------------------------
ISOLATION = "post_return_incommunicado"


def _isolated(contact_after: int | None) -> list:
    events = [*_back("2024-06-01"), ev("isolated_interrogated", "2024-06-02", agencies="FSB")]
    if contact_after is not None:
        events.append(ev("family_contact", day("2024-06-01", contact_after), means="call"))
    return events


@pytest.mark.parametrize(
    ("days", "severity"),
    [(6, None), (7, "medium"), (13, "medium"), (14, "high"), (29, "high"), (30, "critical")],
)
def test_incommunicado_thresholds_are_severity_levels(days: int, severity: str | None) -> None:
    found = run(ISOLATION, _isolated(days))
    assert (found[0].severity.value if found else None) == severity
    if found:
        assert found[0].values["days_incommunicado"] == {
            "min": days,
            "max": days,
            "recorded": False,
        }


def test_a_recorded_length_wins_over_the_dates() -> None:
    events = [
        *_back("2024-06-01"),
        ev("isolated_interrogated", "2024-06-02/2024-07-20", duration_days=20),
    ]
    found = one(ISOLATION, events)
    assert (found.severity, found.values["days_incommunicado"]["min"]) == ("high", 20)


def test_first_contact_known_only_to_the_month_makes_the_count_probable() -> None:
    events = [*_isolated(None), ev("family_contact", "2024-06", means="call")]
    found = one(ISOLATION, events)
    assert found.certainty == "probable" and found.values["days_incommunicado"] == {
        "min": 0,
        "max": 29,
        "recorded": False,
    }
    assert "may be high" in found.explanation


def test_open_isolation_counts_to_the_evaluation_day_and_counsel_refusal_is_high() -> None:
    assert run(ISOLATION, _isolated(None), as_of=date(2024, 6, 7)) == []
    assert one(ISOLATION, _isolated(None), as_of=date(2024, 6, 8)).severity == "medium"
    refused = [*_isolated(8), ev("counsel_denied", "2024-06-05")]
    found = one(ISOLATION, refused)
    assert found.severity == "high" and "lawyer was refused" in found.explanation


def test_no_isolation_record_no_finding() -> None:
    assert run(ISOLATION, _back()) == []


# ---- pay withheld and arrears -------------------------------------------------------------------
PAY = "pay_withheld_during_captivity"


def test_arrears_are_counted_month_by_month_to_the_restoration() -> None:
    events = [
        *captivity("2024-03-01", "2024-03-03"),
        ev("pay_suspended", "2024-03-01", reason="missing", monthly_amount=31000, currency="RUB"),
        ev("pay_restored", "2024-06-01", arrears_paid=False),
    ]
    found = one(PAY, events)
    arrears = found.values["arrears"]
    assert arrears["months"] == [("2024-03", 31000), ("2024-04", 31000), ("2024-05", 31000)]
    assert (arrears["total"], arrears["currency"], arrears["until"]) == (93000, "RUB", "2024-05-31")
    assert "93 000 RUB" in found.explanation and found.severity == "medium"


def test_part_months_are_pro_rata_and_the_table_is_used_without_a_recorded_amount() -> None:
    events = [
        *captivity("2024-03-01", "2024-03-03"),
        ev("pay_suspended", "2024-03-16"),
        ev("pay_restored", "2024-04-16"),
    ]
    arrears = one(PAY, events, rank="private").values["arrears"]
    assert arrears["months"] == [
        ("2024-03", round(38700 * 16 / 31)),
        ("2024-04", round(38700 * 15 / 30)),
    ]
    assert arrears["illustrative"] is True and "rank group 'enlisted'" in arrears["rate_source"]


def test_paid_arrears_cure_the_finding_and_six_months_make_it_high() -> None:
    base = [
        *captivity("2024-03-01", "2024-03-03"),
        ev("pay_suspended", "2024-03-01", reason="missing"),
    ]
    assert run(PAY, [*base, ev("pay_restored", "2024-06-01", arrears_paid=True)]) == []
    assert one(PAY, base, as_of=date(2024, 9, 1)).severity == "high"


@pytest.mark.parametrize(("before", "fires"), [(60, True), (61, False)])
def test_an_awol_suspension_up_to_sixty_days_before_capture_counts(
    before: int, fires: bool
) -> None:
    events = [
        ev("pay_suspended", day("2024-05-01", -before), reason="awol_order"),
        *captivity("2024-05-01", "2024-05-02"),
    ]
    assert bool(run(PAY, events)) is fires


def test_a_suspension_dated_to_the_month_of_capture_is_probable() -> None:
    events = [
        *captivity("2024-03-15", "2024-03-16"),
        ev("pay_suspended", "2024-03", reason="surrender_alleged"),
    ]
    found = one(PAY, events)
    assert (found.certainty, found.severity) == ("probable", "high")


# ---- prosecution for surrender or desertion -----------------------------------------------------
SURRENDER = "prosecution_for_surrender_or_desertion"


@pytest.mark.parametrize(
    ("side", "article", "expected"),
    [
        ("russia", "CC RF 352.1 part 1", "certain"),
        ("russia", "ст. 338 ч. 3 УК РФ", "certain"),
        ("russia", "CC RF 337", None),
        ("russia", "CC RF 352.10", None),
        ("ukraine", "CC UA 430", "certain"),
        ("ukraine", "Art. 408 CC of Ukraine", "certain"),
        ("russia", "CC UA 430", None),
        ("unknown", "352.1", "probable"),
    ],
)
def test_articles_are_read_by_the_side_served(
    side: str, article: str, expected: str | None
) -> None:
    events = [*_back(), ev("criminal_case_opened", "2024-07-01", article=article)]
    assert certainty(SURRENDER, events, side=side) == expected


def test_one_finding_per_captivity_lists_every_step_of_the_case() -> None:
    events = [
        *_back(),
        ev("criminal_case_opened", "2024-07-01", article="352.1"),
        ev("charged", "2024-08-01", article="352.1"),
        ev("sentenced", "2025-01-10", article="352.1", kind="penal_colony", term_months=96),
    ]
    found = one(SURRENDER, events)
    assert found.severity == "high" and found.regime == "domestic_criminal"
    assert [e.type for e in found.events if e.role == "prosecution"] == [
        "criminal_case_opened",
        "charged",
        "sentenced",
    ]
    assert {b.regime for b in found.legal_basis} >= {"domestic_criminal", "human_rights"}
    assert all(b.role == "context" for b in found.legal_basis if b.regime == "ihl")


@pytest.mark.parametrize(("months", "severity"), [(119, "high"), (120, "critical")])
def test_a_ten_year_sentence_is_critical(months: int, severity: str) -> None:
    events = [
        *_back(),
        ev("sentenced", "2025-01-10", article="352.1", kind="prison", term_months=months),
    ]
    assert one(SURRENDER, events).severity == severity


def test_helpless_capture_is_critical_and_seals_the_finding() -> None:
    events = [
        ev("captured", "2024-03-01", mode="wounded", detaining_state="Ukraine"),
        ev("exchanged", "2024-06-01", basis="ad_hoc_swap"),
        ev("criminal_case_opened", "2024-07-01", article="352.1"),
    ]
    found = one(SURRENDER, events)
    assert (found.severity, found.visibility.value) == ("critical", "sealed")


def test_a_case_opened_in_the_month_of_capture_is_probable_and_before_it_none() -> None:
    capture = [*captivity("2024-03-15", "2024-03-16")]
    assert (
        certainty(SURRENDER, [*capture, ev("criminal_case_opened", "2024-03", article="352.1")])
        == "probable"
    )
    assert (
        certainty(SURRENDER, [*capture, ev("criminal_case_opened", "2024-02", article="352.1")])
        is None
    )


# ---- prosecution for speaking to the press ------------------------------------------------------
PRESS = "prosecution_for_speaking_to_press"


@pytest.mark.parametrize(
    ("charged", "expected"),
    [("2025-12-31", "certain"), ("2026-01-01", None), ("2025-12-01/2026-01-31", "probable")],
    ids=["day 730", "day 731", "range across day 730"],
)
def test_a_charge_within_two_years_of_an_interview(charged: str, expected: str | None) -> None:
    events = [
        *_back(),
        ev("interviewed_by_press", "2024-01-01", outlet="blog"),
        ev("charged", charged, article="275.1"),
    ]
    assert certainty(PRESS, events, as_of=date(2026, 6, 1)) == expected


def test_press_rule_needs_a_speech_article_and_a_russian_serviceman() -> None:
    events = [
        *_back(),
        ev("interviewed_by_press", "2024-07-01"),
        ev("charged", "2024-09-01", article="352.1"),
    ]
    assert run(PRESS, events) == []
    events = [
        *_back(),
        ev("interviewed_by_press", "2024-07-01"),
        ev("charged", "2024-09-01", article="275.1"),
    ]
    assert run(PRESS, events, side="ukraine") == []


# ---- medical care after return ------------------------------------------------------------------
CARE = "medical_care_denied_after_return"


@pytest.mark.parametrize(("after", "expected"), [(30, None), (31, "probable")])
def test_a_seriously_wounded_returnee_needs_a_hospital_within_thirty_days(
    after: int, expected: str | None
) -> None:
    events = [*_back("2024-06-01"), ev("wounded", "2024-04-01", severity="serious")]
    events.append(ev("hospitalised_after_return", day("2024-06-01", after)))
    assert certainty(CARE, events) == expected


def test_care_refused_after_return_is_certain() -> None:
    found = one(CARE, [*_back(), ev("medical_care_denied", "2024-07-01", description="refused")])
    assert (found.certainty, found.regime, found.binds) == ("certain", "human_rights", "home_state")


# ---- family left without information ------------------------------------------------------------
FAMILY = "family_not_informed"


def test_family_without_news_after_going_missing() -> None:
    missing = ev("missing", "2025-03-04")
    assert certainty(FAMILY, [missing, ev("family_no_information", "2025-03-04")]) == "certain"
    assert certainty(FAMILY, [missing, ev("family_no_information", "2025-03")]) == "probable"
    told = [missing, ev("family_notified", "2025-03-05"), ev("family_no_information", "2025-03-10")]
    assert run(FAMILY, told) == []


# ---- ill-treatment by the home state ------------------------------------------------------------
def test_ill_treatment_after_return_needs_two_sources_to_be_certain() -> None:
    events = [
        *_back(),
        ev("isolated_interrogated", "2024-06-02"),
        ev("tortured", "2024-06-10", sources=1),
    ]
    assert certainty("ill_treatment_after_return", events) == "probable"


def test_ill_treatment_after_return_with_two_sources_is_certain_and_binds_the_home_state() -> None:
    events = [
        *_back(),
        ev("isolated_interrogated", "2024-06-02"),
        ev("tortured", "2024-06-10", sources=2),
    ]
    found = one("ill_treatment_after_return", events)
    assert (found.certainty, found.binds, found.responsible_state) == (
        "certain",
        "home_state",
        "Russia",
    )
    assert not any("Geneva" in b.instrument for b in found.legal_basis)
