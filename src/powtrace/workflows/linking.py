"""Linking a list against the registry: link, review or new for every row, with the reasons.

The registry's persons are indexed, the match model is fitted to this list and this registry
(unsupervised EM, then corrected by every judgement on record), and each row gets its best
candidate, a probability and a decision. Recorded judgements override the model, so a
question a reviewer answered is never asked again.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from powtrace.domain.errors import PowtraceError
from powtrace.domain.model import Person
from powtrace.intake.lists import ListFile, ListRow, RowError, read_list
from powtrace.linkage import Index, LinkResult, Model, Record, link, record_from_person
from powtrace.linkage import record_from_row as linkage_row
from powtrace.store import judgements as judged
from powtrace.store import rows, writes
from powtrace.store.schema import persons
from powtrace.store.store import Store
from powtrace.workflows.lists import default_scheme

DECISIONS_HEADER = ("row_id", "external_id", "score", "decision")
MIN_EM_REGISTRY = 1000
MIN_EM_QUERIES = 100


@dataclass
class LinkRun:
    scheme: str
    listed: ListFile
    results: list[LinkResult]
    people: dict[str, Person]
    records: dict[str, Record]  # row id -> the row as linkage saw it
    errors: list[RowError] = field(default_factory=list)

    def row(self, row_id: str) -> ListRow:
        return next(r for r in self.listed.rows if r.row_id == row_id)


def registry_records(conn: sa.Connection) -> dict[str, Person]:
    """Every person who is not merged into another, by id."""
    ids = list(
        conn.execute(sa.select(persons.c.id).where(persons.c.merged_into.is_(None))).scalars()
    )
    return {p.id: p for p in rows.load_persons(conn, ids)}


def _labelled(
    decisions: dict[tuple[str, str], str], by_ref: dict[str, Record]
) -> list[tuple[Record, Record, str]]:
    """Judged pairs whose two records are both at hand, as training labels for the model."""
    out = []
    for (a, b), decision in decisions.items():
        if decision in {"same", "not_same"} and a in by_ref and b in by_ref:
            out.append((by_ref[a], by_ref[b], decision))
    return out


def link_list(store: Store, listed: ListFile, *, scheme: str, as_of: date | None = None) -> LinkRun:
    """Decide for every good row of a list: link to a person, review, or new."""
    errors = list(listed.errors)
    records: dict[str, Record] = {}
    for row in listed.rows:
        try:
            records[row.row_id] = linkage_row(row, as_of=as_of, scheme=scheme)
        except PowtraceError as exc:
            errors.append(RowError(row.line, None, str(exc)))
    with store.reading() as conn:
        people = registry_records(conn)
        decisions = {
            (j.left_ref, j.right_ref): j.decision.value for j in judged.all_judgements(conn)
        }
    registry = [record_from_person(p) for p in people.values()]
    index = Index.build(registry)
    queries = list(records.values())
    # EM needs many blocked pairs to tell matches from namesakes; on a small registry or a
    # short list its estimates are noise, and the shipped priors decide better.
    enough = len(registry) >= MIN_EM_REGISTRY and len(queries) >= MIN_EM_QUERIES
    model = Model.fit(queries, index) if enough else Model()
    labels = _labelled(decisions, {r.key: r for r in [*registry, *queries]})
    if labels:
        model = Model.from_judgements(labels, base=model)
    results = link(queries, index, model, decisions)
    return LinkRun(scheme, listed, results, people, records, errors)


def link_file(
    store: Store,
    path: Path,
    *,
    mapping: dict[str, str] | None = None,
    encoding: str = "utf-8-sig",
    scheme: str | None = None,
    as_of: date | None = None,
) -> LinkRun:
    """Read a CSV list and link it (nothing is written to the store)."""
    listed = read_list(path, mapping=mapping, encoding=encoding)
    return link_list(store, listed, scheme=scheme or default_scheme(path), as_of=as_of)


def external_id_of(person: Person) -> str:
    """The id a list's owner knows the person by: the first external id, else powtrace's id."""
    return person.external_ids[0].value if person.external_ids else person.id


def decisions_csv(run: LinkRun) -> str:
    """``row_id,external_id,score,decision`` for every linked row, in the list's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DECISIONS_HEADER)
    for r in run.results:
        person = run.people.get(r.matched_id or "")
        writer.writerow(
            [r.row_id, external_id_of(person) if person else "", f"{r.score:.4f}", r.decision]
        )
    return out.getvalue()


def judge(
    store: Store, actor: str, row_ref: str, person_id: str, decision: str, note: str | None = None
) -> judged.Judgement:
    """Record a reviewer's answer on a row and a person; later runs reuse it."""
    with store.transaction(actor) as tx:
        writes.get_person(tx.conn, person_id)  # an unknown id is an error, not a judgement
        return judged.record(tx, row_ref, judged.person_ref(person_id), decision, note)
