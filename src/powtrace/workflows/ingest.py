"""Ingesting a source: keep the original, extract who and what it mentions, queue proposals.

The source and every proposal from it are written in one transaction. Ingesting the same bytes
again is recognised and adds nothing. Person mentions carry the registry persons their name
matches, so a new article about a known POW shows up as new information on that person.
"""

from __future__ import annotations

import dataclasses
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import PowtraceError, ValidationError
from powtrace.domain.model import Source
from powtrace.extract import extract
from powtrace.extract.model import ExtractionResult, PersonMention
from powtrace.intake import IntakeResult, read_bytes, read_file
from powtrace.store import proposals, rows, writes
from powtrace.store.store import Store, Tx
from powtrace.workflows import search

MAX_FETCH_BYTES = 20 * 1024 * 1024
INGESTIBLE = {
    ".txt",
    ".text",
    ".md",
    ".html",
    ".htm",
    ".xhtml",
    ".mht",
    ".mhtml",
    ".pdf",
    ".warc",
    ".gz",
}


@dataclass
class Ingested:
    source: Source
    created: bool  # False: these bytes were ingested before; nothing was added
    persons: int = 0  # proposals queued
    events: int = 0
    published_basis: str | None = None


@dataclass
class DirReport:
    ingested: list[Ingested] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def _candidates(tx: Tx, mention: PersonMention) -> list[dict[str, Any]]:
    """Registry persons whose name agrees with a named mention, best first."""
    if mention.unnamed:
        return []
    hits = search.find_by_keys(tx.conn, mention.name)[:5]
    people = {p.id: p for p in rows.load_persons(tx.conn, [h.person_id for h in hits])}
    out = []
    for h in hits:
        form = people[h.person_id].name_forms[h.position].text
        out.append(
            {
                "person_id": h.person_id,
                "name": people[h.person_id].display_name,
                "score": h.score,
                "reason": search.reason(h, form),
            }
        )
    return out


def _person_payload(m: PersonMention) -> dict[str, Any]:
    return {
        "mention_id": m.id,
        "name": m.name,
        "surface": m.surface,
        "unnamed": m.unnamed,
        "given": m.given,
        "surname": m.surname,
        "patronymic": m.patronymic,
        "variants": list(m.variants),
        "role": m.role,
        "side": m.side,
        "age": m.age,
        "gender": m.gender,
        "mentions": [[s.start, s.end, s.text] for s in m.mentions],
    }


def queue_proposals(tx: Tx, source: Source, result: ExtractionResult) -> tuple[int, int]:
    """Queue every person and event the extraction found; returns how many were new."""
    person_proposal: dict[str, str] = {}
    names = {m.id: m.name for m in result.persons}
    n_persons = n_events = 0
    for m in result.persons:
        payload = _person_payload(m) | {"candidates": _candidates(tx, m)}
        first = m.mentions[0] if m.mentions else None
        identity = {"name": m.name, "first": [first.start, first.end] if first else None}
        queued = proposals.add(tx, source.id, "person", payload, identity)
        if queued is not None:
            person_proposal[m.id] = queued.id
            n_persons += 1
    for e in result.events:
        payload = {
            "type": e.type,
            "mention_id": e.person_id,
            "person_name": names.get(e.person_id or ""),
            "person_proposal": person_proposal.get(e.person_id or ""),
            "group_size": e.group_size,
            "date": str(e.date) if e.date else None,
            "date_text": e.date_text,
            "date_note": e.date_note,
            "place": e.place,
            "agency": e.agency,
            "details": dict(e.details),
            "evidence": [e.evidence.start, e.evidence.end, e.evidence.text],
        }
        identity = {
            "type": e.type,
            "evidence": [e.evidence.start, e.evidence.end],
            "mention": e.person_id,
        }
        if proposals.add(tx, source.id, "event", payload, identity) is not None:
            n_events += 1
    return n_persons, n_events


def ingest(store: Store, actor: str, intake: IntakeResult, *, reliability: str = "F") -> Ingested:
    """Store a read source and queue what is extracted from it, all in one transaction."""
    # replace() validates again, so a bad grade is refused before anything is written
    source = dataclasses.replace(
        intake.source, reliability=reliability, published_basis=intake.published_basis
    )
    with store.transaction(actor) as tx:
        kept, created = writes.add_source(tx, source)
        if not created:
            return Ingested(kept, False, published_basis=kept.published_basis)
        result = extract(source.text or "", source.published, source.language or "en")
        persons, events = queue_proposals(tx, source, result)
    return Ingested(source, True, persons, events, intake.published_basis)


def ingest_file(
    store: Store,
    actor: str,
    path: Path,
    *,
    reliability: str = "F",
    published: PartialDate | None = None,
    outlet: str | None = None,
    kind: str = "article",
) -> Ingested:
    """Read a file and ingest it."""
    from powtrace.workflows.registry import MAX_SOURCE_BYTES

    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_file names the missing file
    if size > MAX_SOURCE_BYTES:  # refused before a byte is read into memory
        raise ValidationError(
            f"{path}: {size} bytes is more than the {MAX_SOURCE_BYTES} allowed; not ingested"
        )
    intake = read_file(path, published=published, outlet=outlet, kind=kind)
    return ingest(store, actor, intake, reliability=reliability)


def ingest_dir(
    store: Store,
    actor: str,
    folder: Path,
    *,
    reliability: str = "F",
    progress: Callable[[int, int, Path], None] | None = None,
) -> DirReport:
    """Ingest every readable file in a folder (recursively); a bad file is reported, not fatal."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in INGESTIBLE)
    if not files:
        raise ValidationError(f"{folder}: no text, HTML, PDF or WARC files in it")
    report = DirReport()
    root = folder.resolve()
    for i, path in enumerate(files, 1):
        if not path.resolve().is_relative_to(root):  # a link out of the folder: not ours to take
            report.failed.append((path, f"{path}: links to a file outside {folder}; not ingested"))
            continue
        try:
            report.ingested.append(ingest_file(store, actor, path, reliability=reliability))
        except PowtraceError as exc:
            report.failed.append((path, str(exc)))
        if progress:
            progress(i, len(files), path)
    return report


def fetch_as_warc(url: str, timeout: float = 30.0) -> bytes:
    """Fetch one page (only because the user asked) and keep the raw response as WARC."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    if not url.startswith(("http://", "https://")):
        raise ValidationError(f"{url}: only http and https addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "powtrace (archiving)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_FETCH_BYTES + 1)
            status = f"{response.status} {response.reason}"
            headers = list(response.headers.items())
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise ValidationError(f"{url}: could not fetch it ({exc})") from None
    if len(body) > MAX_FETCH_BYTES:
        raise ValidationError(f"{url}: more than {MAX_FETCH_BYTES} bytes; not kept")
    out = BytesIO()
    writer = WARCWriter(out, gzip=False)
    http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=BytesIO(body), http_headers=http_headers
    )
    writer.write_record(record)
    return out.getvalue()


def ingest_url(store: Store, actor: str, url: str, *, reliability: str = "F") -> Ingested:
    """Fetch a page, keep its WARC as the original, and ingest its text."""
    warc = fetch_as_warc(url)
    intake = read_bytes(warc, f"{url}.warc", url=url)
    intake.source.retrieved_at = datetime.now(UTC).replace(microsecond=0)
    return ingest(store, actor, intake, reliability=reliability)
