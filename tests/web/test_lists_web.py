"""List import: upload (size limit, no path tricks), column mapping, import, match review;
the same for an .xlsx workbook."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from datetime import UTC, datetime, timedelta

import openpyxl
import sqlalchemy as sa

from powtrace.domain.visibility import Visibility
from powtrace.store import jobs, rows, schema
from powtrace.store.verify import verify_store
from powtrace.web.csrf import MAX_LIST_BYTES
from powtrace.web.pages import list_jobs
from powtrace.workflows import registry

from .support import Web, csrf_of, finished_import, record_wish, signed_in

LIST = (
    "№;Прізвище;Ім'я;По батькові;Дата народження;Військове звання;Позивний\n"
    "1;Гриценко;Олександр;Петрович;12.04.1990;солдат;Сапер\n"
    "2;Тетерин;Глеб;Андреевич;12.03.1989;рядовой;\n"
    "3;;;;;;x\n"
    "4;Іванов;Іван;;31.02.1990;;\n"
)


def _upload(client, name: str, content: bytes, **fields: str):
    data = {"csrf_token": csrf_of(client, "/lists/import"), "encoding": "utf-8-sig"} | fields
    return client.post("/lists/upload", data=data, files={"file": (name, content, "text/csv")})


def _imported(client, form: dict[str, str]):
    """Post the mapped list, then follow its import job until the result page."""
    posted = client.post("/lists/import", data=form, files={"none": ("", b"")})
    return finished_import(client, posted)


def test_upload_refuses_path_tricks_and_large_files(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    for name in ("../../etc/passwd.csv", "..\\lists\\x.csv", ".hidden.csv", "list.exe"):
        refused = _upload(analyst, name, LIST.encode())
        assert refused.status_code == 400 and 'id="e-file"' in refused.text, name
    big = _upload(analyst, "big.csv", b"a;b\n" + b"x;y\n" * (MAX_LIST_BYTES // 4))
    assert big.status_code == 413
    binary = _upload(analyst, "list.csv", b"\x00\x01\x02")
    assert binary.status_code == 400 and "binary file" in binary.text
    assert signed_in(web, "viewer").get("/lists/import").status_code == 403


def test_a_list_is_mapped_imported_and_reviewed_against_the_registry(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    mapping = _upload(analyst, "обмін-2025.csv", LIST.encode(), side="ukraine")
    assert mapping.status_code == 200
    assert "Військове звання" in mapping.text and "Позивний" in mapping.text
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', mapping.text))
    assert form["list_name"] == "обмін-2025" and len(form["content"]) > 100
    cols = re.findall(r'<select id="f-(col-\d+)"', mapping.text)
    assert len(cols) == 2  # the rank and the call sign are not recognised by name
    twice = analyst.post(
        "/lists/import",
        data=form | {cols[0]: "rank", cols[1]: "rank"},
        files={"none": ("", b"")},
    )
    assert twice.status_code == 400 and f'id="e-{cols[1]}"' in twice.text
    done = _imported(analyst, form | {cols[0]: "rank"})
    assert done.status_code == 200
    assert re.search(r"New persons</dt><dd><strong>2</strong>", done.text)
    assert ">4<" in done.text and ">5<" in done.text  # the bad rows, by their line
    assert "the name is empty" in done.text and "28 days, not 31" in done.text, done.text[-3000:]
    again = _imported(analyst, form | {cols[0]: "rank"})
    assert re.search(r"Imported before</dt><dd>2</dd>", again.text)

    scheme = "list:обмін-2025"
    review = analyst.get("/lists/matches", params={"scheme": scheme})
    assert review.status_code == 200
    assert "Тетерин Глеб Андреевич" in review.text  # the registry's man is row 2's candidate
    assert "birth date" in review.text  # a per-field reason
    row2 = registry.search_persons(web.store, "analyst", "Тетерин Глеб", Visibility.SEALED)
    teterin = next(h for h in row2 if h.id == web.restricted_person)
    judged = analyst.post(
        "/lists/matches/judge",
        data={
            "csrf_token": csrf_of(analyst, "/lists/import"),
            "scheme": scheme,
            "row": "2",
            "candidate": teterin.id,
            "decision": "same",
            "next": f"/lists/matches?scheme={scheme}",
        },
    )
    assert judged.status_code == 303
    view = registry.view_person(web.store, "t", teterin.id, Visibility.SEALED)
    assert any(x.scheme == scheme and x.value == "2" for x in view.person.external_ids)
    after = analyst.get("/lists/matches", params={"scheme": scheme})
    assert "1 row(s) to review; 1 already judged" in after.text
    assert analyst.get("/lists/matches", params={"scheme": "list:nothing"}).status_code == 404
    with web.store.reading() as conn:
        assert verify_store(conn).ok


# ---- .xlsx -----------------------------------------------------------------------------------
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(text: str) -> bytes:
    """The same list as an Excel workbook: dates as date cells, numbers as numbers (1.0)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Список"
    for r, line in enumerate(text.splitlines(), start=1):
        for c, cell in enumerate(line.split(";"), start=1):
            if _day(cell):
                ws.cell(r, c, _day(cell))
                ws.cell(r, c).number_format = "DD.MM.YYYY"
            elif cell.isdigit():
                ws.cell(r, c, float(cell))
            elif cell:
                ws.cell(r, c, cell)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _day(text: str) -> datetime | None:
    """A real day written dd.mm.yyyy (31.02.1990 stays text, as Excel would keep it)."""
    try:
        return datetime.strptime(text, "%d.%m.%Y")
    except ValueError:
        return None


def zip_bomb() -> bytes:
    """A workbook carrying 60 MB of zeros: about 60 KB packed, within the upload limit."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook(LIST))) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/media/image1.png", bytes(60 * 1024 * 1024))
    return out.getvalue()


def _sources(web: Web) -> int:
    with web.store.reading() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.sources)).scalar_one()


def test_an_xlsx_list_is_mapped_imported_and_its_rows_cited(web: Web) -> None:
    record_wish(web)  # row 2 names Teterin, who refused repatriation: the import lists him
    analyst = signed_in(web, "analyst")
    # The encoding is for text lists: a workbook is read the same whatever is chosen.
    files = {"file": ("обмін-2025.xlsx", workbook(LIST), XLSX)}
    data = {"csrf_token": csrf_of(analyst, "/lists/import"), "encoding": "cp1251"}
    mapping = analyst.post("/lists/upload", data=data | {"side": "ukraine"}, files=files)
    assert mapping.status_code == 200, mapping.text[-2000:]
    assert "Військове звання" in mapping.text and "Позивний" in mapping.text
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', mapping.text))
    assert form["list_name"] == "обмін-2025"
    assert base64.b64decode(form["content"]) == files["file"][1]
    cols = re.findall(r'<select id="f-(col-\d+)"', mapping.text)
    assert len(cols) == 2
    done = _imported(analyst, form | {cols[0]: "rank"})
    assert done.status_code == 200, done.text[-2000:]
    assert re.search(r"New persons</dt><dd><strong>2</strong>", done.text)
    assert ">4<" in done.text and ">5<" in done.text  # the bad rows, by their row in the sheet
    assert "the name is empty" in done.text and "28 days, not 31" in done.text
    again = _imported(analyst, form | {cols[0]: "rank"})
    assert re.search(r"Imported before</dt><dd>2</dd>", again.text)
    made = registry.search_persons(web.store, "analyst", "Гриценко Олександр", Visibility.SEALED)
    person = registry.view_person(web.store, "t", made[0].id, Visibility.SEALED).person
    assert str(person.birth_date) == "1990-04-12" and person.rank == "солдат"

    # The listing cites row 2 in the text the workbook was kept as (the sheet as CSV).
    with web.store.reading() as conn:
        events = rows.load_events(conn, person_id=web.restricted_person)
    (listing,) = [e for e in events if e.type == "listed_for_exchange"]
    assert listing.details == {"list": "list:обмін-2025", "row": "2"}
    cited = listing.citations[0]
    assert cited.excerpt == '"2","Тетерин","Глеб","Андреевич","1989-03-12","рядовой"'
    with web.store.reading() as conn:
        kept = rows.load_sources(conn, [cited.source_id])[0]
        assert verify_store(conn).ok
    assert kept.filename == "обмін-2025.xlsx.csv" and kept.content is not None
    assert kept.text is not None and kept.text[cited.start : cited.end] == cited.excerpt


def test_a_bad_or_oversized_workbook_is_refused_and_nothing_is_kept(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    before = _sources(web)
    for name, content, problem in (
        ("обмін.xlsx", b"PK\x03\x04 not a workbook", "обмін.xlsx: this is not an Excel workbook"),
        ("обмін.xlsx", LIST.encode(), "обмін.xlsx: this is not an Excel workbook"),
        ("обмін.xlsx", zip_bomb(), "обмін.xlsx: the workbook unpacks to 61 MB"),
        ("обмін.xls", workbook(LIST), "Upload the list as CSV"),
    ):
        refused = _upload(analyst, name, content)
        assert refused.status_code == 400 and 'id="e-file"' in refused.text, name
        assert problem in refused.text, (name, problem)
    assert _sources(web) == before


# ---- the import as a background job ------------------------------------------------------------
def _posted(client, text: str, name: str = "довгий.csv"):
    """Upload a list whose columns are all recognised and post its import (not followed)."""
    mapping = _upload(client, name, text.encode())
    assert mapping.status_code == 200, mapping.text[-2000:]
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', mapping.text))
    return client.post("/lists/import", data=form, files={"none": ("", b"")})


def _job(web: Web, url: str) -> jobs.Job:
    found = jobs.get(web.store, url.rsplit("/", 1)[1])
    assert found is not None
    return found


LONG = "№;Прізвище;Ім'я\n" + "".join(f"{i};Коваленко;Петро\n" for i in range(1, 601))


def test_an_import_answers_at_once_and_its_page_follows_it_to_the_result(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    posted = _posted(analyst, LONG)
    assert posted.status_code == 303
    url = posted.headers["location"]
    assert re.fullmatch(r"/lists/import/j-[0-9a-f]{32}", url)
    done = finished_import(analyst, posted)
    assert re.search(r"New persons</dt><dd><strong>600</strong>", done.text), done.text[-2000:]
    job = _job(web, url)
    assert (job.status, job.done, job.total, job.actor) == ("done", 600, 600, "analyst")
    # Only the one who started it, or an administrator, sees it; anyone else as if unknown.
    assert signed_in(web, "lawyer").get(url).status_code == 404
    assert signed_in(web, "viewer").get(url).status_code == 403
    assert "New persons" in signed_in(web, "administrator").get(url).text
    assert analyst.get("/lists/import/j-0000").status_code == 404
    with web.store.reading() as conn:
        assert verify_store(conn).ok  # the job row is not a record: the chain is untouched


def test_a_running_import_shows_its_progress_and_refreshes(web: Web) -> None:
    job_id = jobs.create(web.store, "list_import", "analyst", 1200)
    jobs.progress(web.store, job_id, 500, 1180)
    page = signed_in(web, "analyst").get(f"/lists/import/{job_id}")
    assert page.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in page.text
    assert 'max="1180" value="500"' in page.text and "500 of 1180 rows imported" in page.text


def test_a_failed_import_says_why_and_logs_no_row(web: Web, monkeypatch, caplog) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError(LIST.splitlines()[1])  # as if a message quoted a row

    monkeypatch.setattr(list_jobs, "import_rows", broken)
    analyst = signed_in(web, "analyst")
    posted = _posted(analyst, LIST)
    page = finished_import(analyst, posted)
    assert "The import did not finish" in page.text and "unexpected error" in page.text
    assert "rows already imported are skipped" in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert _job(web, posted.headers["location"]).status == "failed"
    logged = [r for r in caplog.records if r.name == "powtrace.web"]
    assert logged and "RuntimeError" in logged[0].getMessage()
    assert "Гриценко" not in caplog.text


def test_a_running_import_whose_process_ended_shows_as_stopped(web: Web) -> None:
    job_id = jobs.create(web.store, "list_import", "analyst", 100)
    old = (datetime.now(UTC) - timedelta(minutes=3)).isoformat(timespec="microseconds")
    with web.store.transaction("test") as tx:
        tx.conn.execute(schema.jobs.update().values(updated_at=old))
    page = signed_in(web, "analyst").get(f"/lists/import/{job_id}")
    assert "server process running it ended" in page.text
    assert "rows already imported are skipped" in page.text
    assert 'http-equiv="refresh"' not in page.text
