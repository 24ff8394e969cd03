"""Fixtures for the web tests; every test runs on SQLCipher and, when set up, PostgreSQL."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from powtrace.store import accounts
from powtrace.store.store import Store

from .support import Web, build


@pytest.fixture(autouse=True)
def _fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with tiny costs: the tests check the flow, not the hash's strength."""
    monkeypatch.setattr(
        accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@pytest.fixture
def web(store: Store) -> Web:
    return build(store)
