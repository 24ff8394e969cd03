"""`powtrace serve`: the web application on this machine, set up on first run."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from powtrace.cli.common import console, err_console, state
from powtrace.store import accounts
from powtrace.store.store import Store
from powtrace.web.pages.admin import new_password
from powtrace.workflows import demo as demo_flow
from powtrace.workflows import registry

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


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load the demo story on first run.")
    ] = True,
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
        uvicorn.run(
            create_app(store),
            host=host,
            port=port,
            access_log=False,
            server_header=False,
            log_level="warning",
        )
    finally:
        store.close()


if __name__ == "__main__":  # `python -m powtrace.cli.serve`, before the command is registered
    typer.run(serve)
