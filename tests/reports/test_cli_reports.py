"""`powtrace report`, `dossier`, and `export` / `import` in every format, from the command line.

The commands are registered here the way ``powtrace.cli`` registers them (see docs/reports.md),
replacing the JSON-only ``export`` and ``import``; ``export FILE`` keeps its old meaning.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import powtrace.cli as root
from powtrace.cli import reports as commands

Result = tuple[int, str, str]


@pytest.fixture(autouse=True)
def _registered(monkeypatch: pytest.MonkeyPatch) -> None:
    mine = {
        "report": commands.report,
        "dossier": commands.dossier,
        "export": commands.export_cmd,
        "import": commands.import_cmd,
    }
    kept = [
        c
        for c in root.app.registered_commands
        if (c.name or getattr(c.callback, "__name__", "")) not in mine
    ]
    monkeypatch.setattr(root.app, "registered_commands", kept)
    for name, callback in mine.items():
        root.app.command(name)(callback)


@pytest.fixture
def run(
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
    store_url: str | None,
) -> Callable[..., Result]:
    prefix = ["--db-url", store_url] if store_url else []

    def _run(*args: object, here: bool = True) -> Result:
        capsysbinary.readouterr()
        argv = ["powtrace", *(prefix if here else []), *(str(a) for a in args)]
        monkeypatch.setattr(sys, "argv", argv)
        code: object = None
        try:
            root.main()
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code
        out, err = capsysbinary.readouterr()
        return int(code or 0), out.decode("utf-8", "replace"), err.decode("utf-8", "replace")

    code, _, err = _run("init")
    assert code == 0, err
    code, _, err = _run("demo")
    assert code == 0, err
    return _run


def _person_id(run: Callable[..., Result], name: str) -> str:
    code, out, err = run("person", "list", "--json")
    assert code == 0, err
    return next(p["id"] for p in json.loads(out) if p["name"] == name)


def test_dossier_command(run: Callable[..., Result], tmp_path: Path) -> None:
    pid = _person_id(run, "Дьячков Степан Олегович")
    out = tmp_path / "d.pdf"
    code, stdout, err = run("dossier", pid, "--out", out)
    assert code == 0, err
    assert "Wrote a redacted pdf dossier of Дьячков Степан Олегович" in stdout
    assert out.read_bytes().startswith(b"%PDF-")
    code, stdout, err = run("dossier", pid, "--format", "card")
    assert code == 0 and json.loads(stdout)["fields"]["name"] == "Дьячков"
    code, _, err = run("dossier", "p-nobody")
    assert code == 1 and "error: no person with id 'p-nobody'" in err
    code, _, err = run("dossier", pid, "--format", "docx", "--out", tmp_path / "x.docx")
    assert code == 1 and "unknown dossier format 'docx'" in err
    assert not (tmp_path / "x.docx").exists()
    code, _, err = run("dossier", pid, "--full", "--out", tmp_path / "full.pdf")
    assert code == 1 and "--clearance sealed" in err
    code, _, err = run("--clearance", "sealed", "dossier", pid, "--full", "--format", "html")
    assert code == 0 and "FULL (sealed content)" in err


def test_report_command(run: Callable[..., Result], tmp_path: Path) -> None:
    code, stdout, err = run("report")
    assert code == 0, err
    assert stdout.startswith("<!DOCTYPE html>") and "Wrote a redacted html report." in err
    out = tmp_path / "r.pdf"
    code, stdout, err = run("report", "--format", "pdf", "--out", out, "--threshold", "3")
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-")
    code, _, err = run("report", "--format", "odt")
    assert code == 1 and "unknown report format 'odt'" in err


def test_export_and_import_commands(run: Callable[..., Result], tmp_path: Path) -> None:
    legacy = tmp_path / "backup.json"
    code, stdout, err = run("export", legacy)  # the old form still means the lossless export
    assert code == 0, err
    assert json.loads(legacy.read_text(encoding="utf-8"))["format"] == "powtrace-export"
    ftm = tmp_path / "registry.ftm.json"
    code, stdout, err = run("export", "--format", "ftm", ftm)
    assert code == 0 and "Wrote a redacted ftm export" in stdout, err
    code, stdout, err = run("export", "--format", "csv", "--table", "events")
    assert code == 0 and stdout.startswith("id,person_id,type,"), err
    code, _, err = run("export", "--format", "xml", tmp_path / "x.xml")
    assert code == 1 and "unknown export format 'xml'" in err
    assert not (tmp_path / "x.xml").exists()
    other = tmp_path / "other"
    assert run("--home", other, "init", here=False)[0] == 0
    code, stdout, err = run("--home", other, "import", ftm, "--format", "ftm", here=False)
    assert code == 0 and "Imported 5 persons, 5 sources" in stdout, err
    code, stdout, err = run("--home", other, "import", ftm, "--format", "ftm", here=False)
    assert code == 0 and "Imported 0 persons, 0 sources, 0 events" in stdout, err


def test_empty_store_has_nothing_to_report(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "empty"
    for args in (["init"], ["report"]):
        monkeypatch.setattr(sys, "argv", ["powtrace", "--home", str(home), *args])
        with pytest.raises(SystemExit) as exit_:
            root.main()
    assert exit_.value.code == 1
    assert "nothing to report" in capsysbinary.readouterr().err.decode()
