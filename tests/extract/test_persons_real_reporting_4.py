"""Persons and roles in more shapes real reporting gives them: bloggers who film prisoners,
author lines, photo credits and signatures, foreign and plural surnames, names after ranks,
titles and words of address, dative titles, commanders held captive or speaking, surnames
declined like "мама", a "former" journalist, and verdict lists under a heading about prisoners.

Every sentence here is invented for the test; the names are made up.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import named_persons as _names
from .support import person_named as _person
from .support import role_of as _role

PUBLISHED = PartialDate.parse("2025-06-10")


# Bloggers, video bloggers and war correspondents who film prisoners are journalists.


def test_a_blogger_filming_an_interrogation_is_a_journalist_ru() -> None:
    text = "Блогер Семён Грачёв снял на видео допрос пленного Петра Лосева."
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Грачёв") == "journalist"
    assert _role(result, "Лосев") == "pow"


def test_a_blogger_filming_a_prisoner_is_a_journalist_uk() -> None:
    text = "Блогер Тарас Гнатенко зняв на відео полоненого Петра Лосєва."
    assert _role(extract(text, PUBLISHED, "uk"), "Гнатенко") == "journalist"


def test_a_war_correspondent_is_a_journalist() -> None:
    text = "С пленным Петром Лосевым поговорил военкор Семён Грачёв."
    assert _role(extract(text, PUBLISHED, "ru"), "Грачёв") == "journalist"


def test_a_vlogger_is_a_journalist_en() -> None:
    text = "The vlogger Mark Tillery filmed the prisoner Petro Losev in a basement."
    assert _role(extract(text, PUBLISHED, "en"), "Tillery") == "journalist"


# Bylines, credits and signatures.


def test_an_author_line_of_names_is_the_journalists() -> None:
    text = (
        "Зоя Пахомова, Вера Климова\n\n"
        "В Брянск вернулись из плена трое военнослужащих. Среди них Олег Рябов."
    )
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Пахомова") == "journalist"
    assert _role(result, "Климова") == "journalist"
    assert _role(result, "Рябов") == "former_pow"


def test_a_photo_credit_is_a_journalist() -> None:
    text = "Олег Рябов вернулся из плена домой.\nФото: Глеб Сазонов / ИА Брянск"
    assert _role(extract(text, PUBLISHED, "ru"), "Сазонов") == "journalist"


def test_a_name_before_an_agency_is_a_journalist() -> None:
    text = "Гліб Сазонов ИА REGNUM\nДодому з полону повернувся Олег Рябко."
    assert _role(extract(text, PUBLISHED, "uk"), "Сазонов") == "journalist"


def test_a_signature_title_on_the_next_line_is_the_persons() -> None:
    text = (
        "Суд приговорил пленного Олега Рябова к 13 годам.\n"
        "Комментарий:\n"
        "Ирина Зотова\n"
        "адвокат, партнёр коллегии «Правовед»\n"
        "Приговор будет обжалован."
    )
    assert _role(extract(text, PUBLISHED, "ru"), "Зотова") == "lawyer"


# Names: foreign surnames, couples, words of address, ranks.


def test_a_foreign_name_after_a_preposition_comes_to_the_nominative() -> None:
    text = "Министр встретился с Драганой Милькович в Женеве."
    person = _person(extract(text, PUBLISHED, "ru"), "Милькович")
    assert person.name == "Драгана Милькович"
    assert person.gender == "f"


def test_a_couple_with_a_plural_surname_is_two_persons() -> None:
    text = "Оксана та Тарас Гнідичі чекають на сина з полону."
    names = _names(extract(text, PUBLISHED, "uk"))
    assert "Оксана Гнідич" in names and "Тарас Гнідич" in names
    assert not any(n.endswith("Гнідичі") for n in names)


def test_a_plural_surname_in_ov_gives_each_gender_its_form() -> None:
    text = "Об этом рассказали Ольга и Виктор Сазоновы."
    names = _names(extract(text, PUBLISHED, "ru"))
    assert "Ольга Сазонова" in names and "Виктор Сазонов" in names


def test_a_given_name_after_a_word_of_address_is_a_person() -> None:
    text = "Пані Ярина розповіла, що її син у полоні."
    assert _role(extract(text, PUBLISHED, "uk"), "Ярина") == "relative"


def test_a_name_after_a_rank_in_the_genitive_is_found() -> None:
    text = "Суд приговорил к 20 годам младшего лейтенанта ВСУ Евгения Гоча."
    person = _person(extract(text, PUBLISHED, "ru"), "Гоч")
    assert person.name == "Евгений Гоч"
    assert person.role == "pow"


def test_a_surname_alone_after_a_rank_is_a_person_uk() -> None:
    text = "Капітан Міхоєнко потрапив у полон під Маріуполем."
    assert _role(extract(text, PUBLISHED, "uk"), "Міхоєнко") == "pow"


def test_a_surname_alone_after_a_rank_is_a_person_ru() -> None:
    text = (
        "Старший сержант Гладышев попал в плен под Бахмутом. Майор Генштаба сообщил, что его ищут."
    )
    result = extract(text, PUBLISHED, "ru")
    assert _role(result, "Гладышев") == "pow"
    assert _names(result) == ["Гладышев"]  # "Генштаба" is a common word, no surname


def test_a_surname_declined_like_mama_comes_to_its_nominative() -> None:
    text = "Суд приговорил пленного Павла Кулибы к 16 годам."
    assert _person(extract(text, PUBLISHED, "ru"), "Кулиб").name == "Павел Кулиба"


def test_a_masculine_surname_in_a_stays_whole() -> None:
    text = "Николай Стрижина получил 20 лет колонии."
    assert _names(extract(text, PUBLISHED, "ru")) == ["Николай Стрижина"]


# Titles in the dative, commanders, a former journalist, verdict lists.


def test_a_dative_title_before_a_name_read_as_genitive_counts() -> None:
    text = "Журналістці телеканалу «Промінь» Олесі Гнідич вдалося поговорити з полоненим."
    assert _role(extract(text, PUBLISHED, "uk"), "Гнідич") == "journalist"


def test_a_commander_named_among_prisoners_is_a_prisoner() -> None:
    text = "Среди пленных оказался командир катера Роман Мокрин."
    assert _role(extract(text, PUBLISHED, "ru"), "Мокрин") == "pow"
    # who speaks of prisoners stays an official
    text = "Командир бригады Роман Мокрин заявил, что трое бойцов попали в плен."
    assert _role(extract(text, PUBLISHED, "ru"), "Мокрин") == "official"


def test_the_narrators_commander_is_an_official() -> None:
    text = (
        "They sent me to an assault company. Our company commander, Major Petrenko, told us "
        "never to surrender. I was captured in March."
    )
    assert _role(extract(text, PUBLISHED, "en"), "Petrenko") == "official"


def test_a_rank_after_a_commanders_title_keeps_him_a_commander() -> None:
    text = "Командир полка, подполковник Гладышев, сказал, что никакой ротации не будет."
    assert _role(extract(text, PUBLISHED, "ru"), "Гладышев") == "official"


def test_a_former_journalist_freed_from_captivity_is_a_former_prisoner() -> None:
    text = (
        "Військовий та колишній журналіст Тарас Гнідич розповідає про 30 місяців полону. "
        "Після звільнення Тарас повернувся до Львова."
    )
    assert _role(extract(text, PUBLISHED, "uk"), "Гнідич") != "journalist"


def test_names_listed_under_a_heading_about_prisoners_are_prisoners() -> None:
    text = (
        "Суд назначил украинским военнопленным такие сроки:\n\n"
        "Пётр Лосев и Семён Грачёв – 20 лет;\n\n"
        "Олег Рябов – 18 лет."
    )
    result = extract(text, PUBLISHED, "ru")
    assert {_role(result, n) for n in ("Лосев", "Грачёв", "Рябов")} == {"pow"}
