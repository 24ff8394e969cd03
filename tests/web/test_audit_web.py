"""Reads of restricted and sealed records are audited under the user's name; so are account
changes, and the audit chain still verifies afterwards."""

from __future__ import annotations

import sqlalchemy as sa

from powtrace.store.schema import accounts, audit_log
from powtrace.store.verify import verify_store

from .support import Web, csrf_of, signed_in


def _entries(web: Web, **where: str) -> list[sa.Row]:
    q = sa.select(audit_log)
    for key, value in where.items():
        q = q.where(audit_log.c[key] == value)
    with web.store.reading() as conn:
        return list(conn.execute(q.order_by(audit_log.c.seq)))


def test_a_sealed_read_is_audited_with_the_users_name(web: Web) -> None:
    lawyer = signed_in(web, "lawyer")
    assert lawyer.get(f"/persons/{web.sealed_person}").status_code == 200
    reads = _entries(web, actor="lawyer", action="read", entity="person")
    assert [r.entity_id for r in reads] == [web.sealed_person]
    assert lawyer.get(f"/sources/{web.sealed_source}").status_code == 200
    assert _entries(web, actor="lawyer", action="read", entity="source")


def test_a_restricted_read_is_audited_and_a_refused_one_shows_nothing(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    analyst.get(f"/persons/{web.restricted_person}")
    assert _entries(web, actor="analyst", action="read", entity_id=web.restricted_person)
    viewer = signed_in(web, "viewer")
    page = viewer.get(f"/persons/{web.sealed_person}")
    assert page.status_code == 404 and "Засекреченный" not in page.text
    assert not _entries(web, actor="viewer", action="read")


def test_the_api_audits_reads_like_the_pages(web: Web) -> None:
    client = signed_in(web, "lawyer")
    page = client.post(
        "/account/tokens", data={"csrf_token": csrf_of(client, "/account"), "name": "t"}
    )
    token = page.text.split('class="token">')[1].split("<")[0]
    api = web.client()
    api.get(f"/api/persons/{web.sealed_person}", headers={"Authorization": f"Bearer {token}"})
    assert _entries(web, actor="lawyer", action="read", entity_id=web.sealed_person)


def test_account_changes_are_audited_and_verified(web: Web) -> None:
    admin = signed_in(web, "administrator")
    token = csrf_of(admin, "/admin/accounts")
    made = admin.post(
        "/admin/accounts",
        data={"csrf_token": token, "username": "new.monitor", "role": "analyst", "locale": "uk"},
    )
    assert made.status_code == 200 and 'class="token"' in made.text
    created = [
        e for e in _entries(web, actor="administrator", entity="account") if e.action == "create"
    ]
    assert len(created) == 1 and "password" not in (created[0].after or "")
    with web.store.reading() as conn:
        assert verify_store(conn).ok
        # A role raised with a database tool is named by verify.
        conn.execute(
            accounts.update().where(accounts.c.username == "viewer").values(role="administrator")
        )
        report = verify_store(conn)
        conn.rollback()
    assert not report.ok
    assert any("account" in p.message for p in report.problems)


def test_the_audit_page_narrows_to_one_record_for_administrators(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    analyst.get(f"/persons/{web.restricted_person}")
    admin = signed_in(web, "administrator")
    person_page = admin.get(f"/persons/{web.restricted_person}")
    assert f'href="/audit?record={web.restricted_person}"' in person_page.text
    assert "/audit?record=" not in analyst.get(f"/persons/{web.restricted_person}").text
    page = admin.get("/audit", params={"record": web.restricted_person})
    assert page.status_code == 200
    rows = page.text.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == len(_entries(web, entity_id=web.restricted_person)) >= 3
    assert "analyst" in rows and web.sealed_person not in rows
    too_long = admin.get("/audit", params={"record": "p-" + "x" * 40})
    assert too_long.status_code == 400 and "at most 40 characters" in too_long.text
    assert analyst.get("/audit", params={"record": web.restricted_person}).status_code == 403
