"""Opening the database: an encrypted SQLite file (SQLCipher) or a PostgreSQL server.

The embedded store is one SQLCipher file keyed with a raw 256-bit key (``x'…'``), which skips
SQLCipher's passphrase KDF: the key is already random, and the KDF would cost a fraction of a
second on every connection. Server mode takes a PostgreSQL URL with the same schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from powtrace.domain.errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")
WRITE_OPTION = "powtrace_write"


def sqlcipher_url(path: Path, key: str) -> URL:
    """The SQLAlchemy URL of an encrypted file; the key goes in as a raw hex key."""
    return URL.create("sqlite+pysqlcipher", password=f"x'{key}'", database=str(path))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin (see _sqlite_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by us, once
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 10000")  # wait for another writer instead of failing
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    # A write transaction takes the write lock at once, so two writers queue rather than one
    # failing half-way; reads begin deferred and do not block each other.
    write = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str | URL) -> Engine:
    """Create an engine for a store URL (SQLCipher or PostgreSQL)."""
    try:
        parsed = sa.engine.make_url(url)
        # SQLAlchemy's pysqlcipher dialect defaults to SingletonThreadPool: a connection per
        # thread which, once more than five threads have asked, *closes* other threads'
        # connections whether in use or not. The web app answers on many threads, and a query on
        # such a connection failed or crashed the process (SIGSEGV). QueuePool is what SQLAlchemy
        # uses for other SQLite files: it lends each connection to one thread at a time (the
        # dialect already turns check_same_thread off for files). No caller nests connections in
        # one thread, which this pool would answer with a second connection.
        pool = (
            {"poolclass": sa.pool.QueuePool, "pool_size": 5, "max_overflow": -1}
            if parsed.get_backend_name() == "sqlite"
            else {}
        )
        # hide_parameters: an error message never carries the values of a statement (names,
        # sealed details) into a terminal or a log.
        engine = sa.create_engine(parsed, hide_parameters=True, **pool)
    except (ImportError, sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError(f"cannot use database URL: {exc}") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name != "postgresql":
        raise StoreError(
            f"powtrace stores data in SQLCipher or PostgreSQL, not {engine.dialect.name}"
        )
    return engine


def describe(engine: Engine) -> str:
    """Where the store is, without its key or password."""
    return engine.url.render_as_string(hide_password=True).replace(":***@", "@")


def check_access(engine: Engine) -> None:
    """Fail clearly when the key is wrong or the server cannot be reached."""
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            else:
                conn.exec_driver_sql("SELECT 1").scalar()
    except DatabaseError as exc:
        if engine.dialect.name == "sqlite":
            raise StoreError(
                f"cannot open {engine.url.database}: the key is wrong, or the file is not a "
                "powtrace store. Nothing was changed"
            ) from None
        raise StoreError(f"cannot reach the database {describe(engine)}: {exc.orig}") from None


def _alembic_config(conn: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None: no powtrace schema)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest schema revision this version of powtrace knows."""
    script = ScriptDirectory.from_config(_alembic_config(None))  # type: ignore[arg-type]
    head = script.get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` in one transaction per engine's rules."""
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), revision)
    except OperationalError as exc:
        raise StoreError(f"migration failed, nothing was changed: {exc.orig}") from None


def require_current(engine: Engine) -> None:
    """Refuse to work on a store whose schema is missing or older than this code."""
    rev = current_revision(engine)
    if rev is None:
        raise StoreError(f"{describe(engine)} holds no powtrace store; run 'powtrace init' first")
    if rev != head_revision():
        raise StoreError(
            f"the store is at schema {rev}, this powtrace needs {head_revision()}; "
            "run 'powtrace migrate'"
        )
