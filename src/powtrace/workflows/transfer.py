"""Export the registry to one JSON file and import it back, losslessly.

A full export holds every record with the original bytes of each source, so export → import
into an empty store → export gives the same bytes. By default an export is *redacted*:
sealed records and sealed fields are left out and the file says so; a full export is an
explicit choice and is written to the audit chain.

Import reads and checks the whole file before writing anything, then writes it in one
transaction: a bad record anywhere means nothing is stored. Records already present with the
same content are skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from powtrace.domain import codec
from powtrace.domain.errors import ConflictError, NotFoundError, PowtraceError, ValidationError
from powtrace.domain.model import Event, Person, Source
from powtrace.domain.visibility import Visibility
from powtrace.store import rows, writes
from powtrace.store.store import Store, Tx
from powtrace.workflows import findings, redact

FORMAT = "powtrace-export"
FORMAT_VERSION = 1


@dataclass
class ExportSummary:
    persons: int
    sources: int
    events: int
    redacted: bool
    withheld: redact.Withheld


def build_export(
    store: Store, actor: str, *, full: bool = False
) -> tuple[dict[str, Any], ExportSummary]:
    """The export document; ``full`` includes sealed records (and is audited as such)."""
    clearance = Visibility.SEALED if full else Visibility.RESTRICTED
    withheld = redact.Withheld()
    with store.transaction(actor) as tx:
        people = []
        for p in rows.load_persons(tx.conn):
            shown, hidden = redact.person_for(p, clearance)
            withheld.add(hidden)
            if shown is not None:
                people.append(_drop_withheld_person(shown))
        visible_ids = {p.id for p in people}
        events, hidden = redact.events_for(rows.load_events(tx.conn), clearance)
        withheld.add(hidden)
        kept = [e for e in events if e.person_id is None or e.person_id in visible_ids]
        withheld.records += len(events) - len(kept)  # events of a person left out
        events = kept
        all_sources = rows.load_sources(tx.conn)
        sources = [s for s in all_sources if s.visibility.visible_to(clearance)]
        withheld.records += len(all_sources) - len(sources)
        withheld.add(redact.citations_for(events, {s.id for s in sources}))
        writes.record_read(tx, "export", "full" if full else "redacted")
    doc = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "redacted": not full,
        "persons": [codec.person_to_dict(p) for p in people],
        "sources": [codec.source_to_dict(s) for s in sources],
        "events": [_event_dict(e) for e in events],
    }
    return doc, ExportSummary(len(people), len(sources), len(events), not full, withheld)


def _drop_withheld_person(p: Person) -> Person:
    for name in list(p.field_visibility):
        if getattr(p, name) == redact.WITHHELD:
            setattr(p, name, None)
    return p


def _event_dict(e: Event) -> dict[str, Any]:
    data = codec.event_to_dict(e)
    data["details"] = {k: v for k, v in data["details"].items() if v != redact.WITHHELD}
    return data


def dumps(doc: dict[str, Any]) -> str:
    """The export as text: indented, keys sorted, UTF-8 kept readable."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)  # exports hold restricted data
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_file(store: Store, actor: str, path: Path, *, full: bool = False) -> ExportSummary:
    doc, summary = build_export(store, actor, full=full)
    write_atomically(path, dumps(doc))
    return summary


# ---- import ---------------------------------------------------------------------------------
@dataclass
class ImportSummary:
    created: dict[str, int]
    unchanged: dict[str, int]


def _parse_section(doc: dict[str, Any], name: str, build: Any, where: str) -> list[Any]:
    items = doc.get(name, [])
    if not isinstance(items, list):
        raise ValidationError(f"{where}: '{name}' must be a list")
    out = []
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            raise ValidationError(f"{where}: {name}[{i}] must be an object")
        try:
            out.append(build(raw))
        except PowtraceError as exc:
            raise ValidationError(f"{where}: {name}[{i}]: {exc}") from None
        except (TypeError, KeyError, AttributeError, ValueError) as exc:
            raise ValidationError(f"{where}: {name}[{i}]: malformed record ({exc})") from None
    return out


def parse_export(text: str, where: str) -> tuple[list[Person], list[Source], list[Event]]:
    """Check an export document completely; raise naming the first bad record."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{where}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValidationError(f'{where}: not a powtrace export (no "format": "{FORMAT}")')
    if doc.get("version") != FORMAT_VERSION:
        raise ValidationError(
            f"{where}: export version {doc.get('version')} is not supported "
            f"(this powtrace reads version {FORMAT_VERSION})"
        )
    return (
        _parse_section(doc, "persons", codec.person_from_dict, where),
        _parse_section(doc, "sources", codec.source_from_dict, where),
        _parse_section(doc, "events", codec.event_from_dict, where),
    )


def read_text_file(path: Path) -> str:
    """The UTF-8 text of an import file, or an error naming the file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def store_records(
    tx: Tx, persons: list[Person], sources: list[Source], events: list[Event], origin: Path
) -> ImportSummary:
    """Write imported records in the caller's transaction: new ones are added, identical
    ones skipped, and one that differs from what is stored stops the whole import."""
    created = {"persons": 0, "sources": 0, "events": 0}
    unchanged = {"persons": 0, "sources": 0, "events": 0}
    for s in sources:
        kept, new = writes.add_source(tx, s)
        if not new and codec.source_to_dict(kept) != codec.source_to_dict(s):
            raise ConflictError(
                f"{origin}: source {s.id} is already stored with other details (title, "
                "outlet, dates or grades); nothing was imported"
            )
        (created if new else unchanged)["sources"] += 1
    steps = [
        *[
            (p, "persons", writes.get_person, writes.add_person, codec.person_to_dict)
            for p in persons
        ],
        *[(e, "events", writes.get_event, writes.add_event, codec.event_to_dict) for e in events],
    ]
    for record, section, get, add, to_dict in steps:
        try:
            existing = get(tx.conn, record.id)
        except NotFoundError:
            existing = None
        if existing is None:
            try:
                add(tx, record)
            except PowtraceError as exc:
                raise ValidationError(f"{origin}: {section} {record.id}: {exc}") from None
            created[section] += 1
        elif to_dict(existing) == to_dict(record):
            unchanged[section] += 1
        else:
            raise ConflictError(
                f"{origin}: {section[:-1]} {record.id} already exists with other content; "
                "nothing was imported"
            )
    for person_id in sorted({e.person_id for e in events if e.person_id}):
        findings.refresh_person(tx, person_id, f"an import from {origin.name}")
    return ImportSummary(created, unchanged)


def import_file(store: Store, actor: str, path: Path) -> ImportSummary:
    """Import an export file, all or nothing."""
    people, sources, events = parse_export(read_text_file(path), str(path))
    with store.transaction(actor) as tx:
        return store_records(tx, people, sources, events, path)
