"""The powtrace command line. Commands parse input, call ``workflows`` and render results."""

# ruff: noqa: E402  (the thread limits below must be set before any import can load numpy)

from __future__ import annotations

import os
import sys

# Before numpy loads (through spaCy): the NLP models multiply small matrices, and a BLAS pool of
# threads per core only adds contention (measured: 1.3-3x the CPU for the same extraction). A
# value the user set wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from powtrace import __version__
from powtrace.cli import render
from powtrace.cli.cases import cases_app
from powtrace.cli.common import (
    JsonOpt,
    console,
    default_actor,
    err_console,
    opened_store,
    print_json,
    state,
)
from powtrace.cli.intake import extract, ingest, review_app
from powtrace.cli.legal import findings_app, rules_app
from powtrace.cli.linking import judge, link
from powtrace.cli.ops import backup, rekey, restore
from powtrace.cli.records import event_app, person_app, source_app
from powtrace.cli.reports import dossier, export_cmd, import_cmd, report
from powtrace.cli.serve import serve
from powtrace.cli.wishes import wish_app
from powtrace.domain.errors import PowtraceError
from powtrace.domain.visibility import Visibility
from powtrace.store.store import Store
from powtrace.store.verify import verify_store
from powtrace.workflows import demo as demo_flow
from powtrace.workflows import overview, registry

app = typer.Typer(
    name="powtrace",
    help="Document prisoners of war from capture to return, trace them across lists, and "
    "monitor their treatment against the law.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(person_app, name="person")
app.add_typer(event_app, name="event")
app.add_typer(source_app, name="source")
audit_app = typer.Typer(help="Check and read the audit chain.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.command("serve")(serve)
app.command("ingest")(ingest)
app.command("extract")(extract)
app.add_typer(review_app, name="review")
app.add_typer(rules_app, name="rules")
app.command("link")(link)
app.command("judge")(judge)
app.add_typer(wish_app, name="wish")
app.command("report")(report)
app.command("dossier")(dossier)
app.command("export")(export_cmd)
app.command("import")(import_cmd)
app.add_typer(cases_app, name="cases")
app.command("backup")(backup)
app.command("restore")(restore)
app.command("rekey")(rekey)
app.add_typer(findings_app, name="findings")


@app.callback()
def _global(
    home: Annotated[
        Path | None,
        typer.Option(help="Store directory (default: $POWTRACE_HOME or your data directory)."),
    ] = None,
    db_url: Annotated[
        str | None,
        typer.Option(
            "--db-url", help="PostgreSQL URL for server mode (default: $POWTRACE_DB_URL)."
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            help="Who is acting, for the audit log (default: $POWTRACE_ACTOR or your user name)."
        ),
    ] = None,
    clearance: Annotated[
        str,
        typer.Option(
            help="What you may see: public, restricted or sealed. Sealed reads are audited."
        ),
    ] = "restricted",
    version: Annotated[bool, typer.Option("--version", help="Show the version.")] = False,
) -> None:
    if version:
        typer.echo(f"powtrace {__version__}")
        raise typer.Exit()
    state.home = home
    state.url = db_url
    state.actor = actor or default_actor()
    state.clearance = Visibility.parse(clearance)


@app.command()
def init() -> None:
    """Create a new encrypted store (and its key file), or bring an old one up to date."""
    store = Store.init(state.home, state.url)
    try:
        console.print(f"Store ready at {store.describe()}")
        if store.engine.dialect.name == "sqlite" and store.home is not None:
            console.print(
                f"Its key is in {store.home / 'powtrace.key'} (mode 0600). Keep a copy "
                "somewhere safe: without it the store cannot be read."
            )
    finally:
        store.close()


@app.command()
def migrate() -> None:
    """Upgrade the store's schema to this version of powtrace."""
    store = Store.init(state.home, state.url)
    store.close()
    console.print("The store's schema is up to date.")


@app.command()
def demo(
    person: Annotated[str, typer.Option(help="Which demo person to show at the end.")] = "",
) -> None:
    """Load the demo story (fictional people) and show one person's timeline and status."""
    store = Store.init(state.home, state.url)
    try:
        result = demo_flow.load_demo(store)
        if result.loaded:
            console.print(
                f"Loaded the demo: {len(result.person_ids)} persons, "
                f"{result.sources} sources, {result.events} events."
            )
        else:
            console.print("The demo is already in this store; nothing was added.")
        key = person or next(iter(result.person_ids))
        if key not in result.person_ids:
            raise PowtraceError(
                f"no demo person '{key}'; choose one of {', '.join(result.person_ids)}"
            )
        view = registry.view_person(store, state.actor, result.person_ids[key], state.clearance)
        render.person_card(view.person)
        render.timeline(view)
        render.status(view)
        render.sources(view)
        console.print(f"\nStore: {store.describe()}. Try: powtrace person list")
    finally:
        store.close()


@app.command()
def timeline(person_id: str, as_json: JsonOpt = False) -> None:
    """A person's confirmed events in order, with custody after each and its sources."""
    with opened_store() as store:
        view = registry.view_person(store, state.actor, person_id, state.clearance)
    if as_json:
        print_json(
            {
                "person_id": person_id,
                "entries": view.lifecycle.entries,
                "problems": view.lifecycle.problems,
                "withheld": view.withheld,
            }
        )
    else:
        render.timeline(view)


@app.command()
def status(person_id: str, as_json: JsonOpt = False) -> None:
    """A person's status and facets, derived from confirmed events."""
    with opened_store() as store:
        view = registry.view_person(store, state.actor, person_id, state.clearance)
    lc = view.lifecycle
    if as_json:
        print_json(
            {
                "person_id": person_id,
                "status": lc.status,
                "custody": lc.custody,
                "facets": lc.facets,
                "periods": lc.periods,
                "problems": lc.problems,
                "times_captured": lc.times_captured,
                "withheld": view.withheld,
            }
        )
    else:
        render.status(view)
        render.withheld(view)


@audit_app.command("verify")
def audit_verify(as_json: JsonOpt = False) -> None:
    """Check the hash chain and that every record matches its last audited state."""
    with opened_store() as store, store.reading() as conn:
        report = verify_store(conn)
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "entries": report.entries,
                "records": report.records,
                "problems": report.problems,
            }
        )
    elif report.ok:
        console.print(
            f"Audit chain intact: {report.entries} entries; "
            f"{report.records} records match their last audited state."
        )
    else:
        for problem in report.problems:
            err_console.print(f"[red]audit:[/] {escape(problem.message)}", soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("log")
def audit_log(
    record: Annotated[
        str | None,
        typer.Option(
            help="Only entries about this record id: changes, reads, searches showing it."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 50,
    as_json: JsonOpt = False,
) -> None:
    """The newest audit entries: who did what to which record, and when."""
    if record is not None and not 0 < len(record.strip()) <= 40:
        raise typer.BadParameter("a record id has 1 to 40 characters", param_hint="--record")
    with opened_store() as store:
        entries = overview.audit_entries(store, limit, record=record and record.strip())
    if as_json:
        print_json(entries)
    else:
        render.audit_entries(entries, record)


def main() -> None:
    """Entry point: domain errors become one line on stderr and a non-zero exit."""
    try:
        code = app(standalone_mode=False)  # click returns typer.Exit's code in this mode
    except PowtraceError as exc:
        # One line whatever the terminal width, and the message's own brackets (user input,
        # "events[0]") are text, not Rich markup.
        err_console.print(f"[red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("Aborted.")
        sys.exit(130)
    except typer.TyperException as exc:  # usage errors: unknown command, bad option value
        show = getattr(exc, "show", None)
        if show is None:
            raise
        show()
        sys.exit(getattr(exc, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)
