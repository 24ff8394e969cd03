"""The JSON API for list imports: upload (limits, file checks), column mapping, import; of CSV
lists and of .xlsx workbooks."""

from __future__ import annotations

import base64

from fastapi.testclient import TestClient
from httpx import Response

from powtrace.domain.visibility import Visibility
from powtrace.store import rows
from powtrace.store.verify import verify_store
from powtrace.web.csrf import MAX_LIST_BYTES
from powtrace.workflows import registry

from .support import Web, record_wish
from .test_api import PROBLEM
from .test_api_work import api
from .test_lists_web import LIST, XLSX, workbook, zip_bomb
from .test_wishes_web import LIST as EXCHANGE
from .test_wishes_web import SCHEME, events_of

RANK, CALL_SIGN = "Військове звання", "Позивний"


def upload(client: TestClient, name: str, content: bytes, **fields: str) -> Response:
    return client.post(
        "/api/lists/upload", data=fields, files={"file": (name, content, "text/csv")}
    )


def _problem(response: Response, status: int, *loc: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    if loc:
        (error,) = body["errors"]
        assert error["loc"] == ["body", *loc]
        return error
    return body


def test_a_list_is_uploaded_mapped_and_imported(web: Web) -> None:
    analyst = api(web, "analyst")
    columns = upload(analyst, "обмін-2025.csv", LIST.encode())
    assert columns.status_code == 200, columns.text
    found = columns.json()
    assert found["list_name"] == "обмін-2025" and found["encoding"] == "utf-8-sig"
    assert found["recognised"]["Прізвище"] == "surname"
    assert found["unmapped"] == [RANK, CALL_SIGN]
    assert "rank" in found["fields"] and "surname" not in found["fields"]
    assert base64.b64decode(found["content"]) == LIST.encode()
    body = {k: found[k] for k in ("filename", "content", "encoding", "list_name")}

    nowhere = analyst.post("/api/lists/import", json=body | {"mapping": {"Nope": "rank"}})
    assert _problem(nowhere, 422, "mapping", "Nope")["code"] == "no_column"
    twice = analyst.post(
        "/api/lists/import", json=body | {"mapping": {RANK: "rank", CALL_SIGN: "rank"}}
    )
    assert _problem(twice, 422, "mapping", CALL_SIGN)["code"] == "taken"
    taken = analyst.post("/api/lists/import", json=body | {"mapping": {RANK: "surname"}})
    assert (
        _problem(taken, 422, "mapping", RANK)["msg"] == "Another column is already mapped to this."
    )
    moved = analyst.post("/api/lists/import", json=body | {"mapping": {"Прізвище": "unit"}})
    assert _problem(moved, 422, "mapping", "Прізвище")["code"] == "recognised"
    unknown_field = analyst.post("/api/lists/import", json=body | {"mapping": {RANK: "shoe"}})
    assert _problem(unknown_field, 422)["errors"][0]["loc"] == ["body", "mapping", RANK]
    assert analyst.get("/api/lists").json() == []  # nothing imported by a refused mapping

    done = analyst.post(
        "/api/lists/import", json=body | {"mapping": {RANK: "rank"}, "side": "ukraine"}
    )
    assert done.status_code == 200, done.text
    result = done.json()
    assert result["scheme"] == "list:обмін-2025" and len(result["created"]) == 2
    assert result["rows"] == 4 and [e["line"] for e in result["errors"]] == [4, 5]
    assert "28 days, not 31" in result["errors"][1]["message"]
    assert result["alerts"] is None and result["named"] is None
    made = registry.view_person(web.store, "t", result["created"][0], Visibility.SEALED).person
    assert made.rank == "солдат" and made.side.value == "ukraine"  # the mapped column
    again = analyst.post("/api/lists/import", json=body | {"mapping": {RANK: "rank"}}).json()
    assert again["existing"] == 2 and again["created"] == []
    assert analyst.get("/api/lists").json() == [{"scheme": "list:обмін-2025", "rows": 2}]
    with web.store.reading() as conn:
        assert verify_store(conn).ok


def test_bad_uploads_are_problems_and_nothing_is_kept(web: Web) -> None:
    analyst = api(web, "analyst")
    for name in ("../../etc/passwd.csv", "..\\lists\\x.csv", ".hidden.csv", "list.exe"):
        _problem(upload(analyst, name, LIST.encode()), 422, "file")
    binary = _problem(upload(analyst, "list.csv", b"\x00\x01\x02"), 422, "file")
    assert "binary file" in binary["msg"]
    assert _problem(upload(analyst, "list.csv", b""), 422, "file")["code"] == "empty"
    named = upload(analyst, "list.csv", LIST.encode(), list_name="../up")
    assert _problem(named, 422, "list_name")["code"] == "not_plain"
    big = upload(analyst, "big.csv", b"a;b\n" + b"x;y\n" * (MAX_LIST_BYTES // 4))
    too_large = _problem(big, 413)
    assert too_large["title"] == "Content Too Large" and "1 MiB" in too_large["detail"]
    assert _problem(
        api(web, "viewer").post("/api/lists/upload", files={"file": ("a.csv", b"a")}), 403
    )

    body = {"filename": "list.csv", "content": base64.b64encode(LIST.encode()).decode()}
    assert _problem(
        analyst.post("/api/lists/import", json=body | {"filename": "../x.csv"}), 422, "filename"
    )
    assert (
        _problem(analyst.post("/api/lists/import", json=body | {"content": "QQ"}), 422, "content")[
            "code"
        ]
        == "not_base64"
    )
    nameless = {"filename": "a.csv", "content": base64.b64encode(b"a;b\n1;2\n").decode()}
    assert (
        _problem(analyst.post("/api/lists/import", json=nameless), 422, "mapping")["code"]
        == "no_name"
    )
    huge = body | {"content": "A" * (2 * MAX_LIST_BYTES + 100_000)}
    assert (
        _problem(analyst.post("/api/lists/import", json=huge), 413)["title"] == "Content Too Large"
    )
    assert _problem(api(web, "viewer").post("/api/lists/import", json=body), 403)
    assert analyst.get("/api/lists").json() == []


def test_an_exchange_list_alerts_only_sealed_clearance(web: Web) -> None:
    record_wish(web)
    body = {
        "filename": "обмін-2025.csv",
        "content": base64.b64encode(EXCHANGE.encode()).decode(),
        "exchange": True,
    }
    lawyer = api(web, "lawyer").post("/api/lists/import", json=body)
    assert lawyer.status_code == 200, lawyer.text
    assert lawyer.json()["named"] >= 1  # row 2 linked to Teterin and recorded as listed
    (alert,) = lawyer.json()["alerts"]
    assert alert["person_id"] == web.restricted_person and alert["listing"] == "recorded"
    assert "109(3)" in alert["legal_basis"]
    (listing,) = events_of(web, web.restricted_person, "listed_for_exchange")
    assert listing.details == {"list": SCHEME, "row": "2"}
    # Below sealed clearance the same import names no one with a wish (the alert is sealed).
    analyst = api(web, "analyst").post("/api/lists/import", json=body)
    assert analyst.status_code == 200 and analyst.json()["alerts"] is None
    assert "109(3)" not in analyst.text and web.restricted_person not in analyst.text
    assert len(events_of(web, web.restricted_person, "listed_for_exchange")) == 1  # not twice


def test_an_xlsx_list_is_uploaded_mapped_and_imported(web: Web) -> None:
    analyst = api(web, "analyst")
    raw = workbook(LIST)
    columns = analyst.post(
        "/api/lists/upload",
        data={"encoding": "cp1251"},  # ignored for a workbook
        files={"file": ("обмін-2025.xlsx", raw, XLSX)},
    )
    assert columns.status_code == 200, columns.text
    found = columns.json()
    assert found["list_name"] == "обмін-2025" and found["recognised"]["Прізвище"] == "surname"
    assert found["recognised"]["Дата народження"] == "birth_date"
    assert found["unmapped"] == [RANK, CALL_SIGN]
    assert base64.b64decode(found["content"]) == raw
    body = {k: found[k] for k in ("filename", "content", "encoding", "list_name")}
    done = analyst.post(
        "/api/lists/import", json=body | {"mapping": {RANK: "rank"}, "side": "ukraine"}
    )
    assert done.status_code == 200, done.text
    result = done.json()
    assert len(result["created"]) == 2 and result["rows"] == 4
    assert [(e["line"], e["column"]) for e in result["errors"]] == [
        (4, "Прізвище"),
        (5, "Дата народження"),
    ]
    made = registry.view_person(web.store, "t", result["created"][0], Visibility.SEALED).person
    assert made.rank == "солдат" and str(made.birth_date) == "1990-04-12"
    again = analyst.post("/api/lists/import", json=body | {"mapping": {RANK: "rank"}}).json()
    assert again["existing"] == 2 and again["created"] == []
    with web.store.reading() as conn:
        assert verify_store(conn).ok


def test_an_xlsx_exchange_list_records_its_listing_citing_the_row(web: Web) -> None:
    record_wish(web)
    body = {
        "filename": "обмін-2025.xlsx",
        "content": base64.b64encode(workbook(EXCHANGE)).decode(),
        "exchange": True,
    }
    lawyer = api(web, "lawyer").post("/api/lists/import", json=body)
    assert lawyer.status_code == 200, lawyer.text
    (alert,) = lawyer.json()["alerts"]
    assert alert["person_id"] == web.restricted_person and alert["listing"] == "recorded"
    (listing,) = events_of(web, web.restricted_person, "listed_for_exchange")
    assert listing.details == {"list": SCHEME, "row": "2"}
    cited = listing.citations[0]
    assert cited.excerpt == '"2","Тетерин","Глеб","Андреевич","1989-03-12"'
    with web.store.reading() as conn:
        kept = rows.load_sources(conn, [cited.source_id])[0]
    assert kept.filename == "обмін-2025.xlsx.csv" and kept.kind.value == "exchange_list"
    assert (
        kept.content is not None and kept.content.decode().splitlines()[2] == cited.excerpt
    )  # line 3: row 3


def test_bad_workbooks_are_problems_and_nothing_is_imported(web: Web) -> None:
    analyst = api(web, "analyst")
    for content, problem in (
        (b"PK\x03\x04 not a workbook", "this is not an Excel workbook"),
        (zip_bomb(), "the workbook unpacks to 61 MB, over the limit of 50 MB"),
    ):
        error = _problem(upload(analyst, "обмін.xlsx", content), 422, "file")
        assert error["code"] == "unreadable" and error["msg"].startswith("обмін.xlsx: ")
        assert problem in error["msg"]
        body = {"filename": "обмін.xlsx", "content": base64.b64encode(content).decode()}
        refused = analyst.post("/api/lists/import", json=body)
        assert _problem(refused, 422, "content")["code"] == "unreadable"
    old = upload(analyst, "обмін.xls", workbook(LIST))
    assert _problem(old, 422, "file")["code"] == "bad_name"
    assert analyst.get("/api/lists").json() == []
