"""Fill a store with many persons and events, fast, with a valid audit chain.

    .venv/bin/python bench/load/generate.py --db-url postgresql+psycopg://…/db \\
        --persons 100000 --events-per-person 10 --users 50
    .venv/bin/python bench/load/generate.py --home /tmp/pt-embedded …   # SQLCipher file

Records are built as domain objects (so every value is one powtrace accepts), turned into rows by
``store.rows`` and written with PostgreSQL ``COPY``, or on the embedded store with one prepared
``INSERT`` per table and batch (``executemany``), inside one transaction. The **bulk-audit
shortcut**: instead of one ``audit.append`` per record (a locked head row, one round trip each), the
generator computes the same entries itself (the same fields, canonical JSON and
``audit.entry_hash``), copies them into ``audit_log`` and sets ``audit_head`` once. The chain is
exactly what the normal path would have written, so ``powtrace audit verify`` passes. A small share
goes through the normal path: the accounts the load run signs in with, and the findings of
``--findings-for`` persons (``workflows.findings.refresh``). Only for an empty store: it refuses one
with entries.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from powtrace.domain.codec import canonical_json
from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Event, NameForm, Person
from powtrace.store import accounts, audit, rows, writes
from powtrace.store.schema import audit_head, events, external_ids, name_forms, name_keys, persons
from powtrace.store.store import Store, utc_now
from powtrace.workflows import findings

SURNAMES = [
    "Иванов",
    "Петров",
    "Сидоров",
    "Коваленко",
    "Шевченко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Мельник",
    "Олійник",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Соколов",
    "Морозов",
    "Волков",
    "Лебедев",
    "Козлов",
    "Новиков",
]
GIVEN = [
    "Иван",
    "Петр",
    "Олег",
    "Андрей",
    "Сергей",
    "Дмитрий",
    "Тарас",
    "Богдан",
    "Николай",
    "Юрий",
    "Алексей",
    "Виктор",
]
PATRONYMIC = [
    "Иванович",
    "Петрович",
    "Олегович",
    "Андреевич",
    "Сергеевич",
    "Николаевич",
    "Юрьевич",
]
STORY = [
    "captured",
    "registered_icrc",
    "interned",
    "transferred",
    "icrc_visit",
    "listed_for_exchange",
    "exchanged",
    "isolated_interrogated",
    "released_from_isolation",
    "returned_to_unit",
]
PASSWORD = "load-test-password-1"
ACTOR = "bulk-generator"


def _person(rng: random.Random, i: int) -> Person:
    surname, given, patronymic = rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(PATRONYMIC)
    return Person(
        [NameForm(f"{surname} {given} {patronymic}", kind="official", language="ru")],
        birth_date=PartialDate.of(rng.randint(1965, 2004), rng.randint(1, 12)),
        side=rng.choice(["russia", "ukraine"]),
        unit=f"в/ч {rng.randint(10000, 99999)}",
        rank="рядовой",
    )


def _events(rng: random.Random, person: Person, n: int) -> list[Event]:
    start = date(2022, 3, 1).toordinal() + rng.randint(0, 900)
    out = []
    for k in range(n):
        day = date.fromordinal(start + 20 * k + rng.randint(0, 15))
        out.append(
            Event(
                STORY[k % len(STORY)],
                person.id,
                date=PartialDate.from_date(day),
                review=rng.choice(["confirmed", "confirmed", "proposed"]),
            )
        )
    return out


class Chain:
    """Audit entries computed as ``audit.append`` would, for COPY."""

    def __init__(self, seq: int, prev: str) -> None:
        self.seq, self.prev, self.at = seq, prev, utc_now()

    def entry(self, entity: str, entity_id: str, after: dict[str, Any]) -> tuple[Any, ...]:
        self.seq += 1
        fields = {
            "seq": self.seq,
            "at": self.at,
            "actor": ACTOR,
            "action": "create",
            "entity": entity,
            "entity_id": entity_id,
            "before": None,
            "after": canonical_json(after),
        }
        digest = audit.entry_hash(self.prev, fields)
        row = (
            self.seq,
            self.at,
            ACTOR,
            "create",
            entity,
            entity_id,
            None,
            fields["after"],
            self.prev,
            digest,
        )
        self.prev = digest
        return row


def _copy(cur: Any, table: sa.Table, cols: list[str], data: list[tuple[Any, ...]]) -> None:
    if not hasattr(cur, "copy"):  # the embedded store (sqlcipher3): no COPY
        marks = ", ".join("?" for _ in cols)
        cur.executemany(f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({marks})", data)
        return
    with cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
        for row in data:
            copy.write_row(row)


def _jsonable(values: dict[str, Any], cols: list[str]) -> tuple[Any, ...]:
    return tuple(
        json.dumps(values[c]) if isinstance(values[c], (dict, list)) else values[c] for c in cols
    )


A_COLS = [
    "seq",
    "at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "before",
    "after",
    "prev_hash",
    "hash",
]
K_COLS = ["person_id", "position", "key"]
X_COLS = ["person_id", "scheme", "value"]
Batch = list[tuple[Person, list[Event]]]  # persons, each with its events


def _batches(rng: random.Random, n_persons: int, per_person: int, batch: int) -> Iterator[Batch]:
    """The generated persons and their events, ``batch`` persons at a time."""
    for start in range(0, n_persons, batch):
        out: Batch = []
        for i in range(start, min(start + batch, n_persons)):
            p = _person(rng, i)
            out.append((p, _events(rng, p, per_person)))
        yield out


def _batch_rows(
    chain: Chain, people: Batch, now: str, cols: dict[sa.Table, list[str]]
) -> dict[sa.Table, list[tuple[Any, ...]]]:
    """The rows of every table for one batch, the audit entries in the order of the writes."""
    out: dict[sa.Table, list[tuple[Any, ...]]] = {t: [] for t in cols}
    stamps = {"version": 1, "created_at": now, "updated_at": now}
    for p, evs in people:
        out[persons].append(_jsonable(rows.person_values(p) | stamps, cols[persons]))
        for v in rows.name_form_values(p.id, p.name_forms):
            out[name_forms].append(_jsonable(v, cols[name_forms]))
        # The same key rows ``writes.add_person`` writes, so search sees what the product stores.
        for v in rows.name_key_values(p.id, p.name_forms):
            out[name_keys].append(_jsonable(v, K_COLS))
        out[external_ids] += [(p.id, x.scheme, x.value) for x in p.external_ids]
        out[audit.audit_log].append(chain.entry("person", p.id, writes.person_snapshot(p)))
        for e in evs:
            out[events].append(_jsonable(rows.event_values(e) | stamps, cols[events]))
            out[audit.audit_log].append(chain.entry("event", e.id, writes.event_snapshot(e)))
    return out


def bulk_write(store: Store, embedded: bool, batches: Iterable[Batch]) -> int:
    """Write every batch into an empty store in one transaction; returns the audit entries.

    Persons with their name forms, name keys and external ids, events, and the audit entries
    of all of them (the bulk-audit shortcut), then the statistics a bulk load needs.
    """
    with store.reading() as conn:
        head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
    if head.seq:
        raise SystemExit(
            f"{store.describe()} already holds {head.seq} audit entries; use an empty store"
        )
    chain = Chain(0, head.hash)
    now = utc_now()
    cols = {
        persons: [c.name for c in persons.columns],
        name_forms: [c.name for c in name_forms.columns if c.name != "id"],
        name_keys: K_COLS,
        external_ids: X_COLS,
        events: [c.name for c in events.columns],
        audit.audit_log: A_COLS,
    }
    raw = store.engine.raw_connection()
    done = 0
    try:
        cur = (raw if embedded else raw.driver_connection).cursor()  # type: ignore[union-attr]
        if embedded:  # powtrace runs sqlcipher3 in autocommit and opens transactions itself
            cur.execute("BEGIN IMMEDIATE")
        for people in batches:
            for table, data in _batch_rows(chain, people, now, cols).items():
                if data:
                    _copy(cur, table, cols[table], data)
            done += len(people)
            print(f"  {done} persons", file=sys.stderr, flush=True)
        mark = "?" if embedded else "%s"
        cur.execute(
            f"UPDATE audit_head SET seq = {mark}, hash = {mark} WHERE id = 1",
            (chain.seq, chain.prev),
        )
        raw.commit()  # one transaction: all of it or nothing
    finally:
        raw.close()
    # What a bulk load is followed by: statistics for the planner and, on PostgreSQL, the
    # visibility map that lets name search answer from its covering index alone (autovacuum
    # would get there too, some time after the load).
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE" if embedded else "VACUUM (ANALYZE)")
    return chain.seq


def generate(
    home: Path | None,
    url: str | None,
    n_persons: int,
    per_person: int,
    users: int,
    findings_for: int,
    seed: int = 7,
    batch: int = 2000,
) -> dict[str, Any]:
    """Fill the store; returns counts and timings."""
    started = time.perf_counter()
    store = Store.init(home, url)
    person_ids: list[str] = []

    def noted(batches: Iterator[Batch]) -> Iterator[Batch]:
        for people in batches:
            person_ids.extend(p.id for p, _ in people)
            yield people

    rng = random.Random(seed)
    entries = bulk_write(store, url is None, noted(_batches(rng, n_persons, per_person, batch)))
    bulk_s = time.perf_counter() - started
    # The normal path for a small share: accounts, and findings of some persons.
    for u in range(users):
        with store.transaction("load-setup") as tx:
            accounts.create(tx, f"lawyer{u:02d}", accounts.Role.LAWYER, PASSWORD, "en")
    chosen = person_ids[:findings_for]
    for start in range(0, len(chosen), 200):
        findings.refresh(
            store,
            "load-setup",
            chosen[start : start + 200],
            "load generator",
            as_of=date(2025, 6, 1),
        )
    store.close()
    return {
        "persons": n_persons,
        "events": n_persons * per_person,
        "users": users,
        "audit_entries_bulk": entries,
        "bulk_seconds": round(bulk_s, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
        "person_ids_sample": person_ids[:: max(1, n_persons // 2000)],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db-url", help="a PostgreSQL store")
    where.add_argument("--home", type=Path, help="an embedded (SQLCipher) store's directory")
    ap.add_argument("--persons", type=int, default=100_000)
    ap.add_argument("--events-per-person", type=int, default=10)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--findings-for", type=int, default=2000)
    ap.add_argument("--out", type=Path, default=Path("bench/load/last-generate.json"))
    a = ap.parse_args()
    result = generate(a.home, a.db_url, a.persons, a.events_per_person, a.users, a.findings_for)
    a.out.write_text(json.dumps(result, indent=1))
    shown = {k: v for k, v in result.items() if k != "person_ids_sample"}
    print(json.dumps(shown))


if __name__ == "__main__":
    main()
