"""SIGKILL at random moments (seeded) during long commands: nothing half-written, no duplicates.

Each test runs a real ``powtrace`` command in a child process and kills it with SIGKILL after
a random delay, several times over. After every kill ``audit verify`` passes (every row has
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

from powtrace.domain.codec import person_to_dict
from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Event, NameForm, Person
from powtrace.names import match_keys
from powtrace.store import audit, rows, writes
from powtrace.store import engine as eng
from powtrace.store.keys import resolve_key
from powtrace.store.schema import name_forms, name_keys, persons
from powtrace.store.store import Store, utc_now
from powtrace.workflows import lists

from .support import (
    SEED,
    cli_prefix,
    hot_journal,
    kill_at_random,
    kill_while_writing,
    spawn,
    verified,
    write_list,
)

ROWS = 3000
KILLS = 5


def test_list_import_killed_at_random_moments(
    engine_kind: str, store_url: str | None, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    Store.init(home, store_url).close()
    listed = write_list(tmp_path / "exchange.csv", ROWS)
    argv = [*cli_prefix(store_url), "person", "import", str(listed), "--list", "exchange"]
    rng = random.Random(SEED)
    killed = inside = 0
    for i in range(KILLS):
        log = tmp_path / f"import-{i}.log"
        if i == KILLS - 1 and not inside and engine_kind != "postgresql":
            killed += kill_while_writing(argv, log, home, rng)  # random moments all missed
        else:
            killed += kill_at_random(argv, log, rng, 0.2, 1.2)
        inside += hot_journal(home)
        c = verified(home, store_url)
        # Whole batches only: a batch is one transaction, its rows and entries land together.
        assert c["persons"] % lists.BATCH == 0 or c["persons"] == ROWS, c
        assert c["persons"] == c["external_ids"] == c["audit_log"] == c["audit_head"], c
    assert killed >= 2, f"only {killed} of {KILLS} kills hit a running import (seed {SEED})"
    assert engine_kind == "postgresql" or inside >= 1, "no kill landed inside a transaction"
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
    for copy in range(3):
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
    assert reference["sources"] == 36
    home = tmp_path / "home"
    Store.init(home).close()
    rng = random.Random(SEED + 1)
    argv = ["ingest", str(folder)]
    killed = inside = 0
    for i in range(5):
        log = tmp_path / f"ingest-{i}.log"
        if i == 4 and not inside:
            killed += kill_while_writing(argv, log, home, rng)  # random moments all missed
        else:
            killed += kill_at_random(argv, log, rng, 0.05, took / 3)
        inside += hot_journal(home)
        c = verified(home, None)
        assert c["sources"] + c["proposals"] == c["audit_log"], c  # a source with its proposals
    assert killed >= 3 and inside >= 1, (killed, inside)
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


def test_findings_evaluate_killed_at_random_moments(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = Store.init(home)
    _people_with_captures(store, 800)
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
    inside = 0
    # Four kills at random moments, then, while none has landed inside a transaction (on a
    # busy machine start-up can take most of the run, and a kill there proves nothing), kills
    # timed by the rollback journal's appearing.
    for i in range(8):
        if i >= 4 and inside:
            break
        log = tmp_path / f"evaluate-{i}.log"
        if i < 4:
            kill_at_random(argv, log, rng, 0.05, took * 0.8)
        else:
            kill_while_writing(argv, log, home, rng)
        inside += hot_journal(home)
        c = verified(home, None)
        seen.append(c["findings"])
        assert c["findings"] == c["audit_log"] - base["audit_log"], c  # each with its entry
        if i >= 3 and inside:
            break
    assert inside >= 1, "no kill landed inside a transaction"
    done = spawn(argv, tmp_path / "evaluate-final.log")
    assert done.wait() == 0, done.output()
    final = verified(home, None)
    assert final["findings"] == reference["findings"] >= 800
    assert all(n <= final["findings"] for n in seen)
    again = spawn(argv, tmp_path / "evaluate-again.log")
    assert again.wait() == 0
    assert "0 new, 0 changed" in again.output()
    assert verified(home, None) == final


def _first_schema_store(home: Path, n: int) -> None:
    """A store at schema 0001 holding ``n`` persons as 0001 wrote them."""
    Store.init(home).close()
    (home / "powtrace.db").unlink()
    engine = eng.make_engine(eng.sqlcipher_url(home / "powtrace.db", resolve_key(home)))
    eng.migrate(engine, "0001")
    now = utc_now()
    with engine.begin() as conn:
        for i in range(n):
            person = Person([NameForm(f"Кравчишин{i} Остап Михайлович", kind="official")])
            snapshot = person_to_dict(person)
            del snapshot["merged_into"]
            values = rows.person_values(person)
            del values["merged_into"]
            del values["sort_name"]  # 0011 added the list's sort key
            conn.execute(
                persons.insert().values(**values, version=1, created_at=now, updated_at=now)
            )
            conn.execute(name_forms.insert(), rows.name_form_values(person.id, person.name_forms))
            audit.append(
                conn,
                at=now,
                actor="old-version",
                action="create",
                entity="person",
                entity_id=person.id,
                before=None,
                after=snapshot,
            )
    engine.dispose()


def _revision(home: Path) -> str | None:
    engine = eng.make_engine(eng.sqlcipher_url(home / "powtrace.db", resolve_key(home)))
    try:
        return eng.current_revision(engine)
    finally:
        engine.dispose()


def test_migration_from_first_schema_killed_at_random_moments(tmp_path: Path) -> None:
    template = tmp_path / "template"
    _first_schema_store(template, 1500)
    head = eng.head_revision()
    home = tmp_path / "home"
    started = time.perf_counter()  # how long one migration takes, to kill inside it
    shutil.copytree(template, home)
    assert spawn(["migrate"], tmp_path / "calibrate.log").wait() == 0
    took = time.perf_counter() - started
    shutil.rmtree(home)
    rng = random.Random(SEED + 3)
    outcomes = set()
    inside = 0
    # Six kills at random moments, then, while none has landed inside the migration (on a busy
    # machine start-up can take most of the run, and a kill there proves nothing), kills timed
    # by the rollback journal's appearing.
    for i in range(10):
        if i >= 6 and inside:
            break
        shutil.copytree(template, home)
        log = tmp_path / f"migrate-{i}.log"
        if i < 6:
            kill_at_random(["migrate"], log, rng, 0.0, took)
        else:
            kill_while_writing(["migrate"], log, home, rng)
        inside += hot_journal(home)
        rev = _revision(home)
        assert rev in {"0001", head}, rev  # all of the upgrade, or none of it
        outcomes.add(rev)
        store = Store.init(home)  # what 'powtrace migrate' does: finish the job
        store.close()
        c = verified(home, None)
        assert c["persons"] == c["audit_log"] == 1500, c
        s = Store.open(home)
        with s.reading() as conn:
            indexed = conn.execute(sa.select(sa.func.count(sa.distinct(name_keys.c.person_id))))
            assert indexed.scalar() == 1500
            keys = set(conn.execute(sa.select(name_keys.c.key)).scalars())
            assert set(match_keys("Кравчишин7 Остап Михайлович")) <= keys
        s.close()
        shutil.rmtree(home)
    assert inside >= 1, f"no kill landed inside a migration (seed {SEED})"


@pytest.fixture(autouse=True)
def _no_stray_children() -> Iterator[None]:
    yield
    for child in multiprocessing.active_children():
        child.kill()
