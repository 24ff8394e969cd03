"""Splink on the same data, set up the way its documentation teaches, on transliterated names.

Nothing from powtrace is used here, so the reference stays independent of our matcher. The
cleaning is what a Splink user does for names written in several scripts and romanisations
(Splink's feature-engineering and phonetic topic guides): every name is transliterated to one
Latin form (`unidecode` for any Cyrillic), lower-cased, stripped of punctuation, folded to a
spelling skeleton that merges the usual English/ICAO/German/French/Ukrainian romanisation
variants, and given a double-metaphone column (`phonetics`, the library the guides use).
Free-text names are split into surname, given name and patronymic with vocabularies taken from
the registry's own columns; lower-case words of a sentence are dropped; a lone letter is an
initial. Birth is a range of possible days (an exact date, a year, or an age on a stated day).
Diminutives are not expanded: a general user has no Russian diminutive table.

Model: NameComparison (exact with term-frequency adjustment, Jaro-Winkler and double-metaphone
levels) on surname; the same plus an "initial agrees" level on given name and patronymic; a
date-of-birth comparison that also scores partial dates; exact region and unit with
term-frequency adjustments. Training: probability two random records match from deterministic
rules, u by random sampling, m by EM in two sessions blocked on different fields (surname, date
of birth). Prediction unions several strict blocking rules. The best candidate per query is
linked when its match probability clears the threshold (run.py picks it in hindsight).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

import phonetics
from rapidfuzz import process
from rapidfuzz.distance import Indel
from run import Data, Peak
from unidecode import unidecode

if TYPE_CHECKING:
    from splink.comparison_library import CustomComparison

# Romanisation variants folded to one skeleton, in order (a Splink user's hand-written
# standardisation, as the feature-engineering guide suggests for messy name columns).
_FOLDS = [
    (r"schtsch|chtch|shch", "sh"),  # щ: de, fr, en
    (r"tsch|tch", "ch"),  # ч: de, fr
    (r"sch|zh|ch", "sh"),  # ш ж ч (and French ch = ш): one hushing class
    (r"kh", "h"),  # х
    (r"(?<!s)h", "g"),  # х and Ukrainian г (h) against Russian г (g)
    (r"ts|tz|z", "s"),  # ц з с: de z = ц, de s = з
    (r"w", "v"),  # de w = в
    (r"x", "ks"),
    (r"ou", "u"),  # fr ou = у
    (r"gu(?=[ei])", "g"),  # fr gue, gui = ге, ги
    (r"[yj]", "i"),  # й ы и, and the glide of я ю е ё (ya/ja/ia)
    (r"(.)\1+", r"\1"),  # ss, ii, nn: doubled letters and -iy/-ii/-ij endings
    (r"ie|io", "e"),  # е ё after a vowel or soft sign: ye/je/ie/yo/jo/io
    (r"(.)\1+", r"\1"),  # again: ee from -eiev (KMU) and -eev
]
_FOLDS_RE = [(re.compile(p), r) for p, r in _FOLDS]
_WORD = re.compile(r"[^\W\d_]+\.?")
_APOSTROPHES = re.compile(r"['’ʼ`]")
_GENERIC_PLACE = {"oblast", "region", "gebiet", "krai", "kray", "respublika", "republic", "de", "d"}


@cache
def latin(text: str) -> str:
    """One Latin spelling: unidecode for any script, lower case, letters only."""
    return re.sub(r"[^a-z]", "", unidecode(text).lower())


@cache
def skeleton(text: str) -> str:
    """The folded spelling of a name (see _FOLDS)."""
    out = latin(text)
    for pattern, repl in _FOLDS_RE:
        out = pattern.sub(repl, out)
    return out


@cache
def dmetaphone(word: str) -> list[str]:
    """Double metaphone codes, without the empty alternate (it would match every name)."""
    return [c for c in dict.fromkeys(phonetics.dmetaphone(word)) if c] if word else []


class NameParser:
    """Split a free-text name into surname, given name and patronymic.

    Lists and the press put the parts in different orders, so the roles come from the
    registry's own columns: a token is a given name or patronymic as far as it resembles one
    (Indel similarity, which unlike Jaro-Winkler does not favour a shared start: Andreev is no
    Andrei), a surname when the registry has it as one, maybe with a case ending (up to 3
    letters) added. East Slavic order puts the given name right before the patronymic
    ("Иванов Сергей Петрович", "Sergueï Petrovitch Ivanov").
    """

    def __init__(self, given: Iterable[str], patronymic: Iterable[str], surname: Iterable[str]):
        self.given = sorted({g for g in given if len(g) > 1})
        self.patronymic = sorted({p for p in patronymic if len(p) > 1})
        self.surname = set(surname)
        self._cache: dict[tuple[str, str], float] = {}

    def like(self, token: str, role: str) -> float:
        """How much `token` looks like a surname ("s"), given name ("g") or patronymic ("p")."""
        key = (token, role)
        if key not in self._cache:
            if role == "s":
                stems = (token[: len(token) - k] for k in range(4) if len(token) - k > 3)
                score = 1.0 if any(s in self.surname for s in stems) else 0.5
            else:
                vocab = self.given if role == "g" else self.patronymic
                score = process.extractOne(token, vocab, scorer=Indel.normalized_similarity)[1]
            self._cache[key] = score
        return self._cache[key]

    def parse(self, text: str) -> tuple[str | None, str | None, str | None]:
        """(surname, given, patronymic) as skeletons; an initial is a one-letter given name."""
        raw = _WORD.findall(_APOSTROPHES.sub("", text))
        if any(not w.islower() for w in raw):  # a sentence: names are capitalised, words not
            raw = [w for w in raw if not w.islower()]
        initials = [skeleton(w.rstrip("."))[:1] for w in raw if len(w.rstrip(".")) == 1]
        words = [s for w in raw if len(w.rstrip(".")) > 1 and (s := skeleton(w))]
        initial = initials[0] if initials else None
        patr = initials[1] if len(initials) > 1 else None
        if len(words) > 2:  # three names: the one most like a patronymic is it
            i = max(range(len(words)), key=lambda j: self.like(words[j], "p"))
            patr = words.pop(i)
            g = i - 1 if i else max(range(len(words)), key=lambda j: self.like(words[j], "g"))
            given = words.pop(g)
            return words[0], given, patr
        if len(words) == 2:
            a, b = words
            swap = self.like(b, "s") + self.like(a, "g") > self.like(a, "s") + self.like(b, "g")
            return (b, a, patr) if swap else (a, b, patr)
        return (words[0] if words else None), initial, patr


def birth_range(values: dict[str, str]) -> tuple[str | None, int | None, int | None]:
    """(exact ISO date or None, first and last possible birth day as ordinals)."""
    text = values.get("birth_date", "")
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        try:
            d = date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None, None, None
        return d.isoformat(), d.toordinal(), d.toordinal()
    if re.fullmatch(r"\d{4}", text):
        y = int(text)
        return None, date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
    if values.get("age") and values.get("age_as_of"):
        # Age a on day D: born after D minus a+1 years, on or before D minus a years.
        age, on = int(values["age"]), date.fromisoformat(values["age_as_of"])
        last = on.replace(year=on.year - age, day=min(on.day, 28))
        first = on.replace(year=on.year - age - 1, day=min(on.day, 28)) + timedelta(days=1)
        return None, first.toordinal(), last.toordinal()
    return None, None, None


def region_key(text: str | None) -> str | None:
    """The place a region is named after, by its first letters (Курская, Kursk, Koursk: kur)."""
    words = [latin(w) for w in _APOSTROPHES.sub(" ", text or "").split()]  # d'Omsk
    words = [w for w in words if w and w not in _GENERIC_PLACE]
    return skeleton(words[0])[:3] if words else None


def unit_key(text: str | None) -> str | None:
    """A military unit by its number ("в/ч 12345", "military unit 12345")."""
    digits = re.sub(r"\D", "", text or "")
    return digits or None


def _name(col: str, value: str | None) -> dict:
    """A name column with its double-metaphone codes (array) and primary code (for blocking)."""
    codes = dmetaphone(value or "")
    return {col: value or None, f"{col}_dm": codes, f"{col}_dm1": codes[0] if codes else None}


def _row(uid: str, values: dict[str, str], parser: NameParser) -> dict:
    """One Splink input row."""
    if values.get("surname"):
        surname, given, patr = (
            skeleton(values.get(k, "")) for k in ("surname", "first_name", "patronymic")
        )
    else:
        surname, given, patr = parser.parse(values.get("full_name", ""))
    dob, lo, hi = birth_range(values)
    return {
        "unique_id": uid,
        **_name("surname", surname),
        **_name("given", given),
        **_name("patronymic", patr),
        "dob": dob,
        "birth_lo": lo,
        "birth_hi": hi,
        "year_lo": date.fromordinal(lo).year if lo else None,
        "year_hi": date.fromordinal(hi).year if hi else None,
        "region": region_key(values.get("region")),
        "unit": unit_key(values.get("unit")),
    }


def _forename_comparison(col: str) -> CustomComparison:
    """NameComparison's levels plus one for an initial against a full name."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    initial = (
        f'(length("{col}_l") = 1 OR length("{col}_r") = 1) '
        f'AND substr("{col}_l", 1, 1) = substr("{col}_r", 1, 1)'
    )
    return cl.CustomComparison(
        output_column_name=col,
        comparison_description=f"{col}: names and initials",
        comparison_levels=[
            cll.NullLevel(col),
            cll.ExactMatchLevel(col).configure(tf_adjustment_column=col),
            cll.JaroWinklerLevel(col, 0.92),
            cll.JaroWinklerLevel(col, 0.88),
            cll.ArrayIntersectLevel(f"{col}_dm", 1),
            cll.CustomLevel(initial, "initial agrees"),
            cll.JaroWinklerLevel(col, 0.7),
            cll.ElseLevel(),
        ],
    )


def _birth_comparison() -> CustomComparison:
    """DateOfBirthComparison's levels, with partial dates (year, age) scored as ranges."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def overlap(days: int) -> str:
        return f'"birth_lo_l" <= "birth_hi_r" + {days} AND "birth_lo_r" <= "birth_hi_l" + {days}'

    swapped = (
        'substr("dob_l", 1, 4) = substr("dob_r", 1, 4) '
        'AND substr("dob_l", 6, 2) = substr("dob_r", 9, 2) '
        'AND substr("dob_l", 9, 2) = substr("dob_r", 6, 2)'
    )
    return cl.CustomComparison(
        output_column_name="birth",
        comparison_description="date of birth, exact or partial",
        comparison_levels=[
            cll.CustomLevel('"birth_lo_l" IS NULL OR "birth_lo_r" IS NULL').configure(
                is_null_level=True
            ),
            cll.ExactMatchLevel("dob"),
            cll.Or(cll.DamerauLevenshteinLevel("dob", 1), cll.CustomLevel(swapped)).configure(
                label_for_charts="one-character typo or day/month swapped"
            ),
            cll.CustomLevel(overlap(0), "partial dates agree"),
            cll.CustomLevel(overlap(366), "within a year"),
            cll.CustomLevel(overlap(3653), "within 10 years"),
            cll.ElseLevel(),
        ],
    )


def run_splink(data: Data) -> tuple[dict[str, tuple[float, str]], Peak, str]:
    """Train and predict with Splink (DuckDB): the best candidate and its probability per query."""
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    phases: dict[str, float] = {}
    with Peak() as peak:
        t = time.perf_counter()
        reg = [r.values for r in data.registry_rows]
        parser = NameParser(
            (skeleton(v.get("first_name", "")) for v in reg),
            (skeleton(v.get("patronymic", "")) for v in reg),
            (skeleton(v.get("surname", "")) for v in reg),
        )
        left = [_row(r.row_id, r.values, parser) for r in data.registry_rows]
        right = [_row(r.row_id, r.values, parser) for r in data.query_rows]
        phases["prepare"] = time.perf_counter() - t
        t = time.perf_counter()
        db = DuckDBAPI()
        sdf_l = db.register(pa.Table.from_pylist(left), table_name="registry")
        sdf_r = db.register(pa.Table.from_pylist(right), table_name="queries")
        settings = SettingsCreator(
            link_type="link_only",
            unique_id_column_name="unique_id",
            comparisons=[
                cl.NameComparison("surname", dmeta_col_name="surname_dm"),
                _forename_comparison("given"),
                _forename_comparison("patronymic"),
                _birth_comparison(),
                cl.ExactMatch("region").configure(term_frequency_adjustments=True),
                cl.ExactMatch("unit").configure(term_frequency_adjustments=True),
            ],
            # Many strict rules rather than a few loose ones (modelling tips): exact and
            # phonetic surname, given name with birth year (typos in the surname), date of
            # birth, surname prefix with initial (typos, initials, declension).
            blocking_rules_to_generate_predictions=[
                block_on("surname"),
                block_on("surname_dm1", "substr(given, 1, 1)"),
                block_on("given_dm1", "year_lo", "substr(surname, 1, 1)"),
                block_on("given_dm1", "year_hi", "substr(surname, 1, 1)"),
                block_on("dob"),
                block_on("substr(surname, 1, 4)", "substr(given, 1, 1)"),
            ],
            retain_intermediate_calculation_columns=False,
        )
        linker = Linker([sdf_l, sdf_r], settings)
        # Deterministic rules need a full date or a patronymic, which about half the lists
        # give, and names spelled alike: recall 0.5 is a generous guess.
        linker.training.estimate_probability_two_random_records_match(
            [block_on("surname", "given", "dob"), block_on("surname", "given", "patronymic")],
            recall=0.5,
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
        # Each session estimates m for the comparisons its blocking rule does not use. A
        # looser rule (given name + birth year, <1% matches) gave implausible m values.
        for rule in (block_on("surname"), block_on("dob")):
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
        phases["train"] = time.perf_counter() - t
        t = time.perf_counter()
        pred = linker.inference.predict(threshold_match_probability=0.01)
        rel = pred.as_duckdbpyrelation()
        cols = [c.lower() for c in rel.columns]
        rows = rel.fetchall()
        phases["predict"] = time.perf_counter() - t
    il, ir, ip = (
        cols.index("unique_id_l"),
        cols.index("unique_id_r"),
        cols.index("match_probability"),
    )
    sl, sr = cols.index("source_dataset_l"), cols.index("source_dataset_r")
    best: dict[str, tuple[float, str]] = {}
    for row in rows:
        # link_only pairs come in either order; the query side is the "queries" dataset.
        q, r = (row[ir], row[il]) if row[sr] == "queries" else (row[il], row[ir])
        if row[sl] == row[sr]:
            continue
        p = float(row[ip])
        if p > best.get(q, (-1.0, ""))[0]:
            best[q] = (p, r)
    note = ", ".join(f"{k} {v:.1f}s" for k, v in phases.items()) + f", {len(rows):,} pairs"
    return best, peak, note


def at_threshold(
    best: dict[str, tuple[float, str]], threshold: float
) -> dict[str, tuple[str, str]]:
    """Decisions when the best candidate is linked at or above `threshold`."""
    return {
        q: (r, "link" if p >= threshold else ("review" if p >= 0.2 else "new"))
        for q, (p, r) in best.items()
    }
