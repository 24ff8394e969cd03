"""CSRF protection: a synchronizer token per session, required in every form we accept.

The token lives in the server-side session row and is put into each form as a hidden field.
Every form route takes its fields through :func:`checked_form`, so none can skip the check.
SameSite=Strict cookies are a second line of defence, not the only one.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.datastructures import FormData

from powtrace.web.context import Ctx, load_ctx

FIELD = "csrf_token"


class CsrfFailed(Exception):
    """The form's token is missing or does not match the session's."""


async def checked_form(request: Request, ctx: Annotated[Ctx, Depends(load_ctx)]) -> FormData:
    """The submitted form, after checking its CSRF token against the session."""
    return _check(ctx, await request.form())


class TooLarge(Exception):
    """The request body is larger than the route accepts (nothing of it was read)."""


MAX_LIST_BYTES = 1024 * 1024  # the body of a list upload (the CLI takes lists of any size)
_SLACK = 64 * 1024  # the other fields and the multipart framing


def _checked_big(max_body: int, max_files: int, max_part: int) -> Callable[..., Any]:
    async def dependency(request: Request, ctx: Annotated[Ctx, Depends(load_ctx)]) -> FormData:
        try:
            length = int(request.headers.get("content-length", ""))
        except ValueError:
            raise TooLarge() from None
        if length > max_body:
            raise TooLarge()
        form = await request.form(max_files=max_files, max_fields=300, max_part_size=max_part)
        return _check(ctx, form)

    return dependency


# The upload: the body's announced length is checked before anything is read, and the whole
# body fits the parser's 1 MiB memory spool, so a list never touches the disk unencrypted.
checked_upload = _checked_big(MAX_LIST_BYTES, 1, 64 * 1024)
# The column mapping, which carries the list back as base64 in a hidden field (no file).
checked_mapping = _checked_big(2 * MAX_LIST_BYTES + _SLACK, 0, 2 * MAX_LIST_BYTES)


def _check(ctx: Ctx, form: FormData) -> FormData:
    sent = form.get(FIELD)
    if (
        ctx.session is None
        or not isinstance(sent, str)
        or not secrets.compare_digest(sent.encode(), ctx.session.csrf_token.encode())
    ):
        raise CsrfFailed()
    return form


FormDep = Annotated[FormData, Depends(checked_form)]
UploadDep = Annotated[FormData, Depends(checked_upload)]
MappingDep = Annotated[FormData, Depends(checked_mapping)]
