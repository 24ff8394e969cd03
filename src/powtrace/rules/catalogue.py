"""Load the rule catalogue: one YAML file per rule; bad files are reported, never fatal.

A broken file must not stop the rules that work: :func:`load_catalogue` keeps every good
rule, lists each bad file as a :class:`RuleError` (file, line, problem), and - given the
previous catalogue - keeps the last good version of a rule whose file has just been broken.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from powtrace.rules.errors import RuleError, RuleProblem
from powtrace.rules.located import DuplicateKey, load_located
from powtrace.rules.model import Catalogue, Rule
from powtrace.rules.parse import parse_rule


def default_path() -> Path:
    """The catalogue shipped with powtrace (``rules/catalogue/``)."""
    return Path(str(resources.files("powtrace.rules").joinpath("catalogue")))


def read_rule_file(path: str | Path) -> Rule:
    """One rule from its file; raise RuleError naming the file, the line and the problem."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([RuleProblem(name, 0, f"cannot be read: {exc}")]) from None
    try:
        data = load_located(text)
    except DuplicateKey as exc:
        raise RuleError([RuleProblem(name, exc.line, str(exc))]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context_mark", None)
        if context is not None and context.line + 1 != line:
            problem += f" (in what starts on line {context.line + 1})"
        raise RuleError([RuleProblem(name, line, f"not valid YAML: {problem}")]) from None
    return parse_rule(data, name, stem=path.stem)


def check_rule_file(path: str | Path) -> list[RuleProblem]:
    """Every problem in one rule file (empty when it is fine)."""
    try:
        read_rule_file(path)
    except RuleError as exc:
        return list(exc.problems)
    return []


def load_catalogue(path: str | Path | None = None, previous: Catalogue | None = None) -> Catalogue:
    """All rules under ``path`` (the shipped catalogue by default); bad files kept apart."""
    folder = Path(path) if path is not None else default_path()
    catalogue = Catalogue()
    if not folder.is_dir():
        catalogue.errors.append(
            RuleError([RuleProblem(str(folder), 0, "is not a folder of rules")])
        )
        return catalogue
    origin: dict[str, str] = {}
    for file in sorted(folder.glob("*.yaml")):
        try:
            rule = read_rule_file(file)
        except RuleError as exc:
            catalogue.errors.append(exc)
            _keep_previous(catalogue, previous, str(file))
            continue
        if rule.id in catalogue.rules:
            catalogue.errors.append(
                RuleError(
                    [
                        RuleProblem(
                            str(file),
                            1,
                            f"rule id '{rule.id}' is already used by {origin[rule.id]}",
                        )
                    ]
                )
            )
            continue
        catalogue.rules[rule.id] = rule
        origin[rule.id] = str(file)
    return catalogue


def _keep_previous(catalogue: Catalogue, previous: Catalogue | None, file: str) -> None:
    """The rules already loaded from a file keep working while the file is being fixed."""
    if previous is None:
        return
    for rule in previous:
        if rule.path == file and rule.id not in catalogue.rules:
            catalogue.rules[rule.id] = rule
            catalogue.stale.add(rule.id)
