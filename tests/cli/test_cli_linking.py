"""`powtrace link`, `judge`, `person merge` and `person unmerge` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from .support import Cli


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


def test_an_exchange_list_naming_a_refusal_raises_a_blocking_alert(
    cli: Cli, tmp_path: Path
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
    listed = tmp_path / "swap.csv"
    listed.write_text("id,full_name,birth_date\n41,ORLOV SERGEI,01.06.1990\n", encoding="utf-8")
    code, _, err = cli("link", listed)  # restricted clearance: no alert shown …
    assert code == 0 and "ALERT" not in err
    code, _, err = cli("--clearance", "sealed", "link", listed)
    assert code == 3 and "ALERT row 41" in err and "109(3)" in err
    found = json.loads(cli.ok("--clearance", "sealed", "findings", "--person", pid, "--json"))
    assert "repatriation_against_will" in {f["rule_id"] for f in found}  # … but recorded
