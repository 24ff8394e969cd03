"""Benchmark: powtrace.linkage against Splink on a synthetic registry and query lists.

    python bench/linkage/run.py --persons 200000 --queries 10000
    python bench/linkage/run.py --persons 1000000 --search-only

Prints one table (markdown) per run; it does not write BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import RENDERINGS, World
from metrics import ambiguous, table, tally
from queries import make_queries, registry_values

from powtrace.intake.lists import ListRow, parse_written_date
from powtrace.linkage import (
    Index,
    Model,
    Record,
    Thresholds,
    decide,
    link,
    record_from_row,
    search,
)
from powtrace.linkage.model import profile_of


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


class Peak:
    """Samples RSS in a thread: the peak above the level at entry (native memory included)."""

    def __enter__(self) -> Peak:
        self.base = rss_mb()
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self.t0 = time.perf_counter()
        self.c0 = time.process_time()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
        # CPU time of the whole process (every thread, DuckDB's too): wall time on a shared
        # machine also counts other people's jobs.
        self.cpu = time.process_time() - self.c0
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())

    @property
    def added(self) -> float:
        return self.peak - self.base


def to_row(values: dict[str, str], line: int) -> ListRow:
    """A ListRow as intake.lists would read it from a CSV line."""
    birth = parse_written_date(values["birth_date"]) if values.get("birth_date") else None
    return ListRow(line, values["id"], dict(values), birth)


@dataclass
class Data:
    registry_rows: list[ListRow]
    query_rows: list[ListRow]
    queries: list
    persons: list


def make_data(persons: int, queries: int, seed: int) -> Data:
    """The registry and the queries, as list rows."""
    world = World(seed)
    registry = world.registry(persons)
    rng = random.Random(seed + 1)
    rows = [to_row(registry_values(p, rng), i + 2) for i, p in enumerate(registry)]
    qs, _ = make_queries(world, registry, queries, seed + 2)
    qrows = [to_row(q.values, i + 2) for i, q in enumerate(qs)]
    return Data(rows, qrows, qs, registry)


def run_ours(data: Data) -> tuple[dict, dict[str, float], Peak, dict[str, float]]:
    """Index, fit (EM), link; returns decisions, blocking recall, time/memory and phase times."""
    phases: dict[str, float] = {}
    with Peak() as peak:
        t = time.perf_counter()
        registry = [record_from_row(r, scheme="registry") for r in data.registry_rows]
        index = Index.build(registry)
        phases["index"] = time.perf_counter() - t
        t = time.perf_counter()
        queries = [record_from_row(r, as_of=date(2025, 6, 1), scheme="q") for r in data.query_rows]
        model = Model.fit(queries, index)
        phases["fit"] = time.perf_counter() - t
        t = time.perf_counter()
        results = link(queries, index, model)
        phases["link"] = time.perf_counter() - t
    decisions = {r.row_id: (r.matched_id, r.decision) for r in results}
    for t in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99):
        th = Thresholds(link=t)
        alt = {
            r.row_id: (r.matched_id, decide(r.explanation, th) if r.explanation else r.decision)
            for r in results
        }
        sweeps[t] = tally(data.queries, alt)["overall"]
    found: dict[str, list[int]] = {}
    for q, rec in zip(data.queries, queries, strict=True):
        if q.truth is None:
            continue
        pos = set(index.candidate_positions(profile_of(rec)))
        hit = index.by_key.get(f"ext:registry:{q.truth}") in pos
        for key in (q.rendering, "overall"):
            found.setdefault(key, []).append(hit)
    recall = {k: sum(v) / len(v) for k, v in found.items()}
    ours_model.append(model)
    return decisions, recall, peak, phases


ours_model: list[Model] = []
sweeps: dict = {}


def search_only(persons: int, n: int, seed: int) -> str:
    """Build a million-record index and time single searches (p50/p95/max)."""
    data = make_data(persons, n, seed)
    with Peak() as peak:
        registry = [record_from_row(r, scheme="registry") for r in data.registry_rows]
        del data.registry_rows
        gc.collect()
        index = Index.build(registry)
    model = Model(population=len(index), match_rate=0.75)
    texts = []
    for q in data.queries:
        v = q.values
        when = v.get("birth_date") or (v.get("age") and f"{v['age']}") or ""
        parts = (v.get(k, "") for k in ("surname", "first_name", "patronymic"))
        texts.append(f"{v.get('full_name') or ' '.join(parts)} {when}")
    times = []
    for text in texts:
        t = time.perf_counter()
        search(index, model, text, as_of=date(2025, 6, 1))
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
    return (
        "| persons | searches | index build s | index RSS MB | process peak RSS MB | p50 ms "
        "| p95 ms | p99 ms | max ms |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        f"| {persons:,} | {len(times):,} | {peak.seconds:.1f} | {peak.added:,.0f} | "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} | "
        f"{p(0.5):.1f} | {p(0.95):.1f} | {p(0.99):.1f} | {times[-1]:.1f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-splink", action="store_true")
    ap.add_argument("--search-only", action="store_true")
    args = ap.parse_args()
    print(f"# linkage benchmark: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {date.today()}")  # fmt: skip
    if args.search_only:
        print(search_only(args.persons, args.queries, args.seed))
        return
    t = time.perf_counter()
    data = make_data(args.persons, args.queries, args.seed)
    print(f"generated {args.persons:,} persons and {args.queries:,} queries in "
          f"{time.perf_counter() - t:.1f}s")  # fmt: skip
    gc.collect()
    decisions, recall, peak, phases = run_ours(data)
    results = {"ours": tally(data.queries, decisions)}
    runs = [("ours", peak, ", ".join(f"{k} {v:.1f}s" for k, v in phases.items()))]
    s_decisions: dict = {}
    if not args.no_splink:
        from splink_run import at_threshold, run_splink

        gc.collect()
        best, s_peak, s_note = run_splink(data)
        # Splink gets its best threshold in hindsight (an advantage ours does not get).
        sweep = [x / 100 for x in range(5, 100, 5)]
        f1s = {t: tally(data.queries, at_threshold(best, t))["overall"].f1 for t in sweep}
        t_best = max(f1s, key=lambda t: f1s[t])
        s_decisions = at_threshold(best, t_best)
        results["splink"] = tally(data.queries, s_decisions)
        runs.append(("splink", s_peak, s_note + f", best threshold {t_best:.2f}"))
    unclear = ambiguous(data.queries, data.persons)
    clear_queries = [q for q in data.queries if q.id not in unclear]
    clear = {
        "ours": tally(clear_queries, decisions),
        **({"splink": tally(clear_queries, s_decisions)} if "splink" in results else {}),
    }
    by_rendering: dict[str, int] = {}
    for q in data.queries:
        if q.id in unclear:
            by_rendering[q.rendering] = by_rendering.get(q.rendering, 0) + 1
    by_rendering["overall"] = len(unclear)
    print(table(results, clear, recall, by_rendering))
    print()
    print("| system | wall s | CPU s | peak RSS added MB | namesakes linked | phases |")
    print("|---|---:|---:|---:|---:|---|")
    for name, pk, note in runs:
        o = results[name]["overall"]
        share = o.namesakes_linked / o.namesakes if o.namesakes else 0.0
        print(f"| {name} | {pk.seconds:.1f} | {pk.cpu:.1f} | {pk.added:,.0f} | "
              f"{o.namesakes_linked}/{o.namesakes} ({share:.1%}) | {note} |")  # fmt: skip
    print()
    print("| ours: link threshold | precision | recall | F1 | namesakes linked |")
    print("|---:|---:|---:|---:|---:|")
    for t, o in sweeps.items():
        print(
            f"| {t:.2f} | {o.precision:.4f} | {o.recall:.4f} | {o.f1:.4f} | {o.namesakes_linked} |"
        )
    _ = RENDERINGS, Record


if __name__ == "__main__":
    main()
