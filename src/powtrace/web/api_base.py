"""What every JSON API route shares: the caller behind the token, roles, problem documents.

Errors are RFC 9457 problem documents. A record above the caller's clearance gets exactly the
body an unknown id gets, so the API does not confirm that it exists.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from powtrace.store import accounts
from powtrace.store.accounts import Account, Role
from powtrace.web import api_models as m

PROBLEM = "application/problem+json"
_bearer = HTTPBearer(auto_error=False, description="A personal API token (Account page).")


class ApiProblem(Exception):
    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        self.status, self.title, self.detail, self.errors = status, title, detail, errors


def invalid(*loc: str, msg: str, code: str) -> ApiProblem:
    """A 422 naming the body field at fault, shaped like a case's field problems."""
    errors = [{"loc": ["body", *loc], "msg": msg, "code": code}]
    return ApiProblem(422, "Unprocessable Content", "A field is not valid.", errors)


def problem(status: int, title: str, detail: str | None = None, **extra: Any) -> JSONResponse:
    body = m.Problem(title=title, status=status, detail=detail, **extra)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        body.model_dump(exclude_none=True), status, media_type=PROBLEM, headers=headers
    )


def problem_doc(description: str) -> dict[str, Any]:
    return {"model": m.Problem, "description": description, "content": {PROBLEM: {}}}


ERRORS: dict[int | str, dict[str, Any]] = {
    401: problem_doc("No valid API token."),
    404: problem_doc("No such record that you may see."),
    422: problem_doc("A parameter is not valid."),
}
# Routes for editors (every role but viewer), as the pages they mirror.
EDITORS: dict[int | str, dict[str, Any]] = {
    403: problem_doc("Your role may not use this (viewers only read)."),
}
# Writes that can meet a record someone else changed meanwhile, or a decision already taken.
CONFLICTS: dict[int | str, dict[str, Any]] = {
    409: problem_doc("The record changed meanwhile, or the step needs another one first."),
}


def caller(
    request: Request,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Account:
    """The account whose live token is in the Authorization header."""
    if cred is None or cred.scheme.lower() != "bearer":
        raise ApiProblem(401, "Unauthorized", "Send a personal API token as a Bearer token.")
    with request.app.state.store.reading() as conn:
        account = accounts.account_for_token(conn, cred.credentials)
    if account is None:
        raise ApiProblem(401, "Unauthorized", "The token is unknown, expired or revoked.")
    return account


def editor(who: Annotated[Account, Depends(caller)]) -> Account:
    """A caller who may change records, as on the pages: every role but viewer."""
    if who.role is Role.VIEWER:
        raise ApiProblem(403, "Forbidden", "Your role may only read.")
    return who


Caller = Annotated[Account, Depends(caller)]
Editor = Annotated[Account, Depends(editor)]
