"""What the dashboard shows: counts over the registry at a reader's clearance, and activity.

Counts are derived from the records the reader may see, so a viewer's numbers never reveal a
restricted or sealed record. They name no one, so computing them is not audited as a read.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import ReviewState
from powtrace.domain.visibility import Visibility
from powtrace.lifecycle import CustodyPeriod, derive
from powtrace.store import rows
from powtrace.store.schema import audit_log
from powtrace.store.store import Store
from powtrace.workflows import redact

CAPTIVITY = frozenset({"captured", "interned", "hospitalised_in_captivity", "refuses_repatriation"})
RETURNED = frozenset({"exchanged"})
ISOLATION = frozenset({"post_return_isolation"})


@dataclass
class Exchange:
    """One exchange date and place, with how many people the reader may see in it."""

    date: PartialDate | None
    place: str | None
    persons: int
    group_size: int | None


@dataclass
class Overview:
    persons: int = 0
    by_status_side: Counter[tuple[str, str]] = field(default_factory=Counter)
    flow: Counter[tuple[str, str]] = field(default_factory=Counter)  # (stage, next stage)
    exchanges: list[Exchange] = field(default_factory=list)
    isolation: list[tuple[int, bool]] = field(default_factory=list)  # (days, still isolated)


def _stages(states: set[str], status: str) -> list[str]:
    """The path a person took: capture → exchange → isolation → where they are now."""
    path = ["captured" if states & CAPTIVITY or states & RETURNED else "not_captured"]
    if path[0] == "not_captured":
        return [*path, f"status:{status}"]
    path.append("exchanged" if states & RETURNED else "not_exchanged")
    if path[-1] == "exchanged":
        path.append("isolated" if states & ISOLATION else "not_isolated")
    return [*path, f"status:{status}"]


def _middle(d: PartialDate) -> date:
    return d.earliest + (d.latest - d.earliest) / 2


def _days(period: CustodyPeriod) -> tuple[int, bool] | None:
    """How long a period lasted (middle of its date bounds), whether it goes on; None: undated."""
    if period.start is None:
        return None
    end = _middle(period.end) if period.end is not None else datetime.now(UTC).date()
    return max(0, (end - _middle(period.start)).days), period.end is None


def overview(store: Store, clearance: Visibility, recent: int = 5) -> Overview:
    """People by status and side, the capture→outcome flow, recent exchanges."""
    out = Overview()
    with store.reading() as conn:
        people = rows.load_persons(conn)
        events = rows.load_events(conn)
    visible = {
        p.id: p
        for p in people
        if p.merged_into is None and redact.person_for(p, clearance)[0] is not None
    }
    shown, _ = redact.events_for(events, clearance)
    mine: dict[str, list] = {}
    for e in shown:
        if e.person_id in visible:
            mine.setdefault(e.person_id, []).append(e)
    for pid, person in visible.items():
        life = derive(pid, mine.get(pid, []))
        out.persons += 1
        out.by_status_side[(life.status, person.side.value)] += 1
        spans = (_days(p) for p in life.periods if p.state in ISOLATION)
        out.isolation += [s for s in spans if s is not None]
        path = _stages({p.state for p in life.periods}, life.status)
        for a, b in itertools.pairwise(path):
            out.flow[(a, b)] += 1
    groups: dict[tuple[str, str], Exchange] = {}
    for e in shown:
        if e.type != "exchanged" or e.review is not ReviewState.CONFIRMED:
            continue
        if e.person_id is not None and e.person_id not in visible:
            continue
        key = (str(e.date or ""), e.place or "")
        row = groups.setdefault(key, Exchange(e.date, e.place, 0, None))
        if e.person_id is not None:
            row.persons += 1
        if e.group_size:
            row.group_size = max(row.group_size or 0, e.group_size)
    out.exchanges = sorted(
        groups.values(),
        key=lambda x: x.date.sort_key() if x.date else (datetime.min.date(),) * 2,
        reverse=True,
    )[:recent]
    return out


@dataclass
class AuditRow:
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str


def activity(store: Store, days: int = 14) -> list[tuple[str, int, int]]:
    """Per day of the last ``days``: (day, changes, audited reads), oldest first."""
    today = datetime.now(UTC).date()
    first = today - timedelta(days=days - 1)
    counts = {first + timedelta(days=i): [0, 0] for i in range(days)}
    q = sa.select(audit_log.c.at, audit_log.c.action).where(audit_log.c.at >= first.isoformat())
    with store.reading() as conn:
        for at, action in conn.execute(q):
            day = datetime.fromisoformat(at).date()
            if day in counts:
                counts[day][1 if action == "read" else 0] += 1
    return [(d.isoformat(), c[0], c[1]) for d, c in sorted(counts.items())]


def audit_entries(store: Store, limit: int = 50, before: int | None = None) -> list[AuditRow]:
    """The newest audit entries (who, when, what), before sequence number ``before``."""
    q = sa.select(
        audit_log.c.seq,
        audit_log.c.at,
        audit_log.c.actor,
        audit_log.c.action,
        audit_log.c.entity,
        audit_log.c.entity_id,
    ).order_by(audit_log.c.seq.desc())
    if before is not None:
        q = q.where(audit_log.c.seq < before)
    with store.reading() as conn:
        return [AuditRow(*r) for r in conn.execute(q.limit(limit))]
