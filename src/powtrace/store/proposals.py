"""The review queue: what extraction proposed from a source, waiting for a human decision.

A proposal's fingerprint derives from its source and its evidence, so ingesting the same
source again proposes nothing new, and a rejected proposal is never proposed again. Every
change of state is audited like any other write.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from powtrace.domain.codec import canonical_json
from powtrace.domain.errors import ConflictError, NotFoundError
from powtrace.domain.model import new_id
from powtrace.store.schema import proposals
from powtrace.store.store import Tx


class Status(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Proposal:
    id: str
    source_id: str
    kind: str  # person | event
    payload: dict[str, Any]
    status: Status
    result_id: str | None = None
    decided_by: str | None = None
    note: str | None = None


def fingerprint(source_id: str, kind: str, identity: dict[str, Any]) -> str:
    """Stable identity of a proposal: its source, kind and the evidence that makes it."""
    text = f"{source_id}\n{kind}\n{canonical_json(identity)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _snapshot(p: Proposal) -> dict[str, Any]:
    return {
        "source_id": p.source_id,
        "kind": p.kind,
        "payload": p.payload,
        "status": p.status.value,
        "result_id": p.result_id,
        "note": p.note,
    }


def _from_row(r: Any) -> Proposal:
    return Proposal(
        r.id,
        r.source_id,
        r.kind,
        dict(r.payload),
        Status(r.status),
        r.result_id,
        r.decided_by,
        r.note,
    )


def add(
    tx: Tx, source_id: str, kind: str, payload: dict[str, Any], identity: dict[str, Any]
) -> Proposal | None:
    """Queue a proposal unless the same one (by fingerprint) was ever queued; None if so."""
    fp = fingerprint(source_id, kind, identity)
    if tx.conn.execute(sa.select(proposals.c.id).where(proposals.c.fingerprint == fp)).first():
        return None
    p = Proposal(new_id("q"), source_id, kind, payload, Status.PENDING)
    tx.conn.execute(
        proposals.insert().values(
            id=p.id,
            source_id=source_id,
            kind=kind,
            fingerprint=fp,
            payload=payload,
            status=p.status.value,
            created_at=tx.at,
        )
    )
    tx.record("create", "proposal", p.id, None, _snapshot(p))
    return p


def get(conn: sa.Connection, proposal_id: str) -> Proposal:
    row = conn.execute(sa.select(proposals).where(proposals.c.id == proposal_id)).first()
    if row is None:
        raise NotFoundError(f"no proposal with id '{proposal_id}'")
    return _from_row(row)


def listing(
    conn: sa.Connection, *, status: Status | None = Status.PENDING, source_id: str | None = None
) -> list[Proposal]:
    """Proposals in the order they were made (persons of a source before its events)."""
    q = sa.select(proposals)
    if status is not None:
        q = q.where(proposals.c.status == status.value)
    if source_id is not None:
        q = q.where(proposals.c.source_id == source_id)
    q = q.order_by(
        proposals.c.created_at, proposals.c.source_id, proposals.c.kind.desc(), proposals.c.id
    )
    return [_from_row(r) for r in conn.execute(q)]


def decide(
    tx: Tx,
    proposal_id: str,
    status: Status,
    *,
    result_id: str | None = None,
    note: str | None = None,
    payload: dict[str, Any] | None = None,
) -> Proposal:
    """Accept (with what it became) or reject (with a reason) a pending proposal."""
    old = get(tx.conn, proposal_id)
    if old.status is not Status.PENDING:
        raise ConflictError(
            f"proposal {proposal_id} was already {old.status.value} by {old.decided_by}"
        )
    new = Proposal(
        old.id, old.source_id, old.kind, payload or old.payload, status, result_id, tx.actor, note
    )
    tx.conn.execute(
        proposals.update()
        .where(proposals.c.id == proposal_id)
        .values(
            status=status.value,
            result_id=result_id,
            decided_by=tx.actor,
            decided_at=tx.at,
            note=note,
            payload=new.payload,
        )
    )
    tx.record("update", "proposal", proposal_id, _snapshot(old), _snapshot(new))
    return new


def snapshots(conn: sa.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Every proposal as the audit chain should have recorded it last."""
    return {
        ("proposal", p.id): _snapshot(p)
        for p in (_from_row(r) for r in conn.execute(sa.select(proposals)))
    }
