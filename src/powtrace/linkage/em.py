"""Learning the model: u by random sampling, m by expectation–maximisation, judgements as labels.

As Splink does it: u (how often non-matches agree) comes from random pairs, which are almost
all non-matches. m (how often matches agree) comes from EM on blocked pairs, in two sessions so
that no field is trained on pairs selected for agreeing on it:

- session "names": pairs that agree on surname and given name; trains every other field;
- session "birth": pairs born on the same day; trains the name fields.

Recorded judgements join both sessions as pairs whose match probability is fixed (1 or 0).
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from powtrace.linkage.compare import FIELD_NAMES, FIELDS, NULL
from powtrace.linkage.model import Model, profile_of
from powtrace.linkage.profile import Profile
from powtrace.linkage.record import Record

Pattern = tuple[int, ...]
# Disagreement levels EM cannot learn without labels: a cluster of namesakes (same full name,
# another birth date) fits "matches with a wrong date" as well as "other people", so EM would
# inflate these m. Their m stays at the prior (as Splink's fix_m_probability does) unless
# judgements move it (update_from_judgements).
FIXED_M = {("birth", "conflict"), ("birth", "same_year"), ("patronymic", "different")}
_S, _G = FIELD_NAMES.index("surname"), FIELD_NAMES.index("given")
_B = FIELD_NAMES.index("birth")


def estimate_u(
    model: Model, queries: Sequence[Profile], index: Any, pairs: int, rng: random.Random
) -> dict[str, list[float]]:
    """u per level from random (query, registry) pairs, smoothed towards the prior."""
    counts = [[0] * len(FIELDS[f]) for f in FIELD_NAMES]
    n = len(index.profiles)
    freq = index.freq
    for _ in range(pairs):
        levels = model.levels(rng.choice(queries), index.profiles[rng.randrange(n)], freq)
        for i, level in enumerate(levels):
            if level != NULL:
                counts[i][level] += 1
    out: dict[str, list[float]] = {}
    for i, f in enumerate(FIELD_NAMES):
        total = sum(counts[i])
        prior = model.u[f]
        out[f] = [(c + 2.0 * p) / (total + 2.0) for c, p in zip(counts[i], prior, strict=True)]
    return out


def run_em(
    patterns: Counter[Pattern],
    fixed: list[tuple[Pattern, float]],
    m: dict[str, list[float]],
    u: dict[str, list[float]],
    active: Sequence[int],
    lam: float,
    max_iter: int = 60,
    tol: float = 1e-5,
    strength: float = 100.0,
) -> tuple[dict[str, list[float]], float, int, bool]:
    """EM for m and λ over level patterns (u fixed); returns m, λ, iterations, converged."""
    prior = m
    m = {f: list(v) for f, v in m.items()}
    logu = {f: [math.log(max(x, 1e-12)) for x in u[f]] for f in FIELD_NAMES}
    items = [(p, c, None) for p, c in patterns.items()] + [(p, 1, r) for p, r in fixed]
    converged, it = False, 0
    for it in range(1, max_iter + 1):  # noqa: B007 - `it` is reported
        logm = {f: [math.log(max(x, 1e-12)) for x in m[f]] for f in FIELD_NAMES}
        num = [[0.0] * len(FIELDS[f]) for f in FIELD_NAMES]
        matched = total = 0.0
        for pattern, count, r in items:
            if r is None:
                lm, lu = math.log(lam), math.log(1 - lam)
                for i in active:
                    level = pattern[i]
                    if level != NULL:
                        f = FIELD_NAMES[i]
                        lm += logm[f][level]
                        lu += logu[f][level]
                r = 1.0 / (1.0 + math.exp(min(lu - lm, 700.0)))
            w = r * count
            matched += w
            total += count
            for i in active:
                if pattern[i] != NULL:
                    num[i][pattern[i]] += w
        delta = 0.0
        for i in active:
            f = FIELD_NAMES[i]
            s = sum(num[i])
            if s <= 0:
                continue
            # MAP estimate under a Dirichlet prior worth `strength` pairs at the prior m: it
            # keeps unseen levels above zero and stops EM from calling a cluster of namesakes
            # (same full name, conflicting birth date) "matches with a wrong date".
            new = [(x + strength * prior[f][j]) / (s + strength) for j, x in enumerate(num[i])]
            fixed = [j for j, name in enumerate(FIELDS[f]) if (f, name) in FIXED_M]
            if fixed:
                free = sum(new[j] for j in range(len(new)) if j not in fixed)
                room = 1.0 - sum(prior[f][j] for j in fixed)
                new = [prior[f][j] if j in fixed else x * room / free for j, x in enumerate(new)]
            delta = max(delta, *(abs(a - b) for a, b in zip(new, m[f], strict=True)))
            m[f] = new
        lam = min(max(matched / total, 1e-9), 1 - 1e-9) if total else lam
        if delta < tol:
            converged = True
            break
    return m, lam, it, converged


def _label(decision: Any) -> float | None:
    value = str(getattr(decision, "value", decision))
    return {"same": 1.0, "not_same": 0.0}.get(value)


def fit(
    queries: Iterable[Record],
    index: Any,
    *,
    base: Model | None = None,
    u_pairs: int = 100_000,
    em_queries: int = 4000,
    max_candidates: int = 300,
    labelled: Iterable[tuple[Record, Record, Any]] = (),
    seed: int = 0,
    max_iter: int = 60,
) -> Model:
    """A model fitted to `queries` linked against `index` (unsupervised; labels optional)."""
    rng = random.Random(seed)
    model = base or Model()
    profiles = [profile_of(q) for q in queries]
    if not profiles or not len(index):
        return model
    sample = profiles if len(profiles) <= em_queries else rng.sample(profiles, em_queries)
    u = estimate_u(model, profiles, index, u_pairs, rng)
    names: Counter[Pattern] = Counter()
    freq = index.freq
    for p in sample:
        cands = list(index.candidate_positions(p))
        if len(cands) > max_candidates:
            cands = rng.sample(cands, max_candidates)
        for pos in cands:
            levels = model.levels(p, index.profiles[pos], freq)
            if levels[_S] == 0 and levels[_G] == 0:
                names[levels] += 1
    births = _birth_pairs(model, sample, index, rng, max_candidates)
    fixed = [
        (model.levels(profile_of(a), profile_of(b), freq), r)
        for a, b, d in labelled
        if (r := _label(d)) is not None
    ]
    n_fields = range(len(FIELD_NAMES))
    m = {f: list(v) for f, v in model.m.items()}
    lam0 = min(0.5, len(sample) / max(sum(names.values()), 1))
    m_a, lam_a, it_a, ok_a = run_em(
        names, fixed, m, u, [i for i in n_fields if i not in (_S, _G)], lam0, max_iter
    )
    lam1 = min(0.5, len(sample) / max(sum(births.values()), 1))
    m_b, _, it_b, ok_b = run_em(
        births, fixed, m, u, [i for i in n_fields if i != _B], lam1, max_iter
    )
    for f in FIELD_NAMES:
        if f in ("surname", "given"):
            m[f] = m_b[f]
        elif f in ("birth", "unit", "region", "side"):
            m[f] = m_a[f]
        else:  # trained in both sessions: average, as Splink does
            m[f] = [(a + b) / 2 for a, b in zip(m_a[f], m_b[f], strict=True)]
    # Session "names" saw only the matches that agree on surname and given name; scale up.
    agree_share = max(m["surname"][0] * m["given"][0], 0.05)
    matches = lam_a * sum(names.values()) / agree_share
    info = {
        "queries": len(profiles),
        "em_queries": len(sample),
        "u_pairs": u_pairs,
        "pairs_names": sum(names.values()),
        "pairs_birth": sum(births.values()),
        "labelled": len(fixed),
        "iterations": [it_a, it_b],
        "converged": bool(ok_a and ok_b),
    }
    return Model(
        m=m,
        u=u,
        match_rate=min(max(matches / len(sample), 0.01), 1.0),
        population=len(index),
        fit_info=info,
    )


def _birth_pairs(
    model: Model, sample: Sequence[Profile], index: Any, rng: random.Random, cap: int
) -> Counter[Pattern]:
    """Level patterns of (query, registry record) pairs born on the same day."""
    by_day: dict[int, list[int]] = defaultdict(list)
    for pos, p in enumerate(index.profiles):
        if p.birth is not None and p.birth.day:
            by_day[p.birth.lo].append(pos)
    out: Counter[Pattern] = Counter()
    freq = index.freq
    for p in sample:
        if p.birth is None or not p.birth.day:
            continue
        cands = by_day.get(p.birth.lo, [])
        if len(cands) > cap:
            cands = rng.sample(cands, cap)
        for pos in cands:
            out[model.levels(p, index.profiles[pos], freq)] += 1
    return out


def update_from_judgements(
    model: Model,
    labelled: Iterable[tuple[Record, Record, Any]],
    strength: float = 50.0,
    u_strength: float | None = None,
) -> Model:
    """Bayesian update: m from 'same' pairs, u (barely) from 'not_same' pairs.

    The current m is a Dirichlet prior worth `strength` pairs. u was measured on many random
    pairs (`u_strength`, default the fit's sample size), and not_same pairs are hard cases
    picked by blocking rather than a random sample, so they move u only a little.
    """
    u_strength = u_strength or float(model.fit_info.get("u_pairs", 10_000))
    same = [[0] * len(FIELDS[f]) for f in FIELD_NAMES]
    other = [[0] * len(FIELDS[f]) for f in FIELD_NAMES]
    used = 0
    for a, b, decision in labelled:
        r = _label(decision)
        if r is None:
            continue
        used += 1
        target = same if r == 1.0 else other
        for i, level in enumerate(model.levels(profile_of(a), profile_of(b))):
            if level != NULL:
                target[i][level] += 1

    def post(prior: list[float], counts: list[int], k: float) -> list[float]:
        n = sum(counts)
        return [(k * p + c) / (k + n) for p, c in zip(prior, counts, strict=True)]

    info = dict(model.fit_info)
    info["judgements"] = info.get("judgements", 0) + used
    return Model(
        m={f: post(model.m[f], same[i], strength) for i, f in enumerate(FIELD_NAMES)},
        u={f: post(model.u[f], other[i], u_strength) for i, f in enumerate(FIELD_NAMES)},
        match_rate=model.match_rate,
        population=model.population,
        fit_info=info,
    )
