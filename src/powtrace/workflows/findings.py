"""Legal findings: evaluate the rules over persons' timelines and keep the results current.

Rules are evaluated on every event the store holds for a person (the lifecycle counts only
confirmed ones; pending ones are named so a lawyer sees what would strengthen a finding), as
of today unless told otherwise. Whoever may read a finding sees it; a finding drawn from
sealed events is itself sealed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import sqlalchemy as sa

from powtrace.domain.visibility import Visibility
from powtrace.lifecycle import derive
from powtrace.rules import Catalogue, Finding, evaluate, load_catalogue
from powtrace.store import findings as stored
from powtrace.store import rows, writes
from powtrace.store.schema import persons
from powtrace.store.store import Store, Tx


@cache
def catalogue() -> Catalogue:
    """The shipped rule catalogue, loaded once per process."""
    return load_catalogue()


def computed(f: Finding) -> stored.Computed:
    details = f.as_dict()
    details.pop("as_of", None)  # the evaluation day is not a fact about the person
    return stored.Computed(f.fingerprint, f.rule_id, f.certainty.value, f.severity.value, details)


def refresh_person(tx: Tx, person_id: str, cause: str, as_of: date | None = None) -> dict:
    """Evaluate every rule for one person inside ``tx`` and store the result."""
    person = writes.get_person(tx.conn, person_id)
    if person.merged_into:
        return {"new": 0, "changed": 0, "unsupported": 0}
    events = rows.load_events(tx.conn, person_id=person_id)
    lifecycle = derive(person_id, events)
    found = evaluate(catalogue(), lifecycle, person, events, as_of or date.today())
    return stored.refresh(tx, person_id, [computed(f) for f in found], cause)


def refresh(
    store: Store, actor: str, person_ids: Iterable[str], cause: str, as_of: date | None = None
) -> dict[str, int]:
    """Re-evaluate the given persons (after their events changed), one transaction."""
    total = {"new": 0, "changed": 0, "unsupported": 0}
    with store.transaction(actor) as tx:
        for pid in sorted(set(person_ids)):
            for key, n in refresh_person(tx, pid, cause, as_of).items():
                total[key] += n
    return total


def refresh_all(
    store: Store,
    actor: str,
    *,
    as_of: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 200,
) -> dict[str, int]:
    """Re-evaluate everyone, in batches (each its own transaction, so a crash loses one)."""
    with store.reading() as conn:
        ids = list(
            conn.execute(
                sa.select(persons.c.id)
                .where(persons.c.merged_into.is_(None))
                .order_by(persons.c.id)
            ).scalars()
        )
    total = {"new": 0, "changed": 0, "unsupported": 0}
    for start in range(0, len(ids), batch):
        part = refresh(store, actor, ids[start : start + batch], "a full re-evaluation", as_of)
        for key, n in part.items():
            total[key] += n
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return total


@dataclass
class FindingView:
    finding: stored.StoredFinding
    person_name: str


def list_findings(
    store: Store,
    clearance: Visibility,
    *,
    person_id: str | None = None,
    rule_id: str | None = None,
    include_unsupported: bool = True,
) -> list[FindingView]:
    """Findings the reader may see, with the person's name."""
    with store.reading() as conn:
        found = stored.load(conn, person_id=person_id, rule_id=rule_id)
        people = {p.id: p for p in rows.load_persons(conn, sorted({f.person_id for f in found}))}
    out = []
    for f in found:
        person = people[f.person_id]
        if not person.visibility.visible_to(clearance):
            continue
        if not Visibility.parse(f.visibility).visible_to(clearance):
            continue
        if f.supported or include_unsupported:
            out.append(FindingView(f, person.display_name))
    return out


def set_status(
    store: Store, actor: str, finding_id: str, status: str, reason: str | None = None
) -> stored.StoredFinding:
    """Acknowledge, act on, reopen or dismiss (with a reason) a finding."""
    with store.transaction(actor) as tx:
        return stored.set_status(tx, finding_id, status, reason)
