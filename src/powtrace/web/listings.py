"""Lists on the web: the uploaded file kept, listings recorded, and the refusal alert.

A list uploaded through the web is kept in the store as a restricted source (the encrypted
store, never a loose file), and the store's ``meta`` table remembers, per list, which files it
came from and how their columns were mapped. A listing (``workflows.wishes.record_listing``)
can then cite the row that names a person whenever it is needed: when the list is imported as
an exchange list, and whenever its match review finds a row that names someone with a
recorded refusal of repatriation or a relative's request to keep him out of an exchange.

The alert names sealed records, so only sealed-clearance readers are shown it; the listing,
which turns into a (sealed) finding, is recorded whoever works on the list: on its import, on
the request that starts its review and on each judgement (``record_listings``). Showing the
match page only reads, so a GET never writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from powtrace.domain.errors import NotFoundError, PowtraceError
from powtrace.domain.model import ReviewState, Source, SourceKind
from powtrace.domain.visibility import Visibility
from powtrace.intake.lists import ListFile, read_list_bytes
from powtrace.store import rows, writes
from powtrace.store.schema import events, external_ids
from powtrace.store.store import Store
from powtrace.workflows import linking, list_matches, wishes
from powtrace.workflows.wishes import Alert

LIST_FILES = "list_files:"  # meta key prefix: the files a list was imported from (JSON)
UTF8 = "utf-8-sig"
ALL_ROWS = 1_000_000


@dataclass
class ListAlerts:
    """Rows of a list that name a person with a recorded wish, and their listings."""

    alerts: list[Alert] = field(default_factory=list)
    recorded: int = 0  # listings recorded by this call
    unrecorded: list[Alert] = field(default_factory=list)  # no kept file holds the row
    pending: list[Alert] = field(default_factory=list)  # a kept file holds it: not yet recorded


def _key(scheme: str) -> str:
    return (LIST_FILES + scheme)[:100]


def _files(conn: sa.Connection, scheme: str) -> list[dict[str, Any]]:
    try:
        found = json.loads(writes.get_meta(conn, _key(scheme)))
    except NotFoundError:
        return []
    return found if isinstance(found, list) else []


def keep_list(
    store: Store,
    actor: str,
    scheme: str,
    raw: bytes,
    filename: str,
    encoding: str,
    mapping: dict[str, str],
    exchange: bool,
) -> bytes:
    """Keep an uploaded list as a restricted source; returns the bytes kept.

    A list in UTF-8 is kept byte for byte. A list in another encoding is kept as UTF-8, since
    listings cite it as UTF-8 text (``record_listing`` reads it so).
    """
    data = raw if encoding == UTF8 else raw.decode(encoding).encode("utf-8")
    source = Source(
        title=f"{'Exchange list' if exchange else 'List'} {filename}",
        content=data,
        text=data.decode(UTF8, errors="replace"),
        kind=SourceKind.EXCHANGE_LIST if exchange else SourceKind.OTHER,
        media_type="text/csv",
        filename=filename,
        reliability="C",
    )
    with store.transaction(actor) as tx:
        kept, _ = writes.add_source(tx, source)
        files = _files(tx.conn, scheme)
        entry = next((f for f in files if f.get("source") == kept.id), None)
        if entry is None:
            files.append(
                {"source": kept.id, "filename": filename, "mapping": mapping, "exchange": exchange}
            )
        elif exchange:
            entry["exchange"] = True
        writes.set_meta(tx, _key(scheme), json.dumps(files, ensure_ascii=False, sort_keys=True))
    return data


def record_exchange_list(
    store: Store, actor: str, scheme: str, listed: ListFile, data: bytes, filename: str
) -> tuple[int, list[Alert]]:
    """An exchange list: every row linked to a registry person, and every row that names a
    person with a recorded wish, is recorded as a listing. Returns (rows linked, alerts).

    The count is of linked rows only: counting the listings would tell a reader below sealed
    clearance that a row up for review names someone with a recorded wish.
    """
    run = linking.link_list(store, listed, scheme=scheme)
    alerts = wishes.alerts_for(store, run)
    linked = {r.matched_id: r.row_id for r in run.results if r.decision == "link" and r.matched_id}
    named = dict(linked)
    for a in alerts:
        named.setdefault(a.person_id, a.row_id)
    if named:  # listed only for a wish: sealed, or the listing itself would betray it
        wishes.record_listing(
            store,
            actor,
            run,
            data,
            filename,
            named,
            sealed={pid for pid in named if pid not in linked},
        )
    return len(linked), alerts


def _wish_alerts(conn: sa.Connection, named: dict[str, str]) -> list[Alert]:
    """Confirmed wishes of the persons named (person id -> row id), as alerts."""
    q = sa.select(events.c.id, events.c.person_id).where(events.c.type.in_(wishes.WISH_TYPES))
    ids = [eid for eid, pid in conn.execute(q) if pid in named]
    found = [e for e in rows.load_events(conn, ids=ids) if e.review is ReviewState.CONFIRMED]
    people = {p.id: p for p in rows.load_persons(conn, sorted({e.person_id for e in found}))}
    out = []
    for e in found:
        assert e.person_id is not None
        out.append(
            Alert(
                named[e.person_id],
                e.person_id,
                people[e.person_id].display_name,
                e.type,
                str(e.details.get("wish", "kept out of the exchange")),
                str(e.date) if e.date else None,
            )
        )
    return sorted(out, key=lambda a: (_row_order(a.row_id), a.person_id))


def _row_order(row_id: str) -> tuple[int, str]:
    return (int(row_id), "") if row_id.isdigit() else (1 << 62, row_id)


def _listed(conn: sa.Connection, person_id: str, scheme: str, row_id: str) -> bool:
    details = {"list": scheme, "row": row_id}
    return any(
        e.type == "listed_for_exchange" and e.details == details
        for e in rows.load_events(conn, person_id=person_id)
    )


def _find_alerts(
    store: Store, scheme: str, everything: list_matches.ListMatches
) -> tuple[ListAlerts, dict[str, str], list[dict[str, Any]]]:
    """The list's alerts, read only: which listings are missing, and the files it came from.

    Returns the alerts, the missing listings (person id -> row id) and the list's kept files.
    """
    named: dict[str, str] = {}
    for r in everything.rows:
        if r.candidate_id and r.decision in ("link", "review"):
            named.setdefault(r.candidate_id, r.row_id)
    with store.reading() as conn:
        q = sa.select(external_ids.c.person_id, external_ids.c.value).where(
            external_ids.c.scheme == scheme
        )
        for person_id, row_id in sorted(conn.execute(q).all()):
            named.setdefault(person_id, row_id)  # the rows themselves, and persons merged with one
        alerts = _wish_alerts(conn, named)
        todo: dict[str, str] = {}
        for a in alerts:
            if not _listed(conn, a.person_id, scheme, a.row_id):
                todo.setdefault(a.person_id, a.row_id)
        files = _files(conn, scheme) if todo else []
        kept = {s.id: s for s in rows.load_sources(conn, [f["source"] for f in files])}
    on_file: set[str] = set()
    for f in files:
        source = kept.get(f["source"])
        if source is not None and source.content is not None:
            f["content"] = source.content
            on_file |= {row for row in _rows_of(f) if row in todo.values()}
    found = ListAlerts(alerts)
    found.pending = [a for a in alerts if todo.get(a.person_id) == a.row_id and a.row_id in on_file]
    found.unrecorded = [a for a in alerts if a.person_id in todo and a not in found.pending]
    return found, todo, [f for f in files if "content" in f]


def _rows_of(f: dict[str, Any]) -> set[str]:
    """The row ids of a kept list file (none when it can no longer be read)."""
    try:
        listed = read_list_bytes(
            f["content"], Path(f["filename"]), mapping=f.get("mapping"), encoding=UTF8
        )
    except PowtraceError:
        return set()
    f["listed"] = listed
    return {r.row_id for r in listed.rows}


def list_alerts(store: Store, scheme: str, everything: list_matches.ListMatches) -> ListAlerts:
    """Rows of a list that link to (or are up for review with) a person with a recorded wish,
    or that were judged the same as one. Reads only: see :func:`record_listings`.

    ``everything`` is the list's matches over the whole registry (sealed clearance).
    """
    return _find_alerts(store, scheme, everything)[0]


def record_listings(store: Store, actor: str, scheme: str) -> ListAlerts:
    """Record every listing a list's alerts call for and the store lacks, from its kept files.

    Run on the requests that change what a list names (its import, a judgement, the request
    that starts its review), never on a page view: the listing is recorded whoever reviews
    the list, even when the person is above their clearance, and turns into a sealed finding.
    """
    try:
        everything = list_matches.matches(store, Visibility.SEALED, scheme, limit=ALL_ROWS)
    except NotFoundError:
        return ListAlerts()  # no row of this list is in the registry (yet)
    found, todo, files = _find_alerts(store, scheme, everything)
    for f in files:
        on_file = {r.row_id for r in f["listed"].rows} if "listed" in f else set()
        here = {pid: row for pid, row in todo.items() if row in on_file}
        if here:
            run = linking.LinkRun(scheme, f["listed"], [], {}, {})
            wishes.record_listing(
                store, actor, run, f["content"], f["filename"], here, sealed=set(here)
            )  # listed only because of a sealed wish
            found.recorded += len(here)
            for pid in here:
                del todo[pid]
    found.pending = []
    return found


def review(
    store: Store, clearance: Visibility, scheme: str, offset: int, limit: int
) -> tuple[list_matches.ListMatches, ListAlerts]:
    """One page of a list's matches for the reader, and the list's refusal alerts (read only).

    The alerts are found over the whole list and the whole registry; a sealed-clearance
    reader's page is cut from that same linking.
    """
    page = None
    if clearance is not Visibility.SEALED:
        page = list_matches.matches(store, clearance, scheme, offset=offset, limit=limit)
    everything = list_matches.matches(store, Visibility.SEALED, scheme, limit=ALL_ROWS)
    if page is None:
        page = list_matches.ListMatches(
            scheme, everything.rows[offset : offset + limit], everything.settled, everything.total
        )
    return page, list_alerts(store, scheme, everything)
