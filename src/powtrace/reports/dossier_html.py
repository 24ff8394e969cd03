"""A person dossier as one self-contained HTML file."""

from __future__ import annotations

from powtrace.reports.html import banner, e, page, table
from powtrace.reports.model import CitationLine, Dossier, FindingRow, SourceRef


def _cite(c: CitationLine) -> str:
    s = c.source
    meta = "; ".join(
        x
        for x in (
            f"[{s.ref}] {e(s.title)}",
            e(s.outlet),
            e(s.published) and f"published {e(s.published)}",
            f"reliability {e(s.reliability)}",
            f"credibility {e(c.credibility)}",
            f'SHA-256 <span class="hash">{e(s.sha256)}</span>',
            s.retrieved_at and f"retrieved {e(s.retrieved_at)}",
        )
        if x
    )
    return f'<blockquote>“{e(c.excerpt)}”</blockquote><div class="src">{meta}</div>'


def _finding(f: FindingRow) -> str:
    state = "supported" if f.supported else "no longer supported by the facts"
    basis = "".join(
        f"<li><b>{e(b.instrument)}, art. {e(b.article)}</b>: {e(b.paraphrase)}"
        + (f' <span class="muted">{e(b.link)}</span>' if b.link else "")
        + "</li>"
        for b in f.legal_basis
    )
    events = "".join(
        f"<li>{e(role)}: {e(label)} ({e(date)})</li>" for role, label, date in f.events
    )
    return (
        f"<h3>{e(f.title)}</h3>"
        + table(
            ["certainty", "severity", "status", "law", "responsible state", "rule"],
            [
                [
                    e(f.certainty),
                    e(f.severity),
                    e(f"{f.status}; {state}"),
                    e(f.legal_certainty),
                    e(f.responsible_state),
                    e(f.rule_id),
                ]
            ],
        )
        + f"<p>{e(f.explanation)}</p>"
        + f"<p><b>Legal basis</b></p><ul>{basis}</ul>"
        + (f"<p><b>Events it rests on</b></p><ul>{events}</ul>" if events else "")
    )


def _source_rows(sources: list[SourceRef]) -> list[list[str]]:
    return [
        [
            e(s.ref),
            e(s.title) + f'<div class="muted">{e(s.kind)}; {e(s.outlet)}</div>',
            e(s.published),
            e(s.reliability),
            f'<span class="hash">{e(s.sha256)}</span>',
            e(s.retrieved_at),
        ]
        for s in sources
    ]


def render(d: Dossier) -> str:
    """The dossier as HTML."""
    out = [
        f'<p class="muted">powtrace person dossier · record {e(d.person_ref)} · data as of '
        f"{e(d.as_of)}" + (f" · made {e(d.generated_at)}" if d.generated_at else "") + "</p>",
        f"<h1>{e(d.display_name)}</h1>",
        *[banner(n, not d.redacted) for n in d.notes],
        "<h2>Names</h2>",
        table(
            ["name as written", "script", "language", "kind"],
            [[e(n.text), e(n.script), e(n.language), e(n.kind)] for n in d.names],
        ),
        "<h2>Identity</h2>",
        table(["", ""], [[e(k), e(v)] for k, v in [("Status (derived)", d.status), *d.facts]]),
        "<h2>Capture card (GC III, Annex IV B)</h2>",
        table(
            ["field", "value"],
            [
                [e(label), e(value) or '<span class="muted">not recorded</span>']
                for _, label, value in d.capture_card.fields
            ],
        ),
        "<h2>Timeline</h2>",
        '<p class="def">Every event with the words of the sources it rests on. Only confirmed '
        "events count towards the status; proposed and disputed ones are shown as such.</p>",
    ]
    for row in d.timeline:
        details = "; ".join(f"{e(k)}: {e(v)}" for k, v in row.details)
        where = ", ".join(e(x) for x in (row.place, row.agency) if x)
        out.append(
            f"<h3>{e(row.date)} — {e(row.label)}"
            + (
                f' <span class="muted">({e(row.review)})</span>'
                if row.review != "confirmed"
                else ""
            )
            + "</h3>"
            + (f"<p>{where}</p>" if where else "")
            + (f"<p>{details}</p>" if details else "")
            + (f'<p class="muted">Date: {e(row.date_note)}</p>' if row.date_note else "")
            + (
                f'<p class="muted">Custody after: {e(row.custody_after)}</p>'
                if row.custody_after
                else ""
            )
            + "".join(_cite(c) for c in row.citations)
            + (f'<p class="muted">event {e(row.id)}</p>')
        )
    out.append("<h2>Findings</h2>")
    if not d.findings:
        out.append("<p>No finding is recorded for this person.</p>")
    out.extend(_finding(f) for f in d.findings)
    if d.problems:
        out.append("<h2>Data-quality problems</h2><ul>")
        out.extend(f"<li>{e(p)}</li>" for p in d.problems)
        out.append("</ul>")
    out.append("<h2>Sources</h2>")
    out.append(
        table(
            ["ref", "source", "published", "reliability", "SHA-256", "retrieved"],
            _source_rows(d.sources),
        )
    )
    out.append("<h2>Appendix: chain of custody</h2>")
    for c in d.custody:
        s = c.source
        facts = [
            ["Source", e(f"[{s.ref}] {s.title}")],
            ["Record", e(s.id)],
            ["SHA-256 of the original", f'<span class="hash">{e(s.sha256)}</span>'],
            ["Media type / size", e(f"{s.media_type} {s.size}".strip())],
            ["Retrieved", e(s.retrieved_at)],
        ]
        if s.url:
            facts.append(["URL", e(s.url)])
        facts += [[e(x.at), e(f"{x.action} by {x.actor}")] for x in c.entries]
        out.append(f"<h3>{e(s.ref)}</h3>" + table(["", ""], facts))
    return page(f"Dossier: {d.display_name}", out)
