"""A person's timeline, custody status and facets, derived from confirmed events. Pure.

Impossible sequences are reported as :class:`Problem` records, never raised and never silently
resolved. The custody transitions, the status rules and the facet orders are data files beside
this module (``custody.yaml``, ``status.yaml``, ``facets.yaml``) so they can be reviewed.
"""

from powtrace.lifecycle.derive import derive
from powtrace.lifecycle.model import (
    FACETS,
    CustodyPeriod,
    FacetState,
    Lifecycle,
    Problem,
    TimelineEntry,
)
from powtrace.lifecycle.order import timeline, timeline_key
from powtrace.lifecycle.problems import PROBLEM_CODES
from powtrace.lifecycle.status import STATUSES, status_label
from powtrace.lifecycle.tables import custody_table

__all__ = [
    "FACETS",
    "PROBLEM_CODES",
    "STATUSES",
    "CustodyPeriod",
    "FacetState",
    "Lifecycle",
    "Problem",
    "TimelineEntry",
    "custody_table",
    "derive",
    "status_label",
    "timeline",
    "timeline_key",
]
