"""Groups of people and their head counts, persons named by a given name after a soldier's or
a relative's noun, and names that are not names (outlets, places, a possessor before a name).
All sentences are invented."""

from __future__ import annotations

import pytest

from powtrace.domain.dates import parse_optional
from powtrace.extract import extract

from .support import events_of, group_events

PUBLISHED = parse_optional("2025-06-01")


def _run(text: str, lang: str):
    return extract(text, PUBLISHED, lang)


def _sizes(text: str, lang: str) -> set[int | None]:
    return {e.group_size for e in _run(text, lang).events if e.person_id is None}


@pytest.mark.parametrize(
    ("text", "lang", "type_", "size"),
    [
        ("Москва вернула из украинского плена 300 военных.", "ru", "handed_over", 300),
        ("В Україну з полону повернулися 205 громадян.", "uk", "released", 205),
        ("З полону вдалося повернути 84 людини.", "uk", "handed_over", 84),
        ("Из плена вернулись 116 воинов.", "ru", "released", 116),
    ],
)
def test_group_nouns_of_people_make_a_counted_group(
    text: str, lang: str, type_: str, size: int
) -> None:
    found = group_events(_run(text, lang), type_)
    assert [e.group_size for e in found] == [size]


@pytest.mark.parametrize(
    ("text", "lang", "size"),
    [
        ("Ninety-five Ukrainian soldiers were freed on Friday.", "en", 95),
        ("More than a thousand prisoners were freed in May.", "en", 1000),
        ("З полону звільнили понад 7 тисяч військових.", "uk", 7000),
        ("Из плена освобождено 1,2 тыс. военнослужащих.", "ru", 1200),
        ("Из плена вернулись четырех военнослужащих.", "ru", 4),
        ("Some 1,350 soldiers were freed in May.", "en", 1350),
    ],
)
def test_number_words_and_multipliers_give_the_head_count(text: str, lang: str, size: int) -> None:
    assert size in _sizes(text, lang)


def test_an_age_after_a_comma_is_not_a_head_count() -> None:
    text = (
        "Private Oleg Marchuk, 23, and Private Denis Rybak, 31, were taken prisoner near Bakhmut."
    )
    assert 31 not in _sizes(text, "en")


def test_a_year_is_not_a_head_count() -> None:
    assert 2024 not in _sizes("In 2024 soldiers were freed from captivity.", "en")


@pytest.mark.parametrize(
    ("text", "lang", "name", "type_"),
    [
        (
            "Из плена освобождены 116 воинов, в том числе сержант Олег Бондарь.",
            "ru",
            "Олег Бондарь",
            "released",
        ),
        (
            "Додому повернулися 116 захисників, зокрема Тарас Гнатюк та Іван Мельник.",
            "uk",
            "Іван Мельник",
            "handed_over",
        ),
    ],
)
def test_a_member_named_with_including_shares_the_group_event(
    text: str, lang: str, name: str, type_: str
) -> None:
    result = _run(text, lang)
    assert events_of(result, name, type_)
    assert next(p for p in result.persons if p.name == name).role == "former_pow"


def test_a_singular_object_noun_opening_a_sentence_is_the_person_just_named() -> None:
    text = (
        "Орест Гнатюк потрапив у полон разом з іншими військовими. "
        "Полоненого кілька разів допитували росіяни, як і інші, він потерпав від холоду."
    )
    result = _run(text, "uk")
    assert events_of(result, "Орест Гнатюк", "isolated_interrogated")
    assert not group_events(result, "isolated_interrogated")


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Военнослужащий Сергей попал в плен в марте 2023 года.", "ru", "Сергей"),
        ("Нацгвардієць Владислав перебував у полоні 20 місяців.", "uk", "Владислав"),
        ("Защитник Андрей вернулся из плена в мае.", "ru", "Андрей"),
        ("У лютому з полону повернувся захисник Богдан.", "uk", "Богдан"),
    ],
)
def test_a_given_name_after_a_soldiers_noun_is_a_person(text: str, lang: str, name: str) -> None:
    names = [p.name for p in _run(text, lang).persons]
    assert names == [name]


def test_a_given_name_in_an_oblique_case_after_the_noun_is_made_nominative() -> None:
    text = "Вчера семья встретила вернувшегося из плена защитника Андрея."
    assert "Андрей" in [p.name for p in _run(text, "ru").persons]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Солдат ВСУ попал в плен под Бахмутом.", "ru"),
        ("Захисник України повернувся з полону.", "uk"),
        ("Боец Ахмата получил ранение под Курском.", "ru"),
        ("Бойцы Азова вернулись из плена.", "ru"),
    ],
)
def test_a_capitalised_common_word_after_the_noun_is_no_person(text: str, lang: str) -> None:
    assert _run(text, lang).persons == []


def test_who_is_with_a_relative_is_a_person() -> None:
    text = "Ірина з сином Микитою майже три роки чекали на повернення чоловіка."
    names = {p.name for p in _run(text, "uk").persons}
    assert {"Ірина", "Микита"} <= names


def test_an_outlet_in_capitals_is_not_part_of_the_name() -> None:
    text = (
        "Корреспондент НТВ Ольга Зимина встречала бойцов на границе. Зимина рассказала о встрече."
    )
    persons = _run(text, "ru").persons
    assert [p.name for p in persons] == ["Ольга Зимина"]
    assert persons[0].role == "journalist"


def test_a_latin_letter_in_a_cyrillic_byline_cue_still_makes_a_byline() -> None:
    text = "Tекст: Ольга Зимина\nИз плена вернулись 95 военнослужащих."
    persons = _run(text, "ru").persons
    assert [(p.name, p.role) for p in persons] == [("Ольга Зимина", "journalist")]


def test_a_settlement_and_its_district_are_no_person() -> None:
    text = "Андрей Соколов родился в поселке Кузе Мысковского района и служил в Пскове."
    names = [p.name for p in _run(text, "ru").persons]
    assert names == ["Андрей Соколов"]


def test_a_possessor_between_a_kinship_noun_and_a_name_is_someone_else() -> None:
    text = (
        "Андрей Соколов пропал без вести в ноябре. "
        "«Он позвонил нам в последний раз», — вспоминает мама Андрея Татьяна."
    )
    persons = {p.name: p for p in _run(text, "ru").persons}
    assert set(persons) == {"Андрей Соколов", "Татьяна"}
    assert persons["Татьяна"].role == "relative"


def test_a_given_name_after_an_english_rank_is_a_person() -> None:
    text = "Among those freed was Sergeant Mykyta, who had been held since last winter."
    result = _run(text, "en")
    assert [p.name for p in result.persons] == ["Mykyta"]
    assert result.persons[0].role == "former_pow"


def test_tens_and_hundreds_multiply_the_number_before_them() -> None:
    text = "Разом із військовими повернули два десятки цивільних, яких тримали в СІЗО."
    assert 20 in _sizes(text, "uk")
    assert 200 in _sizes("Из плена вернулись две сотни военнослужащих.", "ru")


def test_a_day_of_the_month_is_not_a_head_count() -> None:
    text = "12 березня захисники, які повернулися з полону, зустрілися з рідними."
    assert 12 not in _sizes(text, "uk")


def test_a_surname_alone_goes_to_the_relative_of_its_gender() -> None:
    text = (
        "Танкист Егор Лищук был в отпуске, когда началась война. "
        "«Он всегда помогал нам», — вспоминает мама Егора, Елена Лищук. "
        "До службы 30-летний Лищук работал сварщиком."
    )
    persons = {p.name: p for p in _run(text, "ru").persons}
    assert persons["Егор Лищук"].age == 30
    assert persons["Елена Лищук"].age is None
