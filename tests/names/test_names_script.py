"""Script and language detection, and repair of look-alike letters."""

from __future__ import annotations

import pytest

from powtrace.names import detect_language, detect_script
from powtrace.names.script import repair_homoglyphs


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Долгополов Игорь", "Cyrl"),
        ("Dolgopolov Igor", "Latn"),
        ("Dolgopolov Игорь", "Mixed"),
        ("Ščerbakov", "Latn"),
        ("1994", "Zyyy"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Долгополов Ігор Сергійович", "uk"),  # і
        ("Євген Ґудзь", "uk"),  # є ґ
        ("В'ячеслав", "uk"),  # apostrophe between letters
        ("Ковальов", "uk"),  # ьо
        ("Ёлкин Эдуард", "ru"),  # ё э
        ("Крылов", "ru"),  # ы
        ("Игорь Долгополов", "ru"),  # word-initial и
        ("Шевченко Тарас", None),  # letters common to both
        ("Igor Dolgopolov", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_homoglyphs_are_repaired_into_the_majority_script() -> None:
    assert repair_homoglyphs("Дoлгoпoлoв") == "Долгополов"  # Latin o
    assert repair_homoglyphs("Dоlgоpolov") == "Dolgopolov"  # Cyrillic о
    assert repair_homoglyphs("Бiлоус") == "Білоус"  # Latin i typed for і
    assert repair_homoglyphs("Igor") == "Igor"
