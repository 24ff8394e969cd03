"""The JSON API for adding persons and recording refusals of repatriation (sealed)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from httpx import Response
from hypothesis import given
from hypothesis import strategies as st

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import ReviewState
from powtrace.domain.visibility import Visibility
from powtrace.store.verify import verify_store
from powtrace.web.api_models_edits import PARTIAL_DATE
from powtrace.workflows import registry

from .support import WISH_WORDS, Web, record_wish, sealed_note
from .test_api import PROBLEM
from .test_api_work import api
from .test_wishes_web import events_of


def _count(web: Web) -> int:
    return len(registry.list_persons(web.store, "analyst", Visibility.SEALED))


def _field_problem(response: Response, *loc: str) -> dict:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    (error,) = response.json()["errors"]
    assert error["loc"] == ["body", *loc]
    return error


@given(st.from_regex(PARTIAL_DATE, fullmatch=True))
def test_every_date_the_schema_admits_is_a_date(text: str) -> None:
    PartialDate.parse(text)  # raises for a day the calendar lacks


def test_the_schema_admits_every_day_of_the_calendar_and_no_other() -> None:
    pattern = re.compile(PARTIAL_DATE)
    for year in (1900, 1999, 2000, 2024):
        day, last = date(year, 1, 1), date(year, 12, 31)
        while day <= last:
            assert pattern.fullmatch(day.isoformat()), day
            day += timedelta(days=1)
        for month in range(1, 13):
            assert pattern.fullmatch(f"{year}-{month:02d}~")
            too_late = f"{year}-{month:02d}-{calendar.monthrange(year, month)[1] + 1}"
            assert not pattern.fullmatch(too_late), too_late
    # Not dates at all, and (the last two) dates the API leaves to the pages: ranges, year 999.
    for wrong in ("1990-13", "1990-00", "1990-1-1", "1900-02-29", "1990/1991", "0999"):
        assert not pattern.fullmatch(wrong), wrong


def test_a_person_is_added_with_every_field_checked_first(web: Web) -> None:
    analyst = api(web, "analyst")
    before = _count(web)
    over = analyst.post("/api/persons", json={"name": "Іван Сірко", "visibility": "sealed"})
    assert _field_problem(over, "visibility")["code"] == "unknown"  # above his clearance
    day = analyst.post("/api/persons", json={"name": "Іван Сірко", "birth_date": "1990-02-30"})
    _field_problem(day, "birth_date")
    blank = analyst.post("/api/persons", json={"name": "   "})
    _field_problem(blank, "name")
    assert api(web, "viewer").post("/api/persons", json={"name": "Іван"}).status_code == 403
    assert _count(web) == before  # nothing was written by a refused request

    made = analyst.post(
        "/api/persons",
        json={
            "name": "Сірко Іван Дмитрович",
            "other_names": ["Ivan Sirko", "СИРКО И.Д."],
            "side": "ukraine",
            "birth_date": "1992-02-29",
            "rank": "сержант",
        },
    )
    assert made.status_code == 201, made.text
    person = made.json()
    assert made.headers["location"] == f"/api/persons/{person['id']}"
    assert person["name"] == "Сірко Іван Дмитрович" and person["birth_date"] == "1992-02-29"
    shown = analyst.get(made.headers["location"]).json()
    assert {f["text"] for f in shown["name_forms"]} == {
        "Сірко Іван Дмитрович",
        "Ivan Sirko",
        "СИРКО И.Д.",
    }
    assert shown["side"] == "ukraine" and shown["rank"] == "сержант"
    assert shown["visibility"] == "restricted"  # the default, as on the form
    assert api(web, "viewer").get(made.headers["location"]).status_code == 404
    assert _count(web) == before + 1


def test_wishes_exist_only_for_sealed_clearance(web: Web) -> None:
    record_wish(web)
    teterin = web.restricted_person
    unknown = api(web, "lawyer").get("/api/persons/p-0000000000000000/wishes")
    assert unknown.status_code == 404
    for role in ("viewer", "analyst"):
        client = api(web, role)
        seen = client.get(f"/api/persons/{teterin}/wishes")
        assert seen.status_code == 404 and seen.content == unknown.content, role
        # Refused before the body is looked at: an empty one gets the same answer.
        posted = client.post(f"/api/persons/{teterin}/wishes", json={})
        assert posted.status_code == 404 and posted.content == unknown.content, role
    timeline = api(web, "analyst").get(f"/api/persons/{teterin}/timeline").text
    assert WISH_WORDS not in timeline and "refused_repatriation" not in timeline
    section = api(web, "lawyer").get(f"/api/persons/{teterin}/wishes")
    assert section.status_code == 200
    (wish,) = section.json()["wishes"]
    assert wish["type"] == "refused_repatriation" and wish["wish"] == "refuses_repatriation"
    assert wish["obtained_via"] == "lawyer" and wish["medical_state"] == "wounded"
    assert wish["consent"] is True and wish["date"] == "2025-05-02"
    assert wish["citations"][0]["excerpt"] == WISH_WORDS
    assert wish["citations"][0]["source_title"] == "Lawyer's interview note on G. Teterin"
    assert section.json()["listings"] == []


def test_a_lawyer_records_wishes_and_each_problem_names_its_field(web: Web) -> None:
    lawyer, teterin = api(web, "lawyer"), web.restricted_person
    note = sealed_note(web.store)
    url = f"/api/persons/{teterin}/wishes"
    own = {
        "kind": "own",
        "wish": "seeks_asylum",
        "date": "2025-05-02",
        "source_id": note,
        "excerpt": WISH_WORDS,
        "consent": True,
        "obtained_via": "icrc_interview",
        "risks": "trial for surrender",
        "medical_state": "seriously_wounded",
    }
    no_consent = lawyer.post(url, json={k: v for k, v in own.items() if k != "consent"})
    assert no_consent.status_code == 422 and no_consent.json()["errors"][0]["loc"] == [
        "body",
        "own",
        "consent",
    ]
    wrong = lawyer.post(url, json=own | {"excerpt": "words that are nowhere in it"})
    assert _field_problem(wrong, "excerpt")["code"] == "not_in_source"
    nowhere = lawyer.post(url, json=own | {"source_id": "s-0000000000000000"})
    assert (
        _field_problem(nowhere, "source_id")["msg"] == "There is no such source that you may see."
    )
    asker = lawyer.post(url, json=own | {"kind": "relative"})
    assert asker.status_code == 422
    assert ["body", "relative", "relative"] in [x["loc"] for x in asker.json()["errors"]]
    assert events_of(web, teterin, "refused_repatriation") == []  # nothing saved so far
    assert lawyer.post("/api/persons/p-0000000000000000/wishes", json=own).status_code == 404

    done = lawyer.post(url, json=own)
    assert done.status_code == 201, done.text
    (shown,) = done.json()["wishes"]
    assert shown["wish"] == "seeks_asylum" and shown["risks"] == "trial for surrender"
    asked = lawyer.post(
        url,
        json=own
        | {"kind": "relative", "relative": "Нина Павловна Тетерина", "relationship": "mother"},
    )
    assert asked.status_code == 201
    request = next(
        w for w in asked.json()["wishes"] if w["type"] == "exclusion_requested_by_relative"
    )
    assert request["relative"] == "Нина Павловна Тетерина" and request["wish"] is None
    (wish,) = events_of(web, teterin, "refused_repatriation")
    (by_mother,) = events_of(web, teterin, "exclusion_requested_by_relative")
    for e in (wish, by_mother):
        assert e.visibility is Visibility.SEALED and e.review is ReviewState.CONFIRMED
        assert e.citations[0].source_id == note
    assert by_mother.details["relationship"] == "mother"
    with web.store.reading() as conn:
        assert verify_store(conn).ok
