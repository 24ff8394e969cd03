"""Fixtures for the report tests: the demo story loaded into a store on each engine."""

from __future__ import annotations

import pytest

from powtrace.store.store import Store
from powtrace.workflows.demo import DemoResult, load_demo


@pytest.fixture
def demo(store: Store) -> DemoResult:
    result = load_demo(store)
    assert result.loaded
    return result
