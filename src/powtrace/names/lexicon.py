"""The reviewed tables of given names, patronymics and diminutives, indexed by skeleton."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from powtrace.names.script import is_cyrillic
from powtrace.names.skeleton import skeletons
from powtrace.names.translit import transliterate_as


@dataclass(frozen=True, slots=True)
class GivenName:
    """One given name in all its forms: Russian, Ukrainian, Western, and the patronymics from it."""

    concept: str
    gender: str
    ru: tuple[str, ...]
    uk: tuple[str, ...]
    latin: tuple[str, ...]
    ru_patronymics: tuple[str, ...]
    uk_patronymics: tuple[str, ...]
    diminutives: tuple[tuple[str, str], ...] = ()  # (form, 'ru' or 'uk')


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The loaded tables and their skeleton indexes."""

    names: dict[str, GivenName]
    given_index: dict[str, frozenset[str]]
    cyrillic_given_index: dict[str, frozenset[str]]
    diminutive_index: dict[str, frozenset[str]]
    patronymic_index: dict[str, frozenset[str]]
    ru_forms: frozenset[str]
    uk_forms: frozenset[str]


def _split(cell: str) -> tuple[str, ...]:
    """Split a '|'-separated CSV cell into its non-empty values."""
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _rows(filename: str) -> list[dict[str, str]]:
    """Read a CSV file shipped in names/data."""
    text = resources.files("powtrace.names").joinpath("data", filename).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Index (word, concept) pairs by every skeleton of the word."""
    index: dict[str, set[str]] = defaultdict(set)
    for word, concept in pairs:
        for skel in skeletons(word):
            index[skel].add(concept)
    return {k: frozenset(v) for k, v in index.items()}


@cache
def lexicon() -> Lexicon:
    """Load the tables once per process (a lazy module-level singleton)."""
    diminutives: dict[str, list[tuple[str, str]]] = defaultdict(list)
    dim_pairs: list[tuple[str, str]] = []
    for row in _rows("diminutives.csv"):
        for concept in _split(row["concepts"]):
            diminutives[concept].append((row["diminutive"], row["lang"]))
            dim_pairs.append((row["diminutive"], concept))
    names: dict[str, GivenName] = {}
    for row in _rows("given_names.csv"):
        concept = row["concept"]
        names[concept] = GivenName(
            concept=concept,
            gender=row["gender"],
            ru=_split(row["ru"]),
            uk=_split(row["uk"]),
            latin=_split(row["latin"]),
            ru_patronymics=_split(row["ru_patr_m"]) + _split(row["ru_patr_f"]),
            uk_patronymics=_split(row["uk_patr_m"]) + _split(row["uk_patr_f"]),
            diminutives=tuple(diminutives.get(concept, ())),
        )
    given_pairs = [(w, n.concept) for n in names.values() for w in n.ru + n.uk + n.latin]
    cyrillic_pairs = [(w, n.concept) for n in names.values() for w in n.ru + n.uk]
    patr_pairs = [
        (w, n.concept) for n in names.values() for w in n.ru_patronymics + n.uk_patronymics
    ]
    return Lexicon(
        names=names,
        given_index=_index(given_pairs),
        cyrillic_given_index=_index(cyrillic_pairs),
        diminutive_index=_index(dim_pairs),
        patronymic_index=_index(patr_pairs),
        ru_forms=frozenset(w.lower() for n in names.values() for w in n.ru),
        uk_forms=frozenset(w.lower() for n in names.values() for w in n.uk),
    )


def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


@cache
def name_forms() -> frozenset[str]:
    """Every spelling the tables give or imply, case-folded: Cyrillic forms and diminutives,
    the Western forms, and every romanisation of the Russian and Ukrainian forms."""
    out: set[str] = set()
    for n in lexicon().names.values():
        out.update(_fold(w) for w in n.ru + n.uk + n.latin)
        for language, forms in (("ru", n.ru), ("uk", n.uk)):
            for w in forms:
                out.update(_fold(x) for x in transliterate_as(w, language).values())  # type: ignore[arg-type]
        for dim, language in n.diminutives:
            out.add(_fold(dim))
            out.add(_fold(transliterate_as(dim, "uk" if language == "uk" else "ru")["en_press"]))
    return frozenset(out)


def is_name_form(word: str) -> bool:
    """True when the word is spelled exactly as a table name, diminutive or romanisation of one
    (Вітя, Andrew, Yakov), rather than merely sharing a skeleton with one (Зімін, Andreev)."""
    return _fold(word) in name_forms()


# Latin endings of Slavic surnames. A Latin word ending so is a given name only when it is
# spelled as one (Yakov, Lev, Konstantin): a shared skeleton alone would make the surname
# Andreev the English Andrew.
_LATIN_SURNAME = re.compile(r"(ov|ev|ow|ew|in|yn|enko|uk|sk[iy]j?|skii|ova|eva|ina)$")


@lru_cache(maxsize=65536)
def given_concepts(word: str, *, diminutives: bool = True) -> frozenset[str]:
    """Concepts (e.g. 'aleksei') a nominative given name or diminutive in any script stands for.

    A Cyrillic word is looked up among the Cyrillic forms only: the Western forms are there for
    Latin text, and their skeletons can be a Russian surname's (Andrew and Андреев).
    """
    lex = lexicon()
    cyrillic = any(is_cyrillic(ch) for ch in word)
    index = lex.cyrillic_given_index if cyrillic else lex.given_index
    found: set[str] = set()
    for skel in skeletons(word):
        found |= index.get(skel, frozenset())
        if diminutives:
            found |= lex.diminutive_index.get(skel, frozenset())
    if found and not cyrillic and _LATIN_SURNAME.search(_fold(word)) and not is_name_form(word):
        return frozenset()
    return frozenset(found)


@lru_cache(maxsize=65536)
def patronymic_concepts(word: str) -> frozenset[str]:
    """Father's-name concepts a nominative patronymic in any script is formed from."""
    index = lexicon().patronymic_index
    found: set[str] = set()
    for skel in skeletons(word):
        found |= index.get(skel, frozenset())
    return frozenset(found)


def concept_gender(concepts: Iterable[str]) -> str | None:
    """'m' or 'f' when all the concepts agree on a gender, else None."""
    names = lexicon().names
    genders = {names[c].gender for c in concepts if c in names}
    return genders.pop() if len(genders) == 1 else None


def concept_language(word: str) -> str | None:
    """'ru' or 'uk' when a Cyrillic given-name form belongs to only one language's table."""
    lex = lexicon()
    low = word.lower()
    in_ru, in_uk = low in lex.ru_forms, low in lex.uk_forms
    if in_ru != in_uk:
        return "ru" if in_ru else "uk"
    return None
