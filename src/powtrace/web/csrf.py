"""CSRF protection: a synchronizer token per session, required in every form we accept.

The token lives in the server-side session row and is put into each form as a hidden field.
Every form route takes its fields through :func:`checked_form`, so none can skip the check.
SameSite=Strict cookies are a second line of defence, not the only one.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from powtrace.web.context import Ctx, load_ctx

FIELD = "csrf_token"


class CsrfFailed(Exception):
    """The form's token is missing or does not match the session's."""


async def checked_form(request: Request, ctx: Annotated[Ctx, Depends(load_ctx)]) -> FormData:
    """The submitted form, after checking its CSRF token against the session."""
    form = await request.form()
    sent = form.get(FIELD)
    if (
        ctx.session is None
        or not isinstance(sent, str)
        or not secrets.compare_digest(sent.encode(), ctx.session.csrf_token.encode())
    ):
        raise CsrfFailed()
    return form


FormDep = Annotated[FormData, Depends(checked_form)]
