"""The lifecycle's data: custody transitions, statuses and facet orders, read from YAML.

The tables are data so that a reviewer can read and change them without reading code
(DESIGN.md §6). They are checked against the event vocabulary when first loaded, so a state
or facet value added to ``event_types.yaml`` but not here fails loudly instead of silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Event
from powtrace.domain.vocab import event_types


@dataclass(frozen=True)
class ImpliedCustody:
    """Custody an event type implies in a given context, overriding the vocabulary."""

    event_type: str
    while_in: frozenset[str]
    custody: str | None  # None: the event does not change custody in this context
    details: tuple[tuple[str, frozenset[str]], ...] = ()

    def applies(self, event: Event, current: str | None) -> bool:
        """True when this rule decides the custody of ``event`` given the current state."""
        if event.type != self.event_type or current not in self.while_in:
            return False
        return all(event.details.get(key) in values for key, values in self.details)


@dataclass(frozen=True)
class CustodyTable:
    """Custody states in natural lifecycle order, with the transitions allowed between them."""

    states: tuple[str, ...]
    labels: dict[str, str]
    next: dict[str, frozenset[str]]
    captivity: frozenset[str]
    in_transit: frozenset[str]
    returned: frozenset[str]
    return_events: frozenset[str]
    after_death_allowed: frozenset[str]
    implied: tuple[ImpliedCustody, ...]

    @property
    def terminal(self) -> frozenset[str]:
        """States nothing may follow (dead)."""
        return frozenset(s for s in self.states if not self.next[s])

    def rank(self, state: str | None) -> int:
        """Position in the natural lifecycle order; no custody change sorts after all states."""
        return self.states.index(state) if state is not None else len(self.states)

    def allows(self, before: str | None, after: str) -> bool:
        """Whether ``after`` may directly follow ``before`` (None: nothing known yet)."""
        return before is None or before == after or after in self.next[before]

    def label(self, state: str | None) -> str:
        """The state as a case worker reads it."""
        return "no known custody" if state is None else self.labels[state]

    def custody_of(self, event: Event, current: str | None) -> str | None:
        """The state ``event`` moves the person to from ``current``; None: no change."""
        for rule in self.implied:
            if rule.applies(event, current):
                return rule.custody
        return event_types()[event.type].custody


@dataclass(frozen=True)
class StatusTable:
    """How custody and the legal facet map to a status, and each status's label."""

    labels: dict[str, str]
    by_custody: dict[str, str]
    prosecuted_legal: frozenset[str]
    prosecuted_custody: frozenset[str]


def _load(name: str) -> dict[str, Any]:
    text = resources.files("powtrace.lifecycle").joinpath(name).read_text("utf-8")
    return yaml.safe_load(text)


def _require(names: set[str], known: set[str], where: str) -> None:
    unknown = sorted(set(names) - known)
    if unknown:
        raise ValidationError(f"{where}: unknown {', '.join(unknown)}")


@cache
def custody_table() -> CustodyTable:
    """The custody table from ``custody.yaml``, checked against the event vocabulary."""
    raw = _load("custody.yaml")
    states = tuple(raw["states"])
    known = set(states)
    for state, spec in raw["states"].items():
        _require(set(spec["next"]), known, f"custody.yaml: next of '{state}'")
    vocab_states = {t.custody for t in event_types().values() if t.custody}
    _require(vocab_states, known, "custody.yaml: the vocabulary uses custody states")
    for group in ("captivity", "in_transit", "returned"):
        _require(set(raw[group]), known, f"custody.yaml: {group}")
    for group in ("return_events", "after_death_allowed"):
        _require(set(raw[group]), set(event_types()), f"custody.yaml: {group}")
    implied = []
    for rule in raw["implied_custody"]:
        _require({rule["event"]}, set(event_types()), "custody.yaml: implied_custody")
        _require(set(rule["while"]) | ({rule["custody"]} - {None}), known, "implied_custody")
        details = tuple((k, frozenset(v)) for k, v in (rule.get("details") or {}).items())
        implied.append(
            ImpliedCustody(rule["event"], frozenset(rule["while"]), rule["custody"], details)
        )
    return CustodyTable(
        states=states,
        labels={s: spec["label"] for s, spec in raw["states"].items()},
        next={s: frozenset(spec["next"]) for s, spec in raw["states"].items()},
        captivity=frozenset(raw["captivity"]),
        in_transit=frozenset(raw["in_transit"]),
        returned=frozenset(raw["returned"]),
        return_events=frozenset(raw["return_events"]),
        after_death_allowed=frozenset(raw["after_death_allowed"]),
        implied=tuple(implied),
    )


@cache
def status_table() -> StatusTable:
    """The status table from ``status.yaml``, checked against the custody states."""
    raw = _load("status.yaml")
    labels = dict(raw["statuses"])
    states = set(custody_table().states)
    _require(set(raw["by_custody"].values()), set(labels), "status.yaml: by_custody")
    missing = states - set(raw["by_custody"])
    if missing:
        raise ValidationError(f"status.yaml: no status for custody {', '.join(sorted(missing))}")
    _require(set(raw["prosecuted"]["custody"]), states, "status.yaml: prosecuted.custody")
    legal = set(facet_orders()["legal"])
    _require(set(raw["prosecuted"]["legal"]), legal, "status.yaml: prosecuted.legal")
    return StatusTable(
        labels=labels,
        by_custody=dict(raw["by_custody"]),
        prosecuted_legal=frozenset(raw["prosecuted"]["legal"]),
        prosecuted_custody=frozenset(raw["prosecuted"]["custody"]),
    )


@cache
def facet_orders() -> dict[str, tuple[str, ...]]:
    """Each facet's values in natural order, from ``facets.yaml``."""
    raw = _load("facets.yaml")
    orders = {facet: tuple(values) for facet, values in raw.items()}
    for type_id, kind in event_types().items():
        for facet, value in kind.facets.items():
            if value not in orders.get(facet, ()):
                raise ValidationError(
                    f"facets.yaml: '{type_id}' sets {facet}={value}, which is not listed"
                )
    return orders
