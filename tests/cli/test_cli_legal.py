"""`powtrace rules` and `powtrace findings` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from powtrace.rules import default_path

from .support import Cli, Runner


def test_rules_list_and_show(run: Runner) -> None:
    code, out, _ = run("rules", "list", "--json")
    rules = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and rules["art117_active_service_after_repatriation"]["binds"] == "home_state"
    code, out, _ = run("rules", "show", "pay_withheld_during_captivity", "--json")
    assert code == 0 and json.loads(out)["regime"] == "domestic_administrative"
    code, _, err = run("rules", "show", "no_such_rule")
    assert code == 1 and "no rule 'no_such_rule'" in err


def test_rules_check_points_at_the_line(run: Runner, tmp_path: Path) -> None:
    good = next(default_path().glob("*.yaml"))
    assert run("rules", "check", good)[0] == 0
    bad = tmp_path / "bad.yaml"
    lines = good.read_text(encoding="utf-8").splitlines()
    regime_line = next(i for i, line in enumerate(lines) if line.startswith("regime:"))
    lines[regime_line] = "regime: martial_whim"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run("rules", "check", bad)
    assert code == 1
    assert f"bad.yaml:{regime_line + 1}:" in err and "martial_whim" in err


def test_findings_follow_the_demo_and_take_a_status(cli: Cli) -> None:
    cli.ok("demo")
    found = json.loads(cli.ok("findings", "--json"))
    pay = next(f for f in found if f["rule_id"] == "pay_withheld_during_captivity")
    assert pay["details"]["values"]["arrears"]["currency"] == "RUB"
    code, _, err = cli("findings", "status", pay["id"], "dismissed")
    assert code == 1 and "why" in err
    cli.ok("findings", "status", pay["id"], "acknowledged")
    again = json.loads(cli.ok("findings", "--person", pay["person_id"], "--json"))
    assert {f["id"]: f["status"] for f in again}[pay["id"]] == "acknowledged"
    assert "intact" in cli.ok("audit", "verify")
