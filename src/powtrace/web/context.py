"""Who is asking: the session behind the cookie, the signed-in account, the language.

Dependencies here are what every page and form route starts from. A page that needs a
signed-in user raises :class:`LoginRequired`; one that needs a role raises :class:`Forbidden`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import Response

from powtrace.domain.visibility import Visibility
from powtrace.store import accounts
from powtrace.store.accounts import Account, Role, Session
from powtrace.store.store import Store
from powtrace.web import i18n
from powtrace.web.settings import WebSettings

WEB_ACTOR = "powtrace-web"  # actor of session bookkeeping, which is never audited


class LoginRequired(Exception):
    """The page needs a signed-in user."""


class Forbidden(Exception):
    """The signed-in user's role may not use this page."""


@dataclass
class Ctx:
    """The request's reader: their session, account and language."""

    lang: str
    session: Session | None = None
    account: Account | None = None

    @property
    def signed_in(self) -> bool:
        return self.account is not None

    @property
    def clearance(self) -> Visibility:
        return self.account.clearance if self.account else Visibility.PUBLIC

    @property
    def actor(self) -> str:
        """The audit actor: the user's name."""
        assert self.account is not None
        return self.account.username

    @property
    def csrf(self) -> str:
        return self.session.csrf_token if self.session else ""

    @property
    def is_admin(self) -> bool:
        return self.account is not None and self.account.role is Role.ADMINISTRATOR

    @property
    def can_edit(self) -> bool:
        return self.account is not None and self.account.role is not Role.VIEWER


def store_of(request: Request) -> Store:
    return request.app.state.store


def settings_of(request: Request) -> WebSettings:
    return request.app.state.settings


def anonymous_ctx(request: Request) -> Ctx:
    """A context without a database look-up (error pages for unknown routes)."""
    return Ctx(lang=i18n.negotiate(request.headers.get("accept-language")))


def _absolute_end(session: Session, settings: WebSettings) -> str:
    created = datetime.fromisoformat(session.created_at)
    return (created + timedelta(seconds=settings.session_absolute)).isoformat(
        timespec="microseconds"
    )


def load_ctx(request: Request) -> Ctx:
    """Find the session the cookie names and its account; extend its idle timeout."""
    settings = settings_of(request)
    store = store_of(request)
    ctx = anonymous_ctx(request)
    raw = request.cookies.get(settings.cookie_name, "")
    if raw:
        with store.reading() as conn:
            session = accounts.find_session(conn, raw)
            account = None
            if session and session.account_id:
                account = accounts.get(conn, session.account_id)
        if session is not None:
            ctx.session = session
            if session.stage == "full" and account is not None and account.active:
                ctx.account = account
                ctx.lang = account.locale
                left = datetime.fromisoformat(session.expires_at) - datetime.now(UTC)
                # Refresh at most every few minutes: a write per request would serialise
                # readers on the embedded store.
                if left.total_seconds() < settings.session_idle - 300:
                    with store.transaction(WEB_ACTOR) as tx:
                        accounts.touch_session(
                            tx.conn,
                            session.id_hash,
                            settings.session_idle,
                            _absolute_end(session, settings),
                        )
    request.state.ctx = ctx
    return ctx


def signed_in(ctx: Annotated[Ctx, Depends(load_ctx)]) -> Ctx:
    """The reader, who must be signed in."""
    if not ctx.signed_in:
        raise LoginRequired()
    return ctx


def editor(ctx: Annotated[Ctx, Depends(signed_in)]) -> Ctx:
    """A reader who may add records (every role but viewer)."""
    if not ctx.can_edit:
        raise Forbidden()
    return ctx


def administrator(ctx: Annotated[Ctx, Depends(signed_in)]) -> Ctx:
    """A reader with the administrator role."""
    if not ctx.is_admin:
        raise Forbidden()
    return ctx


def set_session_cookie(response: Response, request: Request, raw: str) -> None:
    """Secure, HttpOnly, SameSite=Strict; no Max-Age: the server decides when it ends."""
    response.set_cookie(
        settings_of(request).cookie_name,
        raw,
        secure=True,
        httponly=True,
        samesite="strict",
        path="/",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        settings_of(request).cookie_name, secure=True, httponly=True, samesite="strict", path="/"
    )


def start_session(request: Request, account_id: str | None, stage: str) -> str:
    """End the current session and start a new one (a new id after every sign-in step)."""
    settings = settings_of(request)
    ctx: Ctx = request.state.ctx
    ttl = {
        "anonymous": settings.anonymous_ttl,
        "totp": settings.totp_ttl,
        "full": settings.session_idle,
    }[stage]
    with store_of(request).transaction(WEB_ACTOR) as tx:
        if ctx.session is not None:
            accounts.end_session(tx.conn, ctx.session.id_hash)
        return accounts.start_session(tx.conn, account_id, stage, ttl)


CtxDep = Annotated[Ctx, Depends(load_ctx)]
UserDep = Annotated[Ctx, Depends(signed_in)]
EditorDep = Annotated[Ctx, Depends(editor)]
AdminDep = Annotated[Ctx, Depends(administrator)]
