"""What every command shares: where the store is, who is acting, and how output is shown."""

from __future__ import annotations

import dataclasses
import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from powtrace.domain.dates import PartialDate
from powtrace.domain.visibility import Visibility
from powtrace.store.store import Store

# Messages are not hard-wrapped: a terminal wraps them itself, and a log or a script reading
# the output gets each message on one line (rich would break them at 80 columns otherwise).
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


@dataclasses.dataclass
class State:
    home: Path | None = None
    url: str | None = None
    actor: str = ""
    clearance: Visibility = Visibility.RESTRICTED


state = State()


def default_actor() -> str:
    try:
        return os.environ.get("POWTRACE_ACTOR") or getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


@contextmanager
def opened_store() -> Iterator[Store]:
    """Open the store named by the global options, and close it afterwards."""
    store = Store.open(state.home, state.url)
    try:
        yield store
    finally:
        store.close()


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):  # a dataclass too, but shown as its text: "2024-08~"
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return None  # original bytes are never printed; their SHA-256 is
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    return value


def print_json(value: Any) -> None:
    """Print any result as JSON (dataclasses, enums and dates made plain)."""
    typer.echo(json.dumps(_plain(value), ensure_ascii=False, indent=2, sort_keys=True))
