"""The JSON API: tokens, problem+json errors, sealed persons answered like unknown ids."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .support import Web, csrf_of, signed_in

PROBLEM = "application/problem+json"


def token_for(web: Web, role: str) -> tuple[TestClient, str]:
    client = signed_in(web, role)
    page = client.post(
        "/account/tokens", data={"csrf_token": csrf_of(client, "/account"), "name": "script"}
    )
    assert page.status_code == 200
    return client, page.text.split('class="token">')[1].split("<")[0]


def test_without_a_valid_token_the_api_answers_401_problems(web: Web) -> None:
    client = web.client()
    for headers in ({}, {"Authorization": "Bearer pt_nope"}, {"Authorization": "Basic eDp5"}):
        response = client.get("/api/persons", headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"] == PROBLEM
        assert response.headers["www-authenticate"] == "Bearer"
        body = response.json()
        assert body["status"] == 401 and body["title"] == "Unauthorized"


def test_a_revoked_token_stops_working(web: Web) -> None:
    browser, token = token_for(web, "analyst")
    api = web.client()
    auth = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/persons", headers=auth).status_code == 200
    page = browser.get("/account").text
    token_id = page.split('action="/account/tokens/')[1].split("/")[0]
    revoke = browser.post(
        f"/account/tokens/{token_id}/revoke", data={"csrf_token": csrf_of(browser, "/account")}
    )
    assert revoke.status_code == 303
    assert api.get("/api/persons", headers=auth).status_code == 401


def test_person_timeline_search_and_source(web: Web) -> None:
    _, token = token_for(web, "lawyer")
    api = web.client()
    api.headers["Authorization"] = f"Bearer {token}"
    person = api.get(f"/api/persons/{web.restricted_person}").json()
    assert person["name"] == "Тетерин Глеб Андреевич"
    assert {f["text"] for f in person["name_forms"]} >= {"Gleb Teterin", "TETERIN GLEB"}
    assert person["status"]
    rules = {f["rule_id"] for f in person["findings"]}
    assert {"pay_withheld_during_captivity", "post_return_incommunicado"} <= rules
    timeline = api.get(f"/api/persons/{web.restricted_person}/timeline").json()
    cited = [c for e in timeline["entries"] for c in e["citations"]]
    assert cited and all(1 <= c["credibility"] <= 6 for c in cited)
    assert all(c["reliability"] in set("ABCDEF") for c in cited)
    for query in ("Тетерин", "teterin", "Тетерін"):
        hits = api.get("/api/search", params={"q": query}).json()
        assert hits[0]["id"] == web.restricted_person  # the mother, Teterina, comes after
        assert "Gleb Teterin" in hits[0]["name_forms"]
    source = api.get(f"/api/sources/{cited[0]['source_id']}").json()
    assert len(source["sha256"]) == 64 and source["cited_spans"]
    for span in source["cited_spans"]:
        assert 0 <= span["start"] < span["end"] <= len(source["text"])


def test_a_sealed_person_looks_exactly_like_an_unknown_id(web: Web) -> None:
    _, token = token_for(web, "analyst")
    api = web.client()
    api.headers["Authorization"] = f"Bearer {token}"
    sealed = api.get(f"/api/persons/{web.sealed_person}")
    unknown = api.get("/api/persons/p-0000000000000000")
    assert sealed.status_code == unknown.status_code == 404
    assert sealed.headers["content-type"] == unknown.headers["content-type"] == PROBLEM
    assert sealed.content == unknown.content
    assert web.sealed_person not in sealed.text


def test_bad_parameters_and_unknown_paths_are_problems(web: Web) -> None:
    _, token = token_for(web, "viewer")
    api = web.client()
    api.headers["Authorization"] = f"Bearer {token}"
    for path, status in (
        ("/api/search", 422),
        ("/api/search?q=" + "x" * 300, 422),
        ("/api/persons?limit=0", 422),
        ("/api/nowhere", 404),
    ):
        response = api.get(path)
        assert response.status_code == status, path
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["status"] == status
    assert api.put("/api/persons").status_code == 405
    no_letters = api.get("/api/search?q=123")  # as source search: the problem is named
    assert no_letters.status_code == 422
    assert no_letters.json()["errors"][0]["loc"] == ["query", "q"]
    assert "letter" in no_letters.json()["errors"][0]["msg"]


def test_openapi_describes_the_api(web: Web) -> None:
    spec = web.client().get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/persons",
        "/persons/{person_id}",
        "/persons/{person_id}/timeline",
        "/persons/{person_id}/dossier",
        "/persons/{person_id}/wishes",
        "/reports/aggregate",
        "/search",
        "/sources/search",
        "/sources/{source_id}",
        "/findings",
        "/findings/{finding_id}",
        "/findings/{finding_id}/status",
        "/cases",
        "/cases/{case_id}",
        "/cases/{case_id}/persons",
        "/cases/{case_id}/tasks",
        "/cases/{case_id}/tasks/{task_id}/done",
        "/cases/{case_id}/notes",
        "/cases/{case_id}/edit",
        "/cases/{case_id}/persons/{link_id}/remove",
        "/cases/{case_id}/relatives",
        "/cases/{case_id}/relatives/{relative_id}/consent",
        "/cases/{case_id}/relatives/{relative_id}/withdraw",
        "/cases/{case_id}/relatives/{relative_id}/remove",
        "/review",
        "/review/{proposal_id}",
        "/review/{proposal_id}/person",
        "/review/{proposal_id}/event",
        "/review/{proposal_id}/reject",
        "/lists",
        "/lists/matches",
        "/lists/matches/start",
        "/lists/matches/judge",
        "/lists/upload",
        "/lists/import",
    }
    # Every route's errors are problem documents; the editors' routes say they refuse viewers.
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for status in ("401", "404", "422"):
                assert PROBLEM in op["responses"][status]["content"], (method, path, status)
            if method == "post" or path.startswith(("/review", "/lists")):
                assert PROBLEM in op["responses"]["403"]["content"], (method, path)
    # A stale version is a 409; a list larger than the upload takes, a 413; both problems.
    for path in ("/cases/{case_id}/edit", "/review/{proposal_id}/event"):
        assert PROBLEM in spec["paths"][path]["post"]["responses"]["409"]["content"], path
    for path in ("/lists/upload", "/lists/import"):
        assert PROBLEM in spec["paths"][path]["post"]["responses"]["413"]["content"], path
    upload = spec["paths"]["/lists/upload"]["post"]["requestBody"]["content"]
    assert set(upload) == {"multipart/form-data"}
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    dossier = spec["paths"]["/persons/{person_id}/dossier"]["get"]
    assert set(dossier["responses"]["200"]["content"]) == {"application/json", "application/pdf"}
    (fmt,) = [p for p in dossier["parameters"] if p["name"] == "format"]
    assert fmt["schema"]["enum"] == ["json", "pdf"]
    aggregate = spec["paths"]["/reports/aggregate"]["get"]["responses"]
    assert "application/problem+json" in aggregate["400"]["content"]
    assert web.client().get("/openapi.json").status_code == 404  # the pages have no schema


def test_an_api_path_with_a_line_break_gets_a_problem_document(web: Web) -> None:
    # The /api mount does not match "%0A"; the 404 must still be JSON, not the HTML page.
    client, token = token_for(web, "analyst")
    headers = {"Authorization": f"Bearer {token}"}
    r = client.post("/api/cases/%C2%B7%0A/edit", json={"version": 1}, headers=headers)
    assert r.status_code == 404
    assert r.headers["content-type"] == PROBLEM
