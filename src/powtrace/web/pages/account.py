"""The signed-in user's own account: language, password, two-factor, API tokens."""

from __future__ import annotations

import pyotp
import segno
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from powtrace.domain.errors import ValidationError
from powtrace.store import accounts
from powtrace.store.accounts import LOCALES, MIN_PASSWORD
from powtrace.web.context import (
    WEB_ACTOR,
    Ctx,
    UserDep,
    set_session_cookie,
    start_session,
    store_of,
)
from powtrace.web.csrf import FormDep
from powtrace.web.forms import Form
from powtrace.web.templating import gettext, render

router = APIRouter()
ISSUER = "powtrace"


def _page(request: Request, ctx: Ctx, status: int = 200, **extra: object) -> Response:
    assert ctx.account is not None
    with store_of(request).reading() as conn:
        tokens = accounts.tokens_of(conn, ctx.account.id)
    context = {"tokens": tokens, "locales": LOCALES, "min_password": MIN_PASSWORD}
    blank = {"form": Form({"locale": ctx.lang}), "pw_form": Form(), "totp_form": Form()}
    context.update(blank, token_form=Form())
    return render(request, "account.html", {**context, **extra}, status)


def _fresh_session(request: Request, ctx: Ctx, target: str) -> Response:
    """Credentials changed, so every session ended: start a new one for this browser."""
    assert ctx.account is not None
    ctx.session = None  # already deleted by the change
    raw = start_session(request, ctx.account.id, "full")
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, raw)
    return response


@router.get("/account")
def account_page(request: Request, ctx: UserDep) -> Response:
    """Settings of the signed-in user."""
    return _page(request, ctx)


@router.post("/account/language")
def set_language(request: Request, ctx: UserDep, data: FormDep) -> Response:
    """Choose the interface language."""
    form = Form.of(data, "locale")
    if form.get("locale") not in LOCALES:
        form.error("locale", gettext(request, "Choose a language from the list."))
        return _page(request, ctx, 400, form=form)
    with store_of(request).transaction(ctx.actor) as tx:
        accounts.update(tx, ctx.account.id, locale=form.get("locale"))  # type: ignore[union-attr]
    return RedirectResponse("/account", status_code=303)


@router.post("/account/password")
def change_password(request: Request, ctx: UserDep, data: FormDep) -> Response:
    """Change the password: the current one first, the new one twice."""
    assert ctx.account is not None
    form = Form.of(data)
    current, new, again = (str(data.get(k) or "") for k in ("current", "new", "again"))
    if not accounts.password_matches(ctx.account, current):
        form.error("current", gettext(request, "This is not your current password."))
    try:
        accounts.check_password(new)
    except ValidationError:
        form.error(
            "new",
            gettext(request, "Use at least %(n)d characters.", n=MIN_PASSWORD),
        )
    if new != again:
        form.error("again", gettext(request, "The two new passwords differ."))
    if not form.ok:
        return _page(request, ctx, 400, pw_form=form)
    with store_of(request).transaction(ctx.actor) as tx:
        accounts.update(tx, ctx.account.id, password_hash=accounts.hash_password(new))
    return _fresh_session(request, ctx, "/account?changed=password")


@router.post("/account/totp/start")
def totp_start(request: Request, ctx: UserDep, data: FormDep) -> Response:
    """Start enrolment: a new secret waits in the session until a code confirms it."""
    assert ctx.session is not None
    with store_of(request).transaction(WEB_ACTOR) as tx:
        accounts.set_pending_totp(tx.conn, ctx.session.id_hash, pyotp.random_base32())
    return RedirectResponse("/account/totp", status_code=303)


def _enrol_page(request: Request, ctx: Ctx, form: Form, status: int = 200) -> Response:
    assert ctx.session is not None and ctx.account is not None
    secret = ctx.session.pending_totp
    if not secret:
        return RedirectResponse("/account", status_code=303)
    uri = pyotp.TOTP(secret).provisioning_uri(name=ctx.account.username, issuer_name=ISSUER)
    qr = segno.make(uri, error="m").svg_inline(scale=4, dark="#111", light="#fff")
    spaced = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    context = {"form": form, "secret": spaced, "qr": qr}
    return render(request, "totp_enrol.html", context, status)


@router.get("/account/totp")
def totp_enrol_page(request: Request, ctx: UserDep) -> Response:
    """The QR code and secret to put in an authenticator app, and the code to confirm."""
    return _enrol_page(request, ctx, Form())


@router.post("/account/totp/confirm")
def totp_confirm(request: Request, ctx: UserDep, data: FormDep) -> Response:
    """Turn two-factor on once a code from the new secret is right."""
    assert ctx.session is not None and ctx.account is not None
    form = Form.of(data, "code")
    secret = ctx.session.pending_totp
    if not secret:
        return RedirectResponse("/account", status_code=303)
    with store_of(request).transaction(ctx.actor) as tx:
        if not accounts.totp_accepts(tx.conn, ctx.account, form.get("code"), secret):
            form.error("code", gettext(request, "This code is wrong or was already used."))
        else:
            accounts.update(tx, ctx.account.id, totp_secret=secret)
    if not form.ok:
        return _enrol_page(request, ctx, form, 400)
    return _fresh_session(request, ctx, "/account?changed=totp")


@router.post("/account/totp/disable")
def totp_disable(request: Request, ctx: UserDep, data: FormDep) -> Response:
    """Turn two-factor off (needs the password)."""
    assert ctx.account is not None
    form = Form.of(data)
    if not accounts.password_matches(ctx.account, str(data.get("password") or "")):
        form.error("password", gettext(request, "This is not your current password."))
        return _page(request, ctx, 400, totp_form=form)
    with store_of(request).transaction(ctx.actor) as tx:
        accounts.update(tx, ctx.account.id, totp_secret=None)
    return _fresh_session(request, ctx, "/account?changed=totp")


@router.post("/account/tokens")
def new_token(request: Request, ctx: UserDep, data: FormDep) -> Response:
    """Create a personal API token; it is shown on this response only."""
    assert ctx.account is not None
    form = Form.of(data, "name")
    name = form.get("name")
    if not name or len(name) > 100:
        form.error("name", gettext(request, "Give the token a name of 1–100 characters."))
        return _page(request, ctx, 400, token_form=form)
    with store_of(request).transaction(ctx.actor) as tx:
        _, raw = accounts.create_token(tx, ctx.account.id, name)
    return _page(request, ctx, 200, new_token=raw)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(request: Request, ctx: UserDep, data: FormDep, token_id: str) -> Response:
    """Revoke one of the user's tokens."""
    assert ctx.account is not None
    with store_of(request).transaction(ctx.actor) as tx:
        accounts.revoke_token(tx, ctx.account.id, token_id)  # another's token: not found
    return RedirectResponse("/account", status_code=303)
