"""Blocking: an in-memory index that finds every plausible candidate without comparing all pairs.

Block keys are conjunctions of script-independent name keys, so a record is found whatever its
script or romanisation (see docs/linkage.md):

- ``surname|given``: a surname key with a given-name concept or raw skeleton;
- ``surname#initial``: a surname key with a given-name initial class (court records "И. С.",
  and given names with typos, which have no concept);
- ``given@day``: a given-name key with an exact birth day (the query also tries the day/month
  swap and a year either side) — the fallback for surnames changed beyond one edit;
- ``initial%day``: the same with a given-name initial class, for queries that give only
  initials (court records: "Нинав М. О., 24.02.1997" for Нинаев);
- ``given^year+letter``: a given-name concept with a birth year and the surname's first
  skeleton letter — the fallback for a query whose surname no registry record has (a typo of
  two letters, a spelling the keys do not fold);
- surname keys one edit apart (typos) are found through a deletion index over the surname
  vocabulary, then looked up like exact ones.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import date
from functools import lru_cache

from rapidfuzz.distance import OSA

from powtrace.linkage.compare import doubled, one_edit
from powtrace.linkage.model import MEANS_SIZE, Frequencies, profile_of
from powtrace.linkage.profile import EMPTY, FormProfile, Profile
from powtrace.linkage.record import Record

_MIN_FUZZY = 4  # surname skeletons shorter than this get no one-edit neighbours: too many
_RARE = 300  # a surname this rare is also looked up by initial (cheap, catches given typos)


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one symbol deleted."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _given_keys(fp: FormProfile) -> list[str]:
    """Given-name block keys: concepts and '~' raw skeletons."""
    return [*fp.given, *("~" + r for r in fp.given_raw)]


def _birth_days(profile: Profile, query: bool) -> list[int]:
    """Exact birth day ordinals for the given@day block; a query adds swap and year errors."""
    b = profile.birth
    if b is None or not b.day:
        return []
    days = [b.lo]
    if query:
        tries = [
            (b.year, b.day, b.month),
            (b.year - 1, b.month, b.day),
            (b.year + 1, b.month, b.day),
        ]
        for y, m, d in tries:
            with suppress(ValueError):  # no 30 February
                days.append(date(y, m, d).toordinal())
    return days


def _years(profile: Profile) -> range:
    """Birth years a record's bounds allow (at most three: ranges of ages, approximations)."""
    b = profile.birth
    if b is None:
        return range(0)
    lo, hi = date.fromordinal(b.lo).year, date.fromordinal(b.hi).year
    return range(lo, hi + 1) if hi - lo <= 2 else range(0)


def record_keys(profile: Profile) -> set[str]:
    """The block keys a registry record is filed under."""
    keys: set[str] = set()
    days = _birth_days(profile, query=False)
    years = _years(profile)
    for fp in profile.forms:
        letters = {s[0] for s in fp.surname}
        keys.update(f"{g}^{y}{c}" for g in fp.given for y in years for c in letters)
        gkeys = _given_keys(fp)
        initials = fp.given_initials or {""}
        for s in fp.surname:
            keys.update(f"{s}|{g}" for g in gkeys)
            keys.update(f"{s}#{i}" for i in initials)
            if not fp.has_given:
                keys.update(f"{s}!{i}" for i in initials)  # initials only: "Долгополов И. С."
        keys.update(f"{g}@{d}" for g in gkeys for d in days)
        keys.update(f"{i}%{d}" for i in fp.given_initials for d in days)
    return keys


@lru_cache(maxsize=65536)
def _count_keys(*sets: frozenset[str]) -> tuple[str, ...]:
    """Frequency-table keys of one form's key sets (s:, g:, g:~, p:, p:~), memoised."""
    out: list[str] = []
    for prefix, keys in zip(("s:", "g:", "g:~", "p:", "p:~"), sets, strict=True):
        out.extend(prefix + k for k in keys)
    return tuple(out)


@lru_cache(maxsize=4096)
def _initial_count_keys(*sets: frozenset[str]) -> tuple[str, ...]:
    """Frequency-table keys of a form's initials: gi:/pi: with each letter class and Cyrillic
    letter (few distinct sets, so the cache stays small)."""
    out: list[str] = []
    for prefix, keys in zip(("gi:", "gi:", "pi:", "pi:"), sets, strict=True):
        out.extend(prefix + k for k in keys)
    return tuple(out)


class Index:
    """Registry records, their profiles, block postings and key frequencies, all in memory."""

    def __init__(self) -> None:
        self.records: list[Record] = []
        self.profiles: list[Profile] = []
        self.postings: dict[str, list[int]] = {}
        self.counts: dict[str, int] = {}
        self.by_key: dict[str, int] = {}
        self._near: dict[str, list[str]] = {}  # deletion form -> surname keys
        self._surnames: set[str] = set()
        self._near_counts: dict[frozenset[str], int] = {}  # see near_count
        self.birth_years: Counter[int] = Counter()  # records per birth year, for birth rarity
        self.all_initials: set[str] = set()
        # Mean shares of initials (see Frequencies.mean_share), worked out on first use and
        # forgotten when a record is added.
        self._means: dict[tuple[str, bool], float] = {}

    def __len__(self) -> int:
        return len(self.records)

    @property
    def freq(self) -> Frequencies:
        """Term frequencies of the indexed keys."""
        return Frequencies(
            self.counts,
            len(self.records),
            self.initial_sets,
            self._means,
            self.near_count,
            self.birth_years,
        )

    def near_count(self, surnames: frozenset[str]) -> int:
        """How many records have a surname one edit from a spelling (the most among its keys,
        which are readings of one word); memoised until a record is added."""
        hit = self._near_counts.get(surnames)
        if hit is None:
            counts = self.counts
            hit = max(
                (
                    sum(counts.get("s:" + k, 0) for k in self.neighbours(frozenset({s})))
                    for s in surnames
                ),
                default=0,
            )
            if len(self._near_counts) > 100_000:
                self._near_counts.clear()  # bounded: a long-lived index sees endless typos
            self._near_counts[surnames] = hit
        return hit

    def initial_sets(self) -> dict[tuple[str, bool], Counter[frozenset[str]]]:
        """(gi:/pi:, Cyrillic?) -> how many records have each set of initial letters (Cyrillic)
        or letter classes (Latin), from each record's first name form."""
        sets: dict[tuple[str, bool], Counter[frozenset[str]]] = defaultdict(Counter)
        for profile in self.profiles:
            if not profile.forms:
                continue
            fp = profile.forms[0]
            for prefix, letters, classes in (
                ("gi:", fp.given_letters, fp.given_initials),
                ("pi:", fp.patr_letters, fp.patr_initials),
            ):
                if letters:
                    sets[(prefix, True)][letters] += 1
                if classes:
                    sets[(prefix, False)][classes] += 1
        return sets

    @classmethod
    def build(cls, records: Iterable[Record]) -> Index:
        """Index records (a million in about a minute, single process: list columns repeat, and
        their keys are cached part by part)."""
        index = cls()
        small = isinstance(records, Sequence) and len(records) < 10_000
        for record in records:
            # Small registries share the memoised profiles scoring uses; big ones skip the cache.
            index._add(record, profile_of(record) if small else Profile(record))
        return index

    def add(self, record: Record) -> None:
        """Add one record (a person created after the index was built)."""
        self._add(record, Profile(record))

    def _add(self, record: Record, profile: Profile) -> None:
        pos = len(self.records)
        self.records.append(record)
        self.profiles.append(profile)
        self.by_key[record.key] = pos
        self.by_key.setdefault(record.id, pos)
        postings = self.postings
        for key in record_keys(profile):
            bucket = postings.get(key)
            if bucket is None:
                postings[key] = [pos]
            else:
                bucket.append(pos)
        counted: set[str] = set()
        for fp in profile.forms:
            counted.update(
                _count_keys(fp.surname, fp.given, fp.given_raw, fp.patronymic, fp.patr_raw)
            )
            counted.update(
                _initial_count_keys(
                    fp.given_initials, fp.given_letters, fp.patr_initials, fp.patr_letters
                )
            )
            self.all_initials |= fp.given_initials
            for s in fp.surname:
                if s not in self._surnames:
                    self._surnames.add(s)
                    if len(s) >= _MIN_FUZZY:
                        for d in _deletions(s):
                            self._near.setdefault(d, []).append(s)
        counts = self.counts
        for k in counted:
            counts[k] = counts.get(k, 0) + 1
        if profile.birth is not None and profile.birth.year:
            self.birth_years[profile.birth.year] += 1
        if self._near_counts:
            self._near_counts.clear()
        # The mean shares are averages over the whole registry: work them out again only when
        # it has grown by more than 1% (a full pass over the profiles each time would make
        # adding and linking one record at a time quadratic).
        if self._means and len(self.records) > 1.01 * self._means.get(MEANS_SIZE, 0.0):
            self._means.clear()

    def neighbours(self, surnames: frozenset[str]) -> set[str]:
        """Indexed surname keys equal to, or one edit from, any of the given keys (as
        `compare.one_edit` counts edits: a three-symbol key one letter short, a doubled letter
        the skeleton collapsed)."""
        out = {s for s in surnames if s in self._surnames}
        for s in surnames:
            if len(s) < _MIN_FUZZY - 1:
                continue
            forms = _deletions(s) if len(s) >= _MIN_FUZZY else {s}
            out.update(d for d in forms if len(d) == _MIN_FUZZY - 1 and d in self._surnames)
            for d in forms:
                for k in self._near.get(d, ()):
                    if k not in out and OSA.distance(s, k, score_cutoff=1) <= 1:
                        out.add(k)
            for d in doubled(s):  # Ббров (brov) for Бобров (bobrov, one deletion: bbrov)
                out.update(k for k in self._near.get(d, ()) if k not in out and one_edit(s, k))
        return out

    def query_keys(self, profile: Profile) -> set[str]:
        """The block keys to look up for a query profile."""
        keys: set[str] = set()
        days = _birth_days(profile, query=True)
        counts = self.counts
        for fp in profile.forms:
            surnames = self.neighbours(fp.surname) if fp.surname else EMPTY
            gkeys = _given_keys(fp)
            if fp.surname and not (fp.surname & self._surnames):
                letters = {s[0] for s in fp.surname}
                years = _years(profile)
                if years:  # a year either side: an age or a birth year can be a year off
                    years = range(years.start - 1, years.stop + 1)
                keys.update(f"{g}^{y}{c}" for g in fp.given for y in years for c in letters)
            for s in surnames:
                if gkeys:
                    keys.update(f"{s}|{g}" for g in gkeys)
                    keys.update(f"{s}!{i}" for i in fp.given_initials)
                    if not fp.given or counts.get("s:" + s, 0) <= _RARE:
                        # a typo or a rare given name, or a rare surname: go by the initial
                        keys.update(f"{s}#{i}" for i in fp.given_initials)
                else:
                    initials = fp.given_initials or (self.all_initials | {""})
                    keys.update(f"{s}#{i}" for i in initials)
            keys.update(f"{g}@{d}" for g in gkeys for d in days)
            if not gkeys:  # initials only (a court record): by the initial and the birth day
                keys.update(f"{i}%{d}" for i in fp.given_initials for d in days)
        return keys

    def candidate_positions(self, profile: Profile, exclude: str | None = None) -> set[int]:
        """Positions of every record sharing a block key with the query profile."""
        out: set[int] = set()
        postings = self.postings
        for key in self.query_keys(profile):
            bucket = postings.get(key)
            if bucket:
                out.update(bucket)
        if exclude is not None and (pos := self.by_key.get(exclude)) is not None:
            out.discard(pos)
        return out

    def candidates(self, record: Record) -> list[Record]:
        """Every indexed record that might be the same person as `record` (never itself)."""
        positions = self.candidate_positions(profile_of(record), exclude=record.key)
        return [self.records[p] for p in sorted(positions)]

    def get(self, key: str) -> Record | None:
        """The indexed record with this ref (or id), if any."""
        pos = self.by_key.get(key)
        return self.records[pos] if pos is not None else None
