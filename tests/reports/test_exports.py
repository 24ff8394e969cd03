"""Exports: FollowTheMoney (validated by the library, imported back), CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from followthemoney import model

from powtrace.domain.errors import ValidationError
from powtrace.domain.model import ExternalId, NameForm, Person
from powtrace.domain.visibility import Visibility
from powtrace.store import rows
from powtrace.store.store import Store
from powtrace.workflows import registry, reports
from powtrace.workflows.demo import DemoResult

from .support import ACTOR

SEALED, RESTRICTED = Visibility.SEALED, Visibility.RESTRICTED


def _with_ids(store: Store) -> Person:
    person = Person(
        [NameForm("Юнусов Марат", kind="official", surname="Юнусов", given="Марат")],
        side="russia",
        service_number="AB-123456",
        external_ids=[ExternalId("transfer-annex-2024-11-22", "41")],
    )
    return registry.add_person(store, ACTOR, person)


def _entities(data: bytes) -> list[dict]:
    lines = data.decode("utf-8").splitlines()
    assert lines and all(line.startswith("{") for line in lines)
    return [json.loads(line) for line in lines]


def test_ftm_entities_are_valid_for_followthemoney(store: Store, demo: DemoResult) -> None:
    _with_ids(store)
    data, result = reports.export_data(store, ACTOR, RESTRICTED, fmt="ftm")
    entities = _entities(data)
    assert result.entities == len(entities) and result.redacted
    for raw in entities:
        schema = model.get(raw["schema"])
        schema.validate(raw)  # raises InvalidData on a bad property or a missing required one
        proxy = model.get_proxy(raw)
        assert proxy.id == raw["id"]
        for prop, values in raw["properties"].items():
            assert proxy.get(prop) == values, (raw["id"], prop)  # clean values: FtM keeps all
    schemas = {e["schema"] for e in entities}
    assert schemas == {"Person", "Event", "Document", "Documentation", "Identification"}
    ids = [e for e in entities if e["schema"] == "Identification"]
    numbers = {n for e in ids for n in e["properties"]["number"]}
    assert "41" not in numbers and "AB-123456" not in numbers  # pseudonymised when redacted
    person = next(
        e for e in entities if "Дьячков Степан Олегович" in e["properties"].get("name", [])
    )
    assert "Stepan Dyachkov" in person["properties"]["alias"]
    assert person["properties"]["fatherName"] == ["Олегович"]
    events = [e for e in entities if e["schema"] == "Event"]
    assert all(
        set(e["properties"]["involved"]) <= {x["id"] for x in entities}
        for e in events
        if "involved" in e["properties"]
    )
    assert data == reports.export_data(store, ACTOR, RESTRICTED, fmt="ftm")[0]  # deterministic


def test_ftm_round_trip_into_an_empty_store_and_again(
    store: Store, demo: DemoResult, tmp_path: Path
) -> None:
    out = tmp_path / "full.ftm.json"
    _with_ids(store)
    reports.write_export(store, "admin", out, SEALED, fmt="ftm", full=True)
    other = Store.init(tmp_path / "other")  # embedded, whatever engine the origin runs on
    try:
        first = reports.import_ftm(other, ACTOR, out)
        assert first.created == {"persons": 6, "sources": 6, "events": 36}
        again = reports.import_ftm(other, ACTOR, out)
        assert sum(again.created.values()) == 0
        assert again.unchanged == first.created
        with other.reading() as conn, store.reading() as origin:
            # ids, every name form, external ids and service numbers: all of it
            assert rows.load_persons(conn) == rows.load_persons(origin)
            mine = {e.id: e for e in rows.load_events(origin)}
            for e in rows.load_events(conn):
                assert e.citations == mine[e.id].citations
                assert (e.type, e.date, e.details) == (
                    mine[e.id].type,
                    mine[e.id].date,
                    mine[e.id].details,
                )
        back, _ = reports.export_data(other, "admin", SEALED, fmt="ftm", full=True)
        assert back == out.read_bytes()  # export → import → export: the same entities
    finally:
        other.close()


def test_redacted_ftm_imports_under_pseudonyms(
    store: Store, demo: DemoResult, tmp_path: Path
) -> None:
    out = tmp_path / "redacted.ftm.json"
    reports.write_export(store, ACTOR, out, RESTRICTED, fmt="ftm")
    other = Store.init(tmp_path / "other")
    try:
        result = reports.import_ftm(other, ACTOR, out)
        assert result.created["persons"] == 5 and result.created["sources"] == 5
        with other.reading() as conn:
            ids = {p.id for p in rows.load_persons(conn)}
        assert not ids & set(demo.person_ids.values())
    finally:
        other.close()


def test_bad_ftm_files_are_refused_whole(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x", "schema": "Person", "properties": {}}\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="line 1"):
        reports.import_ftm(store, ACTOR, bad)
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 1 is not JSON"):
        reports.import_ftm(store, ACTOR, bad)
    with pytest.raises(ValidationError, match="no such file"):
        reports.import_ftm(store, ACTOR, tmp_path / "missing.json")
    with store.reading() as conn:
        assert rows.load_persons(conn) == []


def test_entities_from_elsewhere_import_by_their_properties(store: Store, tmp_path: Path) -> None:
    p = model.make_entity("Person")
    p.id = "aleph-person-1"
    p.add("name", "Ivan Petrov")
    p.add("alias", "Иван Петров")
    p.add("birthDate", "1990-04-02")
    p.add("gender", "male")
    f = tmp_path / "aleph.json"
    f.write_text(json.dumps(p.to_dict()) + "\n", encoding="utf-8")
    reports.import_ftm(store, ACTOR, f)
    reports.import_ftm(store, ACTOR, f)  # idempotent by entity id
    with store.reading() as conn:
        (person,) = rows.load_persons(conn)
    assert [n.text for n in person.name_forms] == ["Ivan Petrov", "Иван Петров"]
    assert str(person.birth_date) == "1990-04-02" and person.gender.value == "m"


def test_csv_tables(store: Store, demo: DemoResult) -> None:
    _with_ids(store)
    data, _ = reports.export_data(store, ACTOR, RESTRICTED, fmt="csv", table="persons")
    people = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(people) == 6
    yunusov = next(r for r in people if r["name"] == "Юнусов Марат")
    assert yunusov["service_number"].startswith("service_number.")
    assert yunusov["id"].startswith("p.")
    # the raw id never appears; its pseudonym is hex and may contain "41" by chance
    assert "transfer-annex-2024-11-22:41" not in yunusov["external_ids"]
    assert not any(part.endswith(":41") for part in yunusov["external_ids"].split(";"))
    assert all(r["home_region"] == "" for r in people)
    data, _ = reports.export_data(store, ACTOR, RESTRICTED, fmt="csv", table="events")
    events = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert {r["type"] for r in events} >= {"captured", "exchanged", "sentenced"}
    assert "interviewed_in_captivity" not in {r["type"] for r in events}
    with pytest.raises(ValidationError, match="unknown table 'cases'"):
        reports.export_data(store, ACTOR, RESTRICTED, fmt="csv", table="cases")
    with pytest.raises(ValidationError, match="unknown export format 'xml'"):
        reports.export_data(store, ACTOR, RESTRICTED, fmt="xml")


def test_json_is_the_lossless_export(store: Store, demo: DemoResult) -> None:
    data, result = reports.export_data(store, ACTOR, RESTRICTED, fmt="json")
    doc = json.loads(data)
    assert doc["format"] == "powtrace-export" and doc["redacted"] is True
    assert result.persons == len(doc["persons"]) == 5


def test_nothing_to_export(store: Store) -> None:
    with pytest.raises(ValidationError, match="nothing to export"):
        reports.export_data(store, ACTOR, RESTRICTED, fmt="ftm")
