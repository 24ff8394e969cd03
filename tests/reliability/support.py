"""Helpers: CLI runs in real child processes (forked, so they start at once), store counts."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import multiprocessing
import os
import random
import signal
import struct
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from powtrace.store import schema
from powtrace.store.store import Store
from powtrace.store.verify import verify_store

Result = tuple[int, str, str]
Runner = Callable[..., Result]
FORK = multiprocessing.get_context("fork")
SEED = int(os.environ.get("POWTRACE_CRASH_SEED", "20240815"))


def _child(argv: list[str], env: dict[str, str], log: str) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = sys.stderr = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
    os.environ.update(env)
    sys.argv = ["powtrace", *argv]
    code = 0
    try:
        import powtrace.cli

        powtrace.cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 99
    sys.stdout.flush()
    os._exit(code)


@dataclass
class Proc:
    """A ``powtrace`` command running in a child process of its own."""

    process: Any
    log: Path

    def kill(self) -> bool:
        """SIGKILL it; True when it was still running."""
        alive = self.process.is_alive()
        if alive:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(30)
        return alive

    def wait(self, timeout: float = 120) -> int:
        self.process.join(timeout)
        if self.process.is_alive():
            self.kill()
            raise AssertionError(f"still running after {timeout} s: {self.output()}")
        return int(self.process.exitcode)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def spawn(argv: list[str], log: Path, env: dict[str, str] | None = None) -> Proc:
    """Start ``powtrace ARGV`` in a forked child (close every store in this process first)."""
    p = FORK.Process(target=_child, args=([str(a) for a in argv], env or {}, str(log)))
    p.start()
    return Proc(p, log)


def run_in_child(target: Callable[..., None], *args: Any) -> Any:
    p = FORK.Process(target=target, args=args)
    p.start()
    return p


def kill_at_random(argv: list[str], log: Path, rng: random.Random, lo: float, hi: float) -> bool:
    """Run a command and SIGKILL it after a random delay; True when it was still running."""
    proc = spawn(argv, log)
    time.sleep(rng.uniform(lo, hi))
    return proc.kill()


def kill_while_writing(
    argv: list[str],
    log: Path,
    writing: Callable[[], bool],
    rng: random.Random,
    timeout: float = 120,
    after: float = 0.0,
) -> bool:
    """Run a command and SIGKILL it inside a write transaction; True when it was killed there.

    Random delays alone can miss a short transaction on a busy machine (start-up takes most of
    the run), so the tests add this kill to their random ones. ``writing`` (see
    :func:`write_probe`) tells whether a write transaction is open. From ``after`` seconds on,
    it waits for one, lets a random 0-3 ms pass, then freezes the child (SIGSTOP): if the
    transaction is still open the child is killed frozen, inside it; if it committed in
    between, the child goes on (SIGCONT) and the next one is caught, so a loaded machine's slow
    polling cannot make the kill miss.
    """
    settle = time.monotonic() + 30
    while writing():  # the transaction caught must be the child's, not a dead one's
        assert time.monotonic() < settle, "a write transaction stays open before the start"
        time.sleep(0.01)
    proc = spawn(argv, log)
    pid = proc.process.pid
    time.sleep(after)
    deadline = time.monotonic() + timeout
    caught = False
    while proc.process.is_alive() and time.monotonic() < deadline:
        if writing():
            time.sleep(rng.uniform(0.0, 0.003))
            os.kill(pid, signal.SIGSTOP)
            if writing():
                caught = True
                break
            os.kill(pid, signal.SIGCONT)
        time.sleep(0.0005)
    proc.kill()
    return caught


@contextlib.contextmanager
def write_probe(home: Path, url: str | None) -> Iterator[Callable[[], bool]]:
    """Whether another process is inside a write transaction on the store, right now.

    The embedded store: another process holds SQLite's RESERVED lock on the database file
    (taken with a transaction's first write, held until it ends) and the rollback journal
    holds pages it changed. (A journal alone is no proof: a transaction killed before it
    synced its journal leaves one behind that SQLite rightly ignores.) PostgreSQL: a session of
    this database other than the probe's own holds a transaction id, which it gets with its
    first write and keeps until it commits or the server sees its client die.
    """
    if url is None:
        yield lambda: sqlite_reserved(home / "powtrace.db") and hot_journal(home)
        return
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")  # a fresh snapshot each ask
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
    )
    try:
        with engine.connect() as conn:
            yield lambda: bool(conn.execute(query).scalar())
    finally:
        engine.dispose()


_FLOCK = "hhqqi4x"  # struct flock on 64-bit Linux: type, whence, start, len, pid
_RESERVED_BYTE = 0x40000001  # SQLite's unix VFS: PENDING_BYTE + 1


def sqlite_reserved(db: Path) -> bool:
    """Whether another process holds SQLite's RESERVED (write) lock on ``db``.

    Only for a process that has no connection of its own to ``db``: closing the descriptor
    opened here would drop that connection's POSIX locks.
    """
    try:
        fd = os.open(db, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        want = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, _RESERVED_BYTE, 1, 0)
        held = struct.unpack(_FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, want))[0]
        return held != fcntl.F_UNLCK
    finally:
        os.close(fd)  # this process holds no lock on it, so closing drops none


def hot_journal(home: Path) -> bool:
    """Whether there is a rollback journal with pages in it (a write transaction is open, or
    one was killed: SQLite rolls it back, or ignores it if it was never synced)."""
    try:
        return (home / "powtrace.db-journal").stat().st_size > 0
    except FileNotFoundError:
        return False


def write_list(path: Path, rows: int, prefix: str = "r", seed: int = 1) -> Path:
    """A CSV list of ``rows`` people with row ids, names, birth dates and units."""
    rng = random.Random(seed)
    surnames = ["Иванов", "Петров", "Коваленко", "Шевченко", "Бондаренко", "Ткаченко", "Мельник"]
    given = ["Иван", "Петр", "Олег", "Андрей", "Сергей", "Дмитро", "Тарас", "Богдан"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "surname", "first_name", "birth_date", "unit"])
        for i in range(rows):
            w.writerow(
                [
                    f"{prefix}{i}",
                    f"{rng.choice(surnames)}-{prefix}{i}",
                    rng.choice(given),
                    f"{rng.randint(1970, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    f"в/ч {rng.randint(1000, 9999)}",
                ]
            )
    return path


def counts(store: Store) -> dict[str, int]:
    """Rows in the tables that matter, and the audit head."""
    with store.reading() as conn:
        out = {
            t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar())
            for t in (
                schema.persons,
                schema.external_ids,
                schema.sources,
                schema.events,
                schema.proposals,
                schema.findings,
                schema.audit_log,
            )
        }
        out["audit_head"] = int(conn.execute(sa.select(schema.audit_head.c.seq)).scalar())
    return out


def count_persons(home: Path, url: str | None) -> int:
    """How many persons the store holds (no verification: for polling while others write)."""
    store = Store.open(home, url)
    try:
        with store.reading() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(schema.persons)).scalar()
            )
    finally:
        store.close()


def verified(home: Path, url: str | None) -> dict[str, int]:
    """Open the store, assert ``audit verify`` passes, and return its counts."""
    store = Store.open(home, url)
    try:
        with store.reading() as conn:
            report = verify_store(conn)
        assert report.ok, [p.message for p in report.problems[:5]]
        return counts(store)
    finally:
        store.close()


def cli_prefix(url: str | None) -> list[str]:
    return ["--db-url", url] if url else []


def reset_pg(url: str) -> None:
    """Empty a PostgreSQL database (every table gone)."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
