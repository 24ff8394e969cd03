"""`powtrace source search`: full-text search of sources from the command line, on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from powtrace.cli.records import passage_text
from powtrace.workflows.source_search import Passage

from .support import Cli, one_error_line

REPORT = (
    "Вчера в Курской области задержали Игоря Долгополова, 31 год. По словам его матери, "
    "после обмена военнопленными его снова отправили на фронт."
)
COURT = "The court in Rostov sentenced Oleksandr Marchenko to 22 years in a strict-regime colony."
# Rich markup and HTML in a source's own words must come out as written.
HOSTILE = "Marchenko [red]was[/red] [/bold] moved; <script>alert(1)</script> said his lawyer."


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal wide enough that a passage is printed on one line, so it can be read back."""
    monkeypatch.setenv("COLUMNS", "300")  # rich reads it whenever it measures the terminal


def _add(cli: Cli, tmp_path: Path, name: str, text: str, *options: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return cli.json("source", "add", path, *options)["id"]


def test_search_finds_declined_forms_and_marks_the_words(cli: Cli, tmp_path: Path) -> None:
    report = _add(cli, tmp_path, "report.txt", REPORT, "--title", "Задержание", "--language", "ru")
    _add(cli, tmp_path, "court.txt", COURT, "--title", "Court")
    [hit] = cli.json("source", "search", "Долгополов Игорь")
    assert hit["id"] == report and hit["title"] == "Задержание" and hit["language"] == "ru"
    assert "content" not in hit and "text" not in hit  # a passage, never the whole text
    p = hit["passage"]
    assert [p["text"][a:b] for a, b in p["marks"]] == ["Игоря", "Долгополова"]
    assert REPORT[p["start"] :].startswith(p["text"])
    assert p["cut_before"] is False and p["cut_after"] is False
    table = cli.ok("source", "search", "Долгополов")
    assert report in table and "Задержание" in table and "Долгополова" in table


def test_a_word_of_the_title_only_has_no_passage(cli: Cli, tmp_path: Path) -> None:
    sid = _add(cli, tmp_path, "court.txt", COURT, "--title", "Приговор в Ростове")
    [hit] = cli.json("source", "search", "приговор")
    assert hit["id"] == sid and hit["passage"] is None
    assert "in the title" in cli.ok("source", "search", "приговор")


def test_markup_in_a_source_is_printed_as_text(cli: Cli, tmp_path: Path) -> None:
    sid = _add(cli, tmp_path, "hostile.txt", HOSTILE, "--title", "[bold]Note[/] [link=x]y")
    code, out, err = cli("source", "search", "Marchenko")
    assert code == 0, err
    assert sid in out and "[bold]Note[/] [link=x]y" in out
    assert HOSTILE in out
    # `source list` shows titles as text too (a title with "[/]" once broke rich's markup).
    listed = cli.ok("source", "list")
    assert "[bold]" in listed


def test_the_passage_highlights_by_offset_and_shows_cuts() -> None:
    p = Passage(start=40, text="said [b]Marchenko[/b] was moved", marks=[(8, 17)], cut_before=True)
    text = passage_text(p)
    assert text.plain == "…said [b]Marchenko[/b] was moved"
    [span] = text.spans
    assert text.plain[span.start : span.end] == "Marchenko"
    assert passage_text(None).plain == "(the words are in the title)"


def test_no_hits_and_no_words(cli: Cli, tmp_path: Path) -> None:
    _add(cli, tmp_path, "court.txt", COURT, "--title", "Court")
    assert cli.json("source", "search", "Долгополов") == []
    assert "No source you may see matches 'Долгополов'" in cli.ok("source", "search", "Долгополов")
    code, out, err = cli("source", "search", "!!! ---")
    assert code == 1 and out == ""
    assert "at least one word" in one_error_line(err)


def test_limit(cli: Cli, tmp_path: Path) -> None:
    for n in range(3):
        _add(cli, tmp_path, f"c{n}.txt", f"{COURT} Copy {n}.", "--title", f"Court {n}")
    assert len(cli.json("source", "search", "Marchenko")) == 3
    assert len(cli.json("source", "search", "Marchenko", "--limit", "2")) == 2
    code, _, _ = cli("source", "search", "Marchenko", "--limit", "0")
    assert code == 2  # a usage error, before the store is opened


@pytest.mark.parametrize("clearance", ["public", "restricted", "sealed"])
def test_clearance_filters_and_reads_are_audited(cli: Cli, tmp_path: Path, clearance: str) -> None:
    levels = {"public": 1, "restricted": 2, "sealed": 3}[clearance]
    ids = [
        _add(cli, tmp_path, f"{v}.txt", f"{COURT} ({v})", "--title", v, "--visibility", v)
        for v in ("public", "restricted", "sealed")
    ]
    before = cli.audit_entries()
    found = cli.json("--clearance", clearance, "source", "search", "Marchenko")
    assert {h["id"] for h in found} == set(ids[:levels])
    # A passage of a restricted or sealed source is a read of it; a public one is not.
    assert cli.audit_entries() - before == levels - 1
