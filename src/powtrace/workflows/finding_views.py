"""Findings as one reader may see them: filtered, unseen events left out, reads audited.

The findings list names people and quotes what happened to them, so showing a restricted or
sealed finding is audited like showing a person (one ``read`` entry per finding shown). The
events a finding rests on are listed only when the reader may see them; the rest are counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from powtrace.domain.errors import NotFoundError
from powtrace.domain.visibility import Visibility
from powtrace.store import rows, writes
from powtrace.store.store import Store
from powtrace.workflows import findings, redact

SEVERITIES = ("critical", "high", "medium", "low")
CERTAINTIES = ("certain", "probable")
SUPPORT = ("current", "unsupported", "all")
SupportName = Literal["current", "unsupported", "all"]


@dataclass(frozen=True)
class Filters:
    """What the findings list is narrowed to; empty text means no narrowing."""

    rule: str = ""
    severity: str = ""
    certainty: str = ""
    status: str = ""
    support: str = "current"  # current | unsupported | all
    person: str = ""

    def keeps(self, v: findings.FindingView) -> bool:
        f = v.finding
        return (
            (not self.rule or f.rule_id == self.rule)
            and (not self.severity or f.severity == self.severity)
            and (not self.certainty or f.certainty == self.certainty)
            and (not self.status or f.status.value == self.status)
            and (not self.person or f.person_id == self.person)
            and self._support_keeps(f.supported)
        )

    def _support_keeps(self, supported: bool) -> bool:
        if self.support == "unsupported":
            return not supported
        return self.support == "all" or supported


@dataclass
class ShownFinding:
    """A finding with only the events the reader may see."""

    view: findings.FindingView
    events: list[dict[str, Any]] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)
    withheld_events: int = 0

    @property
    def finding(self) -> Any:
        return self.view.finding

    @property
    def details(self) -> dict[str, Any]:
        return self.view.finding.details

    @property
    def month(self) -> str | None:
        """The month of the earliest dated event it rests on (YYYY-MM), if any is dated."""
        dates = sorted(str(e["date"])[:7] for e in self.events if e.get("date"))
        return dates[0] if dates else None


@dataclass
class FindingsPage:
    shown: list[ShownFinding]  # this page
    total: int  # all that pass the filters
    by_month_rule: Counter[tuple[str, str]]  # over all that pass the filters
    undated: int
    persons: list[tuple[str, str]]  # (id, name) of everyone with a finding the reader may see
    rules: list[str]  # rule ids with a finding the reader may see


def _strip_events(view: findings.FindingView, visible: set[str]) -> ShownFinding:
    d = view.finding.details
    shown = ShownFinding(view)
    for key, target in (("events", shown.events), ("pending_review", shown.pending)):
        for e in d.get(key) or []:
            if e.get("event_id") in visible:
                target.append(e)
            else:
                shown.withheld_events += 1
    return shown


def show_findings(
    store: Store,
    actor: str,
    clearance: Visibility,
    filters: Filters = Filters(),
    *,
    offset: int = 0,
    limit: int = 50,
) -> FindingsPage:
    """One page of the findings ``clearance`` may see, with counts over every page."""
    everything = findings.list_findings(store, clearance)
    persons = sorted({(v.finding.person_id, v.person_name) for v in everything}, key=lambda p: p[1])
    rules = sorted({v.finding.rule_id for v in everything})
    kept = [v for v in everything if filters.keeps(v)]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    kept.sort(key=lambda v: (order.get(v.finding.severity, 9), v.person_name, v.finding.rule_id))
    page = kept[offset : offset + limit]
    with store.transaction(actor) as tx:
        visible = _visible_events(tx.conn, kept, clearance)
        shown = [_strip_events(v, visible) for v in page]
        for s in shown:
            if redact.needs_read_audit(Visibility.parse(s.finding.visibility)):
                writes.record_read(tx, "finding", s.finding.id)
    counts: Counter[tuple[str, str]] = Counter()
    undated = 0
    for v in kept:
        month = _strip_events(v, visible).month
        if month is None:
            undated += 1
        else:
            counts[(month, v.finding.rule_id)] += 1
    return FindingsPage(shown, len(kept), counts, undated, persons, rules)


def person_findings(store: Store, person_id: str, clearance: Visibility) -> list[ShownFinding]:
    """A person's findings for their page (that page's read is audited already), current first."""
    views = findings.list_findings(store, clearance, person_id=person_id)
    with store.reading() as conn:
        visible = _visible_events(conn, views, clearance)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    views.sort(key=lambda v: (not v.finding.supported, order.get(v.finding.severity, 9)))
    return [_strip_events(v, visible) for v in views]


def _visible_events(
    conn: Any, views: list[findings.FindingView], clearance: Visibility
) -> set[str]:
    ids = sorted(
        {
            e["event_id"]
            for v in views
            for key in ("events", "pending_review")
            for e in v.finding.details.get(key) or []
            if e.get("event_id")
        }
    )
    if not ids:
        return set()
    shown, _ = redact.events_for(rows.load_events(conn, ids=ids), clearance)
    return {e.id for e in shown}


def visible_finding(
    store: Store, clearance: Visibility, finding_id: str
) -> findings.stored.StoredFinding:
    """One finding, if the reader may see it and its person (else: as for an unknown id)."""
    with store.reading() as conn:
        found = findings.stored.load(conn, ids=[finding_id])
        people = rows.load_persons(conn, [found[0].person_id]) if found else []
    if (
        not found
        or not people
        or not people[0].visibility.visible_to(clearance)
        or not Visibility.parse(found[0].visibility).visible_to(clearance)
    ):
        raise NotFoundError(f"no finding with id '{finding_id}' that you may see")
    return found[0]


def view_finding(store: Store, actor: str, clearance: Visibility, finding_id: str) -> ShownFinding:
    """One finding with the events the reader may see; its read is audited like the list's."""
    found = visible_finding(store, clearance, finding_id)
    with store.transaction(actor) as tx:
        person = rows.load_persons(tx.conn, [found.person_id])[0]
        view = findings.FindingView(found, person.display_name)
        shown = _strip_events(view, _visible_events(tx.conn, [view], clearance))
        if redact.needs_read_audit(Visibility.parse(found.visibility)):
            writes.record_read(tx, "finding", found.id)
    return shown


def set_status(
    store: Store,
    actor: str,
    clearance: Visibility,
    finding_id: str,
    status: str,
    reason: str | None = None,
) -> findings.stored.StoredFinding:
    """Change a finding's status, if the actor may see it (else: as for an unknown id)."""
    visible_finding(store, clearance, finding_id)
    return findings.set_status(store, actor, finding_id, status, reason)
