"""Who may open what: every role (and no one) against every route, pages and API."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from fastapi.routing import APIRoute

from powtrace.domain.visibility import Visibility
from powtrace.store import jobs
from powtrace.web.api import create_api
from powtrace.web.app import ROUTERS
from powtrace.workflows import cases, findings

from .support import ROLES, WISH_WORDS, Web, csrf_of, ingest_article, sealed_note, signed_in

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
        "/sources": everyone,
        "/sources?q=teterin": everyone,
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
        # A list import's progress page: its starter's and the administrators', no one else's.
        f"/lists/import/{web.ids['job']}": _row(FORBIDDEN, OK, HIDDEN, OK),
        "/lists/import/j-0000000000000000": _row(FORBIDDEN, HIDDEN, HIDDEN, HIDDEN),
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
    web.ids["wish_source"] = sealed_note(web.store)
    sealed_contact = {"contact": "+380 1", "consent": True, "consent_date": "2025-03-01"}
    sealed_contact |= {"consent_how": "phone", "contact_visibility": Visibility.SEALED}
    restricted = {"contact_visibility": Visibility.RESTRICTED}  # no details, but he could
    for level, extra in (("", restricted), ("sealed_", sealed_contact)):
        web.ids[f"{level}relative"] = cases.add_relative(
            web.store,
            "test-setup",
            Visibility.SEALED,
            web.ids["case_restricted"],
            name="Ніна",
            relationship="mother",
            **extra,  # type: ignore[arg-type]
        ).id
    for who in (ANON, *ROLES):
        own_records(web, who, sealed_contact)


def own_records(web: Web, who: str, sealed_contact: dict[str, object]) -> None:
    """A restricted case of the caller's own with what one request takes away (ids named
    ``<record>:<who>``): a public and a sealed person linked, a relative without contact
    details and one with sealed ones."""
    store, setup, clearance = web.store, "test-setup", Visibility.SEALED
    case = cases.create_case(store, setup, clearance, title=f"Of {who}", kind="other").id
    links = [
        cases.link_person(store, setup, clearance, case, person, "sought").id
        for person in (web.public_person, web.sealed_person)
    ]
    relatives = [
        cases.add_relative(
            store, setup, clearance, case, name="Ніна", relationship="mother", **extra
        ).id
        for extra in ({}, sealed_contact)
    ]
    names = ("case", "link", "sealed_link", "relative", "sealed_relative")
    for name, made in zip(names, (case, *links, *relatives), strict=True):
        web.ids[f"{name}:{who}"] = made


def own(web: Web, path: str, who: str) -> str:
    """The path with each ``@record`` replaced by the id of the caller's own record."""
    return re.sub(r"@(\w+)", lambda m: web.ids[f"{m.group(1)}:{who}"], path)


@dataclass(frozen=True)
class Files:
    """A multipart body (the list upload) rather than JSON."""

    files: dict[str, tuple[str, bytes, str]]


def payload(body: dict[str, object] | Files) -> dict[str, object]:
    return {"files": body.files} if isinstance(body, Files) else {"json": body}


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
        "/api/sources/search?q=teterin": everyone,
        f"/api/sources/{web.public_source}": everyone,
        f"/api/sources/{web.sealed_source}": sealed,
        f"/api/persons/{web.public_person}/dossier": everyone,
        f"/api/persons/{web.restricted_person}/dossier?format=pdf": _row(HIDDEN, OK, OK, OK),
        f"/api/persons/{web.sealed_person}/dossier": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
        # Refusals of repatriation exist only for sealed clearance, as on the person page.
        f"/api/persons/{web.restricted_person}/wishes": sealed,
        f"/api/persons/{web.sealed_person}/wishes": sealed,
        "/api/persons/p-0000000000000000/wishes": _row(HIDDEN, HIDDEN, HIDDEN, HIDDEN),
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


Body = dict[str, object] | Files
LIST = "Прізвище;Ім'я\nСірко;Іван\n".encode()


def api_writes(web: Web) -> dict[tuple[str, str], tuple[Body, dict[str, int]]]:
    """Each API route that changes something: a body, and the status each role gets.

    A path with ``@record`` names the caller's own record (``own_records``), for requests that
    take one away: each role gets one of its own to remove.
    """
    made, done, bad, stale = 201, OK, 422, 409
    editors, nobody = _row(FORBIDDEN, made, made, made), _row(FORBIDDEN, HIDDEN, HIDDEN, HIDDEN)
    changed = _row(FORBIDDEN, done, done, done)
    sealed_only, to_sealed = _row(HIDDEN, HIDDEN, made, made), _row(FORBIDDEN, HIDDEN, done, done)
    ids = web.ids
    restricted, sealed = ids["case_restricted"], ids["case_sealed"]
    relative, sealed_relative = ids["relative"], ids["sealed_relative"]
    wish = {"kind": "own", "date": "2025-05-02", "source_id": ids["wish_source"]}
    wish |= {"excerpt": WISH_WORDS, "consent": True, "obtained_via": "lawyer"}
    consent = {"consent_date": "2025-03-01", "consent_how": "phone", "contact": "+380 2"}
    content = base64.b64encode(LIST).decode()
    matrix: dict[tuple[str, str], tuple[Body, dict[str, int]]] = {
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
        ("/api/persons", "new"): ({"name": "Сірко Іван"}, editors),
        ("/api/persons", "sealed"): (
            {"name": "Сірко Іван", "visibility": "sealed"},
            _row(FORBIDDEN, bad, made, made),
        ),
        (f"/api/persons/{web.restricted_person}/wishes", "wish"): (wish, sealed_only),
        ("/api/persons/p-0000000000000000/wishes", "wish"): (wish, _row(*[HIDDEN] * 4)),
        (f"/api/cases/{restricted}/edit", "unchanged"): (
            {"version": 1, "title": "A case"},
            changed,
        ),
        (f"/api/cases/{restricted}/edit", "stale"): (
            {"version": 99, "title": "B"},
            _row(FORBIDDEN, stale, stale, stale),
        ),
        (f"/api/cases/{sealed}/edit", "unchanged"): ({"version": 1}, to_sealed),
        ("/api/cases/@case/persons/@link/remove", "unlink"): ({}, changed),
        ("/api/cases/@case/persons/@sealed_link/remove", "unlink sealed"): ({}, to_sealed),
        (f"/api/cases/{restricted}/relatives", "add"): (
            {"name": "Андрій", "relationship": "father"},
            editors,
        ),
        (f"/api/cases/{sealed}/relatives", "add"): (
            {"name": "Андрій", "relationship": "father"},
            _row(FORBIDDEN, HIDDEN, made, made),
        ),
        (f"/api/cases/{restricted}/relatives/{relative}/consent", "consent"): (
            consent | {"contact_visibility": "restricted"},
            changed,
        ),
        (f"/api/cases/{restricted}/relatives/{sealed_relative}/consent", "sealed contact"): (
            consent | {"contact_visibility": "sealed"},
            _row(FORBIDDEN, bad, done, done),
        ),
        ("/api/cases/@case/relatives/@relative/withdraw", "withdraw"): ({}, changed),
        ("/api/cases/@case/relatives/@sealed_relative/withdraw", "sealed contact"): (
            {},
            _row(FORBIDDEN, bad, done, done),
        ),
        ("/api/cases/@case/relatives/@relative/remove", "remove"): ({}, changed),
        ("/api/cases/@case/relatives/@sealed_relative/remove", "sealed contact"): (
            {},
            _row(FORBIDDEN, bad, done, done),
        ),
        ("/api/lists/upload", "csv"): (Files({"file": ("matrix.csv", LIST, "text/csv")}), changed),
        ("/api/lists/import", "csv"): ({"filename": "matrix.csv", "content": content}, changed),
    }
    return {k: (body, {ANON: UNAUTHORIZED, **row}) for k, (body, row) in matrix.items()}


def test_every_role_against_every_page(web: Web) -> None:
    web.ids["case"] = cases.create_case(
        web.store, "test-setup", Visibility.RESTRICTED, title="A case", kind="other"
    ).id
    web.ids["job"] = jobs.create(web.store, "list_import", "analyst", 10)
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
            response = client.post(own(web, path, who), headers=headers, **payload(body))
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
