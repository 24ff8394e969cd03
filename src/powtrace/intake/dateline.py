"""Publication dates written in a text's first lines ("March 4, 2025", "4 марта 2025 г.")."""

from __future__ import annotations

import re
from datetime import date

from powtrace.domain.dates import PartialDate

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "january jan января январь січня січень",
        "february feb февраля февраль лютого лютий",
        "march mar марта март березня березень",
        "april apr апреля апрель квітня квітень",
        "may мая май травня травень",
        "june jun июня июнь червня червень",
        "july jul июля июль липня липень",
        "august aug августа август серпня серпень",
        "september sep sept сентября сентябрь вересня вересень",
        "october oct октября октябрь жовтня жовтень",
        "november nov ноября ноябрь листопада листопад",
        "december dec декабря декабрь грудня грудень",
    ),
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_PATTERNS = (
    re.compile(rf"\b(?P<m>{_M})\.? (?P<d>\d{{1,2}}),? (?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_M})\.?,? (?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>\d\d)-(?P<d>\d\d)\b"),
    re.compile(r"\b(?P<d>\d\d)\.(?P<mn>\d\d)\.(?P<y>(?:19|20)\d\d)\b"),
)


def find_dateline(text: str, lines: int = 6) -> PartialDate | None:
    """The first full date in the opening lines of a text, if there is one."""
    head = "\n".join(text.strip().splitlines()[:lines])
    for pattern in _PATTERNS:
        m = pattern.search(head)
        if not m:
            continue
        month = MONTHS[m["m"].lower()] if "m" in m.groupdict() and m["m"] else int(m["mn"])
        try:
            return PartialDate.from_date(date(int(m["y"]), month, int(m["d"])))
        except ValueError:
            continue
    return None
