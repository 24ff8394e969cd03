"""Partial dates: what a source actually says about when something happened.

"In August 2024" is ``2024-08``, not 2024-08-01. A :class:`PartialDate` keeps the precision
that was stated (year, month or day), an *approximate* flag ("around mid-2024"), and may be a
range ("between August and October 2024"). Its text form is a small subset of EDTF (the
Library of Congress Extended Date/Time Format, level 1), chosen because archivists and
documentation tools already read it:

===================  ====================================================
``2024``             the year 2024
``2024-08``          August 2024
``2024-08-15``       15 August 2024
``2024-08~``         approximately August 2024
``2024-08/2024-10``  some time from August to October 2024 (both included)
===================  ====================================================

Ordering. Every partial date covers an interval of days, ``earliest``..``latest``. One date is
*certainly before* another only when its latest day falls before the other's earliest day, so
``2024-08`` is neither before nor after ``2024-08-15``: :meth:`PartialDate.compare` answers
``OVERLAP`` for them. Rules use the bounds directly (see :meth:`days_until`) and call a
finding *probable* when the bounds straddle a legal threshold. Sorting a timeline uses
:meth:`sort_key` (earliest day, then latest day), a total order that never claims more than
the bounds say.

An approximate date widens its interval by one unit of its precision on each side: ``2024-08~``
covers July to September 2024. Hand-written because the subset is tiny and strict error
messages matter more here than EDTF's full grammar.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from powtrace.domain.errors import N_, ValidationError

_POINT = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?", re.ASCII)


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class Order(StrEnum):
    """The result of comparing two partial dates by their bounds."""

    BEFORE = "before"
    AFTER = "after"
    SAME = "same"  # both are the same single day
    OVERLAP = "overlap"  # the intervals share at least one day: order unknown


@dataclass(frozen=True, slots=True)
class _Point:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def text(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out


def _parse_point(text: str, whole: str) -> _Point:
    m = _POINT.fullmatch(text)
    if not m:
        raise ValidationError(
            N_(
                "'%(text)s' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD "
                "(with ~ for approximate, or START/END for a range)"
            ),
            text=whole,
        )
    year = int(m["y"])
    month = int(m["m"]) if m["m"] else None
    day = int(m["d"]) if m["d"] else None
    if year < 1:
        raise ValidationError(N_("'%(text)s': year 0 does not exist"), text=whole)
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(
            N_("'%(text)s': month %(month)s does not exist"), text=whole, month=month
        )
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValidationError(
                N_("'%(text)s': %(month_name)s %(year)s has %(last)s days, not %(day)s"),
                text=whole,
                month_name=calendar.month_name[month],
                year=year,
                last=last,
                day=day,
            )
    return _Point(year, month, day)


def _shift_months(d: date, months: int) -> date:
    idx = d.year * 12 + (d.month - 1) + months
    year, month = divmod(idx, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a year, a month or a day, possibly approximate or a range."""

    start: _Point
    end: _Point | None = None  # set only for ranges
    approximate: bool = False

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse the EDTF subset described in the module docstring."""
        if not isinstance(text, str):
            raise ValidationError(f"a date must be text, not {type(text).__name__}")
        raw = text.strip()
        approximate = raw.endswith("~")
        body = raw[:-1] if approximate else raw
        if "/" in body:
            left, _, right = body.partition("/")
            start, end = _parse_point(left, text), _parse_point(right, text)
            if end.last_day() < start.first_day():
                raise ValidationError(N_("'%(text)s': the range ends before it starts"), text=text)
            return cls(start, end, approximate)
        return cls(_parse_point(body, text), None, approximate)

    @classmethod
    def of(
        cls, year: int, month: int | None = None, day: int | None = None, approximate: bool = False
    ) -> PartialDate:
        """Build from numbers, with the same validation as :meth:`parse`."""
        text = (
            f"{year:04d}"
            + (f"-{month:02d}" if month is not None else "")
            + (f"-{day:02d}" if day is not None else "")
        )
        if day is not None and month is None:
            raise ValidationError("a day needs a month")
        return cls(_parse_point(text, text), None, approximate)

    @classmethod
    def from_date(cls, d: date) -> PartialDate:
        return cls(_Point(d.year, d.month, d.day))

    # ---- properties ---------------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        """The coarser precision of the date (or of either end of a range)."""
        precisions = [self.start.precision] + ([self.end.precision] if self.end else [])
        order = [Precision.YEAR, Precision.MONTH, Precision.DAY]
        return min(precisions, key=order.index)

    @property
    def is_range(self) -> bool:
        return self.end is not None

    @property
    def is_exact_day(self) -> bool:
        return self.end is None and not self.approximate and self.start.day is not None

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def earliest(self) -> date:
        """The first day this date may be."""
        first = self.start.first_day()
        if not self.approximate:
            return first
        return self._widen(first, self.start.precision, -1)

    @property
    def latest(self) -> date:
        """The last day this date may be."""
        point = self.end or self.start
        last = point.last_day()
        if not self.approximate:
            return last
        return self._widen(last, point.precision, +1)

    @staticmethod
    def _widen(d: date, precision: Precision, sign: int) -> date:
        try:
            if precision is Precision.DAY:
                return d + timedelta(days=sign)
            if precision is Precision.MONTH:
                moved = _shift_months(d, sign)
                if sign > 0:  # keep the end of the month at the end of the next month
                    return date(
                        moved.year, moved.month, calendar.monthrange(*moved.timetuple()[:2])[1]
                    )
                return moved
            return d.replace(year=d.year + sign)
        except (OverflowError, ValueError):
            return d

    # ---- comparison ---------------------------------------------------------------------
    def compare(self, other: PartialDate) -> Order:
        """Order two dates by their bounds; OVERLAP when the bounds do not decide."""
        if self.latest < other.earliest:
            return Order.BEFORE
        if other.latest < self.earliest:
            return Order.AFTER
        if self.earliest == self.latest == other.earliest == other.latest:
            return Order.SAME
        return Order.OVERLAP

    def certainly_before(self, other: PartialDate) -> bool:
        return self.compare(other) is Order.BEFORE

    def certainly_after(self, other: PartialDate) -> bool:
        return self.compare(other) is Order.AFTER

    def contains(self, d: date) -> bool:
        return self.earliest <= d <= self.latest

    def days_until(self, other: PartialDate) -> tuple[int, int]:
        """The fewest and the most days from this date to ``other`` (negative when earlier)."""
        return (other.earliest - self.latest).days, (other.latest - self.earliest).days

    def sort_key(self) -> tuple[date, date]:
        """A total order for timelines: earliest day first, then the narrower interval."""
        return (self.earliest, self.latest)

    # ---- text ---------------------------------------------------------------------------
    def __str__(self) -> str:
        body = self.start.text() + (f"/{self.end.text()}" if self.end else "")
        return body + ("~" if self.approximate else "")

    def __repr__(self) -> str:
        return f"PartialDate('{self}')"


def parse_optional(text: str | None) -> PartialDate | None:
    """Parse a date that may be absent (None or empty text)."""
    if text is None or not str(text).strip():
        return None
    return PartialDate.parse(str(text))
