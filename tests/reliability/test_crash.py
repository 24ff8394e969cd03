"""SIGKILL during long commands (seeded moments): nothing half-written, no duplicates.

Each test runs a real ``powtrace`` command in a child process and kills it with SIGKILL,
several times over: at random moments (seeded), and once at a moment timed by the store
itself, while a write transaction is open (see ``support.kill_while_writing``), so that at
least one kill always lands mid-write. After every kill ``audit verify`` passes (every row has
its audit entry and every entry its row) and the counts show whole transactions only; then
the same command, run again, completes and adds nothing twice. ``POWTRACE_CRASH_SEED``
changes the moments.
"""

from __future__ import annotations

import multiprocessing
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from old_versions import add_person_as_old_version, engine_at
from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Event, NameForm, Person
from powtrace.names import match_keys
from powtrace.store import engine as eng
from powtrace.store import writes
from powtrace.store.keys import resolve_key
from powtrace.store.schema import name_keys
from powtrace.store.store import Store
from powtrace.workflows import findings, lists

from .support import (
    SEED,
    cli_prefix,
    hot_journal,
    kill_at_random,
    kill_while_writing,
    spawn,
    verified,
    write_list,
    write_probe,
)

ROWS = 600
BATCH = 50  # twelve transactions: kills find committed batches behind them and more ahead


def test_list_import_killed_at_random_moments(
    engine_kind: str, store_url: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "BATCH", BATCH)  # the forked children import with it too
    home = tmp_path / "home"
    Store.init(home, store_url).close()
    listed = write_list(tmp_path / "exchange.csv", ROWS)
    argv = [*cli_prefix(store_url), "person", "import", str(listed), "--list", "exchange"]
    rng = random.Random(SEED)
    killed = 0
    with write_probe(home, store_url) as writing:
        # First inside a batch's open transaction, from a random moment early in the import
        # on (it takes well over a second: batches are still to come), then at two random
        # moments.
        for i, when in enumerate(("writing", (0.05, 0.5), (0.2, 1.2))):
            log = tmp_path / f"import-{i}.log"
            if when == "writing":
                hit = kill_while_writing(argv, log, writing, rng, after=rng.uniform(0.1, 0.4))
                assert hit, f"no kill landed inside a transaction: {log.read_text()}"
                # The embedded store keeps the journal of the transaction cut short (SQLite
                # rolls it back, or ignores it if it was never synced); PostgreSQL drops the
                # dead client's transaction.
                assert engine_kind == "postgresql" or hot_journal(home)
                killed += 1
            else:
                killed += kill_at_random(argv, log, rng, *when)
            c = verified(home, store_url)
            # Whole batches only: a batch is one transaction, its rows and entries land together.
            assert c["persons"] % BATCH == 0 or c["persons"] == ROWS, c
            assert c["persons"] == c["external_ids"] == c["audit_log"] == c["audit_head"], c
    assert killed >= 2, f"only {killed} of 3 kills hit a running import (seed {SEED})"
    done = spawn(argv, tmp_path / "import-final.log")
    assert done.wait() == 0, done.output()
    c = verified(home, store_url)
    assert c["persons"] == c["external_ids"] == c["audit_log"] == ROWS
    again = spawn(argv, tmp_path / "import-again.log")
    assert again.wait() == 0, again.output()
    assert "added 0 person(s)" in again.output() and f"{ROWS} row(s)" in again.output()
    assert verified(home, store_url) == c


def _warm_extraction() -> None:
    """Load the language models here, so forked children start with them in memory."""
    from powtrace.extract import extract

    for text, lang in (
        ("Ivan Petrov was captured in May 2024.", "en"),
        ("Иван Петров попал в плен в мае 2024 года.", "ru"),
        ("Іван Петренко потрапив у полон у травні 2024 року.", "uk"),
    ):
        extract(text, None, lang)


def test_ingest_of_a_folder_killed_at_random_moments(tmp_path: Path) -> None:
    texts = sorted((Path(__file__).parents[2] / "bench" / "extraction" / "texts").glob("*.txt"))
    folder = tmp_path / "inbox"
    folder.mkdir()
    for copy in range(2):
        for i, src in enumerate(texts[:12]):
            text = src.read_text(encoding="utf-8") + f"\n\n{copy + 1}\n"
            (folder / f"{copy}-{i:02d}-{src.name}").write_text(text, encoding="utf-8")
    _warm_extraction()
    # The folder ingested once, without interruptions: the reference, and how long it takes.
    clean_home = tmp_path / "clean"
    Store.init(clean_home).close()
    started = time.perf_counter()
    clean = spawn(["--home", clean_home, "ingest", str(folder)], tmp_path / "clean.log")
    assert clean.wait() == 0, clean.output()
    took = time.perf_counter() - started
    reference = verified(clean_home, None)
    assert reference["sources"] == 24
    home = tmp_path / "home"
    Store.init(home).close()
    rng = random.Random(SEED + 1)
    argv = ["ingest", str(folder)]
    killed = 0
    with write_probe(home, None) as writing:
        # First inside a source's open transaction (the folder is all still to do: this kill
        # cannot miss), then at two random moments in the first third of a run.
        for i, when in enumerate(("writing", "random", "random")):
            log = tmp_path / f"ingest-{i}.log"
            if when == "writing":
                hit = kill_while_writing(argv, log, writing, rng)
                assert hit and hot_journal(home), f"no kill inside a transaction: {log.read_text()}"
                killed += 1
            else:
                killed += kill_at_random(argv, log, rng, 0.05, took / 3)
            c = verified(home, None)
            assert c["sources"] + c["proposals"] == c["audit_log"], c  # a source with its proposals
    assert killed >= 2, f"only {killed} of 3 kills hit a running ingest (seed {SEED})"
    done = spawn(argv, tmp_path / "ingest-final.log")
    assert done.wait() == 0, done.output()
    after = verified(home, None)
    assert (after["sources"], after["proposals"]) == (reference["sources"], reference["proposals"])
    again = spawn(argv, tmp_path / "ingest-again.log")
    assert again.wait() == 0
    assert verified(home, None) == after


def _people_with_captures(store: Store, n: int) -> None:
    with store.transaction("setup") as tx:
        for i in range(n):
            p = writes.add_person(tx, Person([NameForm(f"Солдат{i} Иван", kind="official")]))
            writes.add_event(
                tx,
                Event("captured", p.id, date=PartialDate.parse("2024-05-10"), review="confirmed"),
            )


PERSONS = 400  # two transactions of findings.refresh_all's 200


def test_findings_evaluate_killed_at_random_moments(tmp_path: Path) -> None:
    findings.catalogue()  # load the rules here, once, so forked children start with them
    home = tmp_path / "home"
    store = Store.init(home)
    _people_with_captures(store, PERSONS)
    store.close()
    argv = ["findings", "evaluate", "--as-of", "2024-07-01"]
    # The same store evaluated once, without interruptions: the reference, and how long it takes.
    shutil.copytree(home, tmp_path / "clean")
    started = time.perf_counter()
    clean = spawn(["--home", tmp_path / "clean", *argv], tmp_path / "clean.log")
    assert clean.wait() == 0, clean.output()
    took = time.perf_counter() - started
    reference = verified(tmp_path / "clean", None)
    base = verified(home, None)
    rng = random.Random(SEED + 2)
    seen = []
    with write_probe(home, None) as writing:
        # First inside a batch's open transaction (everything is still to do: this kill cannot
        # miss), then at two random moments.
        for i, hi in enumerate((None, took * 0.8, took * 0.8)):
            log = tmp_path / f"evaluate-{i}.log"
            if hi is None:
                hit = kill_while_writing(argv, log, writing, rng)
                assert hit and hot_journal(home), f"no kill inside a transaction: {log.read_text()}"
            else:
                kill_at_random(argv, log, rng, 0.05, hi)
            c = verified(home, None)
            seen.append(c["findings"])
            assert c["findings"] == c["audit_log"] - base["audit_log"], c  # each with its entry
    done = spawn(argv, tmp_path / "evaluate-final.log")
    assert done.wait() == 0, done.output()
    final = verified(home, None)
    assert final["findings"] == reference["findings"] >= PERSONS
    assert all(n <= final["findings"] for n in seen)
    again = spawn(argv, tmp_path / "evaluate-again.log")
    assert again.wait() == 0
    assert "0 new, 0 changed" in again.output()
    assert verified(home, None) == final


MIGRATED = 600  # persons in the store at schema 0001


def _first_schema_store(home: Path, n: int) -> None:
    """A store at schema 0001 holding ``n`` persons as 0001 wrote them."""
    engine = engine_at("0001", None, home)
    with engine.begin() as conn:
        for i in range(n):
            person = Person([NameForm(f"Кравчишин{i} Остап Михайлович", kind="official")])
            # 0001 had no merged_into (its snapshots neither), 0011 added the list's sort key.
            add_person_as_old_version(conn, person, newer=("merged_into", "sort_name"))
    engine.dispose()


def _revision(home: Path) -> str | None:
    engine = eng.make_engine(eng.sqlcipher_url(home / "powtrace.db", resolve_key(home)))
    try:
        return eng.current_revision(engine)
    finally:
        engine.dispose()


def test_migration_from_first_schema_killed_at_random_moments(tmp_path: Path) -> None:
    template = tmp_path / "template"
    _first_schema_store(template, MIGRATED)
    head = eng.head_revision()
    home = tmp_path / "home"
    rng = random.Random(SEED + 3)
    with write_probe(home, None) as writing:
        # One migration without interruption: how long it takes, and when it begins to write.
        shutil.copytree(template, home)
        started = time.perf_counter()
        calibrate = spawn(["migrate"], tmp_path / "calibrate.log")
        first_write = None
        while calibrate.process.is_alive() and first_write is None:
            if writing():
                first_write = time.perf_counter() - started
            time.sleep(0.001)
        assert calibrate.wait() == 0, calibrate.output()
        took = time.perf_counter() - started
        shutil.rmtree(home)
        # Each kill on a fresh copy of the old store: four at random moments of its writing (a
        # migration done in several transactions would be caught half-way), then one inside
        # the migration's open transaction, which cannot miss.
        for i in range(5):
            shutil.copytree(template, home)
            log = tmp_path / f"migrate-{i}.log"
            if i < 4:
                kill_at_random(["migrate"], log, rng, first_write or 0.0, took)
            else:
                hit = kill_while_writing(["migrate"], log, writing, rng)
                assert hit and hot_journal(home), f"no kill inside the migration: {log.read_text()}"
            rev = _revision(home)
            assert rev in {"0001", head}, rev  # all of the upgrade, or none of it
            store = Store.init(home)  # what 'powtrace migrate' does: finish the job
            store.close()
            c = verified(home, None)
            assert c["persons"] == c["audit_log"] == MIGRATED, c
            s = Store.open(home)
            with s.reading() as conn:
                indexed = conn.execute(sa.select(sa.func.count(sa.distinct(name_keys.c.person_id))))
                assert indexed.scalar() == MIGRATED
                keys = set(conn.execute(sa.select(name_keys.c.key)).scalars())
                assert set(match_keys("Кравчишин7 Остап Михайлович")) <= keys
            s.close()
            shutil.rmtree(home)


@pytest.fixture(autouse=True)
def _no_stray_children() -> Iterator[None]:
    yield
    for child in multiprocessing.active_children():
        child.kill()
