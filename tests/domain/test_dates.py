"""PartialDate: parsing, bounds, ordering and errors (property tests with hypothesis)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powtrace.domain.dates import Order, PartialDate, Precision, parse_optional
from powtrace.domain.errors import ValidationError

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PRECISIONS = st.sampled_from([Precision.YEAR, Precision.MONTH, Precision.DAY])
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def render(d: date, precision: Precision) -> str:
    """The text of ``d`` cut to ``precision``."""
    if precision is Precision.YEAR:
        return f"{d.year:04d}"
    if precision is Precision.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


@st.composite
def point_texts(draw: st.DrawFn) -> str:
    return render(draw(DAYS), draw(PRECISIONS))


@st.composite
def range_texts(draw: st.DrawFn) -> str:
    first, second = sorted([draw(DAYS), draw(DAYS)])
    return f"{render(first, draw(PRECISIONS))}/{render(second, draw(PRECISIONS))}"


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    body = draw(st.one_of(point_texts(), range_texts()))
    return body + ("~" if draw(st.booleans()) else "")


partial_dates = date_texts().map(PartialDate.parse)


def day_within(data: st.DataObject, pd: PartialDate) -> date:
    """A concrete day that ``pd`` may be."""
    span = (pd.latest - pd.earliest).days
    return pd.earliest + timedelta(days=data.draw(st.integers(0, span)))


# ---- round trip and bounds ----------------------------------------------------------------


@FAST
@given(date_texts())
def test_text_round_trips(text: str) -> None:
    parsed = PartialDate.parse(text)
    assert str(parsed) == text
    assert PartialDate.parse(str(parsed)) == parsed
    assert repr(parsed) == f"PartialDate('{text}')"


@pytest.mark.parametrize(
    "text", ["2024", "2024-08", "2024-08-15", "2024-08~", "2024~", "2024-08/2024-10", "2024/2025~"]
)
def test_documented_forms_round_trip(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


@FAST
@given(partial_dates)
def test_earliest_never_after_latest(pd: PartialDate) -> None:
    assert pd.earliest <= pd.latest
    assert pd.contains(pd.earliest)
    assert pd.contains(pd.latest)
    if pd.earliest > date.min:
        assert not pd.contains(pd.earliest - timedelta(days=1))
    if pd.latest < date.max:
        assert not pd.contains(pd.latest + timedelta(days=1))


@FAST
@given(DAYS, PRECISIONS)
def test_exact_bounds_are_the_stated_unit(d: date, precision: Precision) -> None:
    pd = PartialDate.parse(render(d, precision))
    assert pd.precision is precision
    assert pd.earliest <= d <= pd.latest
    if precision is Precision.DAY:
        assert pd.earliest == pd.latest == d
        assert pd.is_exact_day
    elif precision is Precision.MONTH:
        assert pd.earliest == date(d.year, d.month, 1)
        assert pd.latest == date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        assert not pd.is_exact_day
    else:
        assert (pd.earliest, pd.latest) == (date(d.year, 1, 1), date(d.year, 12, 31))
        assert not pd.is_exact_day


@FAST
@given(range_texts())
def test_range_bounds_are_its_ends(text: str) -> None:
    left, right = (PartialDate.parse(part) for part in text.split("/"))
    pd = PartialDate.parse(text)
    assert pd.is_range
    assert not pd.is_exact_day
    assert pd.earliest == left.earliest
    assert pd.latest == right.latest
    assert pd.precision is min(left.precision, right.precision, key=list(Precision).index)


def test_whitespace_around_a_date_is_ignored() -> None:
    assert str(PartialDate.parse("  2024-08 ")) == "2024-08"


# ---- approximate widening ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2024-08~", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024~", date(2023, 1, 1), date(2025, 12, 31)),
        ("2024-08-15~", date(2024, 8, 14), date(2024, 8, 16)),
        ("2024-01~", date(2023, 12, 1), date(2024, 2, 29)),
        ("2023-01~", date(2022, 12, 1), date(2023, 2, 28)),
        ("2024-12-31~", date(2024, 12, 30), date(2025, 1, 1)),
        ("2024-03-01~", date(2024, 2, 29), date(2024, 3, 2)),
        ("2024-08/2024-10~", date(2024, 7, 1), date(2024, 11, 30)),
        ("2024/2024-10-05~", date(2023, 1, 1), date(2024, 10, 6)),
        ("9999~", date(9998, 1, 1), date(9999, 12, 31)),
        ("0001-01-01~", date(1, 1, 1), date(1, 1, 2)),
    ],
)
def test_approximate_widens_by_one_unit(text: str, earliest: date, latest: date) -> None:
    pd = PartialDate.parse(text)
    assert pd.approximate
    assert (pd.earliest, pd.latest) == (earliest, latest)


@FAST
@given(DAYS.filter(lambda d: 2 <= d.year <= 9998), PRECISIONS)
def test_approximate_covers_strictly_more(d: date, precision: Precision) -> None:
    exact = PartialDate.parse(render(d, precision))
    approx = PartialDate.parse(render(d, precision) + "~")
    assert approx.earliest < exact.earliest
    assert approx.latest > exact.latest
    assert not approx.is_exact_day


# ---- comparison -------------------------------------------------------------------------


@FAST
@given(partial_dates, partial_dates)
def test_compare_is_antisymmetric(a: PartialDate, b: PartialDate) -> None:
    ab, ba = a.compare(b), b.compare(a)
    assert (ab is Order.BEFORE) == (ba is Order.AFTER)
    assert (ab is Order.AFTER) == (ba is Order.BEFORE)
    assert (ab is Order.OVERLAP) == (ba is Order.OVERLAP)
    assert (ab is Order.SAME) == (ba is Order.SAME)
    assert a.certainly_before(b) == b.certainly_after(a)


@FAST
@given(partial_dates, partial_dates)
def test_compare_agrees_with_bounds(a: PartialDate, b: PartialDate) -> None:
    order = a.compare(b)
    if order is Order.BEFORE:
        assert a.latest < b.earliest
    elif order is Order.AFTER:
        assert b.latest < a.earliest
    elif order is Order.SAME:
        assert a.earliest == a.latest == b.earliest == b.latest
    else:  # the intervals share a day
        assert max(a.earliest, b.earliest) <= min(a.latest, b.latest)


@FAST
@given(partial_dates)
def test_a_date_is_same_as_itself_only_when_it_is_one_day(pd: PartialDate) -> None:
    expected = Order.SAME if pd.earliest == pd.latest else Order.OVERLAP
    assert pd.compare(pd) is expected
    if pd.is_exact_day:
        assert pd.compare(PartialDate.parse(str(pd))) is Order.SAME


@FAST
@given(DAYS)
def test_identical_exact_days_are_same(d: date) -> None:
    assert PartialDate.from_date(d).compare(PartialDate.parse(d.isoformat())) is Order.SAME


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2024-08", "2024-08"),
        ("2024", "2024"),
        ("2024-08-15~", "2024-08-15~"),
        ("2024-08-15~", "2024-08-15"),
        ("2024-08-15", "2024-08-16~"),
        ("2024-08/2024-10", "2024-09"),
    ],
)
def test_not_same_unless_both_are_one_identical_day(a: str, b: str) -> None:
    pa, pb = PartialDate.parse(a), PartialDate.parse(b)
    assert pa.compare(pb) is Order.OVERLAP
    assert pb.compare(pa) is Order.OVERLAP


@pytest.mark.parametrize(
    ("month", "day"),
    [
        ("2024-08", "2024-08-15"),
        ("2024-08", "2024-08-01"),
        ("2024-08", "2024-08-31"),
        ("2024-02", "2024-02-29"),
    ],
)
def test_day_inside_its_month_overlaps(month: str, day: str) -> None:
    m, d = PartialDate.parse(month), PartialDate.parse(day)
    for x, y in ((m, d), (d, m)):
        assert x.compare(y) is Order.OVERLAP
        assert not x.certainly_before(y)
        assert not x.certainly_after(y)


@FAST
@given(DAYS)
def test_any_day_overlaps_its_month_and_year(d: date) -> None:
    day = PartialDate.from_date(d)
    for coarse in (render(d, Precision.MONTH), render(d, Precision.YEAR)):
        pd = PartialDate.parse(coarse)
        assert pd.compare(day) is Order.OVERLAP
        assert day.compare(pd) is Order.OVERLAP


def test_neighbouring_months_are_ordered() -> None:
    july, august = PartialDate.parse("2024-07"), PartialDate.parse("2024-08-01")
    assert july.compare(august) is Order.BEFORE
    assert august.compare(july) is Order.AFTER
    assert july.certainly_before(august)
    assert august.certainly_after(july)


@FAST
@given(partial_dates, partial_dates, partial_dates)
def test_certainly_before_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    a, b, c = sorted([a, b, c], key=PartialDate.sort_key)  # make chains likely
    if a.certainly_before(b) and b.certainly_before(c):
        assert a.certainly_before(c)
    assert not (a.certainly_before(b) and b.certainly_before(a))


@FAST
@given(partial_dates, partial_dates)
def test_sort_key_consistent_with_compare(a: PartialDate, b: PartialDate) -> None:
    if a.certainly_before(b):
        assert a.sort_key() < b.sort_key()
    if a.certainly_after(b):
        assert a.sort_key() > b.sort_key()
    # a total order: exactly one of <, ==, > holds
    assert [
        a.sort_key() < b.sort_key(),
        a.sort_key() == b.sort_key(),
        a.sort_key() > b.sort_key(),
    ].count(True) == 1


@FAST
@given(st.lists(partial_dates, min_size=2, max_size=8))
def test_sorted_timeline_never_puts_a_later_date_first(dates: list[PartialDate]) -> None:
    timeline = sorted(dates, key=PartialDate.sort_key)
    for i, earlier in enumerate(timeline):
        for later in timeline[i + 1 :]:
            assert not later.certainly_before(earlier)


@FAST
@given(partial_dates)
def test_sort_key_is_earliest_then_latest(pd: PartialDate) -> None:
    assert pd.sort_key() == (pd.earliest, pd.latest)


def test_sort_key_orders_by_earliest_day_first() -> None:
    year, june = PartialDate.parse("2024"), PartialDate.parse("2024-06")
    assert year.sort_key() < june.sort_key()  # may be earlier, though it may also end later


def test_sort_key_puts_narrower_interval_first() -> None:
    month, day = PartialDate.parse("2024-08"), PartialDate.parse("2024-08-01")
    assert day.sort_key() < month.sort_key()
    assert sorted([month, day], key=PartialDate.sort_key) == [day, month]


# ---- days_until -------------------------------------------------------------------------


@FAST
@given(partial_dates, partial_dates, st.data())
def test_days_until_bounds_contain_every_true_difference(
    a: PartialDate, b: PartialDate, data: st.DataObject
) -> None:
    low, high = a.days_until(b)
    assert low <= high
    x, y = day_within(data, a), day_within(data, b)
    assert low <= (y - x).days <= high
    # the bounds are reached, so they are as tight as they can be
    assert low == (b.earliest - a.latest).days
    assert high == (b.latest - a.earliest).days
    assert b.days_until(a) == (-high, -low)


def test_days_until_examples() -> None:
    assert PartialDate.parse("2024-08-01").days_until(PartialDate.parse("2024-08-31")) == (30, 30)
    assert PartialDate.parse("2024-08").days_until(PartialDate.parse("2024-09-15")) == (15, 45)
    assert PartialDate.parse("2024-08-15").days_until(PartialDate.parse("2024-08")) == (-14, 16)


# ---- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2024-02-30",
        "2023-02-29",
        "1900-02-29",
        "2024-04-31",
        "2024-13",
        "2024-00",
        "2024-08-00",
        "0000",
        "24-08",
        "2024-8",
        "2024-08-1",
        "2024/08",
        "",
        "~",
        "2024~~",
        "2024-08/",
        "/2024",
        "2024-08~/2024-10",
        "2024/2025/2026",
        "2024-10/2024-08",
        "2024-08-16/2024-08-15",
        "2024\n/2025",
        "٢٠٢٤",
        "2024-08-15T10:00",
    ],
)
def test_invalid_text_is_refused_naming_it(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(text)
    assert f"'{text}'" in str(err.value)


def test_reversed_range_says_so() -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        PartialDate.parse("2024-10/2024-08")


def test_bad_day_message_says_how_many_days_the_month_has() -> None:
    with pytest.raises(ValidationError, match="has 29 days, not 30"):
        PartialDate.parse("2024-02-30")


@pytest.mark.parametrize("value", [2024, 2024.5, None, date(2024, 8, 15), b"2024", ["2024"]])
def test_non_text_is_refused_naming_its_type(value: object) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(value)  # type: ignore[arg-type]
    assert type(value).__name__ in str(err.value)


@pytest.mark.parametrize("text", ["2024-02-29", "2000-02-29", "2020-02-29", "0004-02-29"])
def test_leap_days_are_valid(text: str) -> None:
    pd = PartialDate.parse(text)
    assert pd.earliest == date.fromisoformat(text)
    assert pd.is_exact_day


@FAST
@given(st.integers(1, 9999))
def test_february_29_valid_only_in_leap_years(year: int) -> None:
    text = f"{year:04d}-02-29"
    if calendar.isleap(year):
        assert PartialDate.parse(text).latest == date(year, 2, 29)
        assert PartialDate.parse(f"{year:04d}-02").latest.day == 29
    else:
        with pytest.raises(ValidationError):
            PartialDate.parse(text)
        assert PartialDate.parse(f"{year:04d}-02").latest.day == 28


@FAST
@given(st.integers(1, 9999), st.integers(0, 99), st.integers(0, 99))
def test_day_validity_matches_the_calendar(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        expected = date(year, month, day)
    except ValueError:
        with pytest.raises(ValidationError):
            PartialDate.parse(text)
    else:
        assert PartialDate.parse(text).earliest == expected


# ---- other constructors -----------------------------------------------------------------


def test_of_builds_the_same_date_as_parse() -> None:
    assert PartialDate.of(2024) == PartialDate.parse("2024")
    assert PartialDate.of(2024, 8) == PartialDate.parse("2024-08")
    assert PartialDate.of(2024, 8, 15) == PartialDate.parse("2024-08-15")
    assert PartialDate.of(2024, 8, approximate=True) == PartialDate.parse("2024-08~")


@pytest.mark.parametrize(
    "args", [(2024, 0), (2024, 13), (2024, 8, 0), (2024, 2, 30), (0,), (2024, None, 5), (-5,)]
)
def test_of_validates_like_parse(args: tuple[int | None, ...]) -> None:
    with pytest.raises(ValidationError):
        PartialDate.of(*args)  # type: ignore[arg-type]


def test_parse_optional() -> None:
    assert parse_optional(None) is None
    assert parse_optional("") is None
    assert parse_optional("   ") is None
    assert parse_optional("2024-08") == PartialDate.parse("2024-08")
    with pytest.raises(ValidationError):
        parse_optional("2024-13")


def test_year_property() -> None:
    assert PartialDate.parse("2023-12/2024-02").year == 2023
