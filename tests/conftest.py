"""Shared fixtures: a fresh store on each engine the run can reach.

Every store test runs on the embedded SQLCipher store; when ``POWTRACE_TEST_PG_URL`` names a
PostgreSQL database (``.ci/run`` creates one per run), it runs on PostgreSQL too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from powtrace.store.store import Store

PG_URL = os.environ.get("POWTRACE_TEST_PG_URL")
ENGINES = ["sqlcipher", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own store, key or database settings."""
    for name in ("POWTRACE_KEY", "POWTRACE_KEY_FILE", "POWTRACE_DB_URL", "POWTRACE_ACTOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POWTRACE_HOME", str(tmp_path / "home"))


def reset_postgres(url: str) -> None:
    """Drop every table so the next test starts from an empty database."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=ENGINES)
def engine_kind(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not PG_URL:
        pytest.skip("set POWTRACE_TEST_PG_URL to run the PostgreSQL tests")
    return request.param


@pytest.fixture
def store_url(engine_kind: str) -> str | None:
    """The server URL for this engine (None: the embedded store in POWTRACE_HOME)."""
    if engine_kind == "postgresql":
        assert PG_URL
        reset_postgres(PG_URL)
        return PG_URL
    return None


@pytest.fixture
def store(store_url: str | None, tmp_path: Path) -> Iterator[Store]:
    s = Store.init(tmp_path / "home", store_url)
    yield s
    s.close()
