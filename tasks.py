#!/usr/bin/env python3
"""Set-up and run powtrace from a fresh checkout with nothing but Python 3.11+.

    python3 tasks.py serve   create a local virtual environment, install powtrace, open the
                             embedded encrypted store (demo data on first run) and serve the
                             web application on http://127.0.0.1:8000
    python3 tasks.py demo    the same install, then load the demo and print one timeline
    python3 tasks.py test    the same install, then the whole test suite

Written by hand rather than with a task runner so that a fresh machine needs nothing else.
The install is redone only when pyproject.toml changes (a stamp file remembers its hash).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".powtrace-installed"


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def ensure_installed() -> None:
    """Create .venv and install the package with its test tools when needed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py runs under any python3
        sys.exit(f"powtrace needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing powtrace and its dependencies ...", flush=True)
    steps = [
        (PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip"),
        (PY, "-m", "pip", "install", "--quiet", "-e", ".[dev]"),
    ]
    for step in steps:
        if _run(*step) != 0:
            sys.exit("Installation failed; see the pip output above.")
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in {"serve", "demo", "test"}:
        print(__doc__)
        return 2
    ensure_installed()
    if argv[0] in {"serve", "demo"}:
        return _run(BIN / "powtrace", argv[0], *argv[1:])
    return _run(PY, "-m", "pytest", *argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
