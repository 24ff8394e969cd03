"""Merging two person records into one, keeping every name form, event and citation, undoably.

The absorbed record is never deleted: it stays with ``merged_into`` pointing at the person it
joined, so links to it still resolve and the merge can be undone. The merge row records what
moved (name forms, external ids, events), and undo moves exactly that back.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from powtrace.domain.codec import name_form_to_dict
from powtrace.domain.errors import ConflictError, NotFoundError, ValidationError
from powtrace.domain.model import ExternalId, NameForm, new_id
from powtrace.store import rows, writes
from powtrace.store.schema import merges
from powtrace.store.store import Tx


def _snapshot(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("winner_id", "loser_id", "moved", "undone_at", "undone_by")}


def merge_persons(tx: Tx, winner_id: str, loser_id: str) -> str:
    """Merge ``loser_id`` into ``winner_id``; returns the merge id for undo."""
    if winner_id == loser_id:
        raise ValidationError(f"cannot merge {winner_id} with itself")
    winner = writes.get_person(tx.conn, winner_id)
    loser = writes.get_person(tx.conn, loser_id)
    for p in (winner, loser):
        if p.merged_into:
            raise ConflictError(f"person {p.id} was already merged into {p.merged_into}")
    known = {(f.text, f.kind) for f in winner.name_forms}
    added = [f for f in loser.name_forms if (f.text, f.kind) not in known]
    moved_ids = list(loser.external_ids)
    event_ids = [e.id for e in rows.load_events(tx.conn, person_id=loser_id)]

    loser.external_ids = []  # free the ids before the winner takes them
    writes.update_person(tx, loser)
    winner.name_forms += added
    winner.external_ids += moved_ids
    writes.update_person(tx, winner)
    for event in rows.load_events(tx.conn, ids=event_ids):
        event.person_id = winner_id
        writes.update_event(tx, event)
    loser.merged_into = winner_id
    writes.update_person(tx, loser)

    merge_id = new_id("m")
    values = {
        "winner_id": winner_id,
        "loser_id": loser_id,
        "moved": {
            "name_forms": [name_form_to_dict(f) for f in added],
            "external_ids": [{"scheme": x.scheme, "value": x.value} for x in moved_ids],
            "events": event_ids,
        },
        "undone_at": None,
        "undone_by": None,
    }
    tx.conn.execute(merges.insert().values(id=merge_id, actor=tx.actor, at=tx.at, **values))
    tx.record("create", "merge", merge_id, None, _snapshot(values))
    return merge_id


def undo_merge(tx: Tx, merge_id: str) -> tuple[str, str]:
    """Move back exactly what a merge moved, mark the merge undone; (winner, loser) ids."""
    row = tx.conn.execute(sa.select(merges).where(merges.c.id == merge_id)).first()
    if row is None:
        raise NotFoundError(f"no merge with id '{merge_id}'")
    if row.undone_at:
        raise ConflictError(f"merge {merge_id} was already undone at {row.undone_at}")
    winner = writes.get_person(tx.conn, row.winner_id)
    loser = writes.get_person(tx.conn, row.loser_id)
    moved = row.moved
    for raw in moved["name_forms"]:
        form = NameForm(**{k: v for k, v in raw.items() if v is not None})
        for i, f in enumerate(winner.name_forms):
            if (f.text, f.kind) == (form.text, form.kind):
                del winner.name_forms[i]
                break
    back = [ExternalId(x["scheme"], x["value"]) for x in moved["external_ids"]]
    winner.external_ids = [x for x in winner.external_ids if x not in back]
    writes.update_person(tx, winner)
    loser.external_ids += back
    loser.merged_into = None
    writes.update_person(tx, loser)
    for event in rows.load_events(tx.conn, ids=list(moved["events"])):
        if event.person_id == row.winner_id:  # an event moved since stays where it was put
            event.person_id = row.loser_id
            writes.update_event(tx, event)
    before = _snapshot(row._asdict())
    tx.conn.execute(
        merges.update().where(merges.c.id == merge_id).values(undone_at=tx.at, undone_by=tx.actor)
    )
    tx.record(
        "update", "merge", merge_id, before, {**before, "undone_at": tx.at, "undone_by": tx.actor}
    )
    return row.winner_id, row.loser_id


def snapshots(conn: sa.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Every merge as the audit chain should have recorded it last."""
    return {
        ("merge", r.id): _snapshot(r._asdict())
        for r in conn.execute(sa.select(merges).order_by(merges.c.id))
    }
