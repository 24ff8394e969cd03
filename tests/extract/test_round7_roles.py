"""Seventh round: general role and person errors (invented sentences, no real or dev-set text).

1. A journalist, official, lawyer or volunteer whose own clause tells of his capture or release
   undergoes those events and is a prisoner or former prisoner; one who only speaks of,
   negotiates or covers an exchange stays what his title says.
2. A name coordinated with an oblique name, or right after a masculine or plural past verb,
   takes that case ("приговорил А и Виталия Крохалева": a man, not a woman's nominative).
3. A specific person described without a determiner ("российского солдата среднего возраста,
   который …") is an unnamed person; plurals and quantified nouns are not.
4. A bare town leg ("Потом — Таганрог.") is a transfer once the narrator is held.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, named_persons, role_of

PUBLISHED = PartialDate.parse("2025-09-18")


def _run(text: str, lang: str):
    return extract(text, PUBLISHED, lang)


# 1. Bystanders who were held themselves.


def test_freed_journalist_in_apposition_is_former_pow_ru() -> None:
    r = _run(
        "Журналист Тимофей Ласточкин, освобожденный из плена в ходе обмена, рассказал "
        "о допросах. Он провел в неволе почти два года.",
        "ru",
    )
    assert role_of(r, "Ласточкин") == "former_pow"
    assert events_of(r, "Ласточкин", "exchanged") or events_of(r, "Ласточкин", "released")


def test_released_reporter_with_relative_clause_is_former_pow_en() -> None:
    r = _run(
        "Freelance reporter Dominic Varga, who had been detained near Enerhodar, was released "
        "on Tuesday, his editor said.",
        "en",
    )
    assert role_of(r, "Varga") == "former_pow"
    assert events_of(r, "Varga", "released")


def test_freed_volunteer_relative_clause_uk() -> None:
    r = _run(
        "Волонтерка Зоряна Кушнір, яку звільнили з полону наприкінці серпня, повернулася "
        "до Луцька.",
        "uk",
    )
    assert role_of(r, "Кушнір") == "former_pow"
    assert events_of(r, "Кушнір", "released")


def test_held_journalist_still_in_captivity_is_pow_uk() -> None:
    r = _run(
        "Фотограф Арсен Мирошник, якого взяли в полон під Бердянськом у 2023 році, досі "
        "перебуває в колонії.",
        "uk",
    )
    assert role_of(r, "Мирошник") == "pow"
    assert events_of(r, "Мирошник", "captured")


def test_participle_before_title_is_the_bystanders_own() -> None:
    r = _run("Вернувшийся из плена блогер Илларион Пестов выступил перед студентами.", "ru")
    assert role_of(r, "Пестов") == "former_pow"


def test_official_speaking_of_an_exchange_stays_official() -> None:
    r = _run(
        "Уполномоченная по правам человека Регина Садыкова рассказала об обмене. По ее "
        "словам, домой вернулись 84 военнослужащих. После обмена министр Оскар Нурмухаметов "
        "встретил бойцов в Брянске.",
        "ru",
    )
    assert role_of(r, "Садыкова") == "official"
    assert role_of(r, "Нурмухаметов") == "official"
    assert not events_of(r, "Садыкова", "exchanged")
    assert not events_of(r, "Нурмухаметов", "exchanged")


def test_lawyer_of_a_freed_client_stays_lawyer() -> None:
    r = _run(
        "Адвокат Зинаида Перова, защищавшая вернувшегося из плена Глеба Мухина, заявила, что "
        "его обменяли в июле.",
        "ru",
    )
    assert role_of(r, "Перова") == "lawyer"
    assert role_of(r, "Мухин") == "former_pow"


def test_lawyer_of_a_freed_client_stays_lawyer_en() -> None:
    r = _run(
        "Lawyer Carla Mendes, who represented the freed sailor Pavlo Zhuk, said he was "
        "exchanged in May. Ombudsman Teodor Halas, who attended the exchange, declined to "
        "comment.",
        "en",
    )
    assert role_of(r, "Mendes") == "lawyer"
    assert role_of(r, "Halas") == "official"
    assert not events_of(r, "Halas", "exchanged")


# 2. A man's name in a verdict or list after another name keeps the governing case.


def test_coordinated_genitive_name_is_a_man_ru() -> None:
    r = _run("Военный суд приговорил Ильдара Бикмаева и Виталия Ерохалева к 14 годам.", "ru")
    names = named_persons(r)
    assert "Виталий Ерохалев" in names
    assert "Ильдар Бикмаев" in names


def test_coordinated_genitive_name_is_a_man_uk() -> None:
    r = _run("Апеляційний суд засудив Тараса Гнатюка та Віталія Ерохалева до 11 років.", "uk")
    assert "Віталій Ерохалев" in named_persons(r)


def test_name_right_after_a_masculine_past_verb_is_its_object() -> None:
    r = _run("Суд приговорил Валерия Ерохалева к девяти годам колонии.", "ru")
    assert "Валерий Ерохалев" in named_persons(r)


def test_inverted_subject_after_a_feminine_verb_stays_nominative() -> None:
    r = _run("Об этом сообщила Валерия Ерохалева, сестра осужденного.", "ru")
    assert "Валерия Ерохалева" in named_persons(r)


# 3. A specific person described without a determiner or a name.


def _unnamed(result) -> list[str]:
    return [p.name for p in result.persons if p.unnamed]


def test_bare_description_with_age_and_relative_clause_ru() -> None:
    r = _run(
        "На опубликованном ролике допрашивают российского десантника средних лет, которого "
        "задержали под Глушковом.",
        "ru",
    )
    found = [n for n in _unnamed(r) if "десантника" in n]
    assert found == ["российского десантника средних лет"]


def test_bare_description_with_age_and_town_uk() -> None:
    r = _run(
        "Бабуся впізнала на фото пораненого військового 29 років з Лубен, якого росіяни взяли "
        "в полон біля Торецька.",
        "uk",
    )
    found = [p for p in r.persons if p.unnamed and "військового" in p.name]
    assert [p.name for p in found] == ["пораненого військового 29 років з Лубен"]
    assert [e for e in r.events if e.person_id == found[0].id and e.type == "captured"]


def test_no_bare_description_from_plurals_or_quantifiers() -> None:
    r = _run(
        "Российские контрактники из Брянска, которые сдались в плен, дали показания. Командир "
        "заявил, что каждого раненого бойца, который попал в плен, надо вернуть.",
        "ru",
    )
    assert _unnamed(r) == []


def test_bare_lead_description_is_the_person_named_later() -> None:
    r = _run(
        "Шевченківський суд ухвалив вирок російському десантнику, який перебуває в "
        "українському полоні. Його визнали винним у катуванні цивільних. Суд призначив йому "
        "11 років ув'язнення. Про це повідомила прокуратура.\n\nЙдеться про рядового Гліба "
        "Мартинюка з Пскова.",
        "uk",
    )
    assert _unnamed(r) == []
    assert role_of(r, "Мартинюк") == "pow"


# 4. A bare town leg in a testimony is a transfer once the narrator is held.


def test_town_leg_after_capture_is_a_transfer_ru() -> None:
    r = _run(
        "Меня зовут Святослав Крынкин. В плен я попал в апреле под Работино. Первые дни "
        "держали в яме. Потом — Новочеркасск. Там нас били каждый день.",
        "ru",
    )
    legs = events_of(r, "Крынкин", "transferred")
    assert [e.evidence.text for e in legs] == ["Потом — Новочеркасск."]


def test_town_leg_after_capture_is_a_transfer_uk() -> None:
    r = _run(
        "Мене звати Ярема Дзюбан. У полон я потрапив у квітні біля Кринок. Спочатку тримали "
        "в ангарі. Далі — Вязьма. Там допитували щодня.",
        "uk",
    )
    assert len(events_of(r, "Дзюбан", "transferred")) == 1


def test_town_leg_in_service_history_before_capture_is_no_transfer() -> None:
    r = _run(
        "Меня зовут Святослав Крынкин. Служил я сначала под Белгородом. Потом — Луганск. "
        "В плен я попал в апреле под Работино.",
        "ru",
    )
    assert events_of(r, "Крынкин", "transferred") == []
    assert events_of(r, "Крынкин", "captured")


def test_town_leg_after_release_is_no_transfer() -> None:
    r = _run(
        "Меня зовут Святослав Крынкин. В плен я попал в апреле под Работино. В ноябре меня "
        "обменяли. Потом — Ростов. Там лечился месяц.",
        "ru",
    )
    assert events_of(r, "Крынкин", "transferred") == []
