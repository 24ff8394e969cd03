"""Ways reports tell events that the first rules missed: testimony and interviews, groups named
before their members, plural and inverted references, relatives telling in the first person,
dates anchored elsewhere in the text, titles around a soldier word.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract
from powtrace.extract.model import ExtractionResult

PUB = PartialDate.parse("2025-06-12")  # a Thursday


def _run(text: str, lang: str) -> ExtractionResult:
    return extract(text, PUB, lang)


def _types(result: ExtractionResult, name: str) -> set[str]:
    """The vocabulary types of the events of the person whose name contains `name`."""
    ids = {p.id for p in result.persons if name in p.name}
    return {e.type for e in result.events if e.person_id in ids}


def _role(result: ExtractionResult, name: str) -> str:
    (person,) = [p for p in result.persons if name in p.name]
    return person.role


def _event(result: ExtractionResult, kind: str, name: str | None):
    ids = {p.id for p in result.persons if name is not None and name in p.name}
    found = [e for e in result.events if e.type == kind and (e.person_id in ids or name is None)]
    assert found, f"no {kind} event for {name}"
    return found[0]


# --- testimony and interviews -------------------------------------------------------------


def test_narrator_keeps_the_first_person_while_speaking_of_others() -> None:
    text = (
        "Розповідає колишній полонений Степан Гуць.\n"
        "Мене взяли під Бахмутом. Зі мною в окопі був Тарас Дяк, його поранило в руку. "
        "Через рік мене обміняли."
    )
    r = _run(text, "uk")
    assert "exchanged" in _types(r, "Гуць")
    assert "exchanged" not in _types(r, "Дяк")


def test_interviewer_you_is_the_person_interviewed_and_questions_report_nothing() -> None:
    text = (
        "Corporal Denys Shulha, 33, came back from captivity in May.\n"
        "You were captured near Izium.\n"
        "Yes. They kept me in a basement for a week.\n"
        "Were you beaten there?\n"
        "Not there."
    )
    r = _run(text, "en")
    assert "captured" in _types(r, "Shulha")
    assert "tortured" not in _types(r, "Shulha")


def test_impersonal_sentence_in_a_testimony_is_the_narrators() -> None:
    text = (
        "Рассказывает бывший пленный Артём Лисицын.\n"
        "— Меня взяли под Авдеевкой.\n— Что было потом?\n— Потом перевезли в лагерь под Херсоном."
    )
    r = _run(text, "ru")
    assert "transferred" in _types(r, "Лисицын")


def test_pseudonym_introduced_by_we_will_call_him() -> None:
    text = "Собеседник попросил не называть его фамилию, мы будем называть его Петром."
    r = _run(text, "ru")
    assert any(p.name == "Пётр" or p.name == "Петр" for p in r.persons)


def test_pronoun_before_the_name_it_stands_for() -> None:
    text = (
        "Весной он попал в плен под Купянском.\nИмени он не назвал, мы будем называть его Петром."
    )
    r = _run(text, "ru")
    assert "captured" in _types(r, "П")


def test_relative_who_says_my_son_is_a_relative() -> None:
    text = (
        "Меня зовут Анна Климова, я из Пензы. Мой сын, Павел Климов, пропал без вести в мае "
        "под Часовым Яром."
    )
    r = _run(text, "ru")
    assert _role(r, "Анна") == "relative"
    assert _role(r, "Павел") == "missing_soldier"


def test_prisoner_speaking_of_his_son_keeps_his_role() -> None:
    text = (
        "Sergeant Ivan Moroz, 41, spoke to us in the camp.\n"
        "I was captured near Robotyne in March. My son turns ten this year."
    )
    r = _run(text, "en")
    assert _role(r, "Moroz") == "pow"


def test_my_brother_is_not_the_speakers_event() -> None:
    text = "«Мій брат здався в полон, бо набоїв не лишилося», — каже Іван Ткач."
    r = _run(text, "uk")
    assert "surrendered" not in _types(r, "Ткач")


# --- groups and plural references ---------------------------------------------------------


def test_members_listed_after_the_group_share_its_return() -> None:
    text = (
        "В результате переговорного процесса возвращены 90 российских военнослужащих.\n"
        "Среди вернувшихся — трое жителей области. Об этом сообщил губернатор. "
        "Это рядовой Иван Сомов, сержант Олег Рябов и ефрейтор Павел Ершов."
    )
    r = _run(text, "ru")
    for name in ("Сомов", "Рябов", "Ершов"):
        assert "exchanged" in _types(r, name), name
        assert _role(r, name) == "former_pow"


def test_among_them_shares_a_group_event_of_any_kind() -> None:
    text = (
        "Nine border guards were captured at a checkpoint in May.\n"
        "Among them were Private Ivan Lytvyn and Private Oleh Sych."
    )
    r = _run(text, "en")
    assert "captured" in _types(r, "Lytvyn")
    assert "captured" in _types(r, "Sych")


def test_waiting_among_the_freed_is_no_return() -> None:
    text = (
        "Учора з полону повернулися 95 захисників. "
        "Мати Тараса Коваля чекала сина серед звільнених, але його в списках не було."
    )
    r = _run(text, "uk")
    assert not _types(r, "Тарас") & {"exchanged", "handed_over", "released"}


def test_plural_pronoun_two_sentences_after_the_names() -> None:
    text = (
        "Private Ivan Hordii and Private Oleh Rud came home in a swap in May.\n"
        "The army questioned both for weeks.\n"
        "What happened next is familiar.\n"
        "In August a court found them guilty."
    )
    r = _run(text, "en")
    assert "convicted" in _types(r, "Hordii")
    assert "convicted" in _types(r, "Rud")


def test_plural_noun_without_a_number_stands_for_the_persons_named() -> None:
    text = (
        "Олег Петров и Иван Сидоров вернулись по обмену в мае.\n"
        "После возвращения бойцов направили в госпиталь."
    )
    r = _run(text, "ru")
    assert "hospitalised" in _types(r, "Петров")
    assert "hospitalised" in _types(r, "Сидоров")


def test_names_with_ages_between_them_are_coordinated() -> None:
    text = "Private Ivan Lis, 24, and Corporal Oleh Kit, 31, were captured near Bakhmut."
    r = _run(text, "en")
    assert "captured" in _types(r, "Lis")
    assert "captured" in _types(r, "Kit")


def test_subject_after_the_verb_is_not_the_persons_before() -> None:
    text = "Андрея Белова и Олега Зуева окружили после того, как погиб командир взвода."
    r = _run(text, "ru")
    assert "killed" not in _types(r, "Белов")
    assert "killed" not in _types(r, "Зуев")


def test_relative_clause_after_a_genitive_name_is_the_head_nouns() -> None:
    text = "Надію дав товариш Івана Лободи, який повернувся з полону торік."
    r = _run(text, "uk")
    assert not _types(r, "Лобод") & {"handed_over", "exchanged", "released"}


def test_source_named_after_according_to_is_not_the_subject() -> None:
    text = "Олег Смола, за словами його брата Петра, перебував у полоні з березня."
    r = _run(text, "uk")
    assert "captured" in _types(r, "Смола")


def test_release_told_apart_from_the_exchange_is_the_exchange() -> None:
    text = (
        "Сержанта Олега Мазура обміняли у вересні.\n"
        "Уже після звільнення Олег Мазур дізнався, що його шукала мати."
    )
    r = _run(text, "uk")
    assert "exchanged" in _types(r, "Мазур")
    assert "released" not in _types(r, "Мазур")


# --- roles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "name", "role"),
    [
        (
            "uk",
            "Заяву оприлюднив голова районної військової адміністрації Петро Гнатюк.",
            "Гнатюк",
            "official",
        ),
        (
            "uk",
            "Розповідає батько бійця, Іван Мороз: син дзвонив востаннє в травні.",
            "Мороз",
            "relative",
        ),
        ("ru", "Мать сержанта Олега Рябова Нина Рябова ждёт новостей.", "Нина", "relative"),
        (
            "uk",
            "Юрист «Правозахисної групи» Андрій Шевчук вважає справу сфабрикованою.",
            "Шевчук",
            "lawyer",
        ),
        (
            "en",
            "The commander of Ivan Petrov's battalion, Colonel Oleh Sova, declined to comment.",
            "Sova",
            "official",
        ),
    ],
)
def test_role_from_the_head_of_a_title(lang: str, text: str, name: str, role: str) -> None:
    assert _role(_run(text, lang), name) == role


def test_interview_byline_after_a_separator_is_a_journalist() -> None:
    text = "The Lviv Review | Interview by Olha Marchuk | 3 June 2025\n\nWe spoke in Kyiv."
    r = _run(text, "en")
    assert _role(r, "Marchuk") == "journalist"


# --- persons ------------------------------------------------------------------------------


def test_given_names_of_russias_non_slavic_peoples() -> None:
    text = "Bulat Gimadiev and Tuyana Tsyrenova spoke to reporters in Ulan-Ude."
    names = {p.name for p in _run(text, "en").persons}
    assert {"Bulat Gimadiev", "Tuyana Tsyrenova"} <= names


def test_two_full_names_in_one_capitalised_run() -> None:
    text = "Адвокатка Марії Бондар Олена Шевчук подала апеляцію."
    names = {p.name for p in _run(text, "uk").persons}
    assert "Олена Шевчук" in names


def test_given_name_after_kinship_noun_read_in_the_nominative() -> None:
    text = "У Петра Гайового є молодша сестра Юлія, вона вчиться у Львові."
    names = {p.name for p in _run(text, "uk").persons}
    assert "Юлія" in names


# --- triggers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "lang", "text"),
    [
        ("tortured", "en", "In the camp guards broke Oleg Zinchenko's ribs."),
        ("tortured", "uk", "Охоронці зламали Олегу Мельнику два ребра."),
        ("sentenced", "en", "Judge Anna Volkova gave Oleg Smirnov twelve years in a colony."),
        ("exchanged", "uk", "В результаті обміну Олег Мельник повернувся додому."),
        ("registered_icrc", "ru", "Через неделю Олега Смирнова внесли в списки Красного Креста."),
        ("detained_pretrial", "ru", "Суд отправил Олега Смирнова в СИЗО на два месяца."),
        ("hospitalised", "uk", "Після лікування Олега Мельника комісували."),
        ("criminal_case_opened", "en", "Investigators opened a case against Oleg Smirnov."),
        ("assigned_noncombat", "uk", "Олега Мельника призначили інструктором."),
        ("captured", "uk", "Олег Мельник перебуває у полоні з березня."),
    ],
)
def test_new_trigger_forms(kind: str, lang: str, text: str) -> None:
    r = _run(text, lang)
    assert kind in {e.type for e in r.events if e.person_id}, text


def test_freed_prisoner_as_an_adjective_is_no_release() -> None:
    text = "Юристка Ганни Бойко каже, що свідчення звільненого полоненого важливі."
    r = _run(text, "uk")
    assert not [e for e in r.events if e.type == "released"]


def test_a_generic_plural_participle_is_no_return_of_the_person() -> None:
    text = (
        "Вадима Орлова задержали за интервью. "
        "Это не первый случай, когда вернувшихся из плена преследуют."
    )
    r = _run(text, "ru")
    assert "handed_over" not in _types(r, "Орлов")


# --- dates --------------------------------------------------------------------------------


def test_day_of_the_month_given_before() -> None:
    text = (
        "In March investigators opened a case against Private Oleg Smirnov. "
        "He was arrested on the 9th of that month."
    )
    r = _run(text, "en")
    assert str(_event(r, "detained_pretrial", "Smirnov").date) == "2025-03-09"


def test_reported_day_dates_the_only_event_of_the_sentence() -> None:
    text = (
        "Из подконтрольной Киеву территории возвращены 90 российских военнослужащих, "
        "сообщило в среду Минобороны."
    )
    r = _run(text, "ru")
    assert str(_event(r, "exchanged", None).date) == "2025-06-11"
