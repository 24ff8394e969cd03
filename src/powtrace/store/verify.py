"""Checking a store against its audit chain: every kind of record, one report."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from powtrace.store import accounts, audit, cases, findings, judgements, merges, proposals, writes


def snapshot_all(conn: sa.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Every audited record in the store, as the chain should have recorded it last."""
    out = writes.record_snapshots(conn)
    out.update(judgements.snapshots(conn))
    out.update(merges.snapshots(conn))
    out.update(accounts.snapshots(conn))  # a role or password changed behind our back
    out.update(proposals.snapshots(conn))
    out.update(findings.snapshots(conn))
    out.update(cases.snapshots(conn))
    return out


def verify_store(conn: sa.Connection) -> audit.Report:
    """Check the hash chain, then every record against its last audited state."""
    return audit.verify(conn, snapshot_all)
