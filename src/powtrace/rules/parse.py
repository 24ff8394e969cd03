"""Read one rule file into a :class:`Rule`, collecting every problem with its line."""

from __future__ import annotations

import re
from typing import Any

from powtrace.domain.vocab import event_types
from powtrace.rules.errors import Collector
from powtrace.rules.lang_base import Binding, Ctx, check_keys, names_list, parse_ref, suggest
from powtrace.rules.lang_nodes import compile_node
from powtrace.rules.lang_time import compile_until
from powtrace.rules.located import LDict, LList, line_of
from powtrace.rules.model import (
    BINDS,
    REGIMES,
    LegalCertainty,
    Line,
    Rule,
    Severity,
    SeverityCase,
)
from powtrace.rules.parse_law import legal_basis, legal_certainty
from powtrace.rules.templates import check_template, compile_template

REQUIRED = (
    "id",
    "title",
    "regime",
    "binds",
    "legal_basis",
    "legal_certainty",
    "condition",
    "severity",
    "explanation",
    "evidence",
    "strengthen",
    "cure",
    "action",
)
OPTIONAL = ("summary", "parameters", "key", "compute", "watch")
RULE_ID = re.compile(r"[a-z][a-z0-9_]*")


def parse_rule(data: Any, file: str, stem: str | None = None) -> Rule:
    """Build a rule from a located YAML document; raise RuleError naming every problem."""
    col = Collector(file)
    if not isinstance(data, LDict):
        col.add(line_of(data, 1), "a rule file is a mapping with id, title, condition …")
        col.raise_if_any()
    check_keys(data, _bare(col), "a rule", OPTIONAL, REQUIRED)
    rule_id = _text(data, "id", col)
    if rule_id and not RULE_ID.fullmatch(rule_id):
        col.add(data.line_of("id"), f"id '{rule_id}' must be lower-case letters, digits and _")
    if rule_id and stem is not None and rule_id != stem:
        col.add(data.line_of("id"), f"id '{rule_id}' must match the file name '{stem}.yaml'")
    regime = _choice(data, "regime", REGIMES, col)
    binds = _choice(data, "binds", BINDS, col)
    basis = legal_basis(data.get("legal_basis"), regime, col, data.line_of("legal_basis"))
    certainty, interpretation = legal_certainty(
        data.get("legal_certainty"), col, data.line_of("legal_certainty")
    )
    params = _params(data.get("parameters"), col)
    ctx = Ctx(col, params)
    scope: dict[str, Binding] = {}
    cond = compile_node(data.get("condition"), ctx, scope)
    scope.update(cond.binds)
    compute = _compute(data.get("compute"), ctx, scope, data.line_of("compute"))
    key = _key(data.get("key"), scope, col, data.line_of("key"))
    default, cases = _severity(data.get("severity"), ctx, scope, data.line_of("severity"))
    every = {**ctx.names, **scope}
    explanation = _explanation(
        data.get("explanation"), every, params, col, data.line_of("explanation")
    )
    for field in ("title", "summary", "action"):
        if field in data:
            _text(data, field, col)
    lists = {
        f: _texts(data.get(f), col, data.line_of(f), f) for f in ("evidence", "strengthen", "cure")
    }
    watch = _watch(data.get("watch"), col, data.line_of("watch"))
    col.raise_if_any()
    return Rule(
        id=rule_id,
        title=str(data["title"]).strip(),
        summary=str(data.get("summary") or "").strip(),
        regime=regime,
        binds=binds,
        legal_basis=basis,
        legal_certainty=certainty,
        interpretation=interpretation,
        parameters=params,
        condition=cond.fn,
        requires=tuple(dict.fromkeys(cond.requires)),
        key=key,
        default_severity=default,
        severity_cases=cases,
        compute=compute,
        explanation=explanation,
        evidence=lists["evidence"],
        strengthen=lists["strengthen"],
        cure=lists["cure"],
        action=str(data["action"]).strip(),
        watch=watch | frozenset(ctx.types_used),
        detail_keys={k: frozenset(v) for k, v in ctx.detail_keys.items()},
        path=file,
        side_specific=any(b.sides for b in basis),
    )


def _bare(col: Collector) -> Ctx:
    """A context for checks that use no parameters."""
    return Ctx(col, {})


def _text(data: LDict, key: str, col: Collector) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        if key in data:
            col.add(data.line_of(key), f"'{key}' must be non-empty text")
        return ""
    return value.strip()


def _choice(data: LDict, key: str, choices: tuple[str, ...], col: Collector) -> str:
    value = data.get(key)
    if key in data and value not in choices:
        col.add(
            data.line_of(key), f"{key} must be one of {', '.join(choices)}{suggest(value, choices)}"
        )
    return str(value)


def _params(raw: Any, col: Collector) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, LDict):
        col.add(line_of(raw), "parameters is a mapping of name: number")
        return {}
    out = {}
    for name, value in raw.items():
        if not (isinstance(name, str) and name.isidentifier()):
            col.add(raw.line_of(name), f"parameter name '{name}' must be a simple name")
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            col.add(
                raw.line_of(name), f"parameter '{name}' must be a whole number of days (or units)"
            )
        else:
            out[name] = value
    return out


def _compute(raw: Any, ctx: Ctx, scope: dict[str, Binding], line: int) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, LDict) or not check_keys(raw, ctx, "compute", ("arrears",)):
        if not isinstance(raw, LDict):
            ctx.problem(line, "compute is a mapping, e.g. {arrears: {from: ..., until: ...}}")
        return {}
    out: dict[str, Any] = {}
    spec = raw.get("arrears")
    if isinstance(spec, LDict) and check_keys(spec, ctx, "arrears", (), ("from", "until")):
        start = parse_ref(spec["from"], ctx, scope, spec.line_of("from"), "arrears from")
        until = compile_until(spec["until"], ctx, scope, spec.line_of("until"))
        out["arrears"] = (start, until)
        scope["months_unpaid"] = Binding("measure", line=raw.line_of("arrears"))
        scope["arrears"] = Binding("arrears", line=raw.line_of("arrears"))
    elif "arrears" in raw:
        ctx.problem(raw.line_of("arrears"), "arrears needs from: and until:")
    return out


def _key(raw: Any, scope: dict[str, Binding], col: Collector, line: int) -> tuple[str, ...]:
    usable = [n for n, b in scope.items() if b.kind in ("event", "period", "point")]
    if raw is None:
        return tuple(n for n in usable if scope[n].kind in ("event", "period"))
    if isinstance(raw, list) and not raw:
        return ()  # one finding per person at most
    names = names_list(raw, _bare(col), line, "key")
    for name in names:
        if name not in usable:
            col.add(
                line,
                f"key: '{name}' is not an event, period or point bound by the condition"
                f" (bound: {', '.join(usable) or 'none'})",
            )
    return tuple(names)


def _severity(
    raw: Any, ctx: Ctx, scope: dict[str, Binding], line: int
) -> tuple[Severity, tuple[SeverityCase, ...]]:
    levels = [s.value for s in Severity]
    if isinstance(raw, str):
        raw_default, cases_raw = raw, None
    elif isinstance(raw, LDict) and check_keys(raw, ctx, "severity", ("cases",), ("default",)):
        raw_default, cases_raw = raw["default"], raw.get("cases")
    else:
        ctx.problem(line, f"severity is a level ({', '.join(levels)}) or {{default, cases}}")
        return Severity.MEDIUM, ()
    if raw_default not in levels:
        ctx.problem(line, f"severity must be one of {', '.join(levels)}")
        raw_default = "medium"
    cases = []
    if cases_raw is not None and not isinstance(cases_raw, LList):
        ctx.problem(line, "severity cases must be a list")
        cases_raw = None
    for case in cases_raw or []:
        if not isinstance(case, LDict) or not check_keys(
            case, ctx, "a severity case", ("legal_certainty", "note"), ("when", "level")
        ):
            continue
        if case["level"] not in levels:
            ctx.problem(case.line_of("level"), f"level must be one of {', '.join(levels)}")
            continue
        certainty = case.get("legal_certainty")
        if certainty is not None and certainty not in ("settled", "contested"):
            ctx.problem(
                case.line_of("legal_certainty"), "legal_certainty must be settled or contested"
            )
            certainty = None
        when = compile_node(case["when"], ctx, dict(scope))
        note = case.get("note")
        if note is not None and not isinstance(note, str):
            ctx.problem(case.line_of("note"), "note must be text")
            note = None
        for problem in check_template(str(note or ""), {**ctx.names, **scope}, ctx.params):
            ctx.problem(case.line_of("note"), problem)
        cases.append(
            SeverityCase(
                Severity(case["level"]),
                when.fn,
                LegalCertainty(certainty) if certainty else None,
                " ".join(str(note).split()) if note else None,
                compile_template(" ".join(str(note).split())) if note else (),
            )
        )
    return Severity(raw_default), tuple(cases)


def _explanation(
    raw: Any, names: dict[str, Binding], params: dict[str, Any], col: Collector, line: int
) -> tuple[Line, ...]:
    items = raw if isinstance(raw, LList) else [raw]
    out = []
    for i, item in enumerate(items):
        at = items.line_of(i) if isinstance(items, LList) else line
        if isinstance(item, LDict):
            check_keys(item, _bare(col), "an explanation line", (), ("if", "text"))
            cond, text = item.get("if"), item.get("text")
            if cond not in names:
                col.add(item.line_of("if"), f"if: '{cond}' is not a name the rule binds")
        else:
            cond, text = None, item
        if not isinstance(text, str) or not text.strip():
            col.add(at, "an explanation line must be text")
            continue
        for problem in check_template(text, names, params):
            col.add(at, problem)
        clean = " ".join(text.split())
        out.append(Line(clean, cond, compile_template(clean)))
    return tuple(out)


def _texts(raw: Any, col: Collector, line: int, what: str) -> tuple[str, ...]:
    if (
        not isinstance(raw, list)
        or not raw
        or not all(isinstance(x, str) and x.strip() for x in raw)
    ):
        col.add(line, f"{what} must be a list of text items")
        return ()
    return tuple(" ".join(x.split()) for x in raw)


def _watch(raw: Any, col: Collector, line: int) -> frozenset[str]:
    if raw is None:
        return frozenset()
    names = names_list(raw, _bare(col), line, "watch")
    known = event_types()
    for name in names:
        if name not in known:
            col.add(line, f"watch: unknown event type '{name}'{suggest(name, known)}")
    return frozenset(n for n in names if n in known)
