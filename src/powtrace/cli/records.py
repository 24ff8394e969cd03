"""`powtrace person …`, `powtrace event …` and `powtrace source …`."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from powtrace.cli import render
from powtrace.cli.common import JsonOpt, console, err_console, opened_store, print_json, state
from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Citation, Event, NameForm, Person
from powtrace.domain.visibility import Visibility
from powtrace.workflows import registry
from powtrace.workflows.source_search import MAX_RESULTS, Passage, SourceHit, search_sources

person_app = typer.Typer(help="Add, show, list and search persons.", no_args_is_help=True)
event_app = typer.Typer(help="Add events to a person's record.", no_args_is_help=True)
source_app = typer.Typer(help="Keep sources: articles, testimonies, lists.", no_args_is_help=True)


# ---- persons --------------------------------------------------------------------------------
@person_app.command("add")
def person_add(
    name: Annotated[str, typer.Argument(help="The name as written, in its own script.")],
    other: Annotated[list[str], typer.Option("--name", help="Another name form (repeat).")] = [],  # noqa: B006
    kind: Annotated[
        str, typer.Option(help="official, as_reported, transliteration, alias")
    ] = "official",
    language: Annotated[str | None, typer.Option(help="Language of the name: ru, uk, en…")] = None,
    surname: Annotated[str | None, typer.Option()] = None,
    given: Annotated[str | None, typer.Option()] = None,
    patronymic: Annotated[str | None, typer.Option()] = None,
    birth_date: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    gender: Annotated[str, typer.Option(help="m, f or unknown")] = "unknown",
    side: Annotated[str, typer.Option(help="russia, ukraine, other, unknown")] = "unknown",
    unit: Annotated[str | None, typer.Option()] = None,
    rank: Annotated[str | None, typer.Option()] = None,
    region: Annotated[str | None, typer.Option(help="Home region.")] = None,
    visibility: Annotated[str, typer.Option(help="public, restricted, sealed")] = "restricted",
    as_json: JsonOpt = False,
) -> None:
    """Add a person to the registry."""
    forms = [
        NameForm(
            name, kind=kind, language=language, surname=surname, given=given, patronymic=patronymic
        )
    ]
    forms += [NameForm(n, kind="as_reported") for n in other]
    person = Person(
        name_forms=forms,
        birth_date=parse_optional(birth_date),
        gender=gender,
        side=side,
        unit=unit,
        rank=rank,
        home_region=region,
        visibility=Visibility.parse(visibility),
    )
    with opened_store() as store:
        registry.add_person(store, state.actor, person)
    if as_json:
        print_json({"id": person.id})
    else:
        console.print(f"Added {person.display_name} as {person.id}")


@person_app.command("show")
def person_show(person_id: str, as_json: JsonOpt = False) -> None:
    """Show a person: name forms, identity, status and sources."""
    with opened_store() as store:
        view = registry.view_person(store, state.actor, person_id, state.clearance)
    if as_json:
        print_json(
            {
                "person": view.person,
                "status": view.lifecycle.status,
                "facets": view.lifecycle.facets,
                "events": view.events,
                "sources": list(view.sources.values()),
                "withheld": view.withheld,
            }
        )
        return
    render.person_card(view.person)
    render.status(view)
    render.sources(view)
    render.withheld(view)


@person_app.command("list")
def person_list(
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="At most this many.")] = 1000,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List the persons you may see, by name, a page at a time."""
    with opened_store() as store:
        total = registry.count_persons(store, state.clearance)
        rows = registry.list_persons(store, state.actor, state.clearance, limit, offset)
    print_json(rows) if as_json else render.person_rows(rows)
    if offset + len(rows) < total:
        err_console.print(
            f"Showing {offset + 1}–{offset + len(rows)} of {total}; "
            f"--offset {offset + len(rows)} for the next page."
        )


@person_app.command("search")
def person_search(
    query: str,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Find persons by name, typed in any script or spelling."""
    with opened_store() as store:
        hits = registry.search_persons(store, state.actor, query, state.clearance, limit)
    print_json(hits) if as_json else render.search_hits(query, hits)


# ---- events ---------------------------------------------------------------------------------
def _details(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(f"--detail '{pair}': write it as key=value")
        out[key.strip()] = value.strip()
    return out


@event_app.command("add")
def event_add(
    person_id: Annotated[str, typer.Argument(help="The person's id (see 'person list').")],
    event_type: Annotated[
        str, typer.Argument(metavar="TYPE", help="An event type, e.g. captured.")
    ],
    date: Annotated[
        str | None, typer.Option(help="Partial date: 2024, 2024-08, 2024-08-15, 2024-08~")
    ] = None,
    place: Annotated[str | None, typer.Option()] = None,
    agency: Annotated[str | None, typer.Option()] = None,
    detail: Annotated[list[str], typer.Option(help="key=value (repeat).")] = [],  # noqa: B006
    source: Annotated[str | None, typer.Option(help="Id of the source that supports it.")] = None,
    excerpt: Annotated[str | None, typer.Option(help="The exact words in the source.")] = None,
    credibility: Annotated[int, typer.Option(help="1 (confirmed) … 6 (cannot be judged)")] = 6,
    review: Annotated[
        str, typer.Option(help="proposed, confirmed, disputed, rejected")
    ] = "proposed",
    visibility: Annotated[str | None, typer.Option(help="Default: the type's own.")] = None,
    note: Annotated[str | None, typer.Option()] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add an event to a person's record, with the source words that support it."""
    if (source is None) != (excerpt is None):
        raise ValidationError("give --source and --excerpt together, or neither")
    with opened_store() as store:
        citations = []
        if source is not None and excerpt is not None:
            start, end = registry.cite_excerpt(store, source, excerpt)
            citations.append(Citation(source, start, end, excerpt, credibility))
        event = Event(
            type=event_type,
            person_id=person_id,
            date=parse_optional(date),
            place=place,
            agency=agency,
            details=_details(detail),
            citations=citations,
            review=review,
            visibility=Visibility.parse(visibility) if visibility else None,
            note=note,
        )
        registry.add_event(store, state.actor, event)
    if as_json:
        print_json({"id": event.id})
    else:
        console.print(f"Added {event.label} ({event.review.value}) as {event.id}")


# ---- sources --------------------------------------------------------------------------------
@source_app.command("add")
def source_add(
    file: Annotated[Path, typer.Argument(help="The file as received; its bytes are kept.")],
    title: Annotated[str | None, typer.Option()] = None,
    kind: Annotated[
        str, typer.Option(help="article, testimony, exchange_list, official_record, video, other")
    ] = "article",
    outlet: Annotated[str | None, typer.Option()] = None,
    url: Annotated[str | None, typer.Option()] = None,
    published: Annotated[str | None, typer.Option(help="Partial date")] = None,
    language: Annotated[str | None, typer.Option(help="en, ru, uk…")] = None,
    reliability: Annotated[str, typer.Option(help="Admiralty grade A–F")] = "F",
    visibility: Annotated[str, typer.Option()] = "restricted",
    as_json: JsonOpt = False,
) -> None:
    """Keep a source file with its SHA-256; the same bytes twice are stored once."""
    with opened_store() as store:
        src, created = registry.add_source_file(
            store,
            state.actor,
            file,
            title=title,
            kind=kind,
            outlet=outlet,
            url=url,
            published=parse_optional(published),
            language=language,
            reliability=reliability,
            visibility=Visibility.parse(visibility),
        )
    if as_json:
        print_json({"id": src.id, "sha256": src.sha256, "created": created})
    elif created:
        console.print(f"Kept {file} as source {src.id} (SHA-256 {src.sha256})")
    else:
        console.print(f"{file} is already kept as source {src.id}; nothing added")


@source_app.command("list")
def source_list(as_json: JsonOpt = False) -> None:
    """List the sources you may see."""
    with opened_store() as store:
        found = registry.list_sources(store, state.clearance)
    if as_json:
        print_json(
            [{k: v for k, v in vars(s).items() if k not in {"content", "text"}} for s in found]
        )
        return
    table = Table(title="Sources")
    for col in ("id", "title", "kind", "outlet", "published", "reliability"):
        table.add_column(col, no_wrap=(col == "id"))
    for s in found:
        # Text, not markup: a title or outlet with brackets is shown as written.
        title, outlet = Text(s.title), Text(s.outlet or "")
        table.add_row(s.id, title, s.kind.value, outlet, str(s.published or ""), s.reliability)
    console.print(table)


@source_app.command("search")
def source_search(
    query: str,
    limit: Annotated[int, typer.Option(min=1, max=MAX_RESULTS)] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Find sources holding every word in their title or text; shows the passage that matched."""
    with opened_store() as store:
        hits = search_sources(store, state.actor, query, state.clearance, limit)
    if as_json:
        print_json([_source_hit_json(h) for h in hits])
        return
    _print_source_hits(query, hits)


def _source_hit_json(hit: SourceHit) -> dict[str, object]:
    """The source's fields (not its bytes or text: a passage is what a search shows)."""
    fields = {k: v for k, v in vars(hit.source).items() if k not in {"content", "text"}}
    fields["passage"] = dataclasses.asdict(hit.passage) if hit.passage else None
    return fields


def passage_text(p: Passage | None) -> Text:
    """The passage as rich text: matched words styled by offset, "…" where it was cut.

    Built as ``Text`` rather than markup, so brackets in a source's text stay text.
    """
    if p is None:
        return Text("(the words are in the title)", style="dim")
    before = "…" if p.cut_before else ""
    text = Text(before + p.text + ("…" if p.cut_after else ""))
    for a, b in p.marks:
        text.stylize("bold black on yellow", len(before) + a, len(before) + b)
    return text


def _print_source_hits(query: str, hits: list[SourceHit]) -> None:
    if not hits:
        console.print(Text(f"No source you may see matches '{query}'."))
        return
    table = Table(title=Text(f"Sources matching '{query}'"))
    # Long words fold rather than end in "…", which marks where a passage was cut.
    for col in ("id", "title", "published", "passage"):
        table.add_column(col, no_wrap=(col == "id"), overflow="fold")
    for h in hits:
        s = h.source
        table.add_row(s.id, Text(s.title), str(s.published or ""), passage_text(h.passage))
    console.print(table)


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``--column surname=Фамилия`` pairs as a dict (our field -> the list's header)."""
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise ValidationError(f"--column '{pair}': write it as field=Header")
        mapping[ours.strip()] = theirs.strip()
    return mapping


@person_app.command("import")
def person_import(
    file: Annotated[
        Path, typer.Argument(help="A list, CSV or .xlsx (first worksheet): one person per row.")
    ],
    list_name: Annotated[
        str | None, typer.Option("--list", help="Name of the list (default: list:FILE-NAME).")
    ] = None,
    column: Annotated[
        list[str], typer.Option(help="field=Header for a column with an unusual name (repeat).")
    ] = [],  # noqa: B006
    encoding: Annotated[
        str, typer.Option(help="Text encoding of a CSV list, e.g. cp1251.")
    ] = "utf-8-sig",
    side: Annotated[str | None, typer.Option(help="Side of everyone on the list.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add every person on a list, keeping each row's own id; bad rows are listed by line."""
    from rich.progress import Progress

    from powtrace.workflows import lists

    with opened_store() as store, Progress(console=console, transient=True) as bar:
        task = bar.add_task(f"Importing {file.name}", total=None)
        result = lists.import_list_file(
            store,
            state.actor,
            file,
            scheme=list_name,
            mapping=parse_mapping(column),
            encoding=encoding,
            side=side,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if as_json:
        print_json(
            {
                "scheme": result.scheme,
                "created": result.created,
                "existing": result.existing,
                "errors": [str(e) for e in result.errors],
            }
        )
        return
    console.print(
        f"{file}: added {len(result.created)} person(s) as list '{result.scheme}'; "
        f"{result.existing} row(s) were already imported."
    )
    if result.errors:
        err = typer.echo
        err(f"{len(result.errors)} row(s) were not imported; correct them and run again:", err=True)
        for e in result.errors:
            err(f"  {file.name} {e}", err=True)
