"""The audit chain: every write and every read of a restricted record, hash-linked.

Each entry holds who, when, what (action, entity, id) and the record before and after, as
canonical JSON. Its hash covers those fields and the previous entry's hash, so editing,
deleting or reordering an entry breaks the chain from that entry on. Entries are appended in
the same transaction as the write they describe, under a lock on the single ``audit_head``
row, which also names the last entry so that cutting entries off the end is detected.

:func:`verify` checks the chain, then compares what the chain says each record should be with
what the tables hold, so a row changed behind powtrace's back is named too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from powtrace.domain.codec import canonical_json
from powtrace.store.schema import audit_head, audit_log

GENESIS = "0" * 64
READ_ACTIONS = frozenset({"read"})


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """The hash of one entry: SHA-256 over the previous hash and the entry's fields."""
    payload = prev_hash + "\n" + canonical_json(fields)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fields(row: Any) -> dict[str, Any]:
    return {
        "seq": int(row.seq),
        "at": row.at,
        "actor": row.actor,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "before": row.before,
        "after": row.after,
    }


def append(
    conn: sa.Connection,
    *,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> int:
    """Append one entry in the caller's transaction and return its sequence number."""
    head_q = sa.select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
    if conn.dialect.name == "postgresql":
        head_q = head_q.with_for_update()  # one appender at a time; SQLite locks the file
    head = conn.execute(head_q).one()
    fields = {
        "seq": int(head.seq) + 1,
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": None if before is None else canonical_json(before),
        "after": None if after is None else canonical_json(after),
    }
    digest = entry_hash(head.hash, fields)
    conn.execute(audit_log.insert().values(**fields, prev_hash=head.hash, hash=digest))
    conn.execute(
        audit_head.update().where(audit_head.c.id == 1).values(seq=fields["seq"], hash=digest)
    )
    return fields["seq"]


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the chain or the tables; ``seq`` is the entry at fault, if any."""

    seq: int | None
    message: str


@dataclass(frozen=True)
class Report:
    entries: int
    records: int
    problems: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _chain_problems(rows: Iterator[Any], head: Any) -> tuple[int, list[Finding], dict]:
    """Walk the log in order; return the count, the first break, and each record's last state."""
    problems: list[Finding] = []
    expected_seq, prev = 1, GENESIS
    latest: dict[tuple[str, str], str | None] = {}
    count = 0
    for row in rows:
        count += 1
        seq = int(row.seq)
        if seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}–{seq - 1}"
            problems.append(Finding(expected_seq, f"audit entry {missing} is missing (deleted)"))
            break
        if row.prev_hash != prev:
            problems.append(
                Finding(
                    seq,
                    f"audit entry {seq} does not follow entry {seq - 1}: "
                    "entries were reordered, or an earlier one was replaced",
                )
            )
            break
        if entry_hash(prev, _fields(row)) != row.hash:
            problems.append(
                Finding(
                    seq,
                    f"audit entry {seq} ({row.action} {row.entity} {row.entity_id}, "
                    f"{row.at}) was edited after it was written",
                )
            )
            break
        if row.action not in READ_ACTIONS:
            latest[(row.entity, row.entity_id)] = row.after
        prev, expected_seq = row.hash, seq + 1
    if not problems and (int(head.seq) != expected_seq - 1 or head.hash != prev):
        problems.append(
            Finding(
                expected_seq,
                f"the audit log ends at entry {expected_seq - 1} but its head names entry "
                f"{head.seq}: entries were cut off the end",
            )
        )
    return count, problems, latest


Snapshotter = Callable[[sa.Connection], dict[tuple[str, str], dict[str, Any]]]


def verify(conn: sa.Connection, snapshot_all: Snapshotter) -> Report:
    """Check the chain, then that every record in the tables is what the chain last recorded."""
    head = conn.execute(sa.select(audit_head).where(audit_head.c.id == 1)).one()
    rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq))
    count, problems, latest = _chain_problems(iter(rows), head)
    if problems:
        return Report(count, 0, tuple(problems))
    current = snapshot_all(conn)
    for key in sorted(set(current) | set(latest)):
        entity, entity_id = key
        recorded = latest.get(key)
        actual = current.get(key)
        actual_json = None if actual is None else canonical_json(actual)
        if key not in latest:
            problems.append(
                Finding(
                    None,
                    f"{entity} {entity_id} is in the tables but was "
                    "never recorded in the audit log (added behind its back)",
                )
            )
        elif recorded is None and actual is not None:
            problems.append(
                Finding(
                    None,
                    f"{entity} {entity_id} was deleted according to the "
                    "audit log but is in the tables",
                )
            )
        elif recorded is not None and actual is None:
            problems.append(
                Finding(
                    None,
                    f"{entity} {entity_id} is in the audit log but missing "
                    "from the tables (deleted behind its back)",
                )
            )
        elif recorded != actual_json and (changed := changed_fields(recorded, actual)):
            problems.append(
                Finding(
                    None,
                    f"{entity} {entity_id} differs from its last audited state: field(s) "
                    f"{', '.join(changed)} changed outside powtrace",
                )
            )
    return Report(count, len(current), tuple(problems))


_EMPTY: tuple[Any, ...] = (None, [], {}, "")


def changed_fields(recorded: str | None, actual: dict[str, Any] | None) -> list[str]:
    """The fields that differ between a recorded snapshot and a record as it is now.

    A field that a later schema added is absent from snapshots recorded before it; it counts
    as unchanged while it holds its empty value, so upgrading a store keeps its chain valid.
    """
    before = json.loads(recorded) if recorded else {}
    after = actual or {}
    changed = []
    for key in sorted(set(before) | set(after)):
        if key not in before and after.get(key) in _EMPTY:
            continue
        if before.get(key) != after.get(key):
            changed.append(key)
    return changed
