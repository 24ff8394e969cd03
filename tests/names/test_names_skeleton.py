"""Phonetic skeletons: romanisations of one word reduce to a shared skeleton."""

from __future__ import annotations

import pytest

from powtrace.names import skeleton, skeletons
from powtrace.names.skeleton import initial_classes, patronymic_stem, surname_stem


@pytest.mark.parametrize(
    ("cyrillic", "latin_forms"),
    [
        ("Хрущёв", ["Khrushchev", "Khrushchyov", "Chruschtschow", "Khrouchtchev", "Hruŝëv"]),
        ("Кузнецов", ["Kuznetsov", "Kusnezow", "Kouznetsov", "Kuznecov"]),
        ("Щербаков", ["Shcherbakov", "Scherbakov", "Schtscherbakow", "Chtcherbakov", "Ščerbakov"]),
        ("Юрий", ["Iurii", "Yuri", "Jurij", "Iouri", "Yury", "Yuriy"]),
        ("Евгений", ["Evgenii", "Yevgeny", "Jewgeni", "Evgueni"]),
        ("Ковалёв", ["Kovalev", "Kovalyov", "Kowaljow"]),
        ("Зеленский", ["Zelensky", "Selenskyj", "Zelenskyi", "Zelenskiy"]),
        ("Смирнов", ["Smirnov", "Smirnoff", "Smirnow"]),
        ("Путин", ["Putin", "Poutine"]),
        ("Вячеслав", ["Viacheslav", "Vyacheslav", "Wjatscheslaw", "Viatcheslav"]),
        ("Жуков", ["Zhukov", "Joukov", "Schukow", "Žukov"]),
        ("Гончаренко", ["Honcharenko", "Goncharenko", "Gontscharenko", "Hontcharenko"]),
    ],
)
def test_romanisations_share_a_skeleton_with_the_cyrillic(
    cyrillic: str, latin_forms: list[str]
) -> None:
    target = set(skeletons(cyrillic))
    for latin in latin_forms:
        assert target & set(skeletons(latin)), latin


def test_skeleton_folds_case_glides_doubles_and_soft_signs() -> None:
    assert skeleton("DOLGOPOLOV") == skeleton("dolgopolov") == "dolgopolov"
    assert skeleton("Кирилл") == skeleton("Kiril") == "krl"
    assert skeleton("Il'ya") == skeleton("Ilya") == skeleton("Илья") == skeleton("Ілля")
    assert skeleton("") == "" and skeletons("123") == ()


def test_feminine_and_patronymic_stems() -> None:
    assert surname_stem("dolgopolova") == "dolgopolov"
    assert surname_stem("kovalska") == "kovalsk"
    assert surname_stem("kovalenko") == "kovalenko"
    assert patronymic_stem(skeleton("Сергеевич")) == patronymic_stem(skeleton("Сергеевна"))
    assert patronymic_stem(skeleton("Іванівна")) == patronymic_stem(skeleton("Ivanovich"))


def test_initials_match_across_scripts() -> None:
    assert initial_classes("И") & initial_classes("Igor")
    assert initial_classes("Е") & initial_classes("Yevgeny")
    assert initial_classes("Е") & initial_classes("Evgenii")
    assert initial_classes("Ю") & initial_classes("Yu.")
    assert initial_classes("Г") & initial_classes("H")  # Hryhorii
    assert initial_classes("Ж") & initial_classes("Zh")
    assert not initial_classes("П") & initial_classes("S")
