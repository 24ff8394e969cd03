"""The aggregate report as one self-contained HTML file, charts inline as SVG."""

from __future__ import annotations

from powtrace.domain.errors import N_
from powtrace.reports.aggregate import Cell, Report
from powtrace.reports.html import banner, e, page, table
from powtrace.reports.language import ENGLISH, Language
from powtrace.reports.text import FULL_NOTE

TITLE = N_("Prisoners of war: aggregate report")
DEFINITION = N_("Definition.")
EMPTY = N_("No person in the report falls under this heading.")


def cell_text(cell: Cell, language: Language = ENGLISH) -> str:
    """A number with the count of sources behind it."""
    return language.text(N_("%(count)s (%(n)s src)"), count=cell.count.text, n=cell.sources)


def suppression_note(report: Report) -> str:
    return report.language.text(
        N_(
            "Redacted report: counts from 1 to %(below)s are shown as “<%(threshold)s”, and one "
            "more count in a table is hidden when a single hidden count could be worked out from "
            "the others. Sealed records are not counted."
        ),
        below=report.threshold - 1,
        threshold=report.threshold,
    )


def made(report: Report) -> str:
    """When the report was made, when the caller said so: " · made …", else nothing."""
    if not report.generated_at:
        return ""
    return report.language.text(
        N_(" · made %(when)s"), when=report.language.moment(report.generated_at)
    )


def persons_line(report: Report) -> tuple[str, str, str]:
    """The sentence on the people counted: its words before the count, the count, the rest."""
    tr = report.language
    return (
        tr.text(N_("People in the registry the report may show:")),
        report.persons.count.text,
        tr.text(
            N_(
                "(%(n)s sources behind their confirmed events). Each number below is followed "
                "by the count of distinct sources behind it (“src”)."
            ),
            n=report.persons.sources,
        ),
    )


def render(report: Report) -> str:
    """The report as HTML, in the report's language."""
    tr = report.language
    stamp = tr.text(
        N_("powtrace aggregate report · data as of %(when)s"), when=tr.moment(report.as_of)
    )
    before, count, after = persons_line(report)
    out = [
        f'<p class="muted">{e(stamp + made(report))}</p>',
        f"<h1>{e(tr.text(TITLE))}</h1>",
        banner(suppression_note(report) if report.redacted else FULL_NOTE, not report.redacted),
        f'<p>{e(before)} <b>{e(count)}</b> <span class="muted">{e(after)}</span></p>',
    ]
    definition, empty = tr.text(DEFINITION), tr.text(EMPTY)
    for t in report.tables:
        out.append(f"<h2>{e(t.title)}</h2>")
        out.append(f'<p class="def"><b>{e(definition)}</b> {e(t.definition)}</p>')
        if not t.rows:
            out.append(f"<p>{e(empty)}</p>")
            continue
        if t.chart:
            out.append(f"<figure>{t.chart}</figure>")
        headers = ["", *[e(c) for c in t.columns]]
        rows = [[e(label), *[e(cell_text(c, tr)) for c in cells]] for label, cells in t.rows]
        out.append(table(headers, rows, numeric=set(range(1, len(headers)))))
        out.extend(f'<p class="def">{e(n)}</p>' for n in t.notes)
    return page(tr.text(N_("Aggregate report")), out, lang=tr.code)
