"""The Fellegi–Sunter match model: m/u probabilities per level, match weights, explanations."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from powtrace.domain.errors import ValidationError
from powtrace.linkage import compare as cmp
from powtrace.linkage import explain as ex
from powtrace.linkage.explain import FieldWeight, Score
from powtrace.linkage.profile import Birth, FormProfile, Profile
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
                if name == "surname" and level == cmp.ONE_EDIT:
                    # A misspelt surname: tf is the share of records whose surname the
                    # spelling is one letter from (Frequencies.tf_typo). The chance of that
                    # very slip is the same whether or not the pair is a match, so it cancels:
                    # the typo weighs like agreeing on the surnames it may stand for.
                    m = self.m[name][0]
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
                        if name != "surname" and not _raw(detail):
                            # Славик may be Вячеслав, Владислав, Ярослав…: agreeing on one of
                            # them is as common as the name is, so count every name it can be.
                            tf = max(tf, freq.tf_all(prefix, _concepts(fa, name)),
                                     freq.tf_all(prefix, _concepts(fb, name)))  # fmt: skip
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
        if (b := cmp.birth(pa.birth, pb.birth)) >= 0:
            total += w["birth"][b]
            if b in cmp.BIRTH_AGREE and freq is not None and pa.birth is not None:
                total += freq.birth_rarity(pa.birth)
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
            w = self.level_weight(name, level)
            if name == "birth" and pa.birth and pb.birth:
                detail = cmp.describe_birth(pa.birth, pb.birth)
                if level in cmp.BIRTH_AGREE and freq is not None:
                    rarity = freq.birth_rarity(pa.birth)
                    w += rarity
                    if abs(rarity) >= 0.05:
                        detail += f"; {'a rare' if rarity > 0 else 'a common'} birth year here"
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
# Birth-date rarity (Frequencies.birth_rarity): at most this many bits either way, and only
# once this many registry records have a birth year (a small registry's years are noise).
BIRTH_RARITY_CAP = 3.0
BIRTH_RARITY_MIN = 1000
# Records added to a misspelt surname's share (Frequencies.tf_typo): a spelling in no registry
# record may be a real surname the registry lacks rather than a typo; a few records' worth.
TYPO_FLOOR = 3


class Frequencies:
    """How many registry records carry each key: term frequencies for the TF adjustment."""

    __slots__ = ("_means", "_rarity", "counts", "initial_sets", "near", "total", "years")

    def __init__(
        self,
        counts: dict[str, int],
        total: int,
        initial_sets: Callable[[], Mapping[tuple[str, bool], Mapping[frozenset[str], int]]]
        | None = None,
        means: dict[tuple[str, bool], float] | None = None,
        near: Callable[[frozenset[str]], int] | None = None,
        years: Mapping[int, int] | None = None,
    ) -> None:
        self.counts = counts
        self.total = max(total, 1)
        self.years = years or {}  # birth year -> records born that year (Index.birth_years)
        self._rarity: dict[tuple[int, int], float] = {}
        # surname keys -> how many records have a surname one edit from them (Index.near_count)
        self.near = near
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
        """For surnames one edit apart, when only one side is a known surname (the other is then
        its typo): the share of records whose surname that spelling is one edit from, every such
        surname counted, plus TYPO_FLOOR records for the chance that the spelling is a real
        surname the registry lacks. None when both sides are real names."""
        ca = max((self.counts.get("s:" + k, 0) for k in a), default=0)
        cb = max((self.counts.get("s:" + k, 0) for k in b), default=0)
        if ca and cb:
            return None  # Игнатьев and Игнатов: two surnames, not one and its typo
        # Пляков is one letter from Поляков and from Рилаиков: it stands for either, so the
        # evidence is shared by everyone with either surname, not given to the rarer one whole.
        around = self.near(a if cb else b) if self.near else 0
        return (max(around, ca, cb, 1) + TYPO_FLOOR) / self.total

    def birth_rarity(self, birth: Birth) -> float:
        """How much more (or less) agreeing on a birth date weighs for this date than for the
        average one, in bits: log2(mean density / density here), within ±BIRTH_RARITY_CAP.

        Agreeing on a birth date (or falling within an age's year) is evidence in proportion to
        how few registry records are born then. Soldiers' births crowd into a few years, so a
        man of 30 shares his birth year with many more records than a man of 55. The density
        is records per birth year (the three years around, 1:2:1), averaged over the years the
        date's bounds cover; the mean is the density at a random record's year, the average
        the level's own weight stands for. 0 when fewer than BIRTH_RARITY_MIN records have a
        year.
        """
        key = (birth.lo, birth.hi)
        hit = self._rarity.get(key)
        if hit is None:
            hit = self._rarity[key] = self._birth_rarity(birth)
        return hit

    def _birth_rarity(self, birth: Birth) -> float:
        years = self.years
        n = sum(years.values())
        if n < BIRTH_RARITY_MIN or birth.hi - birth.lo > 400:
            return 0.0

        def density(y: int) -> float:
            return (years.get(y - 1, 0) + 2 * years.get(y, 0) + years.get(y + 1, 0)) / (4 * n)

        lo, hi = date.fromordinal(birth.lo), date.fromordinal(birth.hi)
        if lo.year == hi.year:
            here = density(lo.year)
        else:  # an age: two calendar years, weighed by the days of each in the bounds
            first = date(lo.year, 12, 31).toordinal() - birth.lo + 1
            here = (
                first * density(lo.year) + (birth.hi - birth.lo + 1 - first) * density(hi.year)
            ) / (birth.hi - birth.lo + 1)
        mean = sum(c * density(y) for y, c in years.items()) / n
        if here <= 0 or mean <= 0:
            return BIRTH_RARITY_CAP
        return max(-BIRTH_RARITY_CAP, min(BIRTH_RARITY_CAP, math.log2(mean / here)))

    def tf_all(self, prefix: str, keys: frozenset[str]) -> float:
        """Share of records holding any of the keys (a name that may stand for several names:
        Славик), counted key by key; 0 for no keys."""
        if len(keys) < 2:
            return 0.0
        return min(sum(self.counts.get(prefix + k, 0) for k in keys), self.total) / self.total

    def tf(self, prefix: str, keys: frozenset[str] | str) -> float:
        """Share of records with the rarest of the shared keys (at least one record)."""
        if isinstance(keys, str):
            return 1 / self.total
        counts = self.counts
        low = min((counts.get(prefix + k, 0) for k in keys), default=0)
        return max(low, 1) / self.total


def _raw(detail: frozenset[str] | str) -> bool:
    """True for the detail of a match on raw skeletons ('~' keys), not on concepts."""
    return isinstance(detail, str) or any(k[:1] == "~" for k in detail)


def _concepts(form: FormProfile, name: str) -> frozenset[str]:
    """The given-name or patronymic concept keys of a name form."""
    return form.given if name == "given" else form.patronymic


_NAME_PARTS = (
    ("surname", cmp.surname, "s:"),
    ("given", cmp.given, "g:"),
    ("patronymic", cmp.patronymic, "p:"),
)
