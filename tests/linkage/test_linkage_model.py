"""The model separates renderings of one man from his namesakes, and explains every score."""

from __future__ import annotations

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.linkage import (
    FieldWeight,
    Frequencies,
    Index,
    Model,
    NameParts,
    Record,
    Thresholds,
    decide,
    link,
)
from powtrace.linkage.record import birth_from_age

from .conftest import AS_OF

AGE_35 = birth_from_age(35, AS_OF)  # Долгополов was born 1990-05-12: 35 on 2025-06-01


def query(text: str, birth: PartialDate | None, region: str | None = None) -> Record:
    return Record(id=f"q:{text}", names=(NameParts(text),), birth=birth, region=region)


RENDERINGS = [
    ("Долгополов Ігор Сергійович", PartialDate.parse("1990-05-12")),  # Ukrainian list
    ("Igor Dolgopolov", AGE_35),  # English press, age
    ("DOLGOPOLOV IGOR", PartialDate.parse("1990-12-05")),  # passport, day/month swapped
    ("Igor Dolgopolow", AGE_35),  # German press
    ("Igor Sergueïevitch Dolgopolov", AGE_35),  # French press
    ("обмен рядового Долгополова Игоря Сергеевича", PartialDate.parse("1990")),  # genitive
    ("с Долгополовым Игорем Сергеевичем", PartialDate.parse("1991-05-12")),  # a year off
    ("Долгополов И. С.", PartialDate.parse("1990-05-12")),  # court record
    ("Гарик Долгополов", PartialDate.parse("1990-05-12")),  # diminutive
]


@pytest.mark.parametrize(("text", "birth"), RENDERINGS)
def test_every_rendering_links_to_the_right_dolgopolov(
    text: str, birth: PartialDate, index: Index, model: Model
) -> None:
    [result] = link([query(text, birth)], index, model)
    assert result.matched_id == "dolgopolov", result.explanation.reasons()
    assert result.decision == "link", result.explanation.reasons()


@pytest.mark.parametrize(
    ("text", "birth"),
    [
        ("Долгополов Игорь Сергеевич", PartialDate.parse("1975-02-11")),  # other birth year
        ("Долгополов Игорь Андреевич", PartialDate.parse("1990-03-01")),  # other patronymic
        ("Igor Dolgopolov", birth_from_age(52, AS_OF)),  # press: another man's age
        ("Долгополов И. А.", PartialDate.parse("1990")),  # court: other patronymic initial
    ],
)
def test_namesakes_are_not_linked(
    text: str, birth: PartialDate, index: Index, model: Model
) -> None:
    [result] = link([query(text, birth)], index, model)
    assert result.decision != "link", result.explanation.reasons()


def test_common_surname_is_weaker_evidence_than_a_rare_one(model: Model) -> None:
    freq = Frequencies({"s:yvanov": 2_000, "s:dolgopolov": 2}, 200_000)

    def surname_weight(surname: str) -> FieldWeight:
        a = query(f"{surname} Игорь", None)
        b = Record("x", (NameParts(f"{surname} Игорь", surname, "Игорь"),))
        return next(w for w in model.score(a, b, freq).weights if w.field == "surname")

    ivanov, dolgopolov = surname_weight("Иванов"), surname_weight("Долгополов")
    assert dolgopolov.weight > ivanov.weight + 6
    assert "1.00% of records" in ivanov.reason and "rare" in dolgopolov.reason


def test_explanations_sum_to_the_total(index: Index, model: Model) -> None:
    for text, birth in RENDERINGS:
        [result] = link([query(text, birth)], index, model)
        score = result.explanation
        assert score is not None
        assert score.total == pytest.approx(sum(w.weight for w in score.weights))
        assert all(w.reason for w in score.weights)


def test_day_month_swap_is_explained(index: Index, model: Model) -> None:
    [result] = link([query("DOLGOPOLOV IGOR", PartialDate.parse("1990-12-05"))], index, model)
    birth = next(w for w in result.explanation.weights if w.field == "birth")
    assert "day and month swapped" in birth.reason and birth.weight > 0


def test_thresholds_give_three_outcomes() -> None:
    th = Thresholds(link=0.9, review=0.2)
    assert decide(0.95, th) == "link"
    assert decide(0.5, th) == "review"
    assert decide(0.05, th) == "new"
    with pytest.raises(ValidationError, match="thresholds"):
        Thresholds(link=0.1, review=0.5)


def test_a_conflict_caps_the_decision_at_review(index: Index, model: Model) -> None:
    a = query("Долгополов Игорь Сергеевич", PartialDate.parse("1979-01-01"))
    score = model.score(a, index.get("dolgopolov"), index.freq)
    assert any(w.field == "birth" and "conflicting" in w.reason for w in score.weights)
    assert decide(score, Thresholds(link=1e-9, review=0.0)) == "review"
    assert decide(score, Thresholds(link=1e-9, review=0.0, veto=())) == "link"
