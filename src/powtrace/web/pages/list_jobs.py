"""A list imported from the web page runs as a background job, with a page that follows it.

A large list takes longer than a browser (or a reverse proxy) waits for an answer, so the
import request checks the upload, starts a thread and answers at once with the job's page.
The thread writes its progress and outcome to the ``jobs`` table (``store.jobs``): the page may
be answered by any server process. A process that ends mid-import leaves its job "running"
with no news; the page reports it stopped, and importing the file again finishes the work,
since rows imported before are skipped.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import traceback
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from powtrace.domain.errors import NotFoundError, PowtraceError
from powtrace.domain.visibility import Visibility
from powtrace.intake.lists import ListFile
from powtrace.store import jobs
from powtrace.store.store import Store
from powtrace.web import listings
from powtrace.web.context import EditorDep, store_of
from powtrace.web.i18n import N_, error_message
from powtrace.web.templating import gettext, render
from powtrace.workflows import wishes
from powtrace.workflows.lists import import_rows

router = APIRouter()
log = logging.getLogger("powtrace.web")
KIND = "list_import"
PROGRESS_EVERY = 0.5  # seconds between progress writes, at most one write per batch anyway
HEARTBEAT_EVERY = 20.0  # seconds; well inside jobs.STALE_AFTER
UNEXPECTED = N_("The import stopped on an unexpected error; it was logged for the administrator.")


@dataclass(frozen=True)
class ListImport:
    """What the import request checked and hands to the job: the list read, the file to keep."""

    scheme: str
    filename: str
    listed: ListFile
    data: bytes  # the file as kept (a workbook as the CSV text of its sheet)
    kept_name: str
    encoding: str
    mapping: dict[str, str]
    exchange: bool
    side: str | None
    lang: str  # for a domain error's message, in the language of whoever started the job


def start(store: Store, actor: str, work: ListImport) -> str:
    """Start importing the list in a background thread; returns the job's id."""
    job_id = jobs.create(store, KIND, actor, len(work.listed.rows))
    # A daemon thread: a server shutting down does not wait for it; its job then shows as
    # stopped, and importing again picks up where it ended.
    thread = threading.Thread(
        target=_run, args=(store, actor, job_id, work), name=f"list-import-{job_id}", daemon=True
    )
    thread.start()
    return job_id


def _run(store: Store, actor: str, job_id: str, work: ListImport) -> None:
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(store, job_id, stop), daemon=True)
    beat.start()
    try:
        result = _import(store, actor, job_id, work)
    except Exception as exc:  # whatever it is, the job must say it failed
        _log_failure(job_id, exc)
        message = error_message(exc, work.lang) if isinstance(exc, PowtraceError) else UNEXPECTED
        _safely(jobs.fail, store, job_id, message)
    else:
        _safely(jobs.finish, store, job_id, result)
    finally:
        stop.set()


def _import(store: Store, actor: str, job_id: str, work: ListImport) -> dict[str, Any]:
    """The import itself, as the request used to run it; returns what the result page shows."""
    kept = listings.keep_list(
        store,
        actor,
        work.scheme,
        work.data,
        work.kept_name,
        work.encoding,
        work.mapping,
        work.exchange,
    )
    named: int = 0
    alerts: list[wishes.Alert] = []
    if work.exchange:  # linked before the rows become persons, so no row links to itself
        named, alerts = listings.record_exchange_list(
            store, actor, work.scheme, work.listed, kept, work.kept_name
        )
    report = _Progress(store, job_id)
    result = import_rows(
        store, actor, work.listed, scheme=work.scheme, side=work.side, progress=report
    )
    if not work.exchange:  # an exchange list recorded its listings above
        listings.record_listings(store, actor, work.scheme)
    errors = sorted(result.errors, key=lambda e: e.line)
    return {
        "filename": work.filename,
        "scheme": result.scheme,
        "rows": len(work.listed.rows),
        "created": len(result.created),
        "existing": result.existing,
        "errors": [dataclasses.asdict(e) for e in errors],
        "exchange": work.exchange,
        "named": named,
        # Kept whoever started the job; the page shows them only to a sealed reader.
        "alerts": [dataclasses.asdict(a) for a in alerts],
    }


class _Progress:
    """import_rows' progress callback: writes to the job row, at most every PROGRESS_EVERY s."""

    def __init__(self, store: Store, job_id: str) -> None:
        self.store, self.job_id, self.last = store, job_id, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < PROGRESS_EVERY:
            return  # the last batch is always written, so the page ends at "M of M"
        self.last = now
        jobs.progress(self.store, self.job_id, done, total)


def _heartbeat(store: Store, job_id: str, stop: threading.Event) -> None:
    """Keep the job fresh during steps that report no progress (linking an exchange list)."""
    while not stop.wait(HEARTBEAT_EVERY):
        _safely(jobs.touch, store, job_id)


def _safely(write: Any, store: Store, job_id: str, *args: Any) -> None:
    """Write to the job row; a failure is logged (the job will show as stopped)."""
    try:
        write(store, job_id, *args)
    except Exception as exc:  # a background thread has no one to raise to
        _log_failure(job_id, exc)


def _log_failure(job_id: str, exc: BaseException) -> None:
    # The type and the stack, not the message: a message may quote a row of the list.
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("list import %s failed: %s\n%s", job_id, type(exc).__name__, stack)


@router.get("/lists/import/{job_id}")
def job_page(request: Request, ctx: EditorDep, job_id: str) -> Response:
    """A list import under way (refreshing itself), its result, or why it stopped."""
    job = jobs.get(store_of(request), job_id)
    # Someone else's import is answered like an unknown one: its result names their list.
    if job is None or job.kind != KIND or (job.actor != ctx.actor and not ctx.is_admin):
        raise NotFoundError("no such list import")
    if job.status == jobs.DONE and job.result is not None:
        return render(request, "lists_result.html", _result_context(job.result, ctx.clearance))
    context = {
        "job": job,
        "stopped": job.stopped(),
        "error": gettext(request, job.error) if job.error else None,
    }
    return render(request, "lists_job.html", context)


def _result_context(result: dict[str, Any], clearance: Visibility) -> dict[str, Any]:
    """lists_result.html's context from the stored result."""
    errors = result["errors"]
    shown = SimpleNamespace(
        scheme=result["scheme"],
        created=range(result["created"]),  # the page counts them; no need to keep the ids
        existing=result["existing"],
        errors=errors,
    )
    return {
        "result": shown,
        "errors": errors,
        "rows": result["rows"],
        "filename": result["filename"],
        "exchange": result["exchange"],
        "named": result["named"],
        # The alert names sealed records: only readers cleared for them see it.
        "alerts": result["alerts"] if clearance is Visibility.SEALED else [],
    }
