"""The JSON API under /api: the same reads and changes as the pages, with personal API tokens.

Persons, timelines, sources, search, dossiers and the report are here; findings and cases are
in ``api_legal`` (changes to a case and its relatives in ``api_cases``), the review queues
(extracted proposals, imported lists) in ``api_queues``, adding persons and their refusals of
repatriation in ``api_persons``, list uploads and imports in ``api_lists``.
Every route calls the workflow function its page calls, with the same role check. Errors are
RFC 9457 problem documents (``api_base``). A sealed person asked for at a lower clearance gets
exactly the body an unknown id gets, so the API does not confirm that they exist.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from powtrace.domain.errors import ConflictError, NotFoundError, PowtraceError, ValidationError
from powtrace.domain.model import Source
from powtrace.domain.vocab import event_type
from powtrace.lifecycle import Lifecycle
from powtrace.reports.aggregate import Cell, Report
from powtrace.store.cases import MESSAGES as CASE_MESSAGES
from powtrace.store.cases import CaseInvalid
from powtrace.web import api_models as m
from powtrace.web.api_base import ERRORS, ApiProblem, Caller, problem, problem_doc
from powtrace.web.api_cases import router as cases_router
from powtrace.web.api_legal import finding_summaries
from powtrace.web.api_legal import router as legal_router
from powtrace.web.api_lists import routers as list_routers
from powtrace.web.api_persons import router as persons_router
from powtrace.web.api_queues import router as queues_router
from powtrace.web.timeline import timeline_rows
from powtrace.workflows import redact, registry, reports
from powtrace.workflows.source_search import MAX_RESULTS, SourceHit, search_sources
from powtrace.workflows.sources import view_source

log = logging.getLogger("powtrace.web")


# The dossier is JSON or PDF; both are redacted at the caller's clearance (never above
# restricted), like every output powtrace makes without an administrator's full request.
DOSSIER_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The dossier: JSON (as `powtrace dossier --format json`) or a PDF file.",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        },
    },
}
NOTHING_TO_REPORT: dict[int | str, dict[str, Any]] = {
    400: problem_doc("There is no person the caller may see."),
}


def _count(cell: Cell) -> m.CountOut:
    return m.CountOut(text=cell.count.text, value=cell.count.value, sources=cell.sources)


def _aggregate(report: Report) -> m.AggregateOut:
    return m.AggregateOut(
        redacted=report.redacted,
        threshold=report.threshold,
        as_of=report.as_of,
        persons=_count(report.persons),
        tables=[
            m.ReportTableOut(
                key=t.key,
                title=t.title,
                definition=t.definition,
                columns=list(t.columns),
                rows=[
                    m.ReportRowOut(label=label, cells=[_count(c) for c in cells])
                    for label, cells in t.rows
                ],
                notes=list(t.notes),
            )
            for t in report.tables
        ],
    )


def _withheld(w: redact.Withheld) -> m.Withheld:
    return m.Withheld(records=w.records, fields=w.fields)


def _problems(life: Lifecycle) -> list[m.ProblemOut]:
    return [
        m.ProblemOut(code=p.code, message=p.message, event_ids=list(p.event_ids))
        for p in life.problems
    ]


def _source_hit(hit: SourceHit) -> m.SourceHitOut:
    passage = m.PassageOut(**dataclasses.asdict(hit.passage)) if hit.passage else None
    return m.SourceHitOut(**_source_summary(hit.source), passage=passage)


def _source_summary(s: Source) -> dict[str, Any]:
    """The fields of ``m.SourceSummaryOut``, shared by the source page and search hits."""
    return {
        "id": s.id,
        "title": s.title,
        "kind": s.kind.value,
        "outlet": s.outlet,
        "url": s.url,
        "published": str(s.published) if s.published else None,
        "language": s.language,
        "reliability": s.reliability,
        "visibility": s.visibility.value,
    }


def create_api() -> FastAPI:
    """The API application, mounted at /api by the main application."""
    api = FastAPI(
        title="powtrace API",
        version="1",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        responses=ERRORS,
    )
    _install_errors(api)

    @api.get("/persons", response_model=list[m.PersonSummary])
    def persons(
        request: Request,
        who: Caller,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> list[m.PersonSummary]:
        """Persons the caller may see, by name."""
        store = request.app.state.store
        rows = registry.list_persons(store, who.username, who.clearance, limit, offset)
        return [m.PersonSummary(**r.__dict__) for r in rows]

    @api.get("/persons/{person_id}", response_model=m.PersonOut)
    def person(request: Request, who: Caller, person_id: str) -> m.PersonOut:
        """One person with status and facets; reads of restricted or sealed data are audited."""
        view = registry.view_person(request.app.state.store, who.username, person_id, who.clearance)
        p, life = view.person, view.lifecycle
        return m.PersonOut(
            id=p.id,
            name=p.display_name,
            name_forms=[
                m.NameFormOut(text=f.text, kind=f.kind.value, script=f.script, language=f.language)
                for f in p.name_forms
            ],
            birth_date=str(p.birth_date) if p.birth_date else None,
            gender=p.gender.value,
            side=p.side.value,
            unit=p.unit,
            rank=p.rank,
            home_region=p.home_region,
            visibility=p.visibility.value,
            status=life.status,
            custody=life.custody,
            facets={
                k: m.Facet(
                    value=f.value, since=str(f.since) if f.since else None, event_id=f.event_id
                )
                for k, f in life.facets.items()
            },
            data_problems=_problems(life),
            findings=finding_summaries(request, who, p.id),
            withheld=_withheld(view.withheld),
            merged_from=view.merged_from,
        )

    @api.get("/persons/{person_id}/timeline", response_model=m.TimelineOut)
    def timeline(request: Request, who: Caller, person_id: str) -> m.TimelineOut:
        """Confirmed events in order, each with its citations and the sources' reliability."""
        view = registry.view_person(request.app.state.store, who.username, person_id, who.clearance)
        rows, _ = timeline_rows(view)
        entries = [
            m.EntryOut(
                event_id=r.event.id,
                type=r.event.type,
                label=event_type(r.event.type).label,
                date=str(r.event.date) if r.event.date else None,
                place=r.event.place,
                agency=r.event.agency,
                details=dict(r.event.details),
                custody_after=r.custody_after,
                citations=[
                    m.CitationOut(
                        source_id=c.source_id,
                        start=e.start,
                        end=e.end,
                        excerpt=c.excerpt,
                        credibility=c.credibility,
                        reliability=c.reliability,
                    )
                    for c, e in zip(r.citations, r.event.citations, strict=True)
                ],
            )
            for r in rows
        ]
        return m.TimelineOut(
            person_id=view.person.id,
            entries=entries,
            data_problems=_problems(view.lifecycle),
            withheld=_withheld(view.withheld),
        )

    @api.get(
        "/persons/{person_id}/dossier",
        response_class=Response,
        responses=DOSSIER_RESPONSES,
    )
    def dossier(
        request: Request,
        who: Caller,
        person_id: str,
        fmt: Annotated[
            Literal["json", "pdf"], Query(alias="format", description="json (default) or pdf")
        ] = "json",
    ) -> Response:
        """The person's dossier, redacted at the caller's clearance (never above restricted):
        sealed records left out, contact details dropped, identifiers pseudonymised."""
        store = request.app.state.store
        made = reports.build_dossier(store, who.username, person_id, who.clearance)
        body = reports.render_dossier(made, fmt)
        if fmt == "pdf":
            name = f"dossier-{made.person_ref}.pdf"
            headers = {"Content-Disposition": f'attachment; filename="{name}"'}
            return Response(body, media_type="application/pdf", headers=headers)
        return Response(body, media_type="application/json")

    @api.get("/reports/aggregate", response_model=m.AggregateOut, responses=NOTHING_TO_REPORT)
    def aggregate(request: Request, who: Caller) -> m.AggregateOut:
        """The aggregate report, redacted: counts from 1 to 4 suppressed, sealed records not
        counted, made at the caller's clearance (never above restricted)."""
        try:
            report = reports.build_report(request.app.state.store, who.username, who.clearance)
        except ValidationError as exc:
            raise ApiProblem(400, "Bad Request", str(exc)) from None
        return _aggregate(report)

    @api.get("/search", response_model=list[m.SearchHitOut])
    def search(
        request: Request,
        who: Caller,
        q: Annotated[
            str,
            Query(
                min_length=1,
                max_length=200,
                description="A name, any script. A query without a letter is a 422.",
            ),
        ],
    ) -> list[m.SearchHitOut]:
        """Persons whose name forms match, in any script, best first, each with its reason."""
        try:
            hits = registry.search_persons(request.app.state.store, who.username, q, who.clearance)
        except ValidationError as exc:  # as source search: say what is wrong, not "nothing"
            errors = [{"loc": ["query", "q"], "msg": str(exc), "code": "no_letters"}]
            raise ApiProblem(
                422, "Unprocessable Content", "A parameter is not valid.", errors
            ) from None
        return [m.SearchHitOut(**h.__dict__) for h in hits]

    # Before /sources/{source_id}, which would otherwise take "search" for an id.
    @api.get("/sources/search", response_model=list[m.SourceHitOut])
    def source_search(
        request: Request,
        who: Caller,
        q: Annotated[
            str,
            Query(
                min_length=1,
                max_length=200,
                description="Words to look for in titles and texts, all of them required, "
                "each as the start of a word. A query without a letter or digit is a 422.",
            ),
        ],
        limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 50,
    ) -> list[m.SourceHitOut]:
        """Sources the caller may see holding every word, best match first, each with the
        passage that matched; passages of restricted and sealed sources are audited reads."""
        store = request.app.state.store
        try:
            hits = search_sources(store, who.username, q, who.clearance, limit)
        except ValidationError as exc:
            errors = [{"loc": ["query", "q"], "msg": str(exc), "code": "no_words"}]
            raise ApiProblem(
                422, "Unprocessable Content", "A parameter is not valid.", errors
            ) from None
        return [_source_hit(h) for h in hits]

    @api.get("/sources/{source_id}", response_model=m.SourceOut)
    def source(request: Request, who: Caller, source_id: str) -> m.SourceOut:
        """A source's text, grades and the spans that visible claims cite."""
        view = view_source(request.app.state.store, who.username, source_id, who.clearance)
        s = view.source
        return m.SourceOut(
            **_source_summary(s),
            sha256=s.sha256,
            media_type=s.media_type,
            retrieved_at=s.retrieved_at.isoformat() if s.retrieved_at else None,
            text=s.text,
            cited_spans=[
                m.SpanOut(
                    start=x.start,
                    end=x.end,
                    credibility=x.credibility,
                    event_id=x.event_id,
                    event_type=x.event_type,
                    person_id=x.person_id,
                )
                for x in view.spans
            ],
            withheld=_withheld(view.withheld),
        )

    for router in (persons_router, legal_router, cases_router, queues_router, *list_routers):
        api.include_router(router)
    return api


def _install_errors(api: FastAPI) -> None:
    @api.exception_handler(ApiProblem)
    async def _api_problem(_r: Request, exc: ApiProblem) -> JSONResponse:
        return problem(exc.status, exc.title, exc.detail, errors=exc.errors)

    @api.exception_handler(CaseInvalid)
    async def _case_invalid(_r: Request, exc: CaseInvalid) -> JSONResponse:
        # Each field with its problem, as the case forms show them beside the fields.
        errors = [
            {"loc": ["body", name], "msg": CASE_MESSAGES.get(code, code), "code": code}
            for name, code in exc.problems.items()
        ]
        return problem(422, "Unprocessable Content", "A field is not valid.", errors=errors)

    @api.exception_handler(ConflictError)
    async def _conflict(_r: Request, exc: ConflictError) -> JSONResponse:
        return problem(409, "Conflict", str(exc))

    @api.exception_handler(NotFoundError)
    async def _not_found(_r: Request, _exc: NotFoundError) -> JSONResponse:
        # Deliberately without the id or the kind of refusal: unknown and sealed look alike.
        return problem(404, "Not Found", "There is no such record that you may see.")

    @api.exception_handler(PowtraceError)
    async def _domain(_r: Request, exc: PowtraceError) -> JSONResponse:
        return problem(422, "Unprocessable Content", str(exc))

    @api.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        return problem(422, "Unprocessable Content", "A parameter is not valid.", errors=errors)

    @api.exception_handler(StarletteHTTPException)
    async def _http(_r: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not Found", 405: "Method Not Allowed"}
        return problem(exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail))

    @api.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return problem(500, "Internal Server Error", "The error was logged.")
