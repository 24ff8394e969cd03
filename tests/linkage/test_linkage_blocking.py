"""Blocking finds the true record for every rendering: script and spelling never hide it."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.intake.lists import ListRow, parse_written_date
from powtrace.linkage import Index, record_from_row

from .conftest import AS_OF


def _row(values: dict[str, str]) -> ListRow:
    birth = parse_written_date(values["birth_date"]) if values.get("birth_date") else None
    return ListRow(2, values["id"], dict(values), birth)


@pytest.fixture(scope="module")
def generated(bench_modules: Any) -> tuple[Index, dict[str, list[tuple[Any, str]]], Any]:
    """A 1,500-person registry and every person rendered in every way, without errors."""
    generate, queries = bench_modules
    world = generate.World(seed=5, tail=4000)
    people = world.registry(1500)
    rng = random.Random(1)
    records = [record_from_row(_row(queries.registry_values(p, rng)), scheme="r") for p in people]
    renderer = queries.Renderer(world, rng)
    by_rendering: dict[str, list[tuple[Any, str]]] = defaultdict(list)
    for i, p in enumerate(rng.sample(people, 270)):
        rendering = generate.RENDERINGS[i % len(generate.RENDERINGS)]
        values, _ = renderer.render(p, rendering, errors=False)
        values["id"] = f"q{i}"
        by_rendering[rendering].append((record_from_row(_row(values), as_of=AS_OF), p.id))
    return Index.build(records), by_rendering, (world, people, renderer)


def test_blocking_recall_is_one_for_every_rendering(generated: Any) -> None:
    index, by_rendering, _ = generated
    assert len(by_rendering) == 9
    for rendering, pairs in by_rendering.items():
        missed = [
            q.names for q, truth in pairs if index.get(f"ext:r:{truth}") not in index.candidates(q)
        ]
        assert not missed, f"{rendering}: {missed}"


def test_blocking_survives_typos_and_date_errors(generated: Any, bench_modules: Any) -> None:
    generate, _ = bench_modules
    index, _, (_, people, renderer) = generated
    found = total = 0
    for i, p in enumerate(people[:300]):
        values, _ = renderer.render(p, generate.RENDERINGS[i % 9], errors=True)
        values["id"] = f"t{i}"
        q = record_from_row(_row(values), as_of=AS_OF)
        total += 1
        found += index.get(f"ext:r:{p.id}") in index.candidates(q)
    assert found / total >= 0.97


def test_a_surname_typo_is_found_through_the_given_name_and_birth_day(generated: Any) -> None:
    index, _, (_, people, _) = generated
    p = next(p for p in people if p.birth and not p.birth_year_only and len(p.surname) > 6)
    mangled = p.surname[0] + p.surname[3] + p.surname[2] + p.surname[1] + p.surname[4:]
    values = {
        "id": "x",
        "surname": mangled,
        "first_name": p.given,
        "birth_date": p.birth.isoformat(),
    }
    q = record_from_row(_row(values))
    assert index.get(f"ext:r:{p.id}") in index.candidates(q)


def test_candidates_never_include_the_record_itself(generated: Any) -> None:
    index, _, _ = generated
    record = index.records[0]
    assert record not in index.candidates(record)
    assert isinstance(record.birth, PartialDate | None)


def _record(rid: str, surname: str, given: str, patronymic: str, born: str) -> Any:
    from powtrace.linkage import NameParts, Record

    names = (NameParts(f"{surname} {given} {patronymic}", surname, given, patronymic),)
    return Record(rid, names, PartialDate.parse(born), ref=f"person:{rid}")


def test_initials_and_a_birth_day_find_a_surname_two_letters_off() -> None:
    from powtrace.linkage import NameParts, Record

    index = Index.build(
        [
            _record("n", "Нинаев", "Михаил", "Олегович", "1997-02-05"),
            _record("o", "Нинаев", "Сергей", "Олегович", "1997-02-05"),
            _record("p", "Нинаев", "Максим", "Олегович", "1997-02-06"),
        ]
    )
    # Нанав: two letters from Нинаев (Нинав is one: its skeleton nav is one from naev).
    court = Record("q", (NameParts("Нанав М. О."),), PartialDate.parse("1997-02-05"))
    assert {r.id for r in index.candidates(court)} == {"n"}
    swapped = Record("s", (NameParts("Нанав М. О."),), PartialDate.parse("1997-05-02"))
    assert {r.id for r in index.candidates(swapped)} == {"n"}


def test_an_unknown_surname_is_looked_up_by_given_name_a_year_either_side() -> None:
    from powtrace.linkage import NameParts, Record
    from powtrace.linkage.record import birth_from_age

    index = Index.build([_record("t", "Титов", "Иван", "Александрович", "1991-12-25")])
    # "Titvov" is two edits from Титов's skeleton, and the age is a year off (32, not 33).
    press = Record("q", (NameParts("Ivan Titvov"),), birth_from_age(32, AS_OF))
    assert index.get("person:t") in index.candidates(press)


def test_a_doubled_letter_or_a_short_skeleton_still_finds_the_surname() -> None:
    from powtrace.linkage import NameParts, Record

    index = Index.build(
        [
            _record("b", "Бобров", "Дмитрий", "Алексеевич", "1994-12-17"),
            _record("t", "Титов", "Иван", "Александрович", "1991-12-25"),
            _record("p", "Попов", "Михаил", "Сергеевич", "2002-06-03"),
        ]
    )
    # No birth date: only the surname can find them.
    for text, rid in (("Ббров Дмитрий", "b"), ("Титвов Иван", "t"), ("Ппов Михаил", "p")):
        found = {r.id for r in index.candidates(Record("q", (NameParts(text),)))}
        assert rid in found, text
