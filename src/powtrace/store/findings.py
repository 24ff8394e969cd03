"""Stored findings: kept current as facts change, never deleted, every change audited.

A finding's id is the rule engine's fingerprint (rule, person, key events), so evaluating a
person again updates the same rows. A finding the facts no longer support is kept, marked
unsupported, with the change that caused it; if the facts come back, so does the finding.
Case workers move findings through open → acknowledged → acted on, or dismiss them with a
reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from powtrace.domain.errors import NotFoundError, ValidationError
from powtrace.store.schema import findings
from powtrace.store.store import Tx


class Status(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    ACTED_ON = "acted_on"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class StoredFinding:
    id: str
    rule_id: str
    person_id: str
    certainty: str
    severity: str
    status: Status
    status_reason: str | None
    supported: bool
    change: str | None
    details: dict[str, Any]
    first_seen_at: str
    evaluated_at: str

    @property
    def visibility(self) -> str:
        return str(self.details.get("visibility", "restricted"))


def _snapshot(f: StoredFinding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "person_id": f.person_id,
        "certainty": f.certainty,
        "severity": f.severity,
        "status": f.status.value,
        "status_reason": f.status_reason,
        "supported": f.supported,
        "change": f.change,
        "details": f.details,
    }


def _from_row(r: Any) -> StoredFinding:
    return StoredFinding(
        r.id,
        r.rule_id,
        r.person_id,
        r.certainty,
        r.severity,
        Status(r.status),
        r.status_reason,
        bool(r.supported),
        r.change,
        dict(r.details),
        r.first_seen_at,
        r.evaluated_at,
    )


@dataclass(frozen=True)
class Computed:
    """What the rule engine found now, in the plain form the store keeps."""

    id: str  # the engine's fingerprint
    rule_id: str
    certainty: str
    severity: str
    details: dict[str, Any]


def load(
    conn: sa.Connection,
    *,
    person_id: str | None = None,
    rule_id: str | None = None,
    ids: list[str] | None = None,
) -> list[StoredFinding]:
    q = sa.select(findings).order_by(findings.c.person_id, findings.c.rule_id, findings.c.id)
    if person_id is not None:
        q = q.where(findings.c.person_id == person_id)
    if rule_id is not None:
        q = q.where(findings.c.rule_id == rule_id)
    if ids is not None:
        q = q.where(findings.c.id.in_(ids))
    return [_from_row(r) for r in conn.execute(q)]


def refresh(tx: Tx, person_id: str, found: list[Computed], cause: str) -> dict[str, int]:
    """Bring a person's stored findings in line with what the engine found now."""
    current = {f.id: f for f in load(tx.conn, person_id=person_id)}
    counts = {"new": 0, "changed": 0, "unsupported": 0}
    seen = set()
    for f in found:
        fid = f.id
        seen.add(fid)
        values = {
            "certainty": f.certainty,
            "severity": f.severity,
            "details": f.details,
            "supported": True,
        }
        old = current.get(fid)
        if old is None:
            new = StoredFinding(
                fid,
                f.rule_id,
                person_id,
                values["certainty"],
                values["severity"],
                Status.OPEN,
                None,
                True,
                None,
                values["details"],
                tx.at,
                tx.at,
            )
            tx.conn.execute(
                findings.insert().values(
                    id=fid,
                    rule_id=f.rule_id,
                    person_id=person_id,
                    status=Status.OPEN.value,
                    first_seen_at=tx.at,
                    evaluated_at=tx.at,
                    version=1,
                    change=None,
                    **values,
                )
            )
            tx.record("create", "finding", fid, None, _snapshot(new))
            counts["new"] += 1
            continue
        change = old.change if old.supported else f"supported again after {cause}"
        updated = StoredFinding(
            old.id,
            old.rule_id,
            person_id,
            values["certainty"],
            values["severity"],
            old.status,
            old.status_reason,
            True,
            change,
            values["details"],
            old.first_seen_at,
            tx.at,
        )
        if _snapshot(updated) != _snapshot(old):
            _update(tx, old, updated)
            counts["changed"] += 1
    for fid, old in current.items():
        if fid not in seen and old.supported:
            gone = StoredFinding(
                old.id,
                old.rule_id,
                person_id,
                old.certainty,
                old.severity,
                old.status,
                old.status_reason,
                False,
                f"no longer supported after {cause}",
                old.details,
                old.first_seen_at,
                tx.at,
            )
            _update(tx, old, gone)
            counts["unsupported"] += 1
    return counts


def _update(tx: Tx, old: StoredFinding, new: StoredFinding) -> None:
    tx.conn.execute(
        findings.update()
        .where(findings.c.id == old.id)
        .values(
            certainty=new.certainty,
            severity=new.severity,
            status=new.status.value,
            status_reason=new.status_reason,
            supported=new.supported,
            change=new.change,
            details=new.details,
            evaluated_at=tx.at,
            version=findings.c.version + 1,
        )
    )
    tx.record("update", "finding", old.id, _snapshot(old), _snapshot(new))


def set_status(tx: Tx, finding_id: str, status: Status | str, reason: str | None) -> StoredFinding:
    """Acknowledge, act on, reopen or dismiss a finding (dismissal needs a reason)."""
    try:
        status = Status(status)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise ValidationError(f"unknown finding status '{status}': use {allowed}") from None
    if status is Status.DISMISSED and not (reason or "").strip():
        raise ValidationError("say why the finding is dismissed (--reason)")
    found = load(tx.conn, ids=[finding_id])
    if not found:
        raise NotFoundError(f"no finding with id '{finding_id}'")
    old = found[0]
    new = StoredFinding(
        old.id,
        old.rule_id,
        old.person_id,
        old.certainty,
        old.severity,
        status,
        reason,
        old.supported,
        old.change,
        old.details,
        old.first_seen_at,
        old.evaluated_at,
    )
    if _snapshot(new) != _snapshot(old):
        _update(tx, old, new)
    return new


def snapshots(conn: sa.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Every finding as the audit chain should have recorded it last."""
    return {("finding", f.id): _snapshot(f) for f in load(conn)}
