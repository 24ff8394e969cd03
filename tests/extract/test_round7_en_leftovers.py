"""Round 7, English leftovers: names before "were among the 180 released" and after "Among the
Russians returned … was", list members split by a home town or a nationality title, a kinsman
named after "X said her husband", a date after a closed relative clause, anonymous witnesses by
their code, a body among repatriated remains, NGO staff, a lead description before an
explainer's question heading, participles after each name of a list.

Every sentence here is invented for the test; the names are made up.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of as _events
from .support import role_of as _role

PUBLISHED = PartialDate.parse("2025-10-14")  # a Tuesday


def _date(result, name: str, type_: str) -> str | None:
    found = _events(result, name, type_)
    assert found, f"no {type_} for {name}"
    return str(found[0].date) if found[0].date else None


# 1. Names before "were among the N released", and "Among the Russians returned … was X".


def test_names_before_were_among_the_released_share_the_swap() -> None:
    text = (
        "Ukraine and Russia swapped 180 prisoners each on Friday. Dmytro Hrytsenko, Pavlo "
        "Ostapchuk and Yurii Levchenko were among the 180 released."
    )
    result = extract(text, PUBLISHED, "en")
    for name in ("Hrytsenko", "Ostapchuk", "Levchenko"):
        assert _events(result, name, "exchanged"), name
        assert _role(result, name) == "former_pow"


def test_among_the_russians_returned_was_shares_the_swap_not_the_crossing() -> None:
    text = (
        "Moscow and Kyiv exchanged 84 prisoners of war each on Friday, the ministry said. "
        "The freed Ukrainians crossed back into Ukraine on Friday night. "
        "Among the Russians returned on Friday was Maxim Zolotarev, a paratrooper from Tula."
    )
    result = extract(text, PUBLISHED, "en")
    assert _events(result, "Zolotarev", "exchanged")
    assert not _events(result, "Zolotarev", "handed_over")


# 2./4. A list broken by a home town or nationality titles: every member shares the event.


def test_nationality_titles_do_not_break_a_list() -> None:
    text = (
        "Briton Neil Carter, Swedish citizen Erik Lindqvist, and Croatian national Marko Horvat "
        "were sentenced to long terms by a court in Donetsk."
    )
    result = extract(text, PUBLISHED, "en")
    for name in ("Neil Carter", "Lindqvist", "Horvat"):
        assert _events(result, name, "sentenced"), name


def test_a_home_town_between_names_does_not_break_a_list() -> None:
    text = "Liam Hale, from Leeds, and Peter Walsh were captured near Kherson in April."
    result = extract(text, PUBLISHED, "en")
    assert _events(result, "Hale", "captured")
    assert _events(result, "Walsh", "captured")


# 3. "X said her husband, Ivan, …": she speaks, he is the soldier.


def test_husband_named_after_she_said_is_the_soldier() -> None:
    text = "Natalia Shevchuk said her husband, Roman, has been held since April 2023."
    result = extract(text, PUBLISHED, "en")
    assert _role(result, "Roman") == "pow"
    assert _role(result, "Natalia") == "relative"
    assert _events(result, "Roman", "captured")


# 5. A relative clause's date is its own verb's; the main verb's date comes after it.


def test_date_after_a_closed_relative_clause_dates_the_main_verb() -> None:
    text = (
        "A court in Rostov convicted Bohdan Tkachenko, who was taken prisoner in 2024, "
        "on 3 October."
    )
    result = extract(text, PUBLISHED, "en")
    assert _date(result, "Tkachenko", "convicted") == "2025-10-03"
    assert _date(result, "Tkachenko", "captured") == "2024"


# 6. Anonymous witnesses by their code are unnamed persons with their events.


def test_a_coded_witness_is_an_unnamed_person_with_events() -> None:
    text = (
        "Witness D, a 29-year-old radio operator, was captured near Pokrovsk in March 2025. "
        "Witness D was later released in an exchange."
    )
    result = extract(text, PUBLISHED, "en")
    witness = [p for p in result.persons if p.name == "Witness D"]
    assert len(witness) == 1 and witness[0].unnamed
    assert _events(result, "Witness D", "captured")
    assert _events(result, "Witness D", "exchanged")


# 7. A body among repatriated remains: no living return; he stays a prisoner who died held.


def test_a_body_among_repatriated_remains_is_no_return_home() -> None:
    text = (
        "Vitalii Kozak died in a penal colony in January 2025. His sister said his body was "
        "among remains repatriated to Ukraine in May 2025."
    )
    result = extract(text, PUBLISHED, "en")
    assert not _events(result, "Kozak", "handed_over")
    assert _events(result, "Kozak", "body_repatriated")
    assert _role(result, "Kozak") == "pow"


# 8. Staff of a volunteer group are no officials.


def test_a_coordinator_at_a_volunteer_group_is_no_official() -> None:
    text = (
        "Iryna Hnatiuk, a coordinator at Dim Nadii, a volunteer group that helps families of "
        "prisoners, said the men were waiting."
    )
    result = extract(text, PUBLISHED, "en")
    assert _role(result, "Hnatiuk") == "other"
    # a coordinator at a state body stays an official
    text = "Iryna Hnatiuk, a coordinator at the Coordination Headquarters, said they waited."
    assert _role(extract(text, PUBLISHED, "en"), "Hnatiuk") == "official"


# 9. A lead description is the person named after the explainer's question heading.


def test_a_lead_description_is_the_person_named_after_a_question_heading() -> None:
    text = (
        "A court in Penza on Tuesday sentenced a soldier who had come back from captivity in "
        "an exchange to 12 years. Here is what we know.\n\n"
        "Who is the defendant?\n\n"
        "Gennady Sorokin, 29, is a conscript from Kuznetsk who was captured in 2024.\n"
    )
    result = extract(text, PUBLISHED, "en")
    assert _events(result, "Sorokin", "sentenced")
    assert not any(p.unnamed for p in result.persons)


# 10. A semicolon list with a participle and a date per person.


def test_semicolon_list_with_a_capture_date_per_person() -> None:
    text = (
        "The freed men included Andrii Moroz, captured in March 2022; Taras Lytvyn, captured "
        "in May 2022; and Serhii Koval, captured in July 2023."
    )
    result = extract(text, PUBLISHED, "en")
    assert _date(result, "Moroz", "captured") == "2022-03"
    assert _date(result, "Lytvyn", "captured") == "2022-05"
    assert _date(result, "Koval", "captured") == "2023-07"
