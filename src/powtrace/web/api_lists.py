"""The JSON API for importing a list of people (CSV or .xlsx), as the list import page does it.

``POST /lists/upload`` takes the file (multipart) and answers its columns: those recognised by
their header and those left to map, with the file as base64. ``POST /lists/import`` takes that
back (JSON) with a mapping of the other columns, and imports it through the page's workflow:
the file kept as a restricted source (``web.listings.keep_list``), an exchange list's listings
recorded, the rows imported (``workflows.lists.import_rows``). Both are for editors.

The page's limits hold: a body larger than the upload accepts is refused as it is read (413),
and the whole upload fits the form parser's memory spool, so a list never touches the disk
unencrypted; a file name with a folder in it, or not a list's, is refused, not cleaned. The
encoding applies to text lists only; of an .xlsx workbook the first worksheet is read.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Coroutine
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.routing import APIRoute

from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.intake.lists import FIELDS, ListFile, citable, list_columns, read_list_bytes
from powtrace.store.accounts import Account
from powtrace.web import api_models as m
from powtrace.web import api_models_edits as e
from powtrace.web import listings
from powtrace.web.api_base import EDITORS, ApiProblem, Editor, invalid, problem_doc
from powtrace.web.csrf import MAX_LIST_BYTES
from powtrace.web.pages.lists import PLAIN_NAME, filename_problem
from powtrace.workflows.lists import ListImport, import_rows
from powtrace.workflows.wishes import Alert

TOO_LARGE = (
    "The file is larger than the web import accepts (1 MiB). Split the list, or import it "
    "with 'powtrace person import'."
)
# The upload's other fields and the multipart framing; and the JSON around a base64 list.
SLACK = 64 * 1024
LIMITS: dict[int | str, dict[str, Any]] = {**EDITORS, 413: problem_doc(TOO_LARGE)}


def limited(max_body: int) -> type[APIRoute]:
    """Routes that refuse a body announcing more than ``max_body`` bytes, or no length, before
    reading any of it (as the page's upload does), with a problem document."""

    class Limited(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def checked(request: Request) -> Response:
                try:
                    length = int(request.headers.get("content-length", ""))
                except ValueError:
                    length = max_body + 1  # chunked: its size is not known until read
                if length > max_body:
                    raise ApiProblem(413, "Content Too Large", TOO_LARGE)
                return await handler(request)

            return checked

    return Limited


upload_router = APIRouter(route_class=limited(MAX_LIST_BYTES), responses=LIMITS)
# The import carries the list back as base64, a third longer than the file.
import_router = APIRouter(route_class=limited(2 * MAX_LIST_BYTES + SLACK), responses=LIMITS)
routers = (upload_router, import_router)


def _list_name(name: str | None, filename: str) -> str:
    """The name the list goes by: as given (a plain name), else the file's stem."""
    if name is None:
        return PurePosixPath(filename).stem
    if ".." in name or not PLAIN_NAME.fullmatch(name) or len(name) > 80:
        msg = "Use letters, digits, spaces, dots, dashes and underscores."
        raise invalid("list_name", msg=msg, code="not_plain")
    return name


def _filename(name: str, *loc: str) -> str:
    problem = filename_problem(name)
    if problem:
        raise invalid(*loc, msg=problem, code="bad_name")
    return name


def _columns(
    raw: bytes, filename: str, encoding: str, *loc: str
) -> tuple[list[str], dict[str, str]]:
    try:
        return list_columns(raw, Path(filename), encoding)
    except ValidationError as exc:
        raise invalid(*loc, msg=str(exc), code="unreadable") from None


@upload_router.post(
    "/lists/upload",
    response_model=e.ListColumnsOut,
    form_limits={"max_files": 1, "max_fields": 10, "max_part_size": SLACK},
)
def upload(
    who: Editor,
    file: Annotated[
        UploadFile,
        File(description="The list: .csv, .tsv, .txt or .xlsx (first worksheet), at most 1 MiB."),
    ],
    encoding: Annotated[e.Encoding, Form()] = "utf-8-sig",
    list_name: Annotated[
        str | None, Form(max_length=80, description="Default: the file name, less its extension.")
    ] = None,
) -> e.ListColumnsOut:
    """Read an uploaded list's columns: those recognised by their header, and the rest to map
    (or leave out) on import. Nothing is written."""
    filename = _filename(file.filename or "", "file")
    name = _list_name(list_name, filename)
    raw = file.file.read()
    if not raw:
        raise invalid("file", msg="The file is empty.", code="empty")
    headers, found = _columns(raw, filename, encoding, "file")
    recognised = {header: field for field, header in found.items()}
    return e.ListColumnsOut(
        filename=filename,
        list_name=name,
        encoding=encoding,
        headers=headers,
        recognised=recognised,
        unmapped=[h for h in headers if h not in recognised],
        fields=[f for f in FIELDS if f not in found],
        content=base64.b64encode(raw).decode("ascii"),
    )


def _mapping(body: e.ListImportIn, headers: list[str], found: dict[str, str]) -> dict[str, str]:
    """The page's mapping rules (field -> header); a bad choice is a 422 naming its column."""
    mapping: dict[str, str] = {}
    for header, field in body.mapping.items():
        if header not in headers:
            raise invalid("mapping", header, msg="The list has no such column.", code="no_column")
        if found.get(field) == header:
            continue  # recognised already as this very field
        if header in found.values():
            msg = "This column is recognised by its header already."
            raise invalid("mapping", header, msg=msg, code="recognised")
        if field in found or field in mapping:
            msg = "Another column is already mapped to this."
            raise invalid("mapping", header, msg=msg, code="taken")
        mapping[field] = header
    if not ({"surname", "full_name"} & (set(found) | set(mapping))):
        msg = "Map one column to the surname or to the full name."
        raise invalid("mapping", msg=msg, code="no_name")
    return mapping


def _decoded(content: str) -> bytes:
    try:
        raw = base64.b64decode(content, validate=True)
    except binascii.Error:
        raise invalid("content", msg="This is not base64.", code="not_base64") from None
    if len(raw) > MAX_LIST_BYTES:
        raise ApiProblem(413, "Content Too Large", TOO_LARGE)
    if not raw:
        raise invalid("content", msg="The file is empty.", code="empty")
    return raw


def _alerts(who: Account, alerts: list[Alert]) -> list[m.AlertOut] | None:
    if who.clearance is not Visibility.SEALED:  # they name sealed records
        return None
    return [m.alert_out(a) for a in alerts]  # "recorded": the import recorded them


def _result(
    who: Account,
    body: e.ListImportIn,
    listed: ListFile,
    result: ListImport,
    named: tuple[int, list[Alert]],
) -> e.ListImportOut:
    errors = sorted(result.errors, key=lambda x: x.line)
    return e.ListImportOut(
        scheme=result.scheme,
        filename=body.filename,
        rows=len(listed.rows) + len(errors),
        created=result.created,
        existing=result.existing,
        errors=[e.RowErrorOut(line=x.line, column=x.column, message=x.message) for x in errors],
        exchange=body.exchange,
        named=named[0] if body.exchange else None,
        alerts=_alerts(who, named[1]),
    )


@import_router.post("/lists/import", response_model=e.ListImportOut)
def import_list(request: Request, who: Editor, body: e.ListImportIn) -> e.ListImportOut:
    """Import the list with its other columns mapped; bad rows are named by line, and a list
    imported before adds only its new rows. An exchange list records who it names."""
    filename = _filename(body.filename, "filename")
    name = _list_name(body.list_name, filename)
    raw = _decoded(body.content)
    headers, found = _columns(raw, filename, body.encoding, "content")
    mapping = _mapping(body, headers, found)
    try:
        listed = read_list_bytes(raw, Path(filename), mapping=mapping, encoding=body.encoding)
    except ValidationError as exc:
        raise invalid("content", msg=str(exc), code="unreadable") from None
    store, scheme = request.app.state.store, f"list:{name}"
    # The file is kept (a restricted source), so a listing can cite its row whenever needed;
    # a workbook as the CSV text of its sheet, which citations can point into.
    kept_bytes, kept_name, encoding = citable(raw, filename, body.encoding)
    kept = listings.keep_list(
        store, who.username, scheme, kept_bytes, kept_name, encoding, mapping, body.exchange
    )
    named: tuple[int, list[Alert]] = (0, [])
    if body.exchange:  # linked before the rows become persons, so no row links to itself
        named = listings.record_exchange_list(store, who.username, scheme, listed, kept, kept_name)
    result = import_rows(store, who.username, listed, scheme=scheme, side=body.side)
    if not body.exchange:  # an exchange list recorded its listings above
        listings.record_listings(store, who.username, scheme)
    return _result(who, body, listed, result, named)
