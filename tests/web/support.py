"""Helpers for the web tests: a store with the demo, one account per role, signing in."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import pyotp
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from powtrace.domain.model import NameForm, Person
from powtrace.store import accounts
from powtrace.store.store import Store
from powtrace.web.app import create_app
from powtrace.workflows import demo, registry

ROLES = ("viewer", "analyst", "lawyer", "administrator")
PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Web:
    """A store ready for web tests and the application over it."""

    store: Store
    app: FastAPI
    sealed_person: str
    public_person: str
    restricted_person: str
    sealed_source: str
    public_source: str
    ids: dict[str, str] = field(default_factory=dict)

    def client(self) -> TestClient:
        # https: the session cookie is Secure, and httpx keeps Secure cookies only for https.
        return TestClient(self.app, base_url="https://testserver", follow_redirects=False)


def build(store: Store) -> Web:
    """Demo data, a sealed and a public person, and an account per role."""
    loaded = demo.load_demo(store)
    sealed = Person(
        name_forms=[NameForm("Засекреченный Иван Петрович", kind="official"), NameForm("Ivan Z")],
        side="russia",
        visibility="sealed",
    )
    public = Person(name_forms=[NameForm("Відкритий Петро", kind="official")], visibility="public")
    registry.add_person(store, "test-setup", sealed)
    registry.add_person(store, "test-setup", public)
    sources = {s.visibility.value: s.id for s in registry.list_sources(store, sealed.visibility)}
    with store.transaction("test-setup") as tx:
        for role in ROLES:
            accounts.create(tx, role, role, PASSWORD, "en")
    return Web(
        store,
        create_app(store),
        sealed.id,
        public.id,
        loaded.person_ids["teterin"],
        sources["sealed"],
        sources["public"],
    )


def finished_import(client: TestClient, posted: Response, wait: float = 30.0) -> Response:
    """Follow a list import to its job page, and refresh it until the import has ended."""
    assert posted.status_code == 303, posted.text[-2000:]
    url = posted.headers["location"]
    deadline = time.monotonic() + wait
    while True:
        page = client.get(url)
        if 'http-equiv="refresh"' not in page.text or time.monotonic() > deadline:
            return page
        time.sleep(0.1)


def csrf_of(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    found = CSRF.search(page.text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Response:
    """Post the login form as a browser would (after loading it)."""
    token = csrf_of(client)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
    )


def signed_in(web: Web, role: str) -> TestClient:
    client = web.client()
    response = sign_in(client, role)
    assert response.status_code == 303, response.text
    return client


def totp_code(secret: str, offset_steps: int = 0) -> str:
    import time

    return pyotp.TOTP(secret).at(time.time() + 30 * offset_steps)


ARTICLE = """Kharkiv, 3 March 2025 — Families in the Kharkiv region are waiting for news.

Oleksandr Hrytsenko, 34, a sapper with the 92nd brigade, was captured near Vovchansk in May 2024,
his wife Iryna said. He was exchanged on Friday together with 175 other soldiers.

"He told me guards beat him during the first weeks," Iryna Hrytsenko said.
"""


def ingest_article(store: Store) -> dict[str, str]:
    """Ingest a short article; the ids of its proposals by name (persons) and type (events)."""
    from powtrace.intake import read_bytes
    from powtrace.workflows import ingest, review

    ingest.ingest(store, "monitor", read_bytes(ARTICLE.encode(), "hrytsenko.txt"), reliability="B")
    return {
        str(p.payload.get("name") or p.payload.get("type")): p.id for p in review.pending(store)
    }


def post(client: TestClient, page: str, url: str, /, **data: str) -> Response:
    """Post a form the way a browser does after loading ``page`` (which holds the token)."""
    return client.post(url, data={"csrf_token": csrf_of(client, page), **data})


# ---- refusals of repatriation and redacted outputs ------------------------------------------
WISH_NOTE = (
    "Interview on 2 May 2025 in the Kharkiv camp: Gleb Teterin does not want to be sent back; "
    "he fears trial under Article 352.1 for surrender."
)
WISH_WORDS = "does not want to be sent back"


def sealed_note(store: Store) -> str:
    """A sealed lawyer's note to cite a wish from; its id."""
    from powtrace.domain.model import Source
    from powtrace.store import writes

    note = Source(
        "Lawyer's interview note on G. Teterin",
        WISH_NOTE.encode(),
        text=WISH_NOTE,
        kind="testimony",
        visibility="sealed",
    )
    with store.transaction("test-setup") as tx:
        kept, _ = writes.add_source(tx, note)
    return kept.id


def record_wish(web: Web, person_id: str | None = None) -> str:
    """Teterin's (or another person's) refusal of repatriation, recorded sealed; its event id."""
    from powtrace.domain.dates import PartialDate
    from powtrace.workflows import wishes

    wish = wishes.Wish(
        person_id=person_id or web.restricted_person,
        date=PartialDate.parse("2025-05-02"),
        source_id=sealed_note(web.store),
        excerpt=WISH_WORDS,
        consent=True,
        obtained_via="lawyer",
        risks="prosecution for voluntary surrender",
        medical_state="wounded",
    )
    return wishes.record_wish(web.store, "test-setup", wish).id


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def output_text(response: Response) -> str:
    """What a reader of a downloaded file sees (PDF text, HTML unescaped, JSON strings)."""
    import html
    import io
    import json

    kind = response.headers["content-type"]
    if kind.startswith("application/pdf"):
        from pypdf import PdfReader

        pages = PdfReader(io.BytesIO(response.content)).pages
        return "\n".join(p.extract_text() or "" for p in pages)
    if kind.startswith("application/json"):
        return "\n".join(_strings(json.loads(response.text)))
    if kind.startswith("application/x-ndjson"):
        lines = response.text.splitlines()
        return "\n".join(s for line in lines for s in _strings(json.loads(line)))
    return html.unescape(response.text)


def sealed_values(store: Store) -> set[str]:
    """Every value of a sealed record or field that no record at restricted clearance holds."""
    from powtrace.domain.visibility import Visibility
    from powtrace.store import findings as stored
    from powtrace.store import rows
    from powtrace.workflows import transfer

    with store.reading() as conn:
        events, sources = rows.load_events(conn), rows.load_sources(conn)
        persons, found = rows.load_persons(conn), stored.load(conn)
    sealed: set[str] = set()
    for e in events:
        if e.visibility is Visibility.SEALED:
            sealed |= {e.id, *(str(v) for v in e.details.values())}
            sealed |= {x for x in (e.place, e.agency, e.date_note, e.note) if x}
            sealed |= {c.excerpt for c in e.citations}
        for name, level in e.field_visibility.items():
            key = name.removeprefix("details.")
            value = e.details.get(key) if name.startswith("details.") else getattr(e, name)
            if level is Visibility.SEALED and value is not None:
                sealed.add(str(value))
    for s in sources:
        if s.visibility is Visibility.SEALED:
            sealed |= {s.id, s.sha256, s.title, s.outlet or ""}
            sentences = re.split(r"(?<=[.;:])\s+|\n+", s.text or "")
            sealed |= {x.strip() for x in sentences if len(x.strip()) >= 25}
    for p in persons:
        if p.visibility is Visibility.SEALED:
            sealed |= {p.id, *(f.text for f in p.name_forms)}
    for f in found:
        if f.visibility == "sealed":
            sealed |= {f.id, str(f.details.get("explanation", ""))}
    doc, _ = transfer.build_export(store, "test-setup", full=False)
    shown = [f.details for f in found if f.visibility != "sealed"]
    visible = squash("\n".join(_strings([doc, shown])))
    return {v for v in sealed if len(v) >= 6 and not v.isdigit() and squash(v) not in visible}


def leaked(sealed: set[str], text: str) -> list[str]:
    seen = squash(text)
    return sorted(v for v in sealed if squash(v) in seen)
