"""Declension to the nominative and relative dates resolved against the publication date."""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract.dates import find_dates
from powtrace.extract.namecase import nominative


@pytest.mark.parametrize(
    ("words", "lang", "hint", "expected"),
    [
        (("Романа", "Иванишина"), "ru", None, "Роман Иванишин"),
        (("Игоря", "Долгополова"), "ru", None, "Игорь Долгополов"),
        (("Ольгой", "Петровной", "Долгополовой"), "ru", None, "Ольга Петровна Долгополова"),
        (("Валерия", "Ветошкина"), "ru", "f", "Валерия Ветошкина"),
        (("Ігоря", "Долгополова"), "uk", None, "Ігор Долгополов"),
        (("Олександра", "Коваленка"), "uk", None, "Олександр Коваленко"),
        (("Олени", "Коваль"), "uk", None, "Олена Коваль"),
        (("Тараса", "Шевчука"), "uk", None, "Тарас Шевчук"),
    ],
)
def test_names_to_the_nominative(
    words: tuple[str, ...], lang: str, hint: str | None, expected: str
) -> None:
    assert nominative(words, lang, hint).text == expected


PUB = PartialDate.parse("2025-11-05")  # a Wednesday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("In August", "2025-08"),
        ("in December", "2024-12"),  # the last December before publication
        ("earlier this year", "2025"),
        ("last year", "2024"),
        ("last month", "2025-10"),
        ("last week", "2025-10-27/2025-11-02"),
        ("yesterday", "2025-11-04"),
        ("on Monday", "2025-11-03"),
        ("в августе", "2025-08"),
        ("в прошлом году", "2024"),
        ("на прошлой неделе", "2025-10-27/2025-11-02"),
        ("у серпні", "2025-08"),
        ("минулого року", "2024"),
        ("вчора", "2025-11-04"),
    ],
)
def test_relative_dates_resolve_against_publication(phrase: str, expected: str) -> None:
    found = find_dates(f"He was captured {phrase} near the city.", PUB)
    assert len(found) == 1 and str(found[0].date) == expected
    assert found[0].relative and phrase in found[0].note and "2025-11-05" in found[0].note


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("March 3, 2024", "2024-03-03"),
        ("5 мая 2024 года", "2024-05-05"),
        ("у серпні 2023 року", "2023-08"),
        ("in 2022", "2022"),
    ],
)
def test_absolute_dates_need_no_publication(phrase: str, expected: str) -> None:
    found = find_dates(f"It happened {phrase}.", None)
    assert str(found[0].date) == expected and not found[0].relative


def test_relative_dates_stay_null_without_publication() -> None:
    found = find_dates("Earlier this year he was sentenced; in August he was freed.", None)
    assert [d.date for d in found] == [None, None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In August the men were moved to another colony.", "2025-08"),
        ("In February none of them had been visited.", "2025-02"),
        ("В сентябре его перевели в другую колонию.", "2025-09"),
    ],
)
def test_a_month_alone_resolves_against_a_month_precise_publication(
    text: str, expected: str
) -> None:
    # A report dated only to its month ("2025-11") still places "in August" in a year; this
    # once stored the resolver's whole answer (date and flag) as the date and crashed later.
    found = find_dates(text, PartialDate.parse("2025-11"))
    assert len(found) == 1
    assert isinstance(found[0].date, PartialDate)
    assert str(found[0].date) == expected and found[0].relative
