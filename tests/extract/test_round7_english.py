"""Round 7, English: persons whose given name the list does not know but the text marks as a
person (an age, "Mr" + surname, a person noun before or in an apposition after), a man named as
someone's husband or son after "whose" / a possessive (he is the soldier, she the relative),
"in charge of" (no charge), and a person's name taken for a place.

Every sentence here is invented for the test; the names are made up.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of as _events
from .support import named_persons as _names
from .support import role_of as _role

PUBLISHED = PartialDate.parse("2025-10-14")


# A name the given-name list does not know is still a person when the text marks it as one.


def test_a_name_marked_by_mr_elsewhere_is_a_person() -> None:
    text = (
        "Kieran Walsh was taken prisoner near Vuhledar in March, his family said.\n"
        "Mr Walsh had joined the foreign legion a year earlier."
    )
    result = extract(text, PUBLISHED, "en")
    assert any("Walsh" in n for n in _names(result))
    assert _events(result, "Walsh", "captured")


def test_a_name_after_an_age_is_a_person() -> None:
    text = "A court in Luhansk convicted 33-year-old Tadeusz Nowicki of mercenary activity."
    result = extract(text, PUBLISHED, "en")
    assert any("Nowicki" in n for n in _names(result))
    assert _events(result, "Nowicki", "convicted")


def test_a_name_after_a_citizen_noun_is_a_person() -> None:
    text = "Norwegian citizen Eirik Haugland was captured in the Zaporizhzhia region in July."
    result = extract(text, PUBLISHED, "en")
    assert any("Haugland" in n for n in _names(result))
    assert _role(result, "Haugland") == "pow"


def test_a_name_with_an_apposition_naming_a_person_noun_is_a_person() -> None:
    text = "Rhys Pemberton, a former volunteer medic from Cardiff, went missing near Bakhmut."
    result = extract(text, PUBLISHED, "en")
    assert any("Pemberton" in n for n in _names(result))


# "X, whose husband, Y, …": Y is the soldier, X the relative who speaks of him.


def test_whose_husband_makes_the_named_man_the_prisoner() -> None:
    text = (
        "“Bring our men home,” said Halyna Moroz, whose husband, Taras Moroz, has been held "
        "as a prisoner of war in Russia since 2023."
    )
    result = extract(text, PUBLISHED, "en")
    assert _role(result, "Taras Moroz") == "pow"
    assert _role(result, "Halyna Moroz") == "relative"
    assert _events(result, "Taras Moroz", "captured")
    assert not _events(result, "Halyna Moroz", "captured")


def test_whose_son_makes_the_speaker_a_relative() -> None:
    text = (
        "Oksana Lytvyn, whose son Bohdan went missing near Avdiivka in February, has written "
        "to the Red Cross every week."
    )
    result = extract(text, PUBLISHED, "en")
    assert _role(result, "Lytvyn") == "relative"


# "in charge of" is a duty, not a criminal charge.


def test_in_charge_of_is_no_charge() -> None:
    text = (
        "Ivan Sokolenko, who returned from captivity in May, was later put in charge of "
        "evacuating the wounded near Pokrovsk."
    )
    result = extract(text, PUBLISHED, "en")
    assert not _events(result, "Sokolenko", "charged")


# A person's name is never an event's place.


def test_a_persons_name_is_not_the_place_of_an_event() -> None:
    text = (
        "Britons Michael Preston and Tom Burke were sentenced in absentia in June.\n"
        "Another volunteer, Petro Hnatiuk, who was captured along with Preston, died in custody "
        "in Donetsk."
    )
    result = extract(text, PUBLISHED, "en")
    assert _events(result, "Hnatiuk", "captured")
    for ev in result.events:
        assert ev.place != "Preston"
