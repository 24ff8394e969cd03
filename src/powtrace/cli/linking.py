"""`powtrace link`, `powtrace judge`, `powtrace person merge|unmerge`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.prompt import Prompt
from rich.table import Table

from powtrace.cli.common import JsonOpt, console, opened_store, print_json, state
from powtrace.cli.records import parse_mapping, person_app
from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.intake.lists import citable
from powtrace.linkage import LinkResult
from powtrace.store import merges
from powtrace.workflows import findings, linking, transfer, wishes


def _explain(result: LinkResult) -> None:
    if result.explanation is None:
        return
    table = Table(show_header=True, title=f"why {result.score:.2f}")
    table.add_column("field")
    table.add_column("weight", justify="right")
    table.add_column("reason")
    for w in result.explanation.weights:
        table.add_row(w.field, f"{w.weight:+.1f}", escape(w.reason))
    console.print(table)


def link(
    file: Annotated[
        Path, typer.Argument(help="A list (CSV or .xlsx) to match against the registry.")
    ],
    out: Annotated[
        Path | None, typer.Option(help="Write row_id,external_id,score,decision.")
    ] = None,
    list_name: Annotated[str | None, typer.Option("--list", help="Name of the list.")] = None,
    column: Annotated[list[str], typer.Option(help="field=Header (repeat).")] = [],  # noqa: B006
    encoding: Annotated[str, typer.Option()] = "utf-8-sig",
    as_of: Annotated[str | None, typer.Option(help="Date the list's ages were true.")] = None,
    review: Annotated[bool, typer.Option(help="Ask about uncertain matches now.")] = False,
    exchange: Annotated[
        bool,
        typer.Option(help="This is an exchange list: record each linked person as named on it."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Match every row of a list to a registry person: link, review or new, with reasons."""
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise ValidationError(f"--as-of '{as_of}' is not a day (YYYY-MM-DD)") from None
    with opened_store() as store:
        run = linking.link_file(
            store,
            file,
            mapping=parse_mapping(column),
            encoding=encoding,
            scheme=list_name,
            as_of=day,
        )
        if review:
            _review(store, run)
            run = linking.link_file(
                store,
                file,
                mapping=parse_mapping(column),
                encoding=encoding,
                scheme=list_name,
                as_of=day,
            )
        alerts = wishes.alerts_for(store, run)
        linked = (
            {r.matched_id: r.row_id for r in run.results if r.decision == "link" and r.matched_id}
            if exchange
            else {}
        )
        listed = dict(linked)
        for a in alerts:  # always recorded: the finding must exist for those who may see it
            listed.setdefault(a.person_id, a.row_id)
        if listed:
            # A workbook is kept as the CSV text of its sheet: citations point into text.
            data, kept_name, _ = citable(file.read_bytes(), file.name, encoding)
            wishes.record_listing(
                store,
                state.actor,
                run,
                data,
                kept_name,
                listed,
                sealed={pid for pid in listed if pid not in linked},
            )
    text = linking.decisions_csv(run)
    if out is not None:
        transfer.write_atomically(out, text)
    counts = {d: sum(1 for r in run.results if r.decision == d) for d in ("link", "review", "new")}
    if as_json:
        print_json(
            {
                "scheme": run.scheme,
                "counts": counts,
                "results": [
                    {
                        "row_id": r.row_id,
                        "person_id": r.matched_id,
                        "score": r.score,
                        "decision": r.decision,
                    }
                    for r in run.results
                ],
                "errors": [str(e) for e in run.errors],
            }
        )
    else:
        if out is None:
            typer.echo(text, nl=False)
        console.print(
            f"{file.name}: {counts['link']} link, {counts['review']} to review, "
            f"{counts['new']} new" + (f"; decisions in {out}" if out else "")
        )
    for e in run.errors:
        typer.echo(f"  not linked: {file.name} {e}", err=True)
    # The alert names sealed records, so only those cleared for sealed records see it; for
    # everyone else the listing and its finding are recorded all the same.
    if alerts and state.clearance is Visibility.SEALED:
        for a in alerts:
            typer.echo(
                f"ALERT row {a.row_id}: {a.person_name} ({a.person_id}) — "
                f"{a.wish_type.replace('_', ' ')}: {a.wish}, recorded {a.date}. "
                f"Legal basis: {a.legal_basis}. Stop and notify the ICRC before this "
                "exchange.",
                err=True,
            )
        raise typer.Exit(3)


def _review(store: object, run: linking.LinkRun) -> None:
    for r in run.results:
        if r.decision != "review" or r.matched_id is None:
            continue
        row = run.row(r.row_id)
        person = run.people[r.matched_id]
        console.print(
            f"\n[bold]row {r.row_id}[/] {escape(row.name)} "
            f"born {row.birth_date or '?'}  —  [bold]{person.id}[/] "
            f"{escape('; '.join(f.text for f in person.name_forms))} "
            f"born {person.birth_date or '?'}"
        )
        _explain(r)
        answer = Prompt.ask(
            "same person? [s]ame, [n]ot the same, [u]nsure, [k] skip, [q]uit",
            choices=["s", "n", "u", "k", "q"],
            default="k",
        )
        if answer == "q":
            return
        if answer in "snu":
            decision = {"s": "same", "n": "not_same", "u": "unsure"}[answer]
            ref = run.records[r.row_id].key
            linking.judge(store, state.actor, ref, person.id, decision)  # type: ignore[arg-type]


def judge(
    row_ref: Annotated[str, typer.Argument(help="The row, as ext:LIST:ROW-ID.")],
    person_id: str,
    decision: Annotated[str, typer.Argument(help="same, not_same or unsure")],
    note: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record whether a list row is a registry person; every later link run reuses it."""
    with opened_store() as store:
        j = linking.judge(store, state.actor, row_ref, person_id, decision, note)
    console.print(f"Recorded: {j.left_ref} and {j.right_ref} are {j.decision.value}.")


@person_app.command("merge")
def person_merge(
    keep: Annotated[str, typer.Argument(help="The person id that stays.")],
    absorb: Annotated[str, typer.Argument(help="The person id merged into it.")],
) -> None:
    """Merge two records of one person; every name form, event and citation is kept."""
    with opened_store() as store, store.transaction(state.actor) as tx:
        merge_id = merges.merge_persons(tx, keep, absorb)
        findings.refresh_person(tx, keep, f"merge {merge_id}")
    console.print(
        f"Merged {absorb} into {keep} as {merge_id} (undo: powtrace person unmerge {merge_id})."
    )


@person_app.command("unmerge")
def person_unmerge(merge_id: str) -> None:
    """Undo a merge: exactly what it moved goes back."""
    with opened_store() as store, store.transaction(state.actor) as tx:
        row = merges.undo_merge(tx, merge_id)
        for pid in row:
            findings.refresh_person(tx, pid, f"merge {merge_id} undone")
    console.print(f"Undid {merge_id}.")
