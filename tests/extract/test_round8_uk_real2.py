"""Eighth round, second Ukrainian real-page pass: general causes seen on several real pages,
tested on invented sentences only (names, places and wording are made up).

1. A given name written alone is a person after a verb of saying ("— розповіла Ганна."), after
   an introduction ("його звуть Тарас", "Остап — так представляється …"), or when it stands
   alone three times (`lone_given.py`).
2. Release and captivity-spell phrasings: "вийшов із полону", "пережив рік полону", "провів у
   ворожому полоні", "в полоні пробув", "Тепер вона на волі", "Після 400 днів неволі …
   повертається", "на рідну землю повернувся".
3. A title whose noun phrase holds a participle after a comma ("уповноважений з питань осіб,
   зниклих безвісти …") still reaches the name.
(The tests marked "guard" pass before the fix too.)
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, group_events, named_persons, role_of

PUBLISHED = PartialDate.parse("2025-11-03")


def _run(text: str):
    return extract(text, PUBLISHED, "uk")


# 1. Given names alone.


def test_given_name_after_a_verb_of_saying_is_a_person() -> None:
    r = _run("«Мій син служив у 58-й бригаді і зник під Торецьком», — розповіла Ганна.")
    assert "Ганна" in named_persons(r)
    assert role_of(r, "Ганна") == "relative"


def test_given_name_after_a_title_and_a_verb_of_saying_is_a_person() -> None:
    r = _run("«Нас били щодня», — розповідає військовослужбовиця ЗСУ Олеся.")
    assert events_of(r, "Олеся", "tortured")


def test_given_name_after_his_name_is_is_a_person() -> None:
    r = _run("Його звуть Тарас, йому 34 роки, він потрапив у полон під Вугледаром.")
    assert events_of(r, "Тарас", "captured")
    assert role_of(r, "Тарас") == "pow"


def test_given_name_told_three_times_is_a_person() -> None:
    r = _run(
        "Понад рік у полоні перебуває бойова медикиня з Полтавщини. "
        "Зоряну мобілізували навесні 2022 року. Зоряна працювала в шпиталі, звідки "
        "Зоряну взяли в полон під Маріуполем."
    )
    assert events_of(r, "Зоряна", "captured")


def test_guard_given_name_of_a_full_name_after_saying_is_no_second_person() -> None:
    r = _run("«Він досі в полоні», — каже Галина Сорока. Галина Сорока чекає на обмін.")
    assert named_persons(r) == ["Галина Сорока"]


def test_common_word_name_after_saying_is_no_person() -> None:
    r = _run("«Слава Україні», — каже Слава. Слава героям, каже Слава.")
    assert "Слава" not in named_persons(r)


# 2. Release and captivity-spell phrasings.


def test_came_out_of_captivity_is_a_release() -> None:
    r = _run("Назар Сидоренко вийшов із полону в березні.")
    assert events_of(r, "Назар Сидоренко", "released")
    assert role_of(r, "Назар Сидоренко") == "former_pow"


def test_lived_through_a_year_of_captivity_is_a_finished_spell() -> None:
    r = _run("Богдан Ткачук пережив майже рік полону і тепер лікується у Львові.")
    assert events_of(r, "Богдан Ткачук", "interned")
    assert role_of(r, "Богдан Ткачук") == "former_pow"


def test_spell_in_enemy_captivity_makes_a_former_prisoner() -> None:
    r = _run("Два роки Устим Гребенюк провів у ворожому полоні.")
    assert role_of(r, "Устим Гребенюк") == "former_pow"


def test_spell_told_place_first_is_interned() -> None:
    r = _run("Дмитро Литвин зустрів сина Павла, який в полоні пробув понад два роки.")
    assert events_of(r, "Павло", "interned")
    assert role_of(r, "Павло") == "former_pow"


def test_free_as_a_state_is_a_release() -> None:
    r = _run("Леся Марченко потрапила в полон навесні 2022 року. Тепер вона на волі.")
    assert events_of(r, "Леся Марченко", "released")
    assert role_of(r, "Леся Марченко") == "former_pow"


def test_guard_not_yet_free_is_no_release() -> None:
    r = _run("Леся Марченко потрапила в полон навесні 2022 року. Вона досі не на волі.")
    assert not events_of(r, "Леся Марченко", "released")


def test_free_with_a_count_is_no_group_release() -> None:
    r = _run("Нарешті на волі двоє бійців: Лук'ян Гресь та Мирон Ясінський.")
    assert not group_events(r, "released")


def test_return_after_a_spell_is_a_release() -> None:
    r = _run("Після 400 днів неволі Орест Кравчук повертається до родини.")
    assert events_of(r, "Орест Кравчук", "released")


def test_return_to_native_land_is_a_return_home() -> None:
    r = _run(
        "Після двох років полону на рідну землю повернувся оборонець з Поділля Святослав Ярош."
    )
    assert events_of(r, "Святослав Ярош", "handed_over")
    assert not events_of(r, "Святослав Ярош", "released")
    assert role_of(r, "Святослав Ярош") == "former_pow"


# 3. A title with a participle after a comma.


def test_title_with_a_participle_after_a_comma_reaches_the_name() -> None:
    r = _run(
        "Про це розповів уповноважений з питань осіб, зниклих безвісти за особливих обставин "
        "Ярослав Гордієнко."
    )
    assert role_of(r, "Ярослав Гордієнко") == "official"
