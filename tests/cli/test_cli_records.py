"""`person`, `source` and `event` commands, `timeline` and `status`, on both engines."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from powtrace.workflows.redact import WITHHELD

from .support import Cli, one_error_line

ARTICLE = (
    "Обмен пленными состоялся 22 ноября 2024 года.\n"
    "Среди вернувшихся — рядовой Игорь Долгополов, попавший в плен в марте под Курском.\n"
)
EXCERPT = "рядовой Игорь Долгополов, попавший в плен в марте"


def _article(tmp_path: Path, name: str = "article.txt", text: str = ARTICLE) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_person_add_show_list_search(cli: Cli) -> None:
    pid = cli.add_person(
        "Долгополов Игорь Сергеевич",
        "--language",
        "ru",
        "--surname",
        "Долгополов",
        "--given",
        "Игорь",
        "--patronymic",
        "Сергеевич",
        "--name",
        "Igor Dolgopolov",
        "--birth-date",
        "1999-03",
        "--side",
        "russia",
        "--rank",
        "private",
        "--gender",
        "m",
    )
    assert pid.startswith("p-")

    shown = cli.json("person", "show", pid)
    person = shown["person"]
    assert person["id"] == pid
    assert [(f["text"], f["kind"], f["script"]) for f in person["name_forms"]] == [
        ("Долгополов Игорь Сергеевич", "official", "cyrillic"),
        ("Igor Dolgopolov", "as_reported", "latin"),
    ]
    assert person["name_forms"][0]["patronymic"] == "Сергеевич"
    assert (person["birth_date"], person["side"], person["rank"]) == (
        "1999-03",
        "russia",
        "private",
    )
    assert shown["status"] == "unknown" and shown["events"] == []

    listed = cli.json("person", "list")
    assert listed == [
        {
            "id": pid,
            "name": "Долгополов Игорь Сергеевич",
            "other_names": ["Igor Dolgopolov"],
            "side": "russia",
            "birth_date": "1999-03",
        }
    ]
    assert pid in cli.ok("person", "list")

    hits = cli.json("person", "search", "Долгополов Игорь")
    assert [h["id"] for h in hits] == [pid]


@pytest.mark.parametrize(
    ("registered", "query"),
    [
        ("Долгополов Игорь", "Dolgopolov"),  # Cyrillic record, Latin query
        ("Долгополов Игорь", "Dolgopolow igor"),  # German-style spelling
        ("Igor Dolgopolov", "Долгополов"),  # Latin record, Cyrillic query
        ("Кравчишин Остап", "Kravchyshyn"),  # Ukrainian record, Ukrainian transliteration
    ],
)
def test_search_finds_a_name_across_scripts(cli: Cli, registered: str, query: str) -> None:
    pid = cli.add_person(registered)
    other = cli.add_person("Шевченко Тарас")
    hits = cli.json("person", "search", query)
    assert [h["id"] for h in hits] == [pid]
    assert hits[0]["matched"] == registered
    assert other not in {h["id"] for h in cli.json("person", "search", "Petrenko")}
    assert registered in cli.ok("person", "search", query)


def test_search_that_matches_nobody_says_so(cli: Cli) -> None:
    cli.add_person("Долгополов Игорь")
    assert cli.json("person", "search", "Petrenko") == []
    assert "No person matches 'Petrenko'" in cli.ok("person", "search", "Petrenko")


def test_source_add_keeps_the_sha256_and_stores_the_same_bytes_once(
    cli: Cli, tmp_path: Path
) -> None:
    path = _article(tmp_path)
    first = cli.json("source", "add", path, "--title", "Обмен", "--reliability", "b")
    assert first["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert first["created"] is True
    entries = cli.audit_entries()

    copy = tmp_path / "same-bytes-other-name.txt"
    copy.write_bytes(path.read_bytes())
    again = cli.json("source", "add", copy, "--title", "Another title")
    assert again == {**first, "created": False}
    assert cli.audit_entries() == entries
    listed = cli.json("source", "list")
    assert [(s["id"], s["title"], s["sha256"], s["reliability"]) for s in listed] == [
        (first["id"], "Обмен", first["sha256"], "B")
    ]
    assert "already kept" in cli.ok("source", "add", copy)


def test_event_add_cites_the_exact_character_span(cli: Cli, tmp_path: Path) -> None:
    path = _article(tmp_path)
    sid = cli.json("source", "add", path)["id"]
    pid = cli.add_person("Долгополов Игорь")
    eid = cli.add_event(
        pid,
        "captured",
        "--date",
        "2024-03",
        "--place",
        "Kursk region",
        "--source",
        sid,
        "--excerpt",
        EXCERPT,
        "--credibility",
        "2",
        "--review",
        "confirmed",
    )
    shown = cli.json("person", "show", pid)
    [event] = shown["events"]
    assert event["id"] == eid and event["date"] == "2024-03" and event["review"] == "confirmed"
    start = ARTICLE.index(EXCERPT)  # characters, not bytes: the text is Cyrillic
    assert event["citations"] == [
        {
            "source_id": sid,
            "start": start,
            "end": start + len(EXCERPT),
            "excerpt": EXCERPT,
            "credibility": 2,
        }
    ]
    assert [s["id"] for s in shown["sources"]] == [sid]


def test_timeline_and_status_follow_confirmed_events(cli: Cli) -> None:
    pid = cli.add_person("Долгополов Игорь")
    assert cli.json("status", pid)["status"] == "unknown"

    captured = cli.add_event(
        pid, "captured", "--date", "2024-03", "--review", "confirmed", "--detail", "mode=wounded"
    )
    exchanged = cli.add_event(
        pid,
        "exchanged",
        "--date",
        "2024-08-15",
        "--review",
        "confirmed",
        "--detail",
        "basis=ad_hoc_swap",
    )
    cli.add_event(pid, "killed", "--date", "2024-09")  # proposed: not a fact yet

    status = cli.json("status", pid)
    assert status["status"] == "in_captivity"  # exchanged, not yet handed over
    assert (status["custody"], status["times_captured"]) == ("exchanged", 1)
    timeline = cli.json("timeline", pid)
    assert [(e["event"]["id"], e["custody_after"]) for e in timeline["entries"]] == [
        (captured, "captured"),
        (exchanged, "exchanged"),
    ]
    assert timeline["entries"][0]["event"]["details"]["mode"] == WITHHELD
    assert timeline["withheld"] == {"records": 0, "fields": 1}
    assert "not confirmed" in cli.ok("timeline", pid)

    cli.add_event(pid, "handed_over", "--date", "2024-08-16", "--review", "confirmed")
    assert cli.json("status", pid)["status"] == "in_post_return_isolation"
    assert "in post-return isolation" in cli.ok("status", pid)


def test_clearance_decides_who_is_listed_and_shown(cli: Cli) -> None:
    public = cli.add_person("Публичный Павел", "--visibility", "public")
    restricted = cli.add_person("Закрытый Роман")
    sealed = cli.add_person("Опечатанный Сергей", "--visibility", "sealed")

    def listed(clearance: str) -> set[str]:
        return {r["id"] for r in cli.json("--clearance", clearance, "person", "list")}

    assert listed("public") == {public}
    assert listed("restricted") == {public, restricted}
    assert listed("sealed") == {public, restricted, sealed}
    assert cli.json("--clearance", "public", "person", "search", "Roman") == []

    code, out, err = cli("--clearance", "public", "person", "show", restricted)
    assert code == 1 and out == ""
    _, _, unknown_err = cli("person", "show", "p-0000000000000000")
    hidden = one_error_line(err).replace(restricted, "ID")
    assert hidden == one_error_line(unknown_err).replace("p-0000000000000000", "ID")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("event", "add", "{pid}", "capturd"), "unknown event type 'capturd'"),
        (("event", "add", "{pid}", "captured", "--date", "2024-02-30"), "2024-02-30"),
        (("event", "add", "p-0000000000000000", "captured"), "p-0000000000000000"),
        (("event", "add", "{pid}", "captured", "--detail", "mode=sideways"), "'mode'"),
        (("event", "add", "{pid}", "captured", "--detail", "colour=red"), "'colour'"),
        (("event", "add", "{pid}", "captured", "--source", "{sid}"), "--excerpt"),
        (
            ("event", "add", "{pid}", "captured", "--source", "{sid}", "--excerpt", "not there"),
            "does not contain the excerpt 'not there'",
        ),
        (
            (
                "event",
                "add",
                "{pid}",
                "captured",
                "--source",
                "s-0000000000000000",
                "--excerpt",
                "x",
            ),
            "s-0000000000000000",
        ),
        (("event", "add", "{pid}", "captured", "--review", "maybe"), "review state 'maybe'"),
        (("person", "add", "Иванов Пётр", "--birth-date", "1990-13"), "month 13"),
        (("person", "add", "Иванов Пётр", "--visibility", "secret"), "visibility 'secret'"),
        (("person", "add", "   "), "a name form needs text"),
        (("person", "show", "p-0000000000000000"), "p-0000000000000000"),
        (("source", "add", "{tmp}/missing.txt"), "missing.txt"),
        (("--clearance", "top", "person", "list"), "visibility 'top'"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_bad_input_is_one_error_line_and_writes_nothing(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], named: str
) -> None:
    pid = cli.add_person("Долгополов Игорь")
    sid = cli.json("source", "add", _article(tmp_path))["id"]
    persons = cli.json("--clearance", "sealed", "person", "list")  # itself an audited read
    before = cli.audit_entries()

    filled = [a.format(pid=pid, sid=sid, tmp=tmp_path) for a in args]
    code, out, err = cli(*filled)
    assert code == 1
    assert named in one_error_line(err)
    assert out == ""
    assert cli.audit_entries() == before
    assert cli.json("--clearance", "sealed", "person", "list") == persons
    assert cli.json("person", "show", pid)["events"] == []


def test_markup_like_input_is_reported_as_written(cli: Cli) -> None:
    pid = cli.add_person("Долгополов Игорь")
    code, _, err = cli("event", "add", pid, "[/bold]")
    assert code == 1
    assert "unknown event type '[/bold]'" in one_error_line(err)


def test_usage_errors_exit_2(cli: Cli) -> None:
    code, out, err = cli("person", "frobnicate")
    assert (code, out) == (2, "")
    assert "No such command" in err
    code, _, err = cli("person", "search", "x", "--limit", "0")
    assert code == 2
    assert "--limit" in err
