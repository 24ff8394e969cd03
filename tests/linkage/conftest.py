"""Fixtures: a small registry with the Dolgopolov family of namesakes, and the bench generator."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.linkage import Index, Model, NameParts, Record

BENCH = Path(__file__).resolve().parents[2] / "bench" / "linkage"
AS_OF = date(2025, 6, 1)


def person(pid: str, surname: str, given: str, patronymic: str, born: str, **kw: str) -> Record:
    """A registry record with list columns."""
    text = f"{surname} {given} {patronymic}"
    return Record(
        id=pid,
        names=(NameParts(text, surname, given, patronymic),),
        birth=PartialDate.parse(born),
        ref=f"person:{pid}",
        **kw,
    )


@pytest.fixture(scope="session")
def bench_modules() -> object:
    """The benchmark's generator modules (bench/linkage), importable."""
    sys.path.insert(0, str(BENCH))
    import generate
    import queries

    return generate, queries


@pytest.fixture(scope="session")
def registry(bench_modules: object) -> list[Record]:
    """600 generated persons plus Долгополов Игорь Сергеевич and his two namesakes."""
    generate, _ = bench_modules  # type: ignore[misc]
    world = generate.World(seed=3, tail=3000)
    out = [
        person(
            "dolgopolov", "Долгополов", "Игорь", "Сергеевич", "1990-05-12", region="Курская область"
        ),
        person("namesake-year", "Долгополов", "Игорь", "Сергеевич", "1984-03-02"),
        person("namesake-patr", "Долгополов", "Игорь", "Петрович", "1990-08-20"),
    ]
    for p in world.registry(600):
        birth = PartialDate.from_date(p.birth) if p.birth else None
        out.append(
            Record(
                id=p.id,
                names=(NameParts(f"{p.surname} {p.given}", p.surname, p.given, p.patronymic),),
                birth=birth,
                ref=f"person:{p.id}",
            )
        )
    return out


@pytest.fixture(scope="session")
def index(registry: list[Record]) -> Index:
    """The registry, indexed."""
    return Index.build(registry)


@pytest.fixture(scope="session")
def model(index: Index) -> Model:
    """The default (prior) model, sized to the index."""
    return Model(population=len(index), match_rate=0.75)
