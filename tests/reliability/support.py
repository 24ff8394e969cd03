"""Helpers: CLI runs in real child processes (forked, so they start at once), store counts."""

from __future__ import annotations

import csv
import multiprocessing
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable
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
    argv: list[str], log: Path, home: Path, rng: random.Random, timeout: float = 120
) -> bool:
    """Run a command and SIGKILL it inside a write transaction.

    Random delays alone can miss a short transaction on a busy machine (start-up takes most of
    the run), so the tests follow their random kills with this one. It waits for SQLite's
    rollback journal to appear, lets a random 0-3 ms pass, then freezes the child (SIGSTOP):
    if the journal is still there the transaction is open and the child is killed frozen;
    if the transaction committed in between, the child goes on (SIGCONT) and the next one is
    caught, so a loaded machine's slow polling cannot make the kill miss. True when the kill
    left the journal behind.
    """
    proc = spawn(argv, log)
    pid = proc.process.pid
    deadline = time.monotonic() + timeout
    while proc.process.is_alive() and time.monotonic() < deadline:
        if hot_journal(home):
            time.sleep(rng.uniform(0.0, 0.003))
            os.kill(pid, signal.SIGSTOP)
            if hot_journal(home):
                break
            os.kill(pid, signal.SIGCONT)
        time.sleep(0.0005)
    proc.kill()
    return hot_journal(home)


def hot_journal(home: Path) -> bool:
    """Whether SQLite left a rollback journal: a kill that landed inside a write transaction."""
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
