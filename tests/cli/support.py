"""Helpers for the CLI tests: a runner bound to one store, and checks on what it printed."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Result = tuple[int, str, str]
Runner = Callable[..., Result]


@dataclass
class Cli:
    """The CLI on one engine's store; ``prefix`` holds the global options that pick it."""

    runner: Runner
    prefix: tuple[str, ...]
    engine: str

    def __call__(self, *args: object) -> Result:
        return self.runner(*self.prefix, *args)

    def ok(self, *args: object) -> str:
        """Run a command that must succeed; its stdout."""
        code, out, err = self(*args)
        assert code == 0, f"powtrace {' '.join(map(str, args))} exited {code}: {err}"
        return out

    def json(self, *args: object) -> Any:
        """Run a command with ``--json`` that must succeed; its stdout parsed."""
        return json.loads(self.ok(*args, "--json"))

    def audit_entries(self) -> int:
        """How many audit entries the store holds (``audit verify --json``)."""
        report = self.json("audit", "verify")
        assert report["ok"], report["problems"]
        return report["entries"]

    def add_person(self, name: str, *options: object) -> str:
        return self.json("person", "add", name, *options)["id"]

    def add_event(self, person_id: str, event_type: str, *options: object) -> str:
        return self.json("event", "add", person_id, event_type, *options)["id"]


def one_error_line(err: str) -> str:
    """The single ``error: …`` line a failed command printed on stderr."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]
