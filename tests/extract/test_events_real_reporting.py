"""Events as real reporting tells them: swaps told by their formula or with nobody named, returns
told with "managed to bring back", verdicts listed name by name, weekdays and "that day" against
the publication date, a headline over its lead, and the false events each new cue must avoid.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract
from powtrace.extract.dates import find_dates
from powtrace.extract.details import sentence_term
from powtrace.extract.model import ExtractionResult

from .support import events_of, group_events


def _run(text: str, lang: str, published: str | None = "2025-10-17") -> ExtractionResult:
    return extract(text, PartialDate.parse(published) if published else None, lang)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A Friday paper's "on Friday" is that day; "last Friday" is the week before.
        ("The court ruled on Friday.", "2025-10-17", "2025-10-17"),
        ("Суд вынес приговор в пятницу.", "2025-10-17", "2025-10-17"),
        ("He was moved last Friday.", "2025-10-17", "2025-10-10"),
        ("Суд ухвалив вирок у вівторок.", "2025-10-17", "2025-10-14"),
        # "Накануне" alone is the day before publication.
        ("Накануне уже вернулись 150 военнослужащих.", "2026-03-01", "2026-02-28"),
    ],
)
def test_weekdays_and_the_day_before(text: str, published: str, expected: str) -> None:
    found = find_dates(text, PartialDate.parse(published))
    assert [str(d.date) for d in found] == [expected]


def test_eve_of_something_is_not_a_date() -> None:
    assert find_dates("Накануне обмена его допросили.", PartialDate.parse("2026-03-01")) == []


@pytest.mark.parametrize(
    "text",
    ["В четверг, 9 октября, стороны провели обмен.", "On Thursday, October 9, a swap took place."],
)
def test_a_weekday_beside_its_day_gives_way(text: str) -> None:
    found = find_dates(text, PartialDate.parse("2025-10-17"))
    assert [str(d.date) for d in found] == ["2025-10-09"]


def test_that_day_is_the_day_told_before() -> None:
    text = "Мне позвонили утром 4 февраля. В тот день освободили 116 бойцов."
    found = find_dates(text, PartialDate.parse("2025-02-10"))
    assert [str(d.date) for d in found] == ["2025-02-04", "2025-02-04"]


# --- exchanges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "size"),
    [
        ("ru", "Россия и Украина 12 октября провели обмен пленными в формате «84 на 84».", 84),
        ("ru", "Стороны обменялись пленными по формуле «120 на 120».", 120),
        ("uk", "Сьогодні сторони провели 70-й за рахунком обмін полоненими.", None),
        ("en", "It was a 250-for-250 swap, the ministry said on Friday.", 250),
    ],
)
def test_a_swap_told_without_anyone_named(lang: str, text: str, size: int | None) -> None:
    swaps = group_events(_run(text, lang), "exchanged")
    assert len(swaps) == 1 and swaps[0].group_size == size


def test_an_earlier_swap_with_its_own_day_is_another_event() -> None:
    text = (
        "On Thursday, October 16, the president announced that there had been another prisoner "
        "swap. The previous exchange of prisoners happened on September 30."
    )
    days = sorted(str(e.date) for e in group_events(_run(text, "en"), "exchanged"))
    assert days == ["2025-09-30", "2025-10-16"]


def test_a_swap_only_named_is_no_event() -> None:
    text = "Після цього питання обміну вирішує Координаційний штаб."
    assert group_events(_run(text, "uk"), "exchanged") == []


def test_how_many_were_swapped_asks_nothing() -> None:
    text = "Сколько человек было обменяно, не уточнялось."
    assert group_events(_run(text, "ru"), "exchanged") == []


def test_a_headline_repeats_its_lead() -> None:
    text = (
        "Dozens of soldiers freed in new prisoner swap\n\n"
        "KYIV — Ukrainian prisoners of war returned home on Friday after a prisoner swap, "
        "officials said."
    )
    swaps = group_events(_run(text, "en"), "exchanged")
    assert [str(e.date) for e in swaps] == ["2025-10-17"]


def test_the_other_side_of_a_swap() -> None:
    text = "Москва вернула из плена 150 военнослужащих. Взамен Киеву передали 150 пленных."
    assert len(group_events(_run(text, "ru"), "exchanged")) == 1


# --- returns ---------------------------------------------------------------------------------


def test_managed_to_bring_back() -> None:
    text = "З російського полону вдалося повернути 150 українських військовослужбовців."
    back = group_events(_run(text, "uk"), "handed_over")
    assert len(back) == 1 and back[0].group_size == 150


def test_back_home_now() -> None:
    text = "On Friday 64 of our soldiers are now back home, the president wrote."
    back = group_events(_run(text, "en"), "handed_over")
    assert len(back) == 1 and str(back[0].date) == "2025-10-17"


def test_a_return_in_a_coffin_is_the_body() -> None:
    text = (
        "Taras Hnatenko was captured near Bakhmut in 2023. When Hnatenko finally came home, "
        "it was in a body bag."
    )
    result = _run(text, "en")
    assert events_of(result, "Hnatenko", "handed_over") == []
    assert len(events_of(result, "Hnatenko", "body_repatriated")) == 1


def test_a_return_told_without_its_subject() -> None:
    text = (
        "Петро Гнатюк служить з 2016 року. У полон захисник потрапив 3 травня 2022 року біля "
        "Маріуполя. В Україну повернувся під час обміну 14 серпня 2025 року."
    )
    result = _run(text, "uk")
    swaps = events_of(result, "Гнатюк", "exchanged")
    assert [str(e.date) for e in swaps] == ["2025-08-14"]
    assert len(events_of(result, "Гнатюк", "handed_over")) == 1


def test_returned_within_a_swap_clause_came_home() -> None:
    text = (
        "У цій справі проходили Оксана Левчук та Ірина Мартинюк, які повернулися до України "
        "в рамках обміну полоненими."
    )
    result = _run(text, "uk")
    for name in ("Левчук", "Мартинюк"):
        assert len(events_of(result, name, "exchanged")) == 1
        assert len(events_of(result, name, "handed_over")) == 1


# --- captures --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "Рядовой Олег Синицын остался один, когда боевики захватили его.", "Синицын"),
        ("ru", "Затем Олега Синицына захватили в плен и увезли.", "Синицын"),
        ("uk", "Богдан Кравчук потрапив до рук росіян ще у 2016 році.", "Кравчук"),
        ("en", "Mikhail Lapin was held captive as a prisoner of war in Ukraine.", "Lapin"),
    ],
)
def test_captures_told_many_ways(lang: str, text: str, name: str) -> None:
    assert len(events_of(_run(text, lang), name, "captured")) == 1


def test_a_group_held_captive_is_not_a_new_capture() -> None:
    text = "Russia said it had swapped 95 Ukrainian soldiers held captive for 95 Russian troops."
    assert group_events(_run(text, "en"), "captured") == []


# --- verdicts --------------------------------------------------------------------------------


def test_a_verdict_listed_name_by_name() -> None:
    text = (
        "Військовий суд засудив 5 українських військовополонених.\n\n"
        "Суд призначив їм такі терміни:\n\n"
        "Андрій Коваль, Петро Бондар – 20 років;\n\n"
        "Олег Мельник – 17 років."
    )
    result = _run(text, "uk")
    for name, months in (("Коваль", 240), ("Бондар", 240), ("Мельник", 204)):
        found = events_of(result, name, "sentenced")
        assert len(found) == 1 and found[0].details.get("term_months") == months


def test_a_list_without_a_verdict_is_no_sentence() -> None:
    text = "Вік учасників:\n\nАндрій Коваль – 20 років;\n\nОлег Мельник – 17 років."
    result = _run(text, "uk")
    assert [e for e in result.events if e.type == "sentenced"] == []


def test_english_terms_listed_with_a_colon() -> None:
    text = (
        "A court in Rostov sentenced 3 Ukrainian prisoners of war.\n"
        "* Andriy Koval: 22 years\n"
        "* Oleh Melnyk: 13 years"
    )
    result = _run(text, "en")
    assert len(events_of(result, "Koval", "sentenced")) == 1
    assert len(events_of(result, "Melnyk", "sentenced")) == 1


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Дмитра Коваля засудили до 15 років колонії суворого режиму", 180),
        ("Ему грозит до 10 лет лишения свободы", None),
        ("Вони отримали від 15 до 21 року ув'язнення", None),
        ("Він потрапив у полон у віці 19 років, його засудили на 12 років", 144),
        ("They received sentences ranging from 13 to 23 years", None),
    ],
)
def test_terms_are_not_ages_ranges_or_maximums(text: str, months: int | None) -> None:
    assert sentence_term(text)[0] == months


def test_a_term_is_the_one_after_its_trigger() -> None:
    text = "Богдан Кравчук потрапив у полон у віці 19 років, його засудили на 12 років."
    found = events_of(_run(text, "uk"), "Кравчук", "sentenced")
    assert len(found) == 1 and found[0].details.get("term_months") == 144


def test_serving_a_sentence_is_a_sentence() -> None:
    text = "Maksym Lytvyn, a serviceman, was serving a 13-year sentence in a colony."
    assert len(events_of(_run(text, "en"), "Lytvyn", "sentenced")) == 1


def test_a_date_of_the_predicate_before_and() -> None:
    text = (
        "Ivan Kovalenko joined the army in March 2022, was detained in June and convicted "
        "by a court in Luhansk in March 2023."
    )
    found = events_of(_run(text, "en"), "Kovalenko", "convicted")
    assert [str(e.date) for e in found] == ["2023-03"]


# --- who it happened to ----------------------------------------------------------------------


def test_one_of_a_group_shares_its_event() -> None:
    text = (
        "Serhii Dovhan was captured in 2022. Dovhan is one of more than 200 Ukrainian POWs who "
        "have died while imprisoned."
    )
    assert len(events_of(_run(text, "en"), "Dovhan", "died_in_captivity")) == 1


def test_a_relative_clause_of_an_unnamed_noun() -> None:
    text = (
        "Серед звільнених — Юрій Шаповал, який провів у полоні 7 років. Також повернувся "
        "командир тральщика, який зник у перші місяці війни."
    )
    assert events_of(_run(text, "uk"), "Шаповал", "missing") == []


def test_a_person_joined_to_a_group_shares_its_event() -> None:
    text = "Taras Melnyk and many of the other soldiers had been captured in late May in Mariupol."
    assert len(events_of(_run(text, "en"), "Melnyk", "captured")) == 1


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Координаційний штаб провів 60-й обмін військовополоненими."),
        ("ru", "5 октября Россия и Украина произвели масштабный обмен пленными."),
    ],
)
def test_a_swap_told_with_a_singular_or_other_verb(lang: str, text: str) -> None:
    assert len(group_events(_run(text, lang), "exchanged")) == 1
