"""`powtrace demo`: the demo story loads once, and its redacted export keeps sealed text out."""

from __future__ import annotations

import json
from pathlib import Path

from powtrace.workflows.demo import demo_document

from .support import Cli, Runner, one_error_line


def test_demo_loads_once_and_a_second_run_adds_nothing(cli: Cli, tmp_path: Path) -> None:
    doc = demo_document()
    code, out, err = cli("demo")
    assert code == 0, err
    assert (
        f"Loaded the demo: {len(doc['persons'])} persons, {len(doc['sources'])} sources, "
        f"{len(doc['events'])} events." in out
    )
    assert "Status:" in out
    persons = cli.json("person", "list")
    assert len(persons) == len(doc["persons"])
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    cli.ok("export", before, "--full")

    code, out, err = cli("demo", "--person", "dyachkov")
    assert code == 0, err
    assert "already in this store; nothing was added" in out
    cli.ok("export", after, "--full")
    assert after.read_bytes() == before.read_bytes()
    assert cli.json("person", "list") == persons


def test_demo_names_its_persons_when_asked_for_another(cli: Cli) -> None:
    code, _, err = cli("demo", "--person", "nobody")
    assert code == 1
    line = one_error_line(err)
    assert "no demo person 'nobody'" in line
    assert all(p["key"] in line for p in demo_document()["persons"])


def test_demo_redacted_export_holds_no_sealed_text_and_imports(
    cli: Cli, run: Runner, tmp_path: Path
) -> None:
    cli.ok("demo")
    redacted = tmp_path / "redacted.json"
    summary = cli.json("export", redacted)
    text = redacted.read_text("utf-8")
    sealed_sources = [s for s in demo_document()["sources"] if s["visibility"] == "sealed"]
    assert sealed_sources
    assert all(s["title"] not in text for s in sealed_sources)
    # Not even quoted: a citation's excerpt is the sealed source's own words.
    assert any("gave himself up" in s["text"] for s in sealed_sources)
    assert "gave himself up" not in text
    assert "surrendered" not in text and "Polonenyi" not in text
    assert summary["withheld"]["records"] >= 1 + len(sealed_sources)

    other = Cli(run, ("--home", str(tmp_path / "other")), "sqlcipher")
    other.ok("init")
    imported = other.json("import", redacted)
    assert imported["created"] == {
        "persons": summary["persons"],
        "sources": summary["sources"],
        "events": summary["events"],
    }
    assert json.loads(text)["redacted"] is True
