"""`powtrace cases list|show|add`: requests for help with people, relatives, tasks and notes."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from powtrace.cli.common import JsonOpt, console, opened_store, print_json, state
from powtrace.store.cases import KINDS, STATUSES
from powtrace.workflows import cases as flow

cases_app = typer.Typer(
    help="Cases: a family looking for a son, a lawyer's client; people, tasks, deadlines.",
    no_args_is_help=True,
)


@cases_app.command("list")
def cases_list(
    status: Annotated[str | None, typer.Option(help=f"Only cases {', '.join(STATUSES)}.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Cases you may see, newest first, with open tasks and the next deadline."""
    with opened_store() as store:
        found = flow.list_cases(store, state.clearance, status)
    if as_json:
        print_json(found)
        return
    if not found:
        console.print("No cases.")
        return
    table = Table(title="Cases")
    for col in ("id", "title", "kind", "status", "people", "open tasks", "next deadline"):
        table.add_column(col, no_wrap=col == "id")
    for row in found:
        c = row.case
        table.add_row(
            c.id,
            escape(c.title),
            c.kind,
            c.status,
            str(row.persons),
            str(row.open_tasks),
            row.next_due or "",
        )
    console.print(table)


@cases_app.command("show")
def cases_show(case_id: str, as_json: JsonOpt = False) -> None:
    """One case: its people, relatives, tasks and notes (reading it is audited)."""
    with opened_store() as store:
        view = flow.view_case(store, state.actor, case_id, state.clearance)
    if as_json:
        print_json(_plain(view))
        return
    c = view.case
    console.print(f"[bold]{escape(c.title)}[/] ({c.id})")
    console.print(f"{c.kind}, {c.status}, visibility {c.visibility.value}")
    if c.summary:
        console.print(escape(c.summary))
    console.print("\n[bold]People[/]")
    for p in view.persons:
        console.print(f"  {p.link.role}: {escape(p.name)} ({p.link.person_id})")
    if view.withheld_persons:
        console.print(f"  [dim]{view.withheld_persons} withheld at your clearance[/]")
    console.print("\n[bold]Relatives[/]")
    for rv in view.relatives:
        r = rv.relative
        consent = f"consent {r.consent_date} ({r.consent_how})" if r.consent else "no consent"
        contact = "withheld at your clearance" if rv.contact_withheld else (r.contact or "—")
        console.print(f"  {escape(r.name)}, {r.relationship}: {escape(contact)}; {consent}")
    console.print("\n[bold]Tasks[/]")
    for t in view.tasks:
        mark = "x" if t.done else " "
        console.print(f"  [{mark}] {t.due or 'no deadline'}  {escape(t.title)}  {t.assignee or ''}")
    console.print("\n[bold]Notes[/]")
    for n in view.notes:
        console.print(f"  {n.at[:16]} {escape(n.author)}: {escape(n.text)}")


def _plain(view: flow.CaseView) -> dict[str, Any]:
    relatives = []
    for rv in view.relatives:
        r = rv.relative
        relatives.append(
            {
                "id": r.id,
                "name": r.name,
                "relationship": r.relationship,
                "contact": r.contact,
                "contact_withheld": rv.contact_withheld,
                "contact_visibility": r.contact_visibility.value,
                "consent": r.consent,
                "consent_date": r.consent_date,
                "consent_how": r.consent_how,
            }
        )
    return {
        "case": view.case,
        "persons": [
            {"person_id": p.link.person_id, "name": p.name, "role": p.link.role}
            for p in view.persons
        ],
        "withheld_persons": view.withheld_persons,
        "relatives": relatives,
        "tasks": view.tasks,
        "notes": view.notes,
    }


@cases_app.command("add")
def cases_add(
    title: Annotated[str, typer.Argument(help="What the case is about.")],
    kind: Annotated[str, typer.Option(help=", ".join(KINDS))] = "family_search",
    summary: Annotated[str | None, typer.Option(help="A few lines on the request.")] = None,
    visibility: Annotated[str, typer.Option(help="public, restricted, sealed")] = "restricted",
    person: Annotated[
        list[str], typer.Option("--person", help="A person id the case concerns (repeat).")
    ] = [],  # noqa: B006
    role: Annotated[str, typer.Option(help="Their role: sought, client, witness, other")] = (
        "sought"
    ),
    as_json: JsonOpt = False,
) -> None:
    """Open a case, optionally linking the persons it concerns."""
    with opened_store() as store:
        c = flow.create_case(
            store,
            state.actor,
            state.clearance,
            title=title,
            kind=kind,
            visibility=visibility,
            summary=summary,
            persons=[(pid, role) for pid in person],
        )
    if as_json:
        print_json(c)
        return
    console.print(f"Case {c.id} opened: {escape(c.title)}")
