"""Seventh round, Ukrainian dev5 errors: general causes (invented sentences, no dev-set text).

1. A name and a kinship noun both in the vocative ("Тарасе, синку") address the family's
   soldier: he is no relative.
2. An office noun in the predicate before a rank and a name ("Начальником табору був капітан
   Х") makes the person an official; "міський / сільський голова" is an office.
3. Trigger forms: deaths "у російському полоні", the noun "загибель"; "узяли" and a day before
   the month; captivity as a state with the place first ("У неволі досі лишається"); detention
   by the occupiers as a capture; "суд дав йому N років"; treatment by the verb alone
   ("підлікувався", "лікується"); "тепер він інструктор"; "публікуємо його розповідь".
4. Not an event: "боролися за ваше звільнення".
5. A heading of the freed with a count ("Серед 9 звільнених — …").
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, group_events, role_of

PUBLISHED = PartialDate.parse("2025-08-20")


def _run(text: str, lang: str = "uk"):
    return extract(text, PUBLISHED, lang)


# 1. Vocative address.


def test_vocative_son_is_not_a_relative() -> None:
    text = (
        "Я шукаю свого сина Тараса Гнатишина. Тарас зник безвісти під Куп'янськом у березні. "
        "Тарасе, синку, ми всі тебе чекаємо."
    )
    r = _run(text)
    assert role_of(r, "Тарас Гнатишин") == "missing_soldier"


# 2. Officials.


def test_office_predicate_before_rank_is_official() -> None:
    text = (
        "Мене перевели до табору під Брянськом. Начальником табору там був капітан Зозуля. "
        "Він щоранку кричав на нас."
    )
    r = _run(text)
    assert role_of(r, "Зозуля") == "official"


def test_village_head_is_official() -> None:
    text = "Сільський голова Маркіян Дзюба вручив подарунки землякам на площі."
    r = _run(text)
    assert role_of(r, "Маркіян Дзюба") == "official"


# 3. Trigger forms.


def test_death_in_russian_captivity_is_not_a_killing() -> None:
    r = _run("Остап Дробот, 44-річний сапер із Ніжина, помер у російському полоні навесні.")
    assert events_of(r, "Остап Дробот", "died_in_captivity")
    assert not events_of(r, "Остап Дробот", "killed")


def test_death_noun_in_captivity_is_a_group_death() -> None:
    r = _run("Штаб повідомив про загибель у російському полоні трьох прикордонників.")
    assert group_events(r, "died_in_captivity")


def test_euphonic_uzialy_with_a_day_is_a_capture() -> None:
    text = (
        "Розповідає колишній полонений Левко Стасюк. "
        "«Нас узяли 3 березня під містом, коли скінчилися набої», — каже Левко."
    )
    r = _run(text)
    assert events_of(r, "Левко Стасюк", "captured")


def test_place_first_state_of_captivity() -> None:
    r = _run("У неволі досі лишається наш земляк Тарас Гуменюк із села Вишнівка.")
    assert role_of(r, "Тарас Гуменюк") == "pow"


def test_detention_by_occupiers_is_a_capture() -> None:
    r = _run("Ветеринара Устима Білоуса окупанти затримали в червні 2023 року в Генічеську.")
    assert events_of(r, "Устим Білоус", "captured")


def test_detention_in_occupied_town_is_a_capture() -> None:
    r = _run("Фельдшерку Ярину Гавришко затримали восени в окупованому Бердянську.")
    assert events_of(r, "Ярина Гавришко", "captured")


def test_court_gave_him_years_is_a_verdict() -> None:
    r = _run("Полоненого Мирона Гайового вивезли до Ростова, де суд дав йому 19 років.")
    assert events_of(r, "Мирон Гайовий", "sentenced")
    assert events_of(r, "Мирон Гайовий", "convicted")


def test_court_gave_him_years_is_a_verdict_ru() -> None:
    r = _run("Пленного Мирона Гаевого увезли в Ростов, где суд дал ему 19 лет.", "ru")
    assert events_of(r, "Мирон Гаевой", "sentenced")
    assert events_of(r, "Мирон Гаевой", "convicted")


def test_treatment_by_verb_alone() -> None:
    r = _run("Після обміну Богдан Ярема підлікувався і повернувся до служби.")
    assert events_of(r, "Богдан Ярема", "hospitalised")
    r = _run("Звільнений з полону Назар Ґудз досі лікується у Львові.")
    assert events_of(r, "Назар Ґудз", "hospitalised")


def test_now_an_instructor_is_noncombat() -> None:
    text = "Захисника Ярему Кульчицького обміняли минулої зими. Тепер він інструктор на полігоні."
    r = _run(text)
    assert events_of(r, "Ярема Кульчицький", "assigned_noncombat")


def test_published_account_is_an_interview() -> None:
    text = (
        "Колишній полонений Орест Мандзюк провів у полоні два роки. "
        "Ми публікуємо його розповідь повністю."
    )
    r = _run(text)
    assert events_of(r, "Орест Мандзюк", "interviewed_by_press")


# 4. Not events.


def test_fighting_for_your_release_is_no_release() -> None:
    text = (
        "Захисник Яків Тимчук досі в полоні. «Ми боремося за ваше звільнення», — сказала "
        "волонтерка."
    )
    r = _run(text)
    assert not events_of(r, "Яків Тимчук", "released")


# 5. Counted heading of the freed.


def test_counted_heading_of_the_freed() -> None:
    text = (
        "Сьогодні з полону повернулися 40 українців. "
        "Серед 9 звільнених цивільних — 61-річний аграрій з Олешок Панас Гук."
    )
    r = _run(text)
    assert role_of(r, "Панас Гук") == "former_pow"
