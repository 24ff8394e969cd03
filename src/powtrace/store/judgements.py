"""Judgements: a person's decision that two records are, or are not, the same human being.

They are kept and reused, so the same question is never put to a reviewer twice. A pair is
stored once whichever way round it was asked; a later judgement on the same pair replaces the
earlier one (the audit chain keeps both).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from powtrace.domain.errors import ValidationError
from powtrace.store.schema import judgements
from powtrace.store.store import Tx


class Decision(StrEnum):
    SAME = "same"
    NOT_SAME = "not_same"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Judgement:
    id: str
    left_ref: str
    right_ref: str
    decision: Decision
    actor: str
    at: str
    note: str | None = None


def person_ref(person_id: str) -> str:
    return f"person:{person_id}"


def external_ref(scheme: str, value: str) -> str:
    return f"ext:{scheme}:{value}"


def pair_id(a: str, b: str) -> tuple[str, str, str]:
    """The sorted pair and its id; the same two refs in either order give the same id."""
    if a == b:
        raise ValidationError(f"a judgement needs two different records, not {a} twice")
    left, right = sorted((a, b))
    digest = hashlib.sha256(f"{left}\n{right}".encode()).hexdigest()[:16]
    return left, right, f"j-{digest}"


def _snapshot(j: Judgement) -> dict[str, Any]:
    return {
        "left_ref": j.left_ref,
        "right_ref": j.right_ref,
        "decision": j.decision.value,
        "note": j.note,
    }


def _from_row(r: Any) -> Judgement:
    return Judgement(r.id, r.left_ref, r.right_ref, Decision(r.decision), r.actor, r.at, r.note)


def get(conn: sa.Connection, a: str, b: str) -> Judgement | None:
    """The judgement on a pair, if one was made."""
    _, _, jid = pair_id(a, b)
    row = conn.execute(sa.select(judgements).where(judgements.c.id == jid)).first()
    return _from_row(row) if row else None


def record(tx: Tx, a: str, b: str, decision: Decision | str, note: str | None = None) -> Judgement:
    """Store (or replace) the judgement on a pair, audited."""
    try:
        decision = Decision(decision)
    except ValueError:
        raise ValidationError(
            f"unknown judgement '{decision}': use same, not_same or unsure"
        ) from None
    left, right, jid = pair_id(a, b)
    new = Judgement(jid, left, right, decision, tx.actor, tx.at, note)
    old = get(tx.conn, a, b)
    values = {"decision": decision.value, "actor": tx.actor, "at": tx.at, "note": note}
    if old is None:
        tx.conn.execute(
            judgements.insert().values(id=jid, left_ref=left, right_ref=right, **values)
        )
        tx.record("create", "judgement", jid, None, _snapshot(new))
    elif _snapshot(old) != _snapshot(new):
        tx.conn.execute(judgements.update().where(judgements.c.id == jid).values(**values))
        tx.record("update", "judgement", jid, _snapshot(old), _snapshot(new))
    return new


def all_judgements(conn: sa.Connection) -> list[Judgement]:
    return [_from_row(r) for r in conn.execute(sa.select(judgements).order_by(judgements.c.id))]


def snapshots(conn: sa.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Every judgement as the audit chain should have recorded it last."""
    return {("judgement", j.id): _snapshot(j) for j in all_judgements(conn)}
