"""Operations: rekeying the embedded store (even when killed half-way), health and metrics."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
import sqlcipher3
from fastapi import FastAPI
from fastapi.testclient import TestClient

from powtrace.domain.errors import StoreError
from powtrace.store import engine as eng
from powtrace.store.keys import read_key_file
from powtrace.store.store import Store
from powtrace.web import ops
from powtrace.workflows import backup as flow
from powtrace.workflows import demo, lists

from .support import SEED, Runner, kill_at_random, spawn, verified, write_list


def _opens(db: Path, key: str) -> bool:
    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def test_rekey_puts_a_new_key_in_a_new_file_and_drops_the_old(run: Runner, tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = Store.init(home)
    demo.load_demo(store)
    store.close()
    before = verified(home, None)
    old = read_key_file(home / "powtrace.key")
    code, _out, err = run("rekey")
    assert code == 0, err
    new = read_key_file(home / "powtrace.key")  # refuses a file others may read
    assert new != old
    assert _opens(home / "powtrace.db", new) and not _opens(home / "powtrace.db", old)
    assert (home / "powtrace.db").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in home.iterdir()) == ["powtrace.db", "powtrace.key"]
    assert verified(home, None) == before
    code, _, err = run("rekey", "--keep-old")
    assert code == 0, err
    assert (home / "powtrace.key.old").read_text().strip() == new  # kept, as asked
    assert _opens(home / "powtrace.db.old", new)


def test_rekey_refuses_a_key_from_the_environment(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.init(tmp_path / "home").close()
    monkeypatch.setenv("POWTRACE_KEY", read_key_file(tmp_path / "home" / "powtrace.key"))
    code, _, err = run("rekey")
    assert code == 1 and "POWTRACE_KEY" in err


def test_rekey_killed_at_random_moments_never_loses_the_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = Store.init(home)
    # Small: rekeying copies, checks and switches the files in the same steps at any size,
    # and the random kills are spread over the time one rekey takes.
    lists.import_list_file(store, "clerk", write_list(tmp_path / "l.csv", 500))
    store.close()
    before = verified(home, None)
    started = time.perf_counter()
    assert spawn(["rekey"], tmp_path / "calibrate.log").wait() == 0
    took = time.perf_counter() - started
    rng = random.Random(SEED + 4)
    for i in range(6):
        kill_at_random(["rekey"], tmp_path / f"rekey-{i}.log", rng, 0.0, took)
        try:
            state = verified(home, None)  # either the store opens as it is …
        except StoreError:
            flow.recover_rekey(home)  # … or the next rekey (or this) finishes or undoes it
            state = verified(home, None)
        assert state == before, i
    flow.rekey_store(home)
    assert verified(home, None) == before


# ---- health and metrics -----------------------------------------------------------------
def _client(store: Store) -> TestClient:
    app = FastAPI()
    app.state.store = store
    app.include_router(ops.router)
    return TestClient(app)


def test_healthz_and_metrics_count_without_naming_anyone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.load_demo(store)
    client = _client(store)
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and health.json()["schema"] == eng.head_revision()
    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
    body = metrics.text
    assert "powtrace_up 1" in body
    persons = int(
        next(x for x in body.splitlines() if x.startswith("powtrace_persons ")).split()[1]
    )
    assert persons > 0
    assert 'powtrace_events{review="confirmed"}' in body
    assert "powtrace_audit_entries" in body
    for word in ("Тетерин", "Teterin", "p-", "s-", "e-"):  # no names, no ids
        assert word not in body, word
    monkeypatch.setenv(ops.TOKEN_ENV, "s3cret-token")
    assert client.get("/metrics").status_code == 401
    ok = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200


def test_healthz_fails_when_the_schema_is_old_or_the_database_gone(tmp_path: Path) -> None:
    Store.init(tmp_path / "home").close()
    (tmp_path / "home" / "powtrace.db").unlink()
    key = read_key_file(tmp_path / "home" / "powtrace.key")
    engine = eng.make_engine(eng.sqlcipher_url(tmp_path / "home" / "powtrace.db", key))
    eng.migrate(engine, "0001")
    old = _client(Store(engine, tmp_path / "home")).get("/healthz")
    assert old.status_code == 503 and old.json()["schema"] == "0001"
    engine.dispose()
    gone = eng.make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    down = _client(Store(gone)).get("/healthz")
    assert down.status_code == 503 and down.json()["database"] == "unreachable"
    assert _client(Store(gone)).get("/metrics").status_code == 503


def test_the_router_fits_into_the_application(store: Store) -> None:
    from powtrace.web.app import create_app

    app = create_app(store)
    app.include_router(ops.router)  # what create_app should do
    client = TestClient(app)
    assert client.get("/healthz").status_code == 200
    assert client.get("/metrics").status_code == 200
