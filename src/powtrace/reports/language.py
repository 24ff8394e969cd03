"""The language a report is written in: its words, rule titles, months, numbers and times.

Reports write English. A caller that has catalogues (the web interface) passes a
:class:`Language` with its gettext, so the same report is written in the reader's language;
the English messages are marked with ``N_`` where they are defined. English keeps the forms
reports always had (ISO months and times), so English outputs do not change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from babel.dates import format_datetime, format_skeleton
from babel.numbers import format_decimal


def _same(message: str) -> str:
    return message


def _stored_title(rule_id: str, stored: str) -> str:
    return stored


@dataclass(frozen=True)
class Language:
    """A report's language: ``gettext`` translates a marked message, ``rule_title`` names a rule
    (by its id and the title stored with the finding)."""

    code: str = "en"
    gettext: Callable[[str], str] = _same
    rule_title: Callable[[str, str], str] = _stored_title

    @property
    def english(self) -> bool:
        return self.code == "en"

    def text(self, message: str, **values: object) -> str:
        """One message in this language, its values filled in."""
        translated = self.gettext(message)
        return translated % values if values else translated

    def month(self, day: date) -> str:
        """The month of ``day``: ``2024-08`` in English, in words otherwise (``август 2024 г.``)."""
        if self.english:
            return day.strftime("%Y-%m")
        return format_skeleton("yMMMM", day, locale=self.code)

    def number(self, value: float) -> str:
        """A number as the reader writes it (``26.5``, ``26,5``)."""
        if self.english:
            return f"{value:g}"
        return format_decimal(value, locale=self.code)

    def moment(self, iso: str) -> str:
        """A stored time (ISO 8601): as stored in English, in the reader's words otherwise."""
        if self.english or not iso:
            return iso
        try:
            value = datetime.fromisoformat(iso)
        except ValueError:
            return iso
        text = format_datetime(value, format="medium", tzinfo=value.tzinfo, locale=self.code)
        return text + (" UTC" if value.utcoffset() == timedelta(0) else "")


ENGLISH = Language()
