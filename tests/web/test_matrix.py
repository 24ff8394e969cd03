"""Who may open what: every role (and no one) against every route, pages and API."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute

from powtrace.domain.visibility import Visibility
from powtrace.web.api import create_api
from powtrace.web.app import ROUTERS
from powtrace.workflows import cases, findings

from .support import ROLES, Web, csrf_of, ingest_article, signed_in

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


def api_ids(web: Web) -> None:
    """Records the API matrix names: findings, cases (one with a task), an extracted proposal."""
    shown = findings.list_findings(web.store, Visibility.SEALED)
    for level in ("restricted", "sealed"):
        web.ids[f"finding_{level}"] = next(
            v.finding.id for v in shown if v.finding.visibility == level
        )
    for level in (Visibility.RESTRICTED, Visibility.SEALED):
        made = cases.create_case(
            web.store,
            "test-setup",
            Visibility.SEALED,
            title="A case",
            kind="other",
            visibility=level,
        )
        web.ids[f"case_{level.value}"] = made.id
    task = cases.add_task(web.store, "test-setup", Visibility.SEALED, made.id, title="Call")
    web.ids["task"] = task.id
    web.ids["case"] = web.ids["case_restricted"]
    web.ids["proposal"] = ingest_article(web.store)["Oleksandr Hrytsenko"]


def api_matrix(web: Web) -> dict[str, dict[str, int]]:
    everyone = _row(OK, OK, OK, OK)
    sealed = _row(HIDDEN, HIDDEN, OK, OK)
    editors = _row(FORBIDDEN, OK, OK, OK)
    nobody = _row(FORBIDDEN, HIDDEN, HIDDEN, HIDDEN)  # viewers are refused before the look-up
    ids = web.ids
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
        "/api/findings": everyone,
        "/api/findings?severity=critical&support=all&lang=uk": everyone,
        f"/api/findings/{ids['finding_restricted']}": _row(HIDDEN, OK, OK, OK),
        f"/api/findings/{ids['finding_sealed']}": sealed,
        "/api/findings/fp-00000000000000000000": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        "/api/cases": everyone,
        f"/api/cases/{ids['case_restricted']}": _row(HIDDEN, OK, OK, OK),
        f"/api/cases/{ids['case_sealed']}": sealed,
        "/api/cases/c-0000000000000000": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        "/api/review": editors,
        f"/api/review/{ids['proposal']}": editors,
        "/api/review/q-0000000000000000": nobody,
        "/api/lists": editors,
        "/api/lists/matches?scheme=list:none": nobody,
    }
    return {path: {ANON: UNAUTHORIZED, **row} for path, row in matrix.items()}


def api_writes(web: Web) -> dict[tuple[str, str], tuple[dict[str, object], dict[str, int]]]:
    """Each API route that changes something: a body, and the status each role gets."""
    made, done = 201, OK
    editors, nobody = _row(FORBIDDEN, made, made, made), _row(FORBIDDEN, HIDDEN, HIDDEN, HIDDEN)
    ids = web.ids
    restricted, sealed = ids["case_restricted"], ids["case_sealed"]
    matrix = {
        (f"/api/findings/{ids['finding_restricted']}/status", "ack"): (
            {"status": "acknowledged"},
            _row(FORBIDDEN, done, done, done),
        ),
        (f"/api/findings/{ids['finding_sealed']}/status", "ack"): (
            {"status": "acknowledged"},
            _row(FORBIDDEN, HIDDEN, done, done),
        ),
        ("/api/findings/fp-00000000000000000000/status", "ack"): ({"status": "open"}, nobody),
        ("/api/cases", "new"): ({"title": "Search", "kind": "family_search"}, editors),
        (f"/api/cases/{restricted}/notes", "note"): ({"text": "Called the unit"}, editors),
        (f"/api/cases/{sealed}/notes", "note"): (
            {"text": "Called"},
            _row(FORBIDDEN, HIDDEN, made, made),
        ),
        (f"/api/cases/{restricted}/tasks", "task"): ({"title": "Write", "due": None}, editors),
        (f"/api/cases/{sealed}/tasks/{ids['task']}/done", "done"): (
            {"done": True},
            _row(FORBIDDEN, HIDDEN, done, done),
        ),
        (f"/api/cases/{restricted}/persons", "link"): (
            {"person_id": web.public_person, "role": "sought"},
            editors,
        ),
        (f"/api/cases/{restricted}/persons", "sealed person"): (
            {"person_id": web.sealed_person},
            _row(FORBIDDEN, HIDDEN, made, made),
        ),
        ("/api/review/q-0000000000000000/person", "new"): ({"action": "new"}, nobody),
        ("/api/review/q-0000000000000000/event", "confirm"): ({"credibility": 2}, nobody),
        ("/api/review/q-0000000000000000/reject", "reject"): ({"reason": "not him"}, nobody),
        ("/api/lists/matches/start", "start"): ({"scheme": "list:none"}, nobody),
        ("/api/lists/matches/judge", "judge"): (
            {"scheme": "list:none", "row": "1", "candidate": "p-x", "decision": "unsure"},
            nobody,
        ),
    }
    return {k: (body, {ANON: UNAUTHORIZED, **row}) for k, (body, row) in matrix.items()}


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


def api_tokens(web: Web) -> dict[str, str | None]:
    tokens: dict[str, str | None] = {ANON: None}
    for role in ROLES:
        client = signed_in(web, role)
        page = client.post(
            "/account/tokens", data={"csrf_token": csrf_of(client, "/account"), "name": "t"}
        )
        tokens[role] = page.text.split('class="token">')[1].split("<")[0]
    return tokens


def test_every_role_against_every_api_route(web: Web) -> None:
    api_ids(web)
    tokens = api_tokens(web)
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
    writes = api_writes(web)
    got = {}
    for (path, what), (body, _) in writes.items():
        got[(path, what)] = {}
        for who, token in tokens.items():
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            response = client.post(path, json=body, headers=headers)
            got[(path, what)][who] = response.status_code
            if response.status_code >= 400:
                assert response.headers["content-type"] == "application/problem+json"
    assert got == {key: row for key, (_, row) in writes.items()}
    # Every API route is in one of the matrices (new routes must be added to them).
    covered = {("GET", path.split("?")[0]) for path in matrix}
    covered |= {("POST", path) for path, _ in writes}
    for route in create_api().routes:
        if not isinstance(route, APIRoute):
            continue
        for method in route.methods:
            assert any(m == method and _matches("/api" + route.path, p) for m, p in covered), (
                method,
                route.path,
            )


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
