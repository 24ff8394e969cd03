"""Persons the extractor used to miss: a given name alone next to a kinship noun, a title, a
possessive, an age or "по имени"; call signs; a surname after a rank that is also a common
word's plural; everyday forms of a given name; a withheld surname's initial; verdict lists in the
accusative; civilians and the narrator's kin by their role.

Every sentence here is invented for the test; the names are made up.
"""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract
from powtrace.extract.model import ExtractionResult, PersonMention

PUBLISHED = PartialDate.parse("2025-06-10")


def _named(result: ExtractionResult) -> dict[str, PersonMention]:
    return {p.name: p for p in result.persons if not p.unnamed}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "До войны он растил с женой Мариной двух сыновей.", "Марина"),
        ("ru", "Людмила, мама Петра Сазонова, пришла на встречу.", "Людмила"),
        ("ru", "Анкеты передавайте нашему координатору Ульяне.", "Ульяна"),
        ("uk", "Окупанти затримали 60-річного місцевого жителя Остапа.", "Остап"),
        ("uk", "Потерпілий Остап дав свідчення в суді.", "Остап"),
        ("ru", "В лагере он встретил парня по имени Влад.", "Влад"),
        ("en", "In the camp he met a medic named Alex.", "Alex"),
        ("en", "Ihor, 32, said he was beaten in the camp.", "Ihor"),
    ],
)
def test_a_given_name_alone_with_a_cue_is_a_person(lang: str, text: str, name: str) -> None:
    assert name in _named(extract(text, PUBLISHED, lang))


def test_a_possessive_makes_a_given_name_the_narrators_kin() -> None:
    text = "Мой муж в плену уже год. Нашему Тимуру восемь лет, он ждёт папу."
    person = _named(extract(text, PUBLISHED, "ru"))["Тимур"]
    assert person.role == "relative"


def test_a_resident_named_by_given_name_is_a_civilian() -> None:
    text = "Солдати затримали 60-річного місцевого жителя Остапа і катували його."
    assert _named(extract(text, PUBLISHED, "uk"))["Остап"].role == "other"


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "С ним пропал его товарищ с позывным «Филин». Его имени я не знаю.", "Филин"),
        ("ru", "Коменданта лагеря все называли «Дед». Он был строгий.", "Дед"),
        ("en", "A gunner with the call sign Grom was captured in May.", "Grom"),
    ],
)
def test_a_call_sign_alone_is_a_person(lang: str, text: str, name: str) -> None:
    assert name in _named(extract(text, PUBLISHED, lang))


def test_a_call_sign_after_a_full_name_is_a_variant() -> None:
    text = "Бойовий медик Степан Гуцуляк, позивний «Бинт», повернувся з полону."
    named = _named(extract(text, PUBLISHED, "uk"))
    assert "Бинт" not in named
    assert "Бинт" in named["Степан Гуцуляк"].variants


def test_a_call_sign_after_a_given_name_in_apposition_is_his() -> None:
    text = "Мене і Юру, нашого кулеметника з позивним «Крот», взяли живими."
    named = _named(extract(text, PUBLISHED, "uk"))
    assert "Крот" in named["Юра"].variants
    assert "Крот" not in named


def test_a_surname_after_a_rank_that_is_also_a_plural_noun() -> None:
    text = "Взводный, лейтенант Сомов, погиб у меня на глазах."
    assert "Сомов" in _named(extract(text, PUBLISHED, "ru"))


@pytest.mark.parametrize(
    ("lang", "text", "full", "short"),
    [
        ("uk", "Юрій Кравець досі в полоні. Юру бачили в колонії взимку.", "Юрій Кравець", "Юру"),
        (
            "en",
            "Oleksandr Petrenko returned from captivity. Sasha slept for two days.",
            "Oleksandr Petrenko",
            "Sasha",
        ),
    ],
)
def test_an_everyday_form_joins_the_person_named_in_full(
    lang: str, text: str, full: str, short: str
) -> None:
    named = _named(extract(text, PUBLISHED, lang))
    assert short not in named and "Юра" not in named
    assert short in named[full].variants


def test_a_given_name_with_a_surname_initial_is_a_person() -> None:
    named = _named(extract("Свідок Ігор В. розповів про обмін.", PUBLISHED, "uk"))
    assert "Ігор В." in named


def test_a_verdict_list_in_the_accusative_is_brought_to_the_nominative() -> None:
    text = "Суд засудив: Семена Забайрачного — 15 років."
    assert "Семен Забайрачний" in _named(extract(text, PUBLISHED, "uk"))
