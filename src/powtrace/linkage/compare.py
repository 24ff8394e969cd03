"""Pairwise comparisons: each field of two profiles falls into one agreement level.

Levels are ordered from strongest agreement to disagreement; NULL (-1) means a side lacks the
field, which is no evidence either way (weight 0), as in Fellegi–Sunter and Splink.
"""

from __future__ import annotations

from datetime import date

from rapidfuzz.distance import OSA, JaroWinkler

from powtrace.linkage.profile import Birth, FormProfile

NULL = -1
FIELDS: dict[str, tuple[str, ...]] = {
    # neighbour: one edit apart, but both spellings are surnames in the registry (Новиков and
    # Носков): two surnames far more often than one and its typo. Model._names assigns it,
    # since only the registry's frequencies tell it from one_edit.
    "surname": ("same", "one_edit", "neighbour", "similar", "different"),
    "given": ("same", "one_edit", "initial", "different"),
    "patronymic": ("same", "one_edit", "initial", "different"),
    "gender": ("agree", "disagree"),
    "birth": (
        "exact",
        "swapped",
        "same_month",
        "consistent",
        "year_off",
        "same_year",
        "near",
        "conflict",
    ),
    "unit": ("agree", "disagree"),
    "region": ("agree", "disagree"),
    "side": ("agree", "disagree"),
}
FIELD_NAMES = tuple(FIELDS)
NAME_FIELDS = ("surname", "given", "patronymic", "gender")
# Levels whose weight is term-frequency adjusted: agreeing on a rare value is stronger evidence.
TF_LEVELS = {"surname": (0, 1), "given": (0,), "patronymic": (0,)}
# The "initial agrees" level is adjusted too, relative to the average initial (А. is common,
# Ф. is not): its weight moves by log2(average share / this initial's share).
INITIAL_LEVEL = {"given": 2, "patronymic": 2}

_SIMILAR = 0.88  # Jaro-Winkler on skeletons; below it two surnames are simply different
_cache: dict[tuple[frozenset[str], frozenset[str], int], tuple[int, str]] = {}


ONE_EDIT, NEIGHBOUR, SIMILAR = 1, 2, 3  # surname levels (see FIELDS)


def doubled(word: str) -> set[str]:
    """The word with one of its symbols written twice (the forms a collapsed skeleton hides)."""
    return {word[: i + 1] + word[i:] for i in range(len(word))}


def one_edit(x: str, y: str, shortest: int = 4) -> bool:
    """True when two skeletons are one edit apart as written.

    The longer word needs `shortest` symbols and the shorter one more than two (Титов's skeleton
    is tov: Титвов is its typo). A skeleton collapses doubled letters, so a typo that makes one
    (Бобров written Ббров, Попов written Ппов) is two edits between skeletons (brov and bobrov,
    pov and popov): one edit after one of the shorter word's symbols is doubled again counts.
    """
    if min(len(x), len(y)) < 3 or max(len(x), len(y)) < shortest:
        return False
    distance = OSA.distance(x, y, score_cutoff=2)
    if distance <= 1:
        return True
    if distance > 2:
        return False
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return any(OSA.distance(d, long, score_cutoff=1) <= 1 for d in doubled(short))


def _near(a: frozenset[str], b: frozenset[str], shortest: int = 4) -> tuple[int, str]:
    """(1, pair) for one edit apart (see `one_edit`), (3, pair) for JW >= 0.88, else (4,
    closest pair): the surname levels one_edit, similar and different."""
    best, pair = 0.0, ""
    for x in a:
        for y in b:
            if one_edit(x, y, shortest):
                return 1, f"{x}~{y}"
            sim = JaroWinkler.similarity(x, y)
            if sim > best:
                best, pair = sim, f"{x}~{y}"
    return (SIMILAR, pair) if best >= _SIMILAR else (SIMILAR + 1, pair)


def near_cached(a: frozenset[str], b: frozenset[str], shortest: int = 4) -> tuple[int, str]:
    """`_near`, memoised on the (interned) key sets, in either order."""
    key = (a, b, shortest) if hash(a) <= hash(b) else (b, a, shortest)
    hit = _cache.get(key)
    if hit is None:
        if len(_cache) > 500_000:
            _cache.clear()  # bounded: the working set is a query's candidates
        hit = _cache[key] = _near(*key)
    return hit


def surname(a: FormProfile, b: FormProfile) -> tuple[int, frozenset[str] | str]:
    """Level and the shared keys (for term frequency) or the closest pair of skeletons."""
    if not a.surname or not b.surname:
        return NULL, ""
    shared = a.surname & b.surname
    if shared:
        return 0, shared
    # One edit apart: the model weighs a typo by the rarity of the surname it is a typo of.
    return near_cached(a.surname, b.surname)


def _part(
    full_a: bool,
    full_b: bool,
    concepts: tuple[frozenset[str], frozenset[str]],
    raw: tuple[frozenset[str], frozenset[str]],
    initials: tuple[frozenset[str], frozenset[str]],
    letters: tuple[frozenset[str], frozenset[str]],
) -> tuple[int, frozenset[str] | str]:
    """Compare a given name or patronymic: concept, raw skeleton, one edit, initial.

    Initials agree by Cyrillic letter when both sides know one (Е. is not Игорь), else by the
    letter classes that serve Latin spellings (I. may be И or Е); the shared letters or
    classes are the detail, for the term frequency.
    """
    if full_a and full_b:
        shared = concepts[0] & concepts[1]
        if shared:
            return 0, shared
        shared = raw[0] & raw[1]
        if shared:
            return 0, frozenset("~" + k for k in shared)
        # Given names are short (Ян, Илья): one edit counts from three symbols when a side is
        # a name no table knows, i.e. when it is probably the typo.
        level, pair = near_cached(raw[0], raw[1], 3)
        if level == 1 and not (concepts[0] and concepts[1]):
            return 1, pair  # a typo, unless both are known and different names (Иван/Иона)
        return 3, pair
    if not (initials[0] and initials[1]):
        return NULL, ""
    shared = letters[0] & letters[1] if letters[0] and letters[1] else initials[0] & initials[1]
    return (2, shared) if shared else (3, "")


def given(a: FormProfile, b: FormProfile) -> tuple[int, frozenset[str] | str]:
    """Given names: the same concept (Олексій = Алексей = Lyosha), a typo, an initial."""
    return _part(
        a.has_given,
        b.has_given,
        (a.given, b.given),
        (a.given_raw, b.given_raw),
        (a.given_initials, b.given_initials),
        (a.given_letters, b.given_letters),
    )


def patronymic(a: FormProfile, b: FormProfile) -> tuple[int, frozenset[str] | str]:
    """Patronymics: the same father's name (Сергеевич = Сергійович), a typo, an initial."""
    return _part(
        a.has_patronymic,
        b.has_patronymic,
        (a.patronymic, b.patronymic),
        (a.patr_raw, b.patr_raw),
        (a.patr_initials, b.patr_initials),
        (a.patr_letters, b.patr_letters),
    )


def gender(a: str | None, b: str | None) -> int:
    """Agree, disagree, or NULL when either is unknown."""
    if not a or not b:
        return NULL
    return 0 if a == b else 1


EXACT, SWAPPED, SAME_MONTH, CONSISTENT, YEAR_OFF, SAME_YEAR, NEAR, CONFLICT = range(8)
# Birth levels at which the two dates agree (up to a typing error): their weight depends on
# how many records share the date (Frequencies.birth_rarity).
BIRTH_AGREE = frozenset({EXACT, SWAPPED, SAME_MONTH, CONSISTENT, YEAR_OFF})


def birth(a: Birth | None, b: Birth | None) -> int:
    """Birth dates: exact, day/month swapped, a year off, within each other's bounds, or not."""
    if a is None or b is None:
        return NULL
    if a.day and b.day:
        if a.lo == b.lo:
            return EXACT
        if a.year == b.year and a.month == b.day and a.day == b.month:
            return SWAPPED
        if a.month == b.month and a.day == b.day and abs(a.year - b.year) == 1:
            return YEAR_OFF
        if a.year == b.year:
            return SAME_MONTH if a.month == b.month else SAME_YEAR
        return NEAR if abs(a.lo - b.lo) <= 31 else CONFLICT
    if a.month and b.month and a.year == b.year and a.month == b.month:
        return SAME_MONTH
    if a.lo <= b.hi and b.lo <= a.hi:
        return CONSISTENT
    gap = max(a.lo - b.hi, b.lo - a.hi)
    return NEAR if gap <= 366 else CONFLICT


def overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> int:
    """Agree when two key sets share a key, disagree when they share none; NULL when either is
    missing (regions: every skeleton stem of the name is a key)."""
    if not a or not b:
        return NULL
    return 0 if a & b else 1


def equal(a: str | None, b: str | None) -> int:
    """Agree or disagree on a normalised value; NULL when either is missing."""
    if not a or not b:
        return NULL
    return 0 if a == b else 1


def describe_birth(a: Birth, b: Birth) -> str:
    """The two birth dates as text for an explanation."""

    def one(x: Birth) -> str:
        if x.day:
            return date.fromordinal(x.lo).isoformat()
        if x.month:
            return f"{x.year:04d}-{x.month:02d}"
        if x.year:
            return f"{x.year:04d}"
        return f"{date.fromordinal(x.lo).isoformat()}..{date.fromordinal(x.hi).isoformat()}"

    return f"{one(a)} vs {one(b)}"
