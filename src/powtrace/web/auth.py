"""Signing in and out: password, then the two-factor code when enrolled; rate-limited.

Failed attempts are counted in the database per username and per address, so the limit
holds across server processes. Each step of sign-in gets a new session id (no fixation).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from powtrace.store import accounts
from powtrace.web.context import (
    WEB_ACTOR,
    CtxDep,
    clear_session_cookie,
    set_session_cookie,
    settings_of,
    start_session,
    store_of,
)
from powtrace.web.csrf import FormDep
from powtrace.web.forms import Form
from powtrace.web.i18n import N_
from powtrace.web.templating import gettext, render

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only a path on this site: an open redirect would help phishing."""
    target = target or "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def client_ip(request: Request) -> str:
    # The address uvicorn reports. It takes X-Forwarded-For only from 127.0.0.1, i.e. from a
    # reverse proxy on this machine that overwrites the header with the client's address
    # (docs/admin.md); from anywhere else the header is ignored, since anyone can send it.
    return request.client.host if request.client else "unknown"


def _too_many(request: Request, username: str) -> bool:
    settings = settings_of(request)
    since = (datetime.now(UTC) - timedelta(seconds=settings.attempt_window)).isoformat(
        timespec="microseconds"
    )
    with store_of(request).reading() as conn:
        by_user = accounts.failures_since(conn, since, username=username)
        by_ip = accounts.failures_since(conn, since, ip=client_ip(request))
    return by_user >= settings.max_failures_account or by_ip >= settings.max_failures_ip


def _record(request: Request, username: str, kind: str, ok: bool) -> None:
    with store_of(request).transaction(WEB_ACTOR) as tx:
        accounts.record_attempt(tx.conn, username, client_ip(request), kind, ok)


def _limited(request: Request) -> str:
    minutes = settings_of(request).attempt_window // 60
    return gettext(
        request,
        N_("Too many failed sign-ins. Wait %(minutes)d minutes and try again."),
        minutes=minutes,
    )


def _redirect(target: str, raw: str | None, request: Request) -> Response:
    response = RedirectResponse(target, status_code=303)
    if raw:
        set_session_cookie(response, request, raw)
    return response


@router.get("/login")
def login_page(request: Request, ctx: CtxDep, next: str = "/") -> Response:
    """The sign-in form (it starts a pre-sign-in session to carry the CSRF token)."""
    if ctx.signed_in:
        return RedirectResponse(safe_next(next), status_code=303)
    raw = None
    if ctx.session is None or ctx.session.stage != "anonymous":
        raw = start_session(request, None, "anonymous")
        with store_of(request).reading() as conn:
            ctx.session = accounts.find_session(conn, raw)
    form = Form({"username": "", "next": safe_next(next)})
    response = render(request, "login.html", {"form": form})
    if raw:
        set_session_cookie(response, request, raw)
    return response


@router.post("/login")
def login(request: Request, ctx: CtxDep, data: FormDep) -> Response:
    """Check the password; go on to the two-factor step when the account has one."""
    form = Form.of(data, "username", "password", "next")
    username = form.require("username", gettext(request, N_("Enter your username.")))
    form.require("password", gettext(request, N_("Enter your password.")))
    if not form.ok:
        return render(request, "login.html", {"form": form}, 400)
    if _too_many(request, username):
        return render(request, "login.html", {"form": form, "problem": _limited(request)}, 429)
    with store_of(request).reading() as conn:
        account = accounts.find_by_username(conn, username)
    ok = accounts.password_matches(account, data.get("password") or "")  # type: ignore[arg-type]
    _record(request, username, "password", ok)
    if not ok or account is None:
        problem = gettext(request, N_("The username or the password is wrong."))
        return render(request, "login.html", {"form": form, "problem": problem}, 401)
    target = safe_next(form.get("next"))
    if account.two_factor:
        raw = start_session(request, account.id, "totp")
        return _redirect(f"/login/totp?next={quote(target, safe='/')}", raw, request)
    raw = start_session(request, account.id, "full")
    return _redirect(target, raw, request)


def _totp_session(ctx: CtxDep) -> bool:
    return ctx.session is not None and ctx.session.stage == "totp" and bool(ctx.session.account_id)


@router.get("/login/totp")
def totp_page(request: Request, ctx: CtxDep, next: str = "/") -> Response:
    """The two-factor step, after a correct password."""
    if not _totp_session(ctx):
        return RedirectResponse("/login", status_code=303)
    return render(request, "totp.html", {"form": Form({"next": safe_next(next)})})


@router.post("/login/totp")
def totp(request: Request, ctx: CtxDep, data: FormDep) -> Response:
    """Check the code from the authenticator app and finish signing in."""
    if not _totp_session(ctx):
        return RedirectResponse("/login", status_code=303)
    assert ctx.session is not None and ctx.session.account_id is not None
    form = Form.of(data, "code", "next")
    with store_of(request).reading() as conn:
        account = accounts.get(conn, ctx.session.account_id)
    if _too_many(request, account.username):
        return render(request, "totp.html", {"form": form, "problem": _limited(request)}, 429)
    with store_of(request).transaction(WEB_ACTOR) as tx:
        ok = account.active and accounts.totp_accepts(tx.conn, account, form.get("code"))
    _record(request, account.username, "totp", ok)
    if not ok:
        form.error("code", gettext(request, N_("This code is wrong or was already used.")))
        return render(request, "totp.html", {"form": form}, 401)
    raw = start_session(request, account.id, "full")
    return _redirect(safe_next(form.get("next")), raw, request)


@router.post("/logout")
def logout(request: Request, ctx: CtxDep, data: FormDep) -> Response:
    """End the session here and in the database."""
    if ctx.session is not None:
        with store_of(request).transaction(WEB_ACTOR) as tx:
            accounts.end_session(tx.conn, ctx.session.id_hash)
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response, request)
    return response
