"""The JSON API of the newer pages: findings, cases, the review queue and list matches.

Each route is checked for what its page does: the same workflow, the same role check, hidden
records answered like unknown ids, reads audited, and a GET that changes nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from fastapi.testclient import TestClient

from powtrace.domain.visibility import Visibility
from powtrace.store.schema import audit_log
from powtrace.store.verify import verify_store
from powtrace.web import rule_texts
from powtrace.workflows import findings

from .support import Web, ingest_article, record_wish, signed_in
from .test_api import PROBLEM, token_for
from .test_wishes_web import SCHEME, import_list, store_state


def api(web: Web, role: str) -> TestClient:
    _, token = token_for(web, role)
    client = web.client()
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def _reads(web: Web, actor: str, entity: str) -> int:
    with web.store.reading() as conn:
        q = (
            sa.select(sa.func.count())
            .select_from(audit_log)
            .where(audit_log.c.actor == actor, audit_log.c.entity == entity)
        )
        return conn.execute(q).scalar_one()


def test_findings_their_language_and_their_statuses(web: Web) -> None:
    analyst = api(web, "analyst")
    page = analyst.get("/api/findings", params={"support": "all", "limit": 200}).json()
    assert page["total"] == len(page["findings"]) > 5
    assert all(f["visibility"] != "sealed" for f in page["findings"])  # above his clearance
    assert _reads(web, "analyst", "finding") >= page["total"]  # each one shown: an audited read
    first = page["findings"][0]
    assert first["severity"] == "critical" and first["legal_basis"] and first["explanation"]
    ukrainian = analyst.get(f"/api/findings/{first['id']}", params={"lang": "uk"}).json()
    assert ukrainian["title"] == rule_texts.rule_title(first["rule_id"], "uk") != first["title"]
    bad = analyst.get("/api/findings", params={"severity": "apocalyptic"})
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM

    sealed = next(
        v.finding.id
        for v in findings.list_findings(web.store, Visibility.SEALED)
        if v.finding.visibility == "sealed"
    )
    hidden = analyst.get(f"/api/findings/{sealed}")
    unknown = analyst.get("/api/findings/fp-00000000000000000000")
    assert hidden.status_code == unknown.status_code == 404 and hidden.content == unknown.content

    target = first["id"]
    refused = analyst.post(f"/api/findings/{target}/status", json={"status": "dismissed"})
    assert refused.status_code == 422  # a dismissal needs its reason
    done = analyst.post(
        f"/api/findings/{target}/status", json={"status": "dismissed", "reason": "Paid in May"}
    )
    assert done.status_code == 200
    assert done.json()["status"] == "dismissed" and done.json()["status_reason"] == "Paid in May"
    viewer = api(web, "viewer")
    assert viewer.post(f"/api/findings/{target}/status", json={"status": "open"}).status_code == 403
    with web.store.reading() as conn:
        assert verify_store(conn).ok


def test_cases_are_opened_and_worked_on(web: Web) -> None:
    analyst, lawyer = api(web, "analyst"), api(web, "lawyer")
    made = lawyer.post(
        "/api/cases",
        json={"title": "Keep him out of the swap", "kind": "other", "visibility": "sealed"},
    )
    assert made.status_code == 201
    case = made.json()["id"]
    hidden, unknown = (
        analyst.get(f"/api/cases/{case}"),
        analyst.get("/api/cases/c-0000000000000000"),
    )
    assert hidden.status_code == unknown.status_code == 404 and hidden.content == unknown.content
    assert analyst.post(f"/api/cases/{case}/notes", json={"text": "x"}).status_code == 404
    # Nobody saves a record at a level they could not read back: refused beside the field.
    over = analyst.post("/api/cases", json={"title": "T", "kind": "other", "visibility": "sealed"})
    assert over.status_code == 422 and over.json()["errors"][0]["loc"] == ["body", "visibility"]

    lawyer.post(f"/api/cases/{case}/persons", json={"person_id": web.restricted_person})
    lawyer.post(f"/api/cases/{case}/notes", json={"text": "The mother called."})
    task = lawyer.post(f"/api/cases/{case}/tasks", json={"title": "Write", "due": "2026-01-15"})
    task_id = task.json()["tasks"][0]["id"]
    done = lawyer.post(f"/api/cases/{case}/tasks/{task_id}/done", json={"done": True}).json()
    assert done["tasks"][0]["done"] is True and done["notes"][0]["author"] == "lawyer"
    assert done["persons"][0]["name"] == "Тетерин Глеб Андреевич"
    listed = lawyer.get("/api/cases").json()
    assert [c["id"] for c in listed] == [case] and listed[0]["persons"] == 1
    assert analyst.get("/api/cases").json() == []
    assert _reads(web, "lawyer", "case") >= 1  # a sealed case read is audited


def test_the_review_queue_takes_decisions(web: Web) -> None:
    ids = ingest_article(web.store)
    analyst = api(web, "analyst")
    queue = analyst.get("/api/review").json()
    assert {q["id"] for q in queue} >= {ids["Oleksandr Hrytsenko"], ids["captured"]}
    one = analyst.get(f"/api/review/{ids['captured']}").json()
    assert one["kind"] == "event" and "was captured" in one["text"]
    assert _reads(web, "analyst", "source") >= 1  # the source's words were shown
    early = analyst.post(f"/api/review/{ids['captured']}/event", json={"credibility": 2})
    assert early.status_code == 409  # the person first, as on the page
    person = analyst.post(
        f"/api/review/{ids['Oleksandr Hrytsenko']}/person", json={"action": "new"}
    )
    assert person.status_code == 200 and person.json()["result_id"].startswith("p-")
    event = analyst.post(
        f"/api/review/{ids['captured']}/event", json={"credibility": 2, "date": "2024-05-10"}
    )
    assert event.status_code == 200 and event.json()["status"] == "accepted"
    made = findings.list_findings(
        web.store, Visibility.SEALED, person_id=person.json()["result_id"]
    )
    assert "capture_not_notified" in {v.finding.rule_id for v in made}
    rejected = analyst.post(
        f"/api/review/{ids['Iryna Hrytsenko']}/reject", json={"reason": "his wife"}
    )
    assert rejected.json()["status"] == "rejected"
    again = analyst.post(f"/api/review/{ids['Iryna Hrytsenko']}/reject", json={"reason": "again"})
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM
    assert api(web, "viewer").get("/api/review").status_code == 403


def test_list_matches_read_only_and_the_listing_recorded_on_start(web: Web) -> None:
    import_list(signed_in(web, "analyst"))
    record_wish(web)  # after the import: the listing is not recorded yet
    analyst, lawyer = api(web, "analyst"), api(web, "lawyer")
    assert analyst.get("/api/lists").json() == [{"scheme": SCHEME, "rows": 2}]
    before = store_state(web)
    seen = analyst.get("/api/lists/matches", params={"scheme": SCHEME}).json()
    told = lawyer.get("/api/lists/matches", params={"scheme": SCHEME}).json()
    assert store_state(web) == before  # reading a list's matches writes nothing
    assert seen["alerts"] is None  # they name sealed records
    row2 = next(r for r in seen["rows"] if r["row_id"] == "2")
    assert row2["candidate_id"] == web.restricted_person and row2["weights"]
    (alert,) = told["alerts"]
    assert alert["person_id"] == web.restricted_person and alert["listing"] == "pending"

    started = analyst.post("/api/lists/matches/start", json={"scheme": SCHEME})
    assert started.status_code == 200 and started.json()["alerts"] is None
    (alert,) = lawyer.get("/api/lists/matches", params={"scheme": SCHEME}).json()["alerts"]
    assert alert["listing"] == "recorded"
    judged = analyst.post(
        "/api/lists/matches/judge",
        json={"scheme": SCHEME, "row": "2", "candidate": web.restricted_person, "decision": "same"},
    )
    assert judged.status_code == 200 and judged.json()["merge_id"]
    after = analyst.get("/api/lists/matches", params={"scheme": SCHEME}).json()
    assert after["settled"] == 1 and after["total"] == 1
    missing = analyst.get("/api/lists/matches", params={"scheme": "list:nothing"})
    assert missing.status_code == 404
    with web.store.reading() as conn:
        assert verify_store(conn).ok
