"""Eighth round, second Russian real-page pass: general causes left by the first pass and seen
on three or more real Russian pages, tested on invented sentences only.

1. A specific soldier told as one of a group ("один из российских десантников", "один из
   военнослужащих") or by a description with a participle clause ("Украинский пехотинец,
   сдавшийся в плен …") is an unnamed person who keeps his events.
2. A plural relative clause ("…, которые уже погибли") is not a singular speaker's event; an
   interview told by the verb of saying ("…, рассказала «…» его сестра Инна") is the speaker's,
   not the man quoted before it.
3. A swap told in the future or as a readiness ("проведут обмен по формуле …", "готов
   обменять") is no event.
4. "выдала Украине 15 бойцов" is a handing-over of the counted group.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, group_events

PUBLISHED = PartialDate.parse("2025-05-10")


def _run(text: str):
    return extract(text, PUBLISHED, "ru")


def _unnamed(result, start: str):
    found = [p for p in result.persons if p.unnamed and p.name.lower().startswith(start)]
    assert found, [p.name for p in result.persons]
    return found[0]


def _events(result, person) -> set[str]:
    return {e.type for e in result.events if e.person_id == person.id}


# 1. Unnamed specific persons.


def test_one_of_a_group_is_a_person_with_his_events() -> None:
    r = _run(
        "Весной один из российских десантников был освобождён из плена. Потом его допрашивали "
        "сотрудники ФСБ, а затем отправили обратно на фронт.\n"
    )
    p = _unnamed(r, "один из")
    assert {"released", "isolated_interrogated", "redeployed_combat"} <= _events(r, p)


def test_one_of_the_soldiers_who_spoke_is_a_person() -> None:
    r = _run("«Сегодня я вернулся из плена», — сказал один из военнослужащих.\n")
    p = _unnamed(r, "один из")
    assert "released" in _events(r, p)


def test_one_of_them_is_no_new_person() -> None:
    r = _run("Восемь пленных вернулись домой. Один из них пока лечится в госпитале.\n")
    assert not [p for p in r.persons if p.unnamed and "них" in p.name]


def test_description_with_participle_clause_is_a_person() -> None:
    r = _run(
        "Украинский пехотинец, сдавшийся в плен под Бахмутом, решил остаться в России. "
        "Об этом рассказала омбудсмен Ольга Петрова.\n"
    )
    p = _unnamed(r, "украинский пехотинец")
    assert "surrendered" in _events(r, p)


# 2. Wrong owners.


def test_plural_relative_clause_is_not_the_speakers_event() -> None:
    r = _run(
        "Сержант Олег Дымов служил под Угледаром.\n"
        "Он рассказал, что нередко документы украинских солдат, которые уже погибли, лежат "
        "в штабе.\n"
    )
    assert not events_of(r, "Дымов", "killed")


def test_sisters_account_is_no_interview_of_her_brother() -> None:
    r = _run(
        "Виктор Лазарев служил в пехоте.\n"
        "Виктор «попал туда случайно», рассказала «Вечерним вестям» его старшая сестра Инна.\n"
    )
    assert not events_of(r, "Лазарев", "interviewed_by_press")


# 3. Future or hypothetical swaps.


def test_swap_in_the_future_is_no_event() -> None:
    r = _run("Стороны 12 июня проведут обмен пленными по формуле 300 на 300.\n")
    assert not group_events(r, "exchanged")


def test_readiness_to_swap_is_no_event() -> None:
    r = _run("Киев готов обменять задержанных диверсантов на своих моряков.\n")
    assert not group_events(r, "exchanged")


def test_past_swap_by_formula_is_kept() -> None:
    r = _run("В субботу провели обмен по формуле 100 на 100.\n")
    assert group_events(r, "exchanged")


# 4. Handing over.


def test_handed_over_to_the_home_state() -> None:
    r = _run("В ответ Киев выдал России 12 раненых военнопленных.\n")
    assert group_events(r, "handed_over")
