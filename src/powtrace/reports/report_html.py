"""The aggregate report as one self-contained HTML file, charts inline as SVG."""

from __future__ import annotations

from powtrace.reports.aggregate import Cell, Report
from powtrace.reports.html import banner, e, page, table
from powtrace.reports.text import FULL_NOTE


def cell_text(cell: Cell) -> str:
    """A number with the count of sources behind it."""
    return f"{cell.count.text} ({cell.sources} src)"


def suppression_note(report: Report) -> str:
    return (
        f"Redacted report: counts from 1 to {report.threshold - 1} are shown as "
        f"“<{report.threshold}”, and one more count in a table is hidden when a single hidden "
        "count could be worked out from the others. Sealed records are not counted."
    )


def render(report: Report) -> str:
    """The report as HTML."""
    made = f" · made {report.generated_at}" if report.generated_at else ""
    out = [
        f'<p class="muted">powtrace aggregate report · data as of {e(report.as_of)}{e(made)}</p>',
        "<h1>Prisoners of war: aggregate report</h1>",
        banner(suppression_note(report) if report.redacted else FULL_NOTE, not report.redacted),
        f"<p>People in the registry the report may show: <b>{e(report.persons.count.text)}</b> "
        f'<span class="muted">({report.persons.sources} sources behind their confirmed '
        "events). Each number below is followed by the count of distinct sources behind it "
        "(“src”).</span></p>",
    ]
    for t in report.tables:
        out.append(f"<h2>{e(t.title)}</h2>")
        out.append(f'<p class="def"><b>Definition.</b> {e(t.definition)}</p>')
        if not t.rows:
            out.append("<p>No person in the report falls under this heading.</p>")
            continue
        if t.chart:
            out.append(f"<figure>{t.chart}</figure>")
        headers = ["", *[e(c) for c in t.columns]]
        rows = [[e(label), *[e(cell_text(c)) for c in cells]] for label, cells in t.rows]
        out.append(table(headers, rows, numeric=set(range(1, len(headers)))))
        out.extend(f'<p class="def">{e(n)}</p>' for n in t.notes)
    return page("Aggregate report", out)
