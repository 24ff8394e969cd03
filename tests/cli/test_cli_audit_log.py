"""`powtrace audit log`: the newest entries, or those about one record, on both engines."""

from __future__ import annotations

from .support import Cli


def test_audit_log_about_one_person_shows_changes_reads_and_searches(cli: Cli) -> None:
    kept = cli.add_person("Тарасенко Остап Ігорович")
    other = cli.add_person("Мельничук Богдан")
    cli.ok("person", "search", "Tarasenko")  # restricted by default: an audited search
    cli.ok("person", "search", "Melnychuk")
    about = cli.json("audit", "log", "--record", kept)
    assert [(e["action"], e["entity"]) for e in about] == [
        ("read", "search"),  # newest first
        ("create", "person"),
    ]
    assert about[1]["entity_id"] == kept
    assert all(e["entity_id"] != other for e in about)
    newest = cli.json("audit", "log", "--limit", "2")
    assert [e["seq"] for e in newest] == sorted((e["seq"] for e in newest), reverse=True)
    assert len(newest) == 2 and newest[0]["seq"] == cli.audit_entries()
    assert "No audit entries about 'p-nobody'" in cli.ok("audit", "log", "--record", "p-nobody")


def test_a_record_id_with_wildcards_matches_nothing_else(cli: Cli) -> None:
    cli.add_person("Тарасенко Остап")
    cli.ok("person", "search", "Tarasenko")
    assert cli.json("audit", "log", "--record", "%") == []
    assert cli.json("audit", "log", "--record", "p-_") == []
    code, _, err = cli("audit", "log", "--record", "x" * 41)
    assert code != 0 and "--record" in err


def test_person_list_pages_and_its_reads_are_in_the_audit_log(cli: Cli) -> None:
    ids = [cli.add_person(f"Андрійчук{i} Остап") for i in range(3)]
    first = cli.json("person", "list", "--limit", "2")
    rest = cli.json("person", "list", "--limit", "2", "--offset", "2")
    assert [p["id"] for p in first + rest] == ids  # by name: Андрійчук0, 1, 2
    code, _, err = cli("person", "list", "--limit", "2")
    assert code == 0 and "Showing 1–2 of 3; --offset 2 for the next page." in err
    # ids[0] was on two first pages, ids[2] on one second page; each after its creation.
    assert [e["entity"] for e in cli.json("audit", "log", "--record", ids[0])] == [
        "list",
        "list",
        "person",
    ]
    assert [e["entity"] for e in cli.json("audit", "log", "--record", ids[2])] == ["list", "person"]
