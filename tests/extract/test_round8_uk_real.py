"""Eighth round, Ukrainian real-page pass: general causes seen on several real pages, tested on
invented sentences only (names, places and wording are made up).

1. A person named in a list of the freed ("Серед звільнених — і …. Сапер Х …", "на волі двоє …:
   Х та Y") or told to be among them ("Х опинився серед звільнених") was released with them,
   even with no verb of his own: the freeing event told last before him (a group's or a
   companion's), else a release, or an exchange when his sentence speaks of one.
2. "обвинувачений" (the accused) is no prosecutor ("обвинувач"): the accused soldier is no
   official and undergoes his own verdict.
3. An active singular killing verb ("він розстріляв трьох …") is never the killer's death.
4. The dead named as captives next to a verb of dying ("загинули десятки полонених"), or an
   execution at a place of detention told just before, is a death in captivity; captives shot
   where they surrendered were killed.
5. A belief ("вважала, що … загинув", "думали, що повертаються додому") or a hearsay word
   right before a trigger ("буцімто загинув") tells no event.
(The still-held, shot-where-they-surrendered and "думав, що повертається додому" tests are
guards: they pass before the fix too.)
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, group_events, role_of

PUBLISHED = PartialDate.parse("2025-11-03")


def _run(text: str):
    return extract(text, PUBLISHED, "uk")


def _freed(result, name: str) -> list:
    return [
        e
        for t in ("released", "exchanged", "returned_home_country")
        for e in events_of(result, name, t)
    ]


# 1. Named among the freed.


def test_names_after_a_heading_of_the_freed_are_released() -> None:
    r = _run(
        "Що відомо про звільнених.\n"
        "Серед звільнених — і сапери. Сапер Тарас Мельничук провів у неволі півтора року. "
        "Це і Остап Гнатюк, якого утримували в колонії на Брянщині."
    )
    assert _freed(r, "Тарас Мельничук")
    assert _freed(r, "Остап Гнатюк")
    assert role_of(r, "Остап Гнатюк") == "former_pow"


def test_name_among_the_freed_is_released() -> None:
    r = _run(
        "Ярема Савчук зник восени 2023 року біля Куп'янська. "
        "Нарешті цієї осені Ярема Савчук опинився серед звільнених."
    )
    assert events_of(r, "Ярема Савчук", "released")
    assert role_of(r, "Ярема Савчук") == "former_pow"


def test_companion_freed_with_an_exchanged_man_shares_the_exchange() -> None:
    r = _run(
        "Левка Дячука обміняли 12 вересня. "
        "Разом із Левком на волю вийшов Назарій Стецюк, з яким вони сиділи в одній камері."
    )
    assert events_of(r, "Назарій Стецюк", "exchanged")


def test_still_held_among_the_freed_gets_no_release() -> None:
    r = _run(
        "Серед звільнених — і земляки з Полтавщини. Але Гордій Ткач досі залишається в полоні."
    )
    assert not _freed(r, "Гордій Ткач")


# 2. The accused is no prosecutor.


def test_accused_soldier_is_no_official_and_gets_his_verdict() -> None:
    r = _run(
        "Суд у Житомирі розглядав справу російського військового Гліба Сомова, "
        "обвинуваченого в жорстокому поводженні з полоненими. "
        "У жовтні Сомова засудили до 12 років позбавлення волі."
    )
    assert role_of(r, "Гліб Сомов") != "official"
    assert events_of(r, "Гліб Сомов", "sentenced")


# 3. The killer is not the dead.


def test_singular_active_killing_verb_is_not_the_killers_death() -> None:
    r = _run(
        "За даними слідства, Кирило Сомов розстріляв трьох беззбройних морпіхів біля Вовчанська."
    )
    assert not events_of(r, "Кирило Сомов", "killed")
    assert not events_of(r, "Кирило Сомов", "died_in_captivity")


# 4. Deaths of captives.


def test_captives_dying_in_a_blast_died_in_captivity() -> None:
    r = _run("Після вибуху в цеху загинули десятки полонених прикордонників.")
    assert group_events(r, "died_in_captivity")
    assert not group_events(r, "killed")


def test_execution_after_a_barrack_is_a_death_in_captivity() -> None:
    r = _run(
        "Тараса Мельничука тримали в бараку колонії під Макіївкою. Узимку охоронці його стратили."
    )
    assert events_of(r, "Тарас Мельничук", "died_in_captivity")


def test_captives_shot_where_they_surrendered_were_killed() -> None:
    r = _run("Полонених морпіхів поставили на коліна й розстріляли біля лісосмуги.")
    assert not group_events(r, "died_in_captivity")


# 5. Beliefs and hearsay.


def test_belief_that_he_died_is_no_death() -> None:
    r = _run(
        "Ярему Савчука повернули з полону 2 жовтня. "
        "Раніше родина вважала, що Ярема загинув під Кремінною."
    )
    assert not events_of(r, "Ярема Савчук", "killed")


def test_hearsay_word_before_a_death_cancels_it() -> None:
    r = _run(
        "Остапа Гнатюка взяли в полон у березні 2023 року. "
        "Згодом матері сказали, що Остап буцімто загинув у таборі."
    )
    assert not events_of(r, "Остап Гнатюк", "killed")
    assert not events_of(r, "Остап Гнатюк", "died_in_captivity")


def test_thinking_they_went_home_is_no_return() -> None:
    r = _run(
        "Старший сержант Гліб Карпенко здався в полон під Ізюмом. "
        "Гліб Карпенко думав, що повертається додому."
    )
    assert not events_of(r, "Гліб Карпенко", "returned_home_country")
