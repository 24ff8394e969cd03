"""Events a fourth pass over real reporting found missed: an adjective between the preposition
and "плен" / "полон", returns told with the place first, imperfective and iterative verbs of
moving prisoners, interviews given to agencies and outlets in quotes, soldiers who stopped
answering, going back to the front "повторно", screening by the security service named first,
surrenders told as going out to the enemy, and a death feared, not told.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract
from powtrace.extract.model import ExtractionResult

from .support import events_of, group_events


def _run(text: str, lang: str, published: str | None = "2025-10-17") -> ExtractionResult:
    return extract(text, PartialDate.parse(published) if published else None, lang)


# --- an adjective between the preposition and the noun of captivity ---------------------------


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Весной 2024 года Олег Смирнов попал в российский плен под Работино.", "ru", "Смирнов"),
        ("У березні 2024 року Андрій Коваленко потрапив у ворожий полон.", "uk", "Коваленко"),
        ("Тараса Мельника взяли у російський полон біля Кліщіївки.", "uk", "Мельник"),
    ],
)
def test_capture_with_an_adjective_before_the_noun(text: str, lang: str, name: str) -> None:
    assert events_of(_run(text, lang), name, "captured")


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Боец Игорь Лавров вышел в плен с завода по приказу командования.", "ru", "Лавров"),
        ("Захисник Назар Гуменюк вийшов у полон з комбінату за наказом.", "uk", "Гуменюк"),
        ("Через неделю Павел Зотов пошел сдаваться на соседние позиции.", "ru", "Зотов"),
    ],
)
def test_surrender_told_as_going_out_to_the_enemy(text: str, lang: str, name: str) -> None:
    assert events_of(_run(text, lang), name, "surrendered")


# --- returns ------------------------------------------------------------------------------------


def test_return_home_told_with_the_place_first_ru() -> None:
    result = _run("В Россию вернулись 84 военнослужащих.", "ru")
    assert group_events(result, "handed_over")


def test_return_home_in_the_imperfective_uk() -> None:
    text = "У межах обміну додому повертається старший солдат Богдан Яценко."
    assert events_of(_run(text, "uk"), "Яценко", "handed_over")


def test_exchange_with_three_words_before_the_noun_uk() -> None:
    text = "Під час одного з останніх обмінів Україна повернула 95 військових."
    assert group_events(_run(text, "uk"), "exchanged")


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("В мае Кирилл Бобров вышел на свободу из лагеря под Львовом.", "ru", "Бобров"),
        ("Влітку Остап Кравчук вийшов на волю з колонії.", "uk", "Кравчук"),
    ],
)
def test_release_told_as_going_free(text: str, lang: str, name: str) -> None:
    assert events_of(_run(text, lang), name, "released")


def test_managed_to_free_is_a_release_en() -> None:
    text = "We managed to free 12 more of our soldiers from Russian captivity, the president said."
    assert group_events(_run(text, "en"), "released")


# --- moving prisoners ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("За непокору Остапа Гнатюка кілька разів переводили в карцер.", "uk"),
        ("За отказ петь гимн Семёна Титова дважды переводили в ШИЗО.", "ru"),
        ("У травні Остапа Гнатюка почали етапувати до колонії в Мордовії.", "uk"),
        ("Летом Семёна Титова привезли в СИЗО Брянска.", "ru"),
    ],
)
def test_iterative_and_arrival_verbs_are_transfers(text: str, lang: str) -> None:
    result = _run(text, lang)
    name = "Гнатюк" if lang == "uk" else "Титов"
    assert events_of(result, name, "transferred")


def test_prisoners_brought_to_a_named_prison_uk() -> None:
    text = "У СІЗО № 2 міста Брянськ привезли 40 полонених морпіхів."
    assert group_events(_run(text, "uk"), "transferred")


def test_brought_to_a_prison_is_a_transfer_but_bringing_aid_is_not() -> None:
    text = "Летом Семёна Титова привезли в СИЗО Брянска. Волонтеры привезли Титову продукты."
    assert len(events_of(_run(text, "ru"), "Титов", "transferred")) == 1


# --- interviews ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Об этом рассказал агентству ТАСС пленный Артём Рябов.", "ru", "Рябов"),
        (
            "Бывший пленный Артём Рябов рассказал украинскому «Центру правды» о колонии.",
            "ru",
            "Рябов",
        ),
        ("Колишній полонений Назар Гуменюк розповів агентству Reuters про табір.", "uk", "Гуменюк"),
        ("Про це Назар Гуменюк сказав в інтерв’ю «Новому каналу».", "uk", "Гуменюк"),
    ],
)
def test_interviews_given_to_agencies_and_quoted_outlets(text: str, lang: str, name: str) -> None:
    assert events_of(_run(text, lang), name, "interviewed_by_press")


# --- missing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "2 октября Егор Малахов ушел на боевое задание. Больше он на связь не выходил.",
            "ru",
            "Малахов",
        ),
        (
            "Родные Егора Малахова получили документ о пропаже без вести только в ноябре.",
            "ru",
            "Малахов",
        ),
        ("З 5 серпня Тарас Бойчук не виходить на зв’язок.", "uk", "Бойчук"),
    ],
)
def test_soldier_who_stopped_answering_is_missing(text: str, lang: str, name: str) -> None:
    assert events_of(_run(text, lang), name, "missing")


# --- back to the front, screening ---------------------------------------------------------------


def test_sent_to_the_front_again_with_repeat_adverb_ru() -> None:
    text = "Командование повторно отправляет на фронт 40 военных, вернувшихся из плена."
    assert group_events(_run(text, "ru"), "redeployed_combat")


def test_returnees_sent_to_the_front_ru() -> None:
    text = "Летом командование уже отправляло вернувшихся из плена Игоря Лаврова и других на фронт."
    assert events_of(_run(text, "ru"), "Лавров", "redeployed_combat")


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("После обмена СБУ полгода проверяла Альберта Гринько.", "ru", "Гринько"),
        ("Після обміну Назара Гуменюка пів року перевіряла СБУ.", "uk", "Гуменюк"),
        ("Після повернення СБУ кілька тижнів перевіряла Назара Гуменюка.", "uk", "Гуменюк"),
    ],
)
def test_screening_by_the_security_service(text: str, lang: str, name: str) -> None:
    assert events_of(_run(text, lang), name, "isolated_interrogated")


# --- English forms --------------------------------------------------------------------------------


def test_capture_told_as_prior_to_his_capture_en() -> None:
    text = "Mark Hollis served in the marines for two years prior to his capture by Russian forces."
    assert events_of(_run(text, "en"), "Hollis", "captured")


def test_pummelled_is_torture_en() -> None:
    text = "Guards pummelled Taras Boichuk with a stun gun in his back, he said."
    assert events_of(_run(text, "en"), "Boichuk", "tortured")


def test_what_captors_said_he_would_be_is_no_event_en() -> None:
    text = "Interrogators told Taras Boichuk he'd be returned to Ukraine if he paid them."
    assert not events_of(_run(text, "en"), "Boichuk", "handed_over")


# --- a death feared is not told -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Егор Малахов снова пропал. Родственники боятся, что он погиб.", "ru"),
        ("Тарас Бойчук знову зник. Рідні бояться, що він загинув.", "uk"),
    ],
)
def test_a_death_feared_is_no_killing(text: str, lang: str) -> None:
    assert not [e for e in _run(text, lang).events if e.type == "killed"]


def test_a_lawyer_speaking_to_the_press_is_not_the_prisoners_interview() -> None:
    text = (
        "Олега Смирнова осудили на 13 лет. "
        "Адвокат Смирнова Ирина Лебедева рассказала журналистам, что обжалует приговор."
    )
    result = _run(text, "ru")
    assert events_of(result, "Смирнов", "sentenced")
    assert not events_of(result, "Смирнов", "interviewed_by_press")
