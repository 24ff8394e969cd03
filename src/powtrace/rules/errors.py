"""Problems in rule files: each names the file, the line and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from powtrace.domain.errors import PowtraceError


@dataclass(frozen=True)
class RuleProblem:
    """One thing wrong in a rule file, at a line (1-based; 0 when the file itself is at fault)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


class RuleError(PowtraceError):
    """A rule file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = tuple(problems)
        first = problems[0]
        self.file, self.line, self.problem = first.file, first.line, first.message
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


class Collector:
    """Gathers problems while a rule file is read, so one pass reports them all."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[RuleProblem] = []

    def add(self, line: int, message: str) -> None:
        """Record a problem at ``line``."""
        self.problems.append(RuleProblem(self.file, line, message))

    def raise_if_any(self) -> None:
        """Raise a RuleError when anything was recorded."""
        if self.problems:
            raise RuleError(sorted(self.problems, key=lambda p: p.line))
