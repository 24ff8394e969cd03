"""Splink on the same data, configured the way its documentation teaches.

Names are parsed (our parser gives it the parts, in the nominative) and transliterated to
lower-case ASCII (en_press scheme for Russian, KMU for Ukrainian) — Splink compares strings and
knows nothing of scripts. Comparisons: NameComparison (Jaro-Winkler levels) on surname with
term-frequency adjustment, given name and patronymic; DateOfBirthComparison; exact birth year,
region and unit. Training: probability two random records match from a deterministic rule, u by
random sampling, m by EM on two blocking rules. Prediction blocks on surname, on given name +
birth year, and on surname prefix + given name. The best candidate per query is linked when its
match probability clears the threshold.
"""

from __future__ import annotations

import re
import time
import unicodedata
from datetime import date

from run import Peak

from powtrace.linkage.profile import region_key, unit_key
from powtrace.names import normalize_person_name, transliterate_as

_AS_OF = date(2025, 6, 1)


def _ascii(text: str | None, lang: str | None) -> str | None:
    """Lower-case ASCII of a name part: transliterated when Cyrillic."""
    if not text:
        return None
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        forms = transliterate_as(text, "uk" if lang == "uk" else "ru")
        text = forms.get("en_press") or next(iter(forms.values()))
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", folded) or None


def _row(uid: str, values: dict[str, str], birth, structured: bool) -> dict:
    """One Splink input row."""
    if structured and values.get("surname"):
        surname, given, patr = (
            values.get("surname"),
            values.get("first_name"),
            values.get("patronymic"),
        )
        lang = None
    else:
        parsed = normalize_person_name(values.get("full_name", ""))
        surname, given, patr, lang = (
            parsed.surname,
            parsed.given,
            parsed.patronymic,
            parsed.language,
        )
        if not given and parsed.initials:
            given = parsed.initials[0]
    dob = year = None
    if birth is not None:
        if birth.is_exact_day:
            dob = birth.earliest.isoformat()
        year = (birth.earliest.toordinal() + birth.latest.toordinal()) // 2
        year = date.fromordinal(year).year
    elif values.get("age") and values.get("age_as_of"):
        year = _AS_OF.year - int(values["age"]) - 1
    return {
        "unique_id": uid,
        "surname": _ascii(surname, lang),
        "given": _ascii(given, lang),
        "patronymic": _ascii(patr, lang),
        "dob": dob,
        "birth_year": year,
        "region": region_key(values.get("region")),
        "unit": unit_key(values.get("unit")),
    }


def run_splink(data) -> tuple[dict, Peak, str]:
    """Train and predict with Splink (DuckDB): the best candidate and its probability per query."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    phases: dict[str, float] = {}
    with Peak() as peak:
        t = time.perf_counter()
        left = [_row(r.row_id, r.values, r.birth_date, True) for r in data.registry_rows]
        right = [
            _row(r.row_id, r.values, r.birth_date, "surname" in r.values) for r in data.query_rows
        ]
        phases["prepare"] = time.perf_counter() - t
        t = time.perf_counter()
        db = DuckDBAPI()
        import pyarrow as pa

        sdf_l = db.register(pa.Table.from_pylist(left), table_name="registry")
        sdf_r = db.register(pa.Table.from_pylist(right), table_name="queries")
        settings = SettingsCreator(
            link_type="link_only",
            unique_id_column_name="unique_id",
            comparisons=[
                cl.NameComparison("surname").configure(term_frequency_adjustments=True),
                cl.NameComparison("given"),
                cl.NameComparison("patronymic"),
                cl.DateOfBirthComparison("dob", input_is_string=True),
                cl.ExactMatch("birth_year"),
                cl.ExactMatch("region"),
                cl.ExactMatch("unit"),
            ],
            blocking_rules_to_generate_predictions=[
                block_on("surname"),
                block_on("given", "birth_year"),
                block_on("substr(surname, 1, 3)", "given"),
            ],
            retain_intermediate_calculation_columns=False,
        )
        linker = Linker([sdf_l, sdf_r], settings)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("surname", "given", "dob")], recall=0.6
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
        phases["train"] = time.perf_counter() - t
        t = time.perf_counter()
        pred = linker.inference.predict(threshold_match_probability=0.01)
        rows = pred.as_duckdbpyrelation().fetchall()
        cols = [c.lower() for c in pred.as_duckdbpyrelation().columns]
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


def at_threshold(best: dict[str, tuple[float, str]], threshold: float) -> dict:
    """Decisions when the best candidate is linked at or above `threshold`."""
    return {
        q: (r, "link" if p >= threshold else ("review" if p >= 0.2 else "new"))
        for q, (p, r) in best.items()
    }
