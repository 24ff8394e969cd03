"""Score predicted persons and events against gold files, by the rules of the corpus README.

- Persons: named gold persons only. A prediction matches a gold person when its folded name
  equals the gold name or a variant, or shares the surname token with one of them. One-to-one.
  Precision, recall, F1 over named persons; role and age accuracy over the matched pairs.
- Events: same type, and the persons match (or both are groups). For an unnamed gold person the
  predicted person's folded text lies inside the description (or a variant), or shares at least
  half of the description's words. One-to-one. Date accuracy over matched pairs whose gold date
  is not null: the prediction must equal it at the gold's precision.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_PATRONYMIC = re.compile(r"(vich|vych|vna|ichna|вич|вна|ична|івна)$")


def fold(text: str | None) -> str:
    """Lower case, no diacritics, one space between words, no surrounding punctuation."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("’", "'").replace("ʼ", "'")
    return " ".join(bare.split()).strip(" .,;:!?\"'“”«»()")


def words(text: str | None) -> list[str]:
    """The folded words of a text."""
    return re.findall(r"\w+", fold(text))


def surname(name: str | None) -> str | None:
    """The surname token: the last word, or the first when a patronymic ends the name."""
    toks = words(name)
    if not toks:
        return None
    if len(toks) >= 3 and _PATRONYMIC.search(toks[-1]):
        return toks[0]
    return toks[-1]


def named_match(pred: str | None, gold: dict[str, Any]) -> bool:
    """The README's rule for a named gold person."""
    if not pred:
        return False
    forms = [gold["name"], *gold.get("variants", [])]
    if fold(pred) in {fold(f) for f in forms}:
        return True
    return surname(pred) is not None and surname(pred) in {surname(f) for f in forms}


def unnamed_match(pred: str | None, gold: dict[str, Any]) -> bool:
    """The README's rule for an unnamed gold person (a description)."""
    if not pred:
        return False
    forms = [gold["name"], *gold.get("variants", [])]
    fp = fold(pred)
    for form in forms:
        if fp and fp in fold(form):
            return True
        gw = set(words(form))
        if gw and 2 * len(set(words(pred)) & gw) >= len(gw):
            return True
    return False


def person_match(pred: str | None, gold: dict[str, Any]) -> bool:
    """Either rule, as the gold person is named or not."""
    return unnamed_match(pred, gold) if gold.get("unnamed") else named_match(pred, gold)


def _max_matching(n_left: int, n_right: int, edge: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's algorithm): left index -> right index."""
    adj = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    owner: dict[int, int] = {}

    def grow(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or grow(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        grow(i, set())
    return {i: j for j, i in owner.items()}


@dataclass
class Score:
    """Counts over one or more documents; the rates are computed from them."""

    person_tp: int = 0
    person_pred: int = 0
    person_gold: int = 0
    role_ok: int = 0
    age_ok: int = 0
    event_tp: int = 0
    event_pred: int = 0
    event_gold: int = 0
    date_ok: int = 0
    date_n: int = 0
    docs: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another document's counts."""
        for name in self.__dataclass_fields__:
            if name == "errors":
                self.errors += other.errors
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _f(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def person(self) -> tuple[float, float, float]:
        return self._f(self.person_tp, self.person_pred, self.person_gold)

    @property
    def event(self) -> tuple[float, float, float]:
        return self._f(self.event_tp, self.event_pred, self.event_gold)

    @property
    def role_accuracy(self) -> float:
        return self.role_ok / self.person_tp if self.person_tp else 0.0

    @property
    def age_accuracy(self) -> float:
        return self.age_ok / self.person_tp if self.person_tp else 0.0

    @property
    def date_accuracy(self) -> float | None:
        return self.date_ok / self.date_n if self.date_n else None


def score(pred: dict[str, Any], gold: dict[str, Any]) -> Score:
    """Score one predicted gold-format document against its gold file."""
    out = Score(docs=1)
    gold_named = [p for p in gold["persons"] if not p.get("unnamed")]
    pred_named = [p for p in pred.get("persons", []) if not p.get("unnamed")]
    # Exact name matches first, so that relatives sharing a surname are not paired crosswise.
    exact = _max_matching(
        len(pred_named),
        len(gold_named),
        lambda i, j: (
            fold(pred_named[i]["name"])
            in {fold(f) for f in [gold_named[j]["name"], *gold_named[j].get("variants", [])]}
        ),
    )
    rest_p = [i for i in range(len(pred_named)) if i not in exact]
    rest_g = [j for j in range(len(gold_named)) if j not in exact.values()]
    more = _max_matching(
        len(rest_p),
        len(rest_g),
        lambda a, b: named_match(pred_named[rest_p[a]]["name"], gold_named[rest_g[b]]),
    )
    pairs = {**exact, **{rest_p[a]: rest_g[b] for a, b in more.items()}}
    out.person_tp, out.person_pred, out.person_gold = len(pairs), len(pred_named), len(gold_named)
    for i, j in pairs.items():
        out.role_ok += pred_named[i].get("role") == gold_named[j].get("role")
        if pred_named[i].get("role") != gold_named[j].get("role"):
            out.errors.append(
                f"role of {gold_named[j]['name']}: {pred_named[i].get('role')}, "
                f"not {gold_named[j].get('role')}"
            )
        out.age_ok += pred_named[i].get("age") == gold_named[j].get("age")
    for j, g in enumerate(gold_named):
        if j not in pairs.values():
            out.errors.append(f"missed person {g['name']}")
    by_name = {p["name"]: p for p in gold["persons"]}
    g_events, p_events = gold["events"], pred.get("events", [])

    def edge(i: int, j: int) -> bool:
        pe, ge = p_events[i], g_events[j]
        if pe["type"] != ge["type"]:
            return False
        if ge.get("person") is None or pe.get("person") is None:
            return ge.get("person") is None and pe.get("person") is None
        person = by_name.get(ge["person"], {"name": ge["person"], "variants": []})
        return person_match(pe["person"], person)

    matched = _max_matching(len(p_events), len(g_events), edge)
    out.event_tp, out.event_pred, out.event_gold = len(matched), len(p_events), len(g_events)
    for i, j in matched.items():
        want = g_events[j].get("date")
        if want:
            out.date_n += 1
            got = p_events[i].get("date") or ""
            out.date_ok += len(got) >= len(want) and got[: len(want)] == want
    for j, g in enumerate(g_events):
        if j not in matched.values():
            out.errors.append(f"missed event {g['type']} / {g.get('person')}: {g['evidence'][:60]}")
    for i, p in enumerate(p_events):
        if i not in matched:
            out.errors.append(f"extra event {p['type']} / {p.get('person')}: {p['evidence'][:60]}")
    return out
