"""Reliability tests: real processes, SIGKILL, concurrent writers, hostile input, backups."""

from __future__ import annotations

import sys

import pytest

import powtrace.cli

from .support import Result, Runner


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """The CLI, in-process: ``run("backup", path) -> (exit code, stdout, stderr)``."""

    def _run(*args: object) -> Result:
        capsys.readouterr()
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
