"""Benchmark the rule engine: N persons with realistic random timelines, every rule.

    .venv/bin/python bench/rules/bench_rules.py --persons 100000 --workers 2

Each worker generates its own share of persons (seeded, so runs repeat), derives their
lifecycles and evaluates the whole catalogue; derive and evaluate are timed apart. The table
also gives one person's re-evaluation latency and an extrapolation to 1,000,000 persons.
The target (issue 5): 1,000,000 persons / 10,000,000 events in <= 120 s on 2 cores, and one
person re-evaluated in <= 20 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from typing import Any

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Citation, Event, NameForm, Person
from powtrace.lifecycle import derive
from powtrace.rules import evaluate, load_catalogue

AS_OF = date(2025, 12, 1)
FIRST_CAPTURE = date(2022, 3, 1).toordinal()
LAST_CAPTURE = date(2025, 6, 30).toordinal()


class Story:
    """Builds one person's events, with dates of realistic precision."""

    def __init__(self, rng: random.Random, pid: str) -> None:
        self.rng, self.pid, self.events = rng, pid, []

    def add(
        self, type_: str, day: int, fuzzy: bool = True, sources: int = 1, **details: Any
    ) -> None:
        """Add an event on ``day``; a share of dates is known only to the month or a range."""
        if day > AS_OF.toordinal():
            return
        d = date.fromordinal(day)
        roll = self.rng.random() if fuzzy else 1.0
        if roll < 0.12:
            when = PartialDate.of(d.year, d.month)
        elif roll < 0.17:
            end = d + timedelta(days=self.rng.randint(1, 20))
            when = PartialDate.parse(f"{d.isoformat()}/{end.isoformat()}")
        else:
            when = PartialDate.from_date(d)
        cites = [Citation(f"s-{self.rng.randrange(10**6)}", 0, 5, "x", 2) for _ in range(sources)]
        eid = f"{self.pid}-e{len(self.events):02d}"
        self.events.append(
            Event(
                type_,
                self.pid,
                id=eid,
                date=when,
                review="confirmed",
                details=details,
                citations=cites,
            )
        )

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


def person_story(rng: random.Random, n: int) -> tuple[Person, list[Event]]:
    """One person: enlisted, mostly captured, often exchanged, with what follows at home."""
    pid = f"p{n:08d}"
    side = "russia" if rng.random() < 0.6 else "ukraine"
    russian = side == "russia"
    rank = rng.choice(["private", "private", "corporal", "junior sergeant", "lieutenant", None])
    who = Person([NameForm(f"Person {n}")], id=pid, side=side, rank=rank)
    s = Story(rng, pid)
    t = rng.randint(FIRST_CAPTURE, LAST_CAPTURE)
    s.add(
        "enlisted",
        t - rng.randint(30, 400),
        service_type=rng.choice(["mobilised", "contract", "conscript"]),
    )
    if s.chance(0.1):  # never captured: missing or killed, the rules have little to say
        s.add("missing", t)
        if s.chance(0.5):
            s.add(
                "killed",
                t + rng.randint(0, 200),
                context=rng.choice(["combat", "unknown", "executed_at_capture"]),
            )
        return who, s.events
    if s.chance(0.12):
        s.add("missing", t - rng.randint(0, 5))
    if s.chance(0.08):
        s.add("surrendered", t, fuzzy=False, via=rng.choice(["in_person", "i_want_to_live"]))
    mode = rng.choice(["surrendered", "wounded", "encircled", "unknown"])
    s.add("captured", t, fuzzy=False, mode=mode, detaining_state="Ukraine" if russian else "Russia")
    if s.chance(0.35 if russian else 0.1):
        s.add(
            "pay_suspended",
            t + rng.randint(-20, 30),
            reason=rng.choice(["missing", "awol_order", "captivity_unconfirmed"]),
        )
        if s.chance(0.3):
            s.add("pay_restored", t + rng.randint(200, 700), arrears_paid=s.chance(0.5))
    camp = t + rng.randint(1, 10)
    s.add("interned", camp, facility="camp")
    if s.chance(0.55):
        s.add("registered_icrc", camp + rng.randint(1, 60))
    if s.chance(0.15):
        s.add("capture_card_sent", camp + rng.randint(1, 14))
    if s.chance(0.2):
        s.add("wounded", t, severity=rng.choice(["light", "serious"]))
    if s.chance(0.3 if not russian else 0.1):
        s.add(
            "tortured", camp + rng.randint(0, 90), sources=rng.randint(1, 2), description="beaten"
        )
    if s.chance(0.08):
        s.add("medical_care_denied", camp + rng.randint(0, 60))
    if russian and s.chance(0.08):
        s.add("interviewed_in_captivity", camp + rng.randint(5, 120), published=rng.random() < 0.7)
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4, 5])):
        s.add("transferred", camp + rng.randint(20, 300), facility="other camp")
    if s.chance(0.6):
        s.add("icrc_visit", camp + rng.randint(30, 300), facility="camp")
    if s.chance(0.35):
        s.add("family_contact", camp + rng.randint(20, 300), means="letter through the ICRC")
    if s.chance(0.15):
        s.add(
            "hospitalised", camp + rng.randint(5, 200), condition=rng.choice(["light", "serious"])
        )
    if s.chance(0.5):
        s.add("family_notified", t + rng.randint(3, 90), by="military commissariat")
    if s.chance(0.01):
        s.add("died_in_captivity", camp + rng.randint(20, 400), notified=rng.random() < 0.5)
        return who, s.events
    if not s.chance(0.65):
        return who, s.events
    back = camp + rng.randint(60, 700)
    basis = rng.choice(
        ["ad_hoc_swap", "ad_hoc_swap", "ad_hoc_swap", "medical_art109", "wounded_sick_agreement"]
    )
    s.add("exchanged", back, fuzzy=False, basis=basis, via="Belarus")
    s.add("handed_over", back, fuzzy=False)
    if russian and s.chance(0.7):
        length = rng.randint(5, 40)
        if s.chance(0.3):
            s.add("isolated_interrogated", back + 1, duration_days=length)
        else:
            s.add("isolated_interrogated", back + 1)
        if s.chance(0.05):
            s.add("counsel_denied", back + rng.randint(2, 20))
        s.add("family_contact", back + length)
        if s.chance(0.6):
            s.add("released_from_isolation", back + length + rng.randint(0, 5))
    if s.chance(0.1):
        s.add("hospitalised_after_return", back + rng.randint(0, 40))
    if s.chance(0.4):
        s.add("leave_granted", back + rng.randint(30, 60), days=rng.choice([30, 60, 90]))
    if s.chance(0.5):
        s.add("returned_to_unit", back + rng.randint(61, 90))
    if russian and s.chance(0.35):
        s.add("redeployed_combat", back + rng.randint(91, 200), role="assault")
    elif s.chance(0.15):
        s.add("assigned_noncombat", back + rng.randint(30, 200))
    if russian and s.chance(0.04):
        article = rng.choice(["CC RF 352.1 part 1", "CC RF 338 part 3", "CC RF 275.1"])
        s.add("criminal_case_opened", back + rng.randint(10, 120), article=article)
        s.add("charged", back + rng.randint(130, 200), article=article)
    if s.chance(0.03):
        s.add("interviewed_by_press", back + rng.randint(10, 90), outlet="blog")
    if s.chance(0.08):
        gone = back + rng.randint(90, 300)
        s.add("missing", gone)
        if s.chance(0.5):
            s.add("family_no_information", gone + rng.randint(0, 30))
    return who, s.events


def run_shard(args: tuple[int, int, int]) -> dict[str, Any]:
    """Generate, derive and evaluate one shard, one person at a time (as a store streams
    persons), timing each step in CPU seconds; return counts and timings."""
    seed, start, count = args
    catalogue = load_catalogue()
    rng = random.Random(seed * 1_000_003 + start)  # the same seed gives the same persons
    clock = time.process_time
    generate = derive_s = evaluate_s = 0.0
    events = probable = 0
    per_rule: Counter[str] = Counter()
    for n in range(start, start + count):
        t0 = clock()
        who, evs = person_story(rng, n)
        t1 = clock()
        life = derive(who.id, evs)
        t2 = clock()
        found = evaluate(catalogue, life, who, evs, AS_OF)
        t3 = clock()
        generate += t1 - t0
        derive_s += t2 - t1
        evaluate_s += t3 - t2
        events += len(evs)
        for f in found:
            per_rule[f.rule_id] += 1
            probable += f.certainty == "probable"
    return {
        "persons": count,
        "events": events,
        "generate": generate,
        "derive": derive_s,
        "evaluate": evaluate_s,
        "rules": per_rule,
        "probable": probable,
    }


def latency(runs: int = 1000) -> tuple[float, float]:
    """Median and 99th percentile (ms) of re-deriving and re-evaluating one busy person."""
    catalogue = load_catalogue()
    rng = random.Random(7)
    busy = max((person_story(rng, i) for i in range(300)), key=lambda pe: len(pe[1]))
    person, events = busy
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        evaluate(catalogue, derive(person.id, events), person, events, AS_OF)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    opts = parser.parse_args()
    chunk = 5_000
    shards = [(opts.seed, s, min(chunk, opts.persons - s)) for s in range(0, opts.persons, chunk)]
    wall = time.perf_counter()
    if opts.workers > 1:
        with ProcessPoolExecutor(opts.workers) as pool:
            results = list(pool.map(run_shard, shards))
    else:
        results = [run_shard(s) for s in shards]
    wall = time.perf_counter() - wall
    total = {
        k: sum(r[k] for r in results)
        for k in ("persons", "events", "generate", "derive", "evaluate", "probable")
    }
    rules: Counter[str] = Counter()
    for r in results:
        rules.update(r["rules"])
    work = total["derive"] + total["evaluate"]  # CPU seconds across workers, without generation
    per_person_us = work / total["persons"] * 1e6
    million = per_person_us * 1_000_000 / 1e6 / opts.workers
    med, p99 = latency()
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"
    per = total["events"] / total["persons"]
    rows = [
        (
            "machine",
            f"{machine}, Python {platform.python_version()}",
        ),
        ("command", " ".join([os.path.basename(sys.executable), *sys.argv])),
        (
            "persons / events",
            f"{total['persons']:,} / {total['events']:,} ({per:.1f} per person)",
        ),
        ("rules", f"{len(load_catalogue())}"),
        ("workers", f"{opts.workers}"),
        ("wall time, all steps (s)", f"{wall:.1f}"),
        ("generate events (CPU s)", f"{total['generate']:.1f}"),
        ("derive lifecycles (CPU s)", f"{total['derive']:.1f}"),
        ("evaluate all rules (CPU s)", f"{total['evaluate']:.1f}"),
        ("rules only: persons/s per core", f"{total['persons'] / total['evaluate']:,.0f}"),
        ("rules only: events/s per core", f"{total['events'] / total['evaluate']:,.0f}"),
        ("derive + rules, per person (µs)", f"{per_person_us:.0f}"),
        (
            f"1,000,000 persons on {opts.workers} cores, derive + rules (s, extrapolated)",
            f"{million:.0f}",
        ),
        (
            "1,000,000 persons, rules only (s, extrapolated)",
            f"{total['evaluate'] / total['persons'] * 1e6 / opts.workers:.0f}",
        ),
        ("one person re-derived + re-evaluated (ms, median / p99)", f"{med:.2f} / {p99:.2f}"),
        ("findings (probable)", f"{sum(rules.values()):,} ({total['probable']:,})"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"| {'-' * width} | ----- |")
    for key, value in rows:
        print(f"| {key.ljust(width)} | {value} |")
    print()
    print("| rule | findings |")
    print("| ---- | -------- |")
    for rule_id, n in sorted(rules.items(), key=lambda kv: -kv[1]):
        print(f"| {rule_id} | {n:,} |")


if __name__ == "__main__":
    main()
