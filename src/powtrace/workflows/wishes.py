"""Refusals of repatriation and requests to stay out of an exchange (GC III Art. 109(3)).

A person's own wish, or a relative's request, is recorded as a sealed, confirmed event that
cites the words it rests on. Such a record is refused unless it has a date, a source and the
consent to act on it. When a list being linked names a person with such a record, the link
raises a blocking alert for those who may see sealed records, and records the listing, so the
rules `repatriation_against_will` and `refoulement_risk` turn it into a finding with its own
status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Citation, Event, ReviewState, Source, SourceKind
from powtrace.domain.visibility import Visibility
from powtrace.store import rows, writes
from powtrace.store.store import Store
from powtrace.workflows import findings, registry
from powtrace.workflows.linking import LinkRun

WISH_TYPES = ("refused_repatriation", "exclusion_requested_by_relative")


@dataclass
class Wish:
    """What a lawyer records: whose wish, what it is, how it was obtained, and the consent."""

    person_id: str
    date: PartialDate | None
    source_id: str | None
    excerpt: str | None
    consent: bool | None
    obtained_via: str | None
    wish: str = "refuses_repatriation"
    from_relative: bool = False
    expressed_by: str | None = None  # who said it (the person, or the relative's name)
    relationship: str | None = None
    risks: str | None = None
    medical_state: str | None = None
    credibility: int = 2


def _missing(w: Wish) -> list[str]:
    missing = []
    if w.date is None:
        missing.append("the date it was expressed")
    if not w.source_id or not w.excerpt:
        missing.append("the source and the exact words (--source, --excerpt)")
    if w.consent is not True:
        missing.append("the consent to act on it")
    if not w.obtained_via:
        missing.append("how it was obtained (ICRC interview, lawyer, letter, video, other)")
    if w.from_relative and not w.expressed_by:
        missing.append("the relative who asked")
    return missing


def record_wish(store: Store, actor: str, w: Wish) -> Event:
    """Record a refusal or a relative's request as a sealed, confirmed, cited event."""
    missing = _missing(w)
    if missing:
        raise ValidationError("not recorded, it lacks " + "; ".join(missing))
    assert w.source_id and w.excerpt
    start, end = registry.cite_excerpt(store, w.source_id, w.excerpt)
    details: dict[str, Any] = {
        "obtained_via": w.obtained_via,
        "consent": True,
        "risks": w.risks,
        "medical_state": w.medical_state,
    }
    if w.from_relative:
        kind = "exclusion_requested_by_relative"
        details |= {"relative": w.expressed_by, "relationship": w.relationship}
    else:
        kind = "refused_repatriation"
        details |= {"wish": w.wish, "expressed_by": w.expressed_by}
    event = Event(
        kind,
        w.person_id,
        date=w.date,
        review=ReviewState.CONFIRMED,
        details={k: v for k, v in details.items() if v is not None},
        citations=[Citation(w.source_id, start, end, w.excerpt, w.credibility)],
        visibility=Visibility.SEALED,
    )
    return registry.add_event(store, actor, event)


@dataclass
class Alert:
    """A list row that names a person with a recorded refusal or request."""

    row_id: str
    person_id: str
    person_name: str
    wish_type: str
    wish: str
    date: str | None
    legal_basis: str = "GC III Art. 109(3); ICRC 2020 Commentary on Art. 118 (non-refoulement)"


def alerts_for(store: Store, run: LinkRun) -> list[Alert]:
    """Rows linked, or up for review, to a person who refused repatriation or whose family
    asked to keep him out of an exchange."""
    matched = {r.matched_id: r for r in run.results if r.matched_id}
    out = []
    with store.reading() as conn:
        for person_id, result in matched.items():
            for e in rows.load_events(conn, person_id=person_id):
                if e.type in WISH_TYPES and e.review is ReviewState.CONFIRMED:
                    out.append(
                        Alert(
                            result.row_id,
                            person_id,
                            run.people[person_id].display_name,
                            e.type,
                            str(e.details.get("wish", "kept out of the exchange")),
                            str(e.date) if e.date else None,
                        )
                    )
    return out


def record_listing(
    store: Store,
    actor: str,
    run: LinkRun,
    list_bytes: bytes,
    list_name: str,
    person_rows: dict[str, str],
    listed_on: PartialDate | None = None,
    sealed: set[str] | frozenset[str] = frozenset(),
) -> Source:
    """Keep the list as a source and record each given person as named on it, citing the row.

    ``person_rows`` maps person id to row id; ``listed_on`` is the list's date (default:
    today). A listing already recorded is not recorded again. Findings are refreshed in the
    same transaction. Persons in ``sealed`` are listed only because of a sealed wish (not as
    one of every linked row): their listing is sealed too, or its mere existence would tell a
    reader below sealed clearance that a wish is on record.
    """
    when = listed_on or PartialDate.from_date(date.today())
    text = list_bytes.decode("utf-8-sig", errors="replace")
    source = Source(
        title=f"Exchange list {list_name}",
        content=list_bytes,
        text=text,
        kind=SourceKind.EXCHANGE_LIST,
        media_type="text/csv",
        filename=list_name,
        reliability="C",
    )
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    with store.transaction(actor) as tx:
        kept, _ = writes.add_source(tx, source)
        for person_id, row_id in sorted(person_rows.items()):
            details = {"list": run.scheme, "row": row_id}
            if any(
                e.type == "listed_for_exchange" and e.details == details
                for e in rows.load_events(tx.conn, person_id=person_id)
            ):
                continue
            row = run.row(row_id)
            start = offsets[row.line - 1]
            excerpt = lines[row.line - 1].rstrip("\r\n")
            event = Event(
                "listed_for_exchange",
                person_id,
                date=when,
                visibility=Visibility.SEALED if person_id in sealed else None,
                review=ReviewState.CONFIRMED,
                details=details,
                citations=[Citation(kept.id, start, start + len(excerpt), excerpt, 2)],
            )
            writes.add_event(tx, event)
            findings.refresh_person(tx, person_id, f"named on list {run.scheme}, row {row_id}")
    return kept
