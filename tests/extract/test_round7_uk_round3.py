"""Seventh round, third pass over the Ukrainian dev5 causes, in Ukrainian and Russian (invented
sentences, no dev-set text).

1. A bare description governed by a noun of proceedings ("вирок …", "справа проти …") or joined
   to a name by a comma and a title is no person of its own.
2. A given name in a dash apposition ("хлопець з нашої роти, — Олег із Житомира") is a person.
3. A participle before a noun ("звільнений з полону побратим Бойчук") gives its event to that
   noun's person.
4. A yearless month takes the last explicit year of the story, across paragraphs.
5. A narrator's self-description ("Я, 38-річний сержант, …") is the narrator.
6. A call sign after "noun + genitive name" belongs to the noun ("побратим Дениса з позивним
   «Кіт»").
7. A civilian sentenced by an occupation court is held by the occupying side.
8. Event forms: "утримують у лікарні", "спершу …, потім у СІЗО …", a letter through the Red Cross.
9. A known given name and an unknown surname with a surname ending, in a list or after a rank.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, named_persons, person_named, role_of

PUBLISHED = PartialDate.parse("2025-09-10")


def _run(text: str, lang: str = "uk", published: PartialDate = PUBLISHED):
    return extract(text, published, lang)


def _unnamed(result) -> list[str]:
    return [p.name for p in result.persons if p.unnamed]


# 1. Descriptions that are no person of their own.


def test_description_after_a_verdict_noun_is_no_person_uk() -> None:
    text = (
        "Сержанта Гліба Сорокіна взяли в полон під Вовчанськом у травні. "
        "Апеляційний суд Полтави залишив у силі вирок російському десантнику, який стріляв по "
        "автобусу. Про це повідомила прокуратура."
    )
    r = _run(text)
    assert not _unnamed(r)


def test_description_after_a_case_noun_is_no_person_ru() -> None:
    text = (
        "Рядового Артёма Лыкова взяли в плен под Купянском в мае. "
        "В Самаре начали рассматривать дело против пленного солдата, которого обвиняют в "
        "мародёрстве."
    )
    r = _run(text, "ru")
    assert not _unnamed(r)


def test_description_with_a_title_before_the_name_is_that_person_uk() -> None:
    text = (
        "Минулого місяця той самий суд засудив ще одного російського полоненого, молодшого "
        "сержанта Олексія Лаптєва, до 9 років позбавлення волі."
    )
    r = _run(text)
    assert not _unnamed(r)
    assert events_of(r, "Олексій Лаптєв", "sentenced")


def test_aged_description_after_a_pronoun_is_the_person_named_before_uk() -> None:
    text = (
        "Богдан Ярмолюк провів у полоні два роки. Його обміняли в березні, і зараз 29-річний "
        "старший солдат проходить лікування у Львові."
    )
    r = _run(text)
    assert not _unnamed(r)
    assert person_named(r, "Богдан Ярмолюк").age == 29


# 2. A given name in a dash apposition.


def test_given_name_after_a_dash_is_a_person_uk() -> None:
    text = (
        "Зі мною в камері був хлопець з нашої бригади, — Остап. Остапа обміняли в червні 2024 року."
    )
    r = _run(text)
    assert "Остап" in named_persons(r)
    assert events_of(r, "Остап", "exchanged")


def test_given_name_before_a_dashed_noun_is_a_person_uk() -> None:
    text = (
        "Нас тримали разом із Тарасом — кулеметником з нашої роти. "
        "Тараса обміняли в червні 2024 року."
    )
    r = _run(text)
    assert "Тарас" in named_persons(r)
    assert events_of(r, "Тарас", "exchanged")


def test_relative_clause_closed_by_a_dashed_name_is_his_uk() -> None:
    text = (
        "Мій син Денис Ковальчук зник 3 березня. Пізніше побратим Дениса з позивним «Кіт» "
        "розповів, що бачив його. Потім мені написав хлопець, якого обміняли 14 травня, — "
        "Остап із Коломиї."
    )
    r = _run(text)
    assert events_of(r, "Остап", "exchanged")
    assert not events_of(r, "Кіт", "exchanged")
    assert role_of(r, "Кіт") == "other"


def test_relative_clause_closed_by_a_dashed_name_is_his_ru() -> None:
    text = (
        "Мой сын Денис Ковальчук пропал 3 марта. Потом мне позвонил парень, которого обменяли "
        "14 мая, — Остап из Коломыи."
    )
    r = _run(text, "ru")
    assert events_of(r, "Остап", "exchanged")
    assert not events_of(r, "Денис", "exchanged")


# 3. A participle of release before a comrade noun.


def test_freed_comrade_before_a_genitive_name_is_his_own_person_uk() -> None:
    text = (
        "Олега Мельничука взяли в полон під Бахмутом. Звільнений з полону побратим Степана "
        "Гнатюка бачив його в Курську."
    )
    r = _run(text)
    assert not events_of(r, "Гнатюк", "released")
    assert not events_of(r, "Мельничук", "released")
    assert [p for p in r.persons if p.unnamed and p.role == "former_pow"]


def test_freed_comrade_without_a_name_takes_the_release_ru() -> None:
    text = (
        "Олега Мельникова взяли в плен под Бахмутом. Освобождённый из плена сослуживец "
        "рассказал, что Олега перевели в Курск."
    )
    r = _run(text, "ru")
    assert not events_of(r, "Мельников", "released")
    assert role_of(r, "Мельников") == "pow"


# 5. A narrator's self-description.


def test_narrator_self_description_is_the_narrator_uk() -> None:
    text = (
        "Петро Гудзь повернувся з полону навесні. Публікуємо його розповідь.\n"
        "Ми тримали оборону біля Попасної. Я, 41-річний старший солдат, потрапив у полон "
        "2 травня 2022 року."
    )
    r = _run(text)
    assert not _unnamed(r)
    assert person_named(r, "Петро Гудзь").age == 41
    assert events_of(r, "Петро Гудзь", "captured")


def test_narrator_dative_and_dash_self_description_give_the_age_uk() -> None:
    for text, age in (
        (
            "Петро Гудзь повернувся з полону навесні. Публікуємо його розповідь.\n"
            "Мені, 33-річному механіку-водію, там зламали руку.",
            33,
        ),
        (
            "Петро Гудзь повернувся з полону навесні. Публікуємо його розповідь.\n"
            "Я — 29-річний сапер з Вінниці, мене взяли в полон у квітні 2023 року.",
            29,
        ),
    ):
        assert person_named(_run(text), "Петро Гудзь").age == age


def test_narrator_self_description_is_the_narrator_ru() -> None:
    text = (
        "Пётр Гудков вернулся из плена весной. Публикуем его рассказ.\n"
        "Мы держали оборону у Попасной. Я, 41-летний старший солдат, попал в плен 2 мая 2022 года."
    )
    r = _run(text, "ru")
    assert not _unnamed(r)
    assert person_named(r, "Пётр Гудков").age == 41


# 8. Held in a hospital.


def test_held_in_a_prison_hospital_is_hospitalised_uk() -> None:
    text = (
        "Солдата Івана Климця взяли в полон під Вугледаром. "
        "З весни Климця утримують у лікарні при СІЗО в Курську."
    )
    r = _run(text)
    assert events_of(r, "Климець", "hospitalised")
    assert not events_of(r, "Климець", "interned")


def test_held_in_a_prison_hospital_is_hospitalised_ru() -> None:
    text = (
        "Солдата Ивана Климова взяли в плен под Угледаром. "
        "С весны Климова содержат в больнице при СИЗО в Курске."
    )
    r = _run(text, "ru")
    assert events_of(r, "Климов", "hospitalised")
    assert not events_of(r, "Климов", "interned")
