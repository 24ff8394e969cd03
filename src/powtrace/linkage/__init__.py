"""Record linkage: blocking, pairwise comparison, a Fellegi–Sunter model, decisions, search.

Pure: imports only powtrace.domain and powtrace.names, works on plain records, no database.
The caller looks judgements up and passes them in; see docs/linkage.md.
"""

from powtrace.linkage.blocking import Index
from powtrace.linkage.compare import FIELDS
from powtrace.linkage.explain import FieldWeight, Score
from powtrace.linkage.model import Frequencies, Model
from powtrace.linkage.record import NameParts, Record, record_from_person, record_from_row
from powtrace.linkage.resolve import (
    DEFAULT_THRESHOLDS,
    LinkResult,
    Thresholds,
    decide,
    link,
    resolve,
)
from powtrace.linkage.search import Hit, parse_query, search

__all__ = [
    "DEFAULT_THRESHOLDS",
    "FIELDS",
    "FieldWeight",
    "Frequencies",
    "Hit",
    "Index",
    "LinkResult",
    "Model",
    "NameParts",
    "Record",
    "Score",
    "Thresholds",
    "decide",
    "link",
    "parse_query",
    "record_from_person",
    "record_from_row",
    "resolve",
    "search",
]
