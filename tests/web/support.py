"""Helpers for the web tests: a store with the demo, one account per role, signing in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyotp
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from powtrace.domain.model import NameForm, Person
from powtrace.store import accounts
from powtrace.store.store import Store
from powtrace.web.app import create_app
from powtrace.workflows import demo, registry

ROLES = ("viewer", "analyst", "lawyer", "administrator")
PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Web:
    """A store ready for web tests and the application over it."""

    store: Store
    app: FastAPI
    sealed_person: str
    public_person: str
    restricted_person: str
    sealed_source: str
    public_source: str
    ids: dict[str, str] = field(default_factory=dict)

    def client(self) -> TestClient:
        # https: the session cookie is Secure, and httpx keeps Secure cookies only for https.
        return TestClient(self.app, base_url="https://testserver", follow_redirects=False)


def build(store: Store) -> Web:
    """Demo data, a sealed and a public person, and an account per role."""
    loaded = demo.load_demo(store)
    sealed = Person(
        name_forms=[NameForm("Засекреченный Иван Петрович", kind="official"), NameForm("Ivan Z")],
        side="russia",
        visibility="sealed",
    )
    public = Person(name_forms=[NameForm("Відкритий Петро", kind="official")], visibility="public")
    registry.add_person(store, "test-setup", sealed)
    registry.add_person(store, "test-setup", public)
    sources = {s.visibility.value: s.id for s in registry.list_sources(store, sealed.visibility)}
    with store.transaction("test-setup") as tx:
        for role in ROLES:
            accounts.create(tx, role, role, PASSWORD, "en")
    return Web(
        store,
        create_app(store),
        sealed.id,
        public.id,
        loaded.person_ids["teterin"],
        sources["sealed"],
        sources["public"],
    )


def csrf_of(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    found = CSRF.search(page.text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Response:
    """Post the login form as a browser would (after loading it)."""
    token = csrf_of(client)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
    )


def signed_in(web: Web, role: str) -> TestClient:
    client = web.client()
    response = sign_in(client, role)
    assert response.status_code == 303, response.text
    return client


def totp_code(secret: str, offset_steps: int = 0) -> str:
    import time

    return pyotp.TOTP(secret).at(time.time() + 30 * offset_steps)
