"""Errors shown as pages: a message the reader can act on, never a traceback."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from powtrace.domain.errors import NotFoundError, PowtraceError
from powtrace.web.api_base import problem
from powtrace.web.context import Forbidden, LoginRequired, anonymous_ctx
from powtrace.web.csrf import CsrfFailed, TooLarge
from powtrace.web.i18n import N_, error_message
from powtrace.web.templating import gettext, render

log = logging.getLogger("powtrace.web")

TITLES = {
    400: N_("That did not work"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not allowed"),
    413: N_("Too large"),
    500: N_("Something went wrong"),
}


def message_for(request: Request, exc: PowtraceError) -> str:
    """A domain error's message in the reader's language (English where not translated)."""
    ctx = getattr(request.state, "ctx", None) or anonymous_ctx(request)
    return error_message(exc, ctx.lang)


def error_page(request: Request, status: int, message: str) -> Response:
    """An error page in the reader's language."""
    if not hasattr(request.state, "ctx"):
        request.state.ctx = anonymous_ctx(request)
    title = gettext(request, TITLES.get(status, TITLES[400]))
    shown = gettext(request, message)  # a domain error comes here translated already
    return render(request, "error.html", {"title": title, "message": shown}, status)


def install(app: FastAPI) -> None:
    """Register the page error handlers on the application."""

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, _exc: Forbidden) -> Response:
        return error_page(request, 403, N_("Your role does not give access to this page."))

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _exc: CsrfFailed) -> Response:
        return error_page(
            request,
            403,
            N_(
                "This form has expired or did not come from this site. "
                "Go back, reload the page and try again."
            ),
        )

    @app.exception_handler(TooLarge)
    async def _too_large(request: Request, _exc: TooLarge) -> Response:
        return error_page(
            request,
            413,
            N_(
                "The file is larger than the web import accepts (1 MiB). Split the list, or "
                "import it with 'powtrace person import'."
            ),
        )

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, _exc: NotFoundError) -> Response:
        # The same page for an unknown id and for a record above the reader's clearance.
        return error_page(request, 404, N_("There is no such record that you may see."))

    @app.exception_handler(PowtraceError)
    async def _domain(request: Request, exc: PowtraceError) -> Response:
        return error_page(request, 400, message_for(request, exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and request.url.path.startswith("/api/"):
            # The API's mount does not match a path with a line break in it ("%0A"): such a
            # request lands here, and an API client still gets a problem document.
            return problem(404, "Not Found", "There is no such address in the API.")
        if exc.status_code == 404:
            return error_page(request, 404, N_("There is no such page."))
        if exc.status_code == 405:
            return error_page(request, 405, N_("This address does not accept that request."))
        return error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_page(request, 500, N_("The error was logged. Nothing was saved half-way."))
