"""The demo story (``demo.yaml``) loads once, cites its sources exactly, and tells its story."""

from __future__ import annotations

import hashlib

import pytest

from powtrace.domain.visibility import Visibility
from powtrace.store import rows
from powtrace.store.store import Store
from powtrace.workflows import registry
from powtrace.workflows.demo import DemoResult, demo_document, load_demo

from .support import ACTOR, audit_rows


@pytest.fixture
def loaded(store: Store) -> DemoResult:
    result = load_demo(store)
    assert result.loaded
    return result


def test_loading_twice_adds_nothing(store: Store, loaded: DemoResult) -> None:
    doc = demo_document()
    assert set(loaded.person_ids) == {p["key"] for p in doc["persons"]}
    assert (loaded.sources, loaded.events) == (len(doc["sources"]), len(doc["events"]))
    entries = audit_rows(store)
    records = [e for e in entries if e[1] != "finding"]  # findings are derived, counted apart
    assert len(records) == 1 + loaded.sources + len(loaded.person_ids) + loaded.events  # + meta
    assert any(e[1] == "finding" for e in entries)

    again = load_demo(store)
    assert again.loaded is False
    assert again.person_ids == loaded.person_ids
    assert audit_rows(store) == entries


def test_every_citation_quotes_its_source_exactly(store: Store, loaded: DemoResult) -> None:
    doc = demo_document()
    with store.reading() as conn:
        sources = {s.id: s for s in rows.load_sources(conn)}
        events = rows.load_events(conn)
    assert len(sources) == len(doc["sources"]) and len(events) == len(doc["events"])
    for source in sources.values():
        assert source.sha256 == hashlib.sha256(source.content or b"").hexdigest()
        assert source.content == (source.text or "").encode("utf-8")
    cited = 0
    for e in events:
        assert e.citations, f"{e.type} of {e.person_id} has no citation"
        for c in e.citations:
            assert sources[c.source_id].text[c.start : c.end] == c.excerpt
            cited += 1
    assert cited == sum(len(e.get("cite") or []) for e in doc["events"])


@pytest.mark.parametrize(
    ("key", "statuses"),
    [
        ("teterin", {"missing_again"}),  # isolated, sent back to the front, missing again
        ("dyachkov", {"prosecuted", "imprisoned"}),  # convicted of voluntary surrender
        ("kravchyshyn", {"at_home"}),  # exchanged, handed over, in hospital at home
        ("teterina", {"unknown"}),  # the mother: a witness, no custody events
        ("zavyalova", {"unknown"}),  # the lawyer
    ],
)
def test_each_demo_person_gets_the_status_the_story_implies(
    store: Store, loaded: DemoResult, key: str, statuses: set[str]
) -> None:
    view = registry.view_person(store, ACTOR, loaded.person_ids[key], Visibility.SEALED)
    assert view.lifecycle.status in statuses
    assert view.lifecycle.problems == ()  # the story is consistent
    assert view.withheld.records == view.withheld.fields == 0
    restricted = registry.view_person(store, ACTOR, loaded.person_ids[key], Visibility.RESTRICTED)
    assert restricted.lifecycle.status == view.lifecycle.status  # sealed events change nothing


def test_the_returned_soldiers_were_each_captured_once(store: Store, loaded: DemoResult) -> None:
    for key in ("teterin", "dyachkov", "kravchyshyn"):
        view = registry.view_person(store, ACTOR, loaded.person_ids[key], Visibility.SEALED)
        assert view.lifecycle.times_captured == 1
        assert "exchanged" in [entry.event.type for entry in view.lifecycle.entries]
