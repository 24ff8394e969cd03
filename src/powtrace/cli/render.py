"""Rich tables and panels for the command line. Pure presentation: no store access."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from powtrace.cli.common import console
from powtrace.domain.model import Event, Person, Source
from powtrace.domain.vocab import event_type
from powtrace.lifecycle import Lifecycle, status_label
from powtrace.workflows.registry import PersonRow, PersonView, SearchHit


def person_rows(rows: list[PersonRow], title: str = "Persons") -> None:
    table = Table(title=title)
    for col in ("id", "name", "other name forms", "side", "born"):
        table.add_column(col, no_wrap=(col == "id"))
    for r in rows:
        table.add_row(r.id, r.name, "; ".join(r.other_names), r.side, r.birth_date or "")
    console.print(table)


def search_hits(query: str, hits: list[SearchHit]) -> None:
    if not hits:
        console.print(f"No person matches '{query}'.")
        return
    table = Table(title=f"Persons matching '{query}'")
    for col in ("id", "name", "matched name form", "why"):
        table.add_column(col, no_wrap=(col == "id"))
    for h in hits:
        table.add_row(h.id, h.name, h.matched, h.reason)
    console.print(table)


def person_card(p: Person) -> None:
    table = Table(title=f"{p.display_name}  ({p.id})", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    for form in p.name_forms:
        lang = f", {form.language}" if form.language else ""
        table.add_row("name", f"{form.text}  [dim]({form.kind.value}, {form.script}{lang})[/]")
    for label, value in (
        ("born", p.birth_date),
        ("birth place", p.birth_place),
        ("gender", p.gender.value),
        ("side", p.side.value),
        ("unit", p.unit),
        ("rank", p.rank),
        ("service number", p.service_number),
        ("home region", p.home_region),
        ("visibility", p.visibility.value),
        ("note", p.note),
    ):
        if value not in (None, "", "unknown"):
            table.add_row(label, str(value))
    for x in p.external_ids:
        table.add_row("external id", f"{x.scheme}: {x.value}")
    console.print(table)


def _event_what(e: Event) -> str:
    parts = [event_type(e.type).label]
    if e.details:
        parts.append(", ".join(f"{k}: {v}" for k, v in sorted(e.details.items())))
    if e.group_size:
        parts.append(f"group of {e.group_size}")
    return " — ".join(parts)


def timeline(view: PersonView) -> None:
    lc = view.lifecycle
    table = Table(title=f"Timeline of {view.person.display_name}")
    for col in ("date", "event", "place / agency", "custody after", "sources"):
        table.add_column(col, no_wrap=(col == "id"))
    for entry in lc.entries:
        e = entry.event
        where = " / ".join(x for x in (e.place, e.agency) if x)
        cites = "; ".join(
            _citation_label(c.source_id, c.credibility, view.sources) for c in e.citations
        )
        date = str(e.date) if e.date else "undated"
        table.add_row(date, _event_what(e), where, entry.custody_after or "", cites)
    console.print(table)
    pending = [e for e in view.events if e.review.value != "confirmed"]
    if pending:
        console.print(
            f"{len(pending)} event(s) not confirmed are not on the timeline: "
            + ", ".join(f"{e.type} ({e.review.value})" for e in pending)
        )
    _withheld(view)


def _citation_label(source_id: str, credibility: int, sources: dict[str, Source]) -> str:
    s = sources.get(source_id)
    if s is None:
        return f"{source_id} (withheld)"
    return f"{s.outlet or s.title} {s.published or ''} [{s.reliability}{credibility}]".strip()


def status(view: PersonView) -> None:
    lc: Lifecycle = view.lifecycle
    console.print(Text.assemble(("Status: ", "bold"), status_label(lc.status)))
    if lc.custody:
        console.print(f"Custody: {lc.custody}")
    for name, facet in sorted(lc.facets.items()):
        since = f" since {facet.since}" if facet.since else ""
        console.print(f"  {name}: {facet.value}{since}")
    if lc.times_captured > 1:
        console.print(f"Captured {lc.times_captured} times.")
    for problem in lc.problems:
        console.print(f"[yellow]data problem[/] ({problem.code}): {problem.message}")
    _withheld(view)


def sources(view: PersonView) -> None:
    if not view.sources:
        return
    table = Table(title="Sources")
    for col in ("id", "title", "outlet", "published", "reliability", "sha256"):
        table.add_column(col, no_wrap=(col == "id"))
    for s in view.sources.values():
        table.add_row(
            s.id,
            s.title,
            s.outlet or "",
            str(s.published or ""),
            s.reliability,
            s.sha256[:16] + "…",
        )
    console.print(table)


def _withheld(view: PersonView) -> None:
    w = view.withheld
    if w.records or w.fields:
        console.print(
            f"[dim]{w.records} record(s) and {w.fields} field(s) are withheld at your clearance.[/]"
        )
