"""`export` and `import`: lossless round trips, redaction, and files refused whole."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from .support import Cli, Runner, one_error_line

TEXT = (
    "Тетерин Глеб Андреевич попал в плен 9 августа 2024 года в Курской области.\n"
    "22 ноября его обменяли, а в январе отправили под Донецк.\n"
)


def _populate(c: Cli, tmp_path: Path) -> dict[str, str]:
    """A small registry: persons in two scripts, a source, cited and sealed events."""
    src = tmp_path / "appeal.txt"
    src.write_text(TEXT, encoding="utf-8")
    sid = c.json(
        "source",
        "add",
        src,
        "--title",
        "Обращение матери",
        "--outlet",
        "Telegram",
        "--published",
        "2025-04-10",
        "--language",
        "ru",
        "--reliability",
        "C",
    )["id"]
    teterin = c.add_person(
        "Тетерин Глеб Андреевич",
        "--language",
        "ru",
        "--name",
        "Gleb Teterin",
        "--birth-date",
        "1989-03-12",
        "--side",
        "russia",
        "--unit",
        "military unit 48312",
        "--rank",
        "private",
    )
    dyachkov = c.add_person("Дьячков Степан", "--visibility", "public", "--side", "russia")
    sealed = c.add_person("Секретов Сергей", "--visibility", "sealed")
    c.add_event(
        teterin,
        "captured",
        "--date",
        "2024-08-09",
        "--review",
        "confirmed",
        "--detail",
        "mode=surrendered",
        "--detail",
        "detaining_state=Ukraine",
        "--source",
        sid,
        "--excerpt",
        "попал в плен 9 августа 2024 года",
        "--credibility",
        "2",
    )
    c.add_event(
        teterin,
        "exchanged",
        "--date",
        "2024-11~",
        "--review",
        "confirmed",
        "--detail",
        "group_size=112",
        "--source",
        sid,
        "--excerpt",
        "22 ноября его обменяли",
    )
    c.add_event(
        dyachkov,
        "surrendered",
        "--date",
        "2024-06/2024-07",
        "--detail",
        "via=in_person",
        "--review",
        "confirmed",
    )
    c.add_event(sealed, "missing", "--date", "2025-03-04")
    return {"source": sid, "teterin": teterin, "dyachkov": dyachkov, "sealed": sealed}


def _second_home(run: Runner, tmp_path: Path, name: str = "second") -> Cli:
    """A fresh embedded store in another home, with the CLI pointed at it."""
    c = Cli(run, ("--home", str(tmp_path / name)), "sqlcipher")
    c.ok("init")
    return c


def test_full_export_import_export_gives_identical_bytes(
    cli: Cli, run: Runner, tmp_path: Path
) -> None:
    ids = _populate(cli, tmp_path)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    summary = cli.json("export", first, "--full")
    assert (summary["persons"], summary["sources"], summary["events"]) == (3, 1, 4)
    assert summary["redacted"] is False
    assert stat.S_IMODE(first.stat().st_mode) == 0o600  # an export holds restricted data

    other = _second_home(run, tmp_path)
    imported = other.json("import", first)
    assert imported["created"] == {"persons": 3, "sources": 1, "events": 4}
    other.ok("export", second, "--full")
    assert second.read_bytes() == first.read_bytes()

    # The copy is a working registry: the same timeline, and the same again adds nothing.
    assert (
        other.json("status", ids["teterin"])["status"]
        == cli.json("status", ids["teterin"])["status"]
    )
    entries = other.audit_entries()
    again = other.json("import", first)
    assert again["created"] == {"persons": 0, "sources": 0, "events": 0}
    assert again["unchanged"] == {"persons": 3, "sources": 1, "events": 4}
    assert other.audit_entries() == entries
    assert "already present" in other.ok("import", first)


def test_default_export_leaves_out_sealed_records_and_fields(cli: Cli, tmp_path: Path) -> None:
    ids = _populate(cli, tmp_path)
    redacted, full = tmp_path / "redacted.json", tmp_path / "full.json"
    summary = cli.json("export", redacted)
    cli.ok("export", full, "--full")
    text, full_text = redacted.read_text("utf-8"), full.read_text("utf-8")

    assert "surrendered" not in text  # neither the sealed event nor the sealed capture mode
    assert "surrendered" in full_text
    assert "Секретов" not in text and "Секретов" in full_text
    assert full_text.count('"surrendered"') == 2  # captured.mode and the event's type

    doc = json.loads(text)
    assert doc["redacted"] is True and json.loads(full_text)["redacted"] is False
    assert {p["id"] for p in doc["persons"]} == {ids["teterin"], ids["dyachkov"]}
    [captured] = [e for e in doc["events"] if e["type"] == "captured"]
    assert captured["details"] == {"detaining_state": "Ukraine"}
    assert sorted(e["type"] for e in doc["events"]) == ["captured", "exchanged"]
    # 3 records (the sealed person, their event, the surrender) and 1 field (the mode).
    assert summary["withheld"] == {"records": 3, "fields": 1}
    out = cli.ok("export", redacted)
    assert "redacted" in out and "Left out 3 sealed record(s) and 1 sealed field(s)" in out


def _mutate(doc: dict[str, Any], how: str) -> str:
    if how == "bad-event-type":
        doc["events"][0]["type"] = "capturd"
    elif how == "bad-event-date":
        doc["events"][1]["date"] = "2024-02-30"
    elif how == "nameless-person":
        doc["persons"][2]["name_forms"] = []
    elif how == "bad-citation":
        doc["events"][0]["citations"][0]["start"] = -5
    elif how == "tampered-source":
        doc["sources"][0]["text"] = doc["sources"][0]["text"] + "x"  # cited spans still fit
        doc["sources"][0]["content_base64"] = "bm90IHRoZSBvcmlnaW5hbA=="
    elif how == "not-an-export":
        doc = {"persons": doc["persons"]}
    elif how == "future-version":
        doc["version"] = 99
    return json.dumps(doc, ensure_ascii=False)


@pytest.mark.parametrize(
    ("how", "named"),
    [
        ("invalid-json", "not JSON (line 1"),
        ("bad-event-type", "events[0]: unknown event type 'capturd'"),
        ("bad-event-date", "events[1]"),
        ("nameless-person", "persons[2]"),
        ("bad-citation", "events[0]: citations[0]"),
        ("tampered-source", "sources[0]"),
        ("not-an-export", "not a powtrace export"),
        ("future-version", "version 99"),
    ],
)
def test_a_bad_import_file_is_refused_whole(
    cli: Cli, run: Runner, tmp_path: Path, how: str, named: str
) -> None:
    origin = _second_home(run, tmp_path, "origin")
    _populate(origin, tmp_path)
    good = tmp_path / "good.json"
    origin.ok("export", good, "--full")
    doc = json.loads(good.read_text("utf-8"))
    # Events sort by random id: put the captured one (with citations) first.
    doc["events"].sort(key=lambda e: e["type"] != "captured")
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "powtrace-export", ' if how == "invalid-json" else _mutate(doc, how),
        encoding="utf-8",
    )

    before = cli.audit_entries()
    code, out, err = cli("import", bad)
    assert code == 1 and out == ""
    line = one_error_line(err)
    assert named in line and str(bad) in line
    assert cli.audit_entries() == before
    assert cli.json("--clearance", "sealed", "person", "list") == []
    assert cli.json("--clearance", "sealed", "source", "list") == []


def test_import_of_a_missing_file_names_it(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("import", tmp_path / "nowhere.json")
    assert code == 1
    assert "nowhere.json: no such file" in one_error_line(err)
