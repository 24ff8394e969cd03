"""Person roles in the shapes real reporting gives them: names in oblique cases, kinship nouns
in apposition, lists of the freed, past spells in captivity, defenders called "защитник",
office holders named without their title, soldiers tried in person or in absentia.

Every sentence here is invented for the test; the names are made up.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract
from powtrace.extract.model import ExtractionResult
from powtrace.extract.namecase import nominative

from .support import role_of as _role

PUBLISHED = PartialDate.parse("2025-06-10")


def _names(result: ExtractionResult) -> list[str]:
    return [p.name for p in result.persons]


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        # A fleeting vowel in an unknown surname (Лубинец → Лубинцом, Таранець → Таранця).
        (("Дмитрием", "Лубинцом"), "ru", "Дмитрий Лубинец"),
        (("Остапа", "Таранця"), "uk", "Остап Таранець"),
        # An unknown consonant surname agrees with the given name's genitive.
        (("Андрія", "Шоліка"), "uk", "Андрій Шолік"),
        # A typographic apostrophe is read like the dictionary's.
        (("Євгена", "П’ятигорця"), "uk", "Євген П’ятигорець"),
    ],
)
def test_oblique_names_come_back_to_the_nominative(
    words: tuple[str, ...], lang: str, expected: str
) -> None:
    assert nominative(words, lang).text == expected


def test_a_given_name_is_not_mistaken_for_a_surname_in_the_genitive() -> None:
    # "Татьяна" must stay a woman's name, not the genitive of a surname "Татьян".
    assert nominative(("Ирина", "Татьяна"), "ru").text != "Ирина Татьян"


def test_a_sister_before_an_aged_genitive_name_is_not_the_named_man() -> None:
    text = (
        "Сестра 22-летнего Руслана Гайдамакина ищет брата уже год: "
        "он перестал выходить на связь под Угледаром."
    )
    result = extract(text, PUBLISHED, "ru")
    assert "Руслан Гайдамакин" in _names(result)
    assert _role(result, "Гайдамакин") != "relative"


def test_a_sentence_initial_subject_is_read_in_the_nominative() -> None:
    text = "Зарина Кадымова держит портрет сына, ожидая автобусы с освобождёнными пленными."
    result = extract(text, PUBLISHED, "ru")
    assert "Зарина Кадымова" in _names(result)


def test_a_defender_in_russian_is_a_soldier_not_a_lawyer() -> None:
    text = (
        "Защитник Олег Бондарь вернулся из плена в рамках обмена 5 июня. "
        "Он провёл в российской колонии больше двух лет."
    )
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Бондарь") == "former_pow"


def test_a_defence_counsel_in_russian_is_still_a_lawyer() -> None:
    text = (
        "Защитник подсудимого Аркадий Лемешев заявил, что обжалует приговор "
        "военнопленному Сергею Тарану."
    )
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Лемешев") == "lawyer"


def test_a_husband_named_in_apposition_is_the_prisoner_not_a_relative() -> None:
    text = (
        "Жительница Твери Ольга Сёмина уже полгода пытается вернуть мужа Станислава "
        "из украинского плена."
    )
    result = extract(text, PUBLISHED, "ru")
    assert "Станислав" in _names(result)  # not the woman's name Станислава
    assert _role(result, "Станислав") == "pow"
    assert _role(result, "Сёмина") == "relative"


def test_a_son_named_after_a_dash_is_found_and_is_missing() -> None:
    text = (
        "Ніна Гордієнко шукає сина — Олександра. Він зник безвісти поблизу Бахмута "
        "у травні 2023 року."
    )
    result = extract(text, PUBLISHED, "uk")
    assert _role(result, "Олександр") == "missing_soldier"
    assert _role(result, "Гордієнко") == "relative"


def test_a_wife_in_the_genitive_after_a_kinship_noun_is_a_relative() -> None:
    text = (
        "Мене звільнили в березні. Уже після обміну я дізнався від його дружини Людмили, "
        "що Степана Гуцала перевели до іншої колонії."
    )
    result = extract(text, PUBLISHED, "uk")
    assert _role(result, "Людмил") == "relative"


def test_a_wife_he_lives_with_does_not_make_him_a_relative() -> None:
    text = (
        "До мобилизации Тимур Рахимов работал водителем и вместе с женой растил двоих детей. "
        "В ноябре он попал в плен под Кременной."
    )
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Рахимов") == "pow"


def test_persons_listed_after_a_heading_of_the_freed_are_former_prisoners() -> None:
    text = (
        "Серед звільнених — і медики. Хірург Ігор Мазур, який перебував у полоні з 2022 року. "
        "Це і анестезіолог Петро Гнатюк, якого захопили в Маріуполі."
    )
    result = extract(text, PUBLISHED, "uk")
    assert _role(result, "Мазур") == "former_pow"
    assert _role(result, "Гнатюк") == "former_pow"


def test_a_commander_among_the_freed_is_no_official() -> None:
    text = (
        "Серед звільнених воїнів – командир батальйону морської піхоти Андрій Ярошенко "
        "та командир роти Павло Климчук."
    )
    result = extract(text, PUBLISHED, "uk")
    assert _role(result, "Ярошенко") == "former_pow"
    assert _role(result, "Климчук") == "former_pow"


def test_someone_not_among_the_freed_keeps_waiting() -> None:
    text = (
        "Марія Литвин чекала сина серед звільнених, але його в списках не виявилося. "
        "Її син Роман Литвин досі перебуває в полоні."
    )
    result = extract(text, PUBLISHED, "uk")
    assert _role(result, "Роман") == "pow"


def test_a_past_spell_in_captivity_makes_a_former_prisoner() -> None:
    text = "Руслан Абдуллаев пробыл в плену три года и два месяца, половину из них в одиночке."
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Абдуллаев") == "former_pow"


def test_an_ongoing_spell_in_captivity_is_no_former_prisoner() -> None:
    text = "Руслан Абдуллаев уже три года находится в плену, говорит его мать."
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Абдуллаев") != "former_pow"


@pytest.mark.parametrize(
    ("lang", "text", "surname"),
    [
        ("ru", "Об обмене в своём телеграм-канале сообщил Дмитрий Лубинец.", "Лубинец"),
        ("uk", "Обмін підтвердила Тетяна Москалькова у телеграм-каналі.", "Москалькова"),
        ("en", "The swap was confirmed on Telegram by Dmytro Lubinets.", "Lubinets"),
    ],
)
def test_well_known_office_holders_are_officials_without_a_title(
    lang: str, text: str, surname: str
) -> None:
    result = extract(text, PUBLISHED, lang)
    assert _role(result, surname) == "official"


def test_a_soldier_sentenced_in_person_is_a_prisoner() -> None:
    text = "Суд у Ростові засудив сержанта Олега Ткачука до 15 років колонії суворого режиму."
    result = extract(text, PUBLISHED, "uk")
    assert _role(result, "Ткачук") == "pow"


def test_a_soldier_sentenced_in_absentia_is_not_held() -> None:
    text = (
        "Суд заочно засудив російського сержанта Олега Ткачука до довічного позбавлення волі "
        "за розстріл полоненого."
    )
    result = extract(text, PUBLISHED, "uk")
    assert _role(result, "Ткачук") == "other"
