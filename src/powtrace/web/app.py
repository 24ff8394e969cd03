"""The FastAPI application: pages, the JSON API under /api, static files, security headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from powtrace.store.store import Store
from powtrace.web import errors
from powtrace.web.api import create_api
from powtrace.web.auth import router as auth_router
from powtrace.web.ops import router as ops_router
from powtrace.web.pages.account import router as account_router
from powtrace.web.pages.admin import router as admin_router
from powtrace.web.pages.cases import router as cases_router
from powtrace.web.pages.dashboard import router as dashboard_router
from powtrace.web.pages.findings import router as findings_router
from powtrace.web.pages.list_jobs import router as list_jobs_router
from powtrace.web.pages.lists import router as lists_router
from powtrace.web.pages.persons import router as persons_router
from powtrace.web.pages.reports import router as reports_router
from powtrace.web.pages.review import router as review_router
from powtrace.web.pages.sources import router as sources_router
from powtrace.web.pages.wishes import router as wishes_router
from powtrace.web.settings import WebSettings

STATIC = Path(__file__).with_name("static")
ROUTERS = (
    auth_router,
    dashboard_router,
    persons_router,
    wishes_router,
    reports_router,
    sources_router,
    findings_router,
    review_router,
    lists_router,
    list_jobs_router,
    cases_router,
    account_router,
    admin_router,
)

# Nothing loads from elsewhere, no inline script or style runs, no one may frame the pages.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Adds security headers to every response; pages and API answers are never cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                headers += HEADERS
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                if scope.get("scheme") == "https":
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(store: Store, settings: WebSettings | None = None) -> FastAPI:
    """The web application over an opened store."""
    app = FastAPI(title="powtrace", openapi_url=None, docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.settings = settings or WebSettings()
    api = create_api()
    api.state.store = store
    app.mount("/api", api)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(ops_router)  # /healthz and /metrics for the operator (docs/admin.md)
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    return app
