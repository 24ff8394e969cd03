"""`powtrace rules …` and `powtrace findings …`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from powtrace.cli.common import JsonOpt, console, opened_store, print_json, state
from powtrace.domain.errors import NotFoundError, ValidationError
from powtrace.rules import check_rule_file
from powtrace.workflows import findings as flow

rules_app = typer.Typer(help="The legal rules powtrace checks.", no_args_is_help=True)
findings_app = typer.Typer(
    help="Where a person's treatment breaks the law, with the article and the events.",
    invoke_without_command=True,
)


@rules_app.command("list")
def rules_list(as_json: JsonOpt = False) -> None:
    """Every rule, with whom it binds and how settled the law is."""
    cat = flow.catalogue()
    if as_json:
        print_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "regime": r.regime,
                    "binds": r.binds,
                    "legal_certainty": r.legal_certainty.value,
                }
                for r in cat
            ]
        )
        return
    table = Table(title="Rules")
    for col in ("id", "title", "regime", "binds", "law"):
        table.add_column(col, no_wrap=col == "id")
    for r in cat:
        table.add_row(r.id, escape(r.title), r.regime, r.binds, r.legal_certainty.value)
    console.print(table)
    for err in cat.errors:
        typer.echo(f"not loaded: {err}", err=True)


@rules_app.command("show")
def rules_show(rule_id: str, as_json: JsonOpt = False) -> None:
    """One rule: its legal basis in our words, parameters, evidence and action."""
    cat = flow.catalogue()
    if rule_id not in cat.rules:
        raise NotFoundError(f"no rule '{rule_id}'; see 'powtrace rules list'")
    r = cat[rule_id]
    if as_json:
        print_json(
            {
                "id": r.id,
                "title": r.title,
                "regime": r.regime,
                "binds": r.binds,
                "legal_certainty": r.legal_certainty.value,
                "interpretation": r.interpretation,
                "legal_basis": list(r.legal_basis),
                "parameters": dict(r.parameters),
                "evidence": list(r.evidence),
                "strengthen": list(r.strengthen),
                "cure": list(r.cure),
                "action": r.action,
                "file": r.path,
            }
        )
        return
    console.print(f"[bold]{escape(r.title)}[/] ({r.id})")
    console.print(
        f"Regime: {r.regime}; binds the {r.binds.replace('_', ' ')}; law "
        f"{r.legal_certainty.value}: {escape(r.interpretation)}"
    )
    for b in r.legal_basis:
        console.print(f"  {b.instrument} {b.article} ({b.role}): {escape(b.paraphrase)}")
    for label, items in (
        ("Evidence", r.evidence),
        ("Would strengthen", r.strengthen),
        ("Would cure", r.cure),
    ):
        for item in items:
            console.print(f"  {label}: {escape(item)}")
    console.print(f"Action: {escape(r.action)}")


@rules_app.command("check")
def rules_check(file: Path) -> None:
    """Validate a rule file; each problem is printed as FILE:LINE: message."""
    problems = check_rule_file(file)
    for p in problems:
        typer.echo(str(p), err=True)
    if problems:
        raise typer.Exit(1)
    console.print(f"{file}: the rule is valid.")


@findings_app.callback()
def findings_list(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option(help="Only this person.")] = None,
    rule: Annotated[str | None, typer.Option(help="Only this rule.")] = None,
    current: Annotated[
        bool, typer.Option(help="Hide findings the facts no longer support.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List findings with their explanation, certainty and status."""
    if ctx.invoked_subcommand is not None:
        return
    with opened_store() as store:
        views = flow.list_findings(
            store, state.clearance, person_id=person, rule_id=rule, include_unsupported=not current
        )
    if as_json:
        print_json([{"id": v.finding.id, "person_name": v.person_name, **_plain(v)} for v in views])
        return
    if not views:
        console.print("No findings.")
    for v in views:
        f = v.finding
        d = f.details
        mark = "" if f.supported else f" [dim](no longer supported: {escape(f.change or '')})[/]"
        console.print(
            f"\n[bold]{escape(d.get('title', f.rule_id))}[/] — {escape(v.person_name)}"
            f" ({f.person_id}){mark}"
        )
        console.print(
            f"  {f.id}: {f.certainty}, severity {f.severity}, status {f.status.value}"
            + (f" ({escape(f.status_reason)})" if f.status_reason else "")
        )
        console.print(f"  {escape(d.get('explanation', ''))}")
        for b in d.get("legal_basis", []):
            console.print(f"  {b['instrument']} {b['article']}: {escape(b['paraphrase'])}")
        for item in d.get("evidence_to_strengthen", [])[:3]:
            console.print(f"  [dim]would strengthen:[/] {escape(item)}")


def _plain(v: flow.FindingView) -> dict:
    f = v.finding
    return {
        "rule_id": f.rule_id,
        "person_id": f.person_id,
        "certainty": f.certainty,
        "severity": f.severity,
        "status": f.status.value,
        "status_reason": f.status_reason,
        "supported": f.supported,
        "change": f.change,
        "details": f.details,
    }


@findings_app.command("status")
def findings_status(
    finding_id: str,
    status: Annotated[str, typer.Argument(help="open, acknowledged, acted_on or dismissed")],
    reason: Annotated[str | None, typer.Option(help="Why (required to dismiss).")] = None,
) -> None:
    """Move a finding along: acknowledged, acted on, dismissed with a reason, or reopened."""
    with opened_store() as store:
        f = flow.set_status(store, state.actor, finding_id, status, reason)
    console.print(f"{f.id} is now {f.status.value}.")


@findings_app.command("evaluate")
def findings_evaluate(
    as_of: Annotated[str | None, typer.Option(help="Evaluate as of this day (YYYY-MM-DD).")] = None,
) -> None:
    """Evaluate every rule for every person again (after a rule or the calendar changed)."""
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise ValidationError(f"--as-of '{as_of}' is not a day (YYYY-MM-DD)") from None
    with opened_store() as store, Progress(console=console, transient=True) as bar:
        task = bar.add_task("Evaluating rules", total=None)
        counts = flow.refresh_all(
            store,
            state.actor,
            as_of=day,
            progress=lambda d, n: bar.update(task, completed=d, total=n),
        )
    console.print(
        f"{counts['new']} new, {counts['changed']} changed, {counts['unsupported']} "
        "no longer supported."
    )
