"""Events as a third pass over real reporting found them told: what happens as a rule, spells of
captivity, what will happen, wounds of battle, surrenders, possessives, breakdowns of a count,
titles of offices, speakers at a swap, and trigger forms the lexicons lacked.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract
from powtrace.extract.dates import find_dates
from powtrace.extract.model import ExtractionResult

from .support import events_of, group_events


def _run(text: str, lang: str, published: str | None = "2025-10-17") -> ExtractionResult:
    return extract(text, PartialDate.parse(published) if published else None, lang)


def _types(result: ExtractionResult) -> set[str]:
    return {e.type for e in result.events}


# --- what happens as a rule is no event -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("В таких колониях пленных регулярно избивают.", "ru"),
        ("У цих таборах полонених систематично б'ють.", "uk"),
        ("Prisoners in these camps are often tortured.", "en"),
        # the auxiliary serves the second verb too
        ("Men at the site are repeatedly beaten and given electric shocks.", "en"),
        # a law or a rule speaks of anyone
        ("За законом звільнені з полону військові мають право на відпустку.", "uk"),
    ],
)
def test_habitual_and_rule_statements_about_groups_are_no_events(text: str, lang: str) -> None:
    assert _run(text, lang).events == []


def test_habitual_for_a_group_but_not_for_a_named_person() -> None:
    text = (
        "В таких колониях пленных регулярно избивают. Охранники регулярно избивали Олега Смирнова."
    )
    result = _run(text, "ru")
    assert not group_events(result, "tortured")
    assert events_of(result, "Смирнов", "tortured")


def test_how_returnees_are_screened_stays_a_group_event() -> None:
    text = (
        "Prisoners in these camps are often tortured. "
        "Rights groups say returning soldiers are usually questioned by the FSB for weeks."
    )
    result = _run(text, "en")
    assert not group_events(result, "tortured")
    assert group_events(result, "isolated_interrogated")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Soldiers freed in prisoner exchanges have described the beatings.", "en"),
        ("Wives of servicemen who are missing gathered outside the office.", "en"),
    ],
)
def test_several_swaps_and_present_relative_clauses_are_background(text: str, lang: str) -> None:
    result = _run(text, lang)
    assert not group_events(result, "exchanged")
    assert not group_events(result, "missing")


# --- a spell of captivity is no fresh capture ------------------------------------------------


def test_a_finished_spell_is_internment_not_capture() -> None:
    result = _run("Олег Смирнов находился в плену восемь месяцев.", "ru")
    assert events_of(result, "Смирнов", "interned")
    assert not events_of(result, "Смирнов", "captured")
    # a spell still running is captivity
    result = _run("Олег Смирнов находится в плену уже год.", "ru")
    assert events_of(result, "Смирнов", "captured")


def test_a_spell_in_captivity_named_by_its_captor_has_no_date() -> None:
    result = _run("Тарас Мельник провів у російському полоні пів року, повідомили 3 березня.", "uk")
    (event,) = events_of(result, "Мельник", "interned")
    assert event.date is None


def test_a_spell_told_with_a_gerund_is_undated() -> None:
    text = "В 2024 году Олег Смирнов вернулся домой, проведя в плену семь месяцев."
    (event,) = events_of(_run(text, "ru"), "Смирнов", "interned")
    assert event.date is None


def test_captivity_since_a_year_with_vid_is_dated() -> None:
    text = "Хірург Тарас Мельник, який перебував у полоні від 2017 року, повернувся."
    (event,) = events_of(_run(text, "uk"), "Мельник", "captured")
    assert str(event.date) == "2017"


def test_a_year_with_its_ending_alone_is_a_date() -> None:
    found = find_dates("Він потрапив у полон ще 2016-го.", PartialDate.parse("2025-08-15"))
    assert [str(d.date) for d in found] == ["2016"]


# --- what will happen ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Олега Смирнова обменяют на следующей неделе.", "ru"),
        # "перебуває" has a future reading too, and a present one: it still reports
        ("Тараса Мельника обміняють наступного тижня. Він досі перебуває в полоні.", "uk"),
        ("Адвокатка Тараса Мельника заявила, що оскаржуватиме вирок.", "uk"),
    ],
)
def test_a_perfective_future_is_no_event(text: str, lang: str) -> None:
    result = _run(text, lang)
    assert _types(result) & {"exchanged", "other"} == set()
    assert bool(events_of(result, "Мельник", "captured")) == ("перебуває" in text)


# --- a wound of battle is no torture ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Oleh Bondar was wounded near the river and his leg was broken by shrapnel.", "en"),
        ("Тарасу Мельнику зламало руку уламком снаряда.", "uk"),
        ("Олегу Смирнову в бою осколком сломало ребра.", "ru"),
    ],
)
def test_bones_broken_in_battle_are_no_torture(text: str, lang: str) -> None:
    assert "tortured" not in _types(_run(text, lang))


def test_bones_broken_by_guards_are_torture_and_by_a_shell_are_not() -> None:
    text = "Олегу Смирнову в бою осколком сломало ребра. Охранники сломали Ивану Петрову зубы."
    result = _run(text, "ru")
    assert not events_of(result, "Смирнов", "tortured")
    assert events_of(result, "Петров", "tortured")


# --- surrender, passives and possessives -----------------------------------------------------


def test_a_prisoner_taken_after_surrendering_surrendered() -> None:
    text = "Oleh Bondar was taken prisoner in May 2022, after surrendering at the plant."
    result = _run(text, "en")
    assert events_of(result, "Bondar", "surrendered")
    assert not events_of(result, "Bondar", "captured")


def test_a_passive_capture_is_of_its_subject_not_of_who_is_named_after() -> None:
    text = "Anna Koval, a medic, was captured in April, weeks before Olha Lis."
    result = _run(text, "en")
    assert events_of(result, "Koval", "captured")
    assert not events_of(result, "Lis", "captured")


def test_what_a_possessive_owns_is_not_its_owner() -> None:
    text = "Olha Lis was evacuated. Almost all the other members of her unit were killed."
    assert not events_of(_run(text, "en"), "Lis", "killed")
    # a body part stays its owner's
    text = "Oleh Bondar spoke about the camp. His ribs were broken by the guards."
    assert events_of(_run(text, "en"), "Bondar", "tortured")


# --- counts, titles, speakers ----------------------------------------------------------------


def test_a_breakdown_of_a_count_is_that_count_again() -> None:
    text = (
        "Украине вернули тела 200 погибших военнослужащих. В частности, тела 180 бойцов передали "
        "с Донецкого направления, а тела трех защитников переданы из моргов."
    )
    assert len(group_events(_run(text, "ru"), "body_repatriated")) == 1


def test_the_fallen_returned_are_bodies() -> None:
    result = _run("В Україну повернули 150 полеглих військовослужбовців.", "uk")
    (event,) = group_events(result, "body_repatriated")
    assert event.group_size == 150


def test_an_office_for_the_missing_is_a_title() -> None:
    text = "Помощь оказали штаб по делам военнопленных и Уполномоченный по пропавшим без вести."
    assert "missing" not in _types(_run(text, "ru"))


def test_a_speaker_at_a_swap_was_not_swapped() -> None:
    text = "«Я чекаю на нього», – сказала 40-річна Оксана Гнатюк журналістам під час обміну."
    assert not events_of(_run(text, "uk"), "Гнатюк", "exchanged")


def test_who_managed_the_return_is_not_who_returned() -> None:
    text = "— Нам вдалося повернути додому більше ста героїв, — розповів Іван Петренко."
    assert not events_of(_run(text, "uk"), "Петренко", "handed_over")


def test_a_subject_after_a_when_clause_did_not_go_through_it() -> None:
    text = "Коли солдати виходять з автобусів під час обміну, Марія Коваль розпитує їх."
    assert not events_of(_run(text, "uk"), "Коваль", "exchanged")


def test_a_wifes_interview_is_hers() -> None:
    text = (
        "Андрій Мельник повернувся з полону в травні. Його дружина Оксана розповіла нашому "
        "виданню, що він дуже схуд."
    )
    assert not events_of(_run(text, "uk"), "Мельник", "interviewed_by_press")


def test_an_uncounted_group_gives_no_interview() -> None:
    text = "Trial observers told the outlet that not all the defendants were soldiers."
    assert "interviewed_by_press" not in _types(_run(text, "en"))


def test_the_convicted_as_a_class_are_no_verdict() -> None:
    text = "Засуджених військовополонених не включають до обмінів."
    assert "convicted" not in _types(_run(text, "uk"))


def test_a_killing_at_a_place_of_detention_is_a_death_in_captivity() -> None:
    text = "Dozens of prisoners were killed when the detention centre where they were held was hit."
    assert group_events(_run(text, "en"), "died_in_captivity")


def test_a_later_day_narrows_the_date_of_the_same_capture() -> None:
    text = (
        "Captain Oleh Bondar, taken captive in May 2022, spoke to us. "
        "He was taken captive on May 18 near the plant."
    )
    (event,) = events_of(_run(text, "en", "2023-03-24"), "Bondar", "captured")
    assert str(event.date) == "2022-05-18"


# --- trigger forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "name", "type_"),
    [
        (
            "Коли Тарас Мельник повернувся з полону в Україну, він купив каву.",
            "uk",
            "Мельник",
            "handed_over",
        ),
        (
            "Тарас Мельник повернувся в Україну в межах обміну полоненими.",
            "uk",
            "Мельник",
            "exchanged",
        ),
        ("Слідство звинуватило Тараса Мельника у шпигунстві.", "uk", "Мельник", "charged"),
        (
            "Следствие обвинило его в шпионаже, сообщил адвокат Олега Смирнова.",
            "ru",
            "Смирнов",
            "charged",
        ),
        (
            "Боец Олег Смирнов, освобождённый в сентябре, дал показания.",
            "ru",
            "Смирнов",
            "released",
        ),
        (
            "Український священник Тарас Мельник провів у російському полоні сімдесят діб.",
            "uk",
            "Мельник",
            "interned",
        ),
        (
            "Oleh Bondar was caught at a checkpoint and became a prisoner of war.",
            "en",
            "Bondar",
            "captured",
        ),
    ],
)
def test_trigger_forms(text: str, lang: str, name: str, type_: str) -> None:
    assert events_of(_run(text, lang), name, type_)


def test_a_relatives_words_that_he_is_finally_home() -> None:
    text = (
        "Oleh Bondar was taken prisoner in 2022. "
        '"After three years, my dad is finally home," his daughter Anna Bondar wrote.'
    )
    assert events_of(_run(text, "en"), "Oleh Bondar", "handed_over")


def test_icrc_visits_told_by_the_full_name_or_as_carried_out() -> None:
    text = (
        "The ICRC spoke of progress. "
        "More prisoners of war have been visited by the International Committee of the Red Cross. "
        "The ICRC last week carried out a two-day visit to Ukrainian prisoners of war."
    )
    assert len(group_events(_run(text, "en"), "icrc_visit")) == 2


def test_no_visit_of_none_of_the_men() -> None:
    text = "None of the men had been visited by the ICRC."
    assert "icrc_visit" not in _types(_run(text, "en"))


def test_a_numbered_pre_trial_centre_is_a_place_not_an_arrest() -> None:
    text = "Oleh Bondar was transferred to pre-trial detention center No. 2 in Taganrog."
    result = _run(text, "en")
    assert events_of(result, "Bondar", "transferred")
    assert not events_of(result, "Bondar", "detained_pretrial")


def test_seeking_to_secure_a_return_is_no_swap() -> None:
    text = "The president is seeking to secure the return of the fighters through prisoner swaps."
    assert "exchanged" not in _types(_run(text, "en"))
