"""Reviewing an imported list against the registry: each row's best candidate, and judgements.

Each row of a list was imported as a person carrying the row's external id. Here every such
row is linked (``powtrace.linkage``) against the rest of the registry the reader may see: the
best candidate, its probability, the decision (link, review, new) and the per-field weights a
reviewer reads. A reviewer's judgement is recorded (and reused by every later linking); "same
person" also merges the row's record into the candidate's, undoably.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from powtrace.domain.errors import NotFoundError, ValidationError
from powtrace.domain.model import Person
from powtrace.domain.visibility import Visibility
from powtrace.linkage import FieldWeight, Index, Model, link, record_from_person
from powtrace.store import judgements, merges, rows
from powtrace.store.judgements import Decision
from powtrace.store.store import Store
from powtrace.workflows import findings, redact


@dataclass
class RowMatch:
    """One list row (as the person it was imported as) and its best registry candidate."""

    person_id: str
    row_id: str
    name: str
    candidate_id: str | None
    candidate_name: str | None
    probability: float
    decision: str  # link | review | new
    weights: list[FieldWeight] = field(default_factory=list)
    judged: str | None = None  # a judgement already recorded for this pair


@dataclass
class ListMatches:
    scheme: str
    rows: list[RowMatch]
    settled: int  # rows judged the same as a registry person (and merged into them)
    total: int  # rows still open


def _visible(people: list[Person], clearance: Visibility) -> list[Person]:
    return [
        p
        for p in people
        if p.merged_into is None and redact.person_for(p, clearance)[0] is not None
    ]


def schemes(store: Store, clearance: Visibility) -> Counter[str]:
    """Imported lists (``list:…`` schemes) with the rows the reader may see."""
    with store.reading() as conn:
        people = _visible(rows.load_persons(conn), clearance)
    return Counter(x.scheme for p in people for x in p.external_ids if x.scheme.startswith("list:"))


def matches(
    store: Store, clearance: Visibility, scheme: str, *, offset: int = 0, limit: int = 100
) -> ListMatches:
    """The rows of a list with their best candidate among everyone else the reader may see.

    A row judged the same as a registry person is settled (and merged): it is counted, not
    listed again.
    """
    with store.reading() as conn:
        everyone = rows.load_persons(conn)
        judged = judgements.all_judgements(conn)
    decided = {(j.left_ref, j.right_ref): j.decision.value for j in judged}
    settled = {
        ref
        for j in judged
        if j.decision is Decision.SAME
        for ref in (j.left_ref, j.right_ref)
        if ref.startswith(f"ext:{scheme}:")
    }
    visible = _visible(everyone, clearance)
    row_of = {p.id: x.value for p in visible for x in p.external_ids if x.scheme == scheme}
    if not row_of:
        raise NotFoundError(f"no list '{scheme}' that you may see")
    ref_of = {pid: judgements.external_ref(scheme, value) for pid, value in row_of.items()}
    open_rows = [p for p in visible if p.id in row_of and ref_of[p.id] not in settled]
    open_ids = {p.id for p in open_rows}
    registry = [p for p in visible if p.id not in open_ids]
    names = {p.id: p.display_name for p in registry}
    index = Index.build(record_from_person(p) for p in registry)
    page = sorted(open_rows, key=lambda p: _row_order(row_of[p.id]))[offset : offset + limit]
    records = [replace(record_from_person(p), ref=ref_of[p.id]) for p in page]
    out = []
    for p, r in zip(page, link(records, index, Model(), decided), strict=True):
        best = r.matched_id  # None when the model finds no likely match ("new")
        weights = list(r.explanation.weights) if r.explanation and best else []
        pair = tuple(sorted((ref_of[p.id], judgements.person_ref(best)))) if best else ()
        out.append(
            RowMatch(
                p.id,
                row_of[p.id],
                p.display_name,
                best,
                names.get(best) if best else None,
                r.score,
                r.decision,
                weights,
                decided.get(pair),  # type: ignore[arg-type]
            )
        )
    return ListMatches(scheme, out, len(row_of) - len(open_rows), len(open_rows))


def _row_order(row_id: str) -> tuple[int, str]:
    return (int(row_id), "") if row_id.isdigit() else (1 << 62, row_id)


def judge(
    store: Store,
    actor: str,
    clearance: Visibility,
    scheme: str,
    row_id: str,
    candidate_id: str,
    decision: str,
    note: str | None = None,
) -> str | None:
    """Record a judgement on (row, candidate); "same" also merges the row into the candidate.

    Returns the merge id when a merge was made.
    """
    try:
        decision = Decision(decision).value
    except ValueError:
        raise ValidationError(f"unknown judgement '{decision}'") from None
    with store.transaction(actor) as tx:
        people = {p.id: p for p in rows.load_persons(tx.conn)}
        row_person = next(
            (
                p
                for p in people.values()
                if any(x.scheme == scheme and x.value == row_id for x in p.external_ids)
            ),
            None,
        )
        candidate = people.get(candidate_id)
        for p in (row_person, candidate):
            if p is None or redact.person_for(p, clearance)[0] is None:
                raise NotFoundError("no such row or person that you may see")
        assert row_person is not None and candidate is not None
        ref = judgements.external_ref(scheme, row_id)
        judgements.record(tx, ref, judgements.person_ref(candidate.id), decision, note)
        if decision != Decision.SAME or row_person.id == candidate.id:
            return None
        if candidate.merged_into:
            raise ValidationError(f"person {candidate.id} was merged into {candidate.merged_into}")
        merge_id = merges.merge_persons(tx, candidate.id, row_person.id)
        findings.refresh_person(tx, candidate.id, f"list row {row_id} merged ({merge_id})")
        return merge_id
