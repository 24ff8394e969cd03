"""The event vocabulary, read from ``event_types.yaml`` (the vocabulary is data, not code)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility

CORPUS_TYPES = frozenset(
    [
        "captured",
        "surrendered",
        "registered_icrc",
        "interned",
        "transferred",
        "exchanged",
        "released",
        "returned_home_country",
        "isolated_interrogated",
        "hospitalised",
        "returned_to_unit",
        "assigned_noncombat",
        "redeployed_combat",
        "pay_suspended",
        "criminal_case_opened",
        "charged",
        "convicted",
        "sentenced",
        "missing",
        "killed",
        "died_in_captivity",
        "tortured",
        "interviewed_by_press",
        "other",
    ]
)
_SCALAR_TYPES = {"text", "int", "bool", "date"}


@dataclass(frozen=True)
class DetailSpec:
    """The type of one structured detail: a scalar kind or a closed list of values."""

    name: str
    kind: str  # text | int | bool | date | choice
    choices: tuple[str, ...] = ()

    def check(self, value: Any, where: str) -> Any:
        """Return the value in canonical form, or raise naming the detail and the problem."""
        label = f"{where}: detail '{self.name}'"
        if self.kind == "text":
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(f"{label} must be non-empty text")
            return value.strip()
        if self.kind == "int":
            if isinstance(value, bool):
                raise ValidationError(f"{label} must be a whole number")
            try:
                number = int(str(value).strip())
            except ValueError:
                raise ValidationError(f"{label} must be a whole number, not '{value}'") from None
            if number < 0:
                raise ValidationError(f"{label} must not be negative")
            return number
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"true", "yes", "1"}:
                return True
            if text in {"false", "no", "0"}:
                return False
            raise ValidationError(f"{label} must be true or false, not '{value}'")
        if self.kind == "date":
            try:
                return str(PartialDate.parse(str(value)))
            except ValidationError as exc:
                raise ValidationError(f"{label} must be a date: {exc}") from None
        if value not in self.choices:
            raise ValidationError(
                f"{label} must be one of {', '.join(self.choices)}; got '{value}'"
            )
        return value


@dataclass(frozen=True)
class EventType:
    """One kind of event and what it means for the lifecycle."""

    id: str
    label: str
    corpus: str
    custody: str | None
    facets: dict[str, str]
    visibility: Visibility
    sealed_details: frozenset[str]
    details: dict[str, DetailSpec] = field(default_factory=dict)

    def check_details(self, details: dict[str, Any], where: str = "event") -> dict[str, Any]:
        """Validate details against this type; unknown keys are refused with a suggestion."""
        clean: dict[str, Any] = {}
        for key, value in details.items():
            spec = self.details.get(key)
            if spec is None:
                allowed = ", ".join(sorted(self.details)) or "none"
                raise ValidationError(
                    f"{where}: '{self.id}' has no detail '{key}' (allowed: {allowed})"
                )
            if value is None:
                continue
            clean[key] = spec.check(value, where)
        return clean


def _parse_entry(type_id: str, raw: dict[str, Any]) -> EventType:
    where = f"event_types.yaml: '{type_id}'"
    corpus = raw.get("corpus", "other")
    if corpus not in CORPUS_TYPES:
        raise ValidationError(f"{where}: corpus type '{corpus}' is not in the gold format")
    details: dict[str, DetailSpec] = {}
    for name, spec in (raw.get("details") or {}).items():
        if isinstance(spec, list):
            details[name] = DetailSpec(name, "choice", tuple(str(v) for v in spec))
        elif spec in _SCALAR_TYPES:
            details[name] = DetailSpec(name, str(spec))
        else:
            raise ValidationError(f"{where}: detail '{name}' has unknown type '{spec}'")
    sealed = frozenset(raw.get("sealed_details") or ())
    if not sealed <= set(details):
        raise ValidationError(f"{where}: sealed_details names details it does not have")
    return EventType(
        id=type_id,
        label=str(raw.get("label", type_id)),
        corpus=corpus,
        custody=raw.get("custody"),
        facets=dict(raw.get("facets") or {}),
        visibility=Visibility(raw.get("visibility", "restricted")),
        sealed_details=sealed,
        details=details,
    )


@cache
def event_types() -> dict[str, EventType]:
    """All event types, keyed by id, in the order of the vocabulary file."""
    text = resources.files("powtrace.domain").joinpath("event_types.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {type_id: _parse_entry(type_id, raw or {}) for type_id, raw in data.items()}


def event_type(type_id: str) -> EventType:
    """Look up an event type, or raise an error that suggests the nearest known one."""
    types = event_types()
    try:
        return types[type_id]
    except KeyError:
        near = difflib.get_close_matches(str(type_id), list(types), n=1)
        hint = f" Did you mean '{near[0]}'?" if near else ""
        raise ValidationError(f"unknown event type '{type_id}'.{hint}") from None
