"""Properties that hold for any list of valid events (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Event, ReviewState
from powtrace.domain.vocab import event_types
from powtrace.lifecycle import PROBLEM_CODES, STATUSES, custody_table, derive, status_label

PERSON = "p-1"
TYPES = list(event_types())


@st.composite
def points(draw: st.DrawFn) -> str:
    text = f"{draw(st.integers(2022, 2025))}"
    if draw(st.booleans()):
        text += f"-{draw(st.integers(1, 12)):02d}"
        if draw(st.booleans()):
            text += f"-{draw(st.integers(1, 28)):02d}"
    return text


@st.composite
def dates(draw: st.DrawFn) -> PartialDate | None:
    kind = draw(st.sampled_from(["none", "point", "approximate", "range"]))
    if kind == "none":
        return None
    first = PartialDate.parse(draw(points()))
    if kind == "point":
        return first
    if kind == "approximate":
        return PartialDate.parse(f"{first}~")
    second = PartialDate.parse(draw(points()))
    low, high = sorted([first, second], key=PartialDate.sort_key)
    return PartialDate.parse(f"{low}/{high}")  # valid: high starts no earlier than low


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    count = draw(st.integers(0, 14))
    out = []
    for i in range(count):
        type_ = draw(st.sampled_from(TYPES))
        person = draw(st.sampled_from([PERSON, PERSON, PERSON, "p-2", None]))
        details = {}
        if type_ == "sentenced" and draw(st.booleans()):
            details["kind"] = draw(st.sampled_from(["prison", "suspended"]))
        review = draw(st.sampled_from([ReviewState.CONFIRMED] * 3 + list(ReviewState)))
        out.append(
            Event(
                type_,
                person,
                id=f"e{i:02d}",
                date=draw(dates()),
                review=review,
                group_size=None if person else 5,
                details=details,
            )
        )
    return out


@settings(max_examples=300, deadline=None)
@given(events())
def test_derive_never_raises_and_stays_in_its_vocabulary(evs: list[Event]) -> None:
    life = derive(PERSON, evs)
    assert life.status in STATUSES
    assert status_label(life.status)
    assert life.custody is None or life.custody in custody_table().states
    ids = {entry.event.id for entry in life.entries}
    for problem in life.problems:
        assert problem.code in PROBLEM_CODES
        assert problem.message.endswith(".")
        assert problem.event_ids and set(problem.event_ids) <= ids


@settings(max_examples=300, deadline=None)
@given(events())
def test_entries_are_the_confirmed_events_sorted_by_date(evs: list[Event]) -> None:
    life = derive(PERSON, evs)
    mine = [e for e in evs if e.person_id == PERSON and e.review is ReviewState.CONFIRMED]
    assert sorted(e.event.id for e in life.entries) == sorted(e.id for e in mine)
    dated = [e.event.date for e in life.entries if e.event.date is not None]
    assert [d.sort_key() for d in dated] == sorted(d.sort_key() for d in dated)
    undated_seen = False
    for entry in life.entries:
        undated_seen = undated_seen or entry.event.date is None
        assert entry.event.date is None or not undated_seen  # undated events come last


@settings(max_examples=200, deadline=None)
@given(events(), st.randoms(use_true_random=False))
def test_shuffling_the_input_never_changes_the_result(evs: list[Event], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert derive(PERSON, shuffled) == derive(PERSON, evs)


@settings(max_examples=300, deadline=None)
@given(events())
def test_periods_chain_and_end_in_the_current_custody(evs: list[Event]) -> None:
    life = derive(PERSON, evs)
    assert life.custody == (life.entries[-1].custody_after if life.entries else None)
    if not life.periods:
        assert life.custody is None
        return
    assert life.periods[-1].state == life.custody
    assert life.periods[-1].end_event_id is None
    for before, after in zip(life.periods, life.periods[1:], strict=False):
        assert before.end_event_id == after.start_event_id
        assert before.state != after.state
    captivity = custody_table().captivity
    assert life.times_captured <= sum(p.state in captivity for p in life.periods)
    assert (life.times_captured > 0) == any(p.state in captivity for p in life.periods)
