"""Eighth round, Russian real-page pass: general causes seen on three or more of 54 real
Russian pages about prisoners of war, tested on invented sentences only.

1. A man's own mother, wife or sister named after him ("Тимур просит передать маме …",
   "…, рассказала его сестра Ксения") does not make him a relative; nor does "быть её сыном",
   nor a nominative kinship noun after his name in the genitive ("По словам матери Тимура,
   сын …"). A daughter still makes a man her father (a relative).
2. A surname written alone after a verb of saying ("пояснила Лантратова", "сказал Ряполов"),
   after "по словам", or after a captive or nationality noun ("пленный Гриневич", "украинец
   Бражко") is a person; a known office holder's surname keeps the official's role.
3. Returns of counted groups told without the usual words: "о возвращении 120 военнослужащих",
   "позволили вернуть на родину 40 военнослужащих", "вернули 90 солдат", "передала Украине
   15 бойцов".
4. "пытался" (tried) is no torture; "вернули тела" is a repatriation of bodies, no return home;
   "морской пехотинец Тимур" names a person.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, group_events, named_persons, person_named, role_of

PUBLISHED = PartialDate.parse("2025-11-14")


def _run(text: str):
    return extract(text, PUBLISHED, "ru")


# 1. A man's own kin named after him.


def test_man_asking_to_tell_his_mother_is_no_relative() -> None:
    r = _run(
        "В камере изолятора под Сумами держат 22-летнего Тимура Загидуллина из Бугульмы.\n"
        "Тимур просит передать маме, что его кормят и он здоров.\n"
    )
    assert role_of(r, "Загидуллин") != "relative"


def test_man_whose_sister_tells_the_story_is_no_relative() -> None:
    r = _run(
        "В день обмена Глеб Воротынцев пересел в автобус вместе с другими освобождёнными.\n"
        "Глеб «подписал контракт не думая», рассказала журналистам его старшая сестра Ксения.\n"
    )
    assert role_of(r, "Воротынцев") != "relative"
    assert role_of(r, "Ксения") == "relative"


def test_nominative_kin_after_genitive_name_is_not_his_apposition() -> None:
    r = _run(
        "На обмене в пятницу украинский морской пехотинец Остап вернулся из плена.\n"
        "По словам матери Остапа, сын с детства мечтал о флоте.\n"
    )
    assert role_of(r, "Остап") == "former_pow"


def test_daughter_still_makes_the_man_her_father() -> None:
    r = _run(
        "Геннадий Лопатин перечитывает письмо, которое он получил от дочери.\n"
        "Ее задержали на блокпосту и до сих пор держат в колонии.\n"
    )
    assert role_of(r, "Лопатин") == "relative"


# 2. Surnames written alone.


def test_surname_after_verb_of_saying_is_a_person() -> None:
    r = _run(
        "Родные ищут пленных годами, а ответов почти нет, — сказал Ряполов.\n"
        "По словам Ряполова, списки передают через посредников.\n"
    )
    assert "Ряполов" in named_persons(r)
    assert len(named_persons(r)) == 1


def test_known_official_surname_alone_is_an_official() -> None:
    r = _run(
        "Военнослужащий считался погибшим, но семья не сдавалась, пояснила Лантратова.\n"
        "Его нашли в лагере и включили в списки на обмен.\n"
    )
    assert role_of(r, "Лантратова") == "official"


def test_surname_after_captive_noun_is_a_prisoner() -> None:
    r = _run("- Где служил? - Водителем, - вздыхает 39-летний пленный Гриневич из Винницы.\n")
    assert role_of(r, "Гриневич") == "pow"
    assert person_named(r, "Гриневич").age == 39


def test_surname_after_nationality_noun_takes_its_death() -> None:
    r = _run("Осужденный в Херсоне украинец Бражко умер в колонии в марте.\n")
    assert events_of(r, "Бражко", "died_in_captivity")


def test_outlet_after_verb_of_saying_is_no_person() -> None:
    r = _run("Обмен прошёл ночью, говорит Медиазона со ссылкой на источник.\n")
    assert named_persons(r) == []


# 3. Counted groups given back.


def test_ministry_noun_of_return_is_a_group_exchange() -> None:
    r = _run("В четверг Минобороны сообщило о возвращении 120 военнослужащих из плена.\n")
    assert group_events(r, "exchanged")


def test_talks_allowed_to_return_a_group() -> None:
    r = _run("Переговоры в Абу-Даби позволили вернуть на родину 40 военнослужащих.\n")
    assert group_events(r, "handed_over")


def test_counted_group_given_back() -> None:
    r = _run("Первый этап, в ходе которого вернули 90 солдат, завершился утром.\n")
    assert group_events(r, "handed_over")


def test_group_handed_to_home_state() -> None:
    r = _run("Сверх того Россия передала Украине 15 тяжелораненых бойцов.\n")
    assert group_events(r, "handed_over")


# 4. Words that looked like other events, and a two-word soldier noun.


def test_tried_is_no_torture() -> None:
    r = _run(
        "Данила Шустов провёл в плену восемь месяцев.\n"
        "До армии он пытался открыть шиномонтаж, но не хватило денег.\n"
    )
    assert not events_of(r, "Шустов", "tortured")


def test_bodies_returned_are_no_return_home() -> None:
    r = _run("В субботу на родину вернули тела 75 погибших военных.\n")
    assert not group_events(r, "handed_over")
    assert group_events(r, "body_repatriated")


def test_marine_given_name_is_a_person() -> None:
    r = _run("После обмена морской пехотинец Тарас вернулся из плена.\n")
    assert events_of(r, "Тарас", "exchanged") or events_of(r, "Тарас", "released")
