"""`powtrace link`, `judge`, `person merge` and `person unmerge` from the command line; lists
as CSV and as .xlsx workbooks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from .support import Cli, one_error_line


def write_workbook(path: Path, rows: list[list[object]]) -> Path:
    """An .xlsx of the rows (row 1 first; [] leaves a row empty), made by openpyxl."""
    wb = openpyxl.Workbook()
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            wb.active.cell(r, c, value)
    wb.save(path)
    return path


def test_link_writes_decisions_and_judge_merge_unmerge(cli: Cli, tmp_path: Path) -> None:
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "id;Фамилия;Имя;Отчество;Дата рождения\nR-1;Долгополов;Игорь;Сергеевич;12.04.1993\n",
        encoding="utf-8",
    )
    cli.ok("person", "import", registry, "--list", "registry")
    listed = tmp_path / "exchange.csv"
    listed.write_text(
        "id,full_name,birth_date\n7,DOLGOPOLOV IHOR,12.04.1993\n8,Petrenko Oleh,1990\n",
        encoding="utf-8",
    )
    out = tmp_path / "decisions.csv"
    cli.ok("link", listed, "--out", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "row_id,external_id,score,decision"
    assert lines[1].startswith("7,R-1,")  # one registry person: link or review, never new
    assert lines[1].rsplit(",", 1)[1] in {"link", "review"}
    assert lines[2].startswith("8,,") and lines[2].endswith(",new")

    code, _, err = cli("judge", "ext:list:exchange:7", "p-nobody", "same")
    assert code == 1 and "p-nobody" in err
    cli.ok("person", "import", listed, "--list", "exchange")
    people = {p["name"]: p["id"] for p in json.loads(cli.ok("person", "list", "--json"))}
    keep, absorb = people["Долгополов Игорь Сергеевич"], people["DOLGOPOLOV IHOR"]
    merged = cli.ok("person", "merge", keep, absorb)
    merge_id = merged.split(" as ")[1].split()[0]
    names = {p["name"] for p in json.loads(cli.ok("person", "list", "--json"))}
    assert "DOLGOPOLOV IHOR" not in names
    shown = json.loads(cli.ok("person", "show", absorb, "--json"))  # leads to the kept person
    assert shown["person"]["id"] == keep
    cli.ok("person", "unmerge", merge_id)
    names = {p["name"] for p in json.loads(cli.ok("person", "list", "--json"))}
    assert "DOLGOPOLOV IHOR" in names
    assert "intact" in cli.ok("audit", "verify")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_exchange_list_naming_a_refusal_raises_a_blocking_alert(
    cli: Cli, tmp_path: Path, kind: str
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("He told the ICRC delegate he does not want to go back.", encoding="utf-8")
    sid = json.loads(cli.ok("source", "add", note, "--kind", "testimony", "--json"))["id"]
    pid = json.loads(
        cli.ok(
            "person",
            "add",
            "Орлов Сергей Петрович",
            "--birth-date",
            "1990-06-01",
            "--side",
            "russia",
            "--json",
        )
    )["id"]
    code, _, err = cli(
        "wish",
        "record",
        pid,
        "--date",
        "2025-05-02",
        "--source",
        sid,
        "--excerpt",
        "he does not want to go back",
        "--obtained-via",
        "icrc_interview",
    )
    assert code == 1 and "consent" in err
    cli.ok(
        "wish",
        "record",
        pid,
        "--date",
        "2025-05-02",
        "--source",
        sid,
        "--excerpt",
        "he does not want to go back",
        "--obtained-via",
        "icrc_interview",
        "--consent",
    )
    listed = tmp_path / f"swap.{kind}"
    if kind == "csv":
        listed.write_text("id,full_name,birth_date\n41,ORLOV SERGEI,01.06.1990\n", encoding="utf-8")
    else:  # the listing cites the row in the sheet's CSV text (kept as the source)
        write_workbook(
            listed, [["id", "full_name", "birth_date"], [41, "ORLOV SERGEI", date(1990, 6, 1)]]
        )
    code, _, err = cli("link", listed)  # restricted clearance: no alert shown …
    assert code == 0 and "ALERT" not in err
    code, _, err = cli("--clearance", "sealed", "link", listed)
    assert code == 3 and "ALERT row 41" in err and "109(3)" in err
    found = json.loads(cli.ok("--clearance", "sealed", "findings", "--person", pid, "--json"))
    assert "repatriation_against_will" in {f["rule_id"] for f in found}  # … but recorded


def test_a_workbook_is_imported_and_linked_as_its_csv_would_be(cli: Cli, tmp_path: Path) -> None:
    registry = write_workbook(
        tmp_path / "реєстр.xlsx",
        [
            [],  # the header is the first row that is not empty
            ["№", "Фамилия", "Имя", "Отчество", "Дата рождения"],
            ["R-1", "Долгополов", "Игорь", "Сергеевич", date(1993, 4, 12)],
            [2.0, "Бондаренко", "Андрій", "Іванович", "1987"],
            [3, "Мельник", "Тарас", None, "31.02.1990"],
        ],
    )
    code, out, err = cli("person", "import", registry, "--list", "registry", "--encoding", "cp1251")
    assert code == 0 and "added 2 person(s)" in out
    assert "реєстр.xlsx line 5, column 'Дата рождения': " in err and "28 days" in err
    people = json.loads(cli.ok("person", "list", "--json"))
    assert {p["name"] for p in people} == {
        "Долгополов Игорь Сергеевич",
        "Бондаренко Андрій Іванович",
    }
    listed = write_workbook(
        tmp_path / "обмін.xlsx",
        [["id", "full_name", "birth_date"], [7, "DOLGOPOLOV IHOR", "12.04.1993"]],
    )
    out_file = tmp_path / "decisions.csv"
    cli.ok("link", listed, "--out", out_file)
    decision = out_file.read_text(encoding="utf-8").splitlines()[1]
    assert decision.startswith("7,R-1,") and decision.rsplit(",", 1)[1] in {"link", "review"}

    before = cli.audit_entries()
    fake = tmp_path / "фальшивий.xlsx"
    fake.write_text("id,full_name\n1,Орлов Сергій\n", encoding="utf-8")
    code, _, err = cli("person", "import", fake)
    assert code == 1 and "фальшивий.xlsx: this is not an Excel workbook" in one_error_line(err)
    assert cli.audit_entries() == before
