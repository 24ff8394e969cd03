"""Domain exceptions: each carries a message a user can act on."""

from __future__ import annotations


class PowtraceError(Exception):
    """Base of every error powtrace reports to a user (CLI prints it without a traceback)."""


class ValidationError(PowtraceError):
    """Input that does not make sense: a bad date, an unknown type, a missing field."""


class NotFoundError(PowtraceError):
    """A person, event or source that does not exist."""


class StoreError(PowtraceError):
    """The store cannot be opened or used: missing, wrong key, not initialised."""


class ConflictError(PowtraceError):
    """A write that would overwrite someone else's change or duplicate a record."""
