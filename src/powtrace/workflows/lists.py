"""Importing a list of people into the registry, row by row, keeping each row's own id.

Each row becomes a person with an external id ``(scheme, row id)``; the scheme names the list
(by default ``list:<file name>``). Rows whose external id is already in the registry are
skipped, so an interrupted import is finished by running it again, without duplicates. Rows are
written in batches, one transaction each, so a crash loses at most the batch under way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from powtrace.domain.errors import PowtraceError
from powtrace.domain.model import ExternalId, NameForm, NameKind, Person
from powtrace.domain.visibility import Visibility
from powtrace.intake.lists import ListFile, ListRow, RowError, read_list
from powtrace.store import writes
from powtrace.store.schema import external_ids
from powtrace.store.store import Store

BATCH = 500
Progress = Callable[[int, int], None]  # (rows done, rows in all)


@dataclass
class ListImport:
    scheme: str
    created: list[str] = field(default_factory=list)  # person ids
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)


def default_scheme(path: Path) -> str:
    return f"list:{path.stem}"


def person_from_row(row: ListRow, scheme: str, side: str | None = None) -> Person:
    """A registry person for one list row, the name kept exactly as the list wrote it."""
    v = row.values
    form = NameForm(
        row.name,
        kind=NameKind.AS_REPORTED,
        surname=v.get("surname"),
        given=v.get("first_name"),
        patronymic=v.get("patronymic"),
    )
    return Person(
        [form],
        birth_date=row.birth_date,
        birth_place=v.get("birth_place"),
        gender=_gender(v.get("gender")),
        side=side or v.get("side") or "unknown",
        unit=v.get("unit"),
        rank=v.get("rank"),
        home_region=v.get("region"),
        external_ids=[ExternalId(scheme, row.row_id)],
        visibility=Visibility.RESTRICTED,
    )


def _gender(text: str | None) -> str:
    t = (text or "").strip().lower()
    if t in {"m", "male", "м", "муж", "мужской", "чоловіча", "ч"}:
        return "m"
    if t in {"f", "female", "ж", "жен", "женский", "жіноча"}:
        return "f"
    return "unknown"


def _existing_ids(conn: sa.Connection, scheme: str) -> set[str]:
    q = sa.select(external_ids.c.value).where(external_ids.c.scheme == scheme)
    return set(conn.execute(q).scalars())


def import_rows(
    store: Store,
    actor: str,
    listed: ListFile,
    *,
    scheme: str,
    side: str | None = None,
    progress: Progress | None = None,
) -> ListImport:
    """Create a person for every row not imported before; bad rows are kept as errors."""
    result = ListImport(scheme, errors=list(listed.errors))
    with store.reading() as conn:
        done = _existing_ids(conn, scheme)
    todo: list[Person] = []
    for row in listed.rows:
        if row.row_id in done:
            result.existing += 1
            continue
        try:
            person = person_from_row(row, scheme, side)
            for x in person.external_ids:
                writes.check_external_id(x)  # a bad row id is this row's error, not the run's
            todo.append(person)
        except PowtraceError as exc:  # a value the domain refuses, e.g. an unknown side
            result.errors.append(RowError(row.line, None, str(exc)))
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        with store.transaction(actor) as tx:
            for person in batch:
                writes.add_person(tx, person)
        result.created += [p.id for p in batch]
        if progress:
            progress(min(start + BATCH, len(todo)), len(todo))
    return result


def import_list_file(
    store: Store,
    actor: str,
    path: Path,
    *,
    scheme: str | None = None,
    mapping: dict[str, str] | None = None,
    encoding: str = "utf-8-sig",
    side: str | None = None,
    progress: Progress | None = None,
) -> ListImport:
    """Read a CSV list and import its good rows."""
    listed = read_list(path, mapping=mapping, encoding=encoding)
    return import_rows(
        store, actor, listed, scheme=scheme or default_scheme(path), side=side, progress=progress
    )
