"""Who may open what: every role (and no one) against every route, pages and API."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute

from powtrace.domain.visibility import Visibility
from powtrace.web.app import ROUTERS
from powtrace.workflows import cases

from .support import ROLES, Web, csrf_of, signed_in

ANON = "anonymous"
OK, LOGIN, FORBIDDEN, HIDDEN, UNAUTHORIZED = 200, 303, 403, 404, 401


def _row(viewer: int, analyst: int, lawyer: int, administrator: int) -> dict[str, int]:
    return dict(zip(ROLES, (viewer, analyst, lawyer, administrator), strict=True))


def page_matrix(web: Web) -> dict[str, dict[str, int]]:
    """Expected status of each page for each role; anonymous readers are sent to sign in."""
    everyone = _row(OK, OK, OK, OK)
    sealed = _row(HIDDEN, HIDDEN, OK, OK)
    admin = _row(FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)
    editors = _row(FORBIDDEN, OK, OK, OK)
    case = web.ids["case"]
    matrix = {
        "/": everyone,
        "/persons": everyone,
        "/search?q=teterin": everyone,
        "/account": everyone,
        "/persons/new": _row(FORBIDDEN, OK, OK, OK),
        f"/persons/{web.public_person}": everyone,
        f"/persons/{web.restricted_person}": _row(HIDDEN, OK, OK, OK),
        f"/persons/{web.sealed_person}": sealed,
        "/persons/p-0000000000000000": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        f"/sources/{web.public_source}": everyone,
        f"/sources/{web.sealed_source}": sealed,
        "/audit": admin,
        "/admin/accounts": admin,
        "/findings": everyone,
        "/findings?severity=critical&support=all": everyone,
        "/review": editors,
        "/review/q-0000000000000000": _row(FORBIDDEN, HIDDEN, HIDDEN, HIDDEN),
        "/lists/import": editors,
        "/lists/matches?scheme=list:none": _row(FORBIDDEN, HIDDEN, HIDDEN, HIDDEN),
        "/cases": everyone,
        "/cases/new": editors,
        f"/cases/{case}": _row(HIDDEN, OK, OK, OK),
        "/cases/c-0000000000000000": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        # Outputs are redacted (never above restricted): none is made of a sealed person.
        f"/persons/{web.public_person}/dossier.pdf": everyone,
        f"/persons/{web.restricted_person}/dossier.html": _row(HIDDEN, OK, OK, OK),
        f"/persons/{web.sealed_person}/dossier.pdf": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        f"/persons/{web.public_person}/dossier.txt": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        "/reports": everyone,
        "/reports.pdf": everyone,
        "/export": everyone,
    }
    return {path: {ANON: LOGIN, **row} for path, row in matrix.items()}


def api_matrix(web: Web) -> dict[str, dict[str, int]]:
    everyone = _row(OK, OK, OK, OK)
    sealed = _row(HIDDEN, HIDDEN, OK, OK)
    matrix = {
        "/api/persons": everyone,
        "/api/search?q=teterin": everyone,
        f"/api/persons/{web.public_person}": everyone,
        f"/api/persons/{web.restricted_person}": _row(HIDDEN, OK, OK, OK),
        f"/api/persons/{web.restricted_person}/timeline": _row(HIDDEN, OK, OK, OK),
        f"/api/persons/{web.sealed_person}": sealed,
        f"/api/persons/{web.sealed_person}/timeline": sealed,
        f"/api/sources/{web.public_source}": everyone,
        f"/api/sources/{web.sealed_source}": sealed,
        f"/api/persons/{web.public_person}/dossier": everyone,
        f"/api/persons/{web.restricted_person}/dossier?format=pdf": _row(HIDDEN, OK, OK, OK),
        f"/api/persons/{web.sealed_person}/dossier": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        "/api/reports/aggregate": everyone,
    }
    return {path: {ANON: UNAUTHORIZED, **row} for path, row in matrix.items()}


def test_every_role_against_every_page(web: Web) -> None:
    web.ids["case"] = cases.create_case(
        web.store, "test-setup", Visibility.RESTRICTED, title="A case", kind="other"
    ).id
    clients = {ANON: web.client(), **{role: signed_in(web, role) for role in ROLES}}
    matrix = page_matrix(web)
    got = {path: {who: c.get(path).status_code for who, c in clients.items()} for path in matrix}
    assert got == matrix
    # Every GET page of the application is in the matrix (new pages must be added to it).
    gets = {r.path for r in _routes() if "GET" in r.methods}
    covered = {"/login", "/login/totp", "/account/totp"}
    for path in matrix:
        bare = path.split("?")[0]
        covered |= {g for g in gets if g == bare or _matches(g, bare)}
    assert gets <= covered


def _routes() -> list[APIRoute]:
    return [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]


def _matches(template: str, path: str) -> bool:
    """Whether a route template (``/persons/{person_id}/dossier.{fmt}``) matches a path."""
    pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template))
    return re.fullmatch(pattern, path) is not None


def test_every_role_against_every_api_route(web: Web) -> None:
    tokens = {ANON: None}
    for role in ROLES:
        client = signed_in(web, role)
        page = client.post(
            "/account/tokens", data={"csrf_token": csrf_of(client, "/account"), "name": "t"}
        )
        tokens[role] = page.text.split('class="token">')[1].split("<")[0]
    client = web.client()
    matrix = api_matrix(web)
    got = {}
    for path in matrix:
        got[path] = {}
        for who, token in tokens.items():
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            response = client.get(path, headers=headers)
            got[path][who] = response.status_code
            if response.status_code >= 400:
                assert response.headers["content-type"] == "application/problem+json"
    assert got == matrix


def test_every_role_against_the_wish_and_export_forms(web: Web) -> None:
    """The wish form exists only for sealed clearance; a full export only for administrators."""
    clients = {ANON: web.client(), **{role: signed_in(web, role) for role in ROLES}}
    tokens = {who: csrf_of(c, "/login" if who == ANON else "/export") for who, c in clients.items()}
    wish = f"/persons/{web.restricted_person}/wishes"
    forms = {
        (wish, "incomplete"): ({"kind": "own"}, _row(HIDDEN, HIDDEN, 400, 400)),
        ("/export", "ftm"): ({"format": "ftm"}, _row(OK, OK, OK, OK)),
        ("/export", "json"): ({"format": "json"}, _row(400, OK, OK, OK)),
        ("/export", "full"): ({"format": "csv", "full": "yes"}, _row(400, 400, 400, OK)),
    }
    got, expected = {}, {}
    for key, (data, row) in forms.items():
        expected[key] = {ANON: LOGIN, **row}
        got[key] = {
            who: c.post(key[0], data={"csrf_token": tokens[who], **data}).status_code
            for who, c in clients.items()
        }
    assert got == expected


def test_every_form_route_checks_the_csrf_token(web: Web) -> None:
    """Each POST route, for a signed-in administrator, refuses a form without the token."""
    client = signed_in(web, "administrator")
    posts = [r.path for r in _routes() if "POST" in r.methods]
    assert len(posts) >= 25
    case = cases.create_case(web.store, "test-setup", Visibility.SEALED, title="c", kind="other")
    data = {"name": "x", "action": "suspend", "status": "dismissed", "text": "x", "title": "x"}
    for path in posts:
        concrete = re.sub(r"\{(\w+)_id\}", lambda m: f"{m.group(1)[0]}-x", path)
        concrete = concrete.replace("/cases/c-x", f"/cases/{case.id}")
        response = client.post(concrete, data=data)
        assert response.status_code == 403, path
        assert "expired or did not come from this site" in response.text, path
    # The upload forms too, sent as multipart with a file.
    upload = client.post(
        "/lists/upload", data={"encoding": "utf-8-sig"}, files={"file": ("a.csv", b"a\n")}
    )
    assert upload.status_code == 403
