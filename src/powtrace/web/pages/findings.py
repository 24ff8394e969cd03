"""Legal findings: the list with filters and charts, and moving a finding along its statuses."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from powtrace.store.findings import Status
from powtrace.web import charts, labels, rule_texts
from powtrace.web.auth import safe_next
from powtrace.web.context import EditorDep, UserDep, store_of
from powtrace.web.csrf import FormDep
from powtrace.web.forms import Form
from powtrace.web.i18n import N_
from powtrace.web.templating import gettext, render
from powtrace.workflows import finding_views as views

router = APIRouter()
PAGE = 50
MAX_REASON = 2000
TOP_RULES = 7  # the chart shows this many rules by name, the rest together
FILTERS = ("rule", "severity", "certainty", "status", "support", "person")


def _rule_title(request: Request, rule_id: str) -> str:
    """The rule's title in the reader's language."""
    return rule_texts.rule_title(rule_id, request.state.ctx.lang)


def _filters(request: Request, form: Form, persons: set[str], rules: set[str]) -> views.Filters:
    """The filters as given; a value not in its list is named beside its field."""
    allowed: dict[str, set[str]] = {
        "rule": rules,
        "severity": set(views.SEVERITIES),
        "certainty": set(views.CERTAINTIES),
        "status": {s.value for s in Status},
        "support": set(views.SUPPORT),
        "person": persons,
    }
    for name, values in allowed.items():
        if form.get(name) and form.get(name) not in values:
            form.error(name, gettext(request, N_("Choose from the list.")))
    values = {k: form.get(k) if k not in form.errors else "" for k in allowed}
    values["support"] = values["support"] or "current"
    return views.Filters(**values)


def month_chart(request: Request, page: views.FindingsPage) -> tuple[str, list, list[str]]:
    """Findings by month of their earliest event, stacked by rule (the commonest by name)."""
    months = sorted({m for m, _ in page.by_month_rule})
    if months:
        first, last = months[0], months[-1]
        months = []
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last and len(months) < 120:
            months.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    per_rule: Counter[str] = Counter()
    for (_, rule), n in page.by_month_rule.items():
        per_rule[rule] += n
    top = [r for r, _ in per_rule.most_common(TOP_RULES)]
    series = [_rule_title(request, r) for r in top]
    rest = len(per_rule) > len(top)
    if rest:
        series.append(gettext(request, N_("other rules")))
    columns = []
    for month in months:
        counts = [page.by_month_rule.get((month, r), 0) for r in top]
        if rest:
            counts.append(
                sum(n for (mo, r), n in page.by_month_rule.items() if mo == month and r not in top)
            )
        columns.append((month, counts))
    svg = charts.stacked_columns(
        gettext(request, N_("Findings by month of the events they rest on, by rule")),
        columns,
        series,
    )
    return svg, columns, series


def findings_page(
    request: Request, ctx: UserDep, form: Form, status_form: Form | None = None, status: int = 200
) -> Response:
    store = store_of(request)
    try:
        offset = max(0, int(form.get("page") or "1") - 1) * PAGE
    except ValueError:
        offset = 0
    asked = views.Filters(**{k: form.get(k) for k in FILTERS} | {"support": form.get("support")})
    page = views.show_findings(store, ctx.actor, ctx.clearance, asked, offset=offset, limit=PAGE)
    filters = _filters(request, form, {p for p, _ in page.persons}, set(page.rules))
    if filters != asked:  # a value not in its list: shown beside its field, the rest applied
        page = views.show_findings(store, ctx.actor, ctx.clearance, filters, offset=0, limit=PAGE)
        offset = 0
    chart, columns, series = month_chart(request, page)
    query = {k: v for k, v in form.values.items() if v and k != "page" and k not in form.errors}
    here = "/findings" + (f"?{urlencode(query)}" if query else "")
    more = offset + PAGE < page.total
    context = {
        "form": form,
        "page": page,
        "chart": chart,
        "columns": columns,
        "series": series,
        "here": here,
        "next_page": (offset // PAGE + 2) if more else None,
        "prev_page": (offset // PAGE) if offset else None,
        "query": query,
        "status_form": status_form or Form(),
        "rule_options": [("", gettext(request, N_("any")))]
        + [(r, _rule_title(request, r)) for r in page.rules],
        "person_options": [("", gettext(request, N_("anyone"))), *page.persons],
        "severity_options": _options(request, labels.SEVERITY),
        "certainty_options": _options(request, labels.CERTAINTY),
        "status_options": _options(request, labels.FINDING_STATUS),
        "support_options": [(k, gettext(request, v)) for k, v in labels.SUPPORT.items()],
    }
    if form.errors:
        status = 400
    return render(request, "findings.html", context, status)


def _options(request: Request, names: dict[str, str]) -> list[tuple[str, str]]:
    return [("", gettext(request, N_("any")))] + [
        (k, gettext(request, v)) for k, v in names.items()
    ]


@router.get("/findings")
def findings_list(
    request: Request,
    ctx: UserDep,
    rule: str = "",
    severity: str = "",
    certainty: str = "",
    status: str = "",
    support: str = "",
    person: str = "",
    page: str = "",
) -> Response:
    """Findings the reader may see, filtered, with their legal basis and what would change them."""
    form = Form(
        {
            "rule": rule[:100],
            "severity": severity[:20],
            "certainty": certainty[:20],
            "status": status[:20],
            "support": support[:20] or "current",
            "person": person[:40],
            "page": page[:6],
        }
    )
    return findings_page(request, ctx, form)


@router.post("/findings/{finding_id}/status")
def change_status(request: Request, ctx: EditorDep, data: FormDep, finding_id: str) -> Response:
    """Acknowledge, mark acted on, dismiss (a reason is required) or reopen a finding."""
    form = Form.of(data, "status", "reason", "next")
    target = safe_next(form.get("next") or "/findings")
    if form.get("status") not in {s.value for s in Status}:
        form.error("status", gettext(request, N_("Choose what to do with the finding.")))
    elif form.get("status") == Status.DISMISSED and not form.get("reason"):
        form.error("reason", gettext(request, N_("Say why the finding is dismissed.")))
    if len(form.get("reason")) > MAX_REASON:
        form.error("reason", gettext(request, N_("Use at most 2000 characters.")))
    if not form.ok:
        # Show the finding again (with its person's other findings), the error beside its field.
        found = views.visible_finding(store_of(request), ctx.clearance, finding_id)
        form.values["finding_id"] = finding_id
        filters = Form({"person": found.person_id, "support": "all"})
        return findings_page(request, ctx, filters, status_form=form, status=400)
    reason = form.get("reason") or None
    views.set_status(
        store_of(request), ctx.actor, ctx.clearance, finding_id, form.get("status"), reason
    )
    return RedirectResponse(f"{target.split('#')[0]}#{finding_id}", status_code=303)
