"""Helpers for the report tests: text out of every output format, sealed values out of a store."""

from __future__ import annotations

import html
import io
import json
import re
from typing import Any

from pypdf import PdfReader

from powtrace.domain.visibility import Visibility
from powtrace.store import findings as stored
from powtrace.store import rows
from powtrace.store.store import Store
from powtrace.workflows import transfer

ACTOR = "tester"
SPACE = re.compile(r"\s+")


def pdf_text(data: bytes) -> str:
    """All text of a PDF, page after page."""
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def as_text(fmt: str, data: bytes) -> str:
    """What a reader of the output sees, as one string (JSON decoded, HTML unescaped)."""
    if fmt == "pdf":
        return pdf_text(data)
    text = data.decode("utf-8")
    if fmt == "html":
        return html.unescape(text)
    if fmt in ("json", "card"):
        return "\n".join(_strings(json.loads(text)))
    if fmt == "ftm":
        return "\n".join(s for line in text.splitlines() for s in _strings(json.loads(line)))
    return text


def squash(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines where the layout did."""
    return SPACE.sub("", text)


def sealed_values(store: Store) -> set[str]:
    """Every value of a sealed record or field in the store that no visible record also holds."""
    with store.reading() as conn:
        events = rows.load_events(conn)
        sources = rows.load_sources(conn)
        persons = rows.load_persons(conn)
        found = stored.load(conn)
    sealed: set[str] = set()
    for e in events:
        if e.visibility is Visibility.SEALED:
            sealed |= {e.id, *(str(v) for v in e.details.values())}
            sealed |= {x for x in (e.place, e.agency, e.date_note, e.note) if x}
            sealed |= {c.excerpt for c in e.citations}
        for name, level in e.field_visibility.items():
            if level is Visibility.SEALED:
                key = name.removeprefix("details.")
                value = e.details.get(key) if name.startswith("details.") else getattr(e, name)
                if value is not None:
                    sealed.add(str(value))
    for s in sources:
        if s.visibility is Visibility.SEALED:
            sealed |= {s.id, s.sha256, s.title, s.outlet or ""}
            sentences = re.split(r"(?<=[.;:])\s+|\n+", s.text or "")
            sealed |= {x.strip() for x in sentences if len(x.strip()) >= 25}
    for p in persons:
        if p.visibility is Visibility.SEALED:
            sealed |= {p.id, *(f.text for f in p.name_forms)}
        for name, level in p.field_visibility.items():
            if level is Visibility.SEALED and getattr(p, name) is not None:
                sealed.add(str(getattr(p, name)))
    for f in found:
        if f.visibility == "sealed":
            sealed |= {f.id, str(f.details.get("explanation", ""))}
    visible = visible_corpus(store, found)
    return {v for v in sealed if len(v) >= 6 and not v.isdigit() and squash(v) not in visible}


def visible_corpus(store: Store, found: list[stored.StoredFinding]) -> str:
    """Everything restricted clearance may see (so sealed values also shown there are fair)."""
    doc, _ = transfer.build_export(store, ACTOR, full=False)
    shown = [f.details for f in found if f.visibility != "sealed"]
    return squash("\n".join(_strings([doc, shown])))
