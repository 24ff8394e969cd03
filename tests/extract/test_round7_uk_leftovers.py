"""Seventh round, causes left from the Ukrainian dev5 study, in Ukrainian and Russian (invented
sentences, no dev-set text).

1. A counted group that came back, followed by exactly that many list items naming one person
   each: the members share the group's exchange.
2. A verbless list of places after a captivity noun and a dash ("За три роки полону — Брянськ,
   Курськ, Рязань"): interned in the first, transferred to each later one.
4. A call sign told as a sentence of its own ("Позивний «Бджола».") is the variant of the
   person described just before, not a person of its own.
5. A kinship noun joined to a name by "і / и" ("мій син і Любомир Дацюк") is not his cue.
6. A fellow prisoner ("в одній камері з Остапом", "У камері зі мною був Х", "сидів разом із Х")
   was held there too: interned, and a prisoner.
8. "захисниця за призначенням" / "защитник по назначению", also as a predicate before or after
   the name, is a lawyer.
"""

from __future__ import annotations

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract

from .support import events_of, group_events, role_of

PUBLISHED = PartialDate.parse("2025-08-20")


def _run(text: str, lang: str = "uk"):
    return extract(text, PUBLISHED, lang)


# 1. Members listed after a counted group.


def test_bulleted_members_share_the_group_exchange_uk() -> None:
    text = (
        "Троє наших краян повернулися додому під час обміну 14 серпня.\n"
        "На вокзалі їх зустрічали з прапорами та квітами.\n"
        "🔸 Тарас Гуменюк, 31 рік, с. Лука.\n"
        "🔸 Василь Кравчук, 45 років, м. Збараж.\n"
        "🔸 Петро Оліфіренко, 27 років, с. Нивра."
    )
    r = _run(text)
    for name in ("Тарас Гуменюк", "Василь Кравчук", "Петро Оліфіренко"):
        assert events_of(r, name, "exchanged"), name
        assert role_of(r, name) == "former_pow", name
    assert not group_events(r, "exchanged")


def test_bulleted_members_share_the_group_exchange_ru() -> None:
    text = (
        "Трое наших земляков вернулись домой во время обмена 14 августа:\n"
        "🔹 Игорь Самойлов, 31 год;\n"
        "🔹 Денис Рябинин, 40 лет;\n"
        "🔹 Павел Хромов."
    )
    r = _run(text, "ru")
    for name in ("Игорь Самойлов", "Денис Рябинин", "Павел Хромов"):
        assert events_of(r, name, "exchanged"), name


def test_a_list_of_another_size_is_not_the_group() -> None:
    text = (
        "Четверо наших краян повернулися додому під час обміну 14 серпня.\n"
        "🔸 Тарас Гуменюк, 31 рік.\n"
        "🔸 Василь Кравчук, 45 років."
    )
    r = _run(text)
    assert not events_of(r, "Тарас Гуменюк", "exchanged")
    assert group_events(r, "exchanged")


# 2. A verbless run of places after a captivity noun.


def test_place_run_after_captivity_noun_uk() -> None:
    text = (
        "Богдана Шевчишина взяли в полон під Бахмутом навесні 2022 року. "
        "За три роки полону — Брянськ, Курськ, Рязань."
    )
    r = _run(text)
    interned = events_of(r, "Богдан Шевчишин", "interned")
    moved = events_of(r, "Богдан Шевчишин", "transferred")
    assert [e.place for e in interned] == ["Брянськ"]
    assert sorted(e.place for e in moved) == ["Курськ", "Рязань"]


def test_place_run_after_captivity_noun_ru() -> None:
    text = (
        "Олега Самсонова взяли в плен под Бахмутом.\n"
        "Он служил связистом. За два года плена — Оленевка, Курск и Вязьма."
    )
    r = _run(text, "ru")
    assert [e.place for e in events_of(r, "Олег Самсонов", "interned")] == ["Оленевка"]
    assert len(events_of(r, "Олег Самсонов", "transferred")) == 2


def test_place_run_needs_two_places() -> None:
    r = _run("Богдана Шевчишина взяли в полон під Бахмутом. За рік полону — Брянськ.")
    assert not events_of(r, "Богдан Шевчишин", "interned")


# 4. A call sign on its own.


def test_call_sign_sentence_is_the_person_before_uk() -> None:
    text = (
        "Ярослав Гордієнко служив у 80-й бригаді. Позивний «Бджола». "
        "Його взяли в полон під Курськом."
    )
    r = _run(text)
    assert [p.name for p in r.persons] == ["Ярослав Гордієнко"]
    assert events_of(r, "Ярослав Гордієнко", "captured")


def test_call_sign_line_is_the_person_before_ru() -> None:
    text = "Ярослав Гордиенко, 27 лет, связист.\nПозывной «Пчела»\nЕго взяли в плен под Курском."
    r = _run(text, "ru")
    assert [p.name for p in r.persons] == ["Ярослав Гордиенко"]


# 5. A kinship noun joined to a name.


def test_kin_noun_and_name_uk() -> None:
    text = (
        "Мій син Денис зник безвісти. "
        "Серед зниклих були мій син і Михайло Дячук, 41 рік, із Коростеня."
    )
    r = _run(text)
    assert role_of(r, "Михайло Дячук") != "relative"


def test_kin_noun_and_name_ru() -> None:
    text = (
        "Мой сын Денис пропал без вести. "
        "Среди пропавших были мой сын и Михаил Дячук, 41 год, из Коростеня."
    )
    r = _run(text, "ru")
    assert role_of(r, "Михаил Дячук") != "relative"


# 6. Fellow prisoners.


def test_cellmate_uk() -> None:
    r = _run("Мене звати Богдан Шевчишин. Я був в одній камері з Остапом Линником у Курську.")
    assert events_of(r, "Остап Линник", "interned")
    assert role_of(r, "Остап Линник") == "pow"


def test_cell_with_me_uk() -> None:
    r = _run("Мене звати Богдан Шевчишин. У камері зі мною був Остап Линник.")
    assert events_of(r, "Остап Линник", "interned")


def test_sat_together_uk() -> None:
    r = _run("Мене звати Богдан Шевчишин. У Брянську я сидів разом із Остапом Линником.")
    assert events_of(r, "Остап Линник", "interned")


def test_cellmate_ru() -> None:
    r = _run("Меня зовут Олег Самсонов. Я сидел в одной камере с Остапом Линником в Курске.", "ru")
    assert events_of(r, "Остап Линник", "interned")


def test_cellmate_negated_is_nothing() -> None:
    r = _run("Мене звати Богдан Шевчишин. Я ніколи не сидів в одній камері з Остапом Линником.")
    assert not events_of(r, "Остап Линник", "interned")


# 8. Court-appointed defence lawyers.


def test_appointed_defender_before_the_name_uk() -> None:
    r = _run(
        "Полоненого Сергія Зябліцева засудили. Його захисницею за призначенням була Ольга Турчина."
    )
    assert role_of(r, "Ольга Турчина") == "lawyer"


def test_appointed_defender_after_the_name_uk() -> None:
    text = (
        "Суд у Донецьку засудив Мирона Ткача до 12 років. "
        "Олена Грабар, як ми дізналися, була захисницею за призначенням у сотнях таких справ."
    )
    r = _run(text)
    assert role_of(r, "Олена Грабар") == "lawyer"


def test_appointed_defender_before_the_name_ru() -> None:
    r = _run(
        "Пленного Сергея Зяблицева осудили. Его защитником по назначению был Олег Турчин.", "ru"
    )
    assert role_of(r, "Олег Турчин") == "lawyer"
