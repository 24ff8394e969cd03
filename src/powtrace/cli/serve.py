"""`powtrace serve`: the web application on this machine, set up on first run."""

from __future__ import annotations

import ipaddress
import os
from typing import TYPE_CHECKING, Annotated

import sqlalchemy as sa
import typer

from powtrace.cli.common import console, err_console, state
from powtrace.store import accounts
from powtrace.store.store import Store
from powtrace.web.pages.admin import new_password
from powtrace.workflows import demo as demo_flow
from powtrace.workflows import registry

if TYPE_CHECKING:
    from fastapi import FastAPI

FIRST_ADMIN = "admin"
SETUP_ACTOR = "powtrace-setup"


def first_run(store: Store, load_demo: bool) -> str | None:
    """On a store without accounts: load the demo (if the registry is empty) and add an
    administrator. Returns the administrator's password, or None when accounts exist."""
    with store.reading() as conn:
        if accounts.count(conn) > 0:
            return None
    if load_demo and not registry.list_sources(store, accounts.Role.ADMINISTRATOR.clearance):
        demo_flow.load_demo(store)
    password = new_password()
    with store.transaction(SETUP_ACTOR) as tx:
        accounts.create(tx, FIRST_ADMIN, accounts.Role.ADMINISTRATOR, password, "en")
    return password


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def for_threads(store: Store) -> Store:
    """Give the store a connection pool that lends each connection to one thread at a time.

    The web application answers on many threads: FastAPI runs handlers and dependencies on
    anyio's pool of up to 40. SQLAlchemy's pysqlcipher dialect defaults to SingletonThreadPool,
    which keeps a connection per thread and, once more than five threads have asked for one,
    *closes* other threads' connections whether in use or not. A query on such a connection
    then fails ("Cannot operate on a closed database") or crashes the whole process
    (SIGSEGV in sqlite3_last_insert_rowid): under load, the clients of that worker saw "Server
    disconnected without sending a response". QueuePool is what SQLAlchemy uses for any other
    file SQLite database. Built the way SQLAlchemy's own ``Pool.recreate()`` does, so the
    store's connect and begin hooks (key, pragmas) stay in place; PostgreSQL is left as is.
    """
    engine = store.engine
    old = engine.pool
    if isinstance(old, sa.pool.SingletonThreadPool):
        engine.pool = sa.pool.QueuePool(
            old._creator,
            pool_size=5,
            max_overflow=-1,  # never make a request wait for a connection; threads are bounded
            _dispatch=old.dispatch,
            dialect=engine.dialect,
        )
        old.dispose()
    return store


def worker_app() -> FastAPI:
    """The application in one of several worker processes (``--workers``).

    Each worker opens the store itself from ``POWTRACE_HOME`` / ``POWTRACE_DB_URL``, which
    ``serve`` sets before starting them. Workers share nothing in memory: sessions, CSRF
    tokens and sign-in limits all live in the database, so any worker can answer any request.
    """
    from powtrace.web.app import create_app

    return create_app(for_threads(Store.open()))


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load the demo story on first run.")
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Worker processes. On PostgreSQL, one per core serves a team; the embedded "
            "store is best served by one.",
        ),
    ] = 1,
) -> None:
    """Serve the web pages and the JSON API (first run: demo data and an administrator)."""
    import uvicorn

    from powtrace.web.app import create_app

    store = Store.init(state.home, state.url)
    try:
        password = first_run(store, demo)
        shown = f"[{host}]" if ":" in host else host
        address = f"http://{shown}:{port}/"
        if password:
            console.print(
                "First run: created the administrator account.\n"
                f"  username: {FIRST_ADMIN}\n  password: {password}\n"
                "This password is shown only now. Sign in, then change it and turn on "
                "two-factor under Account.",
                highlight=False,
                soft_wrap=True,
            )
        if not _loopback(host):
            err_console.print(
                "warning: serving plain HTTP beyond this machine. Browsers keep the session "
                "cookie only over HTTPS: put a TLS reverse proxy in front.",
                highlight=False,
            )
        console.print(
            f"powtrace is serving {store.describe()} at {address}", highlight=False, soft_wrap=True
        )
        # No access log: URLs carry searched names, and logs are not encrypted.
        quiet = {"access_log": False, "server_header": False, "log_level": "warning"}
        if workers == 1:
            app = create_app(for_threads(store))
            uvicorn.run(app, host=host, port=port, **quiet)  # type: ignore[arg-type]
            return
        store.close()  # each worker opens its own connections
        os.environ["POWTRACE_HOME"] = str(Store.location(state.home, state.url)[0])
        if state.url:
            os.environ["POWTRACE_DB_URL"] = state.url
        uvicorn.run(
            "powtrace.cli.serve:worker_app",
            factory=True,
            workers=workers,
            # A new worker imports the whole application before it answers the supervisor's
            # ping; on a busy machine that takes longer than uvicorn's 5 s, and the supervisor
            # would kill and respawn it for ever.
            timeout_worker_healthcheck=120,
            host=host,
            port=port,
            **quiet,  # type: ignore[arg-type]
        )
    finally:
        store.close()


if __name__ == "__main__":  # `python -m powtrace.cli.serve`, before the command is registered
    typer.run(serve)
