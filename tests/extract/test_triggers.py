"""Each event type's triggers in English, Russian and Ukrainian, and the cancelling words."""

from __future__ import annotations

import pytest

from powtrace.extract import extract

# (vocabulary type, English, Russian, Ukrainian): one short report of each event.
CASES = [
    (
        "captured",
        "Ivan Petrov was taken prisoner near Bakhmut.",
        "Иван Петров попал в плен под Бахмутом.",
        "Іван Петренко потрапив у полон під Бахмутом.",
    ),
    (
        "surrendered",
        "Ivan Petrov surrendered near Bakhmut.",
        "Иван Петров сдался в плен под Бахмутом.",
        "Іван Петренко здався в полон під Бахмутом.",
    ),
    (
        "registered_icrc",
        "Ivan Petrov was registered by the ICRC as a prisoner.",
        "Иван Петров зарегистрирован в МККК как военнопленный.",
        "Іван Петренко зареєстрований у МКЧХ як військовополонений.",
    ),
    (
        "interned",
        "Ivan Petrov was held in a camp in Olenivka.",
        "Ивана Петрова содержат в лагере в Оленовке.",
        "Івана Петренка утримують у таборі в Оленівці.",
    ),
    (
        "transferred",
        "Ivan Petrov was transferred to a colony in Mordovia.",
        "Ивана Петрова этапировали в колонию в Мордовии.",
        "Івана Петренка етапували до колонії в Мордовії.",
    ),
    (
        "exchanged",
        "Ivan Petrov was exchanged on Friday.",
        "Ивана Петрова обменяли в пятницу.",
        "Івана Петренка обміняли в п'ятницю.",
    ),
    (
        "released",
        "Ivan Petrov was released from captivity.",
        "Иван Петров освобожден из плена.",
        "Іван Петренко звільнений з полону.",
    ),
    (
        "handed_over",
        "Ivan Petrov returned home to Ukraine.",
        "Иван Петров вернулся домой.",
        "Іван Петренко повернувся додому.",
    ),
    (
        "isolated_interrogated",
        "Ivan Petrov was interrogated for weeks.",
        "Ивана Петрова неделями допрашивали.",
        "Івана Петренка тижнями допитували.",
    ),
    (
        "hospitalised",
        "Ivan Petrov was hospitalised in Kyiv.",
        "Иван Петров госпитализирован в Киеве.",
        "Іван Петренко госпіталізований у Києві.",
    ),
    (
        "returned_to_unit",
        "Ivan Petrov was sent back to his unit.",
        "Ивана Петрова вернули в свою часть.",
        "Івана Петренка повернули до своєї частини.",
    ),
    (
        "assigned_noncombat",
        "Ivan Petrov was given menial tasks.",
        "Ивана Петрова поставили на хозяйственные работы.",
        "Івана Петренка поставили на господарські роботи.",
    ),
    (
        "redeployed_combat",
        "Ivan Petrov was sent back to the front.",
        "Ивана Петрова снова отправили обратно на фронт.",
        "Івана Петренка знову відправили назад на фронт.",
    ),
    (
        "pay_suspended",
        "Ivan Petrov's pay was stopped in May.",
        "Ивану Петрову выплаты прекратили в мае.",
        "Івану Петренку виплати припинили в травні.",
    ),
    (
        "criminal_case_opened",
        "A criminal case was opened against Ivan Petrov.",
        "Против Ивана Петрова возбудили уголовное дело.",
        "Проти Івана Петренка відкрили кримінальне провадження.",
    ),
    (
        "charged",
        "Ivan Petrov was charged with desertion.",
        "Ивану Петрову предъявили обвинение в дезертирстве.",
        "Івану Петренку повідомили про підозру в дезертирстві.",
    ),
    (
        "convicted",
        "Ivan Petrov was found guilty of desertion.",
        "Ивана Петрова признали виновным в дезертирстве.",
        "Івана Петренка визнали винним у дезертирстві.",
    ),
    (
        "sentenced",
        "Ivan Petrov was sentenced to 10 years.",
        "Ивана Петрова приговорили к 10 годам колонии.",
        "Івана Петренка засудили до 10 років колонії.",
    ),
    (
        "missing",
        "Ivan Petrov went missing near Avdiivka.",
        "Иван Петров пропал без вести под Авдеевкой.",
        "Іван Петренко зник безвісти під Авдіївкою.",
    ),
    (
        "killed",
        "Ivan Petrov was killed near Avdiivka.",
        "Иван Петров погиб под Авдеевкой.",
        "Іван Петренко загинув під Авдіївкою.",
    ),
    (
        "died_in_captivity",
        "Ivan Petrov died in Russian captivity.",
        "Иван Петров умер в плену.",
        "Іван Петренко помер у полоні.",
    ),
    (
        "tortured",
        "Ivan Petrov was tortured in Olenivka.",
        "Ивана Петрова пытали в Оленовке.",
        "Івана Петренка катували в Оленівці.",
    ),
    (
        "interviewed_by_press",
        "Ivan Petrov gave an interview to the BBC.",
        "Иван Петров дал интервью Би-би-си.",
        "Іван Петренко дав інтерв'ю Бі-бі-сі.",
    ),
    (
        "refused_repatriation",
        "Ivan Petrov refused to return to Russia.",
        "Иван Петров отказался возвращаться в Россию.",
        "Іван Петренко відмовився повертатися до Росії.",
    ),
]


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_trigger_attaches_to_the_named_person(case: tuple[str, str, str, str], lang: str) -> None:
    type_id = case[0]
    text = case[{"en": 1, "ru": 2, "uk": 3}[lang]]
    result = extract(text, None, lang)
    found = [e for e in result.events if e.type == type_id]
    assert found, f"no {type_id} in {text!r}: {[e.type for e in result.events]}"
    person = result.person(found[0].person_id)
    assert person is not None and person.surname in ("Petrov", "Петров", "Петренко")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ivan Petrov said he was not captured.", "en"),
        ("Ivan Petrov fears he might be exchanged and sent back to the front.", "en"),
        ("Ivan Petrov tried to avoid being captured.", "en"),
        ("Иван Петров не попал в плен.", "ru"),
        ("Іван Петренко боїться, що його можуть відправити назад на фронт.", "uk"),
    ],
)
def test_negated_and_hypothetical_events_are_dropped(text: str, lang: str) -> None:
    assert extract(text, None, lang).events == []


def test_group_event_has_no_person_and_a_size() -> None:
    result = extract("Ukraine and Russia exchanged 150 prisoners on Friday.", None, "en")
    (event,) = result.events
    assert event.type == "exchanged" and event.person_id is None and event.group_size == 150
