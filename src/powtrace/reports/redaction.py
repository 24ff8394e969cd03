"""What a redacted output leaves out or replaces, on top of what a clearance withholds.

- Identifiers (record ids, external ids, service numbers, staff names in the audit trail) are
  replaced by a stable pseudonym: an HMAC-SHA-256 of the value under a per-store secret. The
  same record has the same pseudonym in every redacted output of one store, so outputs can be
  joined with each other, but not with the store without the secret.
- Contact details (who can be reached, and where) are dropped.
- Small counts in aggregates are suppressed (see :func:`suppress`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from powtrace.domain.model import Event, Person

# Event details that say how to reach someone or who passed word on: dropped when redacted.
CONTACT_DETAILS = frozenset({"lawyer", "means", "reported_by", "asked", "expressed_by", "url"})
# Person fields that can locate the person or their family: dropped when redacted.
CONTACT_PERSON_FIELDS = ("note",)
DEFAULT_THRESHOLD = 5
_RECORD_ID = re.compile(r"^([a-z]{1,4})-[0-9a-z]+$")


@dataclass(frozen=True)
class Pseudonyms:
    """Replaces identifiers by keyed hashes; ``key=None`` (a full output) keeps them as they are."""

    key: bytes | None

    @property
    def active(self) -> bool:
        return self.key is not None

    def _mac(self, kind: str, value: str, size: int) -> str:
        assert self.key is not None
        msg = f"{kind}\x1f{value}".encode()
        return hmac.new(self.key, msg, hashlib.sha256).hexdigest()[:size]

    def record(self, record_id: str) -> str:
        """``p-3f9c…`` → ``p.5be0…`` (the record kind stays readable)."""
        if self.key is None:
            return record_id
        m = _RECORD_ID.match(record_id)
        prefix = m.group(1) if m else "x"
        return f"{prefix}.{self._mac('record', record_id, 20)}"

    def value(self, scheme: str, value: str) -> str:
        """An identifier in another system (a list row, a service number)."""
        if self.key is None:
            return value
        return f"{scheme}.{self._mac(scheme, value, 16)}"

    def actor(self, name: str) -> str:
        """Who did something, from the audit log."""
        if self.key is None:
            return name
        return f"actor.{self._mac('actor', name, 12)}"


def drop_contact_details(event: Event) -> Event:
    """The event without contact details (changes and returns the copy it is given)."""
    event.details = {k: v for k, v in event.details.items() if k not in CONTACT_DETAILS}
    event.note = None
    return event


def drop_contact_fields(person: Person) -> Person:
    """The person without contact fields (changes and returns the copy it is given)."""
    for name in CONTACT_PERSON_FIELDS:
        setattr(person, name, None)
    return person


@dataclass(frozen=True)
class Count:
    """One published number: its value, or None when it is suppressed."""

    value: int | None
    threshold: int

    @property
    def text(self) -> str:
        return f"<{self.threshold}" if self.value is None else str(self.value)

    @property
    def suppressed(self) -> bool:
        return self.value is None


def suppress(values: dict[object, int], threshold: int, enabled: bool) -> dict[object, Count]:
    """Counts from 1 to ``threshold - 1`` become ``<threshold``.

    When exactly one count in a group is suppressed, the next smallest non-zero one is
    suppressed too, so the hidden count cannot be worked out from the group's total.
    """
    if not enabled or threshold <= 1:
        return {k: Count(v, threshold) for k, v in values.items()}
    hidden = {k for k, v in values.items() if 0 < v < threshold}
    if len(hidden) == 1:
        rest = sorted((v, str(k)) for k, v in values.items() if v > 0 and k not in hidden)
        if rest:
            smallest = rest[0][1]
            hidden |= {k for k in values if str(k) == smallest}
    return {k: Count(None if k in hidden else v, threshold) for k, v in values.items()}


def suppress_one(value: int, threshold: int, enabled: bool) -> Count:
    """A single published number (a total, a median's base)."""
    hide = enabled and 0 < value < threshold
    return Count(None if hide else value, threshold)
