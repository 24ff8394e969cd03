"""Backups are encrypted and consistent while others write; restores check everything first."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
import sqlcipher3

from powtrace.store import backup as fmt
from powtrace.store.keys import create_key_file, resolve_key
from powtrace.store.store import Store
from powtrace.workflows import demo, lists

from .support import Runner, cli_prefix, count_persons, reset_pg, spawn, verified, write_list


def _loaded(home: Path, url: str | None) -> dict[str, int]:
    store = Store.init(home, url)
    try:
        demo.load_demo(store)
        lists.import_list_file(store, "clerk", write_list(home.parent / "l.csv", 300))
    finally:
        store.close()
    return verified(home, url)


def _files(home: Path) -> set[str]:
    return {p.name for p in home.iterdir()} if home.exists() else set()


def test_backup_and_restore_keep_everything(
    run: Runner, engine_kind: str, store_url: str | None, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    state = _loaded(home, store_url)
    pre = cli_prefix(store_url)
    key = tmp_path / "backup.key"
    if store_url is None:  # the store's own key; kept apart, as on a new machine
        key.write_text(resolve_key(home) + "\n")
        key.chmod(0o600)
        code, _, err = run(*pre, "backup", tmp_path / "b.ptb")
    else:  # a server store has no key of its own
        code, _, err = run(*pre, "backup", tmp_path / "b.ptb")
        assert code == 1 and "--key-file" in err
        code, _, err = run(*pre, "backup", tmp_path / "b.ptb", "--key-file", key, "--new-key")
    assert code == 0, err
    assert (tmp_path / "b.ptb").stat().st_mode & 0o777 == 0o600
    after = verified(home, store_url)  # the backup is audited, after its copy was taken
    assert after["audit_head"] == state["audit_head"] + 1
    code, _out, err = run(*pre, "restore", tmp_path / "b.ptb", "--key-file", key)
    assert code == 1 and "not empty" in err and "--force" in err
    if store_url is None:
        new_home, target = tmp_path / "new-home", ["--home", tmp_path / "new-home"]
    else:
        reset_pg(store_url)
        new_home, target = home, pre
    code, _, err = run(*target, "restore", tmp_path / "b.ptb", "--key-file", key)
    assert code == 0, err
    assert verified(new_home, store_url) == state
    assert run(*target, "person", "add", "Новий Після Відновлення")[0] == 0  # ids go on
    assert verified(new_home, store_url)["persons"] == state["persons"] + 1


def test_the_embedded_backup_is_a_sqlcipher_copy_not_plain_sqlite(
    run: Runner, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    _loaded(home, None)
    assert run("backup", tmp_path / "b.ptb")[0] == 0
    raw = tmp_path / "inner.db"
    key = fmt.key_from_hex(resolve_key(home), "store-key")
    reader = fmt.StreamReader(fmt.decrypt_stream(tmp_path / "b.ptb", key))
    assert b'"payload": "sqlcipher"' in reader.readline()
    raw.write_bytes(reader.read())
    assert not raw.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(raw).execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn = sqlcipher3.connect(str(raw))
    conn.execute(f"PRAGMA key = \"x'{key.hex}'\"")
    assert conn.execute("SELECT count(*) FROM persons").fetchone()[0] > 300
    conn.close()


ROWS = 800
BATCH = 50  # sixteen transactions, so the backups land between some of them


def test_backup_while_another_process_writes(
    run: Runner,
    engine_kind: str,
    store_url: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lists, "BATCH", BATCH)  # the forked writer imports with it too
    home = tmp_path / "home"
    Store.init(home, store_url).close()
    pre = cli_prefix(store_url)
    listed = write_list(tmp_path / "big.csv", ROWS)
    create_key_file(tmp_path / "bk.key")
    keyopt = ["--key-file", tmp_path / "bk.key"]
    writer = spawn([*pre, "person", "import", listed], tmp_path / "writer.log")
    deadline = time.monotonic() + 30
    while count_persons(home, store_url) == 0:  # the first batch has landed
        assert time.monotonic() < deadline and writer.process.is_alive(), writer.output()
        time.sleep(0.02)
    taken = []
    for i in range(3):  # backups while the import is under way
        code, _, err = run(*pre, "backup", tmp_path / f"b{i}.ptb", *keyopt)
        assert code == 0, err
        taken.append(tmp_path / f"b{i}.ptb")
    assert writer.wait() == 0, writer.output()
    final = verified(home, store_url)
    assert final["persons"] == ROWS
    persons_in = []
    for b in taken:  # each backup is one consistent moment: whole batches, chain verified
        code, out, err = run(*pre, "restore", "--check", b, *keyopt, "--json")
        assert code == 0, err
        assert '"restored": false' in out
        code, out, err = run("--home", tmp_path / f"r-{b.stem}", "restore", b, *keyopt)
        assert code == 0, err
        c = verified(tmp_path / f"r-{b.stem}", None)
        assert c["persons"] % BATCH == 0 and c["persons"] == c["external_ids"]
        persons_in.append(c["persons"])
    assert persons_in == sorted(persons_in)
    assert 0 < persons_in[0] < ROWS, persons_in  # taken while the import was writing


def _damaged(good: bytes) -> dict[str, bytes]:
    head = good.index(b"\n", len(fmt.MAGIC)) + 1
    mid = len(good) // 2
    flipped = bytearray(good)
    flipped[mid] ^= 0x01
    header = bytearray(good)
    header[head - 5] ^= 0x01  # inside the plaintext header (authenticated)
    return {
        "a flipped bit": bytes(flipped),
        "cut in half": good[:mid],
        "last part missing": good[: len(good) - 100],
        "extra bytes": good + b"\x00garbage",
        "changed header": bytes(header),
        "not a backup": b"SQLite format 3\x00" + good[16:],
        "empty": b"",
    }


def test_damaged_backups_are_refused_and_nothing_changes(
    run: Runner, engine_kind: str, store_url: str | None, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    _loaded(home, store_url)
    pre = cli_prefix(store_url)
    keyopt: list[object] = []
    if store_url is not None:
        create_key_file(tmp_path / "bk.key")
        keyopt = ["--key-file", tmp_path / "bk.key"]
    assert run(*pre, "backup", tmp_path / "good.ptb", *keyopt)[0] == 0
    state, files = verified(home, store_url), _files(home)
    for what, data in _damaged((tmp_path / "good.ptb").read_bytes()).items():
        bad = tmp_path / "bad.ptb"
        bad.write_bytes(data)
        code, out, err = run(*pre, "restore", bad, "--force", *keyopt)
        assert code == 1, (what, out, err)
        assert err.startswith("error: "), (what, err)
        assert verified(home, store_url) == state, what
        assert _files(home) == files, what  # no temporary file left behind
    # A good backup still restores over the store with --force.
    code, out, err = run(*pre, "restore", tmp_path / "good.ptb", "--force", *keyopt)
    assert code == 0, err
    assert verified(home, store_url)["audit_head"] == state["audit_head"] - 1  # as it was


def test_a_wrong_key_or_passphrase_is_refused(
    run: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    _loaded(home, None)
    state = verified(home, None)
    create_key_file(tmp_path / "a.key")
    create_key_file(tmp_path / "b.key")
    assert run("backup", tmp_path / "k.ptb", "--key-file", tmp_path / "a.key")[0] == 0
    code, _, err = run("restore", tmp_path / "k.ptb", "--key-file", tmp_path / "b.key", "--force")
    assert code == 1 and "key file does not open this backup" in err
    code, _, err = run("restore", tmp_path / "k.ptb", "--force")  # the store's key: wrong too
    assert code == 1 and "does not open this backup" in err
    monkeypatch.setenv("POWTRACE_BACKUP_PASSPHRASE", "a long enough passphrase")
    assert run("backup", tmp_path / "p.ptb", "--passphrase")[0] == 0
    monkeypatch.setenv("POWTRACE_BACKUP_PASSPHRASE", "not the same passphrase")
    code, _, err = run("restore", tmp_path / "p.ptb", "--force")
    assert code == 1 and "passphrase does not open this backup" in err
    assert verified(home, None)["persons"] == state["persons"]
    monkeypatch.setenv("POWTRACE_BACKUP_PASSPHRASE", "a long enough passphrase")
    code, _, err = run("--home", tmp_path / "elsewhere", "restore", tmp_path / "p.ptb")
    assert code == 0, err
    assert verified(tmp_path / "elsewhere", None)["persons"] == state["persons"]
