"""General cues: inflected trigger forms, roles from context, coordination, testimony, groups.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract, to_gold
from powtrace.extract.dates import find_dates
from powtrace.extract.gold import gold_date
from powtrace.extract.model import ExtractionResult


def _types(result: ExtractionResult, name: str) -> set[str]:
    """The vocabulary types of the events attached to the person whose name contains `name`."""
    ids = {p.id for p in result.persons if name in p.name}
    return {e.type for e in result.events if e.person_id in ids}


def _role(result: ExtractionResult, name: str) -> str:
    (person,) = [p for p in result.persons if p.name == name]
    return person.role


# (vocabulary type, language, text): forms the first lexicons did not know.
FORMS = [
    ("captured", "ru", "В плен Олег Смирнов попал летом под Волчанском."),
    ("captured", "ru", "Олег Смирнов, попавший в плен под Волчанском, написал письмо."),
    ("captured", "uk", "У полон Олег Мельник потрапив під Вовчанськом."),
    ("interned", "en", "Oleg Smirnov was held in a prisoner-of-war camp near Lviv."),
    ("interned", "en", "Oleg Smirnov spent ten months in a penal colony in Mordovia."),
    ("interned", "ru", "Полгода Олег Смирнов провёл в лагере для военнопленных."),
    ("interned", "uk", "Олега Мельника утримували в Оленівці."),
    ("convicted", "en", "The court found Private Oleg Smirnov, 30, a driver, guilty of desertion."),
    ("convicted", "uk", "Суд визнав 30-річного військового Олега Мельника винним у дезертирстві."),
    ("died_in_captivity", "en", "Oleg Smirnov died in the colony's medical unit in May."),
    ("died_in_captivity", "ru", "Олег Смирнов умер в исправительной колонии в мае."),
    ("died_in_captivity", "uk", "Олег Мельник помер у виправній колонії в травні."),
    ("body_repatriated", "en", "The body of Oleg Smirnov was handed over to Ukraine in June."),
    ("body_repatriated", "ru", "Тело Олега Смирнова передали родным в июне."),
    ("body_repatriated", "uk", "Тіло Олега Мельника повернули в Україну в червні."),
    ("detained_pretrial", "en", "Oleg Smirnov has been in pre-trial detention since March."),
    ("detained_pretrial", "ru", "Суд арестовал Олега Смирнова на два месяца."),
    (
        "detained_pretrial",
        "uk",
        "Суд обрав Олегу Мельнику запобіжний захід у вигляді тримання під вартою.",
    ),
    ("leave_granted", "en", "In May Oleg Smirnov was given two weeks' leave."),
    ("leave_granted", "ru", "В мае Олег Смирнов получил отпуск."),
    ("leave_granted", "uk", "У травні Олег Мельник отримав відпустку."),
    ("family_contact", "en", "Oleg Smirnov wrote only one letter home."),
    ("family_contact", "uk", "Олег Мельник написав лише один лист додому."),
    ("pay_suspended", "ru", "С весны Олегу Смирнову перестали начислять денежное довольствие."),
    ("interviewed_by_press", "en", "A channel posted a video interview with Oleg Smirnov."),
    ("interviewed_by_press", "ru", "В плену Олег Смирнов дал видеоинтервью блогеру."),
    ("redeployed_combat", "en", "Oleg Smirnov was put in an assault group near Pokrovsk."),
    ("redeployed_combat", "ru", "Олега Смирнова отправили в штурмовое подразделение."),
    ("assigned_noncombat", "ru", "Теперь Олег Смирнов несёт караульную службу на складе."),
    ("missing", "en", "His unit listed Oleg Smirnov as missing; it listed him as missing in May."),
    ("missing", "uk", "У червні зв'язок із Олегом Мельником обірвався."),
    ("charged", "en", "Oleg Smirnov is awaiting trial in Rostov."),
    ("sentenced", "ru", "Олегу Смирнову суд назначил 12 лет колонии."),
    ("killed", "uk", "Олега Мельника розстріляли окупанти."),
]


@pytest.mark.parametrize(("type_id", "lang", "text"), FORMS, ids=[f"{f[0]}-{f[1]}" for f in FORMS])
def test_general_trigger_forms(type_id: str, lang: str, text: str) -> None:
    result = extract(text, PartialDate.parse("2025-06-30"), lang)
    assert type_id in _types(
        result, "Смирнов" if lang == "ru" else "Мельник" if lang == "uk" else "Smirnov"
    ), [(e.type, e.person_id) for e in result.events]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Олег Мельник розповів про катування полонених у колонії.", "uk"),
        ("Обмін полоненими відбувся в неділю, повідомив Олег Мельник.", "uk"),
        ("За словами звільнених з полону жінок, Олену Гриценко утримують у Таганрозі.", "uk"),
    ],
)
def test_the_noun_for_prisoners_is_no_capture_or_release(text: str, lang: str) -> None:
    types = {e.type for e in extract(text, None, lang).events}
    assert not types & {"captured", "released"}, types


def test_a_return_home_in_an_exchange_is_both_events() -> None:
    text = "Oleg Smirnov returned home from Russian captivity on Friday in an exchange."
    assert {"exchanged", "handed_over"} <= _types(extract(text, None, "en"), "Smirnov")


def test_coordinated_persons_share_the_event() -> None:
    text = "Олега Смирнова и Павла Кузнецова взяли в плен под Суджей."
    result = extract(text, None, "ru")
    assert "captured" in _types(result, "Смирнов") and "captured" in _types(result, "Кузнецов")


def test_officials_and_lawyers_do_not_undergo_events() -> None:
    text = (
        "Prosecutor Anna Volkova said that Oleg Smirnov was captured in May. "
        "Lawyer Pavel Orlov said the verdict would be appealed."
    )
    result = extract(text, None, "en")
    assert _types(result, "Volkova") == set() and _types(result, "Orlov") == set()
    assert "captured" in _types(result, "Smirnov")


def test_long_title_before_a_name_gives_the_role() -> None:
    text = (
        "Про це повідомив представник Координаційного штабу з питань поводження з "
        "військовополоненими Олег Мельник."
    )
    assert _role(extract(text, None, "uk"), "Олег Мельник") == "official"


def test_a_captive_cue_in_the_possessor_case_is_his_own() -> None:
    text = "Суд приговорил бывшего пленного Олега Смирнова к четырём годам колонии."
    assert _role(extract(text, None, "ru"), "Олег Смирнов") == "former_pow"


def test_kinship_before_a_genitive_name_is_someone_elses() -> None:
    text = "Мать Олега Смирнова рассказала, что сын жив и находится в плену."
    assert _role(extract(text, None, "ru"), "Олег Смирнов") != "relative"


def test_bylines_stop_at_the_line_end() -> None:
    text = (
        "Swap brings home 40 soldiers\n\nBy Anna Volkova\nMarch 3, 2025\n\nOleg Smirnov was freed."
    )
    result = extract(text, None, "en")
    assert _role(result, "Anna Volkova") == "journalist"
    assert not any("\n" in p.name for p in result.persons)
    ru = extract("Заголовок\n\nТекст: Анна Волкова\n\nОлега Смирнова обменяли.", None, "ru")
    assert not any("\n" in p.name for p in ru.persons)


def test_a_given_name_after_a_kinship_noun_is_a_relative() -> None:
    result = extract("По словам жены Олега Смирнова Марины, он жив. Марина ждёт его.", None, "ru")
    (marina,) = [p for p in result.persons if p.name == "Марина"]
    assert marina.role == "relative" and len(marina.mentions) == 2
    en = extract("His sister, Maria, said Oleg Smirnov was missing.", None, "en")
    assert _role(en, "Maria") == "relative"


def test_a_pseudonym_is_a_named_person() -> None:
    text = "Oleg (not his real name) surrendered in May. Oleg says he was registered by the ICRC."
    result = extract(text, None, "en")
    assert "surrendered" in _types(result, "Oleg")


def test_a_title_run_does_not_hide_the_name() -> None:
    text = "Also freed was Junior Lieutenant Vitalii Moroz, 27, of the National Guard."
    assert any(p.name == "Vitalii Moroz" for p in extract(text, None, "en").persons)


def test_first_person_testimony_is_the_speakers() -> None:
    text = (
        "Олег Мельник провів у полоні два роки. "
        "«У квітні нас перевели в колонію. Там мене били щодня», — каже він."
    )
    assert {"transferred", "tortured"} <= _types(extract(text, None, "uk"), "Мельник")


def test_an_aged_description_opening_a_sentence_is_the_person_named_before() -> None:
    text = "История Олега Смирнова похожа. 41-летний контрактник попал в плен в ноябре."
    result = extract(text, PartialDate.parse("2025-06-30"), "ru")
    assert "captured" in _types(result, "Смирнов")
    assert not any(p.unnamed for p in result.persons)


def test_a_group_told_twice_with_its_count_is_one_event() -> None:
    text = "Ukraine brings home 40 soldiers\n\nUkraine brought home 40 soldiers on Friday."
    gold = to_gold(extract(text, PartialDate.parse("2025-06-30"), "en"))
    returned = [e for e in gold["events"] if e["type"] == "returned_home_country"]
    assert len(returned) == 1 and returned[0]["date"] == "2025-06-27"


def test_a_count_of_a_nation_is_a_group() -> None:
    result = extract("On Friday 230 Ukrainians were freed from captivity.", None, "en")
    (event,) = result.events
    assert event.person_id is None and event.group_size == 230


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Her son, Oleg Smirnov, was captured near Bakhmut.", "en", "Oleg Smirnov"),
        ("Её сын Олег Смирнов пропал без вести под Авдеевкой.", "ru", "Олег Смирнов"),
        ("Її чоловік Олег Мельник потрапив у полон.", "uk", "Олег Мельник"),
    ],
)
def test_someones_son_with_events_is_the_soldier(text: str, lang: str, name: str) -> None:
    assert _role(extract(text, None, lang), name) in ("pow", "missing_soldier")


def test_the_speaking_brother_stays_a_relative() -> None:
    text = "Олега Смирнова взяли в плен в мае, рассказал его брат Павел Смирнов."
    assert _role(extract(text, None, "ru"), "Павел Смирнов") == "relative"


def test_a_captive_cue_of_the_possessor_is_not_the_speakers() -> None:
    text = "Мать пленного Олега Смирнова Ольга Смирнова рассказала, что его избивали."
    result = extract(text, None, "ru")
    assert _role(result, "Ольга Смирнова") == "relative" and _role(result, "Олег Смирнов") == "pow"


@pytest.mark.parametrize(
    ("phrase", "want"),
    [
        ("in June last year", "2024-06"),
        ("в августе прошлого года", "2024-08"),
        ("у червні минулого року", "2024-06"),
        ("on 2 February this year", "2025-02-02"),
        ("in the autumn of 2023", "2023"),
        ("весной 2024 года", "2024"),
        ("восени 2022 року", "2022"),
        ("last spring", "2024"),
        ("минулої весни", "2024"),
    ],
)
def test_months_and_seasons_with_a_relative_or_explicit_year(phrase: str, want: str) -> None:
    (found,) = find_dates(f"It happened {phrase}.", PartialDate.parse("2025-11-21"))
    assert gold_date(found.date) == want


def test_the_modal_may_is_no_month() -> None:
    found = find_dates("He may this year be exchanged.", PartialDate.parse("2025-11-21"))
    assert [gold_date(d.date) for d in found] == ["2025"]
