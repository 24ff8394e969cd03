"""English reporting of events: swaps told as begun or in headline present tense, returns told
in the present, active killings with the victim after the verb, "no choice but to", "neither
... nor", plans, interviews with named outlets, and the false events those cues must avoid.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract
from powtrace.extract.model import ExtractionResult

from .support import events_of, group_events


def _run(text: str, published: str | None = "2025-05-14") -> ExtractionResult:
    return extract(text, PartialDate.parse(published) if published else None, "en")


@pytest.mark.parametrize(
    "text",
    [
        "A fresh prisoner swap between the two countries has begun, officials said on Tuesday.",
        "The exchange occurred on Tuesday with 84 Ukrainian servicemen returned.",
        "Kyiv and Moscow exchange hundreds of prisoners of war after weeks of talks.",
    ],
)
def test_a_swap_told_as_under_way_is_a_group_exchange(text: str) -> None:
    result = _run(text)
    assert group_events(result, "exchanged") or group_events(result, "handed_over")


def test_a_return_told_in_the_present_is_a_group_return() -> None:
    result = _run("Soldiers return home after two years in captivity, the ombudsman said.")
    assert group_events(result, "handed_over")


def test_a_return_that_is_only_hoped_for_is_not_reported() -> None:
    result = _run("The families hope the men will return home before the winter.")
    assert not group_events(result, "handed_over")


def test_an_active_killing_belongs_to_the_victim_after_the_verb() -> None:
    result = _run(
        "Witnesses said enemy soldiers executed Private Taras Hlushko, 27, after he had laid "
        "down his rifle near the village."
    )
    assert events_of(result, "Hlushko", "killed")


def test_no_choice_but_to_does_not_negate_the_capture() -> None:
    result = _run(
        "Stepan Varych, 33, said his unit had no choice but to surrender, and he was taken "
        "prisoner near the river."
    )
    assert events_of(result, "Varych", "captured")


def test_neither_killed_nor_captured_is_not_a_capture() -> None:
    result = _run(
        "Thousands of soldiers are still listed as missing, neither confirmed killed nor "
        "captured by the enemy."
    )
    assert not group_events(result, "captured")
    assert not group_events(result, "killed")


def test_a_plan_to_bring_back_the_sentenced_is_not_an_exchange() -> None:
    result = _run("Kyiv is planning to bring those men back through prisoner exchanges.")
    assert not group_events(result, "exchanged")


def test_interrogate_in_the_base_form_is_questioning() -> None:
    result = _run(
        "Andriy Polishchuk, 41, was held in a cellar. When the guards came to interrogate "
        "him, they tied his hands."
    )
    assert events_of(result, "Polishchuk", "isolated_interrogated")


def test_telling_a_named_outlet_is_an_interview() -> None:
    result = _run(
        "Oleksiy Hordiienko, 29, who spent a year in captivity, told Evening Courier News "
        "that he was beaten daily."
    )
    assert events_of(result, "Hordiienko", "interviewed_by_press")


def test_after_his_capture_is_a_capture() -> None:
    result = _run(
        "Mykola Dzhus, 36, said he was kept in a dark basement for a week after his capture "
        "near Vuhledar."
    )
    assert events_of(result, "Dzhus", "captured")


def test_returned_to_duty_is_a_return_to_the_unit() -> None:
    result = _run(
        "After three months of rehabilitation, Ihor Savchak, a former prisoner of war, "
        "returned to duty with his brigade."
    )
    assert events_of(result, "Savchak", "returned_to_unit")


def test_endured_beatings_is_torture() -> None:
    result = _run(
        "Vasyl Moroz, 52, endured daily beatings during the eleven months he was held in "
        "a colony near Taganrog."
    )
    assert events_of(result, "Moroz", "tortured")


def test_a_court_sending_a_man_to_a_penal_colony_sentences_him() -> None:
    result = _run(
        "In March, a military court sent prisoner of war Bohdan Yatsyk to a penal colony "
        "for 16 years."
    )
    assert events_of(result, "Yatsyk", "sentenced")


def test_lost_contact_with_her_brother_makes_the_brother_missing() -> None:
    result = _run("Halyna Shturma said she lost contact with her brother, Pavlo Kostenko, in May.")
    assert events_of(result, "Kostenko", "missing")
    assert not events_of(result, "Shturma", "missing")


def test_a_name_owning_the_kin_is_not_the_one_declared_missing() -> None:
    result = _run(
        "Nina Lavruk has searched for news for two years. The army declared Lavruk's son "
        "missing in action after the battle near Bakhmut."
    )
    assert not events_of(result, "Lavruk", "missing")


def test_was_able_to_return_is_a_return() -> None:
    result = _run("After weeks of talks, Kyiv was able to return 140 servicemen home.")
    assert group_events(result, "handed_over")
