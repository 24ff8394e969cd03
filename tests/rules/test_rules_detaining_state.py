"""Rules binding the detaining state: each fires, stays quiet, meets its threshold day, and
turns probable when the date bounds straddle the threshold."""

from __future__ import annotations

from datetime import date

import pytest
from rules_support import captivity, certainty, day, ev, one, run

from powtrace.domain.visibility import Visibility


def _returned(when: str = "2024-06-01", basis: str = "ad_hoc_swap") -> list:
    return [*captivity(), ev("exchanged", when, basis=basis), ev("handed_over", when)]


# ---- capture card and information bureau (Arts 70, 122) -----------------------------------------
CARD = "capture_not_notified"


def test_capture_card_late_by_a_day_is_certain_and_names_the_detaining_state() -> None:
    found = one(CARD, [*captivity("2024-03-01", "2024-03-03"), ev("registered_icrc", "2024-03-11")])
    assert (found.certainty, found.severity, found.binds) == (
        "certain",
        "medium",
        "detaining_state",
    )
    assert found.responsible_state == "Ukraine"
    assert found.values["days_unregistered"] == {"min": 8, "max": 8, "recorded": False}
    assert [e.type for e in found.events] == ["captured", "interned", "registered_icrc"]


def test_capture_card_on_the_seventh_day_after_camp_arrival_is_in_time() -> None:
    assert (
        certainty(
            CARD, [*captivity("2024-03-01", "2024-03-03"), ev("capture_card_sent", "2024-03-10")]
        )
        is None
    )


def test_registration_known_only_to_the_month_straddles_the_deadline() -> None:
    events = [*captivity("2024-03-01", "2024-03-03"), ev("registered_icrc", "2024-03")]
    found = one(CARD, events)
    assert found.certainty == "probable"
    assert "do not tell" in found.explanation or "may fall" in found.explanation


def test_no_record_at_all_is_only_probable_and_family_silence_makes_it_certain() -> None:
    assert certainty(CARD, captivity()) == "probable"
    silent = [*captivity("2024-03-01", "2024-03-03"), ev("family_no_information", "2024-04-01")]
    assert certainty(CARD, silent) == "certain"


def test_the_clock_runs_from_capture_when_no_camp_arrival_is_recorded() -> None:
    events = [*captivity("2024-03-01", None), ev("registered_icrc", "2024-03-08")]
    assert certainty(CARD, events) is None
    events = [*captivity("2024-03-01", None), ev("registered_icrc", "2024-03-09")]
    assert certainty(CARD, events) == "certain"


def test_no_finding_before_the_week_is_over_or_when_released_within_it() -> None:
    events = captivity("2024-03-01", "2024-03-03")
    assert run(CARD, events, as_of=date(2024, 3, 10)) == []  # the deadline day is still open
    assert certainty(CARD, events, as_of=date(2024, 3, 11)) == "probable"
    quick = [*events, ev("exchanged", "2024-03-06", basis="ad_hoc_swap")]
    assert run(CARD, quick) == []


def test_a_month_unregistered_is_high_and_a_death_in_captivity_critical() -> None:
    late = [*captivity("2024-03-01", "2024-03-03"), ev("registered_icrc", day("2024-03-03", 30))]
    assert one(CARD, late).severity == "high"
    dead = [*captivity("2024-03-01", "2024-03-03"), ev("died_in_captivity", "2024-05-01")]
    assert one(CARD, dead).severity == "critical"


# ---- seriously wounded or sick not repatriated (Arts 109-110) -----------------------------------
WOUNDED = "seriously_wounded_not_repatriated"


@pytest.mark.parametrize(("after", "expected"), [(90, None), (91, "certain")])
def test_repatriation_on_the_ninetieth_day_is_in_time(after: int, expected: str | None) -> None:
    events = [
        *captivity("2024-01-10", "2024-01-12"),
        ev("wounded", "2024-01-10", severity="serious"),
        ev("exchanged", day("2024-01-10", after), basis="ad_hoc_swap"),
    ]
    assert certainty(WOUNDED, events) == expected


def test_wounded_prisoner_still_held_is_counted_to_the_evaluation_day() -> None:
    events = [
        *captivity("2024-01-10", "2024-01-12"),
        ev("hospitalised", "2024-02-01", condition="serious"),
    ]
    found = one(WOUNDED, events, as_of=date(2024, 6, 1))
    assert found.values["days_held"]["min"] == (date(2024, 6, 1) - date(2024, 2, 1)).days
    assert found.responsible_state == "Ukraine" and found.severity == "high"


def test_exchange_known_to_the_month_of_the_deadline_is_probable() -> None:
    events = [
        *captivity("2024-01-10", "2024-01-12"),
        ev("wounded", "2024-01-10", severity="serious"),
        ev("exchanged", "2024-04", basis="ad_hoc_swap"),  # the due day, 9 April, is inside
    ]
    assert certainty(WOUNDED, events) == "probable"


@pytest.mark.parametrize(
    "extra",
    [
        ev("refused_repatriation", "2024-02-01", expressed_by="letter"),
        ev("died_in_captivity", "2024-02-01"),
    ],
)
def test_refusal_or_death_before_the_deadline_answers_it(extra) -> None:  # type: ignore[no-untyped-def]
    events = [
        *captivity("2024-01-10", "2024-01-12"),
        ev("wounded", "2024-01-11", severity="serious"),
        extra,
    ]
    assert run(WOUNDED, events) == []


def test_a_light_wound_is_not_enough() -> None:
    assert (
        run(
            WOUNDED,
            [*captivity("2024-01-10", "2024-01-12"), ev("wounded", "2024-01-11", severity="light")],
        )
        == []
    )


# ---- death in captivity (Arts 120-122) ----------------------------------------------------------
DEATH = "death_in_captivity_not_notified_or_investigated"


def test_death_recorded_as_not_notified_is_certain_and_critical() -> None:
    found = one(DEATH, [*captivity(), ev("died_in_captivity", "2024-05-01", notified=False)])
    assert (found.certainty, found.severity) == ("certain", "critical")


def test_no_enquiry_is_probable_until_the_cause_is_checked() -> None:
    events = [
        *captivity(),
        ev("died_in_captivity", "2024-05-01", notified=True, investigated=False),
    ]
    assert certainty(DEATH, events) == "probable"
    assert (
        run(
            DEATH,
            [*captivity(), ev("died_in_captivity", "2024-05-01", notified=True, investigated=True)],
        )
        == []
    )


@pytest.mark.parametrize(("after", "expected"), [(14, None), (15, "probable")])
def test_unrecorded_notice_waits_fourteen_days_for_the_family(
    after: int, expected: str | None
) -> None:
    events = [
        *captivity(),
        ev("died_in_captivity", "2024-05-01"),
        ev("family_notified", day("2024-05-01", after)),
    ]
    assert certainty(DEATH, events) == expected


def test_death_notice_not_due_yet_gives_nothing() -> None:
    events = [*captivity(), ev("died_in_captivity", "2024-05-01")]
    assert run(DEATH, events, as_of=date(2024, 5, 15)) == []
    assert certainty(DEATH, events, as_of=date(2024, 5, 16)) == "probable"


# ---- torture and ill-treatment (Arts 13, 17, 130) -----------------------------------------------
TORTURE = "torture_in_captivity"


def test_torture_reported_by_two_sources_is_certain_one_source_probable() -> None:
    assert certainty(TORTURE, [*captivity(), ev("tortured", "2024-04-01", sources=2)]) == "certain"
    found = one(TORTURE, [*captivity(), ev("tortured", "2024-04-01", sources=1)])
    assert (found.certainty, found.severity) == ("probable", "critical")
    assert "1 source" in found.explanation


def test_torture_on_the_day_of_capture_counts_and_a_month_straddling_it_is_probable() -> None:
    assert (
        certainty(
            TORTURE,
            [*captivity("2024-03-15", "2024-03-16"), ev("tortured", "2024-03-15", sources=2)],
        )
        == "certain"
    )
    assert (
        certainty(
            TORTURE, [*captivity("2024-03-15", "2024-03-16"), ev("tortured", "2024-03", sources=2)]
        )
        == "probable"
    )


def test_torture_after_return_is_not_a_gc3_finding() -> None:
    events = [
        *_returned(),
        ev("isolated_interrogated", "2024-06-02"),
        ev("tortured", "2024-06-10", sources=2),
    ]
    assert run(TORTURE, events) == []
    assert one("ill_treatment_after_return", events).regime == "human_rights"


# ---- public curiosity (Art. 13(2)) --------------------------------------------------------------
CURIOSITY = "public_curiosity"


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (ev("filmed_interrogation_published", "2024-04-01", outlet="channel"), "certain"),
        (ev("interviewed_in_captivity", "2024-04-01", published=True), "certain"),
        (ev("interviewed_in_captivity", "2024-04-01"), "probable"),
        (ev("interviewed_in_captivity", "2024-04-01", published=False), None),
    ],
)
def test_publication_decides_public_curiosity(event, expected) -> None:  # type: ignore[no-untyped-def]
    assert certainty(CURIOSITY, [*captivity(), event]) == expected


def test_a_later_prosecution_raises_severity_and_a_sealed_interview_seals_the_finding() -> None:
    interview = ev("interviewed_in_captivity", "2024-04-01", published=True)
    plain = one(CURIOSITY, [*captivity(), interview])
    assert (plain.severity, plain.visibility) == ("medium", Visibility.SEALED)
    same_day = ev("criminal_case_opened", "2024-04-01", article="352.1")
    assert one(CURIOSITY, [*captivity(), interview, same_day]).severity == "high"


# ---- medical care in captivity, killing after capture -------------------------------------------
def test_medical_care_denied_in_captivity_and_not_after_return() -> None:
    denied = ev("medical_care_denied", "2024-04-01", description="no dressing")
    assert one("medical_care_denied_in_captivity", [*captivity(), denied]).severity == "high"
    after = [*_returned(), ev("medical_care_denied", "2024-07-01", description="refused")]
    assert run("medical_care_denied_in_captivity", after) == []
    assert certainty("medical_care_denied_after_return", after) == "certain"


def test_execution_at_capture_is_critical_and_combat_death_is_not_a_finding() -> None:
    found = one("killed_after_capture", [ev("killed", "2024-03-01", context="executed_at_capture")])
    assert (found.severity, found.responsible_state) == ("critical", "Ukraine")
    assert run("killed_after_capture", [ev("killed", "2024-03-01", context="combat")]) == []


def test_a_death_dated_to_the_month_straddles_the_notice_deadline() -> None:
    events = [*captivity(), ev("died_in_captivity", "2024-05")]  # due 15 May to 14 June
    assert run(DEATH, events, as_of=date(2024, 5, 10)) == []
    found = one(DEATH, events, as_of=date(2024, 5, 20))
    assert found.certainty == "probable" and "deadline" in found.explanation


def test_a_prosecution_dated_to_the_month_of_the_exposure_may_raise_severity() -> None:
    interview = ev("interviewed_in_captivity", "2024-04-15", published=True)
    found = one(CURIOSITY, [*captivity(), interview, ev("charged", "2024-04", article="352.1")])
    assert (found.certainty, found.severity) == ("certain", "medium")
    assert "may be high" in found.explanation


def test_care_denied_on_the_day_of_capture_counts_and_in_its_month_is_probable() -> None:
    capture = captivity("2024-03-15", "2024-03-16")
    rule = "medical_care_denied_in_captivity"
    assert certainty(rule, [*capture, ev("medical_care_denied", "2024-03-15")]) == "certain"
    assert certainty(rule, [*capture, ev("medical_care_denied", "2024-03")]) == "probable"
    assert certainty(rule, [*capture, ev("medical_care_denied", "2024-02")]) is None
