"""The store: where it lives, opening it, and transactions that carry their actor.

Every change goes through a :class:`Tx`, whose :meth:`Tx.record` appends the audit entry in
the same database transaction as the change: both land, or neither does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from powtrace.domain.errors import ConflictError, StoreError, ValidationError
from powtrace.store import audit
from powtrace.store import engine as eng
from powtrace.store.keys import KEY_FILE_NAME, create_key_file, resolve_key

DB_FILE_NAME = "powtrace.db"


def default_home() -> Path:
    """``POWTRACE_HOME``, else the user's data directory for powtrace."""
    env = os.environ.get("POWTRACE_HOME")
    return Path(env).expanduser() if env else Path(platformdirs.user_data_dir("powtrace"))


def utc_now() -> str:
    """Now, in UTC, as ISO 8601 text with microseconds (the store's time format)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _first_line(exc: sa.exc.DBAPIError) -> str:
    """The database's own reason, without the statement or its values."""
    lines = str(exc.orig).strip().splitlines()
    return lines[0] if lines else type(exc.orig).__name__


class StoreBusyError(StoreError):
    """Another process held the write lock for longer than a writer waits for it."""


@dataclass
class Tx:
    """One open transaction, the actor it is done for, and its time."""

    conn: sa.Connection
    actor: str
    at: str = field(default_factory=utc_now)

    def record(
        self,
        action: str,
        entity: str,
        entity_id: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> int:
        """Append an audit entry for a change made in this transaction."""
        return audit.append(
            self.conn,
            at=self.at,
            actor=self.actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )


class Store:
    """An opened powtrace store (SQLCipher file or PostgreSQL database)."""

    def __init__(self, engine: Engine, home: Path | None = None) -> None:
        self.engine = engine
        self.home = home

    # ---- opening ------------------------------------------------------------------------
    @classmethod
    def location(cls, home: Path | None = None, url: str | None = None) -> tuple[Path, str | None]:
        """The home directory and the server URL (if any) the store lives at."""
        return (home or default_home()), (url or os.environ.get("POWTRACE_DB_URL") or None)

    @classmethod
    def init(cls, home: Path | None = None, url: str | None = None) -> Store:
        """Create a new store (key file, encrypted file, schema) or migrate an existing one."""
        home, url = cls.location(home, url)
        if url is None:
            db = home / DB_FILE_NAME
            key_path = Path(os.environ.get("POWTRACE_KEY_FILE") or home / KEY_FILE_NAME)
            if not db.exists() and not os.environ.get("POWTRACE_KEY") and not key_path.exists():
                home.mkdir(parents=True, exist_ok=True, mode=0o700)
                create_key_file(key_path)
            engine = eng.make_engine(eng.sqlcipher_url(db, resolve_key(home)))
        else:
            engine = eng.make_engine(url)
        eng.check_access(engine)
        eng.migrate(engine)
        if url is None:
            db.chmod(0o600)  # SQLite gives its -wal and -shm files the same mode
        return cls(engine, home)

    @classmethod
    def open(cls, home: Path | None = None, url: str | None = None) -> Store:
        """Open an existing store; fail clearly if it is missing, locked or out of date."""
        home, url = cls.location(home, url)
        if url is None:
            db = home / DB_FILE_NAME
            if not db.exists():
                raise StoreError(f"no store at {db}; run 'powtrace init' to create one")
            engine = eng.make_engine(eng.sqlcipher_url(db, resolve_key(home)))
        else:
            engine = eng.make_engine(url)
        eng.check_access(engine)
        eng.require_current(engine)
        return cls(engine, home)

    def describe(self) -> str:
        return eng.describe(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # ---- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self, actor: str) -> Iterator[Tx]:
        """A transaction for ``actor``: committed when the block ends, rolled back on error."""
        if not actor or not actor.strip():
            raise StoreError("every change needs an actor (who made it)")
        with self.engine.connect() as plain:
            conn = plain.execution_options(**{eng.WRITE_OPTION: True})
            try:
                with conn.begin():
                    yield Tx(conn, actor.strip())
            except sa.exc.DataError as exc:  # e.g. a value longer than its column allows
                raise ValidationError(
                    f"the database refused a value ({_first_line(exc)}); nothing was written"
                ) from None
            except sa.exc.IntegrityError as exc:  # a duplicate, or a missing parent record
                raise ConflictError(
                    f"the database refused the change ({_first_line(exc)}); nothing was written"
                ) from None
            except (sa.exc.InterfaceError, sa.exc.ProgrammingError) as exc:
                text = str(exc.orig)
                if "binding parameter" not in text and "cannot adapt" not in text:
                    raise
                raise ValidationError(
                    "a value has a kind the database cannot store (a list or an object where "
                    "text or a number belongs); nothing was written"
                ) from None
            except sa.exc.OperationalError as exc:
                if "database is locked" not in str(exc.orig):
                    raise
                raise StoreBusyError(
                    "the store stayed busy: another powtrace process kept writing for longer "
                    "than the wait allows; nothing was written, try again"
                ) from None

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A read-only connection (use a transaction instead when reads must be audited)."""
        with self.engine.connect() as conn:
            yield conn
