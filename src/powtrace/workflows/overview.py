"""What the dashboard shows: counts over the registry at a reader's clearance, and activity.

Counts are derived from the records the reader may see, so a viewer's numbers never reveal a
restricted or sealed record. They name no one, so computing them is not audited as a read.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Event, Person, ReviewState
from powtrace.domain.visibility import Visibility
from powtrace.lifecycle import derive
from powtrace.store import rows, writes
from powtrace.store.schema import audit_log, events, persons
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


Span = tuple[PartialDate | None, PartialDate | None]


def _days(span: Span) -> tuple[int, bool] | None:
    """How long a period lasted (middle of its date bounds), whether it goes on; None: undated."""
    start, end = span
    if start is None:
        return None
    last = _middle(end) if end is not None else datetime.now(UTC).date()
    return max(0, (last - _middle(start)).days), end is None


@dataclass(frozen=True)
class Summary:
    """What the dashboard needs of one person at one clearance."""

    visible: bool
    status: str = ""
    side: str = ""
    states: frozenset[str] = frozenset()
    isolation: tuple[Span, ...] = ()
    exchanges: tuple[Event, ...] = ()  # confirmed exchanges, as the reader may see them


def _visible(person: Person, clearance: Visibility) -> bool:
    return person.merged_into is None and person.visibility.visible_to(clearance)


def summarise(person: Person, events: list[Event], clearance: Visibility) -> Summary:
    """One person's lifecycle as ``clearance`` may see it, reduced to what the counts need."""
    if not _visible(person, clearance):
        return Summary(False)
    shown, _ = redact.events_for(events, clearance)
    life = derive(person.id, shown)
    isolation = tuple((p.start, p.end) for p in life.periods if p.state in ISOLATION)
    states = frozenset(p.state for p in life.periods)
    exchanges = tuple(_exchanges(shown))
    return Summary(True, life.status, person.side.value, states, isolation, exchanges)


def _exchanges(shown: list[Event]) -> list[Event]:
    return [e for e in shown if e.type == "exchanged" and e.review is ReviewState.CONFIRMED]


Stamp = tuple[Any, ...]


class SummaryCache:
    """Each person's summary per clearance, kept with a stamp of the rows it was derived from.

    Deriving every lifecycle takes seconds at 100,000 persons, and the dashboard would do it on
    every visit. The stamp (the person's version and update time, and the count, summed
    versions and latest update of their events) is read with one grouped query, so only the
    persons whose rows changed since the last visit are loaded and derived again. The stamp is
    read from the data itself, so every writer (imports, merges, a restore, another worker
    process) invalidates the summaries it touches without telling anyone. Memory only: this
    is derived, never stored, never shown as a record.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, Visibility], dict[str, tuple[Stamp, Summary]]] = {}

    @staticmethod
    def _stamps(conn: sa.Connection) -> dict[str, Stamp]:
        per_person = (
            sa.select(
                events.c.person_id,
                sa.func.count().label("n"),
                sa.func.sum(events.c.version).label("versions"),
                sa.func.max(events.c.updated_at).label("at"),
            )
            .where(events.c.person_id.is_not(None))
            .group_by(events.c.person_id)
            .subquery()
        )
        q = sa.select(
            persons.c.id,
            persons.c.version,
            persons.c.updated_at,
            per_person.c.n,
            per_person.c.versions,
            per_person.c.at,
        ).outerjoin(per_person, per_person.c.person_id == persons.c.id)
        return {r[0]: tuple(r[1:]) for r in conn.execute(q)}

    def summaries(self, store: Store, clearance: Visibility) -> list[Summary]:
        """Every person's current summary at ``clearance``."""
        key = (str(store.engine.url), clearance)
        with store.reading() as conn:
            stamps = self._stamps(conn)
            with self._lock:
                known = dict(self._entries.get(key, {}))
            stale = [pid for pid, stamp in stamps.items() if known.get(pid, (None,))[0] != stamp]
            for start in range(0, len(stale), 500):
                chunk = stale[start : start + 500]
                mine: dict[str, list[Event]] = {}
                for e in rows.load_events(conn, person_ids=chunk):
                    mine.setdefault(e.person_id or "", []).append(e)
                for person in rows.load_persons(conn, chunk):
                    summary = summarise(person, mine.get(person.id, []), clearance)
                    known[person.id] = (stamps[person.id], summary)
        current = {pid: known[pid] for pid in stamps if pid in known}
        with self._lock:
            self._entries[key] = current
        return [summary for _, summary in current.values()]


CACHE = SummaryCache()


def overview(store: Store, clearance: Visibility, recent: int = 5) -> Overview:
    """People by status and side, the capture→outcome flow, recent exchanges."""
    out = Overview()
    groups: dict[tuple[str, str], Exchange] = {}
    mine: list[Event] = []  # each visible person's own exchanges
    for s in CACHE.summaries(store, clearance):
        if not s.visible:
            continue
        mine += s.exchanges
        out.persons += 1
        out.by_status_side[(s.status, s.side)] += 1
        out.isolation += [d for d in map(_days, s.isolation) if d is not None]
        for a, b in itertools.pairwise(_stages(set(s.states), s.status)):
            out.flow[(a, b)] += 1
    whole_groups = sa.select(events.c.id).where(
        events.c.type == "exchanged", events.c.person_id.is_(None)
    )
    with store.reading() as conn:  # exchanges of whole groups, not of one person
        ids = list(conn.execute(whole_groups).scalars())
        shown, _ = redact.events_for(rows.load_events(conn, ids=ids), clearance)
    for e in [*_exchanges(shown), *mine]:
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


def audit_entries(
    store: Store, limit: int = 50, before: int | None = None, record: str | None = None
) -> list[AuditRow]:
    """The newest audit entries (who, when, what), before sequence number ``before``.

    With ``record`` (an id), only the entries about that record: its changes, its reads, and
    the name searches and list pages that showed it (they list what they showed, see
    ``writes.record_shown``), so an administrator can answer "who has seen this person".
    """
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
    if record is not None:
        shown = sa.and_(
            audit_log.c.entity.in_(writes.SHOWN_BY),
            audit_log.c.entity_id == "persons",  # indexed: the LIKE reads search entries only
            audit_log.c.after.contains(json.dumps(record), autoescape=True),
        )
        q = q.where(sa.or_(audit_log.c.entity_id == record, shown))
    with store.reading() as conn:
        return [AuditRow(*r) for r in conn.execute(q.limit(limit))]
