"""Background jobs: their progress and outcome, kept in the database.

A job runs in one server process, but the page that reports on it may be answered by any other
(``powtrace serve --workers N``), so everything the page shows is a row here. Jobs are
operational metadata, like sign-in attempts: they are written without an audit entry (the
work a job does is audited as usual) and ``audit verify`` does not look at them.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from powtrace.store.schema import jobs
from powtrace.store.store import Store, utc_now

RUNNING, DONE, FAILED = "running", "done", "failed"
# A running job touches its row at least this often (see ``touch``); one silent for longer
# has lost its process (a restart, a crash) and will never finish.
STALE_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class Job:
    id: str
    kind: str
    actor: str
    status: str
    done: int
    total: int
    result: dict[str, Any] | None
    error: str | None
    created_at: str
    updated_at: str

    def stopped(self, now: datetime | None = None) -> bool:
        """Whether the job says it is running but its process stopped reporting."""
        if self.status != RUNNING:
            return False
        now = now or datetime.fromisoformat(utc_now())
        return now - datetime.fromisoformat(self.updated_at) > STALE_AFTER


def create(store: Store, kind: str, actor: str, total: int) -> str:
    """A new running job for ``actor``; returns its id (random, so ids say nothing)."""
    job_id = f"j-{secrets.token_hex(16)}"
    now = utc_now()
    with store.transaction(actor) as tx:
        tx.conn.execute(
            jobs.insert().values(
                id=job_id,
                kind=kind,
                actor=actor,
                status=RUNNING,
                done=0,
                total=total,
                created_at=now,
                updated_at=now,
            )
        )
    return job_id


def _update(store: Store, job_id: str, **values: Any) -> None:
    with store.transaction("job") as tx:
        tx.conn.execute(
            jobs.update().where(jobs.c.id == job_id).values(updated_at=utc_now(), **values)
        )


def progress(store: Store, job_id: str, done: int, total: int) -> None:
    """How far a running job has got."""
    _update(store, job_id, done=done, total=total)


def touch(store: Store, job_id: str) -> None:
    """Say the job is still alive, during work that reports no progress."""
    _update(store, job_id)


def finish(store: Store, job_id: str, result: dict[str, Any]) -> None:
    """The job is done; ``result`` is what its page shows (plain JSON values)."""
    _update(store, job_id, status=DONE, result=json.dumps(result, ensure_ascii=False))


def fail(store: Store, job_id: str, error: str) -> None:
    """The job stopped with an error the user can read."""
    _update(store, job_id, status=FAILED, error=error)


def get(store: Store, job_id: str) -> Job | None:
    """A job by id, or None."""
    with store.reading() as conn:
        row = conn.execute(sa.select(jobs).where(jobs.c.id == job_id[:40])).first()
    if row is None:
        return None
    values = row._asdict()
    values["result"] = json.loads(row.result) if row.result else None
    return Job(**values)
