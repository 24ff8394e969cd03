"""Properties over random valid timelines (hypothesis): evaluation never raises, findings are
well formed, and the input order never changes them."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rules_support import PERSON, catalogue

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Citation, Event, NameForm, Person, ReviewState
from powtrace.domain.vocab import event_types
from powtrace.lifecycle import derive
from powtrace.rules import Certainty, Severity, evaluate

TYPES = list(event_types())
TEXTS = ["CC RF 352.1 part 1", "CC RF 275.1", "CC UA 430", "338", "FSB", "unit 123", "x"]


@st.composite
def dates(draw: st.DrawFn) -> PartialDate | None:
    kind = draw(st.sampled_from(["none", "day", "day", "month", "approx", "range"]))
    if kind == "none":
        return None
    year, month, dd = (
        draw(st.integers(2022, 2025)),
        draw(st.integers(1, 12)),
        draw(st.integers(1, 28)),
    )
    if kind == "day":
        return PartialDate.of(year, month, dd)
    if kind == "month":
        return PartialDate.of(year, month)
    if kind == "approx":
        return PartialDate.of(year, month, approximate=True)
    end = PartialDate.of(year, month, dd).earliest.toordinal() + draw(st.integers(0, 60))
    d = date.fromordinal(end)
    return PartialDate.parse(f"{year:04d}-{month:02d}-{dd:02d}/{d.isoformat()}")


@st.composite
def details(draw: st.DrawFn, type_: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, spec in event_types()[type_].details.items():
        if not draw(st.booleans()):
            continue
        if spec.kind == "choice":
            out[name] = draw(st.sampled_from(spec.choices))
        elif spec.kind == "int":
            out[name] = draw(st.integers(0, 400))
        elif spec.kind == "bool":
            out[name] = draw(st.booleans())
        elif spec.kind == "text":
            out[name] = draw(st.sampled_from(TEXTS))
    return out


@st.composite
def timelines(draw: st.DrawFn) -> list[Event]:
    out = []
    for i in range(draw(st.integers(0, 16))):
        type_ = draw(st.sampled_from(TYPES))
        sources = draw(st.integers(0, 3))
        out.append(
            Event(
                type_,
                PERSON,
                id=f"e{i:02d}",
                date=draw(dates()),
                review=draw(st.sampled_from([ReviewState.CONFIRMED] * 4 + list(ReviewState))),
                details=draw(details(type_)),
                citations=[Citation(f"s-{k}", 0, 1, "w") for k in range(sources)],
            )
        )
    return out


people = st.builds(
    lambda side, rank: Person([NameForm("P")], id=PERSON, side=side, rank=rank),
    st.sampled_from(["russia", "ukraine", "other", "unknown"]),
    st.sampled_from([None, "private", "junior sergeant", "captain", "генерал"]),
)
as_of_days = st.dates(date(2022, 1, 1), date(2027, 12, 31))


@settings(max_examples=250, deadline=None)
@given(timelines(), people, as_of_days)
def test_evaluate_never_raises_and_findings_are_well_formed(
    evs: list[Event], who: Person, as_of: date
) -> None:
    found = evaluate(catalogue(), derive(PERSON, evs), who, evs, as_of)
    rule_ids = set(catalogue().rules)
    confirmed = {e.id for e in evs if e.review is ReviewState.CONFIRMED}
    keys = set()
    for f in found:
        assert f.rule_id in rule_ids and f.person_id == PERSON
        assert f.certainty in Certainty and f.severity in Severity
        assert f.explanation and "{" not in f.explanation
        assert set(f.event_ids) <= confirmed and f.events
        assert (f.rule_id, f.fingerprint) not in keys  # one finding per key
        keys.add((f.rule_id, f.fingerprint))
        arrears = f.values.get("arrears")
        if arrears:
            assert arrears["total"] == sum(amount for _, amount in arrears["months"]) >= 0


@settings(max_examples=150, deadline=None)
@given(timelines(), people, as_of_days, st.randoms(use_true_random=False))
def test_input_order_never_changes_findings(
    evs: list[Event], who: Person, as_of: date, rnd
) -> None:  # type: ignore[no-untyped-def]
    def summary(events: list[Event]) -> list[tuple[str, str, str, str, str]]:
        found = evaluate(catalogue(), derive(PERSON, events), who, events, as_of)
        return sorted(
            (f.rule_id, f.fingerprint, f.certainty, f.severity, f.explanation) for f in found
        )

    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert summary(shuffled) == summary(evs)
