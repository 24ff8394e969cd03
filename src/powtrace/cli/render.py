"""Rich tables and panels for the command line. Pure presentation: no store access."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from powtrace.cli.common import console
from powtrace.domain.model import Event, Person, Source
from powtrace.domain.vocab import event_type
from powtrace.lifecycle import Lifecycle, status_label
from powtrace.workflows.overview import AuditRow
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


def _source_numbers(view: PersonView) -> dict[str, int]:
    """Footnote numbers for the sources a view cites, in order of first citation."""
    numbers: dict[str, int] = {}
    for entry in view.lifecycle.entries:
        for c in entry.event.citations:
            numbers.setdefault(c.source_id, len(numbers) + 1)
    for e in view.events:
        for c in e.citations:
            numbers.setdefault(c.source_id, len(numbers) + 1)
    return numbers


def timeline(view: PersonView) -> None:
    """Confirmed events in order; sources as footnotes with reliability and credibility."""
    numbers = _source_numbers(view)
    table = Table(title=f"Timeline of {view.person.display_name}")
    for col in ("date", "event", "place / agency", "custody after", "sources"):
        table.add_column(col)
    for entry in view.lifecycle.entries:
        e = entry.event
        where = " / ".join(x for x in (e.place, e.agency) if x)
        cites = " ".join(
            _citation_label(c.source_id, c.credibility, numbers, view.sources) for c in e.citations
        )
        date = str(e.date) if e.date else "undated"
        table.add_row(date, escape(_event_what(e)), escape(where), entry.custody_after or "", cites)
    console.print(table)
    pending = [e for e in view.events if e.review.value != "confirmed"]
    if pending:
        console.print(
            f"{len(pending)} event(s) not confirmed are not on the timeline: "
            + ", ".join(f"{e.type} ({e.review.value})" for e in pending)
        )
    withheld(view)


def _citation_label(
    source_id: str, credibility: int, numbers: dict[str, int], sources: dict[str, Source]
) -> str:
    s = sources.get(source_id)
    grade = f"{s.reliability}{credibility}" if s else "withheld"
    return f"\\[{numbers[source_id]}] {grade}"


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


def sources(view: PersonView) -> None:
    """The sources a view cites, numbered as in the timeline; withheld ones say so."""
    numbers = _source_numbers(view)
    if not numbers:
        return
    table = Table(title="Sources (reliability A–F; credibility 1–6 per claim)")
    for col in ("#", "id", "title", "outlet", "published", "reliability", "SHA-256"):
        table.add_column(col, no_wrap=col in {"#", "id"})
    for source_id, n in numbers.items():
        s = view.sources.get(source_id)
        if s is None:
            table.add_row(str(n), source_id, "(withheld at your clearance)", "", "", "", "")
            continue
        table.add_row(
            str(n),
            s.id,
            escape(s.title),
            escape(s.outlet or ""),
            str(s.published or ""),
            s.reliability,
            s.sha256[:16] + "…",
        )
    console.print(table)


def withheld(view: PersonView) -> None:
    w = view.withheld
    if w.records or w.fields:
        console.print(
            f"[dim]{w.records} record(s) and {w.fields} field(s) are withheld at your clearance.[/]"
        )


def audit_entries(entries: list[AuditRow], record: str | None) -> None:
    if not entries:
        console.print(f"No audit entries about '{escape(record)}'." if record else "No entries.")
        return
    table = Table(title=f"Audit entries about {escape(record)}" if record else "Audit entries")
    for col in ("#", "when", "who", "action", "record"):
        table.add_column(col, no_wrap=col in ("#", "when"))
    for e in entries:
        table.add_row(str(e.seq), e.at, escape(e.actor), e.action, f"{e.entity} {e.entity_id}")
    console.print(table)
