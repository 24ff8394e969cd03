"""Signing in: passwords, sessions and their cookies, two-factor, CSRF, rate limits."""

from __future__ import annotations

import pyotp
import sqlalchemy as sa

from powtrace.store.schema import web_sessions
from powtrace.web.app import create_app

from .support import CSRF, PASSWORD, Web, csrf_of, sign_in, signed_in, totp_code


def test_pages_need_a_sign_in(web: Web) -> None:
    response = web.client().get("/persons?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fpersons%3Fx%3D1"


def test_sign_in_sets_a_strict_secure_session_cookie(web: Web) -> None:
    client = web.client()
    csrf_of(client)
    before = client.cookies.get("powtrace_session")
    response = sign_in(client, "analyst")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    for part in ("Secure", "HttpOnly", "SameSite=strict", "Path=/"):
        assert part.lower() in cookie.lower()
    assert "max-age" not in cookie.lower()
    after = client.cookies.get("powtrace_session")
    assert after and after != before  # a new session id on sign-in: no fixation
    with web.store.reading() as conn:
        stored = conn.execute(sa.select(web_sessions.c.id_hash)).scalars().all()
    assert after not in stored  # only hashes of ids are kept
    assert client.get("/").status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_answer(web: Web) -> None:
    client = web.client()
    wrong = sign_in(client, "analyst", "not the password at all")
    unknown = sign_in(client, "nobody-here", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    strip = lambda t: CSRF.sub("", t).replace("nobody-here", "analyst")  # noqa: E731
    assert strip(wrong.text) == strip(unknown.text)
    assert "The username or the password is wrong." in wrong.text


def test_empty_fields_are_named_beside_the_field(web: Web) -> None:
    client = web.client()
    response = client.post("/login", data={"username": "", "csrf_token": csrf_of(client)})
    assert response.status_code == 400
    assert 'id="e-username"' in response.text and 'id="e-password"' in response.text
    assert 'aria-invalid="true"' in response.text


def test_sign_out_ends_the_session_on_the_server(web: Web) -> None:
    client = signed_in(web, "viewer")
    cookie = client.cookies.get("powtrace_session")
    token = csrf_of(client, "/account")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    replay = web.client()
    replay.cookies.set("powtrace_session", cookie)
    assert replay.get("/").status_code == 303


def test_open_redirects_are_refused(web: Web) -> None:
    client = web.client()
    token = csrf_of(client)
    data = {"username": "viewer", "password": PASSWORD, "csrf_token": token}
    response = client.post("/login", data={**data, "next": "https://evil.example/"})
    assert response.headers["location"] == "/"


def _enrol(web: Web, role: str) -> tuple[str, object]:
    """Turn two-factor on through the account pages; return the secret."""
    client = signed_in(web, role)
    token = csrf_of(client, "/account")
    assert client.post("/account/totp/start", data={"csrf_token": token}).status_code == 303
    page = client.get("/account/totp")
    assert "<svg" in page.text  # the QR code, drawn on the server
    secret = page.text.split('class="secret">')[1].split("<")[0].replace(" ", "")
    token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    wrong = client.post("/account/totp/confirm", data={"csrf_token": token, "code": "000000"})
    assert wrong.status_code == 400 and 'id="e-code"' in wrong.text
    ok = client.post(
        "/account/totp/confirm", data={"csrf_token": token, "code": totp_code(secret, -1)}
    )
    assert ok.status_code == 303
    assert client.get("/account").status_code == 200  # still signed in, on a new session
    return secret, client


def test_two_factor_enrolment_and_sign_in(web: Web) -> None:
    secret, _ = _enrol(web, "lawyer")
    client = web.client()
    response = sign_in(client, "lawyer")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login/totp")
    assert client.get("/").status_code == 303  # the password alone does not sign in
    token = csrf_of(client, "/login/totp")
    bad = client.post("/login/totp", data={"csrf_token": token, "code": "123456"})
    assert bad.status_code == 401 and 'id="e-code"' in bad.text
    code = pyotp.TOTP(secret).now()
    good = client.post("/login/totp", data={"csrf_token": token, "code": code, "next": "/"})
    assert good.status_code == 303 and good.headers["location"] == "/"
    assert client.get("/").status_code == 200
    # The same code again, in another browser: refused (replay).
    other = web.client()
    sign_in(other, "lawyer")
    token = csrf_of(other, "/login/totp")
    assert other.post("/login/totp", data={"csrf_token": token, "code": code}).status_code == 401


def test_forms_without_the_right_csrf_token_are_refused(web: Web) -> None:
    client = signed_in(web, "administrator")
    other = signed_in(web, "analyst")
    foreign = csrf_of(other, "/account")
    for data in ({}, {"csrf_token": ""}, {"csrf_token": "forged"}, {"csrf_token": foreign}):
        response = client.post("/account/tokens", data={**data, "name": "x"})
        assert response.status_code == 403
        assert "did not come from this site" in response.text
    fresh = web.client()  # no session at all: even the login form needs one
    response = fresh.post("/login", data={"username": "viewer", "password": PASSWORD})
    assert response.status_code == 403


def test_failed_sign_ins_are_limited_per_account(web: Web) -> None:
    client = web.client()
    for _ in range(5):
        assert sign_in(client, "analyst", "wrong password, again").status_code == 401
    limited = sign_in(client, "analyst")  # now even the right password waits
    assert limited.status_code == 429
    assert "Too many failed sign-ins" in limited.text
    # The limit is in the database: another server process over the same store applies it.
    second = web.__class__(**{**web.__dict__, "app": create_app(web.store)})
    assert sign_in(second.client(), "analyst").status_code == 429
    assert sign_in(client, "viewer").status_code == 303  # other accounts are not locked


def test_failed_sign_ins_are_limited_per_address(web: Web) -> None:
    client = web.client()
    for i in range(20):
        assert sign_in(client, f"guess{i}", "wrong password, again").status_code == 401
    assert sign_in(client, "viewer").status_code == 429
