"""Round 8, English real pages (second wide pass, event recall): legs of a journey told as
"taking him to the city of X", "were brought to X", "taken away in a van", "taken on a truck
journey"; a body handed back told as "transferred his body", "his body was released from
captivity", "The body of X, …, has been returned"; persons listed before "were among the
soldiers who surrendered" share the clause's group event.

Every sentence here is invented for the test; the names are made up.
"""

from __future__ import annotations

from powtrace.extract import extract

from .support import events_of as _events


def _en(text: str):
    return extract(text, None, "en")


# 1. Legs of a journey.


def test_taking_him_to_the_city_of_is_a_transfer() -> None:
    r = _en(
        "Oleh Marchuk was captured in 2023. Border guards tied his hands before taking him to "
        "the city of Belgorod, where he was kicked."
    )
    assert _events(r, "Oleh Marchuk", "transferred")


def test_brought_to_a_named_town_is_a_transfer() -> None:
    r = _en(
        "Marine Kostiantyn Rudenko was taken prisoner near Krynky. Days later he was brought "
        "to Simferopol for questioning."
    )
    assert _events(r, "Kostiantyn Rudenko", "transferred")


def test_brought_to_justice_or_to_ukraine_is_no_transfer() -> None:
    r = _en("Taras Bilyk was freed in the swap on Friday. He was brought to Ukraine by bus.")
    assert not _events(r, "Taras Bilyk", "transferred")


def test_taken_away_in_a_van_is_a_transfer() -> None:
    r = _en(
        "Oleh Marchuk was captured in 2023. He was then taken away in a van to be questioned "
        "at a detention centre."
    )
    assert _events(r, "Oleh Marchuk", "transferred")


def test_a_truck_journey_is_a_transfer() -> None:
    r = _en("Sergeant Dmytro Holub said he was taken on a three-day truck journey into Crimea.")
    assert _events(r, "Dmytro Holub", "transferred")


# 2. A body handed back.


def test_transferred_his_body_is_a_body_return() -> None:
    r = _en(
        "Ivan Sydorenko was captured in March 2022. The Russian side transferred his body to "
        "Ukraine in May."
    )
    assert _events(r, "Ivan Sydorenko", "body_repatriated")


def test_his_body_released_from_captivity_is_a_body_return() -> None:
    r = _en(
        "Ivan Sydorenko was captured in March 2022. His body was released from captivity in "
        "January."
    )
    assert _events(r, "Ivan Sydorenko", "body_repatriated")
    assert not _events(r, "Ivan Sydorenko", "released")


def test_body_of_a_named_man_returned_after_an_apposition() -> None:
    r = _en(
        "The body of Gareth Lane, a Welsh medic who died after being captured near Bakhmut, "
        "has been returned to Cardiff."
    )
    assert _events(r, "Gareth Lane", "body_repatriated")


def test_took_the_body_of_is_a_body_return() -> None:
    r = _en("Kyiv also took the body of the Canadian volunteer Liam Ford, who died near Kreminna.")
    assert _events(r, "Liam Ford", "body_repatriated")


# 3. Names before "were among the soldiers who …".


def test_names_among_the_troops_who_surrendered_share_the_surrender() -> None:
    r = _en(
        "Gunners Petro Lysenko and Ostap Dudka were among the Ukrainian troops who surrendered "
        "near Avdiivka."
    )
    assert _events(r, "Petro Lysenko", "surrendered")
    assert _events(r, "Ostap Dudka", "surrendered")


def test_name_among_the_women_who_were_freed_shares_the_swap() -> None:
    r = _en("Nurse Oksana Tkach was among some 40 women who were freed in the swap on Sunday.")
    assert _events(r, "Oksana Tkach", "exchanged")


def test_among_without_a_relative_clause_shares_nothing_new() -> None:
    r = _en("Petro Lysenko was among the Ukrainian troops near Avdiivka when others surrendered.")
    assert not _events(r, "Petro Lysenko", "surrendered")
