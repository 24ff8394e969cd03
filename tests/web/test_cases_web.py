"""Case pages: open a case, people, relatives (consent), tasks on the dashboard, notes."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from powtrace.store.schema import case_relatives
from powtrace.store.verify import verify_store

from .support import Web, post, signed_in

PHONE = "+380 67 765 43 21"


def test_a_case_is_opened_and_worked_on(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    empty = post(
        analyst, "/cases/new", "/cases/new", title="", kind="family_search", visibility="sealed"
    )
    assert empty.status_code == 400
    assert 'id="e-title"' in empty.text and 'id="e-visibility"' in empty.text
    made = post(
        analyst,
        "/cases/new",
        "/cases/new",
        title="Мати шукає сина",
        kind="family_search",
        visibility="restricted",
        summary="Missing since May 2024",
    )
    assert made.status_code == 303
    page = made.headers["location"]
    case_id = page.rsplit("/", 1)[1]

    linked = post(analyst, page, f"{page}/persons", person="Тетерин Глеб", role="sought")
    assert linked.status_code == 303
    hidden = post(analyst, page, f"{page}/persons", person=web.sealed_person, role="sought")
    assert hidden.status_code == 400 and 'id="p-e-person"' in hidden.text

    no_consent = post(
        analyst,
        page,
        f"{page}/relatives",
        name="Тетеріна Ніна",
        relationship="mother",
        contact=PHONE,
        contact_visibility="restricted",
    )
    assert no_consent.status_code == 400 and 'id="r-e-contact"' in no_consent.text
    assert PHONE in no_consent.text  # what was typed comes back, nothing was saved
    with web.store.reading() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(case_relatives)).scalar() == 0
    sealed_level = post(
        analyst,
        page,
        f"{page}/relatives",
        name="Ніна",
        relationship="mother",
        contact=PHONE,
        consent="yes",
        consent_date="2025-03-01",
        consent_how="phone",
        contact_visibility="sealed",
    )
    assert sealed_level.status_code == 400 and 'id="r-e-contact_visibility"' in sealed_level.text
    added = post(
        analyst,
        page,
        f"{page}/relatives",
        name="Тетеріна Ніна",
        relationship="mother",
        contact=PHONE,
        consent="yes",
        consent_date="2025-03-01",
        consent_how="phone",
        contact_visibility="restricted",
    )
    assert added.status_code == 303
    shown = analyst.get(page).text
    assert PHONE in shown and "Тетерин Глеб Андреевич" in shown

    soon = (date.today() + timedelta(days=3)).isoformat()
    bad_task = post(analyst, page, f"{page}/tasks", title="Write to the ombudsman", due="soon")
    assert bad_task.status_code == 400 and 'id="t-e-due"' in bad_task.text
    post(
        analyst, page, f"{page}/tasks", title="Write to the ombudsman", due=soon, assignee="lawyer"
    )
    post(analyst, page, f"{page}/notes", text="She has a letter from him, dated June.")
    dashboard = signed_in(web, "lawyer").get("/").text
    assert "Write to the ombudsman" in dashboard and f'href="/cases/{case_id}#h-tasks"' in dashboard
    assert 'class="chart"' in dashboard and "post-return isolation" in dashboard

    edited = post(
        analyst,
        page,
        f"{page}/edit",
        title="Мати шукає сина",
        kind="family_search",
        status="waiting",
        summary="",
        visibility="restricted",
        version="1",
    )
    assert edited.status_code == 303
    stale = post(
        analyst,
        page,
        f"{page}/edit",
        title="x",
        kind="other",
        status="open",
        summary="",
        visibility="restricted",
        version="1",
    )
    assert stale.status_code == 400 and "changed by someone else" in stale.text
    relative = re.search(r'action="(/cases/[^"]+/withdraw)"', analyst.get(page).text)
    assert relative is not None
    assert post(analyst, page, relative.group(1)).status_code == 303
    assert PHONE not in analyst.get(page).text
    listed = analyst.get("/cases?status=waiting").text
    assert "Мати шукає сина" in listed
    viewer = signed_in(web, "viewer")
    assert viewer.get(page).status_code == 404 and "Мати" not in viewer.get("/cases").text
    assert post(viewer, "/cases", f"{page}/notes", text="x").status_code == 403
    with web.store.reading() as conn:
        assert verify_store(conn).ok
