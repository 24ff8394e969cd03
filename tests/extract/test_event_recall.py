"""Event recall: itineraries, captures told without "в плен", captivity as a state, returns
from captivity, crowds sharing a person's event, and the false positives each new cue must avoid.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, group_events

# Each leg of a journey told without a verb, or with one the lexicon lacked, is a transfer.
ITINERARIES = [
    (
        "en",
        "My name is Petro Lysenko. I was captured in March. First to a filtration camp near "
        "Olenivka, then by bus to Taganrog. Later to a colony in Mordovia.",
        "Lysenko",
        3,
    ),
    (
        "en",
        "Private Petro Lysenko was captured in March. He was then driven to the prison in a van.",
        "Lysenko",
        1,
    ),
    (
        "ru",
        "Меня зовут Павел Гусев. В плен я попал в марте. Сначала — СИЗО в Брянске. Потом — "
        "колония в Рязанской области.",
        "Гусев",
        2,
    ),
    (
        "uk",
        "Мене звати Павло Гуменюк. У полон я потрапив у березні. Спочатку — СІЗО в Брянську. "
        "Далі до колонії в Рязанській області.",
        "Гуменюк",
        2,
    ),
]


@pytest.mark.parametrize(("lang", "text", "name", "legs"), ITINERARIES)
def test_each_leg_of_an_itinerary_is_a_transfer(lang: str, text: str, name: str, legs: int) -> None:
    assert len(events_of(extract(text, None, lang), name, "transferred")) == legs


# Where they were held, told after "then", is no journey: "Потім у колонії нас били".
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Мене звати Павло Гуменюк. Потім у колонії нас били."),
        ("ru", "Меня зовут Павел Гусев. Потом в колонии нас били."),
        ("en", "My name is Petro Lysenko. Then in the colony they beat us."),
    ],
)
def test_then_in_a_place_is_not_a_transfer(lang: str, text: str) -> None:
    assert not [e for e in extract(text, None, lang).events if e.type == "transferred"]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "Сергей Титов вернулся домой. Его взяли под Авдеевкой в мае 2024 года.", "Титов"),
        ("ru", "Меня зовут Сергей Титов. Меня взяли в мае, под утро.", "Титов"),
        ("uk", "Мене звати Сергій Тимчук. Мене взяли під Авдіївкою в травні 2024 року.", "Тимчук"),
    ],
)
def test_taken_without_captivity_word_is_a_capture(lang: str, text: str, name: str) -> None:
    assert events_of(extract(text, None, lang), name, "captured")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Сергей Титов вернулся. Его взяли на работу в автосервис."),
        ("ru", "Сергей Титов вернулся. Его взяли под стражу в мае."),
        ("ru", "Сергей Титов вернулся домой. Его не взяли под Авдеевкой."),
        ("uk", "Сергій Тимчук повернувся. Його взяли на роботу в травні."),
        ("uk", "Сергій Тимчук повернувся. Його взяли в травні на роботу."),
        ("ru", "Сергей Титов вернулся. Его взяли в мае на работу."),
        ("ru", "Сергей Титов сказал, что они в плену не были."),
        ("uk", "Сергій Тимчук каже, що вони в полоні не були."),
    ],
)
def test_other_takings_are_no_capture(lang: str, text: str) -> None:
    assert not [e for e in extract(text, None, lang).events if e.type == "captured"]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "В декабре 2024 года пришёл ответ: Олег Рябов находится в плену.", "Рябов"),
        ("uk", "У грудні 2024 року стало відомо, що Олег Рябченко перебуває в полоні.", "Рябченко"),
        ("uk", "Олег Рябченко залишається в полоні.", "Рябченко"),
    ],
)
def test_captivity_told_as_a_state_is_a_capture_without_a_date(
    lang: str, text: str, name: str
) -> None:
    (event,) = events_of(extract(text, None, lang), name, "captured")
    assert event.date is None


def test_a_state_with_since_keeps_its_date() -> None:
    text = "Олег Рябченко перебуває в полоні з травня 2023 року."
    (event,) = events_of(extract(text, None, "uk"), "Рябченко", "captured")
    assert event.date is not None and event.date.year == 2023


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Олег Рябов пропал. Украинская сторона не подтвердила, что он находится в плену."),
        ("uk", "Олег Рябченко зник. Ніхто не підтвердив, що він перебуває в полоні."),
        ("en", "Oleg Ryabov went missing. Nobody confirmed that he was captured."),
    ],
)
def test_a_denied_confirmation_gives_no_capture(lang: str, text: str) -> None:
    assert not [e for e in extract(text, None, lang).events if e.type == "captured"]


def test_uncounted_group_in_a_present_relative_clause_is_generic() -> None:
    text = (
        "Родственники военнослужащих, которые находятся в плену, могут позвонить на горячую линию."
    )
    assert not [e for e in extract(text, None, "ru").events if e.type == "captured"]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "В мае из плена вернулся Олег Рябов из Курска.", "Рябов"),
        ("uk", "Олег Рябченко повернувся з полону минулого літа.", "Рябченко"),
    ],
)
def test_returned_from_captivity_without_home_is_a_release(lang: str, text: str, name: str) -> None:
    result = extract(text, None, lang)
    assert events_of(result, name, "released")
    assert not events_of(result, name, "handed_over")


def test_returned_home_from_captivity_stays_a_return_home() -> None:
    result = extract("Олег Рябченко повернувся додому з полону.", None, "uk")
    assert events_of(result, "Рябченко", "handed_over")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Олега Рябченка обміняли в травні разом із ще 40 захисниками."),
        ("ru", "Олега Рябова обменяли в мае вместе с ещё 40 военнопленными."),
        ("en", "Oleg Ryabov was exchanged in May along with 40 other soldiers."),
    ],
)
def test_a_crowd_sharing_a_persons_exchange_is_a_group_event(lang: str, text: str) -> None:
    result = extract(text, None, lang)
    (group,) = group_events(result, "exchanged")
    assert group.group_size == 40


def test_a_crowd_of_cellmates_shares_nothing() -> None:
    result = extract("Oleg Ryabov shared a cell with 20 men in Taganrog.", None, "en")
    assert not group_events(result, "exchanged")


def test_came_home_and_handed_back_to_the_country_are_returns_home() -> None:
    text = "Private Oleg Ryabov came home in the exchange of 3 May."
    assert events_of(extract(text, None, "en"), "Ryabov", "handed_over")
    text = (
        "Private Oleg Ryabov was captured in 2023. In May he was handed back to Russia in a swap."
    )
    assert events_of(extract(text, None, "en"), "Ryabov", "handed_over")


def test_came_home_in_a_relative_clause_or_on_leave_is_no_return() -> None:
    text = "Private Oleg Ryabov came home on leave in May."
    assert not events_of(extract(text, None, "en"), "Ryabov", "handed_over")
    text = "Three soldiers who came home last year were sentenced on Tuesday."
    assert not group_events(extract(text, None, "en"), "handed_over")


def test_a_crowd_coming_home_in_a_persons_exchange_is_theirs() -> None:
    text = (
        "Private Oleg Ryabov was exchanged on 6 May as part of a swap in which 230 Ukrainians "
        "came home."
    )
    result = extract(text, None, "en")
    assert events_of(result, "Ryabov", "handed_over")
    assert not group_events(result, "handed_over")


def test_a_groups_release_in_an_exchange_is_that_exchange() -> None:
    text = "В результате обмена из плена вернулись 115 военнослужащих."
    result = extract(text, None, "ru")
    assert {e.type for e in result.events} == {"exchanged"}


def test_a_negation_does_not_reach_past_and_then() -> None:
    text = "Oleg Ryabov was held in a garage without water and then driven to the colony in a van."
    assert events_of(extract(text, None, "en"), "Ryabov", "transferred")


def test_a_hypothesis_still_reaches_past_and_then() -> None:
    text = "His wife fears Oleg Ryabov might be swapped and then sent back to the front."
    result = extract(text, None, "en")
    assert not events_of(result, "Ryabov", "redeployed_combat")


@pytest.mark.parametrize(
    ("lang", "text", "name", "type_"),
    [
        ("en", "Private Oleg Ryabov had his ribs broken on the first night.", "Ryabov", "tortured"),
        (
            "en",
            "Oleg Ryabov said a case had been opened against him under Article 352.1.",
            "Ryabov",
            "criminal_case_opened",
        ),
        (
            "en",
            "Oleg Ryabov was picked up by Ukrainian soldiers near a trench.",
            "Ryabov",
            "captured",
        ),
        (
            "en",
            "Oleg Ryabov is in a camp near Lviv. We spoke to him there in May.",
            "Ryabov",
            "interviewed_by_press",
        ),
        (
            "ru",
            "Олега Рябова приговорили к пяти годам за интервью.",
            "Рябов",
            "interviewed_by_press",
        ),
        ("ru", "Олег Рябов вину не признал и обжаловал приговор.", "Рябов", "other"),
        ("uk", "Олег Рябченко оскаржив вирок в апеляційному суді.", "Рябченко", "other"),
        (
            "ru",
            "Олег Рябов вернулся из плена. Потом пришёл приказ: вернуться в часть.",
            "Рябов",
            "returned_to_unit",
        ),
        (
            "ru",
            "Олег Рябов и Иван Котов вернулись из плена. Все они сейчас находятся на территории "
            "Республики Беларусь.",
            "Рябов",
            "transferred",
        ),
        (
            "ru",
            "Олег Рябов в плену. Его мать получала от сына только одно письмо.",
            "Рябов",
            "family_contact",
        ),
        (
            "uk",
            "Олег Рябченко зник у травні. У грудні стало відомо, що він у полоні.",
            "Рябченко",
            "captured",
        ),
    ],
)
def test_more_phrasings_of_known_events(lang: str, text: str, name: str, type_: str) -> None:
    assert events_of(extract(text, None, lang), name, type_)


def test_an_exchange_taking_place_is_nobodys_own() -> None:
    text = "Олег Рябченко зник у травні. Минулого тижня відбувся черговий обмін."
    result = extract(text, None, "uk")
    assert not events_of(result, "Рябченко", "exchanged")
    assert group_events(result, "exchanged")


def test_whether_he_is_held_is_no_capture() -> None:
    text = "Олег Рябченко зник у травні. Ми не знаємо, чи він у полоні."
    assert not events_of(extract(text, None, "uk"), "Рябченко", "captured")


def test_a_crowd_in_the_exchange_clause_is_a_group_of_that_size() -> None:
    text = "Oleg Ryabov was freed in the exchange of 8 February, when 100 servicemen were returned."
    (group,) = group_events(extract(text, None, "en"), "exchanged")
    assert group.group_size == 100


def test_freed_that_day_after_an_exchange_is_that_exchange() -> None:
    text = (
        "Олега Рябченка обміняли 3 травня 2025 року. Загалом того дня з полону звільнили "
        "230 українців."
    )
    result = extract(text, None, "uk")
    assert not group_events(result, "released")
    assert any(e.group_size == 230 for e in group_events(result, "exchanged"))


def test_a_second_negated_verb_stays_negated() -> None:
    text = "Олега Рябова не допрашивали и не били."
    assert not extract(text, None, "ru").events


def test_a_date_set_apart_at_the_end_dates_the_event() -> None:
    text = (
        "Олена Кравчук у полоні. Відтоді рідні отримали від Олени лише один лист, теж через "
        "Червоний Хрест, — торік у серпні."
    )
    result = extract(text, PartialDate.parse("2025-03-30"), "uk")
    (letter,) = events_of(result, "Кравчук", "family_contact")
    assert str(letter.date) == "2024-08"


def test_a_crowd_coming_home_takes_the_day_of_the_exchange() -> None:
    text = (
        "Private Oleg Ryabov was exchanged on 6 May 2025 as part of a swap in which 230 "
        "Ukrainians came home."
    )
    (home,) = events_of(extract(text, None, "en"), "Ryabov", "handed_over")
    assert str(home.date) == "2025-05-06"


def test_a_counted_group_named_member_by_member_is_those_persons() -> None:
    text = (
        "Суд приговорил троих военнослужащих, взятых в плен под Курском. Суд признал их "
        "виновными в терроризме. Олег Рябов получил 17 лет колонии, Ивану Котову назначили "
        "16 лет, Петру Лаврову — 15 лет."
    )
    result = extract(text, None, "ru")
    for name in ("Рябов", "Котов", "Лавров"):
        assert events_of(result, name, "convicted"), name
        assert events_of(result, name, "captured"), name
    assert not group_events(result, "convicted")


def test_a_counted_group_with_fewer_named_stays_a_group() -> None:
    text = (
        "Суд приговорил пятерых военнослужащих, взятых в плен под Курском. Олег Рябов получил "
        "17 лет колонии, Ивану Котову назначили 16 лет."
    )
    result = extract(text, None, "ru")
    assert group_events(result, "captured")
    assert not events_of(result, "Рябов", "captured")


def test_a_conviction_takes_the_date_of_the_sentence_told_before() -> None:
    text = (
        "A court sentenced Private Oleg Ryabov to ten years on 3 May 2025. "
        "The court found him guilty of desertion."
    )
    (verdict,) = events_of(extract(text, None, "en"), "Ryabov", "convicted")
    assert str(verdict.date) == "2025-05-03"
