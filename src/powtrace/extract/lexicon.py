"""The extraction lexicons: trigger patterns and person cues per language, read from data/."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from powtrace.domain.vocab import event_types
from powtrace.extract.literals import heads
from powtrace.extract.text import fold

LANGUAGES = ("en", "ru", "uk")
_FLAGS = re.IGNORECASE | re.UNICODE


def _read(name: str) -> Any:
    """Parse one YAML file of extract/data."""
    text = resources.files("powtrace.extract").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


def _words(items: list[str]) -> re.Pattern[str]:
    """One pattern matching any of the items as whole words."""
    body = "|".join(f"(?:{i})" for i in sorted(items, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", _FLAGS)


@dataclass(frozen=True)
class EventLexicon:
    """Trigger patterns per event type, and the words that cancel a trigger."""

    triggers: dict[str, tuple[re.Pattern[str], ...]]
    negators: re.Pattern[str]
    irrealis: re.Pattern[str]
    immediate: re.Pattern[str] | None
    subordinators: re.Pattern[str]
    # Triggers in an active form with a person as agent ("Зарубін взяв у полон … Андрія"):
    # who it happened to is named after the trigger, not before it.
    agentive: re.Pattern[str] | None = None
    # "Среди них", "among the freed": a person named there belongs to a group just returned.
    among: re.Pattern[str] | None = None
    # A verbless leg naming a town alone ("Потом — Таганрог."), matched at a sentence start: a
    # transfer only when the narrator is already held (see events.py).
    town_leg: re.Pattern[str] | None = None
    # A captivity noun before a dash and a list of towns ("За два роки неволі — Оленівка,
    # Таганрог, Камишин"): the places held in, in order (see events.py).
    place_run: re.Pattern[str] | None = None
    # Words that put the person named right after them in the same cell or camp as the
    # speaker ("в одній камері з", "У камері зі мною був"): a fellow prisoner, held there too.
    co_prisoner: re.Pattern[str] | None = None
    # (type, pattern, literal heads) for every trigger, in the order of `triggers`: the heads
    # let a sentence that holds none of them skip the pattern (see literals.py).
    scan: tuple[tuple[str, re.Pattern[str], frozenset[str] | None], ...] = ()


@dataclass(frozen=True)
class PersonLexicon:
    """Cues for finding, describing and referring to persons."""

    titles: re.Pattern[str]
    roles: dict[str, re.Pattern[str]]
    person_heads: re.Pattern[str]
    unnamed: re.Pattern[str]
    compound_nouns: frozenset[str]
    predicate_words: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    group_words: frozenset[str]
    counted_group_words: frozenset[str]
    sides: dict[str, re.Pattern[str]]
    captors: dict[str, re.Pattern[str]]
    age_after: tuple[re.Pattern[str], ...]
    age_before: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    alias_after: tuple[re.Pattern[str], ...]
    pseudonym: tuple[re.Pattern[str], ...] = ()
    # Words for "both" or "all three" with the number of persons they stand for, and one
    # pattern for them all (most sentences hold none: one search tells).
    collectives: tuple[tuple[re.Pattern[str], int], ...] = ()
    any_collective: re.Pattern[str] | None = None
    # Collective numerals that count people ("трое жителей", "троє бійців") and their number.
    people_counts: dict[str, int] = field(default_factory=dict)
    # Plural nouns that, without a number or quantifier before them, may stand for persons just
    # named ("Petrov and Sidorov … the soldiers were questioned", "… бойцов направили …").
    referring_nouns: frozenset[str] = frozenset()
    # Words before such a noun that make it a group of its own ("many soldiers", "других пленных").
    quantifiers: frozenset[str] = frozenset()
    # Determiners such a noun needs before it to refer back (English "the"; none in ru/uk).
    definite: frozenset[str] = frozenset()
    # Everyday forms of given names and the full names they stand for, folded ("юра" → юрий).
    diminutives: dict[str, frozenset[str]] = field(default_factory=dict)
    # A singular person noun with what makes it one specific person although no determiner
    # stands before it: an age, a home town or a relative clause after it ("российского
    # солдата среднего возраста, который …"); adjectives before it are found by morphology.
    bare_description: re.Pattern[str] | None = None


@cache
def event_lexicon(lang: str) -> EventLexicon:
    """The trigger lexicon of a language (checked against the vocabulary on load)."""
    raw = _read(f"events_{lang}.yaml")
    known = event_types()
    triggers: dict[str, tuple[re.Pattern[str], ...]] = {}
    for type_id, patterns in raw["triggers"].items():
        if type_id not in known:
            raise ValueError(f"events_{lang}.yaml: '{type_id}' is not in event_types.yaml")
        triggers[type_id] = tuple(re.compile(p, _FLAGS) for p in patterns)
    immediate = raw.get("immediate") or []
    return EventLexicon(
        triggers=triggers,
        negators=_words(raw["negators"]),
        irrealis=_words(raw["irrealis"]),
        immediate=re.compile(rf"(?:{'|'.join(immediate)})\s*$", _FLAGS) if immediate else None,
        subordinators=_words(raw["subordinators"]),
        scan=tuple((t, p, heads(p)) for t, patterns in triggers.items() for p in patterns),
        agentive=_words(raw["agentive"]) if raw.get("agentive") else None,
        among=_words(raw["among"]) if raw.get("among") else None,
        town_leg=re.compile("|".join(raw["town_leg"]), _FLAGS) if raw.get("town_leg") else None,
        place_run=re.compile("|".join(raw["place_run"]), _FLAGS) if raw.get("place_run") else None,
        co_prisoner=_words(raw["co_prisoner"]) if raw.get("co_prisoner") else None,
    )


@cache
def person_lexicon(lang: str) -> PersonLexicon:
    """The person-cue lexicon of a language."""
    raw = _read(f"persons_{lang}.yaml")
    heads = "|".join(sorted(raw["person_heads"], key=len, reverse=True))
    dets = "|".join(sorted(raw["person_determiners"], key=len, reverse=True))
    # A determiner, up to six modifiers (adjectives, "31-year-old", "self-described"), a head.
    stop = "|".join(raw.get("not_modifiers") or ["(?!)"])
    modifier = rf"(?!(?:{stop})(?![\w’'-]))[\w’'-]+"
    unnamed = re.compile(
        rf"(?<![\w-])(?:{dets})(?:\s+{modifier},?){{0,6}}?\s+(?:{heads})(?![\w-])", _FLAGS
    )
    return PersonLexicon(
        titles=_words(raw["titles"]),
        roles={role: _words(items) for role, items in raw["roles"].items()},
        person_heads=_words(raw["person_heads"]),
        unnamed=unnamed,
        compound_nouns=frozenset(w.lower() for w in raw["compound_nouns"]),
        predicate_words=frozenset(w.lower() for w in raw["predicate_words"]),
        pronouns={k: frozenset(v) for k, v in raw["pronouns"].items()},
        group_words=frozenset(w.lower() for w in raw["group_words"]),
        counted_group_words=frozenset(w.lower() for w in raw.get("counted_group_words", [])),
        sides={k: _words(v) for k, v in raw["sides"].items()},
        captors={k: _words(v) for k, v in raw["captors"].items()},
        age_after=tuple(re.compile(p, _FLAGS) for p in raw["age_after"]),
        age_before=tuple(re.compile(p, _FLAGS) for p in raw["age_before"]),
        byline=tuple(re.compile(p) for p in raw["byline"]),
        alias_after=tuple(re.compile(p) for p in raw["alias_after"]),
        pseudonym=tuple(re.compile(p) for p in raw.get("pseudonym", [])),
        collectives=tuple((_words([p]), int(n)) for p, n in (raw.get("collectives") or {}).items()),
        any_collective=_words(list(raw["collectives"])) if raw.get("collectives") else None,
        people_counts={w.lower(): int(n) for w, n in (raw.get("people_counts") or {}).items()},
        referring_nouns=frozenset(w.lower() for w in raw.get("referring_nouns", [])),
        quantifiers=frozenset(w.lower() for w in raw.get("quantifiers", [])),
        definite=frozenset(w.lower() for w in raw.get("definite", [])),
        diminutives={
            fold(k): frozenset(fold(v) for v in vs)
            for k, vs in (raw.get("diminutives") or {}).items()
        },
        bare_description=_bare_description(raw),
    )


def _bare_description(raw: dict) -> re.Pattern[str] | None:
    """The pattern of `description_heads` followed by one to three `description_after` (an age,
    a home town), or by up to three of them and a `description_relative` clause, if given. The
    head is group 0; what follows is only looked at."""
    heads, after = raw.get("description_heads"), raw.get("description_after")
    relative = raw.get("description_relative") or []
    if not heads or not after:
        return None
    head = "|".join(sorted(heads, key=len, reverse=True))
    tail = "|".join(after)
    ends = "|".join([*after, *relative])
    return re.compile(rf"(?<![\w-])(?:{head})(?=(?:{tail}){{0,2}}(?:{ends}))", _FLAGS)


@cache
def agencies() -> tuple[tuple[str, re.Pattern[str], frozenset[str] | None], ...]:
    """Each agency's canonical name, the pattern that finds it in text and its literal heads."""
    raw = _read("agencies.yaml")
    out = []
    for name, pats in raw.items():
        pattern = re.compile("|".join(pats), re.UNICODE)
        out.append((name, pattern, heads(pattern)))
    return tuple(out)


@cache
def latin_given_names() -> frozenset[str]:
    """Given names in Latin script, lower case."""
    text = resources.files("powtrace.extract").joinpath("data", "given_names_latin.txt")
    lines = text.read_text("utf-8").splitlines()
    return frozenset(w.lower() for line in lines if not line.startswith("#") for w in line.split())
