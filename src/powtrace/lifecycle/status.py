"""A person's status from custody and the legal facet; the rules are in ``status.yaml``."""

from __future__ import annotations

from powtrace.domain.errors import ValidationError
from powtrace.lifecycle.model import FacetState
from powtrace.lifecycle.tables import status_table

STATUSES = (
    "unknown",
    "serving",
    "missing",
    "in_captivity",
    "in_post_return_isolation",
    "back_in_service_noncombat",
    "back_in_service_combat",
    "at_home",
    "prosecuted",
    "imprisoned",
    "discharged",
    "dead",
    "missing_again",
    "refuses_repatriation",
)


def derive_status(custody: str | None, legal: FacetState | None, returned: bool) -> str:
    """The status for a custody state, the legal facet and whether the person ever returned."""
    table = status_table()
    if custody is None:
        return "unknown"
    if custody == "missing" and returned:
        return "missing_again"
    prosecuted = legal is not None and legal.value in table.prosecuted_legal
    if prosecuted and custody in table.prosecuted_custody:
        return "prosecuted"
    return table.by_custody[custody]


def status_label(status: str) -> str:
    """The status as a case worker reads it, e.g. 'in post-return isolation'."""
    labels = status_table().labels
    if status not in labels:
        raise ValidationError(f"unknown status '{status}': use one of {', '.join(STATUSES)}")
    return labels[status]
