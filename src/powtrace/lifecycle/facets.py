"""Facets (legal, pay, contact, medical, registration, counsel) derived from a timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from powtrace.domain.model import Event
from powtrace.domain.vocab import event_types
from powtrace.lifecycle.model import FacetState
from powtrace.lifecycle.order import timeline_key
from powtrace.lifecycle.tables import facet_orders

_NO_DATE = (date.min, date.min)


def derive_facets(events: Sequence[Event]) -> dict[str, FacetState]:
    """Each facet's latest value; facets no event sets are absent."""
    orders = facet_orders()
    best: dict[str, tuple[Any, FacetState]] = {}
    for event in events:
        for facet, value in event_types()[event.type].facets.items():
            # Dated beats undated (an undated claim cannot be placed after a dated one), then
            # the latest date, then the facet's natural order for dates that do not decide.
            key = (
                event.date is not None,
                event.date.sort_key() if event.date is not None else _NO_DATE,
                orders[facet].index(value),
                timeline_key(event),
            )
            if facet not in best or key > best[facet][0]:
                best[facet] = (key, FacetState(value, event.date, event.id))
    return {facet: state for facet, (_, state) in sorted(best.items())}
