"""Export and import (``workflows.transfer``): lossless, idempotent, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from powtrace.domain import codec
from powtrace.domain.errors import ConflictError, ValidationError
from powtrace.domain.model import Citation, ExternalId, NameForm, Person, Source
from powtrace.domain.visibility import Visibility
from powtrace.store import rows, writes
from powtrace.store.schema import audit_log
from powtrace.store.store import Store
from powtrace.workflows import transfer

from .support import ACTOR, event, person

TEXT = "22 ноября Глеба обменяли. Он позвонил мне из Белоруссии.\n"


def _populate(store: Store) -> None:
    """Every kind of record, with the fields that are easy to lose on the way."""
    source = Source(
        "Обращение матери",
        TEXT.encode("utf-8"),
        text=TEXT,
        outlet="Telegram",
        language="ru",
        reliability="C",
        filename="appeal.txt",
    )
    scan = Source(
        "Scan of the list",
        b"\x89PNG\r\n\x1a\n\x00\xff",
        media_type="image/png",
        kind="exchange_list",
        visibility="sealed",
    )
    with store.transaction(ACTOR) as tx:
        writes.add_source(tx, source)
        writes.add_source(tx, scan)
    teterin = person(
        store,
        "Тетерин Глеб Андреевич",
        side="russia",
        unit="military unit 48312",
        note="mother is the contact",
        field_visibility={"note": "sealed"},
        external_ids=[ExternalId("annex-2024-11-22", "38")],
    )
    sealed = person(store, "Секретов Сергей", visibility="sealed")
    start = TEXT.index("Глеба обменяли")
    event(store, teterin.id, "captured", "2024-08~", details={"mode": "encircled"})
    event(
        store,
        teterin.id,
        "exchanged",
        "2024-11-22",
        place="Gomel region",
        details={"basis": "ad_hoc_swap", "group_size": 112},
        citations=[Citation(source.id, start, start + len("Глеба обменяли"), "Глеба обменяли", 1)],
    )
    event(store, None, "exchanged", "2024-11-22", group_size=224, date_note="as listed")
    event(store, sealed.id, "refused_repatriation", "2024-09/2024-10", review="disputed")


def _entries(store: Store) -> int:
    with store.reading() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()


def _export_text(store: Store, *, full: bool = True) -> str:
    return transfer.dumps(transfer.build_export(store, ACTOR, full=full)[0])


@pytest.fixture
def other(tmp_path: Path) -> Store:
    """A second, empty embedded store."""
    s = Store.init(tmp_path / "other")
    yield s
    s.close()


def test_export_import_export_gives_the_same_text(
    store: Store, other: Store, tmp_path: Path
) -> None:
    _populate(store)
    first = _export_text(store)
    doc = json.loads(first)
    assert [len(doc[k]) for k in ("persons", "sources", "events")] == [2, 2, 4]
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")

    summary = transfer.import_file(other, ACTOR, path)
    assert summary.created == {"persons": 2, "sources": 2, "events": 4}
    assert _export_text(other) == first
    # and back again, into the engine under test
    assert _export_text(other, full=False) == _export_text(store, full=False)


def test_importing_the_same_file_twice_changes_nothing(
    store: Store, other: Store, tmp_path: Path
) -> None:
    _populate(other)
    path = tmp_path / "export.json"
    transfer.export_file(other, ACTOR, path, full=True)

    first = transfer.import_file(store, ACTOR, path)
    assert first.created == {"persons": 2, "sources": 2, "events": 4}
    entries, text = _entries(store), _export_text(store)
    second = transfer.import_file(store, ACTOR, path)
    assert second.created == {"persons": 0, "sources": 0, "events": 0}
    assert second.unchanged == first.created
    assert _entries(store) == entries + 1  # only the export's own audited read
    assert _export_text(store) == text


@pytest.mark.parametrize("section", ["persons", "events"])
def test_a_conflicting_record_refuses_the_whole_file(
    store: Store, other: Store, tmp_path: Path, section: str
) -> None:
    _populate(other)
    path = tmp_path / "export.json"
    transfer.export_file(other, ACTOR, path, full=True)
    transfer.import_file(store, ACTOR, path)

    # A new person first (it would be written before the conflict is met), then the same id
    # as a stored record with other content.
    doc = json.loads(path.read_text("utf-8"))
    newcomer = Person([NameForm("Новиков Никита")])
    doc["persons"].insert(0, codec.person_to_dict(newcomer))
    conflicting = doc[section][-1]
    conflicting["note"] = "changed elsewhere"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    text = _export_text(store)
    entries = _entries(store)
    with pytest.raises(ConflictError, match=conflicting["id"]):
        transfer.import_file(store, ACTOR, path)
    assert _entries(store) == entries
    with store.reading() as conn:
        assert rows.load_persons(conn, [newcomer.id]) == []
    assert _export_text(store) == text


def test_a_bad_record_is_named_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    doc = {
        "format": transfer.FORMAT,
        "version": transfer.FORMAT_VERSION,
        "redacted": False,
        "persons": [{"id": "p-1", "name_forms": [{"text": "Иванов Пётр"}]}],
        "sources": [],
        "events": [{"id": "e-1", "type": "captured", "person_id": "p-1", "date": "2024-02-30"}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    entries = _entries(store)
    with pytest.raises(ValidationError, match=r"events\[0\].*2024-02-30"):
        transfer.import_file(store, ACTOR, path)
    assert _entries(store) == entries
    with store.reading() as conn:
        assert rows.load_persons(conn) == []


def test_redacted_export_withholds_and_counts(store: Store) -> None:
    _populate(store)
    doc, summary = transfer.build_export(store, ACTOR)
    text = transfer.dumps(doc)
    assert "Секретов" not in text and "refused_repatriation" not in text
    assert "mother is the contact" not in text and "encircled" not in text
    assert [s["title"] for s in doc["sources"]] == ["Обращение матери"]
    # sealed person, their event, the sealed scan; the capture mode and the person's note
    assert (summary.withheld.records, summary.withheld.fields) == (3, 2)
    assert Visibility.SEALED.value in text  # field_visibility still says what was sealed


def test_import_refuses_a_stored_source_with_other_details(store: Store, tmp_path: Path) -> None:
    _populate(store)
    doc, _ = transfer.build_export(store, ACTOR, full=True)
    doc["sources"][0]["title"] = "a different title for the same bytes"
    path = tmp_path / "edited.json"
    path.write_text(transfer.dumps(doc), encoding="utf-8")
    with store.reading() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()
    with pytest.raises(ConflictError, match="other details"):
        transfer.import_file(store, ACTOR, path)
    with store.reading() as conn:
        after = conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()
    assert after == before
