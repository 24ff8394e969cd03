"""Ingest a source, queue what it mentions, review it into confirmed events with evidence."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from powtrace.domain.errors import ConflictError, ValidationError
from powtrace.domain.model import NameForm, Person, ReviewState
from powtrace.domain.visibility import Visibility
from powtrace.store import rows, writes
from powtrace.store.schema import proposals, sources
from powtrace.store.store import Store
from powtrace.store.verify import verify_store
from powtrace.workflows import ingest, registry, review

ARTICLE = """Kharkiv, 3 March 2025 — Families in the Kharkiv region are waiting for news.

Oleksandr Hrytsenko, 34, a sapper with the 92nd brigade, was captured near Vovchansk in May 2024,
his wife Iryna said. He was exchanged on Friday together with 175 other soldiers.

"He told me guards beat him during the first weeks," Iryna Hrytsenko said.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "hrytsenko.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _proposals(store: Store) -> list[review.Proposal]:
    return review.pending(store)


def test_ingest_keeps_the_source_and_queues_mentions_once(store: Store, article: Path) -> None:
    first = ingest.ingest_file(store, "monitor", article, reliability="B")
    assert first.created and first.persons >= 1 and first.events >= 1
    assert first.source.published is not None and str(first.source.published) == "2025-03-03"
    again = ingest.ingest_file(store, "monitor", article, reliability="B")
    assert not again.created and (again.persons, again.events) == (0, 0)
    with store.reading() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(sources)).scalar_one() == 1
        queued = conn.execute(sa.select(sa.func.count()).select_from(proposals)).scalar_one()
        assert queued == first.persons + first.events
        assert verify_store(conn).ok


def test_mentions_are_linked_to_known_persons(store: Store, article: Path) -> None:
    with store.transaction("analyst") as tx:
        known = writes.add_person(tx, Person([NameForm("Гриценко Олександр Петрович")]))
    ingest.ingest_file(store, "monitor", article)
    news = review.pending_for_person(store, known.id)
    assert [p.payload["name"] for p in news] == ["Oleksandr Hrytsenko"]


def test_review_turns_proposals_into_confirmed_events(store: Store, article: Path) -> None:
    ingest.ingest_file(store, "monitor", article, reliability="B")
    queue = _proposals(store)
    person_p = next(
        p for p in queue if p.kind == "person" and p.payload["name"] == "Oleksandr Hrytsenko"
    )
    capture = next(
        p
        for p in queue
        if p.kind == "event"
        and p.payload["type"] == "captured"
        and p.payload["person_proposal"] == person_p.id
    )
    with pytest.raises(ConflictError, match="accept or link the person first"):
        review.accept_event(store, "lawyer", capture.id)
    person_id = review.accept_person(store, "lawyer", person_p.id).result_id
    assert person_id is not None
    event_id = review.accept_event(store, "lawyer", capture.id, credibility=2).result_id
    with store.reading() as conn:
        event = writes.get_event(conn, event_id)
        person = writes.get_person(conn, person_id)
        src = rows.load_sources(conn)[0]
    assert event.review is ReviewState.CONFIRMED and str(event.date) == "2024-05"
    (cite,) = event.citations
    assert src.text[cite.start : cite.end] == cite.excerpt and cite.credibility == 2
    assert person.birth_date is not None and person.birth_date.year in (1990, 1991)
    view = registry.view_person(store, "lawyer", person_id, Visibility.SEALED)
    assert view.lifecycle.custody == "captured"
    with pytest.raises(ConflictError, match="already accepted"):
        review.accept_event(store, "lawyer", capture.id)


def test_rejected_proposals_stay_rejected(store: Store, article: Path) -> None:
    ingest.ingest_file(store, "monitor", article)
    target = _proposals(store)[0]
    with pytest.raises(ValidationError, match="say why"):
        review.reject(store, "lawyer", target.id, " ")
    review.reject(store, "lawyer", target.id, "a general statement, not about this person")
    assert target.id not in {p.id for p in _proposals(store)}
    ingest.ingest_file(store, "monitor", Path(str(article)))  # same bytes: nothing comes back
    assert target.id not in {p.id for p in _proposals(store)}


def test_bad_files_name_themselves_and_store_nothing(store: Store, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ValidationError, match=r"photo\.txt"):
        ingest.ingest_file(store, "monitor", binary)
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>", encoding="utf-8")
    report = ingest.ingest_dir(store, "monitor", tmp_path)
    assert [p.name for p, _ in report.failed] == ["empty.html", "photo.txt"]
    with store.reading() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(sources)).scalar_one() == 0


@pytest.fixture
def local_page() -> Iterator[str]:
    """A page served on loopback, standing in for a news site the user asked to fetch."""
    html = (
        "<html><head><title>Exchange</title></head><body><article><h1>Exchange</h1>"
        f"<p>{ARTICLE.replace(chr(10), ' ')}</p></article></body></html>"
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/exchange"
    server.shutdown()


def test_url_is_fetched_only_when_asked_and_kept_as_warc(store: Store, local_page: str) -> None:
    result = ingest.ingest_url(store, "monitor", local_page, reliability="C")
    assert result.created and result.events >= 1
    with store.reading() as conn:
        (src,) = rows.load_sources(conn)
    assert src.content is not None and src.content.startswith(b"WARC/1.")
    assert src.url == local_page and "Hrytsenko" in (src.text or "")
