"""The aggregate report as PDF, with its charts embedded as vector graphics."""

from __future__ import annotations

from powtrace.reports.aggregate import Report
from powtrace.reports.pdf import GREY, ReportPDF, fixed_date
from powtrace.reports.report_html import cell_text, suppression_note
from powtrace.reports.text import FULL_NOTE


def render(report: Report) -> bytes:
    """The report as PDF bytes."""
    mode = "REDACTED" if report.redacted else "FULL — SEALED CONTENT"
    pdf = ReportPDF(
        "Prisoners of war: aggregate report",
        f"powtrace aggregate report · {mode}",
        fixed_date(report.generated_at, report.as_of),
        full=not report.redacted,
    )
    pdf.add_page()
    made = f" · made {report.generated_at}" if report.generated_at else ""
    pdf.title_block("Prisoners of war: aggregate report", f"Data as of {report.as_of}{made}")
    pdf.banner(suppression_note(report) if report.redacted else FULL_NOTE)
    pdf.para(
        f"People in the registry the report may show: {report.persons.count.text} "
        f"({report.persons.sources} sources behind their confirmed events). Each number below "
        "is followed by the count of distinct sources behind it (“src”)."
    )
    for t in report.tables:
        pdf.h2(t.title)
        pdf.para(f"Definition. {t.definition}", size=8.5, colour=GREY)
        pdf.ln(1)
        if not t.rows:
            pdf.para("No person in the report falls under this heading.")
            continue
        if t.chart:
            pdf.svg(t.chart)
        widths = (3.2, *[1.2] * len(t.columns))
        pdf.grid(
            ["", *t.columns],
            [[label, *[cell_text(c) for c in cells]] for label, cells in t.rows],
            widths,
            size=8,
            numeric=set(range(1, len(t.columns) + 1)),
        )
        for n in t.notes:
            pdf.para(n, size=8.5)
    return pdf.output_bytes()
