"""The aggregate report's numbers: each with its definition and the count of sources behind it.

Pure: it takes the records an output may show (already redacted) and counts. In a redacted
report, counts from 1 to the threshold minus one are suppressed (with a second cell hidden
when one alone would be), and so are medians over fewer people than the threshold.

Its words are English messages marked with ``N_``; a :class:`Language` passed in writes them,
the rule titles, the months and the numbers in the reader's language.
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from powtrace.domain.errors import N_
from powtrace.domain.model import Event, Person, ReviewState
from powtrace.domain.vocab import event_types
from powtrace.lifecycle import derive, status_label
from powtrace.reports import charts
from powtrace.reports.language import ENGLISH, Language
from powtrace.reports.redaction import Count, suppress, suppress_one

if TYPE_CHECKING:  # only the shape of a stored finding: reports do not touch the store
    from powtrace.store.findings import StoredFinding

CAPTIVITY = frozenset({"captured", "interned", "hospitalised_in_captivity", "refuses_repatriation"})
PROSECUTION = ("criminal_case_opened", "charged", "convicted", "sentenced")
STAGE_LABELS = {
    "captured": N_("captured"),
    "not_captured": N_("no capture recorded"),
    "exchanged": N_("exchanged / returned"),
    "not_exchanged": N_("not (yet) returned"),
    "isolated": N_("held in post-return isolation"),
    "not_isolated": N_("no isolation recorded"),
}
# The sides as reports.text.SIDES names them, marked for translation.
SIDES = {
    "russia": N_("Russia"),
    "ukraine": N_("Ukraine"),
    "other": N_("other state"),
    "unknown": N_("unknown"),
}
PEOPLE = N_("people")
NO_ARTICLE = N_("article not recorded")
UNDATED = "undated"  # the month key of a finding with no dated event


@dataclass(frozen=True)
class Cell:
    count: Count
    sources: int  # distinct sources cited by the events behind the number


@dataclass
class Table:
    key: str
    title: str
    definition: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    chart: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    redacted: bool
    threshold: int
    persons: Cell
    tables: list[Table]
    as_of: str = ""
    generated_at: str = ""
    language: Language = field(default=ENGLISH, repr=False, compare=False)


class _Tally:
    """People (and the events that put them there) per key."""

    def __init__(self) -> None:
        self.people: dict[object, set[str]] = defaultdict(set)
        self.events: dict[object, list[Event]] = defaultdict(list)

    def add(self, key: object, person: str, events: list[Event]) -> None:
        self.people[key].add(person)
        self.events[key].extend(events)


def _sources(events: list[Event], visible: set[str]) -> int:
    return len({c.source_id for e in events for c in e.citations if c.source_id in visible})


def _cells(
    tally: _Tally, keys: list[object], visible: set[str], threshold: int, redacted: bool
) -> dict[object, Cell]:
    counts = suppress({k: len(tally.people.get(k, ())) for k in keys}, threshold, redacted)
    return {k: Cell(counts[k], _sources(tally.events.get(k, []), visible)) for k in keys}


def _stages(states: set[str], status: str) -> list[str]:
    path = ["captured" if states & CAPTIVITY or "exchanged" in states else "not_captured"]
    if path[0] == "captured":
        path.append("exchanged" if "exchanged" in states else "not_exchanged")
        if path[-1] == "exchanged":
            path.append("isolated" if "post_return_isolation" in states else "not_isolated")
    return [*path, f"status:{status}"]


def _stage(name: str, language: Language) -> str:
    if name.startswith("status:"):
        status = language.text(status_label(name.removeprefix("status:")))
        return language.text(N_("now: %(status)s"), status=status)
    return language.text(STAGE_LABELS[name]) if name in STAGE_LABELS else name


def _isolation_days(events: list[Event], periods) -> int | None:
    for e in events:
        if e.type == "isolated_interrogated":
            stated = e.details.get("duration_days")
            if isinstance(stated, int):
                return stated
            if e.date is not None and e.date.is_range:
                return (e.date.latest - e.date.earliest).days + 1
    for p in periods:
        if p.state == "post_return_isolation" and p.start and p.end:
            return (p.end.earliest - p.start.earliest).days
    return None


_BUCKETS = (
    (13, N_("under 2 weeks")),
    (30, N_("2 weeks to a month")),
    (91, N_("1 to 3 months")),
    (10**9, N_("over 3 months")),
)
NOT_KNOWN = N_("length not known")


def _bucket(days: int | None) -> str:
    if days is None:
        return NOT_KNOWN
    return next(label for limit, label in _BUCKETS if days <= limit)


def _median(values: list[float], threshold: int, redacted: bool, language: Language) -> str:
    if not values:
        return "—"
    if redacted and len(values) < threshold:
        return language.text(N_("not shown (fewer than %(n)s people)"), n=threshold)
    return language.number(statistics.median(values))


def _table(
    key: str,
    title: str,
    definition: str,
    tally: _Tally,
    row_keys: list[object],
    col_keys: list[object],
    labels: tuple[dict, dict],
    visible: set[str],
    threshold: int,
    redacted: bool,
    language: Language,
) -> Table:
    """A table with its words in ``language`` (labels the tables lack are shown as they are)."""
    keys = [(r, c) for r in row_keys for c in col_keys]
    cells = _cells(tally, keys, visible, threshold, redacted)

    def label(table: dict, code: object) -> str:
        return language.text(table[code]) if code in table else str(code)

    rows = [(label(labels[0], r), [cells[(r, c)] for c in col_keys]) for r in row_keys]
    columns = [label(labels[1], c) for c in col_keys]
    return Table(key, language.text(title), language.text(definition), columns, rows)


def compute(
    persons: list[Person],
    events: list[Event],
    findings: list[StoredFinding],
    visible_sources: set[str],
    *,
    threshold: int,
    redacted: bool,
    language: Language = ENGLISH,
) -> Report:
    """Every table of the aggregate report from the records the reader may see, its words in
    ``language`` (English unless given)."""
    mine: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.person_id:
            mine[e.person_id].append(e)
    confirmed = {
        pid: [e for e in evs if e.review is ReviewState.CONFIRMED] for pid, evs in mine.items()
    }
    by_status, flow, isolation, redeploy, prosecution = (_Tally() for _ in range(5))
    isolation_days: list[float] = []
    months_to_combat: list[float] = []
    everyone = _Tally()
    for p in sorted(persons, key=lambda p: p.id):
        evs = confirmed.get(p.id, [])
        life = derive(p.id, evs)
        everyone.add("all", p.id, evs)
        by_status.add((life.status, p.side.value), p.id, evs)
        path = _stages({q.state for q in life.periods}, life.status)
        for a, b in itertools.pairwise(path):
            flow.add(((a, b), "people"), p.id, evs)
        if any(q.state == "post_return_isolation" for q in life.periods):
            iso = [e for e in evs if e.type in ("isolated_interrogated", "handed_over")]
            days = _isolation_days(evs, life.periods)
            explicit = any(e.type == "isolated_interrogated" for e in evs)
            if explicit or days:  # a hand-over straight into hospital is not isolation
                isolation.add((_bucket(days), "people"), p.id, iso)
                if days is not None:
                    isolation_days.append(days)
        exchanges = [e for e in evs if e.type == "exchanged" and e.date]
        if exchanges:
            first = min(exchanges, key=lambda e: e.date.sort_key())
            redeploy.add(("returned", "people"), p.id, [first])
            after = [e for e in evs if e.date and e.date.certainly_after(first.date)]
            combat = [e for e in after if e.type == "redeployed_combat"]
            rear = [e for e in after if e.type in ("assigned_noncombat", "returned_to_unit")]
            if combat:
                redeploy.add(("combat", "people"), p.id, [first, *combat])
                gap = (combat[0].date.earliest - first.date.earliest).days / 30.44
                months_to_combat.append(round(gap, 1))
            if rear:
                redeploy.add(("noncombat", "people"), p.id, [first, *rear])
        for e in evs:
            if e.type in PROSECUTION:
                article = str(e.details.get("article") or NO_ARTICLE)
                prosecution.add((article, e.type), p.id, [e])
    tables = []
    statuses = sorted({k[0] for k in by_status.people}, key=status_label)
    sides = [s for s in SIDES if any(k[1] == s for k in by_status.people)]
    t = _table(
        "status_side",
        N_("People by status and side"),
        N_(
            "Each person the report may show, counted once, by the status derived from their "
            "confirmed events (never typed in) and the state they served. Sources: the distinct "
            "sources cited by the confirmed events of the people in the cell."
        ),
        by_status,
        statuses,
        sides,
        ({s: status_label(s) for s in statuses}, SIDES),
        visible_sources,
        threshold,
        redacted,
        language,
    )
    t.chart = charts.stacked_bars(t.title, t.rows, t.columns)
    tables.append(t)
    transitions = sorted((k[0] for k in flow.people), key=lambda k: (_order(k[0]), _order(k[1]), k))
    steps = {k: f"{_stage(k[0], language)} › {_stage(k[1], language)}" for k in transitions}
    t = _table(
        "flow",
        N_("From capture to outcome"),
        N_(
            "Each person's path through the lifecycle: captured or not, returned in an exchange "
            "or not, held in post-return isolation or not, and their status now. A row counts the "
            "people who took that step. Sources: as above, for the people on the step."
        ),
        flow,
        transitions,
        ["people"],
        ({}, {"people": PEOPLE}),
        visible_sources,
        threshold,
        redacted,
        language,
    )
    t.rows = [(steps[k], cells) for k, (_, cells) in zip(transitions, t.rows, strict=True)]
    t.chart = charts.flow(
        t.title,
        [(k, r[1][0]) for k, r in zip(transitions, t.rows, strict=True)],
        lambda stage: _stage(stage, language),
    )
    tables.append(t)
    buckets = [label for _, label in _BUCKETS] + [NOT_KNOWN]
    buckets = [b for b in buckets if (b, "people") in isolation.people]
    t = _table(
        "isolation",
        N_("Time in post-return isolation"),
        N_(
            "People held in isolation after their return: a confirmed isolation event, or "
            "custody 'post-return isolation' lasting a day or more. By length: the duration the "
            "source states, else the span of the isolation event's dates, else the time until "
            "the next custody change. Sources: the isolation and hand-over events' citations."
        ),
        isolation,
        buckets,
        ["people"],
        ({b: b for b in buckets}, {"people": PEOPLE}),
        visible_sources,
        threshold,
        redacted,
        language,
    )
    median = _median(isolation_days, threshold, redacted, language)
    t.notes.append(language.text(N_("Median length in days: %(median)s."), median=median))
    t.chart = charts.bars(t.title, [(label, r[0]) for label, r in t.rows])
    tables.append(t)
    labels = {
        "returned": N_("returned in an exchange"),
        "combat": N_("sent back to combat after return"),
        "noncombat": N_("back in non-combat service after return"),
    }
    keys = [k for k in labels if (k, "people") in redeploy.people]
    t = _table(
        "redeployment",
        N_("Redeployment after exchange"),
        N_(
            "People with a confirmed exchange, and of them those with a later confirmed "
            "redeployment to combat, or assignment to non-combat service or their unit. "
            "Sources: the exchange and redeployment events' citations."
        ),
        redeploy,
        keys,
        ["people"],
        (labels, {"people": PEOPLE}),
        visible_sources,
        threshold,
        redacted,
        language,
    )
    median = _median(months_to_combat, threshold, redacted, language)
    t.notes.append(
        language.text(N_("Median months from exchange to combat: %(median)s."), median=median)
    )
    t.chart = charts.bars(t.title, [(label, r[0]) for label, r in t.rows])
    tables.append(t)
    articles = sorted({k[0] for k in prosecution.people})
    types = event_types()
    t = _table(
        "prosecution",
        N_("Prosecutions by article"),
        N_(
            "People with a confirmed criminal-case event, by the article of the criminal code "
            "the event names and the stage reached. A person is counted once per article and "
            "stage. Sources: the prosecution events' citations."
        ),
        prosecution,
        articles,
        list(PROSECUTION),
        ({NO_ARTICLE: NO_ARTICLE}, {k: types[k].label for k in PROSECUTION}),
        visible_sources,
        threshold,
        redacted,
        language,
    )
    t.chart = charts.bars(
        t.title,
        [
            (f"{label} — {column}", cell)
            for label, cells in t.rows
            for column, cell in zip(t.columns, cells, strict=True)
            if cell.count.value != 0
        ],
    )
    tables.append(t)
    tables.append(_findings_table(findings, events, visible_sources, threshold, redacted, language))
    total = suppress_one(len(persons), threshold, redacted)
    cell = Cell(total, _sources(events, visible_sources))
    return Report(redacted, threshold, cell, tables, language=language)


def _order(stage: str) -> int:
    order = ["not_captured", "captured", "exchanged", "not_exchanged", "isolated", "not_isolated"]
    return order.index(stage) if stage in order else len(order)


def _findings_table(
    findings: list[StoredFinding],
    events: list[Event],
    visible: set[str],
    threshold: int,
    redacted: bool,
    language: Language,
) -> Table:
    by_id = {e.id: e for e in events}
    tally = _Tally()
    titles: dict[str, str] = {}
    firsts: dict[str, date | None] = {}  # a month's key -> a day in it, to name it
    for f in findings:
        if not f.supported:
            continue
        refs = [by_id[e["event_id"]] for e in f.details.get("events", []) if e["event_id"] in by_id]
        dated = sorted(e.date.sort_key() for e in refs if e.date)
        month = dated[0][0].strftime("%Y-%m") if dated else UNDATED
        firsts[month] = dated[0][0] if dated else None
        stored = str(f.details.get("title", f.rule_id))
        titles[f.rule_id] = language.rule_title(f.rule_id, stored)
        tally.add((f.rule_id, month), f.id, refs)

    def when(month: str) -> str:
        first = firsts[month]
        return language.month(first) if first else language.text(N_("undated"))

    keys = sorted(tally.people, key=lambda k: (titles[k[0]], k[1]))
    counts = suppress({k: len(tally.people[k]) for k in keys}, threshold, redacted)
    rows = [
        (f"{titles[k[0]]} — {when(k[1])}", [Cell(counts[k], _sources(tally.events[k], visible))])
        for k in keys
    ]
    months: dict[str, int] = defaultdict(int)
    for k in keys:
        months[k[1]] += len(tally.people[k])
    month_counts = suppress(dict(months), threshold, redacted)
    t = Table(
        "findings",
        language.text(N_("Findings by rule and month")),
        language.text(
            N_(
                "Findings the facts still support, by rule and by the month of the earliest "
                "dated event the finding rests on. Each finding is one rule holding for one "
                "person. Sources: the citations of the events each finding rests on."
            )
        ),
        [language.text(N_("findings"))],
        rows,
    )
    t.chart = charts.bars(
        language.text(N_("Findings by month")),
        [(when(m), Cell(month_counts[m], 0)) for m in sorted(months)],
    )
    return t
