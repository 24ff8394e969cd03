"""Reports and exports on the web: the person dossier, the aggregate report, data exports.

Every output is made by ``workflows.reports`` and is redacted: made at the reader's clearance
but never above restricted, contact details dropped, identifiers pseudonymised, small counts
suppressed in the aggregate report. Only an administrator may ask for a full export, which
``workflows.reports`` writes to the audit log as such; redacted outputs are audited too.
Files are sent as attachments, and, like every page, with ``Cache-Control: no-store``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.reports import tabular
from powtrace.reports.language import ENGLISH, Language
from powtrace.web import i18n, labels, rule_texts
from powtrace.web.context import Ctx, UserDep, store_of
from powtrace.web.csrf import FormDep
from powtrace.web.errors import message_for
from powtrace.web.forms import Form
from powtrace.web.i18n import N_
from powtrace.web.templating import gettext, render
from powtrace.workflows import reports

router = APIRouter()
DOSSIER_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}
EXPORT_TYPES = {
    "json": ("application/json", "json"),
    "ftm": ("application/x-ndjson", "ftm.json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


def attachment(body: bytes, media_type: str, filename: str) -> Response:
    """A file to save, never shown in the page (the name is plain ASCII)."""
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/persons/{person_id}/dossier.{fmt}")
def dossier(request: Request, ctx: UserDep, person_id: str, fmt: str) -> Response:
    """The person's dossier as PDF or HTML, redacted at the reader's clearance."""
    if fmt not in DOSSIER_TYPES:
        raise HTTPException(404)
    made = reports.build_dossier(store_of(request), ctx.actor, person_id, ctx.clearance)
    body = reports.render_dossier(made, fmt)
    # The file is named by the pseudonym, which a redacted output shows instead of the id.
    return attachment(body, DOSSIER_TYPES[fmt], f"dossier-{made.person_ref}.{fmt}")


def report_language(lang: str) -> Language:
    """The reader's language for a report: the catalogue's words, the rule titles translated
    beside the rules (English stays as reports always wrote it)."""
    if lang == i18n.DEFAULT:
        return ENGLISH

    def rule_title(rule_id: str, stored: str) -> str:
        shown = rule_texts.rule_title(rule_id, lang)
        return stored if shown == rule_id else shown  # a rule no longer in the catalogue

    return Language(lang, i18n.translations(lang).gettext, rule_title)


@router.get("/reports")
def report_page(request: Request, ctx: UserDep) -> Response:
    """The aggregate report, with its charts, in the page and the reader's language."""
    try:
        report = reports.build_report(
            store_of(request), ctx.actor, ctx.clearance, language=report_language(ctx.lang)
        )
    except ValidationError:  # no person the reader may see
        report = None
    return render(request, "reports.html", {"report": report})


@router.get("/reports.pdf")
def report_pdf(request: Request, ctx: UserDep) -> Response:
    """The aggregate report as PDF, in the reader's language."""
    report = reports.build_report(
        store_of(request), ctx.actor, ctx.clearance, language=report_language(ctx.lang)
    )
    return attachment(reports.render_report(report, "pdf"), "application/pdf", "report.pdf")


def formats(ctx: Ctx) -> tuple[str, ...]:
    """The export formats a reader may ask for.

    The JSON export is the lossless backup: it is made at restricted clearance with real ids,
    so a reader below restricted clearance gets the formats made at their own clearance.
    """
    if ctx.clearance is Visibility.PUBLIC:
        return ("ftm", "csv")
    return reports.EXPORT_FORMATS


def _export_page(request: Request, ctx: Ctx, form: Form, status: int = 200) -> Response:
    context: dict[str, Any] = {
        "form": form,
        "format_options": [(f, gettext(request, labels.EXPORT_FORMAT[f])) for f in formats(ctx)],
        "table_options": [(t, gettext(request, labels.EXPORT_TABLE[t])) for t in tabular.TABLES],
    }
    return render(request, "export.html", context, status)


@router.get("/export")
def export_page(request: Request, ctx: UserDep) -> Response:
    """The form to export the data the reader may see (redacted; full for administrators)."""
    return _export_page(request, ctx, Form({"format": formats(ctx)[0], "table": "persons"}))


@router.post("/export")
def export(request: Request, ctx: UserDep, data: FormDep) -> Response:
    """The export as a file; a full one only for an administrator, and audited."""
    form = Form.of(data, "format", "table", "full")
    fmt, table = form.get("format"), form.get("table") or "persons"
    if fmt not in formats(ctx):
        form.error("format", gettext(request, N_("Choose a format from the list.")))
    if fmt == "csv" and table not in tabular.TABLES:
        form.error("table", gettext(request, N_("Choose a table from the list.")))
    full = form.get("full") == "yes"
    if full and not ctx.is_admin:
        form.error("full", gettext(request, N_("Only administrators may make a full export.")))
    if not form.ok:
        return _export_page(request, ctx, form, 400)
    try:
        body, _ = reports.export_data(
            store_of(request), ctx.actor, ctx.clearance, fmt=fmt, full=full, table=table
        )
    except ValidationError as exc:
        form.error("format", message_for(request, exc))
        return _export_page(request, ctx, form, 400)
    media_type, ext = EXPORT_TYPES[fmt]
    what = f"{table}" if fmt == "csv" else "export"
    name = f"powtrace-{what}{'-full' if full else ''}.{ext}"
    return attachment(body, media_type, name)
