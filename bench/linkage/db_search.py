"""Benchmark: name search through the database (``person search``, the web search) at scale.

    .venv/bin/python bench/linkage/db_search.py --persons 20000 --queries 500 --home /tmp/pt-s
    .venv/bin/python bench/linkage/db_search.py --persons 1000000 --queries 2000 \\
        --db-url postgresql+psycopg://postgres@127.0.0.1:5432/pt_1m

The registry and the queries are the linkage benchmark's (``run.py``: the same world, seeds and
renderings). Each registry person is made as a list import makes it (``person_from_row``) and
bulk-loaded into a fresh store by the load benchmark's writer (``bench/load/generate.py``:
COPY or one executemany transaction, the bulk-audit shortcut, then ANALYZE), so the name keys
are the ones the product stores. Each query's name, as its rendering writes it, then goes
through ``registry.search_persons`` one call at a time, timed on the wall clock. Prints
Markdown; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import (  # noqa: E402 - the linkage world, beside this file
    RENDERINGS,
    Query,
    World,
)
from generate import Person as Truth  # noqa: E402
from queries import make_queries, registry_values  # noqa: E402
from run import to_row  # noqa: E402

from powtrace.domain.visibility import Visibility  # noqa: E402
from powtrace.store import writes  # noqa: E402
from powtrace.store.schema import external_ids  # noqa: E402
from powtrace.store.store import DB_FILE_NAME, Store  # noqa: E402
from powtrace.workflows import registry  # noqa: E402
from powtrace.workflows.lists import person_from_row  # noqa: E402

SCHEME = "registry"  # the external id scheme: the registry row id leads back to the truth
TOP = 50  # search_persons' page: a person below it is not shown
BATCH = 2000


def _load_module(name: str, path: Path) -> Any:
    """A module by file path: bench/load/generate.py shares its name with the world above."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bulk = _load_module("load_generate", HERE.parent / "load" / "generate.py")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---- data -----------------------------------------------------------------------------------
def make_world(persons: int, n_queries: int, seed: int) -> tuple[list[Truth], list[Query]]:
    """The registry truth and the queries, drawn as run.py draws them (same seeds, same order)."""
    world = World(seed)
    people = world.registry(persons)
    qs, _ = make_queries(world, people, n_queries, seed + 2)
    return people, qs


def registry_batches(people: list[Truth], seed: int) -> Iterator[Any]:
    """Product persons, as a list import would create them from the registry's rows."""
    rng = random.Random(seed + 1)  # run.py's registry rows (ё or е) come from this seed
    for start in range(0, len(people), BATCH):
        batch = []
        for i, p in enumerate(people[start : start + BATCH], start):
            person = person_from_row(to_row(registry_values(p, rng), i + 2), SCHEME)
            for x in person.external_ids:
                writes.check_external_id(x)
            batch.append((person, []))
        yield batch


def search_text(q: Query) -> str:
    """The name as the query's rendering writes it (a full name, or the list's name columns)."""
    return to_row(q.values, 0).name


# ---- loading --------------------------------------------------------------------------------
def load(home: Path | None, url: str | None, people: list[Truth], seed: int) -> float:
    """Fill a fresh store with the registry; returns the seconds it took."""
    started = time.perf_counter()
    store = Store.init(home, url)
    try:
        bulk.bulk_write(store, url is None, registry_batches(people, seed))
    finally:
        store.close()
    return time.perf_counter() - started


def size_mb(store: Store, home: Path | None) -> float:
    """The store on disk: the encrypted file (with its WAL), or pg_database_size."""
    if home is not None:
        files = [home / DB_FILE_NAME, home / f"{DB_FILE_NAME}-wal"]
        return sum(f.stat().st_size for f in files if f.exists()) / 1e6
    with store.reading() as conn:
        return conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar() / 1e6


def counts(store: Store) -> dict[str, int]:
    with store.reading() as conn:
        return {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("persons", "name_forms", "name_keys")
        }


# ---- searching ------------------------------------------------------------------------------
@dataclass
class Outcome:
    """One timed search and where the true person came in it."""

    query: Query
    text: str
    ms: float
    hits: int
    rank: int | None = None  # 1-based place of the true person; None: not in the page
    tied_top: bool = False  # the true person has the best score (ties sorted by name)
    fallback: bool = False  # no key matched: the substring scan answered
    capped: bool = False  # stopped at --cap-ms: ms is a lower bound, the person not shown


def true_ids(store: Store, qs: list[Query]) -> dict[str, str]:
    """Registry row id -> product person id, through the external ids (outside the timing)."""
    wanted = sorted({q.truth for q in qs if q.truth})
    out: dict[str, str] = {}
    with store.reading() as conn:
        for start in range(0, len(wanted), 500):
            q = sa.select(external_ids.c.value, external_ids.c.person_id).where(
                external_ids.c.scheme == SCHEME,
                external_ids.c.value.in_(wanted[start : start + 500]),
            )
            out.update(dict(conn.execute(q).all()))
    missing = set(wanted) - set(out)
    if missing:
        raise SystemExit(f"{len(missing)} query answers are not in the store, e.g. {min(missing)}")
    return out


class Watch:
    """Which path each search took, and an optional cap on its time, with no extra round trip.

    The path: a statement on ``search_key LIKE`` (or SQLite's ``name_forms_fts``) is the
    substring fallback. The cap (so that a
    million-person run on a slow path ends the same day): on SQLite a progress callback every
    few thousand virtual-machine steps interrupts the statement after the deadline; on
    PostgreSQL each connection gets a ``statement_timeout`` when it is made.
    """

    def __init__(self, store: Store, cap_ms: float | None) -> None:
        self.store = store
        self.engine = store.engine
        self.cap_ms = cap_ms
        self.fallback = False
        self.deadline: float | None = None
        sa.event.listen(self.engine, "before_cursor_execute", self._statement)
        if cap_ms and self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "checkout", self._arm)
        elif cap_ms:
            sa.event.listen(self.engine, "connect", self._timeout)
            self.engine.dispose()  # every connection from now on is made with the timeout

    def _statement(self, conn: Any, cur: Any, sql: str, *_: Any) -> None:
        # PostgreSQL (and SQLite for words under three letters): LIKE; SQLite: its trigram table.
        if "search_key LIKE" in sql or "name_forms_fts MATCH" in sql:
            self.fallback = True

    def _arm(self, dbapi_conn: Any, *_: Any) -> None:
        dbapi_conn.set_progress_handler(self._late, 10_000)

    def _late(self) -> int:
        return int(self.deadline is not None and time.perf_counter() > self.deadline)

    def _timeout(self, dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET statement_timeout = {int(self.cap_ms or 0)}")
        dbapi_conn.commit()  # a SET in a transaction rolled back on check-in would not last

    def search(self, text: str) -> tuple[float, list[registry.SearchHit] | None]:
        """One timed search; no hits (None) when the cap stopped it."""
        self.fallback = False
        t = time.perf_counter()
        self.deadline = t + self.cap_ms / 1000 if self.cap_ms else None
        try:
            hits = registry.search_persons(self.store, "analyst", text, Visibility.RESTRICTED)
        except sa.exc.OperationalError as exc:
            if not capped_error(exc):
                raise
            hits = None
        finally:
            self.deadline = None
        return (time.perf_counter() - t) * 1000, hits


def capped_error(exc: sa.exc.OperationalError) -> bool:
    """The cap, not a fault: SQLite's interrupt or PostgreSQL's statement timeout."""
    text = str(exc.orig)
    return "interrupted" in text or "statement timeout" in text


def run_searches(
    store: Store, qs: list[Query], answers: dict[str, str], cap_ms: float | None
) -> list[Outcome]:
    """Every query once, in order, after a warm-up that is not counted."""
    watch = Watch(store, cap_ms)
    # Warm-up: pool connections, SQLAlchemy's statement cache, the database's caches for the
    # index's upper levels. Names of absent persons, so no query's own pages are pre-read.
    for q in [q for q in qs if q.kind == "absent"][:20]:
        watch.search(search_text(q))
    out = []
    for n, q in enumerate(qs, 1):
        text = search_text(q)
        ms, hits = watch.search(text)
        o = Outcome(q, text, ms, len(hits or []), fallback=watch.fallback, capped=hits is None)
        want = answers.get(q.truth or "")
        ids = [h.id for h in hits or []]
        if want in ids:
            o.rank = ids.index(want) + 1
            o.tied_top = hits[o.rank - 1].score == hits[0].score  # type: ignore[index]
        out.append(o)
        if n % 100 == 0:
            progress(f"  {n} searches")
    return out


# ---- profile of a slow query ----------------------------------------------------------------
@dataclass
class Statement:
    sql: str
    params: Any
    ms: float = 0.0
    plan: list[str] = field(default_factory=list)


def profile(store: Store, text: str) -> tuple[float, list[Statement]]:
    """One search again, uncapped where it can be: its time, and each of its statements run
    alone with the time it takes and the database's plan for it."""
    seen: list[Statement] = []

    def capture(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT"):  # not BEGIN and the like
            seen.append(Statement(sql, params))

    sa.event.listen(store.engine, "before_cursor_execute", capture)
    t = time.perf_counter()
    try:
        registry.search_persons(store, "analyst", text, Visibility.RESTRICTED)
    except sa.exc.OperationalError as exc:
        if not capped_error(exc):  # PostgreSQL's cap holds here too: the rest is not run
            raise
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", capture)
    again = (time.perf_counter() - t) * 1000
    sqlite = store.engine.dialect.name == "sqlite"
    explain = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) "
    with store.reading() as conn:
        if not sqlite:
            conn.exec_driver_sql("SET statement_timeout = 0")  # this connection only
        for s in seen:
            # Timed with every row fetched: SQLite's execute alone stops at the first row.
            t = time.perf_counter()
            conn.exec_driver_sql(s.sql, s.params).all()
            s.ms = (time.perf_counter() - t) * 1000
            rows = conn.exec_driver_sql(explain + s.sql, s.params).all()
            # SQLite: (id, parent, notused, detail); PostgreSQL: one text column.
            s.plan = [str(r[-1]) for r in rows]
    return again, seen


def profile_report(store: Store, outcome: Outcome) -> str:
    again, statements = profile(store, outcome.text)
    path = "substring fallback" if outcome.fallback else "name keys"
    lines = [
        f"Slowest search by {path}: `{outcome.text}` ({outcome.query.rendering}): "
        f"{outcome.ms:.1f} ms in the run{' (capped)' if outcome.capped else ''}, "
        f"{again:.1f} ms again now; its {len(statements)} statements alone take "
        f"{sum(s.ms for s in statements):.1f} ms"
    ]
    for i, s in enumerate(statements, 1):
        lines += ["", f"Statement {i}: {s.ms:.1f} ms", "```sql", s.sql.strip(), "```", "```"]
        lines += [*s.plan, "```"]
    return "\n".join(lines)


def slowest(outs: list[Outcome], n: int) -> list[Outcome]:
    """The n slowest searches of each path (name keys, substring fallback)."""
    picked = []
    for fallback in (False, True):
        mine = [o for o in outs if o.fallback == fallback]
        picked += sorted(mine, key=lambda o: -o.ms)[:n]
    return picked


# ---- report ---------------------------------------------------------------------------------
LABELS = {
    "ru_registry": "Russian registry form",
    "uk_list": "Ukrainian list",
    "en_press": "English press",
    "icao": "ICAO passport caps",
    "de_press": "German press",
    "fr_press": "French press",
    "ru_declined": "Russian declined (in a sentence)",
    "court_initials": "court record with initials",
    "diminutive": "press diminutives",
}


def pct(outs: list[Outcome], q: float) -> str:
    """The q-quantile of the times, nearest rank (as run.py reports its searches); a capped
    search only says how long it ran at least."""
    ranked = sorted(outs, key=lambda o: o.ms)
    o = ranked[min(len(ranked) - 1, int(q * len(ranked)))]
    return f"≥ {o.ms:,.0f}" if o.capped else f"{o.ms:,.1f}"


def row(label: str, outs: list[Outcome]) -> str:
    known = [o for o in outs if o.query.truth]
    n = len(known) or 1
    rank1 = sum(o.rank == 1 for o in known)
    tied = sum(o.tied_top for o in known)
    top = sum(o.rank is not None for o in known)
    fallback = sum(o.fallback for o in outs)
    capped = sum(o.capped for o in outs)
    return (
        f"| {label} | {len(outs):,} | {pct(outs, 0.5)} | {pct(outs, 0.95)} | "
        f"{pct(outs, 0.99)} | {pct(outs, 1.0)} | {len(known):,} | {rank1 / n:.3f} | "
        f"{tied / n:.3f} | {top / n:.3f} | {fallback} | {capped} |"
    )


def table(outs: list[Outcome]) -> str:
    lines = [
        "| rendering | searches | p50 ms | p95 ms | p99 ms | max ms | with answer | rank 1 "
        "| best score (tied) | top 50 | substring fallback | capped |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in RENDERINGS:
        mine = [o for o in outs if o.query.rendering == r]
        if mine:
            lines.append(row(LABELS[r], mine))
    lines.append(row("**overall**", outs))
    for kind in ("match", "namesake", "absent"):
        mine = [o for o in outs if o.query.kind == kind]
        if mine:
            lines.append(row(f"queries: {kind}", mine))
    for label, fallback in (("name keys only", False), ("reached the substring fallback", True)):
        mine = [o for o in outs if o.fallback == fallback]
        if mine:
            lines.append(row(f"searches: {label}", mine))
    return "\n".join(lines)


def error_of(o: Outcome) -> str:
    """The name error the query generator put in (dates and dropped patronymics aside)."""
    typos = [n for n in o.query.notes if n.startswith("typo: ")]
    return typos[0] if typos else "no typo in the name"


def misses_table(outs: list[Outcome]) -> str:
    """Queries with an answer, by the name error they carry: how often the answer is shown."""
    lines = [
        "| queries with an answer | queries | top 50 | substring fallback | found by it |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    known = [o for o in outs if o.query.truth]
    for error in sorted({error_of(o) for o in known}):
        mine = [o for o in known if error_of(o) == error]
        top = sum(o.rank is not None for o in mine) / len(mine)
        fallback = [o for o in mine if o.fallback]
        found = sum(o.rank is not None for o in fallback)
        lines.append(f"| {error} | {len(mine):,} | {top:.3f} | {len(fallback)} | {found} |")
    return "\n".join(lines)


def load_line(engine: str, seconds: float | None, size: float, rows: dict[str, int]) -> str:
    took = "not loaded by this run" if seconds is None else f"loaded in {seconds:.0f} s"
    return (
        f"{engine}: {rows['persons']:,} persons, {rows['name_forms']:,} name forms, "
        f"{rows['name_keys']:,} name keys; {took}; {size:,.0f} MB on disk"
    )


# ---- main -----------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--home", type=Path, help="an embedded (SQLCipher) store's directory")
    where.add_argument("--db-url", help="a PostgreSQL store (an empty database)")
    ap.add_argument("--persons", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--search-only",
        action="store_true",
        help="the store already holds this registry (same --persons and --seed): only search",
    )
    ap.add_argument(
        "--profile", type=int, default=1, help="plans of the N slowest searches of each path"
    )
    ap.add_argument(
        "--cap-ms",
        type=float,
        help="stop a search after this long (SQLite: the search; PostgreSQL: each statement); "
        "it counts as not found, and its time as a lower bound",
    )
    a = ap.parse_args()
    if a.home is not None and not a.search_only and (a.home / DB_FILE_NAME).exists():
        raise SystemExit(f"{a.home / DB_FILE_NAME} exists; give a fresh directory")
    engine = "embedded (SQLCipher)" if a.home is not None else "PostgreSQL"
    cap = f", searches capped at {a.cap_ms:,.0f} ms" if a.cap_ms else ""
    print(f"# database name search: {engine}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {date.today()}, "
          f"load average {os.getloadavg()[0]:.2f} at start{cap}")  # fmt: skip
    t = time.perf_counter()
    people, qs = make_world(a.persons, a.queries, a.seed)
    progress(f"generated {len(people):,} persons, {len(qs):,} queries in "
             f"{time.perf_counter() - t:.0f} s")  # fmt: skip
    seconds = None
    if not a.search_only:
        seconds = load(a.home, a.db_url, people, a.seed)
        progress(f"loaded in {seconds:.0f} s")
    del people
    store = Store.open(a.home, a.db_url)  # a fresh engine, as the CLI and the server open it
    try:
        print(load_line(engine, seconds, size_mb(store, a.home), counts(store)))
        outs = run_searches(store, qs, true_ids(store, qs), a.cap_ms)
        print(f"load average {os.getloadavg()[0]:.2f} after the searches")
        print()
        print(table(outs))
        print()
        print(misses_table(outs))
        for o in slowest(outs, a.profile):
            print()
            print(profile_report(store, o))
    finally:
        store.close()


if __name__ == "__main__":
    main()
