"""Rule files: every problem names the file and the line; bad files never stop good rules."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rules_support import catalogue

from powtrace.rules import RuleError, check_rule_file, default_path, load_catalogue, read_rule_file

GOOD = """\
id: {id}
title: Test rule
regime: ihl
binds: detaining_state
legal_basis:
  - instrument: Geneva Convention III (1949)
    article: "13"
    paraphrase: Prisoners must be treated humanely.
    link: https://ihl-databases.icrc.org/en/ihl-treaties/gciii-1949/article-13
legal_certainty:
  level: settled
  interpretation: Not disputed.
condition:
  event: {{type: tortured, as: ill_treatment}}
severity: critical
explanation:
  - "'{{ill_treatment.label}}' on {{ill_treatment.date}}."
evidence: [statements]
strengthen: [a second source]
cure: [none]
action: Report it.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, name: str = "t") -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_rule_file(write(tmp_path, name, text))]


def test_a_good_file_has_no_problems(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.format(id="t")) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            "type: tortured",
            "type: torturd",
            14,
            "unknown event type 'torturd' (did you mean 'tortured'?)",
        ),
        ("regime: ihl", "regime: ihll", 3, "regime must be one of"),
        ("severity: critical", "severity: dire", 15, "severity must be one of"),
        ("{{ill_treatment.date}}", "{{ill_treatment.when}}", 17, "{ill_treatment.when}"),
        ("as: ill_treatment}", "as: ill_treatment, within_days: 3}", 14, "within_days counts from"),
        ("level: settled", "level: sure", 11, "level must be settled or contested"),
        ("link: https://", "link: ftp://", 9, "link must be a web address"),
        ("event: {{type", "evnt: {{type", 14, "did you mean 'event'?"),
    ],
)
def test_problems_name_the_line(tmp_path: Path, old: str, new: str, line: int, words: str) -> None:
    text = GOOD.format(id="t").replace(
        old.replace("{{", "{").replace("}}", "}"), new.replace("{{", "{").replace("}}", "}")
    )
    found = problems(tmp_path, text)
    assert any(at == line and words in message for at, message in found), found


def test_the_error_names_file_line_and_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "t", GOOD.format(id="t").replace("type: tortured", "type: nope"))
    with pytest.raises(RuleError) as caught:
        read_rule_file(path)
    err = caught.value
    assert (err.file, err.line) == (str(path), 14)
    assert re.match(rf"{re.escape(str(path))}:14: unknown event type 'nope'", str(err))


def test_bad_yaml_and_duplicate_keys_are_reported_with_lines(tmp_path: Path) -> None:
    broken = problems(tmp_path, GOOD.format(id="t").replace("title: Test rule", "title: [unclosed"))
    assert broken[0][0] == 3 and "not valid YAML" in broken[0][1] and "line 2" in broken[0][1]
    doubled = GOOD.format(id="t").replace("severity: critical", "severity: critical\nseverity: low")
    assert problems(tmp_path, doubled) == [(16, "'severity' is given twice in the same mapping")]


def test_names_must_be_bound_before_use_and_detail_values_must_exist(tmp_path: Path) -> None:
    text = GOOD.format(id="t").replace(
        "  event: {type: tortured, as: ill_treatment}",
        "  all:\n    - event: {type: exchanged, after: capture, details: {basis: swap},"
        " as: ill_treatment}",
    )
    found = problems(tmp_path, text)
    assert (15, "event after: 'capture' is not bound before this point (bound: none yet)") in found
    assert any(at == 15 and "'basis' cannot be 'swap'" in m for at, m in found)


def test_a_domestic_rule_may_not_rest_on_gc3(tmp_path: Path) -> None:
    text = GOOD.format(id="t").replace("regime: ihl", "regime: domestic_criminal")
    found = problems(tmp_path, text)
    assert any(at == 6 and "mark it 'role: context'" in m for at, m in found), found
    fixed = text.replace("    link: https://ihl", "    role: context\n    link: https://ihl")
    assert any("at least one entry with role basis" in m for _, m in problems(tmp_path, fixed))


def test_the_id_must_match_the_file_name(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.format(id="other"), name="t") == [
        (1, "id 'other' must match the file name 't.yaml'")
    ]


def test_catalogue_keeps_good_rules_and_reports_bad_files_apart(tmp_path: Path) -> None:
    write(tmp_path, "good", GOOD.format(id="good"))
    write(tmp_path, "bad", GOOD.format(id="bad").replace("type: tortured", "type: nope"))
    loaded = load_catalogue(tmp_path)
    assert list(loaded.rules) == ["good"] and not loaded.ok
    assert [(e.file, e.line) for e in loaded.errors] == [(str(tmp_path / "bad.yaml"), 14)]


def test_a_rule_broken_while_loaded_keeps_its_last_good_version(tmp_path: Path) -> None:
    write(tmp_path, "a", GOOD.format(id="a"))
    first = load_catalogue(tmp_path)
    write(tmp_path, "a", "id: a\ntitle: [broken")
    second = load_catalogue(tmp_path, previous=first)
    assert second["a"] is first["a"] and second.stale == {"a"} and len(second.errors) == 1


def test_the_shipped_catalogue_loads_whole(tmp_path: Path) -> None:
    shipped = catalogue()
    assert len(shipped) >= 13 and shipped.ok
    copy = tmp_path / "copy"
    shutil.copytree(default_path(), copy)
    assert set(load_catalogue(copy).rules) == set(shipped.rules)


def test_every_shipped_rule_cites_its_law_honestly() -> None:
    for rule in catalogue():
        assert rule.legal_basis and rule.interpretation and rule.evidence and rule.cure, rule.id
        for basis in rule.legal_basis:
            assert (
                basis.link.startswith(("https://", "http://")) and 20 < len(basis.paraphrase) < 600
            )
            if rule.regime != "ihl" and basis.regime == "ihl":
                assert basis.role == "context", rule.id  # never GC III for domestic-only matters
        if rule.legal_certainty == "contested":
            assert len(rule.interpretation) > 80, rule.id
