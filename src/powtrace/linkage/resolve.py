"""Deciding: judgements first, then the model; three outcomes (link, review, new) by thresholds."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from powtrace.domain.errors import ValidationError
from powtrace.linkage import explain as ex
from powtrace.linkage.blocking import Index
from powtrace.linkage.compare import FIELDS
from powtrace.linkage.explain import FieldWeight, Score
from powtrace.linkage.model import Model
from powtrace.linkage.profile import Profile
from powtrace.linkage.record import Record

LINK, REVIEW, NEW = "link", "review", "new"
SAME, NOT_SAME, UNSURE = "same", "not_same", "unsure"
_CERTAIN = 30.0  # log2 odds shown for a pair a reviewer judged the same (p = 1 - 1e-9)


# A pair that conflicts on one of these is never linked without a person, however strong the
# rest: a namesake with a rare surname outweighs a conflicting birth date in any Fellegi–Sunter
# sum, and telling the two apart is exactly what a reviewer is for.
DEFAULT_VETO = (
    "surname:different",
    "given:different",
    "patronymic:different",
    "birth:conflict",
    "birth:same_year",
)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Probability cut-offs (link, review) and the conflicts that cap a pair at review."""

    link: float = 0.7  # from the benchmark: best F1 with under 3% of namesakes linked
    review: float = 0.2
    veto: tuple[str, ...] = DEFAULT_VETO

    def __post_init__(self) -> None:
        if not 0.0 <= self.review <= self.link <= 1.0:
            raise ValidationError(
                f"thresholds need 0 <= review <= link <= 1 (got review {self.review}, "
                f"link {self.link})"
            )


DEFAULT_THRESHOLDS = Thresholds()


def vetoed(score: Score, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[str]:
    """The vetoing conflicts ('birth:conflict', …) a score contains."""
    out = []
    for w in score.weights:
        levels = FIELDS.get(w.field)
        if levels and w.level >= 0 and f"{w.field}:{levels[w.level]}" in thresholds.veto:
            out.append(f"{w.field}:{levels[w.level]}")
    return out


def decide(score: Score | float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """'link', 'review' or 'new' for a score (or a probability); a veto caps link at review."""
    p = score.probability if isinstance(score, Score) else float(score)
    if p >= thresholds.link:
        judged = isinstance(score, Score) and any(w.field == "judgement" for w in score.weights)
        if isinstance(score, Score) and not judged and vetoed(score, thresholds):
            return REVIEW
        return LINK
    return REVIEW if p >= thresholds.review else NEW


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The outcome for one incoming record: best match, its probability, decision, why."""

    row_id: str
    matched_id: str | None
    score: float
    decision: str
    explanation: Score | None
    candidates: tuple[tuple[str, float], ...] = ()  # the runners-up, for the review page


Judgements = Mapping[Any, Any]


def judgement_map(judgements: Judgements | None) -> dict[str, dict[str, str]]:
    """{(ref_a, ref_b) or frozenset: decision} → {ref: {other ref: 'same'|'not_same'|'unsure'}}."""
    out: dict[str, dict[str, str]] = {}
    for pair, decision in (judgements or {}).items():
        a, b = tuple(pair)
        value = str(getattr(decision, "value", decision))
        out.setdefault(a, {})[b] = value
        out.setdefault(b, {})[a] = value
    return out


def _judged(model: Model, query: Profile, index: Index, pos: int, decision: str) -> Score:
    """A score forced by a judgement, still showing the model's own view of the pair."""
    base = model.explain(query, index.profiles[pos], index.freq)
    target = _CERTAIN if decision == SAME else -_CERTAIN
    forced = FieldWeight("judgement", -1, target - base.total, ex.judgement_reason(decision))
    return Score(target, (forced, *base.weights))


def resolve(
    record: Record,
    index: Index,
    model: Model,
    judged: dict[str, dict[str, str]] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    runners_up: int = 3,
) -> LinkResult:
    """Link one record: a recorded judgement overrides the model; otherwise the best candidate."""
    profile = Profile(record)
    mine = (judged or {}).get(record.key, {})
    for other, decision in mine.items():
        pos = index.by_key.get(other)
        if decision == SAME and pos is not None:
            score = _judged(model, profile, index, pos, SAME)
            return LinkResult(record.id, index.records[pos].id, 1.0, LINK, score)
    excluded = {index.by_key[o] for o, d in mine.items() if d == NOT_SAME and o in index.by_key}
    positions = index.candidate_positions(profile, exclude=record.key) - excluded
    if not positions:
        return LinkResult(record.id, None, 0.0, NEW, None)
    freq = index.freq
    ranked = sorted(
        ((model.weigh(profile, index.profiles[p], freq), p) for p in positions), reverse=True
    )
    best = ranked[0][1]
    # Registry records are distinct people, so at most one candidate is the match: the best
    # one's odds are shared with every other candidate (its odds against "none of them").
    rest = sum(2.0**w for w, _ in ranked[1:] if w > -60)
    score = model.explain(profile, index.profiles[best], freq)
    if rest > 1e-3:
        weight = -math.log2(1 + rest)
        competing = sum(1 for w, _ in ranked[1:] if w > -3.3)
        reason = ex.competition_reason(competing, weight)
        extra = FieldWeight("competition", -1, weight, reason)
        score = Score(score.total + weight, (*score.weights, extra))
    decision = decide(score, thresholds)
    if decision == LINK and mine.get(record_key(index, best)) == UNSURE:
        decision = REVIEW  # a reviewer could not tell: do not link it behind their back
    matched = index.records[best].id if decision != NEW else None
    runners = tuple(
        (index.records[p].id, round(ex.probability(w), 6)) for w, p in ranked[1 : 1 + runners_up]
    )
    return LinkResult(record.id, matched, score.probability, decision, score, runners)


def record_key(index: Index, pos: int) -> str:
    """The judgement ref of an indexed record."""
    return index.records[pos].key


def link(
    records_in: Iterable[Record],
    index: Index,
    model: Model,
    judgements: Judgements | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[LinkResult]:
    """Link every incoming record against the index; the caller looks judgements up."""
    judged = judgement_map(judgements)
    return [resolve(r, index, model, judged, thresholds) for r in records_in]
