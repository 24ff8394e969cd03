"""Domain exceptions: each carries a message a user can act on.

A message may be raised as a template with its values apart::

    raise ValidationError(N_("'%(text)s': year 0 does not exist"), text=whole)

``str(exc)`` is the English with the values filled in (what the CLI prints and logs keep);
``exc.template`` and ``exc.params`` let the web interface look the template up in its
catalogues (``N_`` marks it for extraction) and fill the values into the reader's language.
A message raised as plain text is its own template: shown as it is unless a catalogue has it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def N_(template: str) -> str:
    """Mark an English message for the interface's catalogues; it is translated where shown."""
    return template


def _fill(template: str, params: Mapping[str, Any]) -> str:
    """The template with its values; a template that does not fit them is kept as it is, so
    that a slip in a message never hides the error it reports."""
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return template


class PowtraceError(Exception):
    """Base of every error powtrace reports to a user (CLI prints it without a traceback)."""

    def __init__(self, message: object = "", *args: object, **params: Any) -> None:
        self.template = str(message)
        # Values are kept as given (an error among them is translated on its own when shown).
        self.params: Mapping[str, Any] = params
        super().__init__(_fill(self.template, params) if params else message, *args)


class ValidationError(PowtraceError):
    """Input that does not make sense: a bad date, an unknown type, a missing field."""


class NotFoundError(PowtraceError):
    """A person, event or source that does not exist."""


class StoreError(PowtraceError):
    """The store cannot be opened or used: missing, wrong key, not initialised."""


class ConflictError(PowtraceError):
    """A write that would overwrite someone else's change or duplicate a record."""
