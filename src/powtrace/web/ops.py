"""Health and metrics for operators: ``/healthz`` and ``/metrics`` (Prometheus text).

``/healthz`` answers 200 when the database answers and its schema is the one this code
needs, 503 otherwise. ``/metrics`` gives counts only (persons, events, findings, sources,
proposals, audit entries): no names, no ids. When ``POWTRACE_METRICS_TOKEN`` is set,
``/metrics`` wants ``Authorization: Bearer <token>``; either way, keep both paths off the
public side of the reverse proxy (docs/admin.md).

Include it with ``app.include_router(powtrace.web.ops.router)`` in ``create_app``.
"""

from __future__ import annotations

import hmac
import os
import time

import sqlalchemy as sa
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from powtrace.store import engine as eng
from powtrace.store.schema import audit_head, events, findings, persons, proposals, sources
from powtrace.store.store import Store

router = APIRouter(include_in_schema=False)
TOKEN_ENV = "POWTRACE_METRICS_TOKEN"
PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8"


def _store(request: Request) -> Store:
    return request.app.state.store


@router.get("/healthz")
def healthz(request: Request) -> Response:
    """200 when the database answers and its schema is current; 503 with the reason if not."""
    started = time.perf_counter()
    try:
        revision = eng.current_revision(_store(request).engine)
    except sa.exc.SQLAlchemyError:
        return JSONResponse({"status": "down", "database": "unreachable"}, status_code=503)
    head = eng.head_revision()
    body = {
        "status": "ok" if revision == head else "down",
        "database": "ok",
        "schema": revision,
        "schema_wanted": head,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }
    return JSONResponse(body, status_code=200 if revision == head else 503)


def _count(conn: sa.Connection, table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar())


def _grouped(conn: sa.Connection, column: sa.Column) -> dict[str, int]:
    q = sa.select(column, sa.func.count()).group_by(column)
    return {str(k): int(n) for k, n in conn.execute(q)}


@router.get("/metrics")
def metrics(request: Request) -> Response:
    """Counts of the registry in Prometheus text format; no names, no ids."""
    token = os.environ.get(TOKEN_ENV)
    if token:
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return PlainTextResponse("unauthorised\n", status_code=401)
    started = time.perf_counter()
    try:
        with _store(request).reading() as conn:
            values = {
                "persons": _count(conn, persons, persons.c.merged_into.is_(None)),
                "persons_merged": _count(conn, persons, persons.c.merged_into.is_not(None)),
                "sources": _count(conn, sources),
                "audit_entries": int(
                    conn.execute(sa.select(audit_head.c.seq).where(audit_head.c.id == 1)).scalar()
                    or 0
                ),
            }
            by_review = _grouped(conn, events.c.review)
            by_status = _grouped(conn, findings.c.status)
            supported = _count(conn, findings, findings.c.supported.is_(True))
            pending = _count(conn, proposals, proposals.c.status == "pending")
    except sa.exc.SQLAlchemyError:
        return PlainTextResponse("powtrace_up 0\n", status_code=503, media_type=PROMETHEUS)
    lines = [
        "# HELP powtrace_up Whether the database answered.",
        "# TYPE powtrace_up gauge",
        "powtrace_up 1",
    ]

    def gauge(name: str, help_text: str, samples: dict[str, int] | int, label: str = "") -> None:
        lines.append(f"# HELP powtrace_{name} {help_text}")
        lines.append(f"# TYPE powtrace_{name} gauge")
        if isinstance(samples, int):
            lines.append(f"powtrace_{name} {samples}")
            return
        for key, n in sorted(samples.items()):
            lines.append(f'powtrace_{name}{{{label}="{key}"}} {n}')

    gauge("persons", "Persons in the registry (not merged into another).", values["persons"])
    gauge("persons_merged", "Person records merged into another.", values["persons_merged"])
    gauge("events", "Events, by review state.", by_review, "review")
    gauge("findings", "Legal findings, by status.", by_status, "status")
    gauge("findings_supported", "Findings the facts still support.", supported)
    gauge("sources", "Sources kept.", values["sources"])
    gauge("proposals_pending", "Extraction proposals waiting for review.", pending)
    gauge("audit_entries", "Entries in the audit chain.", values["audit_entries"])
    lines.append("# HELP powtrace_metrics_seconds Time taken to count.")
    lines.append("# TYPE powtrace_metrics_seconds gauge")
    lines.append(f"powtrace_metrics_seconds {time.perf_counter() - started:.6f}")
    return PlainTextResponse("\n".join(lines) + "\n", media_type=PROMETHEUS)
