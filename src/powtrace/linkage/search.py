"""Search: free text ("Игорь Долгополов 12.05.1990", "Igor Dolgopolov, 31") → ranked hits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.linkage.blocking import Index
from powtrace.linkage.explain import Score, probability
from powtrace.linkage.model import Model
from powtrace.linkage.profile import Profile
from powtrace.linkage.record import NameParts, Record, birth_from_age

_DAY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_YEAR = re.compile(r"\b(19[2-9]\d|20[0-2]\d)\b")
_AGE = re.compile(r"\b([1-9]\d)\b")


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the record, its share of the match probability, and why."""

    record: Record
    probability: float
    score: Score


def _birth(text: str, as_of: date) -> tuple[PartialDate | None, str]:
    """The birth date (or the range an age implies) in a query, and the text without it."""
    for pattern, kind in ((_DAY, "dmy"), (_ISO, "iso"), (_YEAR, "year"), (_AGE, "age")):
        m = pattern.search(text)
        if not m:
            continue
        rest = text[: m.start()] + " " + text[m.end() :]
        try:
            if kind == "dmy":
                return PartialDate.of(int(m[3]), int(m[2]), int(m[1])), rest
            if kind == "iso":
                day = int(m[3]) if m[3] else None
                return PartialDate.of(int(m[1]), int(m[2]), day), rest
            if kind == "year":
                return PartialDate.of(int(m[1])), rest
            if 14 <= int(m[1]) <= 90:
                return birth_from_age(int(m[1]), as_of), rest
        except ValidationError:
            continue
    return None, text


def parse_query(text: str, as_of: date | None = None) -> Record:
    """A Record from search text: a name in any script, with a birth date, year or age."""
    birth, rest = _birth(text, as_of or date.today())
    name = " ".join(
        re.sub(r"\d+|\b(г\.?р\.?|р\.?н\.?|лет|років|роки|years?|old)\b", " ", rest).split()
    )
    return Record(id="query", names=(NameParts(name or text),), birth=birth)


def search(
    index: Index, model: Model, query_text: str, limit: int = 10, as_of: date | None = None
) -> list[Hit]:
    """Records most likely to be the person the query names, best first, with reasons."""
    query = parse_query(query_text, as_of)
    profile = Profile(query)
    positions = index.candidate_positions(profile)
    freq = index.freq
    ranked = sorted(
        ((model.weigh(profile, index.profiles[p], freq), p) for p in positions), reverse=True
    )
    # Each hit's share of "one of these, or none": distinct people exclude each other.
    total = 1 + sum(2.0**w for w, _ in ranked if w > -60)
    hits = []
    for w, p in ranked[:limit]:
        share = probability(w) if w > 60 else 2.0**w / total
        hits.append(Hit(index.records[p], share, model.explain(profile, index.profiles[p], freq)))
    return hits
