"""Findings pages: filters, charts, explanations with their legal basis, status changes."""

from __future__ import annotations

import sqlalchemy as sa

from powtrace.domain.visibility import Visibility
from powtrace.store.schema import audit_log
from powtrace.store.verify import verify_store
from powtrace.workflows import findings

from .support import Web, csrf_of, post, signed_in


def _finding(web: Web, rule: str) -> findings.FindingView:
    return next(
        v for v in findings.list_findings(web.store, Visibility.SEALED) if v.finding.rule_id == rule
    )


def test_the_list_filters_charts_and_explains(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    page = analyst.get("/findings")
    assert page.status_code == 200
    text = page.text
    assert "Former prisoner of war employed on active service after repatriation" in text
    assert "Geneva Convention III (1949), Art. 117" in text
    assert 'href="https://ihl-databases.icrc.org/' in text and 'rel="noreferrer noopener"' in text
    assert "What would strengthen it" in text and "What would cure it" in text
    assert text.count('class="chart"') == 1 and "2024-11" in text
    # Sealed findings (a prosecution for surrender) are not shown to an analyst at all.
    assert "prosecution_for_surrender" not in text and "Prosecuted for surrender" not in text
    critical = analyst.get("/findings?severity=critical")
    assert critical.text.count('<article class="finding sev-critical') == 2
    assert 'class="finding sev-high' not in critical.text
    teterin = analyst.get(
        f"/findings?person={web.restricted_person}&rule=pay_withheld_during_captivity"
    )
    assert teterin.text.count('<article class="finding') == 1
    gone = analyst.get("/findings?support=unsupported")
    assert "No findings match." in gone.text
    bad = analyst.get("/findings?severity=apocalyptic")
    assert bad.status_code == 400 and 'id="e-severity"' in bad.text
    with web.store.reading() as conn:  # every restricted finding shown was an audited read
        reads = conn.execute(
            sa.select(sa.func.count())
            .select_from(audit_log)
            .where(audit_log.c.actor == "analyst", audit_log.c.entity == "finding")
        ).scalar_one()
    assert reads >= 10
    assert "No findings match." in signed_in(web, "viewer").get("/findings").text


def test_status_changes_and_a_dismissal_needs_a_reason(web: Web) -> None:
    target = _finding(web, "pay_withheld_during_captivity").finding
    lawyer = signed_in(web, "lawyer")
    page = f"/persons/{target.person_id}"
    assert f'id="{target.id}"' in lawyer.get(page).text  # the person page lists it
    action = f"/findings/{target.id}/status"
    done = post(lawyer, page, action, status="acknowledged", next=page)
    assert done.status_code == 303 and done.headers["location"] == f"{page}#{target.id}"
    refused = post(lawyer, page, action, status="dismissed", reason="", next=page)
    assert refused.status_code == 400
    assert f'id="e-reason-{target.id}"' in refused.text and "Say why" in refused.text
    assert _finding(web, "pay_withheld_during_captivity").finding.status.value == "acknowledged"
    post(lawyer, page, action, status="dismissed", reason="Paid in full in May", next=page)
    shown = lawyer.get(page).text
    assert "Paid in full in May" in shown and ">dismissed<" in shown
    assert post(lawyer, page, action, status="open", next=page).status_code == 303
    assert _finding(web, "pay_withheld_during_captivity").finding.status.value == "open"
    # A viewer may not change a status; an analyst may not touch a sealed finding.
    viewer = signed_in(web, "viewer")
    assert post(viewer, "/findings", action, status="acknowledged").status_code == 403
    sealed = _finding(web, "prosecution_for_surrender_or_desertion").finding
    analyst = signed_in(web, "analyst")
    hidden = post(analyst, "/findings", f"/findings/{sealed.id}/status", status="acknowledged")
    assert hidden.status_code == 404
    no_token = analyst.post(action, data={"status": "acknowledged"})
    assert no_token.status_code == 403
    with web.store.reading() as conn:
        assert verify_store(conn).ok
    assert csrf_of(lawyer, "/findings")
