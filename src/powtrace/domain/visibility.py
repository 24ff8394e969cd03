"""Who may see a record: public, restricted or sealed, in increasing order of protection."""

from __future__ import annotations

from enum import StrEnum

from powtrace.domain.errors import N_, ValidationError

_RANK = {"public": 0, "restricted": 1, "sealed": 2}


class Visibility(StrEnum):
    """Visibility of a person, an event, a source or a single field.

    ``restricted`` records are for the team working on them; ``sealed`` records (capture
    circumstances, interviews given in captivity, refusals of repatriation) only for roles
    granted sealed access, and every read of them is audited.
    """

    PUBLIC = "public"
    RESTRICTED = "restricted"
    SEALED = "sealed"

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    def visible_to(self, clearance: Visibility) -> bool:
        """True when someone cleared up to ``clearance`` may see a record of this visibility."""
        return self.rank <= clearance.rank

    @classmethod
    def values_visible_to(cls, clearance: Visibility) -> list[str]:
        """The stored values of every visibility ``clearance`` may see (for a SQL filter)."""
        return [v.value for v in cls if v.visible_to(clearance)]

    @classmethod
    def parse(cls, text: str) -> Visibility:
        if isinstance(text, cls):  # str(member) is 'Visibility.SEALED', not its value
            return text
        try:
            return cls(str(text).strip().lower())
        except ValueError:
            raise ValidationError(
                N_("unknown visibility '%(value)s': use public, restricted or sealed"), value=text
            ) from None

    @staticmethod
    def strictest(*levels: Visibility) -> Visibility:
        return max(levels, key=lambda v: v.rank)
