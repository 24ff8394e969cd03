"""The dashboard: people by status and side, the capture→outcome flow, exchanges, activity."""

from __future__ import annotations

import itertools

from fastapi import APIRouter, Request
from fastapi.responses import Response

from powtrace.domain.model import Side
from powtrace.lifecycle import STATUSES
from powtrace.web import charts, labels
from powtrace.web.context import UserDep, store_of
from powtrace.web.i18n import N_
from powtrace.web.templating import gettext, render
from powtrace.workflows import cases, overview

router = APIRouter()
DUE_DAYS = 14
BIN_EDGES = (0, 7, 30, 60, 90, 180, 365, 1 << 30)
BIN_NAMES = (
    N_("under a week"),
    N_("1–4 weeks"),
    N_("1–2 months"),
    N_("2–3 months"),
    N_("3–6 months"),
    N_("6–12 months"),
    N_("over a year"),
)

FLOW_COLUMNS = {
    "captured": 0,
    "not_captured": 0,
    "exchanged": 1,
    "not_exchanged": 1,
    "isolated": 2,
    "not_isolated": 2,
}


def _status_rows(request: Request, view: overview.Overview) -> list[tuple[str, list[int]]]:
    sides = [s.value for s in Side]
    rows = []
    for status in STATUSES:
        counts = [view.by_status_side.get((status, side), 0) for side in sides]
        if any(counts):
            rows.append((gettext(request, labels.STATUS.get(status, status)), counts))
    return rows


def _flow_names(request: Request, view: overview.Overview) -> dict[str, str]:
    names = {k: gettext(request, v) for k, v in labels.FLOW.items()}
    for a, b in view.flow:
        for node in (a, b):
            if node.startswith("status:"):
                status = node.removeprefix("status:")
                names[node] = gettext(request, labels.STATUS.get(status, status))
    return names


def isolation_bins(request: Request, spans: list[tuple[int, bool]]) -> list[tuple[str, list[int]]]:
    """Isolation periods by length: (bin label, [ended, still going on])."""
    out = []
    for (low, high), name in zip(itertools.pairwise(BIN_EDGES), BIN_NAMES, strict=True):
        ended = sum(1 for d, going in spans if low <= d < high and not going)
        going = sum(1 for d, going in spans if low <= d < high and going)
        out.append((gettext(request, name), [ended, going]))
    return out


@router.get("/")
def dashboard(request: Request, ctx: UserDep) -> Response:
    """The first page after sign-in."""
    store = store_of(request)
    view = overview.overview(store, ctx.clearance)
    days = overview.activity(store)
    series = [gettext(request, labels.SIDES[s.value]) for s in Side]
    rows = _status_rows(request, view)
    names = _flow_names(request, view)
    status_chart = charts.stacked_bars(gettext(request, "People by status and side"), rows, series)
    flow_chart = charts.sankey(
        gettext(request, "From capture to outcome"), view.flow, FLOW_COLUMNS, names
    )
    activity_chart = charts.columns_chart(
        gettext(request, "Activity in the last 14 days"),
        days,
        [gettext(request, "changes"), gettext(request, "audited reads")],
    )
    bins = isolation_bins(request, view.isolation)
    isolation_chart = charts.stacked_columns(
        gettext(request, N_("Time spent in post-return isolation")),
        bins,
        [gettext(request, N_("ended")), gettext(request, N_("still in isolation"))],
    )
    due = cases.due_tasks(store, ctx.clearance, days=DUE_DAYS)
    latest = overview.audit_entries(store, limit=10) if ctx.is_admin else []
    return render(
        request,
        "dashboard.html",
        {
            "view": view,
            "rows": rows,
            "series": series,
            "flow_names": names,
            "status_chart": status_chart,
            "flow_chart": flow_chart,
            "activity_chart": activity_chart,
            "isolation_chart": isolation_chart,
            "isolation_bins": bins,
            "due": due,
            "due_days": DUE_DAYS,
            "days": days,
            "latest": latest,
        },
    )
