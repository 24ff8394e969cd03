"""Explanations: a score as a sum of per-field match weights, each with a reason to read."""

from __future__ import annotations

import math
from dataclasses import dataclass

from powtrace.linkage.compare import FIELDS, NULL

_PART_LABEL = {"surname": "surname", "given": "given name", "patronymic": "patronymic"}
_BIRTH_TEXT = {
    "exact": "the same day",
    "swapped": "day and month swapped",
    "same_month": "same month, other day",
    "consistent": "within each other's bounds",
    "year_off": "same day and month, a year off",
    "same_year": "same year, other day and month",
    "near": "close but outside the bounds",
    "conflict": "conflicting",
}


@dataclass(frozen=True, slots=True)
class FieldWeight:
    """One field's contribution: its agreement level, log2 Bayes factor and why."""

    field: str
    level: int  # index into compare.FIELDS[field]; -1 = not compared (or the prior)
    weight: float
    reason: str

    @property
    def bayes_factor(self) -> float:
        """The weight as a Bayes factor (2 ** weight)."""
        return 2.0**self.weight


@dataclass(frozen=True, slots=True)
class Score:
    """A match score: total log2 odds (prior plus every field weight) and its parts."""

    total: float
    weights: tuple[FieldWeight, ...]

    @property
    def probability(self) -> float:
        """The match probability the total log2 odds stand for."""
        return probability(self.total)

    def reasons(self) -> list[str]:
        """Human-readable lines, strongest evidence first, the prior last."""
        parts = sorted(
            (
                w
                for w in self.weights
                if w.field != "prior" and not (w.field in FIELDS and w.level == NULL)
            ),
            key=lambda w: -abs(w.weight),
        )
        return [w.reason for w in parts] + [w.reason for w in self.weights if w.field == "prior"]


def probability(weight: float) -> float:
    """log2 odds → probability, safe for large magnitudes."""
    if weight > 60:
        return 1.0
    if weight < -60:
        return 0.0
    odds = 2.0**weight
    return odds / (1 + odds)


def _fmt(weight: float) -> str:
    return f"({weight:+.1f})"


def prior_reason(match_rate: float, population: int, weight: float) -> str:
    """Why the score starts where it does."""
    return (
        f"prior: {min(match_rate, 0.95):.0%} of queries have a match among "
        f"{population:,} records {_fmt(weight)}"
    )


def _keys(detail: frozenset[str] | str) -> str:
    if isinstance(detail, str):
        return detail
    return ", ".join(sorted(k.lstrip("~") for k in detail))


def name_reason(
    name: str, level: int, detail: frozenset[str] | str, tf: float | None, weight: float
) -> str:
    """Reason for a surname, given-name or patronymic weight."""
    label = _PART_LABEL[name]
    if level == NULL:
        return f"{label}: not compared (missing on one side) {_fmt(0.0)}"
    kind = FIELDS[name][level]
    if kind == "same":
        what = "same name" if name != "surname" else "same"
        rarity = ""
        if tf is not None:
            rarity = f"; {tf:.2%} of records" if tf >= 0.0005 else f"; rare, 1 in {1 / tf:,.0f}"
        return f"{label}: {what} ({_keys(detail)}{rarity}) {_fmt(weight)}"
    if kind == "one_edit":
        rarity = ""
        if tf is not None:
            share = f"{tf:.2%} of records" if tf >= 0.0005 else f"1 in {1 / tf:,.0f} records"
            # a surname's tf is the share of records the misspelling may stand for
            rarity = f"; could be {share}" if name == "surname" else f"; {share}"
        return f"{label}: one letter apart ({_keys(detail)}{rarity}) {_fmt(weight)}"
    if kind == "neighbour":
        return (
            f"{label}: another registry surname, one letter apart ({_keys(detail)}) {_fmt(weight)}"
        )
    if kind == "similar":
        return f"{label}: similar ({_keys(detail)}) {_fmt(weight)}"
    if kind == "initial":
        shares = f" ({_keys(detail)}; {tf:.1%} of records)" if tf is not None and detail else ""
        return f"{label}: initial agrees{shares} {_fmt(weight)}"
    shown = f" ({_keys(detail)})" if detail else ""
    return f"{label}: different{shown} {_fmt(weight)}"


def simple_reason(name: str, level: int, detail: str, weight: float) -> str:
    """Reason for gender, birth date, unit, region or side."""
    label = "birth date" if name == "birth" else name
    if level == NULL:
        return f"{label}: not compared (missing on one side) {_fmt(0.0)}"
    kind = FIELDS[name][level]
    text = _BIRTH_TEXT.get(kind, kind) if name == "birth" else kind
    if name == "gender" and kind == "disagree":
        text = f"disagree ({detail})"
    suffix = f" ({detail})" if detail and name == "birth" else ""
    return f"{label}: {text}{suffix} {_fmt(weight)}"


def competition_reason(others: int, weight: float) -> str:
    """Why the best candidate's probability is lowered by the others."""
    plural = "candidate" if others == 1 else "candidates"
    return f"other candidates: {others} other plausible {plural} for the same record {_fmt(weight)}"


def judgement_reason(decision: str) -> str:
    """Why a recorded judgement decided the pair."""
    return f"judgement: a reviewer recorded '{decision}' for this pair"


def clamp_weight(weight: float) -> float:
    """Keep a weight finite for display and JSON."""
    return max(min(weight, 1e3), -1e3) if math.isfinite(weight) else math.copysign(1e3, weight)
