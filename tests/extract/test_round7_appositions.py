"""English appositions whose role noun stands a few modifiers after the name, and bystanders who
work on exchanges or were swapped themselves (invented sentences)."""

from __future__ import annotations

import pytest

from powtrace.extract.pipeline import extract

from .support import events_of, role_of


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        (
            "Marta Hrytsenko, the regional ombudsman, said nobody had heard from the men.",
            "official",
        ),
        (
            "Marta Hrytsenko, Ukraine's deputy prosecutor general, said the case was open.",
            "official",
        ),
        ("Marta Hrytsenko, a senior defence lawyer, said the appeal was pending.", "lawyer"),
    ],
)
def test_a_role_noun_after_a_few_modifiers_is_the_persons(sentence: str, role: str) -> None:
    assert role_of(extract(sentence, None, "en"), "Hrytsenko") == role


def test_a_role_noun_inside_a_relative_clause_is_someone_elses() -> None:
    result = extract("Taras Bilyk, whose case the lawyer took, was captured in May.", None, "en")
    assert role_of(result, "Bilyk") == "pow"


def test_an_official_involved_in_exchange_negotiations_is_not_exchanged() -> None:
    text = (
        "Marta Hrytsenko, the region's ombudsman who is involved in prisoner exchange "
        "negotiations, said the lists were long."
    )
    result = extract(text, None, "en")
    assert role_of(result, "Hrytsenko") == "official"
    assert not events_of(result, "Hrytsenko", "exchanged")


def test_a_photographer_swapped_himself_is_a_former_prisoner() -> None:
    text = (
        "Ostap Yurchenko, the agency's own photographer who was released in a prisoner "
        "exchange in May, said the cells were cold."
    )
    result = extract(text, None, "en")
    assert role_of(result, "Yurchenko") == "former_pow"
    assert events_of(result, "Yurchenko", "exchanged")


def test_a_photographer_who_filmed_an_exchange_stays_a_journalist() -> None:
    text = (
        "Ostap Yurchenko, the agency's photographer who filmed the prisoner exchange in May, "
        "said the buses were late."
    )
    result = extract(text, None, "en")
    assert role_of(result, "Yurchenko") == "journalist"
    assert not events_of(result, "Yurchenko", "exchanged")


@pytest.mark.parametrize(
    "sentence",
    [
        "Taras Bilyk, who is involved in prisoner exchange negotiations, said lists were ready.",
        "Taras Bilyk took part in prisoner exchange talks in Istanbul.",
    ],
)
def test_work_on_exchanges_is_no_exchange(sentence: str) -> None:
    assert not extract(sentence, None, "en").events


def test_a_swap_before_a_comma_is_still_one() -> None:
    result = extract(
        "Taras Bilyk was freed in the exchange, talks with his family followed.", None, "en"
    )
    assert events_of(result, "Bilyk", "exchanged")


def test_the_ukrainian_spelling_ombudsmen_is_an_official() -> None:
    result = extract("Омбудсмен Дмитро Коваленко заявив, що обмін відбувся.", None, "uk")
    assert role_of(result, "Коваленко") == "official"
    assert not events_of(result, "Коваленко", "exchanged")
