"""`powtrace serve`: the web application on this machine, set up on first run."""

from __future__ import annotations

import ipaddress
import os
from typing import TYPE_CHECKING, Annotated

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


def worker_app() -> FastAPI:
    """The application in one of several worker processes (``--workers``).

    Each worker opens the store itself from ``POWTRACE_HOME`` / ``POWTRACE_DB_URL``, which
    ``serve`` sets before starting them. Workers share nothing in memory: sessions, CSRF
    tokens and sign-in limits all live in the database, so any worker can answer any request.
    """
    from powtrace.web.app import create_app

    return create_app(Store.open())


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
            app = create_app(store)
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
