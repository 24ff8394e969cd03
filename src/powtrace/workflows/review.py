"""Reviewing proposals: accept (as they are or edited), link to a known person, or reject.

An accepted person mention becomes a new person, or new name forms on the person it was
linked to. An accepted event becomes a confirmed event citing the exact words it came from;
its person must be accepted first. A rejected proposal is kept, with its reason, and is never
proposed again for the same source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import N_, ConflictError, ValidationError
from powtrace.domain.model import Citation, Event, NameForm, NameKind, Person, ReviewState
from powtrace.intake.lists import birth_from_age
from powtrace.store import proposals, writes
from powtrace.store.proposals import Proposal, Status
from powtrace.store.store import Store, Tx
from powtrace.workflows import findings

EVENT_EDITS = ("type", "date", "place", "agency", "group_size", "details")


@dataclass
class Decision:
    proposal: Proposal
    result_id: str | None


def pending(store: Store, source_id: str | None = None) -> list[Proposal]:
    """Proposals still waiting for a decision, persons of a source before its events."""
    with store.reading() as conn:
        return proposals.listing(conn, source_id=source_id)


def pending_for_person(store: Store, person_id: str) -> list[Proposal]:
    """Pending mentions whose name matches this person: new information about them."""
    return [
        p
        for p in pending(store)
        if p.kind == "person"
        and any(c["person_id"] == person_id for c in p.payload.get("candidates", []))
    ]


def _new_person(tx: Tx, payload: dict[str, Any], source_id: str) -> Person:
    source = writes.get_source(tx.conn, source_id)
    kind = NameKind.ALIAS if payload.get("unnamed") else NameKind.AS_REPORTED
    forms = [
        NameForm(
            payload["name"],
            kind=kind,
            language=source.language,
            surname=payload.get("surname"),
            given=payload.get("given"),
            patronymic=payload.get("patronymic"),
        )
    ]
    for variant in [payload.get("surface"), *payload.get("variants", [])]:
        if variant and variant not in {f.text for f in forms}:
            forms.append(NameForm(variant, kind=NameKind.AS_REPORTED, language=source.language))
    birth = None
    if payload.get("age") and source.published is not None:
        # "Igor, 31" in an article of 2025-03-14: born within the year before he turned 31
        birth = birth_from_age(int(payload["age"]), source.published.latest)
    side = payload.get("side") if payload.get("side") in {"russia", "ukraine", "other"} else None
    return Person(
        forms, birth_date=birth, side=side or "unknown", gender=payload.get("gender") or "unknown"
    )


def accept_person(
    store: Store,
    actor: str,
    proposal_id: str,
    *,
    link_to: str | None = None,
    name: str | None = None,
) -> Decision:
    """Accept a person mention: a new person, or (``link_to``) new name forms on a known one."""
    with store.transaction(actor) as tx:
        p = _pending(tx, proposal_id, "person")
        payload = dict(p.payload) | ({"name": name} if name else {})
        if link_to:
            person = writes.get_person(tx.conn, link_to)
            known = {f.text for f in person.name_forms}
            for text in [payload["name"], payload.get("surface"), *payload.get("variants", [])]:
                if text and text not in known:
                    person.name_forms.append(NameForm(text, kind=NameKind.AS_REPORTED))
                    known.add(text)
            writes.update_person(tx, person)
            result = person.id
        else:
            result = writes.add_person(tx, _new_person(tx, payload, p.source_id)).id
        decided = proposals.decide(
            tx, proposal_id, Status.ACCEPTED, result_id=result, payload=payload
        )
    return Decision(decided, result)


def accept_event(
    store: Store,
    actor: str,
    proposal_id: str,
    *,
    credibility: int = 3,
    edits: dict[str, Any] | None = None,
) -> Decision:
    """Accept an event (optionally edited) as a confirmed event citing its evidence."""
    edits = edits or {}
    unknown = set(edits) - set(EVENT_EDITS)
    if unknown:
        raise ValidationError(f"cannot edit {', '.join(sorted(unknown))} of an event proposal")
    with store.transaction(actor) as tx:
        p = _pending(tx, proposal_id, "event")
        payload = dict(p.payload) | edits
        person_id = None
        if payload.get("person_proposal"):
            person_p = proposals.get(tx.conn, payload["person_proposal"])
            if person_p.status is not Status.ACCEPTED:
                raise ConflictError(
                    N_(
                        "accept or link the person first (proposal %(proposal)s, "
                        "'%(name)s'), then this event"
                    ),
                    proposal=person_p.id,
                    name=person_p.payload.get("name"),
                )
            person_id = person_p.result_id
        start, end, excerpt = payload["evidence"]
        event = Event(
            type=payload["type"],
            person_id=person_id,
            date=parse_optional(payload.get("date")),
            date_note=payload.get("date_note"),
            place=payload.get("place"),
            agency=payload.get("agency"),
            group_size=payload.get("group_size"),
            details=dict(payload.get("details") or {}),
            review=ReviewState.CONFIRMED,
            citations=[Citation(p.source_id, start, end, excerpt, credibility)],
        )
        writes.add_event(tx, event)
        if person_id:
            findings.refresh_person(tx, person_id, f"{event.type} event {event.id} accepted")
        decided = proposals.decide(
            tx, proposal_id, Status.ACCEPTED, result_id=event.id, payload=payload
        )
    return Decision(decided, event.id)


def reject(store: Store, actor: str, proposal_id: str, reason: str) -> Decision:
    """Reject a proposal with a reason; it stays rejected for that source."""
    if not reason.strip():
        raise ValidationError("say why the proposal is rejected")
    with store.transaction(actor) as tx:
        p = proposals.get(tx.conn, proposal_id)
        _require_pending(p)
        return Decision(proposals.decide(tx, proposal_id, Status.REJECTED, note=reason), None)


def _pending(tx: Tx, proposal_id: str, kind: str) -> Proposal:
    p = proposals.get(tx.conn, proposal_id)
    if p.kind != kind:
        raise ValidationError(f"proposal {proposal_id} is a {p.kind}, not a {kind}")
    _require_pending(p)
    return p


# One sentence per outcome, so that each can be translated whole.
_DECIDED = {
    Status.ACCEPTED: N_("proposal %(proposal)s was already accepted by %(by)s"),
    Status.REJECTED: N_("proposal %(proposal)s was already rejected by %(by)s"),
}


def _require_pending(p: Proposal) -> None:
    if p.status is not Status.PENDING:
        template = _DECIDED.get(
            p.status, f"proposal %(proposal)s was already {p.status.value} by %(by)s"
        )
        raise ConflictError(template, proposal=p.id, by=p.decided_by)
