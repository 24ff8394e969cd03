"""`powtrace ingest`, `powtrace extract` and `powtrace review`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.prompt import Prompt

from powtrace.cli.common import JsonOpt, console, opened_store, print_json, state
from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import PowtraceError, ValidationError
from powtrace.extract import extract as run_extraction
from powtrace.extract.gold import to_gold
from powtrace.intake import read_file
from powtrace.store import proposals
from powtrace.store.proposals import Proposal
from powtrace.workflows import ingest as ingest_flow
from powtrace.workflows import review as review_flow

review_app = typer.Typer(
    help="Review what extraction proposed: accept, edit, link or reject.",
    invoke_without_command=True,
)


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")] = [],  # noqa: B006
    url: Annotated[
        str | None,
        typer.Option(
            help="Fetch this page (the only network call powtrace makes, and only when asked)."
        ),
    ] = None,
    reliability: Annotated[str, typer.Option(help="Admiralty grade of the source, A–F.")] = "F",
    published: Annotated[str | None, typer.Option(help="Publication date, if known.")] = None,
    outlet: Annotated[str | None, typer.Option()] = None,
    as_json: JsonOpt = False,
) -> None:
    """Keep sources and queue the persons and events found in them for review."""
    if not paths and not url:
        raise ValidationError("name a file, a folder or --url to ingest")
    results: list[ingest_flow.Ingested] = []
    failed: list[tuple[str, str]] = []
    with opened_store() as store:
        if url:
            results.append(ingest_flow.ingest_url(store, state.actor, url, reliability=reliability))
        for path in paths:
            if path.is_dir():
                with Progress(console=console, transient=True) as bar:
                    task = bar.add_task(f"Ingesting {path}", total=None)
                    report = ingest_flow.ingest_dir(
                        store,
                        state.actor,
                        path,
                        reliability=reliability,
                        progress=lambda i, n, p, t=task: bar.update(
                            t, completed=i, total=n, description=p.name
                        ),
                    )
                results += report.ingested
                failed += [(str(p), msg) for p, msg in report.failed]
            else:
                results.append(
                    ingest_flow.ingest_file(
                        store,
                        state.actor,
                        path,
                        reliability=reliability,
                        published=parse_optional(published),
                        outlet=outlet,
                    )
                )
    if as_json:
        print_json(
            {
                "ingested": [_ingested_json(r) for r in results],
                "failed": [{"file": f, "error": e} for f, e in failed],
            }
        )
    else:
        for r in results:
            if r.created:
                basis = f" ({r.published_basis})" if r.published_basis else ""
                console.print(
                    f"{escape(r.source.title)}: source {r.source.id}, published "
                    f"{r.source.published or 'unknown'}{basis}, language "
                    f"{r.source.language}; {r.persons} person(s) and {r.events} event(s) to review"
                )
            else:
                console.print(
                    f"{escape(r.source.title)}: already ingested as {r.source.id}; nothing added"
                )
        for _, error in failed:
            typer.echo(f"not ingested: {error}", err=True)
    if failed:
        raise typer.Exit(1)


def _ingested_json(r: ingest_flow.Ingested) -> dict[str, Any]:
    return {
        "source_id": r.source.id,
        "sha256": r.source.sha256,
        "created": r.created,
        "persons": r.persons,
        "events": r.events,
        "published": r.source.published,
        "published_basis": r.published_basis,
        "language": r.source.language,
    }


def extract(
    file: Path,
    published: Annotated[str | None, typer.Option(help="Publication date (partial).")] = None,
    output: Annotated[str, typer.Option("--format", help="gold or json")] = "gold",
) -> None:
    """Print what extraction finds in a file, without storing anything."""
    if output not in {"gold", "json"}:
        raise ValidationError(f"--format '{output}': use gold or json")
    intake = read_file(file, published=parse_optional(published))
    src = intake.source
    result = run_extraction(src.text or "", src.published, src.language or "en")
    if output == "gold":
        gold = to_gold(result)
        typer.echo(json.dumps(gold, ensure_ascii=False, indent=2))
    else:
        print_json(result)


def _describe(p: Proposal) -> str:
    d = p.payload
    if p.kind == "person":
        cands = (
            "; ".join(
                f"{c['person_id']} {c['name']} ({c['reason']})" for c in d.get("candidates", [])
            )
            or "no registry match"
        )
        extra = ", ".join(f"{k} {d[k]}" for k in ("role", "side", "age", "gender") if d.get(k))
        return f"person '{d['name']}' ({extra}); registry: {cands}"
    who = d.get("person_name") or f"a group of {d.get('group_size') or '?'}"
    when = d.get("date") or "undated"
    return f"event {d['type']} of {who} on {when}: \u201c{d['evidence'][2]}\u201d"


@review_app.callback()
def review(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Option(help="Only proposals from this source.")] = None,
) -> None:
    """Go through pending proposals one by one (or use the list/accept/reject commands)."""
    if ctx.invoked_subcommand is not None:
        return
    with opened_store() as store:
        queue = review_flow.pending(store, source)
        if not queue:
            console.print("Nothing to review.")
            return
        for p in queue:
            console.print(f"\n[bold]{p.id}[/] {escape(_describe(p))}")
            choice = Prompt.ask(
                "[a]ccept, [l]ink to a person id, [r]eject, [s]kip, [q]uit",
                choices=["a", "l", "r", "s", "q"],
                default="s",
            )
            if choice == "q":
                break
            try:
                _apply(store, p, choice)
            except PowtraceError as exc:
                console.print(f"[red]not done:[/] {escape(str(exc))}")


def _apply(store: Any, p: Proposal, choice: str) -> None:
    if choice == "a":
        if p.kind == "person":
            review_flow.accept_person(store, state.actor, p.id)
        else:
            review_flow.accept_event(store, state.actor, p.id)
    elif choice == "l":
        review_flow.accept_person(store, state.actor, p.id, link_to=Prompt.ask("person id"))
    elif choice == "r":
        review_flow.reject(store, state.actor, p.id, Prompt.ask("why"))


@review_app.command("list")
def review_list(
    source: Annotated[str | None, typer.Option()] = None, as_json: JsonOpt = False
) -> None:
    """List pending proposals."""
    with opened_store() as store:
        queue = review_flow.pending(store, source)
    if as_json:
        print_json(
            [
                {"id": p.id, "source_id": p.source_id, "kind": p.kind, "payload": p.payload}
                for p in queue
            ]
        )
        return
    for p in queue:
        console.print(f"{p.id}  {escape(_describe(p))}")
    console.print(f"{len(queue)} proposal(s) pending.")


@review_app.command("accept")
def review_accept(
    proposal_id: str,
    link_to: Annotated[str | None, typer.Option(help="Person id a mention is about.")] = None,
    credibility: Annotated[int, typer.Option(help="1 (confirmed) … 6")] = 3,
    date: Annotated[str | None, typer.Option(help="Correct the event's date.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Correct the type.")] = None,
    group_size: Annotated[int | None, typer.Option(help="People in a group event.")] = None,
) -> None:
    """Accept a proposal, optionally corrected."""
    with opened_store() as store:
        with store.reading() as conn:
            kind = proposals.get(conn, proposal_id).kind  # an unknown id is an error here
        if kind == "person":
            d = review_flow.accept_person(store, state.actor, proposal_id, link_to=link_to)
        else:
            edits = {
                k: v
                for k, v in (("date", date), ("type", event_type), ("group_size", group_size))
                if v is not None
            }
            d = review_flow.accept_event(
                store, state.actor, proposal_id, credibility=credibility, edits=edits
            )
    console.print(f"Accepted {proposal_id}: {d.result_id}")


@review_app.command("reject")
def review_reject(
    proposal_id: str, reason: Annotated[str, typer.Option(help="Why (kept with it).")]
) -> None:
    """Reject a proposal; it is never proposed again for that source."""
    with opened_store() as store:
        review_flow.reject(store, state.actor, proposal_id, reason)
    console.print(f"Rejected {proposal_id}.")
