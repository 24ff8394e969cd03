"""Records from registry persons and list rows, and free-text search."""

from __future__ import annotations

import itertools

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import NameForm, Person
from powtrace.intake.lists import ListRow
from powtrace.linkage import Index, Model, parse_query, record_from_person, record_from_row, search

from .conftest import AS_OF


def test_record_from_person_keeps_every_name_form() -> None:
    p = Person(
        [NameForm("Долгополов Игорь Сергеевич", surname="Долгополов", given="Игорь"),
         NameForm("Igor Dolgopolov")],
        id="p-1", birth_date=PartialDate.parse("1990-05-12"), gender="m", unit="в/ч 12345",
    )  # fmt: skip
    r = record_from_person(p)
    assert r.ref == "person:p-1" and len(r.names) == 2 and r.gender == "m"
    assert r.names[0].for_keys == "Долгополов, Игорь"


def test_record_from_row_turns_an_age_into_a_birth_range() -> None:
    row = ListRow(3, "7", {"full_name": "Igor Dolgopolov", "age": "35"})
    r = record_from_row(row, as_of=AS_OF, scheme="press")
    assert r.ref == "ext:press:7"
    assert r.birth is not None and r.birth.contains(PartialDate.parse("1990-05-12").earliest)
    undated = record_from_row(ListRow(3, "8", {"full_name": "Igor Dolgopolov", "age": "35"}))
    assert undated.birth is None  # an age without a date says little


def test_parse_query_reads_dates_years_and_ages() -> None:
    assert str(parse_query("Долгополов Игорь 12.05.1990").birth) == "1990-05-12"
    assert str(parse_query("Dolgopolov 1990").birth) == "1990"
    aged = parse_query("Igor Dolgopolov, 35", as_of=AS_OF)
    assert aged.birth is not None and aged.birth.is_range
    assert aged.names[0].text == "Igor Dolgopolov,"


def test_search_ranks_the_right_person_first_with_reasons(index: Index, model: Model) -> None:
    hits = search(index, model, "Ihor Dolhopolov 12.05.1990")
    assert hits[0].record.id == "dolgopolov"
    assert hits[0].probability > 0.9
    assert any("surname: same" in r for r in hits[0].score.reasons())
    assert all(a.probability >= b.probability for a, b in itertools.pairwise(hits))
