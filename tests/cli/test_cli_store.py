"""`init`, a store that is missing or locked with another key, and `audit verify`."""

from __future__ import annotations

import hashlib
import json
import re
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlcipher3

from .support import Cli, Runner, one_error_line

ZERO_KEY = "0" * 64


def _files(home: Path) -> dict[str, str]:
    """Every file in ``home`` and the SHA-256 of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in home.iterdir()}


def test_init_creates_a_private_key_file_and_an_encrypted_db(run: Runner, tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, out, err = run("init")
    assert code == 0, err
    key_file, db = home / "powtrace.key", home / "powtrace.db"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert re.fullmatch(r"[0-9a-f]{64}\n", key_file.read_text())
    assert db.stat().st_size > 0
    assert not db.read_bytes().startswith(b"SQLite format 3")  # encrypted, not plain SQLite
    assert "Store ready" in out and "powtrace.key" in out

    # A second init keeps the key and the data: it only brings the schema up to date.
    key = key_file.read_text()
    pid = json.loads(run("person", "add", "Иванов Пётр", "--json")[1])["id"]
    assert run("init")[0] == 0
    assert key_file.read_text() == key
    assert [p["id"] for p in json.loads(run("person", "list", "--json")[1])] == [pid]


@pytest.mark.parametrize(
    "args",
    [
        ("person", "list"),
        ("person", "add", "Иванов Пётр"),
        ("person", "show", "p-0123456789abcdef"),
        ("timeline", "p-0123456789abcdef"),
        ("audit", "verify"),
        ("export", "out.json"),
        ("import", "in.json"),
    ],
    ids=lambda a: "-".join(a[:2]),
)
def test_store_commands_before_init_say_to_run_init(
    run: Runner, store_url: str | None, tmp_path: Path, args: tuple[str, ...]
) -> None:
    prefix = ("--db-url", store_url) if store_url else ()
    code, out, err = run(*prefix, *args)
    assert code == 1
    assert "powtrace init" in one_error_line(err)
    assert out == ""
    if store_url is None:
        assert not (tmp_path / "home").exists()  # nothing was created on the way
    else:
        engine = sa.create_engine(store_url)
        try:
            assert sa.inspect(engine).get_table_names() == []
        finally:
            engine.dispose()


def test_wrong_key_fails_clearly_and_leaves_the_file_alone(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    assert run("init")[0] == 0
    assert run("person", "add", "Иванов Пётр")[0] == 0
    before = _files(home)
    monkeypatch.setenv("POWTRACE_KEY", ZERO_KEY)
    for args in (("person", "list"), ("person", "add", "Петров Олег"), ("init",)):
        code, out, err = run(*args)
        assert code == 1, args
        line = one_error_line(err)
        assert "key is wrong" in line and str(home / "powtrace.db") in line
        assert out == ""
    assert _files(home) == before


def test_a_malformed_key_is_named(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("init")[0] == 0
    monkeypatch.setenv("POWTRACE_KEY", "not-a-key")
    code, _, err = run("person", "list")
    assert code == 1
    assert "POWTRACE_KEY is not 64 hexadecimal digits" in one_error_line(err)


def _tamper(cli: Cli, store_url: str | None, home: Path, sql: str, **params: str) -> None:
    """Change the database behind powtrace's back, with the engine's own driver."""
    if store_url is None:
        key = (home / "powtrace.key").read_text().strip()
        conn = sqlcipher3.connect(str(home / "powtrace.db"))
        try:
            conn.execute(f"PRAGMA key = \"x'{key}'\"")
            cur = conn.execute(re.sub(r":(\w+)", r"?", sql), list(params.values()))
            assert cur.rowcount == 1
            conn.commit()
        finally:
            conn.close()
    else:
        engine = sa.create_engine(store_url)
        try:
            with engine.begin() as conn:
                assert conn.execute(sa.text(sql), params).rowcount == 1
        finally:
            engine.dispose()


def test_audit_verify_names_a_person_changed_behind_its_back(
    cli: Cli, store_url: str | None, tmp_path: Path
) -> None:
    pid = cli.add_person("Долгополов Игорь", "--rank", "private")
    cli.add_event(pid, "captured", "--date", "2024-03")
    code, out, err = cli("audit", "verify")
    assert code == 0, err
    assert "Audit chain intact" in out

    _tamper(
        cli,
        store_url,
        tmp_path / "home",
        "UPDATE persons SET rank = :r WHERE id = :i",
        r="colonel",
        i=pid,
    )
    code, out, err = cli("audit", "verify")
    assert code == 1
    assert pid in err and "rank" in err
    code, out, _ = cli("audit", "verify", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert [p["message"] for p in report["problems"] if pid in p["message"]]


def test_audit_verify_names_an_edited_audit_entry(
    cli: Cli, store_url: str | None, tmp_path: Path
) -> None:
    pid = cli.add_person("Долгополов Игорь")
    entries = cli.audit_entries()
    _tamper(
        cli,
        store_url,
        tmp_path / "home",
        "UPDATE audit_log SET actor = :a WHERE entity_id = :i",
        a="someone-else",
        i=pid,
    )
    code, _, err = cli("audit", "verify")
    assert code == 1
    assert "was edited after it was written" in err and pid in err
    assert entries >= 1
