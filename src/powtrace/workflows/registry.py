"""Use cases over the registry: add and read persons, sources and events.

Plain functions over a :class:`Store`; the CLI (and later the web application) only parse
input, call these and render what they return, so a feature behaves the same everywhere.
Reads of restricted or sealed records are written to the audit chain.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import N_, NotFoundError, ValidationError
from powtrace.domain.model import Event, Person, Source, SourceKind
from powtrace.domain.visibility import Visibility
from powtrace.lifecycle import Lifecycle, derive
from powtrace.store import rows, writes
from powtrace.store.schema import persons
from powtrace.store.store import Store
from powtrace.workflows import findings, redact, search

MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_OFFSET = 2**62  # LIMIT and OFFSET are signed 64-bit integers on both engines


# ---- persons --------------------------------------------------------------------------------
def add_person(store: Store, actor: str, person: Person) -> Person:
    """Add a new person to the registry."""
    with store.transaction(actor) as tx:
        return writes.add_person(tx, person)


@dataclass
class PersonView:
    """A person as one reader may see them: their events, lifecycle and sources."""

    person: Person
    events: list[Event]
    lifecycle: Lifecycle
    sources: dict[str, Source]
    withheld: redact.Withheld = field(default_factory=redact.Withheld)
    merged_from: str | None = None  # the id asked for, when it was merged into this person


def view_person(store: Store, actor: str, person_id: str, clearance: Visibility) -> PersonView:
    """Everything ``clearance`` may see of a person; the read is audited when not public."""
    with store.transaction(actor) as tx:
        found = rows.load_persons(tx.conn, [person_id])
        asked_for = person_id
        for _ in range(20):  # a merged record leads to the person it joined
            if not found or found[0].merged_into is None:
                break
            found = rows.load_persons(tx.conn, [found[0].merged_into])
        shown, withheld = redact.person_for(found[0], clearance) if found else (None, None)
        if shown is None or withheld is None:
            # Same answer as for an unknown id: do not confirm that a sealed person exists.
            raise NotFoundError(f"no person with id '{asked_for}' that you may see")
        person = found[0]
        person_id = person.id
        all_events = rows.load_events(tx.conn, person_id=person_id)
        # The lifecycle is derived from the events this reader may see, so a status never
        # leaks a sealed event (e.g. a surrender) through its consequences.
        events, hidden_events = redact.events_for(all_events, clearance)
        withheld.add(hidden_events)
        source_ids = sorted({c.source_id for e in events for c in e.citations})
        sources = {
            s.id: s
            for s in rows.load_sources(tx.conn, source_ids)
            if redact.source_for(s, clearance) is not None
        }
        withheld.add(redact.citations_for(events, set(sources)))
        if redact.needs_read_audit(person.visibility) or any(
            redact.needs_read_audit(e.visibility) for e in events if e.visibility
        ):
            writes.record_read(tx, "person", person_id)
        if clearance is Visibility.SEALED:  # sealed content was shown: one entry per event
            for e in events:
                if e.visibility is Visibility.SEALED or (
                    Visibility.SEALED in e.field_visibility.values()
                ):
                    writes.record_read(tx, "event", e.id)
    merged_from = asked_for if asked_for != person_id else None
    return PersonView(shown, events, derive(person_id, events), sources, withheld, merged_from)


@dataclass
class PersonRow:
    id: str
    name: str
    other_names: list[str]
    side: str
    birth_date: str | None


def _listed(clearance: Visibility) -> list[sa.ColumnElement[bool]]:
    """Who the person list holds: live (not merged away) persons ``clearance`` may see."""
    return [
        persons.c.merged_into.is_(None),
        persons.c.visibility.in_(Visibility.values_visible_to(clearance)),
    ]


def page_query(
    conn: sa.Connection, clearance: Visibility, limit: int | None = None, offset: int = 0
) -> sa.Select[str]:
    """The ids of one page of the person list, in list order: by the stored sort key (the
    display name case-folded), then id, over the index ``ix_persons_sort_name``."""
    q = sa.select(persons.c.id).where(*_listed(clearance)).order_by(*rows.list_order(conn))
    return q.limit(limit).offset(offset) if limit is not None else q.offset(offset)


def count_persons(store: Store, clearance: Visibility) -> int:
    """How many live persons ``clearance`` may see."""
    q = sa.select(sa.func.count()).where(*_listed(clearance))
    with store.reading() as conn:
        return int(conn.execute(q).scalar_one())


def list_persons(
    store: Store, actor: str, clearance: Visibility, limit: int | None = None, offset: int = 0
) -> list[PersonRow]:
    """The persons ``clearance`` may see, by display name: ``limit`` of them from ``offset``
    (all when ``limit`` is None). A page that shows restricted or sealed persons is a read of
    them, audited with one entry naming them, as a search is."""
    if offset < 0 or (limit is not None and limit < 0):
        raise ValidationError("the person list: offset and limit cannot be negative")
    if offset > MAX_OFFSET:
        return []  # past any list there can be (and past what the engines' OFFSET takes)
    limit = None if limit is None else min(limit, MAX_OFFSET)
    with store.reading() as conn:
        page = list(conn.execute(page_query(conn, clearance, limit, offset)).scalars())
        # The whole list at once: every person (an IN list of 100,000 ids is past SQLite's limit).
        people = {p.id: p for p in rows.load_persons(conn, None if limit is None else page)}
    out = []
    for person_id in page:
        p = people.get(person_id)
        shown = None if p is None else redact.person_for(p, clearance)[0]
        if p is None or shown is None or p.merged_into:
            continue  # merged or re-graded between the two reads: not shown
        others = [f.text for f in shown.name_forms if f.text != shown.display_name]
        birth = None if shown.birth_date is None else str(shown.birth_date)
        out.append(PersonRow(p.id, shown.display_name, others, p.side.value, birth))
    restricted = [r.id for r in out if redact.needs_read_audit(people[r.id].visibility)]
    if restricted:
        with store.transaction(actor) as tx:
            writes.record_shown(tx, "list", "persons", restricted)
    return out


@dataclass
class SearchHit:
    id: str
    name: str
    matched: str  # the name form that matched
    reason: str
    name_forms: list[str] = field(default_factory=list)  # every form, as written
    score: int = 0  # higher: more parts of the name agree, and exactly


def search_persons(
    store: Store, actor: str, query: str, clearance: Visibility, limit: int = 50
) -> list[SearchHit]:
    """Find persons by name typed in any script, spelling or case, ranked, with the reason.

    Restricted and sealed persons among the hits are read (their names are shown), so a search
    that shows any writes one audit entry naming them. One entry per search, not one per hit
    as a person page writes: a search shows up to ``limit`` names at a time, is the commonest
    request, and every entry is appended to the one chain under its head row's lock.
    """
    if not query.strip():
        raise ValidationError("search: type at least one letter of a name")
    hits: list[SearchHit] = []
    restricted: set[str] = set()
    with store.reading() as conn:
        found = search.find_by_keys(conn, query) or search.find_by_substring(conn, query)
        # A common surname can match thousands: load persons a page at a time, best first,
        # until the page is full of people this reader may see.
        found.sort(key=lambda h: (-h.score, h.person_id))
        for start in range(0, len(found), limit):
            chunk = found[start : start + limit]
            people = {p.id: p for p in rows.load_persons(conn, [h.person_id for h in chunk])}
            for hit in chunk:
                person = people[hit.person_id]
                if not person.visibility.visible_to(clearance):
                    continue
                if redact.needs_read_audit(person.visibility):
                    restricted.add(person.id)
                form = person.name_forms[hit.position].text
                forms = [f.text for f in person.name_forms]
                hits.append(
                    SearchHit(
                        person.id,
                        person.display_name,
                        form,
                        search.reason(hit, form),
                        forms,
                        hit.score,
                    )
                )
            if len(hits) >= limit:
                break
    hits.sort(key=lambda h: (-h.score, h.name.casefold(), h.id))
    hits = hits[:limit]
    shown = [h.id for h in hits if h.id in restricted]
    if shown:
        with store.transaction(actor) as tx:
            writes.record_shown(tx, "search", "persons", shown)
    return hits


# ---- sources --------------------------------------------------------------------------------
def read_source_file(path: Path) -> tuple[bytes, str, str | None]:
    """Read a file to store as a source: its bytes, media type and text (when it is text)."""
    if not path.is_file():
        raise NotFoundError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise ValidationError(f"{path}: the file is empty")
    if size > MAX_SOURCE_BYTES:
        raise ValidationError(f"{path}: {size} bytes is more than the {MAX_SOURCE_BYTES} allowed")
    content = path.read_bytes()
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    text = None
    if media_type.startswith("text/") or media_type == "application/octet-stream":
        try:
            text = content.decode("utf-8-sig")
            media_type = media_type if media_type.startswith("text/") else "text/plain"
        except UnicodeDecodeError:
            if media_type.startswith("text/"):
                raise ValidationError(f"{path}: the text is not UTF-8") from None
    return content, media_type, text


def add_source_file(
    store: Store,
    actor: str,
    path: Path,
    *,
    title: str | None = None,
    kind: SourceKind | str = SourceKind.ARTICLE,
    outlet: str | None = None,
    url: str | None = None,
    published: PartialDate | None = None,
    language: str | None = None,
    reliability: str = "F",
    visibility: Visibility = Visibility.RESTRICTED,
) -> tuple[Source, bool]:
    """Keep a file's original bytes as a source; the same bytes again add nothing."""
    content, media_type, text = read_source_file(path)
    source = Source(
        title=title or path.stem,
        content=content,
        text=text,
        media_type=media_type,
        filename=path.name,
        kind=kind,
        outlet=outlet,
        url=url,
        published=published,
        language=language,
        reliability=reliability,
        retrieved_at=datetime.now(UTC).replace(microsecond=0),
        visibility=visibility,
    )
    with store.transaction(actor) as tx:
        return writes.add_source(tx, source)


def list_sources(store: Store, clearance: Visibility) -> list[Source]:
    """The sources ``clearance`` may see, with their text but not their original bytes."""
    with store.reading() as conn:
        found = rows.load_sources(conn, with_content=False)
        return [s for s in found if s.visibility.visible_to(clearance)]


# ---- events ---------------------------------------------------------------------------------
def add_event(store: Store, actor: str, event: Event) -> Event:
    """Add an event after checking its person and every cited span."""
    with store.transaction(actor) as tx:
        writes.add_event(tx, event)
        if event.person_id:  # findings follow the facts, in the same transaction
            findings.refresh_person(tx, event.person_id, f"{event.type} event {event.id} added")
        return event


def cite_excerpt(
    store: Store, source_id: str, excerpt: str, occurrence: int = 1
) -> tuple[int, int]:
    """The character span of an excerpt in a source's text (the n-th occurrence)."""
    with store.reading() as conn:
        source = writes.get_source(conn, source_id)
    return find_span(source, excerpt, occurrence)


_NO_EXCERPT = N_("source %(source)s ('%(title)s') does not contain the excerpt '%(excerpt)s'")
_NO_EXCERPT_TIMES = N_(
    "source %(source)s ('%(title)s') does not contain the excerpt '%(excerpt)s' %(n)s times"
)


def find_span(source: Source, excerpt: str, occurrence: int = 1) -> tuple[int, int]:
    """Where ``excerpt`` stands in the source text; an error if it does not."""
    text = source.text or ""
    start = -1
    for _ in range(occurrence):
        start = text.find(excerpt, start + 1)
        if start < 0:
            template = _NO_EXCERPT if occurrence == 1 else _NO_EXCERPT_TIMES
            raise ValidationError(
                template, source=source.id, title=source.title, excerpt=excerpt[:60], n=occurrence
            )
    return start, start + len(excerpt)
