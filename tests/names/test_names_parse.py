"""Parsing names: order conventions, initials, declension to the nominative, gender."""

from __future__ import annotations

import pytest

from powtrace.names import ParsedName, normalize_person_name, readings


def parts(text: str) -> tuple[str | None, str | None, str | None]:
    """Surname, given name and patronymic of the likeliest reading."""
    p = normalize_person_name(text)
    return p.surname, p.given, p.patronymic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Долгополов Игорь Сергеевич", ("Долгополов", "Игорь", "Сергеевич")),  # list order
        ("Игорь Сергеевич Долгополов", ("Долгополов", "Игорь", "Сергеевич")),  # prose order
        ("ДОЛГОПОЛОВ Игорь Сергеевич", ("Долгополов", "Игорь", "Сергеевич")),  # caps surname
        ("DOLGOPOLOV IGOR", ("Dolgopolov", "Igor", None)),  # passport
        ("Igor Dolgopolov, 31", ("Dolgopolov", "Igor", None)),  # press, age dropped
        ("Dolgopolov, Igor", ("Dolgopolov", "Igor", None)),  # comma convention
        ("Kovalenko Oleksandr", ("Kovalenko", "Oleksandr", None)),  # known given name decides
        ("Петрович Иван Сергеевич", ("Петрович", "Иван", "Сергеевич")),  # -вич surname
        ("рядового Игоря Сергеевича Долгополова", ("Долгополов", "Игорь", "Сергеевич")),
        ("Долгополов Вседар Ведамирович", ("Долгополов", "Вседар", "Ведамирович")),  # unknown
        ("військовополонений Ковальчук (1994 р.н.) Олег", ("Ковальчук", "Олег", None)),
    ],
)
def test_name_order_conventions(text: str, expected: tuple[str | None, ...]) -> None:
    assert parts(text) == expected


@pytest.mark.parametrize(
    ("text", "initials", "surname"),
    [
        ("Долгополов И. С.", ("И", "С"), "Долгополов"),
        ("Долгополов И.С.", ("И", "С"), "Долгополов"),
        ("И.С. Долгополов", ("И", "С"), "Долгополов"),
        ("Dolgopolov I.S.", ("I", "S"), "Dolgopolov"),
        ("Kyrylenko Yu. M.", ("Yu", "M"), "Kyrylenko"),
        ("Hryshchenko Ye. O.", ("Ye", "O"), "Hryshchenko"),
    ],
)
def test_initials_are_parsed(text: str, initials: tuple[str, ...], surname: str) -> None:
    p = normalize_person_name(text)
    assert (p.initials, p.surname, p.given, p.patronymic) == (initials, surname, None, None)


def test_an_initial_after_a_full_given_name_is_the_patronymic() -> None:
    p = normalize_person_name("Igor S. Dolgopolov")
    assert (p.given, p.initials, p.surname) == ("Igor", ("S",), "Dolgopolov")


@pytest.mark.parametrize(
    "text",
    [
        "Игоря Сергеевича Долгополова",  # ru genitive
        "Игорю Сергеевичу Долгополову",  # ru dative
        "Игорем Сергеевичем Долгополовым",  # ru instrumental
    ],
)
def test_russian_declined_forms_come_back_to_the_nominative(text: str) -> None:
    assert parts(text) == ("Долгополов", "Игорь", "Сергеевич")
    assert normalize_person_name(text).language == "ru"


@pytest.mark.parametrize(
    "text",
    [
        "Ігоря Сергійовича Долгополова",  # uk genitive
        "Ігорю Сергійовичу Долгополову",  # uk dative
        "Ігорем Сергійовичем Долгополовим",  # uk instrumental
    ],
)
def test_ukrainian_declined_forms_come_back_to_the_nominative(text: str) -> None:
    assert parts(text) == ("Долгополов", "Ігор", "Сергійович")
    assert normalize_person_name(text).language == "uk"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Олексія Петренка", ("Петренко", "Олексій", None)),
        ("Олексієві Петренкові", ("Петренко", "Олексій", None)),
        ("Олексієм Петренком", ("Петренко", "Олексій", None)),
        ("Андрея Ковальского", ("Ковальский", "Андрей", None)),
        ("Андреем Ковальским", ("Ковальский", "Андрей", None)),
        ("Ивана Мельника", ("Мельник", "Иван", None)),  # surname that is also a noun
        ("Ивану Морозу", ("Мороз", "Иван", None)),
        ("Миколі Бондарю", ("Бондар", "Микола", None)),
        ("Тарасом Шевченком", ("Шевченко", "Тарас", None)),
    ],
)
def test_other_surname_types_decline_back(text: str, expected: tuple[str | None, ...]) -> None:
    assert parts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Марии Сергеевны Долгополовой", ("Долгополова", "Мария", "Сергеевна")),  # ru gent
        ("Марией Долгополовой", ("Долгополова", "Мария", None)),  # ru ablt
        ("Анне Соколовой", ("Соколова", "Анна", None)),  # ru datv
        ("Марії Долгополової", ("Долгополова", "Марія", None)),  # uk gent
        ("Марією Долгополовою", ("Долгополова", "Марія", None)),  # uk ablt
        ("Олени Ковальської", ("Ковальська", "Олена", None)),  # uk adjectival
    ],
)
def test_womens_names_stay_feminine(text: str, expected: tuple[str | None, ...]) -> None:
    assert parts(text) == expected
    assert normalize_person_name(text).gender_hint == "f"


def test_gender_agrees_across_parts() -> None:
    man = normalize_person_name("Игоря Долгополова")
    assert (man.surname, man.gender_hint) == ("Долгополов", "m")
    woman = normalize_person_name("Долгополова Мария Сергеевна")
    assert (woman.surname, woman.gender_hint) == ("Долгополова", "f")


def test_a_womans_nominative_and_a_mans_genitive_are_both_reachable() -> None:
    alone = [(r.surname, r.gender_hint) for r in readings("Долгополова")]
    assert alone[0] == ("Долгополова", "f")  # a bare list entry is most likely nominative
    assert ("Долгополов", "m") in alone
    prose = [(r.surname, r.gender_hint) for r in readings("Игоря Долгополова")]
    assert prose[0] == ("Долгополов", "m")
    assert ("Долгополова", "f") in prose


def test_out_of_dictionary_surnames_use_the_usual_endings() -> None:
    from powtrace.names.morph import surname_forms

    forms = {(f.text, f.gender) for f in surname_forms("Квасюкевичовой", "ru")}
    assert ("квасюкевичова", "f") in forms
    forms = {(f.text, f.gender) for f in surname_forms("Хрумкашевым", "ru")}
    assert ("хрумкашев", "m") in forms


def test_the_result_records_script_and_language() -> None:
    assert normalize_person_name("Долгополов Ігор").language == "uk"
    assert normalize_person_name("Igor Dolgopolov").script == "Latn"
    assert normalize_person_name("Долгополов Игорь").language == "ru"  # from the name table


def test_empty_input_parses_to_an_empty_name() -> None:
    assert normalize_person_name("") == ParsedName(None, None, None, (), "Zyyy", None, None)
