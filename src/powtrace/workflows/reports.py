"""Reports and exports: person dossiers, the aggregate report, FollowTheMoney, CSV, capture cards.

Every output is redacted unless an administrator asks for a full one: a full output needs
sealed clearance and writes an ``export`` audit entry saying so. Redacted outputs are made at
(at most) restricted clearance, then contact details are dropped and identifiers replaced by
pseudonyms keyed by a per-store secret (kept in the ``meta`` table, created on first use).
Outputs are deterministic: the same data gives the same bytes. The time a report states is
the store's last change, and the time it was made only when the caller passes it in.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from powtrace.domain.errors import N_, NotFoundError, ValidationError
from powtrace.domain.model import Event, Person, Source
from powtrace.domain.visibility import Visibility
from powtrace.domain.vocab import event_types
from powtrace.lifecycle import status_label, timeline
from powtrace.reports import aggregate as agg
from powtrace.reports import capture_card as card
from powtrace.reports import dossier_html, dossier_pdf, ftm, report_html, report_pdf, tabular
from powtrace.reports import text as words
from powtrace.reports.language import ENGLISH, Language
from powtrace.reports.model import (
    CitationLine,
    CustodyEntry,
    CustodySource,
    Dossier,
    FindingRow,
    LegalBasisLine,
    NameLine,
    SourceRef,
    TimelineRow,
)
from powtrace.reports.redaction import (
    DEFAULT_THRESHOLD,
    Pseudonyms,
    drop_contact_details,
    drop_contact_fields,
)
from powtrace.store import findings as stored
from powtrace.store import rows, writes
from powtrace.store.schema import audit_log
from powtrace.store.store import Store
from powtrace.workflows import findings as finding_flow
from powtrace.workflows import redact, registry, transfer

SECRET_KEY = "pseudonym_secret"
DOSSIER_FORMATS = ("pdf", "html", "json", "card")
REPORT_FORMATS = ("html", "pdf")
EXPORT_FORMATS = ("json", "ftm", "csv")


# ---- who may ask for what ---------------------------------------------------------------------
def access(clearance: Visibility, full: bool) -> Visibility:
    """The clearance an output is made at; a full output needs sealed clearance."""
    if full:
        if clearance is not Visibility.SEALED:
            raise ValidationError(
                N_(
                    "a full output includes sealed records: it needs --clearance sealed "
                    "(an administrator's clearance), and it is written to the audit log"
                )
            )
        return Visibility.SEALED
    return clearance if clearance.rank <= Visibility.RESTRICTED.rank else Visibility.RESTRICTED


def check_format(fmt: str, allowed: tuple[str, ...], what: str) -> str:
    fmt = (fmt or "").strip().lower()
    if fmt not in allowed:
        raise ValidationError(
            N_("unknown %(what)s format '%(format)s': use one of %(allowed)s"),
            what=what,
            format=fmt,
            allowed=", ".join(allowed),
        )
    return fmt


def pseudonyms(store: Store, actor: str, full: bool) -> Pseudonyms:
    """The pseudonymiser for an output: none for a full one, else keyed by the store's secret."""
    if full:
        return Pseudonyms(None)
    with store.reading() as conn:
        try:
            return Pseudonyms(bytes.fromhex(writes.get_meta(conn, SECRET_KEY)))
        except NotFoundError:
            pass
    with store.transaction(actor) as tx:
        try:  # someone else may have made it meanwhile: keep theirs
            value = writes.get_meta(tx.conn, SECRET_KEY)
        except NotFoundError:
            value = secrets.token_hex(32)
            writes.set_meta(tx, SECRET_KEY, value)
    return Pseudonyms(bytes.fromhex(value))


def last_change(conn: sa.Connection) -> str:
    """When the store last changed (reads excluded): the moment an output reflects."""
    at = conn.execute(
        sa.select(audit_log.c.at)
        .where(audit_log.c.action != "read")
        .order_by(audit_log.c.seq.desc())
        .limit(1)
    ).scalar()
    if not at:
        return ""
    return datetime.fromisoformat(str(at)).astimezone(UTC).isoformat(timespec="seconds")


def _audit_output(store: Store, actor: str, what: str, full: bool, subject: str = "") -> None:
    entity_id = f"{what}-{'full' if full else 'redacted'}" + (f":{subject}" if subject else "")
    with store.transaction(actor) as tx:
        writes.record_read(tx, "export", entity_id[:40])


def _stamp(generated_at: datetime | None) -> str:
    return generated_at.isoformat(timespec="seconds") if generated_at else ""


# ---- cleaning records for an output ---------------------------------------------------------
def _clean_person(p: Person, pseudo: Pseudonyms) -> Person:
    for name in p.FIELDS_WITH_VISIBILITY:
        if getattr(p, name) == redact.WITHHELD:
            setattr(p, name, None)
    if pseudo.active:
        drop_contact_fields(p)
    return p


def _clean_event(e: Event, pseudo: Pseudonyms) -> Event:
    e.details = {k: v for k, v in e.details.items() if v != redact.WITHHELD}
    for name in ("place", "agency", "date_note", "note"):
        if getattr(e, name) == redact.WITHHELD:
            setattr(e, name, None)
    if pseudo.active:
        drop_contact_details(e)
    return e


@dataclass
class Visible:
    """The registry as one output may show it."""

    persons: list[Person]
    events: list[Event]
    sources: list[Source]
    findings: list[stored.StoredFinding]


def _visible(conn: sa.Connection, clearance: Visibility, pseudo: Pseudonyms) -> Visible:
    people = []
    for p in rows.load_persons(conn):
        shown, _ = redact.person_for(p, clearance)
        if shown is not None and p.merged_into is None:
            people.append(_clean_person(shown, pseudo))
    ids = {p.id for p in people}
    events, _ = redact.events_for(rows.load_events(conn), clearance)
    events = [_clean_event(e, pseudo) for e in events if e.person_id is None or e.person_id in ids]
    sources = [s for s in rows.load_sources(conn) if s.visibility.visible_to(clearance)]
    redact.citations_for(events, {s.id for s in sources})
    found = [
        f
        for f in stored.load(conn)
        if f.person_id in ids and Visibility.parse(f.visibility).visible_to(clearance)
    ]
    return Visible(people, events, sources, found)


# ---- the person dossier -------------------------------------------------------------------------
def _source_ref(s: Source, ref: str, pseudo: Pseudonyms) -> SourceRef:
    return SourceRef(
        ref=ref,
        id=pseudo.record(s.id),
        title=s.title,
        kind=s.kind.value.replace("_", " "),
        outlet=s.outlet or "",
        published=str(s.published) if s.published else "",
        language=s.language or "",
        reliability=words.reliability(s.reliability),
        sha256=s.sha256,
        retrieved_at=s.retrieved_at.isoformat() if s.retrieved_at else "",
        media_type=s.media_type,
        size=words.size(len(s.content)) if s.content is not None else "",
        url="" if pseudo.active else (s.url or ""),
    )


def _custody(
    conn: sa.Connection, refs: list[SourceRef], raw_ids: list[str], pseudo: Pseudonyms
) -> list[CustodySource]:
    entries: dict[str, list[CustodyEntry]] = {i: [] for i in raw_ids}
    if raw_ids:
        q = (
            sa.select(audit_log.c.entity_id, audit_log.c.at, audit_log.c.actor, audit_log.c.action)
            .where(audit_log.c.entity == "source", audit_log.c.entity_id.in_(raw_ids))
            .where(audit_log.c.action != "read")
            .order_by(audit_log.c.seq)
        )
        for entity_id, at, actor, action in conn.execute(q):
            label = {"create": "added to the store", "update": "changed"}.get(action, action)
            when = datetime.fromisoformat(at).astimezone(UTC).isoformat(timespec="seconds")
            entries[entity_id].append(CustodyEntry(when, pseudo.actor(actor), label))
    return [CustodySource(ref, tuple(entries[i])) for ref, i in zip(refs, raw_ids, strict=True)]


def _finding_row(f: stored.StoredFinding, pseudo: Pseudonyms, shown: set[str]) -> FindingRow:
    d = f.details
    types = event_types()
    events = tuple(
        (
            str(e.get("role", "")),
            types[e["type"]].label if e.get("type") in types else str(e.get("type", "")),
            str(e.get("date") or ""),
        )
        for e in d.get("events", [])
        if e.get("event_id") in shown  # never name an event the output may not show
    )
    basis = tuple(
        LegalBasisLine(b["instrument"], b["article"], b["paraphrase"], b.get("link", ""))
        for b in d.get("legal_basis", [])
        if b.get("role", "basis") == "basis"
    )
    return FindingRow(
        id=pseudo.record(f.id),
        rule_id=f.rule_id,
        title=str(d.get("title", f.rule_id)),
        certainty=f.certainty,
        severity=f.severity,
        status=f.status.value.replace("_", " ")
        + (f" ({f.status_reason})" if f.status_reason else ""),
        supported=f.supported,
        legal_certainty=str(d.get("legal_certainty", "")),
        responsible_state=str(d.get("responsible_state") or ""),
        explanation=str(d.get("explanation", "")),
        legal_basis=basis,
        events=events,
    )


def _problem(problem: Any, pseudo: Pseudonyms) -> str:
    message = problem.message
    for event_id in problem.event_ids:
        message = message.replace(event_id, pseudo.record(event_id))
    return message


def build_dossier(
    store: Store,
    actor: str,
    person_id: str,
    clearance: Visibility,
    *,
    full: bool = False,
    generated_at: datetime | None = None,
) -> Dossier:
    """Everything an output may show of one person, redacted unless ``full``."""
    level = access(clearance, full)
    pseudo = pseudonyms(store, actor, full)
    view = registry.view_person(store, actor, person_id, level)
    person = _clean_person(view.person, pseudo)
    events = [_clean_event(e, pseudo) for e in view.events if e.review.value != "rejected"]
    custody_after = {t.event.id: t.custody_after for t in view.lifecycle.entries}
    cited = [s for s in sorted(view.sources.values(), key=lambda s: s.id)]
    refs = {s.id: _source_ref(s, f"S{i + 1}", pseudo) for i, s in enumerate(cited)}
    rows_out = []
    for e in timeline(events):
        cites = tuple(
            CitationLine(
                refs[c.source_id], c.excerpt, words.credibility(c.credibility), f"{c.start}–{c.end}"
            )
            for c in e.citations
            if c.source_id in refs
        )
        after = custody_after.get(e.id)
        rows_out.append(
            TimelineRow(
                id=pseudo.record(e.id),
                date=str(e.date) if e.date else "undated",
                label=e.label,
                review=e.review.value,
                custody_after=after.replace("_", " ") if after else "",
                place=e.place or "",
                agency=e.agency or "",
                details=tuple(
                    (words.human(k), words.value(v)) for k, v in sorted(e.details.items())
                ),
                date_note=e.date_note or "",
                citations=cites,
            )
        )
    found = finding_flow.list_findings(store, level, person_id=view.person.id)
    ext = [
        (x.scheme, pseudo.value(x.scheme, x.value))
        for x in sorted(person.external_ids, key=lambda x: (x.scheme, x.value))
    ]
    service = person.service_number and pseudo.value("service_number", person.service_number)
    facts = [
        ("Record", pseudo.record(person.id)),
        ("Side (state served)", words.SIDES.get(person.side.value, person.side.value)),
        ("Gender", {"m": "male", "f": "female"}.get(person.gender.value, "unknown")),
        ("Date of birth", words.value(person.birth_date)),
        ("Place of birth", words.value(person.birth_place)),
        ("Rank", words.value(person.rank)),
        ("Unit", words.value(person.unit)),
        ("Service number", words.value(service)),
        ("Home region", "" if pseudo.active else words.value(person.home_region)),
        *[(f"External id ({scheme})", value) for scheme, value in ext],
    ]
    if not pseudo.active and person.note:
        facts.append(("Note", person.note))
    with store.reading() as conn:
        custody = _custody(conn, list(refs.values()), list(refs), pseudo)
        as_of = last_change(conn)
    _audit_output(store, actor, "dossier", full, pseudo.record(view.person.id))
    return Dossier(
        person_ref=pseudo.record(view.person.id),
        display_name=person.display_name,
        names=[
            NameLine(f.text, f.script.value if f.script else "", f.language or "", f.kind.value)
            for f in person.name_forms
        ],
        facts=[(k, v) for k, v in facts if v],
        status=status_label(view.lifecycle.status),
        timeline=rows_out,
        findings=[_finding_row(v.finding, pseudo, {e.id for e in events}) for v in found],
        sources=list(refs.values()),
        custody=custody,
        capture_card=card.capture_card(
            person, events, view.lifecycle, redacted=pseudo.active, service_number=service or None
        ),
        problems=[_problem(p, pseudo) for p in view.lifecycle.problems],
        redacted=pseudo.active,
        as_of=as_of,
        generated_at=_stamp(generated_at),
        notes=[words.REDACTED_NOTE if pseudo.active else words.FULL_NOTE],
    )


def render_dossier(dossier: Dossier, fmt: str) -> bytes:
    """The dossier as PDF, HTML, JSON, or its capture card alone as JSON ('card')."""
    fmt = check_format(fmt, DOSSIER_FORMATS, "dossier")
    if fmt == "pdf":
        return dossier_pdf.render(dossier)
    if fmt == "html":
        return dossier_html.render(dossier).encode("utf-8")
    if fmt == "card":
        data: Any = {
            "format": "gc3-annex-iv-b-capture-card",
            "person": dossier.person_ref,
            "redacted": dossier.redacted,
            "fields": dossier.capture_card.as_dict(),
        }
    else:
        data = dossier_json(dossier)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def dossier_json(dossier: Dossier) -> dict[str, Any]:
    from dataclasses import asdict

    data = asdict(dossier)
    data["capture_card"] = dossier.capture_card.as_dict()
    return data


def write_dossier(
    store: Store,
    actor: str,
    person_id: str,
    path: Path,
    clearance: Visibility,
    *,
    fmt: str = "pdf",
    full: bool = False,
    generated_at: datetime | None = None,
) -> Dossier:
    """Render a dossier and write it atomically (no partial file on failure)."""
    fmt = check_format(fmt, DOSSIER_FORMATS, "dossier")
    dossier = build_dossier(
        store, actor, person_id, clearance, full=full, generated_at=generated_at
    )
    transfer.write_atomically(path, render_dossier(dossier, fmt))
    return dossier


# ---- the aggregate report -----------------------------------------------------------------------
def build_report(
    store: Store,
    actor: str,
    clearance: Visibility,
    *,
    full: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
    generated_at: datetime | None = None,
    language: Language = ENGLISH,
) -> agg.Report:
    """The aggregate report: counts with definitions and sources, small counts suppressed,
    written in ``language`` (its renderings too)."""
    if threshold < 1:
        raise ValidationError("the suppression threshold must be 1 or more")
    level = access(clearance, full)
    pseudo = pseudonyms(store, actor, full)
    with store.reading() as conn:
        data = _visible(conn, level, pseudo)
        as_of = last_change(conn)
    if not data.persons:
        raise ValidationError(N_("nothing to report: there is no person you may see in the store"))
    report = agg.compute(
        data.persons,
        data.events,
        data.findings,
        {s.id for s in data.sources},
        threshold=threshold,
        redacted=pseudo.active,
        language=language,
    )
    report.as_of = as_of
    report.generated_at = _stamp(generated_at)
    _audit_output(store, actor, "report", full)
    return report


def render_report(report: agg.Report, fmt: str) -> bytes:
    fmt = check_format(fmt, REPORT_FORMATS, "report")
    if fmt == "pdf":
        return report_pdf.render(report)
    return report_html.render(report).encode("utf-8")


def write_report(
    store: Store,
    actor: str,
    path: Path,
    clearance: Visibility,
    *,
    fmt: str = "html",
    full: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
    generated_at: datetime | None = None,
) -> agg.Report:
    fmt = check_format(fmt, REPORT_FORMATS, "report")
    report = build_report(
        store, actor, clearance, full=full, threshold=threshold, generated_at=generated_at
    )
    transfer.write_atomically(path, render_report(report, fmt))
    return report


# ---- exports ------------------------------------------------------------------------------------
@dataclass
class ExportResult:
    format: str
    redacted: bool
    persons: int
    events: int
    sources: int
    entities: int = 0


def export_data(
    store: Store,
    actor: str,
    clearance: Visibility,
    *,
    fmt: str,
    full: bool = False,
    table: str = "persons",
) -> tuple[bytes, ExportResult]:
    """An export's bytes: 'json' (the lossless export), 'ftm' (JSON lines) or 'csv' (a table)."""
    fmt = check_format(fmt, EXPORT_FORMATS, "export")
    if fmt == "json":
        access(clearance, full)
        doc, summary = transfer.build_export(store, actor, full=full)
        result = ExportResult(
            "json", summary.redacted, summary.persons, summary.events, summary.sources
        )
        return transfer.dumps(doc).encode("utf-8"), result
    if fmt == "csv" and table not in tabular.TABLES:
        raise ValidationError(
            N_("unknown table '%(table)s': use one of %(allowed)s"),
            table=table,
            allowed=", ".join(tabular.TABLES),
        )
    level = access(clearance, full)
    pseudo = pseudonyms(store, actor, full)
    with store.reading() as conn:
        data = _visible(conn, level, pseudo)
    if not data.persons and not data.events:
        raise ValidationError(N_("nothing to export: the store holds no record you may see"))
    result = ExportResult(
        fmt, pseudo.active, len(data.persons), len(data.events), len(data.sources)
    )
    if fmt == "ftm":
        lines = ftm.export_lines(data.persons, data.events, data.sources, pseudo)
        result.entities = len(lines)
        body = "".join(line + "\n" for line in lines)
    else:
        body = tabular.render(table, data.persons, data.events, pseudo)
    _audit_output(store, actor, fmt if fmt != "csv" else f"csv-{table}", full)
    return body.encode("utf-8"), result


def write_export(
    store: Store,
    actor: str,
    path: Path,
    clearance: Visibility,
    *,
    fmt: str = "json",
    full: bool = False,
    table: str = "persons",
) -> ExportResult:
    data, result = export_data(store, actor, clearance, fmt=fmt, full=full, table=table)
    transfer.write_atomically(path, data)
    return result


@dataclass
class ImportResult:
    created: dict[str, int]
    unchanged: dict[str, int]
    skipped: int


def import_ftm(store: Store, actor: str, path: Path) -> ImportResult:
    """Read FollowTheMoney JSON lines into the store: all of it or nothing; again adds nothing."""
    parsed = ftm.parse_lines(transfer.read_text_file(path), str(path))
    with store.transaction(actor) as tx:
        done = transfer.store_records(tx, parsed.persons, parsed.sources, parsed.events, path)
    return ImportResult(done.created, done.unchanged, parsed.skipped)
