"""Property-based tests of the JSON API from its own OpenAPI description (schemathesis).

Each operation gets a bounded number of generated requests, signed with a lawyer's token (the
widest reading role); none may produce a server error or break the described schema.
(schemathesis' lazy pytest fixture does not work with this pytest, so operations are driven
through hypothesis directly.)
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from .support import Web
from .test_api import token_for

EXAMPLES = 12


def test_api_never_fails_on_generated_requests(web: Web) -> None:
    _, token = token_for(web, "lawyer")
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", web.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 26
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
            case.call_and_validate(headers=headers)

        check()
