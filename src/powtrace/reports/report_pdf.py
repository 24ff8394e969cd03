"""The aggregate report as PDF, with its charts embedded as vector graphics."""

from __future__ import annotations

from powtrace.domain.errors import N_
from powtrace.reports.aggregate import Report
from powtrace.reports.pdf import GREY, ReportPDF, fixed_date
from powtrace.reports.report_html import (
    DEFINITION,
    EMPTY,
    TITLE,
    cell_text,
    made,
    persons_line,
    suppression_note,
)
from powtrace.reports.text import FULL_NOTE


def render(report: Report) -> bytes:
    """The report as PDF bytes, in the report's language."""
    tr = report.language
    mode = tr.text(N_("REDACTED") if report.redacted else N_("FULL — SEALED CONTENT"))
    title = tr.text(TITLE)
    pdf = ReportPDF(
        title,
        tr.text(N_("powtrace aggregate report · %(mode)s"), mode=mode),
        fixed_date(report.generated_at, report.as_of),
        full=not report.redacted,
        lang=tr.code,
        page_label=tr.text(N_("page %(page)s of %(pages)s"), page="{page}", pages="{nb}"),
    )
    pdf.add_page()
    subtitle = tr.text(N_("Data as of %(when)s"), when=tr.moment(report.as_of)) + made(report)
    pdf.title_block(title, subtitle)
    pdf.banner(suppression_note(report) if report.redacted else FULL_NOTE)
    pdf.para(" ".join(persons_line(report)))
    definition, empty = tr.text(DEFINITION), tr.text(EMPTY)
    for t in report.tables:
        pdf.h2(t.title)
        pdf.para(f"{definition} {t.definition}", size=8.5, colour=GREY)
        pdf.ln(1)
        if not t.rows:
            pdf.para(empty)
            continue
        if t.chart:
            pdf.svg(t.chart)
        widths = (3.2, *[1.2] * len(t.columns))
        pdf.grid(
            ["", *t.columns],
            [[label, *[cell_text(c, tr) for c in cells]] for label, cells in t.rows],
            widths,
            size=8,
            numeric=set(range(1, len(t.columns) + 1)),
        )
        for n in t.notes:
            pdf.para(n, size=8.5)
    return pdf.output_bytes()
