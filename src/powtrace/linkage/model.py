"""The Fellegi–Sunter match model: m/u probabilities per level, match weights, explanations."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from powtrace.domain.errors import ValidationError
from powtrace.linkage import compare as cmp
from powtrace.linkage import explain as ex
from powtrace.linkage.explain import FieldWeight, Score
from powtrace.linkage.profile import Profile
from powtrace.linkage.record import Record

# /2: the surname field gained the "neighbour" level (a /1 model has one level fewer).
FORMAT = "powtrace-linkage-model/2"

# Priors: what a reviewer would guess before any data (m: among matches, u: among non-matches).
# EM and judgements move them; they matter only for a model never fitted.
DEFAULT_M: dict[str, list[float]] = {
    "surname": [0.90, 0.05, 0.005, 0.02, 0.025],
    "given": [0.85, 0.03, 0.09, 0.03],
    "patronymic": [0.85, 0.03, 0.11, 0.01],
    "gender": [0.99, 0.01],
    "birth": [0.72, 0.04, 0.02, 0.166, 0.04, 0.002, 0.01, 0.002],
    "unit": [0.85, 0.15],
    "region": [0.9, 0.1],
    "side": [0.99, 0.01],
}
DEFAULT_U: dict[str, list[float]] = {
    "surname": [0.001, 0.002, 0.001, 0.01, 0.986],
    "given": [0.06, 0.01, 0.006, 0.924],
    "patronymic": [0.07, 0.005, 0.006, 0.919],
    "gender": [0.9, 0.1],
    "birth": [0.00008, 0.00003, 0.0024, 0.04, 0.00015, 0.025, 0.03, 0.90224],
    "unit": [0.01, 0.99],
    "region": [0.05, 0.95],
    "side": [0.5, 0.5],
}
_EPS = 1e-6


@lru_cache(maxsize=8192)
def profile_of(record: Record) -> Profile:
    """The record's profile (memoised: a record is frozen, so its profile never changes)."""
    return Profile(record)


@dataclass
class Model:
    """m and u probabilities per field and level, and how often a query has a true match."""

    m: dict[str, list[float]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_M.items()}
    )
    u: dict[str, list[float]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_U.items()}
    )
    match_rate: float = 0.5  # expected true matches per query record
    population: int = 100_000  # registry size the prior refers to when no index says otherwise
    fit_info: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, levels in cmp.FIELDS.items():
            for table in (self.m, self.u):
                values = table.get(name)
                if values is None or len(values) != len(levels):
                    raise ValidationError(f"model: field '{name}' needs {len(levels)} levels")
        self.refresh()

    def refresh(self) -> None:
        """Recompute the weight tables after m or u changed."""
        self._w = {
            f: tuple(
                math.log2(max(m, _EPS) / max(u, _EPS))
                for m, u in zip(self.m[f], self.u[f], strict=True)
            )
            for f in cmp.FIELD_NAMES
        }

    # ---- weights ---------------------------------------------------------------------------
    def prior_weight(self, population: int | None = None) -> float:
        """log2 prior odds that a given registry record, rather than none, is the query's match.

        A query matches at most one of n records: each with probability rate/n, none with
        1 - rate, so a candidate's prior odds against "no match" are rate / (n (1 - rate)).
        """
        n = max(population or self.population, 1)
        rate = min(max(self.match_rate, 1e-6), 0.95)
        return math.log2(rate / (n * (1 - rate)))

    def level_weight(
        self, name: str, level: int, tf: float | None = None, mean: float | None = None
    ) -> float:
        """Weight of one level; with a term frequency, of agreeing on that particular value.

        Agreeing on a name weighs log2(m / tf). Agreeing on an initial weighs the level's own
        weight moved by log2(mean / tf): `mean` is the chance that two random records share an
        initial, the average that the level's u stands for, so that sharing a rare initial
        counts for more than sharing А.
        """
        if level == cmp.NULL:
            return 0.0
        if tf is not None:
            if level in cmp.TF_LEVELS.get(name, ()):
                m = self.m[name][level]
                initial = cmp.INITIAL_LEVEL.get(name)
                if initial is not None:
                    # tf is a share among full names, so m must be too: leave out the pairs
                    # where one side gave only an initial.
                    m /= max(1.0 - self.m[name][initial], _EPS)
                return math.log2(max(m, _EPS) / max(tf, 1e-9))
            if mean and level == cmp.INITIAL_LEVEL.get(name):
                return self._w[name][level] + math.log2(mean / max(tf, 1e-9))
        return self._w[name][level]

    def _names(
        self, pa: Profile, pb: Profile, freq: Frequencies | None
    ) -> tuple[float, tuple[Any, ...]]:
        """Best name-form pair: its summed name weight and per-part (level, detail, tf, mean)."""
        best: tuple[float, tuple[Any, ...]] = (-math.inf, ())
        for fa in pa.forms:
            for fb in pb.forms:
                parts = []
                total = 0.0
                for name, fn, prefix in _NAME_PARTS:
                    level, detail = fn(fa, fb)
                    tf = mean = None
                    if freq and level == 0 and detail:
                        tf = freq.tf(prefix, detail)
                    elif freq and level == cmp.ONE_EDIT and name == "surname":
                        tf = freq.tf_typo(fa.surname, fb.surname)
                        if tf is None:  # both are registry surnames: Новиков and Носков
                            level = cmp.NEIGHBOUR
                    elif freq and level == 2 and detail and name != "surname":
                        tf = freq.tf_initial(prefix[0] + "i:", detail)
                        mean = freq.mean_share(prefix[0] + "i:", detail)
                    total += self.level_weight(name, level, tf, mean)
                    parts.append((level, detail, tf, mean))
                if total > best[0]:
                    best = (total, tuple(parts))
        return best

    def weigh(self, pa: Profile, pb: Profile, freq: Frequencies | None = None) -> float:
        """The total match weight (log2 odds, prior included) of two profiles; fast path."""
        total, _ = self._names(pa, pb, freq)
        w = self._w
        total += w["gender"][g] if (g := cmp.gender(pa.gender, pb.gender)) >= 0 else 0.0
        total += w["birth"][b] if (b := cmp.birth(pa.birth, pb.birth)) >= 0 else 0.0
        total += w["unit"][x] if (x := cmp.equal(pa.unit, pb.unit)) >= 0 else 0.0
        total += w["region"][x] if (x := cmp.overlap(pa.region, pb.region)) >= 0 else 0.0
        total += w["side"][x] if (x := cmp.equal(pa.side, pb.side)) >= 0 else 0.0
        return total + self.prior_weight(freq.total if freq else None)

    def levels(self, pa: Profile, pb: Profile, freq: Frequencies | None = None) -> tuple[int, ...]:
        """The agreement level of every field (NULL = -1), in FIELD_NAMES order; without the
        registry's frequencies a surname is never at the neighbour level."""
        _, parts = self._names(pa, pb, freq)
        return (
            parts[0][0],
            parts[1][0],
            parts[2][0],
            cmp.gender(pa.gender, pb.gender),
            cmp.birth(pa.birth, pb.birth),
            cmp.equal(pa.unit, pb.unit),
            cmp.overlap(pa.region, pb.region),
            cmp.equal(pa.side, pb.side),
        )

    def explain(self, pa: Profile, pb: Profile, freq: Frequencies | None = None) -> Score:
        """The score of two profiles, decomposed into a prior and one weight per field."""
        _, parts = self._names(pa, pb, freq)
        n = freq.total if freq else self.population
        prior = self.prior_weight(n)
        weights = [FieldWeight("prior", -1, prior, ex.prior_reason(self.match_rate, n, prior))]
        for name, (level, detail, tf, mean) in zip(
            ("surname", "given", "patronymic"), parts, strict=True
        ):
            w = self.level_weight(name, level, tf, mean)
            weights.append(FieldWeight(name, level, w, ex.name_reason(name, level, detail, tf, w)))
        others = (
            ("gender", cmp.gender(pa.gender, pb.gender), f"{pa.gender} vs {pb.gender}"),
            ("birth", cmp.birth(pa.birth, pb.birth), ""),
            ("unit", cmp.equal(pa.unit, pb.unit), ""),
            ("region", cmp.overlap(pa.region, pb.region), ""),
            ("side", cmp.equal(pa.side, pb.side), f"{pa.side} vs {pb.side}"),
        )
        for name, level, detail in others:
            if name == "birth" and pa.birth and pb.birth:
                detail = cmp.describe_birth(pa.birth, pb.birth)
            w = self.level_weight(name, level)
            weights.append(FieldWeight(name, level, w, ex.simple_reason(name, level, detail, w)))
        return Score(sum(x.weight for x in weights), tuple(weights))

    def score(self, a: Record, b: Record, freq: Frequencies | None = None) -> Score:
        """Score two records: total log2 odds and its per-field explanation."""
        return self.explain(profile_of(a), profile_of(b), freq)

    # ---- fitting (em.py does the work) -----------------------------------------------------
    @classmethod
    def fit(cls, queries: Iterable[Record], index: Any, **options: Any) -> Model:
        """Learn u by random sampling and m by EM on blocked pairs (see linkage.em.fit)."""
        from powtrace.linkage.em import fit

        return fit(queries, index, **options)

    @classmethod
    def from_judgements(
        cls, labelled: Iterable[tuple[Record, Record, str]], base: Model | None = None, **kw: Any
    ) -> Model:
        """A model updated from (record, record, "same"/"not_same") judgements."""
        from powtrace.linkage.em import update_from_judgements

        return update_from_judgements(base or cls(), labelled, **kw)

    # ---- persistence -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description of the model (the store keeps it as text)."""
        return {
            "format": FORMAT,
            "match_rate": self.match_rate,
            "population": self.population,
            "fields": {
                f: {"levels": list(levels), "m": self.m[f], "u": self.u[f]}
                for f, levels in cmp.FIELDS.items()
            },
            "fit": self.fit_info,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Model:
        """Rebuild a model from `to_dict` output; a wrong format is a ValidationError."""
        if data.get("format") != FORMAT:
            raise ValidationError(f"not a {FORMAT} model (format {data.get('format')!r})")
        fields = data["fields"]
        return cls(
            m={f: [float(x) for x in fields[f]["m"]] for f in cmp.FIELDS},
            u={f: [float(x) for x in fields[f]["u"]] for f in cmp.FIELDS},
            match_rate=float(data["match_rate"]),
            population=int(data["population"]),
            fit_info=dict(data.get("fit", {})),
        )

    def to_json(self) -> str:
        """The model as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Model:
        """Load a model from JSON text."""
        return cls.from_dict(json.loads(text))

    def save(self, path: str | Path) -> None:
        """Write the model as JSON."""
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Model:
        """Read a model written by `save`."""
        return cls.from_json(Path(path).read_text(encoding="utf-8"))


MEANS_SIZE = ("#size", False)  # in Frequencies' means: the registry size they were worked out at


class Frequencies:
    """How many registry records carry each key: term frequencies for the TF adjustment."""

    __slots__ = ("_means", "counts", "initial_sets", "total")

    def __init__(
        self,
        counts: dict[str, int],
        total: int,
        initial_sets: Callable[[], Mapping[tuple[str, bool], Mapping[frozenset[str], int]]]
        | None = None,
        means: dict[tuple[str, bool], float] | None = None,
    ) -> None:
        self.counts = counts
        self.total = max(total, 1)
        # () -> {(prefix, Cyrillic?): how many records have each set of initial letters
        # (classes)}; asked only when a mean share is not yet in `means`
        self.initial_sets = initial_sets
        self._means = {} if means is None else means

    def tf_initial(self, prefix: str, keys: frozenset[str]) -> float:
        """Share of records whose initial agrees with `keys` (the commonest of the shared
        letters: a record counts under every letter its name may start with)."""
        high = max((self.counts.get(prefix + k, 0) for k in keys), default=0)
        return max(high, 1) / self.total

    def mean_share(self, prefix: str, keys: frozenset[str]) -> float | None:
        """The average of `tf_initial` over the records: how often two random records agree on
        an initial of the kind `keys` are (Cyrillic letters, or Latin letter classes)."""
        cyrillic = any("\u0400" <= k[:1] <= "\u04ff" for k in keys)
        found = self._means.get((prefix, cyrillic))
        if found is None:
            every = self.initial_sets() if self.initial_sets else {}
            for (p, c), sets in every.items():
                n = sum(sets.values())
                self._means[(p, c)] = (
                    sum(k * self.tf_initial(p, s) for s, k in sets.items()) / n if n else 0.0
                )
            found = self._means.setdefault((prefix, cyrillic), 0.0)
            self._means[MEANS_SIZE] = float(self.total)
        return found or None

    def tf_typo(self, a: frozenset[str], b: frozenset[str]) -> float | None:
        """For surnames one edit apart: the share of the one the registry knows, when only one
        side is a known surname (then the other is its typo); None when both are real names."""
        ca = max((self.counts.get("s:" + k, 0) for k in a), default=0)
        cb = max((self.counts.get("s:" + k, 0) for k in b), default=0)
        if ca and cb:
            return None  # Игнатьев and Игнатов: two surnames, not one and its typo
        return max(ca, cb, 1) / self.total

    def tf(self, prefix: str, keys: frozenset[str] | str) -> float:
        """Share of records with the rarest of the shared keys (at least one record)."""
        if isinstance(keys, str):
            return 1 / self.total
        counts = self.counts
        low = min((counts.get(prefix + k, 0) for k in keys), default=0)
        return max(low, 1) / self.total


_NAME_PARTS = (
    ("surname", cmp.surname, "s:"),
    ("given", cmp.given, "g:"),
    ("patronymic", cmp.patronymic, "p:"),
)
