"""Importing a list of people (CSV or .xlsx) and reviewing its rows against the registry.

The upload is read in memory and never written to disk: the column-mapping step carries it
back in the form, as base64. Its file name is used only to name the list, and a name with a
folder in it (``../``) is refused rather than cleaned.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from powtrace.domain.errors import NotFoundError, ValidationError
from powtrace.domain.model import Side
from powtrace.domain.visibility import Visibility
from powtrace.intake.lists import FIELDS, citable, list_columns, read_list_bytes
from powtrace.store.judgements import Decision
from powtrace.web import labels, listings
from powtrace.web.auth import safe_next
from powtrace.web.context import Ctx, EditorDep, store_of
from powtrace.web.csrf import MAX_LIST_BYTES, FormDep, MappingDep, UploadDep
from powtrace.web.errors import message_for
from powtrace.web.forms import Form
from powtrace.web.i18n import N_
from powtrace.web.pages import list_jobs
from powtrace.web.templating import gettext, render
from powtrace.workflows import list_matches

router = APIRouter()
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx")
ENCODINGS = {"utf-8-sig": "UTF-8", "cp1251": "Windows-1251 (cp1251)"}
# A plain file or list name: letters (any script), digits, space, dot, dash, underscore, ().
PLAIN_NAME = re.compile(r"[^\W_][\w .()\-]{0,99}")
PAGE = 100


def filename_problem(name: str) -> str | None:
    """Why an uploaded file's name is refused (a folder, a hidden file, not a list), or None."""
    if not name:
        return N_("Choose a list file.")
    if any(c in name for c in "/\\\x00") or ".." in name or not PLAIN_NAME.fullmatch(name):
        return N_("The file name must be a plain name, without folders or special characters.")
    if PurePosixPath(name).suffix.lower() not in EXTENSIONS:
        return N_("Upload the list as CSV (.csv, .tsv or .txt) or as an Excel workbook (.xlsx).")
    return None


def _options(request: Request) -> dict[str, object]:
    sides = [("", gettext(request, N_("as each row says")))]
    sides += [(s.value, gettext(request, labels.SIDES[s.value])) for s in Side]
    return {"encoding_options": list(ENCODINGS.items()), "side_options": sides}


def _upload_page(request: Request, ctx: Ctx, form: Form, status: int = 200) -> Response:
    lists = sorted(list_matches.schemes(store_of(request), ctx.clearance).items())
    context = {"form": form, "lists": lists, "max_kib": MAX_LIST_BYTES // 1024}
    return render(request, "lists_import.html", context | _options(request), status)


@router.get("/lists/import")
def import_page(request: Request, ctx: EditorDep) -> Response:
    """The form to upload a list, and the lists imported so far."""
    return _upload_page(request, ctx, Form({"encoding": "utf-8-sig"}))


def _common(request: Request, form: Form) -> None:
    """Check the fields the upload and the mapping step share."""
    if form.get("encoding") not in ENCODINGS:
        form.error("encoding", gettext(request, N_("Choose an encoding from the list.")))
    if form.get("side") and form.get("side") not in {s.value for s in Side}:
        form.error("side", gettext(request, N_("Choose a side from the list.")))
    if form.get("exchange") not in ("", "yes"):
        form.values["exchange"] = ""
    name = form.get("list_name")
    if name and (".." in name or not PLAIN_NAME.fullmatch(name) or len(name) > 80):
        form.error(
            "list_name",
            gettext(request, N_("Use letters, digits, spaces, dots, dashes and underscores.")),
        )


@router.post("/lists/upload")
def upload(request: Request, ctx: EditorDep, data: UploadDep) -> Response:
    """Read the uploaded list's columns: recognised ones, and the rest to map."""
    form = Form.of(data, "encoding", "side", "list_name", "exchange")
    upload = data.get("file")
    filename = upload.filename or "" if isinstance(upload, UploadFile) else ""
    form.values["filename"] = filename
    problem = filename_problem(filename)
    if problem:
        form.error("file", gettext(request, problem))
    _common(request, form)
    raw = upload.file.read() if isinstance(upload, UploadFile) and not problem else b""
    if not problem and not raw:
        form.error("file", gettext(request, N_("The file is empty.")))
    if not form.ok:
        return _upload_page(request, ctx, form, 400)
    form.values["list_name"] = form.get("list_name") or PurePosixPath(filename).stem
    try:
        headers, found = list_columns(raw, Path(filename), form.get("encoding"))
    except ValidationError as exc:
        form.error("file", message_for(request, exc))
        return _upload_page(request, ctx, form, 400)
    form.values["content"] = base64.b64encode(raw).decode("ascii")
    return _mapping_page(request, form, headers, found)


def _mapping_page(
    request: Request,
    form: Form,
    headers: list[str],
    found: dict[str, str],
    status: int = 200,
    problem: str | None = None,
) -> Response:
    recognised = {header: field for field, header in found.items()}
    others = [(i, h) for i, h in enumerate(headers) if h not in recognised]
    choices = [("", gettext(request, N_("not imported")))] + [
        (f, gettext(request, labels.LIST_FIELDS[f])) for f in FIELDS if f not in found
    ]
    context = {
        "form": form,
        "recognised": [(h, recognised[h]) for h in headers if h in recognised],
        "others": others,
        "choices": choices,
        "problem": problem,
    }
    return render(request, "lists_map.html", context, status)


@router.post("/lists/import")
def import_list(request: Request, ctx: EditorDep, data: MappingDep) -> Response:
    """Import the list with the columns as mapped; the result names every bad row by line."""
    form = Form.of(data, "encoding", "side", "list_name", "filename", "content", "exchange")
    _common(request, form)
    filename = form.get("filename")
    if filename_problem(filename) or not form.get("list_name"):
        return _upload_page(request, ctx, Form({"encoding": "utf-8-sig"}), 400)
    try:
        raw = base64.b64decode(form.get("content"), validate=True)
        headers, found = list_columns(raw, Path(filename), form.get("encoding"))
    except (binascii.Error, ValidationError):
        return _upload_page(request, ctx, Form({"encoding": "utf-8-sig"}), 400)
    mapping: dict[str, str] = {}
    for i, header in enumerate(headers):
        name = f"col-{i}"
        chosen = data.get(name)
        chosen = chosen.strip() if isinstance(chosen, str) else ""
        form.values[name] = chosen
        if not chosen or header in found.values():
            continue
        if chosen not in FIELDS or chosen in found:
            form.error(name, gettext(request, N_("Choose from the list.")))
        elif chosen in mapping:
            form.error(name, gettext(request, N_("Another column is already mapped to this.")))
        else:
            mapping[chosen] = header
    if not ({"surname", "full_name"} & (set(found) | set(mapping))):
        form.error(
            "col-0" if headers else "file",
            gettext(request, N_("Map one column to the surname or to the full name.")),
        )
    if not form.ok:
        return _mapping_page(request, form, headers, found, 400)
    try:
        listed = read_list_bytes(
            raw, Path(filename), mapping=mapping, encoding=form.get("encoding")
        )
    except ValidationError as exc:
        return _mapping_page(request, form, headers, found, 400, problem=message_for(request, exc))
    scheme = f"list:{form.get('list_name')}"
    store = store_of(request)
    exchange = form.get("exchange") == "yes"
    # The file is kept (a restricted source), so a listing can cite its row whenever needed;
    # a workbook as the CSV text of its sheet, which citations can point into.
    kept_bytes, kept_name, encoding = citable(raw, filename, form.get("encoding"))
    # A large list takes longer than a browser or a proxy waits: the rest runs in the
    # background, and the job's page follows it (list_jobs.py).
    work = list_jobs.ListImport(
        scheme=scheme,
        filename=filename,
        listed=listed,
        data=kept_bytes,
        kept_name=kept_name,
        encoding=encoding,
        mapping=mapping,
        exchange=exchange,
        side=form.get("side") or None,
        lang=ctx.lang,
    )
    job_id = list_jobs.start(store, ctx.actor, work)
    return RedirectResponse(f"/lists/import/{job_id}", status_code=303)


@router.get("/lists/matches")
def matches_page(request: Request, ctx: EditorDep, scheme: str = "", page: int = 1) -> Response:
    """A list's rows, each with its best registry candidate, the score and why (reads only)."""
    offset = max(0, page - 1) * PAGE
    found, alerts = listings.review(store_of(request), ctx.clearance, scheme[:120], offset, PAGE)
    shown = alerts if ctx.clearance is Visibility.SEALED else None  # it names sealed records
    context = {
        "m": found,
        "alerts": shown,
        "alerted_rows": {a.row_id for a in shown.alerts} if shown else set(),
        "here": f"/lists/matches?scheme={quote(scheme)}&page={page}",
        "next_page": page + 1 if offset + PAGE < found.total else None,
        "decisions": [d.value for d in Decision],
    }
    return render(request, "lists_matches.html", context)


def visible_list(request: Request, ctx: Ctx, scheme: str) -> str:
    """The list, if the reader may see a row of it (else: as for an unknown list)."""
    if scheme not in list_matches.schemes(store_of(request), ctx.clearance):
        raise NotFoundError(f"no list '{scheme}' that you may see")
    return scheme


@router.post("/lists/matches/start")
def start_review(request: Request, ctx: EditorDep, data: FormDep) -> Response:
    """Start reviewing a list: record the listings its alerts call for, then show its matches.

    The recording is here, on a POST, so that showing the match page never writes.
    """
    scheme = visible_list(request, ctx, Form.of(data, "scheme").get("scheme")[:120])
    listings.record_listings(store_of(request), ctx.actor, scheme)
    return RedirectResponse(f"/lists/matches?scheme={quote(scheme)}", status_code=303)


@router.post("/lists/matches/judge")
def judge(request: Request, ctx: EditorDep, data: FormDep) -> Response:
    """Record same / not the same / unsure for a row and its candidate; "same" merges them."""
    form = Form.of(data, "scheme", "row", "candidate", "decision", "next")
    if form.get("decision") not in {d.value for d in Decision}:
        raise ValidationError("choose same, not the same or unsure")
    list_matches.judge(
        store_of(request),
        ctx.actor,
        ctx.clearance,
        form.get("scheme"),
        form.get("row"),
        form.get("candidate"),
        form.get("decision"),
    )
    # "Same person" may tie the row to someone with a recorded wish: record that listing now.
    listings.record_listings(store_of(request), ctx.actor, form.get("scheme"))
    return RedirectResponse(safe_next(form.get("next")), status_code=303)
