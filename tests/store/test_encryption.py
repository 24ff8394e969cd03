"""The embedded store is encrypted, its key is guarded, and a wrong key changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from powtrace.domain.errors import StoreError
from powtrace.domain.model import NameForm, Person
from powtrace.store import writes
from powtrace.store.store import Store


def _add_person(store: Store, name: str) -> Person:
    with store.transaction("tester") as tx:
        return writes.add_person(tx, Person([NameForm(name)]))


def test_init_creates_private_key_and_encrypted_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = Store.init(home)
    _add_person(store, "Долгополов Игорь")
    store.close()
    key_file, db = home / "powtrace.key", home / "powtrace.db"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    raw = db.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert "Долгополов".encode() not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_key_fails_clearly_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    store = Store.init(home)
    _add_person(store, "Иванов Пётр")
    store.close()
    db = home / "powtrace.db"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    monkeypatch.setenv("POWTRACE_KEY", "ab" * 32)
    with pytest.raises(StoreError, match="key is wrong"):
        Store.open(home)
    with pytest.raises(StoreError, match="key is wrong"):
        Store.init(home)  # init must not "repair" a store it cannot read
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_missing_key_names_the_ways_to_give_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Store.init(home).close()
    (home / "powtrace.key").unlink()
    with pytest.raises(StoreError, match="POWTRACE_KEY"):
        Store.open(home)


def test_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Store.init(home).close()
    (home / "powtrace.key").chmod(0o644)
    with pytest.raises(StoreError, match="chmod 600"):
        Store.open(home)


def test_key_from_environment_opens_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    Store.init(home).close()
    key = (home / "powtrace.key").read_text().strip()
    (home / "powtrace.key").unlink()
    monkeypatch.setenv("POWTRACE_KEY", key)
    store = Store.open(home)
    assert _add_person(store, "Петренко Олег").id.startswith("p-")
    store.close()


def test_malformed_key_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POWTRACE_KEY", "not-a-key")
    with pytest.raises(StoreError, match="64 hexadecimal digits"):
        Store.init(tmp_path / "home")


def test_open_without_init_says_to_init(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="powtrace init"):
        Store.open(tmp_path / "nowhere")
