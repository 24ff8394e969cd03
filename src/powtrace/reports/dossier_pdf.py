"""A person dossier as PDF (A4, Noto Sans embedded, deterministic bytes)."""

from __future__ import annotations

from powtrace.reports.model import Dossier, FindingRow
from powtrace.reports.pdf import GREY, ReportPDF, fixed_date


def _finding(pdf: ReportPDF, f: FindingRow) -> None:
    pdf.h3(f.title)
    state = "supported" if f.supported else "no longer supported by the facts"
    pdf.grid(
        ["certainty", "severity", "status", "law", "responsible state"],
        [[f.certainty, f.severity, f"{f.status}; {state}", f.legal_certainty, f.responsible_state]],
        (1, 1, 2, 1, 1.3),
    )
    pdf.para(f.explanation)
    pdf.ln(1)
    pdf.para("Legal basis", bold=True)
    for b in f.legal_basis:
        pdf.para(f"{b.instrument}, art. {b.article}: {b.paraphrase}", indent=4)
        if b.link:
            pdf.para(b.link, size=7.5, colour=GREY, indent=4)
    if f.events:
        pdf.para("Events it rests on", bold=True)
        for role, label, date in f.events:
            pdf.para(f"{role}: {label} ({date})", indent=4)
    pdf.para(f"rule {f.rule_id} · finding {f.id}", size=7.5, colour=GREY)


def render(d: Dossier) -> bytes:
    """The dossier as PDF bytes."""
    mode = "REDACTED" if d.redacted else "FULL — SEALED CONTENT"
    pdf = ReportPDF(
        f"Dossier: {d.display_name}",
        f"powtrace person dossier · {d.person_ref} · {mode}",
        fixed_date(d.generated_at, d.as_of),
        full=not d.redacted,
    )
    pdf.add_page()
    made = f" · made {d.generated_at}" if d.generated_at else ""
    pdf.title_block(
        d.display_name, f"Person dossier · record {d.person_ref} · data as of {d.as_of}{made}"
    )
    for note in d.notes:
        pdf.banner(note)
    pdf.h2("Names")
    pdf.grid(
        ["name as written", "script", "language", "kind"],
        [[n.text, n.script, n.language, n.kind] for n in d.names],
        (4, 1.2, 1, 1.4),
    )
    pdf.h2("Identity")
    pdf.grid(None, [[k, v] for k, v in [("Status (derived)", d.status), *d.facts]], (1, 2.2))
    pdf.h2("Capture card (GC III, Annex IV B)")
    pdf.grid(
        ["field", "value"],
        [[label, value or "not recorded"] for _, label, value in d.capture_card.fields],
        (1.4, 2),
    )
    pdf.h2("Timeline")
    pdf.para(
        "Every event with the words of the sources it rests on. Only confirmed events count "
        "towards the status; proposed and disputed ones are marked.",
        size=8.5,
        colour=GREY,
    )
    for row in d.timeline:
        flag = "" if row.review == "confirmed" else f" ({row.review})"
        pdf.h3(f"{row.date} — {row.label}{flag}")
        where = ", ".join(x for x in (row.place, row.agency) if x)
        if where:
            pdf.para(where)
        if row.details:
            pdf.para("; ".join(f"{k}: {v}" for k, v in row.details))
        if row.date_note:
            pdf.para(f"Date: {row.date_note}", size=8, colour=GREY)
        if row.custody_after:
            pdf.para(f"Custody after: {row.custody_after}", size=8, colour=GREY)
        for c in row.citations:
            s = c.source
            pdf.para(f"“{c.excerpt}”", indent=5, size=9)
            meta = "; ".join(
                x
                for x in (
                    f"[{s.ref}] {s.title}",
                    s.outlet,
                    s.published and f"published {s.published}",
                    f"reliability {s.reliability}",
                    f"credibility {c.credibility}",
                    f"SHA-256 {s.sha256}",
                    s.retrieved_at and f"retrieved {s.retrieved_at}",
                )
                if x
            )
            pdf.para(meta, indent=5, size=7.5, colour=GREY)
        pdf.para(f"event {row.id}", size=7, colour=GREY)
    pdf.h2("Findings")
    if not d.findings:
        pdf.para("No finding is recorded for this person.")
    for f in d.findings:
        _finding(pdf, f)
    if d.problems:
        pdf.h2("Data-quality problems")
        for p in d.problems:
            pdf.para(f"• {p}")
    pdf.h2("Sources")
    pdf.grid(
        ["ref", "source", "published", "reliability", "SHA-256 of the original"],
        [
            [s.ref, f"{s.title}\n{s.kind}; {s.outlet}", s.published, s.reliability, s.sha256]
            for s in d.sources
        ],
        (0.5, 3, 1, 1.2, 2.2),
        size=7.5,
    )
    pdf.h2("Appendix: chain of custody")
    for c in d.custody:
        s = c.source
        pdf.h3(f"[{s.ref}] {s.title}")
        facts = [
            ["Record", s.id],
            ["SHA-256 of the original", s.sha256],
            ["Media type / size", f"{s.media_type} {s.size}".strip()],
            ["Retrieved", s.retrieved_at],
        ]
        if s.url:
            facts.append(["URL", s.url])
        facts += [[x.at, f"{x.action} by {x.actor}"] for x in c.entries]
        pdf.grid(None, facts, (1, 2.4), size=8)
    return pdf.output_bytes()
