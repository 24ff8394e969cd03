"""`powtrace wish record`: a refusal of repatriation or a relative's request (sealed)."""

from __future__ import annotations

from typing import Annotated

import typer

from powtrace.cli.common import console, opened_store, state
from powtrace.domain.dates import parse_optional
from powtrace.workflows import wishes

wish_app = typer.Typer(
    help="Refusals of repatriation and requests to stay out of an exchange (sealed records).",
    no_args_is_help=True,
)


@wish_app.command("record")
def record(
    person_id: str,
    date: Annotated[str | None, typer.Option(help="When it was expressed (partial date).")] = None,
    source: Annotated[str | None, typer.Option(help="Source id of the record of the wish.")] = None,
    excerpt: Annotated[str | None, typer.Option(help="The exact words in that source.")] = None,
    consent: Annotated[
        bool,
        typer.Option("--consent", help="The person (or relative) consents to our acting on it."),
    ] = False,
    obtained_via: Annotated[
        str | None, typer.Option(help="icrc_interview, lawyer, letter, video or other")
    ] = None,
    wish: Annotated[
        str, typer.Option(help="refuses_repatriation, seeks_to_stay or seeks_asylum")
    ] = "refuses_repatriation",
    relative: Annotated[
        str | None, typer.Option(help="A relative's request: the relative's name.")
    ] = None,
    relationship: Annotated[str | None, typer.Option(help="e.g. mother")] = None,
    risks: Annotated[str | None, typer.Option(help="What he fears at home.")] = None,
    medical_state: Annotated[
        str | None,
        typer.Option(help="seriously_wounded, seriously_sick, wounded, sick, fit, unknown"),
    ] = None,
) -> None:
    """Record a person's wish not to be repatriated, or a relative's request (sealed)."""
    w = wishes.Wish(
        person_id=person_id,
        date=parse_optional(date),
        source_id=source,
        excerpt=excerpt,
        consent=consent or None,
        obtained_via=obtained_via,
        wish=wish,
        from_relative=relative is not None,
        expressed_by=relative,
        relationship=relationship,
        risks=risks,
        medical_state=medical_state,
    )
    with opened_store() as store:
        event = wishes.record_wish(store, state.actor, w)
    console.print(
        f"Recorded (sealed) as {event.id}. Exchange lists naming this person will raise an alert."
    )
