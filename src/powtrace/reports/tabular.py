"""CSV tables of persons and events, for spreadsheets. Pure.

One row per record, sorted, identifiers already pseudonymised when redacted. A cell that a
spreadsheet would read as a formula (=, +, @) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json

from powtrace.domain.model import Event, Person
from powtrace.lifecycle import timeline_key
from powtrace.reports.redaction import Pseudonyms

TABLES = ("persons", "events")
PERSON_COLUMNS = (
    "id",
    "name",
    "other_names",
    "side",
    "gender",
    "birth_date",
    "birth_place",
    "rank",
    "unit",
    "service_number",
    "home_region",
    "external_ids",
    "visibility",
)
EVENT_COLUMNS = (
    "id",
    "person_id",
    "type",
    "label",
    "date",
    "date_note",
    "place",
    "agency",
    "group_size",
    "review",
    "details",
    "source_ids",
    "credibility",
    "visibility",
)


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def _write(columns: tuple[str, ...], rows: list[list[object]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([_safe(v) for v in row])
    return out.getvalue()


def persons_csv(persons: list[Person], pseudo: Pseudonyms) -> str:
    rows = []
    for p in persons:
        ext = "; ".join(
            f"{x.scheme}:{pseudo.value(x.scheme, x.value)}"
            for x in sorted(p.external_ids, key=lambda x: (x.scheme, x.value))
        )
        rows.append(
            [
                pseudo.record(p.id),
                p.display_name,
                " | ".join(f.text for f in p.name_forms if f.text != p.display_name),
                p.side.value,
                p.gender.value,
                p.birth_date,
                p.birth_place,
                p.rank,
                p.unit,
                p.service_number and pseudo.value("service_number", p.service_number),
                None if pseudo.active else p.home_region,
                ext,
                p.visibility.value,
            ]
        )
    rows.sort(key=lambda r: (str(r[1]).casefold(), str(r[0])))
    return _write(PERSON_COLUMNS, rows)


def events_csv(events: list[Event], pseudo: Pseudonyms) -> str:
    rows = []
    for e in sorted(events, key=lambda e: (pseudo.record(e.person_id or ""), timeline_key(e))):
        rows.append(
            [
                pseudo.record(e.id),
                e.person_id and pseudo.record(e.person_id),
                e.type,
                e.label,
                e.date,
                e.date_note,
                e.place,
                e.agency,
                e.group_size,
                e.review.value,
                json.dumps(e.details, ensure_ascii=False, sort_keys=True) if e.details else "",
                "; ".join(pseudo.record(c.source_id) for c in e.citations),
                "; ".join(str(c.credibility) for c in e.citations),
                e.visibility.value if e.visibility else "",
            ]
        )
    return _write(EVENT_COLUMNS, rows)


def render(table: str, persons: list[Person], events: list[Event], pseudo: Pseudonyms) -> str:
    """One table as CSV text."""
    return persons_csv(persons, pseudo) if table == "persons" else events_csv(events, pseudo)
