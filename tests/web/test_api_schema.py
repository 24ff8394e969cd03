"""Property-based tests of the JSON API from its own OpenAPI description (schemathesis).

Each operation gets a bounded number of generated requests, signed with a lawyer's token (the
widest reading role); none may produce a server error or break the described schema.
(schemathesis' lazy pytest fixture does not work with this pytest, so operations are driven
through hypothesis directly.) Whether uploaded bytes are a readable list with a name column is
beyond what a schema can say, so the list routes may refuse well-formed requests with 422; they
are held to every other check. So are source and person search: whether a query holds a word (or
a letter of a name) as the search reads them is more than a pattern says alike in every regex
dialect, and a query without one is refused with 422.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from .support import Web
from .test_api import token_for

EXAMPLES = 12
CONTENT_BEYOND_SCHEMA = {
    "POST /lists/upload",
    "POST /lists/import",
    "GET /sources/search",
    "GET /search",
}


def _excluded(case: schemathesis.Case) -> list:
    return [positive_data_acceptance] if case.operation.label in CONTENT_BEYOND_SCHEMA else []


def test_api_never_fails_on_generated_requests(web: Web) -> None:
    _, token = token_for(web, "lawyer")
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", web.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 38
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, excluded_checks=_excluded(case))

        check()
