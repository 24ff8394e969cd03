"""Importing a list: one person per good row, each with the row's id; re-running adds nothing."""

from __future__ import annotations

from pathlib import Path

from powtrace.domain.model import ExternalId
from powtrace.store import rows
from powtrace.store.store import Store
from powtrace.workflows import lists

CSV = (
    "id;Фамилия;Имя;Отчество;Дата рождения;Пол\n"
    "17;Долгополов;Игорь;Сергеевич;12.04.1993;м\n"
    "18;Тетерин;Глеб;Андреевич;31.02.1989;м\n"
    "19;Дьячков;Степан;Олегович;1995;м\n"
)


def test_good_rows_import_with_their_ids_and_bad_rows_are_listed(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "exchange-2025-03-19.csv"
    path.write_text(CSV, encoding="utf-8")
    seen: list[tuple[int, int]] = []
    result = lists.import_list_file(
        store, "analyst", path, side="russia", progress=lambda d, t: seen.append((d, t))
    )
    assert result.scheme == "list:exchange-2025-03-19"
    assert len(result.created) == 2 and seen[-1] == (2, 2)
    assert [(e.line, e.column) for e in result.errors] == [(3, "Дата рождения")]
    with store.reading() as conn:
        people = {p.external_ids[0].value: p for p in rows.load_persons(conn)}
    assert set(people) == {"17", "19"}
    igor = people["17"]
    assert igor.external_ids == [ExternalId("list:exchange-2025-03-19", "17")]
    assert igor.name_forms[0].text == "Долгополов Игорь Сергеевич"
    assert (igor.name_forms[0].surname, igor.name_forms[0].patronymic) == (
        "Долгополов",
        "Сергеевич",
    )
    assert (str(igor.birth_date), igor.gender.value, igor.side.value) == (
        "1993-04-12",
        "m",
        "russia",
    )


def test_running_again_completes_without_duplicates(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(CSV.replace("31.02.1989", "1989"), encoding="utf-8")
    first = lists.import_rows(
        store, "analyst", _only_first_row(path), scheme="list:list"
    )  # as if the first run was cut short after one row
    second = lists.import_list_file(store, "analyst", path)
    assert len(first.created) == 1
    assert (len(second.created), second.existing) == (2, 1)
    with store.reading() as conn:
        assert len(rows.load_persons(conn)) == 3


def _only_first_row(path: Path) -> lists.ListFile:
    listed = lists.read_list(path)
    listed.rows = listed.rows[:1]
    return listed
