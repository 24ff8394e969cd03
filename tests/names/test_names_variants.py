"""Given-name equivalents and diminutives, and the data tables behind them."""

from __future__ import annotations

import csv
from importlib import resources

from powtrace.names import given_name_concepts, given_name_variants
from powtrace.names.lexicon import lexicon


def test_variants_cover_russian_ukrainian_latin_and_diminutives() -> None:
    variants = given_name_variants("Алексей")
    assert {"Алексей", "Олексій", "Aleksei", "Oleksii", "Alexej", "Лёша", "Lyosha"} <= variants
    assert {"Николай", "Микола", "Mykola", "Kolya", "Коля"} <= given_name_variants("Mykola")


def test_variants_accept_declined_and_diminutive_input() -> None:
    assert "Дмитрий" in given_name_variants("Диме")
    assert "Дмитро" in given_name_variants("Dima")
    assert "Олександр" in given_name_variants("Саше")


def test_press_diminutives_map_to_full_names() -> None:
    expected = {
        "Sasha": "aleksandr",
        "Lyosha": "aleksei",
        "Sanya": "aleksandr",
        "Dima": "dmitrii",
        "Kolya": "nikolai",
        "Zhenya": "evgenii",
        "Seryozha": "sergei",
        "Vova": "vladimir",
        "Yura": "iurii",
    }
    for diminutive, concept in expected.items():
        assert concept in given_name_concepts(diminutive), diminutive


def test_unknown_names_are_their_own_only_variant() -> None:
    assert given_name_variants("Zurab") == {"Zurab"}


def test_the_given_name_table_is_complete() -> None:
    names = lexicon().names
    men = [n for n in names.values() if n.gender == "m"]
    assert len(men) >= 150
    for name in men:
        assert name.ru and name.uk, name.concept
        assert len(name.ru_patronymics) >= 2 and len(name.uk_patronymics) >= 2, name.concept
        assert all(
            p.endswith(("ич", "іч")) for p in name.ru_patronymics[:1] + name.uk_patronymics[:1]
        )


def test_every_diminutive_points_at_a_known_name() -> None:
    text = resources.files("powtrace.names").joinpath("data", "diminutives.csv").read_text("utf-8")
    names = lexicon().names
    for row in csv.DictReader(text.splitlines()):
        for concept in row["concepts"].split("|"):
            assert concept in names, (row["diminutive"], concept)
        assert row["lang"] in ("ru", "uk")
