"""Load run: concurrent users against ``powtrace serve`` on loopback, then a count of writes.

    .venv/bin/python bench/load/run.py --db-url postgresql+psycopg://…/db \\
        --users 50 --seconds 120 [--port 8765] [--workers 2] [--think 0]
    .venv/bin/python bench/load/run.py --home /tmp/pt-embedded --users 1 …  # SQLCipher

Starts ``powtrace serve`` (its own process) on 127.0.0.1, then load processes (plain
multiprocessing + httpx, asyncio inside) with ``--users`` signed-in users in all. Each user
signs in as one of the accounts ``generate.py`` made and loops until the time is up: name
search (45 %), a person's page (40 %, which also writes an audited *read*), a review action
(15 %: acknowledge or reopen one of *its own* findings, so every action is a real change). It
prints one Markdown table of p50/p95/p99 and errors per kind, then checks in the database that
every write the users were told succeeded is in the audit log (reads and status changes),
and that ``audit verify`` passes. Bounded: requests time out after 30 s, the run stops itself.
Only loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from generate import GIVEN, PASSWORD, SURNAMES  # noqa: E402

from powtrace.store.store import Store  # noqa: E402

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
KINDS = ("search", "person", "review")


class User:
    """One signed-in user: a session cookie (sent by hand: it is Secure, and this is http)."""

    def __init__(self, client: httpx.AsyncClient, name: str) -> None:
        self.client, self.name, self.cookie, self.csrf = client, name, "", ""

    def _keep(self, r: httpx.Response) -> None:
        for header in r.headers.get_list("set-cookie"):
            self.cookie = header.split(";", 1)[0]

    async def get(self, url: str) -> httpx.Response:
        r = await self.client.get(url, headers={"cookie": self.cookie})
        self._keep(r)
        return r

    async def post(self, url: str, data: dict[str, str]) -> httpx.Response:
        r = await self.client.post(
            url, data={**data, "csrf_token": self.csrf}, headers={"cookie": self.cookie}
        )
        self._keep(r)
        return r

    async def sign_in(self) -> None:
        page = await self.get("/login")
        self.csrf = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
        r = await self.post("/login", {"username": self.name, "password": PASSWORD, "next": "/"})
        if r.status_code != 303:
            raise RuntimeError(f"{self.name} could not sign in: {r.status_code}")
        page = await self.get("/account")  # a light page with forms: the session's token
        self.csrf = CSRF.search(page.text).group(1)  # type: ignore[union-attr]


async def _user(
    base: str,
    index: int,
    plan: dict[str, Any],
    window: tuple[float, float],
    seed: int,
    think: float,
) -> dict[str, Any]:
    """One user: signs in at its turn in the ramp-up, then clicks until the window ends; only
    requests started inside the window (after every user has signed in) are timed."""
    start, until = window
    rng = random.Random(seed)
    stats: dict[str, Any] = {k: [] for k in KINDS} | {"errors": {k: 0 for k in KINDS}}
    stats["writes_ok"] = stats["reads_ok"] = stats["searches_ok"] = 0
    mine = plan["findings"][index :: plan["users"]]
    status = {f: plan["status"][f] for f in mine}
    limits = httpx.Limits(max_connections=2)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        user = User(client, f"lawyer{index:02d}")
        # Users arrive one after another over the ramp-up, as people do: fifty password
        # checks (argon2, costly on purpose) in the same second are not what a team does.
        await asyncio.sleep(max(0.0, (start - time.time()) * index / plan["users"]))
        await user.sign_in()
        while time.time() < until:
            timed = time.time() >= start
            roll = rng.random()
            kind = "search" if roll < 0.45 else "person" if roll < 0.85 or not mine else "review"
            started = time.perf_counter()
            try:
                if kind == "search":
                    q = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
                    r = await user.get(f"/search?q={q}")
                    ok = r.status_code == 200
                    stats["searches_ok"] += ok
                elif kind == "person":
                    r = await user.get(f"/persons/{rng.choice(plan['persons'])}")
                    ok = r.status_code == 200
                    stats["reads_ok"] += ok
                else:
                    fid = rng.choice(mine)
                    new = "open" if status[fid] == "acknowledged" else "acknowledged"
                    r = await user.post(f"/findings/{fid}/status", {"status": new, "next": "/"})
                    ok = r.status_code == 303
                    if ok:
                        status[fid] = new
                        stats["writes_ok"] += 1
            except httpx.HTTPError:
                ok = False
            if timed:
                stats[kind].append(time.perf_counter() - started)
            if not ok:  # an error counts wherever it happens
                stats["errors"][kind] += 1
            if think:  # a person reads the page before the next click
                await asyncio.sleep(rng.uniform(0, 2 * think))
    return stats


def _worker(
    base: str,
    first: int,
    count: int,
    plan: dict[str, Any],
    window: tuple[float, float],
    think: float,
    out: Any,
) -> None:
    async def everyone() -> list[dict[str, Any]]:
        return await asyncio.gather(
            *(_user(base, first + i, plan, window, 1000 + first + i, think) for i in range(count))
        )

    out.put(asyncio.run(everyone()))


def _engine(home: Path | None, url: str | None) -> sa.Engine:
    """The store's engine, opened as powtrace opens it (the embedded one needs its key)."""
    return Store.open(home, url).engine


def _plan(home: Path | None, url: str | None, users: int) -> dict[str, Any]:
    engine = _engine(home, url)
    with engine.connect() as conn:
        persons = list(
            conn.exec_driver_sql("SELECT id FROM persons ORDER BY random() LIMIT 5000").scalars()
        )
        status = dict(conn.exec_driver_sql("SELECT id, status FROM findings ORDER BY id").all())
    engine.dispose()
    return {"persons": persons, "findings": sorted(status), "status": status, "users": users}


def _landed(home: Path | None, url: str | None, since: str) -> dict[str, int]:
    engine = _engine(home, url)
    with engine.connect() as conn:
        q = sa.text(
            "SELECT CASE WHEN entity = 'search' THEN 'search ' || action ELSE action END, "
            "count(*) FROM audit_log WHERE at >= :since AND actor LIKE :who GROUP BY 1"
        )
        got = dict(conn.execute(q, {"since": since, "who": "lawyer%"}).all())
    engine.dispose()
    return {k: int(v) for k, v in got.items()}


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db-url", help="a PostgreSQL store")
    where.add_argument("--home", type=Path, help="an embedded (SQLCipher) store's directory")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--processes", type=int, default=2, help="load processes")
    ap.add_argument("--workers", type=int, default=1, help="server worker processes")
    ap.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause between a user's requests, in seconds (uniform on [0, 2×think]); "
        "0 (the default) sends the next request as soon as the last one is answered",
    )
    ap.add_argument(
        "--ramp",
        type=float,
        default=10.0,
        help="seconds over which the users sign in, one after another, before the timed run",
    )
    ap.add_argument(
        "--skip-verify",
        action="store_true",
        help="do not run `audit verify` afterwards (minutes at a million entries); the count "
        "of landed writes is still checked",
    )
    a = ap.parse_args()
    base = f"http://127.0.0.1:{a.port}"
    env = dict(os.environ)
    env |= {"POWTRACE_DB_URL": a.db_url} if a.db_url else {"POWTRACE_HOME": str(a.home)}
    store_opt = ["--db-url", a.db_url] if a.db_url else ["--home", str(a.home)]
    powtrace = ROOT / ".venv" / "bin" / "powtrace"
    cmd = [str(powtrace), "serve", "--host", "127.0.0.1", "--port", str(a.port), "--no-demo"]
    cmd += ["--workers", str(a.workers)]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit(f"the server did not start: {server.stderr.read().decode()}")
            time.sleep(0.3)
        plan = _plan(a.home, a.db_url, a.users)
        since = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
        start = time.time() + max(a.ramp, 1.0)  # every user signed in, then the timed run
        window = (start, start + a.seconds)
        ctx = multiprocessing.get_context("spawn")
        out = ctx.Queue()
        share = [a.users // a.processes + (i < a.users % a.processes) for i in range(a.processes)]
        procs, first = [], 0
        for n in share:
            p = ctx.Process(target=_worker, args=(base, first, n, plan, window, a.think, out))
            p.start()
            procs.append(p)
            first += n
        results = [s for _ in procs for s in out.get(timeout=a.ramp + a.seconds + 120)]
        for p in procs:
            p.join(30)
    finally:
        server.terminate()
        server.wait(30)
    elapsed = a.seconds
    rows = []
    total = 0
    for kind in KINDS:
        lat = [x for r in results for x in r[kind]]
        errs = sum(r["errors"][kind] for r in results)
        total += len(lat)
        rows.append(
            f"| {kind} | {len(lat)} | {len(lat) / elapsed:.1f} | {_pct(lat, 50):.0f} | "
            f"{_pct(lat, 95):.0f} | {_pct(lat, 99):.0f} | {errs} |"
        )
    every = [x for r in results for k in KINDS for x in r[k]]
    errors = sum(sum(r["errors"].values()) for r in results)
    rows.append(
        f"| all | {len(every)} | {len(every) / elapsed:.1f} | {_pct(every, 50):.0f} | "
        f"{_pct(every, 95):.0f} | {_pct(every, 99):.0f} | {errors} |"
    )
    writes_ok = sum(r["writes_ok"] for r in results)
    reads_ok = sum(r["reads_ok"] for r in results)
    searches_ok = sum(r["searches_ok"] for r in results)
    landed = _landed(a.home, a.db_url, since)
    if a.skip_verify:
        report: dict[str, Any] = {"ok": True, "entries": "not verified"}
    else:
        verify = subprocess.run(
            [str(powtrace), *store_opt, "audit", "verify", "--json"],
            capture_output=True,
            text=True,
            check=False,
        )
        report = json.loads(verify.stdout) if verify.stdout.strip() else {"ok": False}
    print(
        f"{a.users} users, {a.seconds:.0f} s, think {a.think:g} s, {a.workers} server "
        f"worker(s), {len(plan['persons'])} person ids sampled\n"
    )
    print("| kind | requests | per s | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    print(
        f"\nstatus changes acknowledged to users: {writes_ok}; audited updates: "
        f"{landed.get('update', 0)}\nperson pages served: {reads_ok}; audited reads: "
        f"{landed.get('read', 0)}\nsearches served: {searches_ok}; audited searches (those "
        f"showing restricted persons): {landed.get('search read', 0)}\n"
        f"audit verify: {'ok' if report.get('ok') else 'FAILED'} "
        f"({report.get('entries')} entries)"
    )
    if landed.get("update", 0) != writes_ok or not report.get("ok"):
        raise SystemExit("a write was lost or the chain does not verify")


if __name__ == "__main__":
    main()
