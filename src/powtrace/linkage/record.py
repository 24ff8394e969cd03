"""The record linkage compares: a person or a list row reduced to what matching needs."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Person


@dataclass(frozen=True, slots=True)
class NameParts:
    """One written form of a name: the text as written and, when a list gave them, its parts."""

    text: str
    surname: str | None = None
    given: str | None = None
    patronymic: str | None = None

    @property
    def for_keys(self) -> str:
        """The text to derive keys from; known parts are joined 'Surname, Given Patronymic'."""
        if self.surname:
            # The comma pins the surname (names' "Surname, Given" rule), so a rare given name
            # in a list column is never taken for the surname.
            rest = " ".join(p for p in (self.given, self.patronymic) if p)
            return f"{self.surname}, {rest}" if rest else self.surname
        return self.text


@dataclass(frozen=True, slots=True)
class Record:
    """A person or a list row as linkage sees it: names in any script, birth, unit, region."""

    id: str
    names: tuple[NameParts, ...]
    birth: PartialDate | None = None
    gender: str | None = None  # "m", "f" or None
    unit: str | None = None
    region: str | None = None
    side: str | None = None
    ref: str = ""  # the judgement ref ("person:<id>", "ext:<scheme>:<value>"); id when empty

    @property
    def key(self) -> str:
        """The ref judgements are recorded under."""
        return self.ref or self.id


class RowLike(Protocol):
    """What linkage reads from an intake ListRow (duck-typed: linkage does not import intake)."""

    row_id: str
    values: dict[str, str]
    birth_date: PartialDate | None


def _clean(value: Any) -> str | None:
    """Strip a value; None for empty or 'unknown' markers."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text if text and text.lower() not in {"unknown", "-", "—", "n/a"} else None


def _gender(value: str | None) -> str | None:
    """'m' / 'f' from the spellings lists use, else None."""
    low = (value or "").strip().lower()
    if low in {"m", "male", "м", "муж", "мужской", "чоловіча", "ч", "man"}:
        return "m"
    if low in {"f", "female", "ж", "жен", "женский", "жіноча", "woman", "w"}:
        return "f"
    return None


def record_from_person(person: Person) -> Record:
    """Build a Record from a registry Person (every name form kept)."""
    names = tuple(
        NameParts(form.text, form.surname, form.given, form.patronymic)
        for form in person.name_forms
    )
    side = str(person.side.value) if person.side.value != "unknown" else None
    return Record(
        id=person.id,
        names=names,
        birth=person.birth_date,
        gender=_gender(str(person.gender.value)),
        unit=_clean(person.unit),
        region=_clean(person.home_region),
        side=side,
        ref=f"person:{person.id}",
    )


def birth_from_age(age: int, as_of: date) -> PartialDate:
    """The birth dates consistent with being `age` years old on `as_of` (one year's range)."""

    def years_before(d: date, years: int) -> date:
        year = d.year - years
        return d.replace(year=year, day=min(d.day, calendar.monthrange(year, d.month)[1]))

    latest = years_before(as_of, age)
    earliest = years_before(as_of, age + 1) + timedelta(days=1)
    return PartialDate.parse(f"{earliest.isoformat()}/{latest.isoformat()}")


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _as_of_date(text: str | None, fallback: date | None) -> date | None:
    """The date an age was true on: an ISO or dd.mm.yyyy value from the row, else the fallback."""
    if text:
        m = _ISO.search(text) or re.search(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if m:
            a, b, c = (int(g) for g in m.groups())
            try:
                return date(a, b, c) if a > 31 else date(c, b, a)
            except ValueError:
                return fallback
    return fallback


def record_from_row(row: RowLike, as_of: date | None = None, scheme: str = "row") -> Record:
    """Build a Record from a list row; `as_of` dates an age the row gives without a date."""
    v = row.values
    surname = _clean(v.get("surname"))
    full = _clean(v.get("full_name"))
    given, patronymic = _clean(v.get("first_name")), _clean(v.get("patronymic"))
    names: list[NameParts] = []
    if surname or given:
        text = " ".join(p for p in (surname, given, patronymic) if p)
        names.append(NameParts(text, surname, given, patronymic))
    if full:
        names.append(NameParts(full))
    if not names:
        raise ValidationError(f"row {row.row_id}: no name to link")
    birth = row.birth_date
    if birth is None and _clean(v.get("age")):
        when = _as_of_date(v.get("age_as_of"), as_of)
        try:
            age = int(str(v["age"]).strip())
        except ValueError:
            age = -1
        if when is not None and 14 <= age <= 100:
            birth = birth_from_age(age, when)
    return Record(
        id=str(row.row_id),
        names=tuple(names),
        birth=birth,
        gender=_gender(v.get("gender")),
        unit=_clean(v.get("unit")),
        region=_clean(v.get("region")),
        side=_clean(v.get("side")),
        ref=f"ext:{scheme}:{row.row_id}",
    )
