"""Run the powtrace CLI in-process and capture what it prints.

``run(*args)`` calls :func:`powtrace.cli.main` with ``sys.argv`` set, catches its
``SystemExit`` and returns ``(exit_code, stdout, stderr)``. ``cli`` is the same runner on an
initialised store, once per engine (``--db-url`` is passed for PostgreSQL).
"""

from __future__ import annotations

import sys

import pytest

import powtrace.cli

from .support import Cli, Result, Runner


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """The CLI, in-process: ``run("person", "list") -> (exit code, stdout, stderr)``."""

    def _run(*args: object) -> Result:
        capsys.readouterr()  # drop anything printed before this call
        monkeypatch.setattr(sys, "argv", ["powtrace", *(str(a) for a in args)])
        code: object = "main() returned instead of exiting"
        try:
            powtrace.cli.main()
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code
        out, err = capsys.readouterr()
        assert isinstance(code, int), f"exit code {code!r}; stderr: {err}"
        return code, out, err

    return _run


@pytest.fixture
def cli(run: Runner, engine_kind: str, store_url: str | None) -> Cli:
    """An initialised store (embedded, or PostgreSQL) and the CLI pointed at it."""
    c = Cli(run, ("--db-url", store_url) if store_url else (), engine_kind)
    c.ok("init")
    return c
