"""The aggregate report: every table with its definition and sources, suppression, charts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.reports import charts
from powtrace.reports.aggregate import Cell
from powtrace.reports.language import Language
from powtrace.reports.redaction import Count
from powtrace.store.store import Store
from powtrace.workflows import reports
from powtrace.workflows.demo import DemoResult

from .support import ACTOR, pdf_text, squash

TITLES = (
    "People by status and side",
    "From capture to outcome",
    "Time in post-return isolation",
    "Redeployment after exchange",
    "Prosecutions by article",
    "Findings by rule and month",
)
SVG = "{http://www.w3.org/2000/svg}"


def test_report_has_every_table_with_definition_and_sources(store: Store, demo: DemoResult) -> None:
    report = reports.build_report(store, ACTOR, Visibility.RESTRICTED, threshold=1)
    assert [t.title for t in report.tables] == list(TITLES)
    for t in report.tables:
        assert t.definition.strip() and "Sources" in t.definition
        assert all(isinstance(c, Cell) for _, cells in t.rows for c in cells)
    tables = {t.key: t for t in report.tables}
    flow = dict(tables["flow"].rows)
    returned = "captured › exchanged / returned"
    assert flow[returned][0].count.value == 3 and flow[returned][0].sources >= 2
    prosecution = dict(tables["prosecution"].rows)["CC RF 352.1 part 1"]
    assert [c.count.value for c in prosecution] == [1, 1, 1, 1]
    assert prosecution[0].sources == 0  # its only source is sealed: not counted when redacted
    redeploy = dict(tables["redeployment"].rows)
    assert redeploy["sent back to combat after return"][0].count.value == 1
    isolation = dict(tables["isolation"].rows)
    assert sum(c[0].count.value for c in isolation.values()) == 2
    assert "Median length in days: 26.5" in tables["isolation"].notes[0]  # 28 and 25 days
    assert report.persons.count.value == 5


def test_redacted_report_suppresses_small_counts(store: Store, demo: DemoResult) -> None:
    report = reports.build_report(store, ACTOR, Visibility.RESTRICTED)
    shown = [c.count.text for t in report.tables for _, cells in t.rows for c in cells]
    assert shown and set(shown) <= {"<5", "0"}
    assert report.persons.count.text == "5"
    html = reports.render_report(report, "html").decode()
    assert "&lt;5 (" in html and "not shown (fewer than 5 people)" in html
    assert "26.5" not in html


def test_full_report_counts_sealed_records(store: Store, demo: DemoResult) -> None:
    redacted = reports.build_report(store, ACTOR, Visibility.RESTRICTED, threshold=1)
    full = reports.build_report(store, ACTOR, Visibility.SEALED, full=True, threshold=1)

    def rules(r) -> str:
        return " ".join(label for label, _ in r.tables[-1].rows)

    assert "surrender" not in rules(redacted).lower()
    assert "surrender" in rules(full).lower()  # a sealed finding, counted only in full


def test_html_is_self_contained_with_inline_vector_charts(store: Store, demo: DemoResult) -> None:
    html = reports.render_report(reports.build_report(store, ACTOR, Visibility.RESTRICTED), "html")
    text = html.decode()
    assert "<script" not in text and not re.search(r'(src|href)="https?:', text)
    svgs = re.findall(r"<svg .*?</svg>", text, flags=re.S)
    assert len(svgs) == len(TITLES)
    for svg in svgs:
        assert ET.fromstring(svg).tag == f"{SVG}svg"


def test_pdf_report_text_and_determinism(store: Store, demo: DemoResult) -> None:
    first = reports.render_report(reports.build_report(store, ACTOR, Visibility.RESTRICTED), "pdf")
    again = reports.render_report(reports.build_report(store, ACTOR, Visibility.RESTRICTED), "pdf")
    assert first == again
    text = squash(pdf_text(first))
    for title in TITLES:
        assert squash(title) in text
    assert "<5(" in text


def test_charts_draw_suppressed_counts_without_length() -> None:
    hidden = Cell(Count(None, 5), 1)
    svg = charts.bars("t", [("<b>", hidden), ("x", Cell(Count(7, 5), 2))])
    root = ET.fromstring(svg)
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] == charts.STUB and widths[1] > charts.STUB
    assert "&lt;b&gt;" in svg


def test_an_empty_store_has_nothing_to_report(store: Store) -> None:
    with pytest.raises(ValidationError, match="nothing to report"):
        reports.build_report(store, ACTOR, Visibility.RESTRICTED)
    with pytest.raises(ValidationError, match="unknown report format 'docx'"):
        reports.check_format("docx", reports.REPORT_FORMATS, "report")
    with pytest.raises(ValidationError, match="threshold"):
        reports.build_report(store, ACTOR, Visibility.RESTRICTED, threshold=0)


def test_every_word_of_the_report_goes_through_its_language(store: Store, demo: DemoResult) -> None:
    """A language whose gettext brackets each message: every title, definition, column, label
    and note comes out bracketed (data such as articles stays as recorded); months, numbers
    and the PDF follow the language's locale."""
    marked = Language("ru", lambda m: f"[{m}]", lambda rule_id, stored: f"«{rule_id}»")
    report = reports.build_report(store, ACTOR, Visibility.RESTRICTED, threshold=1, language=marked)
    for t in report.tables:
        assert t.title.startswith("[") and t.definition.startswith("["), t.key
        assert all(c.startswith("[") for c in t.columns), t.key
        assert all(n.startswith("[") and n.endswith("]") for n in t.notes), t.key
    tables = {t.key: t for t in report.tables}
    for key in ("status_side", "isolation", "redeployment"):
        assert all(label.startswith("[") for label, _ in tables[key].rows), key
    assert all(re.fullmatch(r"\[.+\] › \[.+\]", label) for label, _ in tables["flow"].rows)
    assert "CC RF 352.1 part 1" in dict(tables["prosecution"].rows)
    months = [label for label, _ in tables["findings"].rows]
    assert months and all(re.fullmatch(r"«\w+» — [а-я]+ \d{4}\sг\.", m) for m in months), months
    assert tables["isolation"].notes[0] == "[Median length in days: 26,5.]"
    html = reports.render_report(report, "html").decode()
    assert '<html lang="ru">' in html and "<h1>[Prisoners of war: aggregate report]</h1>" in html
    text = squash(pdf_text(reports.render_report(report, "pdf")))
    assert squash("[Prisoners of war: aggregate report]") in text
    assert squash("[page 1 of 3]") in text or squash("[page 1 of 4]") in text
