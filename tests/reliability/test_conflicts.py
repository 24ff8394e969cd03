"""No lost update: two real processes editing one record, and two importing side by side."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from powtrace.domain.errors import ConflictError
from powtrace.domain.model import Event, NameForm, Person
from powtrace.store import writes
from powtrace.store.schema import events, persons
from powtrace.store.store import Store
from powtrace.workflows import lists

from .support import FORK, cli_prefix, count_persons, run_in_child, spawn, verified, write_list


def _edit(
    home: Path, url: str | None, kind: str, record_id: str, actor: str, barrier: Any, out: Any
) -> None:
    """In a child: read the record and its version, wait for the other, then save an edit."""
    code = 0
    try:
        store = Store.open(home, url)
        table = persons if kind == "person" else events
        with store.reading() as conn:
            version = conn.execute(sa.select(table.c.version).where(table.c.id == record_id))
            version = version.scalar()
            record = (writes.get_person if kind == "person" else writes.get_event)(conn, record_id)
        label = f"set by {actor} at {time.time_ns()}"  # a real change every round
        if kind == "person":
            record.rank = label
        else:
            record.place = label
        barrier.wait(10)
        try:
            with store.transaction(actor) as tx:
                update = writes.update_person if kind == "person" else writes.update_event
                update(tx, record, expected_version=version)
                time.sleep(0.4)  # keep it open: the other writer arrives in the meantime
            out.put((actor, "saved"))
        except ConflictError as exc:
            out.put((actor, f"conflict: {exc}"))
        store.close()
    except BaseException as exc:  # report, never hang the test
        out.put((actor, f"crashed: {exc!r}"))
        code = 1
    out.close()
    out.join_thread()  # the result must reach the pipe before the child ends
    os._exit(code)


def _race(home: Path, url: str | None, kind: str, record_id: str) -> dict[str, str]:
    barrier, out = FORK.Barrier(2), FORK.Queue()
    children = [
        run_in_child(_edit, home, url, kind, record_id, actor, barrier, out)
        for actor in ("lawyer-anna", "lawyer-boris")
    ]
    results = dict(out.get(timeout=60) for _ in children)
    for c in children:
        c.join(30)
    return results


def test_two_processes_editing_one_record_exactly_one_wins(
    engine_kind: str, store_url: str | None, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    store = Store.init(home, store_url)
    with store.transaction("clerk") as tx:
        person = writes.add_person(tx, Person([NameForm("Долгополов Игорь Сергеевич")]))
        event = writes.add_event(tx, Event("captured", person.id, review="confirmed"))
    store.close()
    for round_, (kind, record_id) in enumerate(
        [("person", person.id), ("event", event.id), ("person", person.id)]
    ):
        results = _race(home, store_url, kind, record_id)
        saved = [a for a, r in results.items() if r == "saved"]
        lost = {a: r for a, r in results.items() if r != "saved"}
        assert len(saved) == 1, results  # exactly one wins …
        ((_, message),) = lost.items()
        assert message.startswith("conflict:"), results  # … the other is told, not overwritten
        assert f"changed by {saved[0]}" in message, message  # by whom
        store = Store.open(home, store_url)
        with store.reading() as conn:
            table = persons if kind == "person" else events
            q = sa.select(table.c.version).where(table.c.id == record_id)
            version = conn.execute(q).scalar()
            record = (writes.get_person if kind == "person" else writes.get_event)(conn, record_id)
        store.close()
        assert f"set by {saved[0]} " in (record.rank if kind == "person" else record.place)
        assert version == (3 if round_ == 2 else 2)
    c = verified(home, store_url)
    assert c["audit_log"] == 2 + 3  # two creates, and one update per round


def test_two_list_imports_at_once_both_complete(
    engine_kind: str, store_url: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "BATCH", 50)  # eight transactions each: the forked children too
    home = tmp_path / "home"
    Store.init(home, store_url).close()
    pre = cli_prefix(store_url)
    a = write_list(tmp_path / "exchange-a.csv", 400, prefix="a", seed=1)
    b = write_list(tmp_path / "exchange-b.csv", 400, prefix="b", seed=2)
    first = spawn([*pre, "person", "import", a], tmp_path / "a.log")
    second = spawn([*pre, "person", "import", b], tmp_path / "b.log")
    deadline = time.monotonic() + 60
    while count_persons(home, store_url) == 0:
        assert time.monotonic() < deadline, (first.output(), second.output())
        time.sleep(0.02)
    # When the first batch of either landed both were still running, each with batches to
    # write: their writes overlapped.
    both = first.process.is_alive() and second.process.is_alive()
    assert both, (first.output(), second.output())
    assert first.wait() == 0, first.output()
    assert second.wait() == 0, second.output()
    c = verified(home, store_url)
    assert c["persons"] == c["external_ids"] == c["audit_log"] == 800
