"""Seventh round, Russian dev5 errors: general causes (invented sentences, no real or dev-set text).

1. A small counted group ("трое военнослужащих", "всех троих") right after exactly that many
   named persons is those persons; "ещё двое" is someone else.
2. A raised-hands surrender; under "по версии следствия" it is only a capture.
3. Longer "уголовное дело … возбудил", "проверяли сотрудники ФСБ".
4. Persons by a given name alone: in the dative with an age ("Арсению 24 года"), before a call
   sign or a home town ("Гоша с позывным …", "Тимур из Уфы").
5. A story's recorder ("Его рассказ записала …") is a journalist, so the testimony keeps its
   narrator; "никто не сказал" names no speaker.
6. An indirect question ("спрашивал, кто давал интервью") tells no event; "раненых и убитых"
   is no killing.
7. Names listed right after "в числе вернувшихся — пятеро …" share the exchange.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, group_events, named_persons, role_of

PUBLISHED = PartialDate.parse("2026-03-12")


def _run(text: str, lang: str = "ru"):
    return extract(text, PUBLISHED, lang)


# 1. A counted group standing for the persons just named.

TRIO = (
    "Рядовые Олег Кузьмин, Денис Лаптев и Руслан Гараев служили в одном взводе под Бахмутом. "
    "В мае 2023 года трое военнослужащих попали в плен возле Клещеевки. "
    "Всех троих обменяли в августе 2023 года."
)


def test_counted_group_after_three_names_is_those_three() -> None:
    r = _run(TRIO)
    for name in ("Кузьмин", "Лаптев", "Гараев"):
        assert events_of(r, name, "captured"), name
        assert events_of(r, name, "exchanged"), name
    assert not group_events(r, "captured")


def test_counted_group_of_others_stays_a_group() -> None:
    r = _run(
        "Рядовые Олег Кузьмин и Денис Лаптев вернулись домой в августе. "
        "Ещё двое военнослужащих попали в плен возле Клещеевки."
    )
    assert not events_of(r, "Кузьмин", "captured")
    assert group_events(r, "captured")


def test_counted_group_in_ukrainian() -> None:
    r = _run(
        "Солдати Андрій Гнатюк та Ярослав Мороз обороняли село під Кремінною. "
        "У квітні двоє бійців потрапили в полон.",
        "uk",
    )
    assert events_of(r, "Гнатюк", "captured")
    assert events_of(r, "Мороз", "captured")


# 2. Surrender with raised hands; the prosecution's version of it.


def test_raised_hands_is_a_surrender() -> None:
    r = _run("Сержант Пётр Миронов вышел к противнику с поднятыми руками в октябре 2024 года.")
    assert events_of(r, "Миронов", "surrendered")


def test_raised_hands_in_prosecution_version_is_a_capture() -> None:
    r = _run(
        "Суд в Твери приговорил сержанта Петра Миронова к пяти годам колонии. "
        "По версии следствия, в октябре 2024 года Миронов вышел к противнику с поднятыми "
        "руками."
    )
    assert events_of(r, "Миронов", "captured")
    assert not events_of(r, "Миронов", "surrendered")


# 3. Case opened with the agency between; screening by the service after its verb.


def test_case_opened_with_long_agency_between() -> None:
    r = _run(
        "Ефрейтор Глеб Сомин вернулся из плена весной. Уголовное дело против Сомина военный "
        "следственный отдел по Тамбовскому гарнизону возбудил в январе."
    )
    assert events_of(r, "Сомин", "criminal_case_opened")


def test_screened_by_fsb_officers_after_the_verb() -> None:
    r = _run("После возвращения Глеба Сомина две недели проверяли сотрудники ФСБ.")
    assert events_of(r, "Сомин", "isolated_interrogated")


# 4, 5. Given names alone; the recorder of a testimony; "nobody said".

TESTIMONY = (
    "Арсению 24 года, он из Вологды. Имя героя изменено. "
    "Его рассказ записала Дарья Шилова.\n\n"
    "Меня взяли в плен в марте прошлого года под Кременной. Со мной был Гоша с позывным "
    "«Бурый». Гоша умер той же ночью. Где его похоронили, нам никто не сказал. "
    "Тимур из Уфы дал интервью украинскому каналу.\n\n"
    "Потом меня перевели в лагерь. Летом я вернулся в часть. Мы вывозили раненых и убитых."
)


def test_given_name_in_the_dative_with_an_age_is_a_person() -> None:
    r = _run(TESTIMONY)
    assert "Арсений" in named_persons(r)
    assert events_of(r, "Арсений", "captured")
    assert events_of(r, "Арсений", "transferred")


def test_recorder_of_the_story_is_a_journalist() -> None:
    r = _run(TESTIMONY)
    assert role_of(r, "Шилова") == "journalist"
    assert not events_of(r, "Шилова", "captured")


def test_given_name_before_call_sign_or_home_town() -> None:
    r = _run(TESTIMONY)
    names = named_persons(r)
    assert "Гоша" in names
    assert "Тимур" in names


def test_nobody_said_names_no_speaker() -> None:
    r = _run(TESTIMONY)
    assert not events_of(r, "Гоша", "returned_to_unit")
    assert events_of(r, "Арсений", "returned_to_unit")


def test_the_dead_as_a_class_is_no_killing() -> None:
    r = _run(TESTIMONY)
    assert not events_of(r, "Арсений", "killed")


# 6. Indirect questions.


def test_indirect_question_tells_no_event() -> None:
    r = _run(
        "Младшего сержанта Илью Ворона после обмена допрашивал оперативник. Он спрашивал по "
        "кругу, кто из пленных давал интервью и почему Ворон сдался."
    )
    assert not [e for e in r.events if e.type == "interviewed_by_press"]
    assert not events_of(r, "Ворон", "surrendered")


# 7. A list of names right after "в числе вернувшихся — N …".


def test_names_listed_after_among_the_returned_share_the_exchange() -> None:
    r = _run(
        "Россия и Украина в среду провели обмен: вернулись 90 военнослужащих. "
        "Глава района сообщил, что в числе вернувшихся — трое земляков. "
        "«Карпов Илья, Дёмин Стас и Ахметов Ильдар — снова дома», — написал он."
    )
    for name in ("Карпов", "Дёмин", "Ахметов"):
        assert events_of(r, name, "exchanged"), name
        assert role_of(r, name) == "former_pow"
