"""Linking a list: link, review or new for each row; judgements override the model."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import NotFoundError
from powtrace.domain.model import ExternalId, NameForm, Person
from powtrace.store import writes
from powtrace.store.store import Store
from powtrace.workflows import linking


def _registry(store: Store) -> dict[str, Person]:
    people = {
        "igor": Person(
            [NameForm("Долгополов Игорь Сергеевич", kind="official")],
            birth_date=PartialDate.parse("1993-04-12"),
            gender="m",
            external_ids=[ExternalId("registry", "R-117")],
        ),
        "namesake": Person(
            [NameForm("Долгополов Игорь Викторович", kind="official")],
            birth_date=PartialDate.parse("1979-11-02"),
            gender="m",
        ),
        "gleb": Person(
            [NameForm("Тетерин Глеб Андреевич", kind="official")],
            birth_date=PartialDate.parse("1989-03-12"),
            gender="m",
        ),
    }
    with store.transaction("registrar") as tx:
        for p in people.values():
            writes.add_person(tx, p)
    return people


LIST = (
    "id,full_name,birth_date\n"
    "1,DOLGOPOLOV IHOR,12.04.1993\n"
    "2,Тетерин Глеб Андреевич,12.03.1989\n"
    "3,Petrenko Oleh,1990-01-01\n"
    "4,Dolgopolov Igor,02.11.1979\n"
)


@pytest.fixture
def exchange_list(tmp_path: Path) -> Path:
    path = tmp_path / "exchange.csv"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_rows_link_to_the_right_namesake_or_are_new(store: Store, exchange_list: Path) -> None:
    people = _registry(store)
    run = linking.link_file(store, exchange_list)
    by_row = {r.row_id: r for r in run.results}
    assert (by_row["1"].matched_id, by_row["1"].decision) == (people["igor"].id, "link")
    assert by_row["2"].matched_id == people["gleb"].id
    assert by_row["3"].decision == "new" and by_row["3"].matched_id is None
    assert by_row["4"].matched_id == people["namesake"].id
    explanation = by_row["1"].explanation
    assert explanation is not None
    assert abs(sum(w.weight for w in explanation.weights) - explanation.total) < 1e-6
    decisions = list(csv.reader(io.StringIO(linking.decisions_csv(run))))
    assert decisions[0] == ["row_id", "external_id", "score", "decision"]
    assert decisions[1][:2] == ["1", "R-117"] and decisions[1][3] == "link"


def test_a_judgement_overrides_the_model_next_time(store: Store, exchange_list: Path) -> None:
    people = _registry(store)
    run = linking.link_file(store, exchange_list)
    ref = run.records["1"].key
    assert ref == "ext:list:exchange:1"
    linking.judge(
        store,
        "reviewer",
        ref,
        people["igor"].id,
        "not_same",
        note="the list's Ihor was born in Kharkiv",
    )
    again = {r.row_id: r for r in linking.link_file(store, exchange_list).results}
    assert again["1"].matched_id != people["igor"].id
    linking.judge(store, "reviewer", ref, people["igor"].id, "same")
    third = {r.row_id: r for r in linking.link_file(store, exchange_list).results}
    assert (third["1"].matched_id, third["1"].decision) == (people["igor"].id, "link")
    with pytest.raises(NotFoundError):
        linking.judge(store, "reviewer", ref, "p-nobody", "same")
