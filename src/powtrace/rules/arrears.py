"""Arrears of pay withheld during captivity, month by month, from a rate table or the record.

The count is deliberately conservative, because it may end up in a claim: it starts on the
*latest* day the suspension may have taken effect and stops on the *earliest* day the pay may
have been restored (or the evaluation day). Part months are paid pro rata by calendar days.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from powtrace.domain.errors import ValidationError
from powtrace.rules.facts import Item


@dataclass(frozen=True)
class RateTable:
    """Monthly pay for one side: rank groups and dated rows per group."""

    currency: str
    groups: tuple[tuple[str, re.Pattern[str]], ...]  # in file order; the first is the default
    rows: dict[
        str, tuple[tuple[str, int, bool], ...]
    ]  # group -> (from YYYY-MM, amount, illustrative)

    def group_of(self, rank: str | None) -> tuple[str, bool]:
        """The rank group for a rank text, and whether it was actually recognised."""
        if rank:
            for name, rx in self.groups:
                if rx.search(rank.lower()):
                    return name, True
        return self.groups[0][0], False

    def monthly(self, group: str, month: str) -> tuple[int, bool] | None:
        """The amount in force in ``month`` (YYYY-MM) and whether it is illustrative."""
        found = None
        for start, amount, illustrative in self.rows[group]:
            if start <= month:
                found = (amount, illustrative)
        return found


@cache
def _month(year: int, month: int) -> tuple[str, int, int]:
    """'YYYY-MM', the day number of its first day, and its length in days."""
    return (
        f"{year:04d}-{month:02d}",
        date(year, month, 1).toordinal(),
        calendar.monthrange(year, month)[1],
    )


@cache
def pay_rates(path: str | None = None) -> dict[str, RateTable]:
    """The pay-rate tables, by side (``pay_rates.yaml`` beside this module by default)."""
    if path is None:
        text = resources.files("powtrace.rules").joinpath("pay_rates.yaml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    raw = yaml.safe_load(text) or {}
    tables = {}
    for side, spec in raw.items():
        groups = []
        for name, words in spec["ranks"].items():
            # Longest phrase first so "junior sergeant" is not read as "sergeant" alone.
            alts = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
            groups.append((name, re.compile(rf"(?<!\w)(?:{alts})(?!\w)")))
        rows = {}
        for name, entries in spec["rates"].items():
            rows[name] = tuple(
                (str(r["from"]), int(r["monthly"]), bool(r.get("illustrative", True)))
                for r in sorted(entries, key=lambda r: str(r["from"]))
            )
        missing = {g for g, _ in groups} - set(rows)
        if missing:
            raise ValidationError(
                f"pay_rates: {side} has no rates for {', '.join(sorted(missing))}"
            )
        tables[side] = RateTable(str(spec["currency"]), tuple(groups), rows)
    return tables


def compute_arrears(
    suspension: Item | None, start: int, end: int, side: str | None, rank: str | None
) -> dict[str, Any]:
    """Pay owed for the days from ``start`` up to (not including) ``end`` (day numbers)."""
    recorded = suspension.details.get("monthly_amount") if suspension is not None else None
    table = pay_rates().get(side or "")
    notes: list[str] = []
    if isinstance(recorded, int):
        currency = str(suspension.details.get("currency") or (table.currency if table else ""))
        source, illustrative, group = "recorded on the pay suspension", False, None
    elif table is not None:
        currency = table.currency
        group, known = table.group_of(rank)
        source, illustrative = f"pay table, rank group '{group}'", False
        if not known:
            notes.append(
                f"rank not recorded or not recognised: the lowest rank group ({group}) is used"
            )
    else:
        return {
            "months": [],
            "total": 0,
            "currency": None,
            "from": None,
            "until": None,
            "rate_source": "none: the person's side is not known, so no pay table applies",
            "illustrative": False,
            "notes": [],
        }
    months: list[tuple[str, int]] = []
    first, last = date.fromordinal(start), date.fromordinal(max(start, end) - 1)
    y, m = first.year, first.month
    while end > start and (y, m) <= (last.year, last.month):
        key, first_day, size = _month(y, m)
        lo = max(start, first_day)
        hi = min(end - 1, first_day + size - 1)
        if group is None:
            rate = int(recorded)  # type: ignore[arg-type]
        else:
            found = table.monthly(group, key) if table else None
            if found is None:
                notes.append(f"no pay-table row covers {key}")
                rate = 0
            else:
                rate = found[0]
                illustrative = illustrative or found[1]
        months.append((key, round(rate * (hi - lo + 1) / size)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return {
        "months": months,
        "total": sum(amount for _, amount in months),
        "currency": currency,
        "from": first.isoformat(),
        "until": last.isoformat(),  # the last day counted
        "rate_source": source,
        "illustrative": illustrative,
        "notes": notes,
    }
