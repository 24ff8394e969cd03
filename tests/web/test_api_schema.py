"""Property-based tests of the JSON API from its own OpenAPI description (schemathesis).

Each operation gets a bounded number of generated requests, signed with a lawyer's token (the
widest reading role); none may produce a server error or break the described schema.
(schemathesis' lazy pytest fixture does not work with this pytest, so operations are driven
through hypothesis directly.) Whether uploaded bytes are a readable list with a name column is
beyond what a schema can say, so the list routes may refuse well-formed requests with 422; they
are held to every other check. So are source and person search: whether a query holds a word (or
a letter of a name) as the search reads them is more than a pattern says alike in every regex
dialect, and a query without one is refused with 422.

The requests are generated once per run (derandomized: the same ones on every run) and the same
ones are sent to each engine's application in turn: generating them costs more than sending.
"""

from __future__ import annotations

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from powtrace.store.store import Store
from powtrace.web.app import create_app

from .support import Web
from .test_api import token_for

EXAMPLES = 12
OPERATIONS = 38
CONTENT_BEYOND_SCHEMA = {
    "POST /lists/upload",
    "POST /lists/import",
    "GET /sources/search",
    "GET /search",
}


def _excluded(case: schemathesis.Case) -> list:
    return [positive_data_acceptance] if case.operation.label in CONTENT_BEYOND_SCHEMA else []


@pytest.fixture(scope="module")
def generated() -> tuple[schemathesis.BaseSchema, list[schemathesis.Case]]:
    """The schema and up to EXAMPLES generated requests for each of its operations."""
    # The description is code, not data: the app that serves it needs no store of its own.
    nothing = Store(sa.create_engine("sqlite://"))
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(nothing))
    nothing.engine.dispose()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == OPERATIONS
    cases: list[schemathesis.Case] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def generate(case: schemathesis.Case) -> None:
            cases.append(case)

        generate()
    assert {c.operation.label for c in cases} == {o.label for o in operations}
    return schema, cases


def test_api_never_fails_on_generated_requests(
    web: Web, generated: tuple[schemathesis.BaseSchema, list[schemathesis.Case]]
) -> None:
    _, token = token_for(web, "lawyer")
    headers = {"Authorization": f"Bearer {token}"}
    schema, cases = generated
    # Every request, and every request a check sends after it, goes to this engine's app.
    schema.app = web.app
    for operation in {case.operation for case in cases}:
        operation.app = web.app
    for case in cases:
        case.call_and_validate(headers=headers, excluded_checks=_excluded(case))
