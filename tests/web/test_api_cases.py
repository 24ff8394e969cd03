"""The JSON API for changing cases: edits with their version, people, relatives and consent."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from fastapi.testclient import TestClient
from httpx import Response

from powtrace.store.schema import case_relatives
from powtrace.store.verify import verify_store

from .support import Web
from .test_api import PROBLEM
from .test_api_work import api
from .test_cases_web import PHONE


def _case(client: TestClient, visibility: str = "restricted") -> dict:
    made = client.post(
        "/api/cases",
        json={"title": "Мати шукає сина", "kind": "family_search", "visibility": visibility},
    )
    assert made.status_code == 201, made.text
    return made.json()


def _problem(response: Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    return response.json()


def test_a_case_is_edited_at_the_version_read(web: Web) -> None:
    analyst, lawyer = api(web, "analyst"), api(web, "lawyer")
    case = _case(analyst)
    url = f"/api/cases/{case['id']}/edit"
    edited = analyst.post(url, json={"version": 1, "status": "waiting", "summary": "Since May"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["version"] == 2 and edited.json()["status"] == "waiting"
    assert edited.json()["title"] == "Мати шукає сина"  # left out: unchanged
    stale = _problem(lawyer.post(url, json={"version": 1, "title": "Другий"}), 409)
    assert "changed by someone else" in stale["detail"]
    assert analyst.get(f"/api/cases/{case['id']}").json()["title"] == "Мати шукає сина"
    cleared = analyst.post(url, json={"version": 2, "summary": ""}).json()
    assert cleared["summary"] is None and cleared["version"] == 3
    over = _problem(analyst.post(url, json={"version": 3, "visibility": "sealed"}), 422)
    assert over["errors"] == [
        {"loc": ["body", "visibility"], "msg": "not one of the listed choices", "code": "unknown"}
    ]
    assert _problem(api(web, "viewer").post(url, json={"version": 3}), 403)
    assert lawyer.post(url, json={"version": 3, "visibility": "sealed"}).status_code == 200

    # Now sealed: for the analyst exactly an unknown case, whatever the body says.
    hidden = analyst.post(url, json={"version": 4, "title": "x"})
    unknown = analyst.post("/api/cases/c-0000000000000000/edit", json={"version": 4})
    assert hidden.status_code == unknown.status_code == 404 and hidden.content == unknown.content
    bad = analyst.post(url, json={"version": 4, "kind": "nonsense"})
    assert bad.status_code == 422  # the body is checked against the schema first


def test_people_are_taken_off_a_case_only_when_the_caller_sees_them(web: Web) -> None:
    analyst, lawyer = api(web, "analyst"), api(web, "lawyer")
    case_id = _case(lawyer)["id"]
    for person in (web.public_person, web.sealed_person):
        assert lawyer.post(f"/api/cases/{case_id}/persons", json={"person_id": person}).is_success
    links = {
        p["person_id"]: p["link_id"] for p in lawyer.get(f"/api/cases/{case_id}").json()["persons"]
    }
    seen = analyst.get(f"/api/cases/{case_id}").json()
    assert [p["person_id"] for p in seen["persons"]] == [web.public_person]
    assert seen["withheld_persons"] == 1
    sealed_link = f"/api/cases/{case_id}/persons/{links[web.sealed_person]}/remove"
    refused = analyst.post(sealed_link)
    unknown = analyst.post(f"/api/cases/{case_id}/persons/cp-0000000000000000/remove")
    assert refused.status_code == unknown.status_code == 404
    assert refused.content == unknown.content
    assert _problem(api(web, "viewer").post(sealed_link), 403)
    off = analyst.post(f"/api/cases/{case_id}/persons/{links[web.public_person]}/remove")
    assert off.status_code == 200 and off.json()["persons"] == []
    assert off.json()["withheld_persons"] == 1  # the sealed person is still on the case
    done = lawyer.post(sealed_link)
    assert done.status_code == 200 and done.json()["withheld_persons"] == 0
    assert done.json()["persons"] == []


def test_relatives_contact_details_need_consent_and_clearance(web: Web) -> None:
    analyst, lawyer = api(web, "analyst"), api(web, "lawyer")
    case_id = _case(analyst)["id"]
    url = f"/api/cases/{case_id}/relatives"
    mother = {"name": "Тетеріна Ніна", "relationship": "mother"}
    no_consent = _problem(lawyer.post(url, json=mother | {"contact": PHONE}), 422)
    assert no_consent["errors"][0]["loc"] == ["body", "contact"]
    assert no_consent["errors"][0]["code"] == "consent_needed"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    given = {"consent": True, "consent_date": tomorrow, "consent_how": "phone", "contact": PHONE}
    future = _problem(lawyer.post(url, json=mother | given), 422)
    assert future["errors"][0] == {
        "loc": ["body", "consent_date"],
        "msg": "a day in the future",
        "code": "in_future",
    }
    assert _problem(api(web, "viewer").post(url, json=mother), 403)
    given["consent_date"] = "2025-03-01"
    over = _problem(analyst.post(url, json=mother | given | {"contact_visibility": "sealed"}), 422)
    assert over["errors"][0]["loc"] == ["body", "contact_visibility"]
    with web.store.reading() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(case_relatives)).scalar() == 0

    added = lawyer.post(url, json=mother | given)  # sealed: the default at his clearance
    assert added.status_code == 201, added.text
    (relative,) = added.json()["relatives"]
    assert relative["contact"] == PHONE and relative["contact_visibility"] == "sealed"
    seen = analyst.get(f"/api/cases/{case_id}")
    (hidden,) = seen.json()["relatives"]
    assert hidden["contact"] is None and hidden["contact_withheld"] is True
    assert PHONE not in seen.text
    # Who may not read the details may not overwrite or erase them either.
    base = f"{url}/{relative['id']}"
    consent = {"consent_date": "2025-03-02", "consent_how": "written", "contact": "+380 1"}
    for path, body in (
        (f"{base}/consent", consent),
        (f"{base}/withdraw", None),
        (f"{base}/remove", None),
    ):
        refused = _problem(analyst.post(path, json=body), 422)
        assert refused["errors"][0]["loc"] == ["body", "contact"], path
        assert PHONE not in refused["detail"]
    assert lawyer.get(f"/api/cases/{case_id}").json()["relatives"][0]["contact"] == PHONE

    # The analyst's own relative: restricted by default at his clearance, so he reads it back.
    father = analyst.post(url, json={"name": "Тетерін Андрій", "relationship": "father"})
    assert father.status_code == 201
    father_id = next(r["id"] for r in father.json()["relatives"] if r["relationship"] == "father")
    recorded = analyst.post(f"{url}/{father_id}/consent", json=consent)
    assert recorded.status_code == 200, recorded.text
    shown = next(r for r in recorded.json()["relatives"] if r["id"] == father_id)
    assert shown["contact"] == "+380 1" and shown["contact_visibility"] == "restricted"
    assert shown["consent"] is True and shown["consent_how"] == "written"
    future_consent = analyst.post(
        f"{url}/{father_id}/consent", json=consent | {"consent_date": tomorrow}
    )
    assert _problem(future_consent, 422)["errors"][0]["loc"] == ["body", "consent_date"]

    withdrawn = lawyer.post(f"{base}/withdraw")
    assert withdrawn.status_code == 200
    erased = next(r for r in withdrawn.json()["relatives"] if r["id"] == relative["id"])
    assert erased["contact"] is None and erased["consent"] is False
    assert erased["contact_withheld"] is False
    with web.store.reading() as conn:
        kept = conn.execute(
            sa.select(case_relatives.c.contact).where(case_relatives.c.id == relative["id"])
        ).scalar_one()
    assert kept is None  # erased from the store, not only hidden
    removed = analyst.post(f"{base}/remove")  # no details left to withhold: he may now
    assert removed.status_code == 200
    assert [r["id"] for r in removed.json()["relatives"]] == [father_id]
    assert analyst.post(f"{base}/remove").status_code == 404
    with web.store.reading() as conn:
        assert verify_store(conn).ok
