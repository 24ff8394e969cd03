"""Precision, recall and F1 per rendering, the share of namesakes linked, and the table.

How a decision counts (`tally`). The benchmark measures automatic linking:

- `link` to the query's true registry person: a true positive;
- `link` to anyone else: a false positive, and also a false negative when the query has a true
  person;
- `review` or `new` on a query that has a true person: a false negative. A review is not a link
  (it costs a reviewer's time), so it earns nothing even when its first candidate is right;
- `review` or `new` on a query with no true person (namesakes, people not in the registry):
  correct, and not counted in precision or recall.

So a query that no system could link from its own fields (the "ambiguous" column: another
registry person fits every field it shows) lowers recall however well it is handled; the right
handling is review. The "review right" column counts the reviews whose first candidate is the
true person, as a diagnostic only: it enters no P/R/F1.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generate import AS_OF, RENDERINGS, Person, Query


@dataclass
class Tally:
    """Counts for one slice of the queries."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    review: int = 0
    review_right: int = 0  # reviews of a match query whose first candidate is the true person
    namesakes: int = 0
    namesakes_linked: int = 0
    n: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def tally(queries: list[Query], decisions: dict[str, tuple[str | None, str]]) -> dict[str, Tally]:
    """Per rendering and 'overall': a link is right when it names the true registry person.

    `decisions` maps query id to (linked registry id or None, decision).
    """
    out: dict[str, Tally] = defaultdict(Tally)
    for q in queries:
        linked, decision = decisions.get(q.id, (None, "new"))
        for key in (q.rendering, "overall"):
            t = out[key]
            t.n += 1
            t.review += decision == "review"
            t.review_right += decision == "review" and q.truth is not None and linked == q.truth
            if q.kind == "namesake":
                t.namesakes += 1
                t.namesakes_linked += decision == "link"
            if decision == "link" and linked is not None:
                if linked == q.truth:
                    t.tp += 1
                else:
                    t.fp += 1
                    if q.truth is not None:
                        t.fn += 1
            elif q.truth is not None:
                t.fn += 1
    return out


def table(
    results: dict[str, dict[str, Tally]],
    clear: dict[str, dict[str, Tally]],
    recall_of_blocks: dict[str, float],
    ambiguous_by: dict[str, int],
) -> str:
    """One markdown table: a row per rendering; P/R/F1 per system, F1 on unambiguous queries."""
    systems = list(results)
    head = "| rendering | queries | ambiguous | blocking recall |"
    rule = "|---|---:|---:|---:|"
    for s in systems:
        head += f" {s} P | {s} R | {s} F1 | {s} F1 unamb. | {s} review | {s} review right |"
        rule += "---:|---:|---:|---:|---:|---:|"
    lines = [head, rule]
    for key in (*RENDERINGS, "overall"):
        first = results[systems[0]].get(key)
        if first is None:
            continue
        row = (
            f"| {key} | {first.n} | {ambiguous_by.get(key, 0)} | "
            f"{recall_of_blocks.get(key, float('nan')):.4f} |"
        )
        for s in systems:
            t, c = results[s][key], clear[s][key]
            row += (
                f" {t.precision:.4f} | {t.recall:.4f} | {t.f1:.4f} | {c.f1:.4f} | {t.review} |"
                f" {t.review_right} |"
            )
        lines.append(row)
    return "\n".join(lines)


def _shown(q: Query) -> set[str]:
    for note in q.notes:
        if note.startswith("shown:"):
            return set(note[6:].split(","))
    return set()


def _agree(p: Person, r: Person, shown: set[str]) -> bool:
    """Would a reader of the query's fields be unable to tell r from p?"""
    if ("given" in shown and r.given != p.given) or r.given[0] != p.given[0]:
        return False
    if "patronymic" in shown and r.patronymic != p.patronymic:
        return False
    if "patronymic_initial" in shown and r.patronymic[0] != p.patronymic[0]:
        return False
    for key, attr in (("region", "region"), ("unit", "unit")):
        if key in shown and getattr(r, attr) != getattr(p, attr):
            return False
    if p.birth is None or r.birth is None:
        return True
    if "birth_full" in shown and not p.birth_year_only:
        return r.birth == p.birth or (r.birth_year_only and r.birth.year == p.birth.year)
    if "birth_full" in shown or "birth_year" in shown:
        return r.birth.year == p.birth.year
    if "age" in shown:

        def age(b):
            return AS_OF.year - b.year - ((AS_OF.month, AS_OF.day) < (b.month, b.day))

        return abs(age(r.birth) - age(p.birth)) <= (1 if r.birth_year_only else 0)
    return True


def ambiguous(queries: list[Query], registry: list[Person]) -> set[str]:
    """Ids of match queries another registry person fits as well as the true one does.

    A query is ambiguous when someone else has the same surname and given name and agrees on
    every field the query shows (patronymic, birth date / year / age, region, unit): no system
    can link it from the query alone, so it bounds every system's recall.
    """
    by_surname: dict[str, list[Person]] = defaultdict(list)
    for p in registry:
        by_surname[p.surname.replace("ё", "е")].append(p)
    people = {p.id: p for p in registry}
    out = set()
    for q in queries:
        if q.truth is None:
            continue
        p = people[q.truth]
        shown = _shown(q)
        rivals = (r for r in by_surname[p.surname.replace("ё", "е")] if r.id != p.id)
        if any(_agree(p, r, shown) for r in rivals):
            out.add(q.id)
    return out
