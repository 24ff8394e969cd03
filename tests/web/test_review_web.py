"""The review queue: proposals beside their evidence, accepted, edited, linked or rejected."""

from __future__ import annotations

from powtrace.domain.visibility import Visibility
from powtrace.store.verify import verify_store
from powtrace.workflows import findings, registry

from .support import Web, ingest_article, post, signed_in


def test_review_accepts_a_person_then_an_edited_event_and_the_finding_follows(web: Web) -> None:
    ids = ingest_article(web.store)
    analyst = signed_in(web, "analyst")
    queue = analyst.get("/review")
    assert queue.status_code == 200 and "Oleksandr Hrytsenko" in queue.text
    man, capture = ids["Oleksandr Hrytsenko"], ids["captured"]
    page = analyst.get(f"/review/{capture}")
    assert "<mark>Oleksandr Hrytsenko, 34, a sapper" in page.text
    assert f'href="/review/{man}"' in page.text  # accept the person first
    too_soon = post(
        analyst,
        f"/review/{capture}",
        f"/review/{capture}/event",
        type="captured",
        date="2024-05",
        group_size="",
        credibility="2",
    )
    assert too_soon.status_code == 400 and "Accept or link the person first" in too_soon.text

    person_page = analyst.get(f"/review/{man}")
    assert "<mark>Oleksandr Hrytsenko</mark>" in person_page.text
    assert "No one you may see in the registry has this name." in person_page.text
    made = post(
        analyst, f"/review/{man}", f"/review/{man}/person", action="new", name="Oleksandr Hrytsenko"
    )
    assert made.status_code == 303 and made.headers["location"].startswith("/review/q-")

    bad = post(
        analyst,
        f"/review/{capture}",
        f"/review/{capture}/event",
        type="captured",
        date="2024-13",
        group_size="-3",
        credibility="9",
    )
    assert bad.status_code == 400
    for name in ("date", "group_size", "credibility"):
        assert f'id="e-{name}"' in bad.text
    sealed_type = post(
        analyst,
        f"/review/{capture}",
        f"/review/{capture}/event",
        type="surrendered",
        date="2024-05",
        credibility="2",
    )
    assert sealed_type.status_code == 400 and 'id="e-type"' in sealed_type.text
    ok = post(
        analyst,
        f"/review/{capture}",
        f"/review/{capture}/event",
        type="captured",
        date="2024-05-10",
        group_size="",
        credibility="2",
    )
    assert ok.status_code == 303

    (hit,) = registry.search_persons(web.store, "analyst", "Hrytsenko Oleksandr", Visibility.SEALED)
    (event,) = [e for e in registry.view_person(web.store, "t", hit.id, Visibility.SEALED).events]
    assert str(event.date) == "2024-05-10" and event.citations[0].credibility == 2
    rules = {
        v.finding.rule_id
        for v in findings.list_findings(web.store, Visibility.SEALED, person_id=hit.id)
    }
    assert "capture_not_notified" in rules
    assert (
        "capture_not_notified" in analyst.get(f"/persons/{hit.id}").text
        or "Capture not notified" in analyst.get(f"/persons/{hit.id}").text
    )

    wife = ids["Iryna Hrytsenko"]
    linked = analyst.get(f"/review/{wife}")
    assert "Oleksandr Hrytsenko" in linked.text  # a namesake in the registry, with the reason
    no_reason = post(analyst, f"/review/{wife}", f"/review/{wife}/reject", reason="")
    assert no_reason.status_code == 400 and 'id="e-reason"' in no_reason.text
    gone = post(analyst, f"/review/{wife}", f"/review/{wife}/reject", reason="his wife, not a POW")
    assert gone.status_code == 303
    assert f'href="/review/{wife}"' not in analyst.get("/review").text
    with web.store.reading() as conn:
        assert verify_store(conn).ok


def test_a_mention_is_linked_to_a_known_person_and_viewers_may_not_review(web: Web) -> None:
    ids = ingest_article(web.store)
    lawyer = signed_in(web, "lawyer")
    man = ids["Oleksandr Hrytsenko"]
    unknown = post(
        lawyer,
        f"/review/{man}",
        f"/review/{man}/person",
        action="link",
        person_id=web.sealed_person.replace("p-", "p-0"),
    )
    assert unknown.status_code == 404
    linked = post(
        lawyer,
        f"/review/{man}",
        f"/review/{man}/person",
        action="link",
        person_id=web.public_person,
    )
    assert linked.status_code == 303
    forms = registry.view_person(web.store, "t", web.public_person, Visibility.SEALED).person
    assert "Oleksandr Hrytsenko" in {f.text for f in forms.name_forms}
    again = post(lawyer, f"/review/{man}", f"/review/{man}/person", action="new", name="X")
    assert again.status_code == 400 and "already accepted" in again.text
    viewer = signed_in(web, "viewer")
    assert viewer.get("/review").status_code == 403
    assert viewer.get(f"/review/{man}").status_code == 403
