"""Form handling: values come back to the page with an error beside each bad field.

Routes check every field first and write only when none is wrong, inside one transaction,
so a bad value never leaves half a change behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.datastructures import FormData


@dataclass
class Form:
    """Submitted values (as text) and the error found for each field."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, data: FormData, *names: str) -> Form:
        """Take the named fields as trimmed text (files and unknown fields are ignored)."""
        values = {}
        for name in names:
            raw = data.get(name)
            values[name] = raw.strip() if isinstance(raw, str) else ""
        return cls(values)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def error(self, name: str, message: str) -> None:
        """Record the first problem with a field (later ones wait for the next try)."""
        self.errors.setdefault(name, message)

    def require(self, name: str, message: str) -> str:
        value = self.get(name)
        if not value:
            self.error(name, message)
        return value

    @property
    def ok(self) -> bool:
        return not self.errors
