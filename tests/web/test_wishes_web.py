"""Refusals of repatriation on the web: sealed-clearance roles only; the list match alert."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient
from httpx import Response

from powtrace.domain.model import ReviewState
from powtrace.domain.visibility import Visibility
from powtrace.intake.lists import read_list_bytes
from powtrace.store import rows, schema
from powtrace.store.verify import verify_store
from powtrace.workflows import findings, lists

from .support import (
    WISH_WORDS,
    Web,
    csrf_of,
    finished_import,
    record_wish,
    sealed_note,
    signed_in,
)

LIST = (
    "№;Прізвище;Ім'я;По батькові;Дата народження\n"
    "1;Гриценко;Олександр;Петрович;12.04.1990\n"
    "2;Тетерин;Глеб;Андреевич;12.03.1989\n"
)
SCHEME = "list:обмін-2025"
ROW2 = "2;Тетерин;Глеб;Андреевич;12.03.1989"
ALERT = "this list names people who do not want to be repatriated"


def import_list(client: TestClient, *, exchange: bool = False) -> Response:
    """Upload the list, then import it with its columns as recognised."""
    data = {"csrf_token": csrf_of(client, "/lists/import"), "encoding": "utf-8-sig"}
    if exchange:
        data["exchange"] = "yes"
    files = {"file": ("обмін-2025.csv", LIST.encode(), "text/csv")}
    mapping = client.post("/lists/upload", data=data, files=files)
    assert mapping.status_code == 200, mapping.text[-2000:]
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', mapping.text))
    done = finished_import(
        client, client.post("/lists/import", data=form, files={"none": ("", b"")})
    )
    assert done.status_code == 200, done.text[-2000:]
    return done


def events_of(web: Web, person_id: str, kind: str) -> list:
    with web.store.reading() as conn:
        return [e for e in rows.load_events(conn, person_id=person_id) if e.type == kind]


def wish_form(client: TestClient, person_id: str, **fields: str) -> Response:
    token = csrf_of(client, f"/persons/{person_id}")
    return client.post(f"/persons/{person_id}/wishes", data={"csrf_token": token, **fields})


def test_lower_roles_see_no_trace_of_the_section_and_cannot_post(web: Web) -> None:
    record_wish(web)
    teterin = web.restricted_person
    for role, person in (("viewer", web.public_person), ("analyst", teterin)):
        client = signed_in(web, role)
        page = client.get(f"/persons/{person}")
        assert page.status_code == 200
        for trace in ('id="wishes"', "/wishes", "Refusal of repatriation", "Record a wish"):
            assert trace not in page.text, (role, trace)
        assert WISH_WORDS not in page.text
        posted = wish_form(client, person, kind="own", date="2025-05-02")
        assert posted.status_code == 404, role
        # Refused before the form is read: even without a token the answer is the same.
        bare = client.post(f"/persons/{person}/wishes", data={"kind": "own"})
        assert bare.status_code == 404
    assert len(events_of(web, teterin, "refused_repatriation")) == 1  # only the setup's


def test_a_lawyer_is_shown_what_is_missing_and_nothing_is_saved(web: Web) -> None:
    teterin = web.restricted_person
    lawyer = signed_in(web, "lawyer")
    page = lawyer.get(f"/persons/{teterin}")
    assert 'id="wishes"' in page.text and "No wish is recorded." in page.text
    with web.store.reading() as conn:
        appeal = next(s for s in rows.load_sources(conn) if s.title.startswith("Обращение"))
    assert f'<option value="{appeal.id}">' in page.text  # a source cited for him

    refused = wish_form(lawyer, teterin, kind="own", wish="refuses_repatriation", excerpt="x")
    assert refused.status_code == 400
    assert "nothing was saved" in refused.text
    for name in ("date", "source", "consent", "obtained_via"):
        assert f'id="w-e-{name}"' in refused.text, name
    assert "Missing: the consent to act on it." in refused.text
    words = (appeal.text or "")[:60]
    wrong = wish_form(
        lawyer,
        teterin,
        kind="relative",
        date="2025-06",
        source=appeal.id,
        excerpt="words that are nowhere in it",
        consent="yes",
        obtained_via="letter",
    )
    assert wrong.status_code == 400
    assert 'id="w-e-excerpt"' in wrong.text and 'id="w-e-relative"' in wrong.text
    assert 'value="2025-06"' in wrong.text  # the values come back
    assert events_of(web, teterin, "refused_repatriation") == []
    assert events_of(web, teterin, "exclusion_requested_by_relative") == []

    asked = wish_form(
        lawyer,
        teterin,
        kind="relative",
        relative="Нина Павловна Тетерина",
        relationship="mother",
        date="2025-06",
        source=appeal.id,
        excerpt=words,
        consent="yes",
        obtained_via="letter",
    )
    assert asked.status_code == 303 and asked.headers["location"].endswith("#wishes")
    note = sealed_note(web.store)
    own = wish_form(
        lawyer,
        teterin,
        kind="own",
        wish="seeks_asylum",
        date="2025-05-02",
        source_id=note,
        excerpt=WISH_WORDS,
        consent="yes",
        obtained_via="icrc_interview",
        risks="trial for surrender",
        medical_state="seriously_wounded",
    )
    assert own.status_code == 303
    (wish,) = events_of(web, teterin, "refused_repatriation")
    (request,) = events_of(web, teterin, "exclusion_requested_by_relative")
    for e in (wish, request):
        assert e.visibility is Visibility.SEALED and e.review is ReviewState.CONFIRMED
    assert wish.details["wish"] == "seeks_asylum" and wish.citations[0].source_id == note
    assert request.details["relative"] == "Нина Павловна Тетерина"
    page = lawyer.get(f"/persons/{teterin}")
    assert "seeks asylum" in page.text and "a relative&#39;s request" in page.text
    assert WISH_WORDS in page.text and "seriously wounded" in page.text
    with web.store.reading() as conn:
        assert verify_store(conn).ok


def store_state(web: Web) -> tuple[int, int, int, int]:
    """What a write would change: audit entries, events, sources, meta rows."""
    with web.store.reading() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (schema.audit_log, schema.events, schema.sources, schema.meta)
        )


def test_the_import_records_the_listing_and_the_match_page_only_reads(web: Web) -> None:
    record_wish(web)
    teterin = web.restricted_person
    analyst = signed_in(web, "analyst")
    import_list(analyst)  # not an exchange list, yet it names a man who refused to go home
    # The import recorded the listing, citing the row of the kept file, whoever imported it.
    (listing,) = events_of(web, teterin, "listed_for_exchange")
    assert listing.details == {"list": SCHEME, "row": "2"}
    assert listing.citations[0].excerpt == ROW2
    found = findings.list_findings(web.store, Visibility.SEALED, person_id=teterin)
    assert "repatriation_against_will" in {v.finding.rule_id for v in found}
    hidden = findings.list_findings(web.store, Visibility.RESTRICTED, person_id=teterin)
    assert "repatriation_against_will" not in {v.finding.rule_id for v in hidden}

    # Showing the match page is safe: it writes nothing, whoever looks and however often.
    lawyer = signed_in(web, "lawyer")
    before = store_state(web)
    seen = analyst.get("/lists/matches", params={"scheme": SCHEME})
    assert seen.status_code == 200 and "Тетерин Глеб Андреевич" in seen.text
    assert ALERT not in seen.text and "blocking-alert" not in seen.text
    assert "109(3)" not in seen.text and "see the alert" not in seen.text
    alert = lawyer.get("/lists/matches", params={"scheme": SCHEME})
    assert lawyer.get("/lists/matches", params={"scheme": SCHEME, "page": "2"}).status_code == 200
    assert store_state(web) == before
    assert alert.status_code == 200
    box = alert.text.split('class="blocking-alert"')[1].split("</section>")[0]
    assert ALERT in alert.text and "Тетерин Глеб Андреевич" in box
    assert "refuses repatriation" in box and "May 2, 2025" in box and "Art. 109(3)" in box
    assert 'class="alerted"' in alert.text and "Record the listings" not in box
    # Starting the review again (a POST) records nothing twice.
    started = analyst.post(
        "/lists/matches/start",
        data={"csrf_token": csrf_of(analyst, "/lists/import"), "scheme": SCHEME},
    )
    assert started.status_code == 303
    assert len(events_of(web, teterin, "listed_for_exchange")) == 1


def test_a_wish_recorded_after_the_import_is_listed_when_the_review_starts(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    import_list(analyst)
    record_wish(web)  # recorded after the list was imported: no listing yet
    lawyer = signed_in(web, "lawyer")
    before = store_state(web)
    page = lawyer.get("/lists/matches", params={"scheme": SCHEME})
    assert store_state(web) == before  # the GET only tells, it does not record
    box = page.text.split('class="blocking-alert"')[1].split("</section>")[0]
    assert "not recorded yet" in box and 'action="/lists/matches/start"' in box
    assert events_of(web, web.restricted_person, "listed_for_exchange") == []
    # An analyst opens the review from the import page: the POST records the listing.
    listed = analyst.get("/lists/import").text
    assert 'action="/lists/matches/start"' in listed and 'href="/lists/matches?' not in listed
    start = analyst.post(
        "/lists/matches/start",
        data={"csrf_token": csrf_of(analyst, "/lists/import"), "scheme": SCHEME},
    )
    assert start.status_code == 303 and start.headers["location"].startswith("/lists/matches?")
    (listing,) = events_of(web, web.restricted_person, "listed_for_exchange")
    assert listing.visibility is Visibility.SEALED and listing.citations[0].excerpt == ROW2
    again = lawyer.get("/lists/matches", params={"scheme": SCHEME})
    assert ALERT in again.text and "not recorded yet" not in again.text
    # A list the reader may not see (or that does not exist) cannot be started.
    token = csrf_of(analyst, "/lists/import")
    assert (
        analyst.post(
            "/lists/matches/start", data={"csrf_token": token, "scheme": "list:x"}
        ).status_code
        == 404
    )
    with web.store.reading() as conn:
        assert verify_store(conn).ok


def test_an_exchange_list_records_its_linked_rows_and_alerts_on_import(web: Web) -> None:
    record_wish(web)
    lawyer = signed_in(web, "lawyer")
    done = import_list(lawyer, exchange=True)
    assert ALERT in done.text and "Named on this exchange list" in done.text
    (listing,) = events_of(web, web.restricted_person, "listed_for_exchange")
    assert listing.details == {"list": SCHEME, "row": "2"}
    with web.store.reading() as conn:
        kept = rows.load_sources(conn, [listing.citations[0].source_id])[0]
    assert kept.kind.value == "exchange_list" and kept.visibility is Visibility.RESTRICTED
    assert kept.content == LIST.encode()  # the uploaded bytes, kept encrypted in the store
    analyst = signed_in(web, "analyst")
    assert ALERT not in import_list(analyst, exchange=True).text


def test_a_list_whose_file_was_not_kept_still_alerts(web: Web) -> None:
    record_wish(web)
    listed = read_list_bytes(LIST.encode(), Path("обмін-2025.csv"))
    lists.import_rows(web.store, "cli-user", listed, scheme=SCHEME)  # as `person import` does
    lawyer = signed_in(web, "lawyer")
    page = lawyer.get("/lists/matches", params={"scheme": SCHEME})
    assert ALERT in page.text and "was not kept" in page.text
    assert events_of(web, web.restricted_person, "listed_for_exchange") == []
