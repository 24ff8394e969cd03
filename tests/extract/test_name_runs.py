"""Runs of capitalised words that hold more than one person's name.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

PUB = PartialDate.parse("2025-08-20")


@pytest.mark.parametrize(
    ("text", "lang", "person", "kin"),
    [
        (
            "Андрій Коваль повернувся з полону. "
            "Побратим Коваля Віктор Гнатюк загинув під Бахмутом.",
            "uk",
            "Віктор Гнатюк",
            "Андрій Коваль",
        ),
        (
            "Алексей Кузьмин вернулся из плена. Сослуживец Кузьмина Денис Орлов погиб в бою.",
            "ru",
            "Денис Орлов",
            "Алексей Кузьмин",
        ),
    ],
)
def test_another_persons_surname_before_a_full_name_is_not_part_of_it(
    text: str, lang: str, person: str, kin: str
) -> None:
    names = {p.name for p in extract(text, PUB, lang).persons}
    assert person in names and kin in names
    assert not any(n.endswith(person) and n != person for n in names)


def test_surname_given_name_patronymic_stays_one_person() -> None:
    result = extract("Суд заарештував Гнатюка Віктора Петровича.", PUB, "uk")
    assert [p.name for p in result.persons] == ["Гнатюк Віктор Петрович"]
