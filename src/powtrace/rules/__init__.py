"""The rule engine and the rules: legal obligations as data, checked over a person's timeline.

Each rule is a YAML file under ``catalogue/`` (see docs/rules.md): its legal basis in our own
words, its regime, whom it binds, how settled the law is, and a condition in a small,
declarative language compiled to closures - never evaluated as code. Evaluation is pure: it
reads a derived :class:`~powtrace.lifecycle.Lifecycle` and an explicit ``as_of`` date and
returns :class:`Finding` records; storing them is the store's job.
"""

from powtrace.rules.arrears import compute_arrears, pay_rates
from powtrace.rules.catalogue import check_rule_file, default_path, load_catalogue, read_rule_file
from powtrace.rules.engine import evaluate, evaluate_rule
from powtrace.rules.errors import RuleError, RuleProblem
from powtrace.rules.model import (
    BINDS,
    REGIMES,
    Catalogue,
    Certainty,
    Finding,
    FindingEvent,
    LegalBasis,
    LegalCertainty,
    Rule,
    Severity,
    fingerprint,
)

__all__ = [
    "BINDS",
    "REGIMES",
    "Catalogue",
    "Certainty",
    "Finding",
    "FindingEvent",
    "LegalBasis",
    "LegalCertainty",
    "Rule",
    "RuleError",
    "RuleProblem",
    "Severity",
    "check_rule_file",
    "compute_arrears",
    "default_path",
    "evaluate",
    "evaluate_rule",
    "fingerprint",
    "load_catalogue",
    "pay_rates",
    "read_rule_file",
]
