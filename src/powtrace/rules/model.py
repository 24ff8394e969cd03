"""What the rule engine reads and writes: rules with their legal basis, and findings."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from powtrace.domain.visibility import Visibility
from powtrace.rules.errors import RuleError

REGIMES = ("ihl", "domestic_criminal", "domestic_administrative", "human_rights")
BINDS = ("detaining_state", "home_state")


class Certainty(StrEnum):
    """How sure the engine is that the condition holds on the recorded timeline."""

    CERTAIN = "certain"
    PROBABLE = "probable"  # the date bounds or the recorded facts do not settle it


class Severity(StrEnum):
    CRITICAL = "critical"  # life, torture, death
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return ("low", "medium", "high", "critical").index(self.value)


class LegalCertainty(StrEnum):
    SETTLED = "settled"
    CONTESTED = "contested"  # the interpretation relied on is named in the rule


@dataclass(frozen=True)
class LegalBasis:
    """One provision a rule rests on, paraphrased in our own words, with a link."""

    instrument: str
    article: str
    paraphrase: str
    link: str
    regime: str
    role: str = "basis"  # basis | context (background, e.g. why captivity evidence is tainted)
    sides: tuple[str, ...] = ()  # for domestic law: the person's side it applies to; () = all
    verified: bool = True  # False: our research could not confirm the wording; check it

    def applies_to(self, side: str | None) -> bool:
        """Whether this provision is relevant for a person who served ``side``."""
        return not self.sides or side in (None, "unknown", "other") or side in self.sides


@dataclass(frozen=True)
class SeverityCase:
    """A severity (and possibly legal certainty) that applies when its condition holds."""

    level: Severity
    when: Any  # a compiled condition
    legal_certainty: LegalCertainty | None = None
    note: str | None = None
    note_parts: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Line:
    """One line of a finding's explanation; shown only when ``only_if`` names a bound thing."""

    template: str
    only_if: str | None = None
    parts: tuple[Any, ...] = ()  # the template split once into text and fields


@dataclass(frozen=True)
class Rule:
    """A legal obligation and the condition on a person's timeline that shows it is unmet."""

    id: str
    title: str
    regime: str
    binds: str
    legal_basis: tuple[LegalBasis, ...]
    legal_certainty: LegalCertainty
    interpretation: str
    parameters: Mapping[str, Any]
    condition: Callable[..., Iterator[tuple[int, dict[str, Any]]]]
    requires: tuple[frozenset[str], ...]  # each set: the person needs an event of one of them
    key: tuple[str, ...]
    default_severity: Severity
    severity_cases: tuple[SeverityCase, ...]
    compute: Mapping[str, Any]
    explanation: tuple[Line, ...]
    evidence: tuple[str, ...]
    strengthen: tuple[str, ...]
    cure: tuple[str, ...]
    action: str
    watch: frozenset[str]  # event types whose unconfirmed records are listed for review
    detail_keys: Mapping[str, frozenset[str]]  # per bound name: details the rule looks at
    path: str = ""
    summary: str = ""
    side_specific: bool = False  # some provisions apply only to persons of one side


class FindingEvent(NamedTuple):
    """An event a finding rests on, with the part it plays in the rule."""

    role: str
    event_id: str
    type: str
    date: str | None


@dataclass(frozen=True)
class Finding:
    """A rule that holds for a person: the events that show it and what follows from it."""

    rule_id: str
    person_id: str
    title: str
    certainty: Certainty
    severity: Severity
    legal_certainty: LegalCertainty
    interpretation: str
    regime: str
    binds: str
    responsible_state: str | None
    events: tuple[FindingEvent, ...]
    explanation: str
    legal_basis: tuple[LegalBasis, ...]
    evidence: tuple[str, ...]
    evidence_to_strengthen: tuple[str, ...]
    cure: tuple[str, ...]
    action: str
    values: dict[str, Any] = field(hash=False, compare=True)
    visibility: Visibility = Visibility.RESTRICTED
    pending_review: tuple[FindingEvent, ...] = ()
    key_event_ids: tuple[str, ...] = ()
    as_of: date | None = None

    @property
    def fingerprint(self) -> str:
        """Stable across re-evaluations: the rule, the person and the key events only."""
        return fingerprint(self.rule_id, self.person_id, self.key_event_ids)

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(e.event_id for e in self.events)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (enums as text, dates ISO, tuples as lists) for a store."""

        def plain(value: Any) -> Any:
            if isinstance(value, (StrEnum, Visibility)):
                return value.value
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, LegalBasis):
                return {k: plain(v) for k, v in vars(value).items()}
            if isinstance(value, FindingEvent):
                return {k: plain(v) for k, v in value._asdict().items()}
            if isinstance(value, dict):
                return {str(k): plain(v) for k, v in value.items()}
            if isinstance(value, (tuple, list)):
                return [plain(v) for v in value]
            return value

        out = {f.name: plain(getattr(self, f.name)) for f in fields(self)}
        out["fingerprint"] = self.fingerprint
        return out


def fingerprint(rule_id: str, person_id: str, key_ids: tuple[str, ...]) -> str:
    """``fp-`` and 20 hex digits of SHA-256 over the rule id, person id and sorted key ids."""
    text = "\x1f".join([rule_id, person_id, *sorted(key_ids)])
    return "fp-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass
class Catalogue:
    """The rules that loaded, and the files that did not (kept apart, never mixed)."""

    rules: dict[str, Rule] = field(default_factory=dict)
    errors: list[RuleError] = field(default_factory=list)
    stale: set[str] = field(default_factory=set)  # rule ids kept from a previous good load

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def __len__(self) -> int:
        return len(self.rules)

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    @property
    def ok(self) -> bool:
        return not self.errors
