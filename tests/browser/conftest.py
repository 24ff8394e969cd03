"""A real server in a subprocess and a real headless Chromium (Debian's) driven by Playwright.

Skipped when /usr/bin/chromium is absent; CI installs it. Playwright's own browser downloads
are never used (no `playwright install`): the system Chromium is launched by path.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWER_PASSWORD = "viewer passphrase for tests"
LAWYER_PASSWORD = "lawyer passphrase for tests"
ARTICLE = """Kharkiv, 3 March 2025 — Families in the Kharkiv region are waiting for news.

Oleksandr Hrytsenko, 34, a sapper with the 92nd brigade, was captured near Vovchansk in May 2024,
his wife Iryna said. He was exchanged on Friday together with 175 other soldiers.
"""

if not Path(CHROMIUM).exists():
    pytest.skip("no /usr/bin/chromium (CI installs it)", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api")


@dataclass
class Server:
    url: str
    admin_password: str
    sealed_person: str
    home: Path
    proposals: dict[str, str]  # of an ingested article: person name or event type -> id


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`powtrace serve` on a fresh home: first run prints the administrator's password."""
    home = tmp_path_factory.mktemp("serve") / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("POWTRACE_")}
    env["POWTRACE_HOME"] = str(home)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "powtrace.cli.serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = ""
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    while "powtrace is serving" not in out and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        out += line
    found = re.search(r"password: (\S+)", out)
    assert found and f"http://127.0.0.1:{port}/" in out, out
    url = f"http://127.0.0.1:{port}"
    _wait_until_up(url)
    sealed, proposals = _prepare(home)
    try:
        yield Server(url, found.group(1), sealed, home, proposals)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _wait_until_up(url: str) -> None:
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/login", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not answer")


def _prepare(home: Path) -> tuple[str, dict[str, str]]:
    """Through the store itself (beside the running server): a sealed person, a viewer, a
    lawyer, and an ingested article waiting for review."""
    from powtrace.domain.model import NameForm, Person
    from powtrace.intake import read_bytes
    from powtrace.store import accounts
    from powtrace.store.store import Store
    from powtrace.workflows import ingest, registry, review

    store = Store.open(home)
    try:
        person = Person(
            name_forms=[NameForm("Засекреченный Иван Петрович", kind="official")],
            side="russia",
            visibility="sealed",
        )
        registry.add_person(store, "test-setup", person)
        with store.transaction("test-setup") as tx:
            accounts.create(tx, "viewer", "viewer", VIEWER_PASSWORD, "ru")
            accounts.create(tx, "lawyer", "lawyer", LAWYER_PASSWORD, "en")
        ingest.ingest(store, "monitor", read_bytes(ARTICLE.encode(), "hrytsenko.txt"))
        pending = {
            str(p.payload.get("name") or p.payload.get("type")): p.id for p in review.pending(store)
        }
        return person.id, pending
    finally:
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
