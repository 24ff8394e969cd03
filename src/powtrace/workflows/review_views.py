"""The review queue as one reader may see and decide it.

A proposal is shown only to a reader who may see its source, and an event proposal only to
one who may see events of its type (a surrender is sealed): nobody confirms a record they
could not read back. Showing a proposal shows its source's words, so the read is audited like
opening the source. Decisions go through :mod:`powtrace.workflows.review`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from powtrace.domain.errors import N_, NotFoundError, ValidationError
from powtrace.domain.model import Source
from powtrace.domain.visibility import Visibility
from powtrace.domain.vocab import EventType, event_types
from powtrace.store import proposals, rows, writes
from powtrace.store.proposals import Proposal, Status
from powtrace.store.store import Store
from powtrace.workflows import redact, registry, review

WINDOW = 450  # characters of source text shown either side of the evidence


@cache
def types() -> dict[str, EventType]:
    """The event vocabulary, read once."""
    return event_types()


def type_visible(type_id: str, clearance: Visibility) -> bool:
    kind = types().get(type_id)
    return kind is not None and kind.visibility.visible_to(clearance)


@dataclass
class QueueItem:
    proposal: Proposal
    source_title: str


@dataclass
class ProposalView:
    proposal: Proposal
    source: Source
    window: tuple[int, int]  # the stretch of source text shown
    spans: list[tuple[int, int]]  # evidence to highlight, in source offsets
    person_proposal: Proposal | None = None  # for an event: the mention of its person
    person_name: str | None = None  # the registry person that mention became, if seen
    candidates: list[registry.SearchHit] = field(default_factory=list)


def _may_see(p: Proposal, source: Source | None, clearance: Visibility) -> bool:
    if source is None or not source.visibility.visible_to(clearance):
        return False
    return p.kind != "event" or type_visible(str(p.payload.get("type")), clearance)


def queue(store: Store, clearance: Visibility, source_id: str | None = None) -> list[QueueItem]:
    """Pending proposals the reader may decide, persons of a source before its events."""
    with store.reading() as conn:
        pending = proposals.listing(conn, source_id=source_id)
        sources = {s.id: s for s in rows.load_sources(conn, sorted({p.source_id for p in pending}))}
    return [
        QueueItem(p, sources[p.source_id].title)
        for p in pending
        if _may_see(p, sources.get(p.source_id), clearance)
    ]


def allowed(store: Store, proposal_id: str, clearance: Visibility) -> Proposal:
    """The proposal, if the reader may see it (else: as for an unknown id)."""
    with store.reading() as conn:
        try:
            p = proposals.get(conn, proposal_id)
        except NotFoundError:
            p = None
        found = rows.load_sources(conn, [p.source_id]) if p else []
    if p is None or not _may_see(p, found[0] if found else None, clearance):
        raise NotFoundError(f"no proposal with id '{proposal_id}' that you may see")
    return p


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """Some text either side of a span, cut at whitespace."""
    a, b = max(0, start - WINDOW), min(len(text), end + WINDOW)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space >= 0 else b
    return a, b


def view_proposal(
    store: Store, actor: str, proposal_id: str, clearance: Visibility
) -> ProposalView:
    """A proposal beside the source words it came from, with registry candidates for a person."""
    p = allowed(store, proposal_id, clearance)
    with store.transaction(actor) as tx:
        source = writes.get_source(tx.conn, p.source_id)
        text = source.text or ""
        d = p.payload
        if p.kind == "event":
            start, end, _ = d["evidence"]
            spans = [(int(start), int(end))]
        else:
            spans = [(int(s), int(e)) for s, e, _ in d.get("mentions") or []] or [(0, 0)]
        window = _window(text, spans[0][0], spans[0][1])
        view = ProposalView(p, source, window, [s for s in spans if window[0] <= s[0] < window[1]])
        if p.kind == "event" and d.get("person_proposal"):
            view.person_proposal = proposals.get(tx.conn, d["person_proposal"])
            accepted = view.person_proposal.result_id
            if view.person_proposal.status is Status.ACCEPTED and accepted:
                people = rows.load_persons(tx.conn, [accepted])
                if people and redact.person_for(people[0], clearance)[0] is not None:
                    view.person_name = people[0].display_name
        if redact.needs_read_audit(source.visibility):
            writes.record_read(tx, "source", source.id)
    if p.kind == "person" and not d.get("unnamed"):
        try:
            view.candidates = registry.search_persons(store, actor, d["name"], clearance, limit=5)
        except ValidationError:
            view.candidates = []
    return view


def next_pending(store: Store, clearance: Visibility, source_id: str) -> str | None:
    """The next proposal from the same source still waiting, if any."""
    left = queue(store, clearance, source_id)
    return left[0].proposal.id if left else None


# ---- decisions, checked against what the reader may see --------------------------------------
def accept_person(
    store: Store,
    actor: str,
    clearance: Visibility,
    proposal_id: str,
    *,
    link_to: str | None = None,
    name: str | None = None,
) -> review.Decision:
    """Accept a mention as a new person, or link it to a person the reader may see."""
    allowed(store, proposal_id, clearance)
    if link_to:
        with store.reading() as conn:
            found = rows.load_persons(conn, [link_to])
        if not found or redact.person_for(found[0], clearance)[0] is None:
            raise NotFoundError(f"no person with id '{link_to}' that you may see")
        if found[0].merged_into:
            link_to = found[0].merged_into
    return review.accept_person(store, actor, proposal_id, link_to=link_to, name=name)


def accept_event(
    store: Store,
    actor: str,
    clearance: Visibility,
    proposal_id: str,
    *,
    credibility: int,
    edits: dict[str, Any],
) -> review.Decision:
    """Confirm an event (edited), if the reader may see events of the type it ends up with."""
    p = allowed(store, proposal_id, clearance)
    if not type_visible(str(edits.get("type", p.payload.get("type"))), clearance):
        raise ValidationError(N_("you may not confirm an event you could not see afterwards"))
    return review.accept_event(store, actor, proposal_id, credibility=credibility, edits=edits)


def reject(
    store: Store, actor: str, clearance: Visibility, proposal_id: str, reason: str
) -> review.Decision:
    allowed(store, proposal_id, clearance)
    return review.reject(store, actor, proposal_id, reason)
