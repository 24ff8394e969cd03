"""`powtrace serve --workers 2`: several processes answer one team from one store.

Sessions, CSRF tokens and sign-in limits live in the database, so a session begun on one
worker must be honoured by the other. Uvicorn hands connections to workers as they come; with
many concurrent requests both workers answer, and every one of them must know the session.

This test was once gated off: on a loaded machine one request ended with "Server disconnected
without sending a response" and the server then would not stop. The cause was a worker
crashing (SIGSEGV), not the network: the embedded store's SQLAlchemy pool
(SingletonThreadPool) closed connections that other request threads were still using (see
``powtrace.store.engine.make_engine``), which only bites once load makes anyio start more than
five threads. The client therefore does not retry: every request here is on a new connection,
so no keep-alive race can cut it, and a disconnect means a worker died, which is a bug.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from powtrace.store import accounts
from powtrace.store.store import Store

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POWTRACE_")}
    env["POWTRACE_HOME"] = str(tmp_path / "home")
    port = _free_port()
    cmd = [sys.executable, "-m", "powtrace.cli.serve", "--port", str(port), "--no-demo"]
    proc = subprocess.Popen(
        [*cmd, "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the supervisor and its workers: one group to stop
    )
    assert proc.stdout is not None
    out = ""
    deadline = time.monotonic() + 60
    while "powtrace is serving" not in out and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        out += line
    found = re.search(r"password: (\S+)", out)
    assert found, out
    # Keep reading what the server says: a full pipe would stall it, and on a failure its
    # words are the evidence.
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(proc.stdout or ()), daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}"
    try:
        # Each worker imports the application itself: allow for a slow, busy machine.
        up = time.monotonic() + 180
        healthy = False
        while not healthy and time.monotonic() < up and proc.poll() is None:
            with contextlib.suppress(httpx.HTTPError):
                healthy = httpx.get(url + "/healthz", timeout=2).status_code == 200
            if not healthy:
                time.sleep(0.3)
        assert healthy, "".join(said)
        yield url, found.group(1)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # workers too, not only the supervisor
            proc.wait(timeout=10)
            pytest.fail("the server did not stop within 60 s:\n" + "".join(said))
        reader.join(10)
        print("".join(said))  # pytest shows it when the test fails


def _cookie(r: httpx.Response, old: str) -> str:
    for header in r.headers.get_list("set-cookie"):
        old = header.split(";", 1)[0]
    return old


def test_a_session_begun_on_one_worker_is_known_to_every_worker(served: tuple[str, str]) -> None:
    url, password = served
    # No keep-alive: each request gets a connection of its own, so a server closing an idle
    # connection just as it is reused cannot cut a request short, and the form and its
    # CSRF token may come from one worker and the sign-in go to the other.
    fresh = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(base_url=url, timeout=30, limits=fresh) as client:
        page = client.get("/login")
        cookie = _cookie(page, "")
        token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
        r = client.post(
            "/login",
            data={"username": "admin", "password": password, "next": "/", "csrf_token": token},
            headers={"cookie": cookie},
        )
        assert r.status_code == 303, r.text
        cookie = _cookie(r, cookie)

    def account(_: int) -> tuple[int, str]:
        with httpx.Client(base_url=url, timeout=30, limits=fresh) as c:
            r = c.get("/account", headers={"cookie": cookie})
            return r.status_code, r.text

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(account, range(40)))
    assert all(status == 200 for status, _ in answers), [s for s, _ in answers]
    assert all("admin" in text for _, text in answers)
    # Without the session, every worker sends the reader to sign in.
    assert httpx.get(url + "/account", timeout=30).status_code in (303, 401)


def test_the_served_store_lends_each_connection_to_one_thread_at_a_time(tmp_path: Path) -> None:
    """The pool under the web threads is not SingletonThreadPool, and the store's hooks hold."""
    store = Store.init(tmp_path / "home", None)
    try:
        assert isinstance(store.engine.pool, sa.pool.QueuePool)
        with store.reading() as conn:  # the key, and the pragmas make_engine sets
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        failures: list[Exception] = []

        def reads() -> None:
            try:
                for _ in range(10):
                    with store.reading() as conn:
                        accounts.count(conn)
            except Exception as exc:  # reported below, with the others
                failures.append(exc)

        # Short-lived threads, many at once, as anyio's pool grows and shrinks under load.
        for _ in range(4):
            threads = [threading.Thread(target=reads) for _ in range(12)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert not failures, failures
    finally:
        store.close()
